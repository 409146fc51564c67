//! The pest parser generated from `grammar/toewijzer.pest`.
//!
//! Kept private to the `syntax` module: the rest of the crate sees only the
//! AST and [`super::SyntaxError`], never pest's `Rule` or pairs.

use pest_derive::Parser;

/// The generated parser; `Rule` is its enum of grammar rules.
#[derive(Parser)]
#[grammar = "grammar/toewijzer.pest"]
pub(crate) struct RuleParser;
