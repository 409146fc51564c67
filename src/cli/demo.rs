//! `toewijzer` with no arguments: a tour of the bundled Heerlen-Noord
//! scenario, a short summary of its decisions and the next commands to try.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::exit;
use super::output::fail;
use toewijzer::pipeline::{SetupError, load_inputs};

/// The scenario's reference date (see fixtures/heerlen-noord/README.md).
const DATE: (i32, u32, u32) = (2026, 3, 2);
const RULES: &str = "rules";
const DATA: &str = "fixtures/heerlen-noord";

/// The bundled files: beside the working folder when run from the project,
/// else where the project was built.
fn bundled(path: &str) -> PathBuf {
    let here = Path::new(path);
    if here.exists() {
        here.to_path_buf()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
    }
}

/// Evaluates the bundled scenario and prints the summary.
pub fn run() -> u8 {
    match demo() {
        Ok(()) => exit::OK,
        Err(e) => fail(&e),
    }
}

fn demo() -> Result<(), SetupError> {
    let Some(date) = NaiveDate::from_ymd_opt(DATE.0, DATE.1, DATE.2) else {
        return Ok(());
    };
    let inputs = load_inputs(&bundled(RULES), &bundled(DATA))?;
    let engine = inputs.engine(date, 0)?;
    let pairs = engine.default_pairs();
    let (name, version) = inputs
        .rule_set()
        .map_or((String::new(), String::new()), |r| {
            (r.name.clone(), r.version.clone())
        });
    println!("toewijzer: the Heerlen-Noord scenario ({DATA})");
    println!("rule set {name} {version} ({RULES}), reference date {date}");
    println!(
        "{} decisions, one per reaction, on {} vacant units ({} applicant files)\n",
        pairs.len(),
        inputs.data.units().len(),
        inputs.data.applicants().len()
    );
    println!("unit      eligible  not eligible  ranked first");
    let mut example = None;
    for unit in 0..inputs.data.units().len() {
        let ranking = engine.rank(unit, &inputs.candidates(unit));
        let eligible = ranking
            .candidates
            .iter()
            .filter(|c| c.rank.is_some())
            .count();
        let out = ranking.candidates.len().saturating_sub(eligible);
        let first = ranking.candidates.first().filter(|c| c.rank.is_some());
        let shown = first.map_or_else(
            || "nobody eligible".to_owned(),
            |c| match c.keys.first() {
                Some(priority) => format!("{} ({priority})", c.applicant),
                None => c.applicant.clone(),
            },
        );
        println!("{:<9} {eligible:>8}  {out:>12}  {shown}", ranking.unit);
        if example.is_none() && out > 0 {
            if let Some(c) = first {
                example = Some((ranking.unit.clone(), c.applicant.clone()));
            }
        }
    }
    // Commands broken with `\` so every line fits 80 columns.
    let run = format!("--rules {RULES} --data {DATA} \\\n      --date {date}");
    println!("\nnext:");
    if let Some((unit, applicant)) = example {
        println!("  why {applicant} ranks first for {unit}:");
        println!("    toewijzer explain {run} --applicant {applicant} --unit {unit}");
        println!("  the whole ranking, with why the others are out:");
        println!("    toewijzer rank {run} --unit {unit}");
    }
    println!("  every decision as an auditor's report:");
    println!("    toewijzer eval {run} --format markdown --out report.md");
    inputs.settled(&engine)?;
    Ok(())
}
