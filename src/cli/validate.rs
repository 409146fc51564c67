//! `toewijzer validate`: does each proposed allocation comply?

use std::path::PathBuf;

use clap::Args;

use super::allocate::json;
use super::output::{fail, write};
use super::workflow_args::WorkflowArgs;
use super::{ReportFormat, exit};
use toewijzer::pipeline::{SetupError, load_inputs_with};
use toewijzer::pipeline::{ValidateError, validate};
use toewijzer::render::workflow;

/// Arguments of `validate`.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    #[command(flatten)]
    common: WorkflowArgs,
    /// The proposals (the data folder's `proposals.yaml` when not given).
    #[arg(long, value_name = "FILE")]
    proposals: Option<PathBuf>,
}

/// Judges every proposal; exit 0 when all comply, 1 when any does not,
/// 2 on bad input.
pub fn run(args: &ValidateArgs) -> u8 {
    let c = &args.common;
    let result = (|| -> Result<(String, bool), SetupError> {
        let inputs = load_inputs_with(&c.rules, &c.data, args.proposals.as_deref())?;
        let rules = inputs.rule_set().ok_or(SetupError::RuleSetCount {
            paths: c.rules.display().to_string(),
            count: 0,
        })?;
        let mut verdicts = validate(
            rules,
            &inputs.rules.sources,
            &inputs.data,
            inputs.data.proposals(),
            c.seed,
        )
        .map_err(|e| match e {
            ValidateError::Eval(e) => inputs.engine_error(&e),
            ValidateError::UnknownBasis(unknown) => SetupError::Basis(unknown),
        })?;
        if let Some(redactor) = c.redact.redactor(c.seed) {
            redactor.verdicts(&mut verdicts);
        }
        let all = verdicts.iter().all(|v| v.compliant);
        let words = toewijzer::render::Words(c.lang.lang());
        let body = match c.format {
            ReportFormat::Text => workflow::verdicts_text_in(&verdicts, words),
            ReportFormat::Markdown => workflow::verdicts_markdown_in(&verdicts, words),
            ReportFormat::Html => toewijzer::render::html::verdicts(&verdicts),
            ReportFormat::Json => json(&verdicts)?,
            ReportFormat::Csv => toewijzer::render::csv::verdicts(&verdicts)
                .map_err(|e| SetupError::Engine(format!("error: {e}\n")))?,
        };
        Ok((body, all))
    })();
    match result {
        Ok((body, all)) => match write(&body, c.out.as_deref()) {
            exit::OK if !all => exit::NEGATIVE,
            code => code,
        },
        Err(e) => fail(&e),
    }
}
