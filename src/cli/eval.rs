//! `toewijzer eval`: the decisions for the pairs asked, in text, JSON or
//! Markdown. Decisions are results, not failures: exit 0 whatever they say.

use std::path::PathBuf;

use clap::Args;

use super::ReportFormat;
use super::output::{emit, fail};
use super::redact_args::RedactArgs;
use super::run_args::RunArgs;
use crate::report::header::RunSettings;
use crate::run::{SetupError, evaluate, select_pairs};

/// Arguments of `eval`. Without `--applicant`, whole units are decided and
/// their rankings come with the decisions.
#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    run: RunArgs,
    /// Only this unit (repeatable); default: every unit.
    #[arg(long = "unit", value_name = "ID")]
    units: Vec<String>,
    /// Only this applicant (repeatable); default: every applicant.
    #[arg(long = "applicant", value_name = "ID")]
    applicants: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Record every fact read and comparison made.
    #[arg(long)]
    trace: bool,
    #[command(flatten)]
    redact: RedactArgs,
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

/// Decides the pairs asked and writes them.
pub fn run(args: &EvalArgs) -> u8 {
    match eval(args) {
        Ok(code) => code,
        Err(e) => fail(&e),
    }
}

fn eval(args: &EvalArgs) -> Result<u8, SetupError> {
    let inputs = args.run.load()?;
    let units = args
        .units
        .iter()
        .map(|id| inputs.unit(id))
        .collect::<Result<Vec<_>, _>>()?;
    let applicants = args
        .applicants
        .iter()
        .map(|id| inputs.applicant(id))
        .collect::<Result<Vec<_>, _>>()?;
    let engine = inputs.engine(args.run.date, args.run.seed)?;
    let header = inputs.header(RunSettings {
        date: args.run.date,
        seed: args.run.seed,
        redacted: false,
        traced: args.trace,
    })?;
    let pairs = select_pairs(&engine, &units, &applicants);
    if pairs.is_empty() {
        // Not an error, but an empty report needs a reason.
        eprintln!(
            "note: no reaction matches the units and applicants named; name both \
             `--unit` and `--applicant` to decide a pair without a reaction"
        );
    }
    let mut output = evaluate(&engine, header, &pairs);
    if applicants.is_empty() {
        // Whole units were decided: their rankings come with them, so a
        // report can give each candidate's rank.
        let mut decided: Vec<usize> = pairs.iter().map(|&(_, u)| u).collect();
        decided.dedup();
        for unit in decided {
            output
                .rankings
                .push(engine.rank(unit, &inputs.candidates(unit)));
        }
    }
    inputs.settled(&engine)?;
    if let Some(redactor) = args.redact.redactor(args.run.seed) {
        redactor.output(&mut output);
    }
    Ok(emit(&output, args.format, args.out.as_deref()))
}
