//! `toewijzer simulate`: the period allocated under the baseline and each
//! variant, every household followed, mixing and displacement side by
//! side. Exit 0, or 2 on bad input.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use super::output::{Renderers, fail, write};
use super::redact_args::RedactArgs;
use super::{ReportFormat, exit};
use toewijzer::pipeline::{SimulateRequest, run_simulate};
use toewijzer::render::simulate as render_simulate;

/// Arguments of `simulate`.
#[derive(Debug, Args)]
pub struct SimulateArgs {
    /// A rule set's folder or root file: the baseline.
    #[arg(long, value_name = "DIR")]
    rules: PathBuf,
    /// The data folder (see docs/data-format.md).
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// First day of the period, YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = toewijzer::pipeline::parse_date_arg)]
    from: NaiveDate,
    /// Last day of the period (included), YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = toewijzer::pipeline::parse_date_arg)]
    until: NaiveDate,
    /// A variant file to simulate beside the baseline (repeatable).
    #[arg(long = "variant", value_name = "FILE")]
    variants: Vec<PathBuf>,
    /// The lottery seed, the same on every side.
    #[arg(long, value_name = "N", default_value_t = 0)]
    seed: u64,
    /// One household's path through the period on every side, with traces.
    #[arg(long, value_name = "ID")]
    explain_household: Option<String>,
    /// Threads to decide each vacancy's candidates on (the output is the
    /// same for any number).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=256))]
    threads: u32,
    #[command(flatten)]
    redact: RedactArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    lang: super::lang_arg::LangArgs,
}

/// Simulates and writes the report.
pub fn run(args: &SimulateArgs) -> u8 {
    if args.until < args.from {
        eprintln!(
            "error: the period ends on {}, before it begins on {}",
            args.until, args.from
        );
        return exit::BAD_INPUT;
    }
    let request = SimulateRequest {
        rules: args.rules.clone(),
        data: args.data.clone(),
        from: args.from,
        until: args.until,
        variants: args.variants.clone(),
        seed: args.seed,
        threads: usize::try_from(args.threads).unwrap_or(1),
        explain: args.explain_household.clone(),
        redact: args.redact.redactor(args.seed),
        // Only the text is written in Dutch; JSON, Markdown and HTML keep
        // an explained household's outcomes in English.
        lang: match args.format {
            ReportFormat::Text => args.lang.lang(),
            _ => toewijzer::render::Lang::En,
        },
    };
    let output = match run_simulate(&request) {
        Ok(output) => output,
        Err(e) => return fail(&e),
    };
    let renderers = Renderers {
        command: "simulate",
        text: render_simulate::text,
        markdown: render_simulate::markdown,
        html: render_simulate::html,
        json: render_simulate::json,
    };
    let body = match renderers.render(&output, args.format, args.lang.lang()) {
        Ok(body) => body,
        Err(code) => return code,
    };
    write(&body, args.out.as_deref())
}
