//! `toewijzer verify`: recompute a JSON output and say whether it is
//! unchanged. Exit 0 unchanged, 1 on any difference, 2 on bad input.

use std::path::PathBuf;

use clap::Args;

use super::exit;
use super::output::fail;
use toewijzer::pipeline::load_inputs;
use toewijzer::pipeline::{Difference, verify};
use toewijzer::render::json;
use toewijzer::tools::serve::replay;
use toewijzer::tools::serve::{Snapshot, Sources};

/// Arguments of `verify`.
#[derive(Debug, Args)]
pub struct VerifyArgs {
    /// A JSON output of `eval`, `explain` or `rank`, or a decision log of
    /// `serve` (every entry is asked again).
    file: PathBuf,
    /// The rule set's folder or root file, as given when the file was made.
    #[arg(long, value_name = "DIR")]
    rules: PathBuf,
    /// The data folder, as given when the file was made.
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// The pseudonym key of a redacted file; default: derived from its seed.
    #[arg(long, value_name = "KEY")]
    redact_key: Option<String>,
}

/// Recomputes the file and reports every difference.
pub fn run(args: &VerifyArgs) -> u8 {
    let text = match std::fs::read_to_string(&args.file) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: cannot read `{}`: {}", args.file.display(), e.kind());
            return exit::BAD_INPUT;
        }
    };
    if toewijzer::tools::serve::is_log(&text) {
        return replay_log(args, &text);
    }
    let recorded = match json::parse(&text) {
        Ok(output) => output,
        Err(e) => {
            eprintln!(
                "error: `{}` is not a JSON output of `eval`, `explain` or `rank`\n = help: {e}\n = help: `verify` recomputes those; the JSON of `allocate`, `validate` and `report` is not recomputed",
                args.file.display()
            );
            return exit::BAD_INPUT;
        }
    };
    let inputs = match load_inputs(&args.rules, &args.data) {
        Ok(inputs) => inputs,
        Err(e) => return fail(&e),
    };
    let key = args.redact_key.as_ref().map(String::as_bytes);
    let differences = match verify(&inputs, &recorded, key) {
        Ok(d) => d,
        Err(e) => {
            eprint!("{}", e.render());
            return exit::BAD_INPUT;
        }
    };
    for d in &differences {
        println!("{d}");
    }
    if !differences.iter().any(Difference::is_change) {
        println!(
            "unchanged: {} file hashes, {} decisions and {} rankings reproduced",
            recorded
                .header
                .rule_files
                .len()
                .saturating_add(recorded.header.input_files.len()),
            recorded.decisions.len(),
            recorded.rankings.len()
        );
        exit::OK
    } else {
        let count = differences.iter().filter(|d| d.is_change()).count();
        println!(
            "changed: {count} difference{}",
            if count == 1 { "" } else { "s" }
        );
        exit::NEGATIVE
    }
}

/// Asks every entry of a decision log again and reports each that differs.
fn replay_log(args: &VerifyArgs, text: &str) -> u8 {
    let sources = Sources {
        rules: args.rules.clone(),
        data: args.data.clone(),
    };
    let snapshot = match Snapshot::load(&sources, 1) {
        Ok(snapshot) => snapshot,
        Err(e) => return fail(&e),
    };
    let entries = replay(&snapshot, text, args.redact_key.as_deref());
    let mut changed = 0usize;
    let mut skipped = 0usize;
    for entry in &entries {
        let line = entry.line;
        for d in &entry.differences {
            println!("entry {line}: {d}");
        }
        if let Some(why) = &entry.failed {
            println!("entry {line}: {why}");
        }
        if let Some(why) = &entry.skipped {
            println!("entry {line}: skipped: {why}");
            skipped = skipped.saturating_add(1);
        }
        if entry.changed() {
            changed = changed.saturating_add(1);
        }
    }
    let asked = entries.len().saturating_sub(skipped);
    if changed == 0 {
        println!(
            "unchanged: {asked} decision log entr{} asked again and reproduced{}",
            if asked == 1 { "y" } else { "ies" },
            if skipped == 0 {
                String::new()
            } else {
                format!(", {skipped} skipped")
            }
        );
        exit::OK
    } else {
        println!(
            "changed: {changed} of {} entr{} differ",
            entries.len(),
            if entries.len() == 1 { "y" } else { "ies" }
        );
        exit::NEGATIVE
    }
}
