//! The formats a run's decisions and rankings are written in: what the
//! command line's `--format` takes and what a streamed run renders.

use clap::ValueEnum;

/// How decisions and rankings are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    /// For people at a terminal.
    Text,
    /// For programs (see `docs/json-format.md`); `verify` recomputes that of `eval`, `explain` and `rank`.
    Json,
    /// An auditor's report.
    Markdown,
    /// The auditor's report as one self-contained page, for a browser or
    /// for print (no external assets, no scripts).
    Html,
    /// One row per decision for a spreadsheet (`eval`, `rank`, `allocate`, `validate`; docs/csv-format.md).
    Csv,
}
