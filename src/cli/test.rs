//! `toewijzer test`: run rule tests and report like a test runner.

use std::path::PathBuf;

use clap::Args;

use super::exit;
use crate::ruletest::{load_suite, render_text, run_suite};

/// Arguments of `test`.
#[derive(Debug, Args)]
pub struct TestArgs {
    /// Rule-test files or folders (searched for `.yaml` files).
    #[arg(default_value = "rules/heerlen/tests")]
    paths: Vec<PathBuf>,
}

/// Runs the tests; exit 0 when all pass, 1 when any fails, 2 when a test
/// file, its data or its rules cannot be used.
pub fn run(args: &TestArgs) -> u8 {
    let mut suite = load_suite(&args.paths);
    let report = run_suite(&mut suite);
    print!("{}", render_text(&report, &suite.sources));
    if !report.errors.is_empty() {
        exit::BAD_INPUT
    } else if report.failed() > 0 {
        exit::NEGATIVE
    } else {
        exit::OK
    }
}
