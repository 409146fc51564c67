//! `toewijzer report`: what a period of allocations did to each complex,
//! buurt and quota.

use chrono::NaiveDate;
use clap::Args;

use super::allocate::json;
use super::output::{fail, write};
use super::workflow_args::WorkflowArgs;
use super::{ReportFormat, exit};
use toewijzer::pipeline::period_report;
use toewijzer::pipeline::{SetupError, load_inputs};
use toewijzer::render::workflow;

/// Arguments of `report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    #[command(flatten)]
    common: WorkflowArgs,
    /// First day of the period.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = toewijzer::pipeline::parse_date_arg)]
    from: NaiveDate,
    /// Last day of the period.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = toewijzer::pipeline::parse_date_arg)]
    until: NaiveDate,
}

/// Reports on the period (text, Markdown or JSON); exit 0, or 2 on bad
/// input: a period that runs backwards or lies outside the rule set's term.
pub fn run(args: &ReportArgs) -> u8 {
    let c = &args.common;
    if args.from > args.until {
        eprintln!(
            "error: the period runs backwards: `--from {}` is after `--until {}`\n = help: give the first day of the period as `--from` and the last as `--until`",
            args.from, args.until
        );
        return exit::BAD_INPUT;
    }
    let result = (|| -> Result<String, SetupError> {
        let inputs = load_inputs(&c.rules, &c.data)?;
        let rules = inputs.rule_set().ok_or(SetupError::RuleSetCount {
            paths: c.rules.display().to_string(),
            count: 0,
        })?;
        if let Some((first, last)) = rules.in_force {
            let term = format!(
                "the rule set `{}` is in force from {first} until {last}",
                rules.name
            );
            if args.until < first || args.from > last {
                return Err(SetupError::Engine(format!(
                    "error: the period {} to {} lies outside the rule set's term: {term}\n = help: report on a period inside the term, or use the rule set that was in force then\n",
                    args.from, args.until
                )));
            }
            if args.from < first || args.until > last {
                eprintln!(
                    "warning: the period {} to {} reaches outside the rule set's term: {term}\n = help: allocations outside the term were made under other rules; only the days inside it are judged by these\n",
                    args.from, args.until
                );
            }
        }
        let report = period_report(
            rules,
            &inputs.rules.sources,
            &inputs.data,
            args.from,
            args.until,
        )
        .map_err(|e| inputs.engine_error(&e))?;
        let words = toewijzer::render::Words(c.lang.lang());
        Ok(match c.format {
            ReportFormat::Json => json(&report)?,
            ReportFormat::Text => workflow::period_text_in(&report, words),
            ReportFormat::Markdown => workflow::period_markdown_in(&report, words),
            ReportFormat::Html => toewijzer::render::html::period(&report),
            ReportFormat::Csv => {
                return Err(SetupError::Engine(
                    "error: `report` writes text, JSON, Markdown or HTML, not CSV\n".into(),
                ));
            }
        })
    })();
    match result {
        Ok(body) => write(&body, c.out.as_deref()),
        Err(e) => fail(&e),
    }
}
