//! toewijzer: a rules engine for tenancy allocation decisions in designated
//! fragile housing complexes.
//!
//! The pipeline, one module per stage:
//! [`syntax`] parses rule files into an AST with spans, [`check`] resolves
//! names and types and enforces the legal limits on rule sets, and
//! [`diagnostics`] renders what any stage found. [`model`] loads and
//! validates the data a decision reads. [`fmt`] writes rule files in their
//! canonical layout.

// Tests index and count freely: a panic there is a failed test.
#![cfg_attr(test, allow(clippy::indexing_slicing, clippy::arithmetic_side_effects))]

pub mod allocate;
pub mod bench;
pub mod check;
pub mod cli;
pub mod compile;
pub mod confine;
pub mod diagnostics;
pub mod diff;
pub mod eval;
pub mod fmt;
pub mod letter;
pub mod limits;
pub mod lsp;
pub mod model;
pub mod progress;
pub mod report;
pub mod ruletest;
pub mod run;
pub mod serve;
pub mod simulate;
pub mod source;
pub mod stream;
pub mod syntax;
pub mod variant;
pub mod verify;
pub mod vocab;
pub mod words;
