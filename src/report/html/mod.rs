//! HTML for every report that has a Markdown form: one self-contained page
//! (no external assets, no scripts) that prints well. [`page`] holds the
//! shell, the escaping and the print styles that the letter, the auditor's
//! report, `diff`, `simulate` and the workflows share; [`svg`] draws the
//! charts inline.

pub mod decisions;
pub(crate) mod markup;
pub mod page;
pub(crate) mod svg;
pub mod workflow;

/// Escapes text for an HTML text node or a quoted attribute value: the
/// same escaping the rule tests' JUnit XML uses, so there is one.
pub(crate) use crate::ruletest::export::xml as escape;
