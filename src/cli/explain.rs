//! `toewijzer explain`: one decision with its full trace: every rule, what
//! it read, what it compared, and the legal source it rests on.

use clap::Args;

use super::ReportFormat;
use super::output::{audit, emit, fail};
use super::redact_args::RedactArgs;
use super::run_args::RunArgs;
use toewijzer::pipeline::{SetupError, evaluate};
use toewijzer::render::RunSettings;

/// Arguments of `explain`.
#[derive(Debug, Args)]
pub struct ExplainArgs {
    #[command(flatten)]
    run: RunArgs,
    /// The applicant.
    #[arg(long, value_name = "ID")]
    applicant: String,
    /// The unit.
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

/// Explains one decision.
pub fn run(args: &ExplainArgs) -> u8 {
    match explain(args) {
        Ok(code) => code,
        Err(e) => fail(&e),
    }
}

fn explain(args: &ExplainArgs) -> Result<u8, SetupError> {
    let inputs = args.run.load()?;
    let unit = inputs.unit(&args.unit)?;
    let applicant = inputs.applicant(&args.applicant)?;
    let engine = inputs.engine(args.run.date, args.run.seed)?;
    let header = inputs.header(RunSettings {
        date: args.run.date,
        seed: args.run.seed,
        redacted: false,
        traced: true,
    })?;
    let mut output = evaluate(&engine, header, &[(applicant, unit)]);
    inputs.settled(&engine)?;
    let redactor = args.redact.redactor(args.run.seed);
    if let Some(redactor) = &redactor {
        redactor.output(&mut output);
    }
    let audit = audit(&engine, redactor.is_some());
    Ok(emit(&output, &audit, args.format, args.lang.lang(), None))
}
