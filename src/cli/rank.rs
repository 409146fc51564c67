//! `toewijzer rank`: the candidates of one vacancy in rank order, why each
//! ineligible one is out, and what separates neighbours.

use clap::Args;

use super::ReportFormat;
use super::output::{audit, emit, fail, write};
use super::redact_args::RedactArgs;
use super::run_args::RunArgs;
use toewijzer::pipeline::{SetupError, rank_output};
use toewijzer::render::RunSettings;
use toewijzer::render::text;

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
    #[command(flatten)]
    lang: super::lang_arg::LangArgs,
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
    let mut output = rank_output(&inputs.data, &engine, header, unit);
    inputs.settled(&engine)?;
    let redactor = args.redact.redactor(args.run.seed);
    if let Some(redactor) = &redactor {
        redactor.output(&mut output);
    }
    let audit = audit(&engine, redactor.is_some());
    Ok(match args.format {
        ReportFormat::Text => write(&text::render_rankings_in(&output, args.lang.lang()), None),
        format => emit(&output, &audit, format, args.lang.lang(), None),
    })
}
