//! toewijzer: a rules engine for tenancy allocation decisions in designated
//! fragile housing complexes.
//!
//! The pipeline, one module per stage:
//! [`syntax`] parses rule files into an AST with spans, [`check`] resolves
//! names and types and enforces the legal limits on rule sets, and
//! [`diagnostics`] renders what any stage found.

pub mod diagnostics;
pub mod fmt;
pub mod source;
pub mod syntax;
pub mod vocab;
