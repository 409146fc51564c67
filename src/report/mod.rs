//! Reports of a run: the header that makes it reproducible, the renderers
//! (text, JSON, Markdown, HTML) and redaction. Renderers read only the records of
//! `eval::record`, never the evaluator.

pub mod allocation_stream;
pub mod audit;
pub mod csv;
pub(crate) mod format;
pub mod header;
pub mod html;
pub mod json;
pub mod markdown;
pub mod redact;
pub mod text;
pub mod words;
pub mod workflow;
pub(crate) mod wrap;

#[cfg(test)]
pub(crate) mod testdata;

pub use format::ReportFormat;
