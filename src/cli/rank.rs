//! `toewijzer rank`: the candidates of one vacancy in rank order, why each
//! ineligible one is out, and what separates neighbours.

use clap::Args;

use super::ReportFormat;
use super::output::{emit, fail, write};
use super::redact_args::RedactArgs;
use super::run_args::RunArgs;
use crate::report::header::RunSettings;
use crate::report::text;
use crate::run::{SetupError, rank_output};

/// Arguments of `rank`.
#[derive(Debug, Args)]
pub struct RankArgs {
    #[command(flatten)]
    run: RunArgs,
    /// The vacancy.
    #[arg(long, value_name = "ID")]
    unit: String,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    #[command(flatten)]
    redact: RedactArgs,
}

/// Ranks the candidates of the unit.
pub fn run(args: &RankArgs) -> u8 {
    match rank(args) {
        Ok(code) => code,
        Err(e) => fail(&e),
    }
}

fn rank(args: &RankArgs) -> Result<u8, SetupError> {
    let inputs = args.run.load()?;
    let unit = inputs.unit(&args.unit)?;
    let engine = inputs.engine(args.run.date, args.run.seed)?;
    let header = inputs.header(RunSettings {
        date: args.run.date,
        seed: args.run.seed,
        redacted: false,
        traced: false,
    })?;
    let mut output = rank_output(&inputs, &engine, header, unit);
    inputs.settled(&engine)?;
    if let Some(redactor) = args.redact.redactor(args.run.seed) {
        redactor.output(&mut output);
    }
    Ok(match args.format {
        ReportFormat::Text => write(&text::render_rankings(&output), None),
        format => emit(&output, format, None),
    })
}
