//! The arguments the allocation workflows share: rules, data, seed, output.

use std::path::PathBuf;

use clap::Args;

use super::ReportFormat;
use super::redact_args::RedactArgs;

/// Where the rules and data are; each vacancy or proposal brings its own date.
#[derive(Debug, Args)]
pub struct WorkflowArgs {
    /// A rule set's folder or root file.
    #[arg(long, value_name = "DIR")]
    pub rules: PathBuf,
    /// The data folder (see docs/data-format.md).
    #[arg(long, value_name = "DIR")]
    pub data: PathBuf,
    /// The lottery seed; the same seed gives the same draw.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    pub format: ReportFormat,
    /// Write the output to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    #[command(flatten)]
    pub redact: RedactArgs,
    #[command(flatten)]
    pub lang: super::lang_arg::LangArgs,
}
