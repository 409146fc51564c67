//! `toewijzer test`: run rule tests and report like a test runner.

use std::path::PathBuf;

use clap::Args;

use super::exit;
use toewijzer::tools::ruletest::{load_suite, render_text, run_suite};
use toewijzer::tools::ruletest::{render_json, render_junit};

/// How `test` writes its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TestFormat {
    /// A line per case, then each failure with its trace (for people).
    Text,
    /// One JSON object: counts, every case, every problem.
    Json,
    /// JUnit XML, for a CI server.
    Junit,
}

/// Arguments of `test`.
#[derive(Debug, Args)]
pub struct TestArgs {
    /// Rule-test files or folders (searched for `.yaml` files).
    #[arg(default_value = "rules/heerlen/tests")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "text")]
    format: TestFormat,
}

/// Runs the tests; exit 0 when all pass, 1 when any fails, 2 when a test
/// file, its data or its rules cannot be used.
pub fn run(args: &TestArgs) -> u8 {
    let mut suite = load_suite(&args.paths);
    let report = run_suite(&mut suite);
    let out = match args.format {
        TestFormat::Text => render_text(&report, &suite.sources),
        TestFormat::Json => render_json(&report, &suite.sources),
        TestFormat::Junit => render_junit(&report, &suite.sources),
    };
    print!("{out}");
    if !report.errors.is_empty() {
        exit::BAD_INPUT
    } else if report.failed() > 0 {
        exit::NEGATIVE
    } else {
        exit::OK
    }
}
