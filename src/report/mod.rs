//! Reports of a run: the header that makes it reproducible, the renderers
//! (text, JSON, Markdown) and redaction. Renderers read only the records of
//! `eval::record`, never the evaluator.

pub mod csv;
pub mod header;
pub mod json;
pub mod markdown;
pub mod redact;
pub mod text;
pub(crate) mod words;
pub mod workflow;
pub(crate) mod wrap;

#[cfg(test)]
pub(crate) mod testdata;
