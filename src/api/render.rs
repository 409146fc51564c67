//! Writing the facade's answers for people and programs, as the command
//! line writes them: text for a terminal, Markdown for a document, HTML
//! for a browser or print, JSON for programs, CSV for a corporation's
//! spreadsheets; and the located diagnostics of a failure. Every renderer
//! reads only the records ([`crate::EvalOutput`], [`crate::AllocationRun`],
//! [`crate::Verdict`], …), never the evaluator, so an embedder writes the
//! same bytes the CLI writes for the same answer.
//!
//! ```
//! use toewijzer::render::{Lang, text};
//! use toewijzer::{Data, RuleSet};
//!
//! let rules = RuleSet::load("rules/heerlen")?;
//! let data = Data::load(&rules, "fixtures/heerlen-noord")?;
//! let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).ok_or("date")?;
//! let ranking = rules.compile(&data, date, 0)?.rank("U-0101")?;
//! let words = text::render_rankings_in(&ranking, Lang::Nl);
//! assert!(words.contains("U-0101"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

pub use crate::report::ReportFormat;
pub use crate::report::audit::Audit;
pub use crate::report::header::RunSettings;
pub use crate::report::redact::Redactor;
pub use crate::report::words::Words;
pub use crate::words::Lang;

/// Located diagnostics (file, line, column, what was expected, a hint)
/// for a terminal or as JSON, from the files they point into.
pub mod diagnostics {
    pub use crate::diagnostics::{ToDiagnostic, render_json, render_text, summary};
    pub use crate::source::SourceMap;
}

/// Decisions ([`crate::EvalOutput`]) and rankings for a terminal.
pub mod text {
    pub use crate::report::text::{render_in, render_rankings_in};
}

/// Decisions as JSON, and JSON read back into the record it was written from.
pub mod json {
    pub use crate::report::json::{parse, render, render_value};
}

/// Decisions as an auditor's Markdown report.
pub mod markdown {
    pub use crate::report::markdown::{audit_sections, render_audit};
}

/// Self-contained HTML pages (no external assets; charts as inline SVG).
pub mod html {
    pub use crate::report::html::decisions::render as decisions;
    pub use crate::report::html::page::visible_text;
    pub use crate::report::html::workflow::{allocation, period, verdicts};
}

/// One row per decision, allocation or verdict, for a corporation's own
/// reporting (`docs/csv-format.md`).
pub mod csv {
    pub use crate::report::csv::{allocation, decisions, verdicts};
}

/// The workflows' reports (`allocate`, `validate`, `report`) as text and
/// Markdown, in the words asked.
pub mod workflow {
    pub use crate::report::allocation_stream::{AllocationStream, StreamWriteError, Streamed};
    pub use crate::report::workflow::{
        allocation_markdown_in, allocation_text_in, period_markdown_in, period_text_in,
        verdicts_markdown_in, verdicts_text_in,
    };
}

/// What an auditor's report adds to a run's records: the parameters in
/// force and the command line, with the values that name a person withheld.
pub mod audit {
    pub use crate::report::audit::{command_line, parameters};
}

/// What `diff` found between two rule sets or a variant, in every format
/// but CSV.
pub mod diff {
    pub use crate::diff::render_html::render as html;
    pub use crate::diff::render_json::{parse as parse_json, render as json};
    pub use crate::diff::render_markdown::render as markdown;
    pub use crate::diff::render_text::render_in as text;
}

/// What `simulate` found for each side, in every format but CSV.
pub mod simulate {
    pub use crate::simulate::SIMULATE_SCHEMA_VERSION;
    pub use crate::simulate::render_html::render as html;
    pub use crate::simulate::render_json::{parse as parse_json, render as json};
    pub use crate::simulate::render_markdown::render as markdown;
    pub use crate::simulate::render_text::render_in as text;
}
