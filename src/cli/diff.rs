//! `toewijzer diff`: every decision under the baseline and under each
//! variant (or another rule folder), reporting only what changed; with
//! `--period`, the allocation of the period both ways. Exit 0 when nothing
//! changed, 1 when something did, 2 on bad input.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use super::output::{Renderers, fail, write};
use super::redact_args::RedactArgs;
use super::run_args::RunArgs;
use super::{ReportFormat, exit};
use toewijzer::pipeline::{DiffRequest, run_diff};
use toewijzer::render::diff as render_diff;

/// Arguments of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    #[command(flatten)]
    run: RunArgs,
    /// A variant file to compare with the baseline (repeatable).
    #[arg(
        long = "variant",
        value_name = "FILE",
        required_unless_present = "rules_new"
    )]
    variants: Vec<PathBuf>,
    /// Another rule folder to compare with the baseline.
    #[arg(long, value_name = "DIR", conflicts_with = "variants")]
    rules_new: Option<PathBuf>,
    /// Allocate the vacancies of this period both ways: FROM..UNTIL.
    #[arg(long, value_name = "FROM..UNTIL", value_parser = parse_period)]
    period: Option<(NaiveDate, NaiveDate)>,
    /// Only this unit (repeatable); default: every unit.
    #[arg(long = "unit", value_name = "ID")]
    units: Vec<String>,
    /// Only this applicant (repeatable), with every unit asked, reacted or not.
    #[arg(long = "applicant", value_name = "ID")]
    applicants: Vec<String>,
    /// Decide every applicant with each unit, not only those who reacted.
    #[arg(long)]
    every_applicant: bool,
    /// Threads to decide each vacancy's candidates on; the output is the
    /// same for any number.
    #[arg(long, value_name = "N", default_value_t = 1)]
    threads: usize,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    redact: RedactArgs,
    #[command(flatten)]
    lang: super::lang_arg::LangArgs,
}

/// `2026-03-01..2026-03-31`, both days included, not running backwards.
pub(super) fn parse_period(text: &str) -> Result<(NaiveDate, NaiveDate), String> {
    let (from, until) = text
        .split_once("..")
        .ok_or_else(|| format!("`{text}` is not a period like `2026-03-01..2026-03-31`"))?;
    let from = toewijzer::pipeline::parse_date_arg(from)?;
    let until = toewijzer::pipeline::parse_date_arg(until)?;
    if until < from {
        return Err(format!(
            "the period ends on {until}, before it begins on {from}"
        ));
    }
    Ok((from, until))
}

/// Compares and writes the changes.
pub fn run(args: &DiffArgs) -> u8 {
    let request = DiffRequest {
        rules: args.run.rules.clone(),
        data: args.run.data.clone(),
        date: args.run.date,
        seed: args.run.seed,
        variants: args.variants.clone(),
        rules_new: args.rules_new.clone(),
        period: args.period,
        units: args.units.clone(),
        applicants: args.applicants.clone(),
        every_applicant: args.every_applicant,
        threads: args.threads,
        redact: args.redact.redactor(args.run.seed),
        // Only the text is written in Dutch; JSON, Markdown and HTML keep
        // the trace lines in English.
        lang: match args.format {
            ReportFormat::Text => args.lang.lang(),
            _ => toewijzer::render::Lang::En,
        },
    };
    let output = match run_diff(&request) {
        Ok(output) => output,
        Err(e) => return fail(&e),
    };
    let renderers = Renderers {
        command: "diff",
        text: render_diff::text,
        markdown: render_diff::markdown,
        html: render_diff::html,
        json: render_diff::json,
    };
    let body = match renderers.render(&output, args.format, args.lang.lang()) {
        Ok(body) => body,
        Err(code) => return code,
    };
    let written = write(&body, args.out.as_deref());
    if written != exit::OK {
        return written;
    }
    let changed = output.comparisons.iter().any(|c| {
        c.changed > 0
            || c.allocation
                .as_ref()
                .is_some_and(|a| a.changed > 0 || a.quotas_changed > 0)
    });
    if changed { exit::NEGATIVE } else { exit::OK }
}
