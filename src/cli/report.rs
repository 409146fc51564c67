//! `toewijzer report`: what a period of allocations did to each complex,
//! buurt and quota.

use chrono::NaiveDate;
use clap::Args;

use super::ReportFormat;
use super::allocate::json;
use super::output::{fail, write};
use super::workflow_args::WorkflowArgs;
use crate::allocate::period_report;
use crate::report::workflow;
use crate::run::{SetupError, load_inputs};

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    common: WorkflowArgs,
    /// First day of the period.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::model::dates::parse_date_arg)]
    from: NaiveDate,
    /// Last day of the period.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = crate::model::dates::parse_date_arg)]
    until: NaiveDate,
}

/// Reports on the period (Markdown unless `--format json`); exit 0, or 2
/// on bad input.
pub fn run(args: &ReportArgs) -> u8 {
    let c = &args.common;
    let result = (|| -> Result<String, SetupError> {
        let inputs = load_inputs(&c.rules, &c.data)?;
        let rules = inputs.rule_set().ok_or(SetupError::RuleSetCount {
            paths: c.rules.display().to_string(),
            count: 0,
        })?;
        let report = period_report(
            rules,
            &inputs.rules.sources,
            &inputs.data,
            args.from,
            args.until,
        )
        .map_err(|e| inputs.engine_error(&e))?;
        Ok(match c.format {
            ReportFormat::Json => json(&report)?,
            ReportFormat::Text | ReportFormat::Markdown => workflow::period_markdown(&report),
        })
    })();
    match result {
        Ok(body) => write(&body, c.out.as_deref()),
        Err(e) => fail(&e),
    }
}
