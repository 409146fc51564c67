//! `toewijzer check-data`: load a data folder and report every problem.

use std::path::PathBuf;

use clap::Args;

use super::output::fail;
use super::{Format, exit};
use toewijzer::pipeline::SetupError;
use toewijzer::pipeline::data::load_dataset_for;
use toewijzer::render::diagnostics::summary;

/// Arguments of `check-data`.
#[derive(Debug, Args)]
pub struct CheckDataArgs {
    /// The data folder (`applicants.yaml`, `units.yaml`, …).
    #[arg(default_value = "fixtures/heerlen-noord")]
    dir: PathBuf,
    /// The rule set the data is for: its designation kinds are the only
    /// ones the data may name. Without it any kind is taken, and the text
    /// output says so.
    #[arg(long, value_name = "DIR")]
    rules: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// The designation kinds of the rule set at `rules`.
fn kinds_of(rules: &std::path::Path) -> Result<Vec<String>, SetupError> {
    let report = toewijzer::pipeline::check_rule_set(rules)?;
    Ok(report
        .rule_sets
        .first()
        .map(|r| r.designation_kinds.iter().map(|k| k.name.clone()).collect())
        .unwrap_or_default())
}

/// Loads the folder; exit 0 when it loads clean, 2 on any problem (data a
/// decision cannot rest on is bad input, not a negative outcome).
pub fn run(args: &CheckDataArgs) -> u8 {
    let kinds = match args.rules.as_deref().map(kinds_of).transpose() {
        Ok(kinds) => kinds,
        Err(e) => return fail(&e),
    };
    let words: Option<Vec<&str>> = kinds
        .as_ref()
        .map(|k| k.iter().map(String::as_str).collect());
    match load_dataset_for(&args.dir, None, words.as_deref()) {
        Ok(data) => {
            match args.format {
                Format::Json => println!("[]"),
                Format::Text => {
                    if kinds.is_none() {
                        eprintln!(
                            "note: designation kinds not checked; give `--rules DIR` to check them against the rule set"
                        );
                    }
                    println!(
                        "`{}` loads clean: {} applicants, {} units, {} complexes, {} buurten, {} past allocations, {} reactions, {} proposals",
                        args.dir.display(),
                        data.applicants().len(),
                        data.units().len(),
                        data.complexes().len(),
                        data.buurten().len(),
                        data.history().len(),
                        data.reactions().len(),
                        data.proposals().len()
                    );
                }
            }
            exit::OK
        }
        Err(errors) => {
            match args.format {
                Format::Json => println!("{}", errors.render_json()),
                Format::Text => {
                    print!("{}", errors.render_text());
                    println!(
                        "`{}`: {}",
                        args.dir.display(),
                        summary(&errors.diagnostics())
                    );
                }
            }
            exit::BAD_INPUT
        }
    }
}
