//! `toewijzer allocate`: fill the vacancies in date order under the quotas.

use chrono::NaiveDate;
use clap::Args;

use super::ReportFormat;
use super::output::{fail, write};
use super::workflow_args::WorkflowArgs;
use toewijzer::pipeline::Progress;
use toewijzer::pipeline::allocate_shown;
use toewijzer::pipeline::{SetupError, load_inputs};
use toewijzer::render::workflow;

/// Arguments of `allocate`.
#[derive(Debug, Args)]
pub struct AllocateArgs {
    #[command(flatten)]
    common: WorkflowArgs,
    /// Only vacancies available from this date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = toewijzer::pipeline::parse_date_arg)]
    from: Option<NaiveDate>,
    /// Only vacancies available until this date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = toewijzer::pipeline::parse_date_arg)]
    until: Option<NaiveDate>,
    /// Threads to decide each vacancy's candidates on (the output is the
    /// same for any number).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=256))]
    threads: u32,
}

/// Runs the allocation; exit 0, or 2 on bad input.
pub fn run(args: &AllocateArgs) -> u8 {
    match body(args) {
        Ok(text) => write(&text, args.common.out.as_deref()),
        Err(e) => fail(&e),
    }
}

fn body(args: &AllocateArgs) -> Result<String, SetupError> {
    let c = &args.common;
    let inputs = load_inputs(&c.rules, &c.data)?;
    let rules = inputs.rule_set().ok_or(SetupError::RuleSetCount {
        paths: c.rules.display().to_string(),
        count: 0,
    })?;
    let progress = Progress::on_terminal();
    let run = allocate_shown(
        rules,
        &inputs.rules.sources,
        &inputs.data,
        (args.from, args.until),
        (c.seed, usize::try_from(args.threads).unwrap_or(1)),
        (&progress, "allocating"),
    );
    progress.finish();
    let mut run = run.map_err(|e| inputs.engine_error(&e))?;
    if let Some(redactor) = c.redact.redactor(c.seed) {
        redactor.allocation(&mut run);
    }
    let words = toewijzer::render::Words(c.lang.lang());
    Ok(match c.format {
        ReportFormat::Text => workflow::allocation_text_in(&run, words),
        ReportFormat::Markdown => workflow::allocation_markdown_in(&run, words),
        ReportFormat::Html => toewijzer::render::html::allocation(&run),
        ReportFormat::Json => json(&run)?,
        ReportFormat::Csv => toewijzer::render::csv::allocation(&run)
            .map_err(|e| SetupError::Engine(format!("error: {e}\n")))?,
    })
}

/// Pretty JSON with a final line break.
pub fn json<T: serde::Serialize>(value: &T) -> Result<String, SetupError> {
    toewijzer::render::json::render_value(value)
        .map_err(|e| SetupError::Engine(format!("error: cannot write JSON: {e}\n")))
}
