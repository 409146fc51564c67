//! toewijzer: a rules engine for tenancy allocation decisions in designated
//! fragile housing complexes.
//!
//! # The pipeline
//!
//! Rule text is parsed into an AST with spans, checked (names, types, the
//! legal limits on rule sets), compiled for a reference date (peildatum:
//! parameters fixed to the value in force, the parts of the rules that
//! read only the applicant or only the unit staged) and evaluated per
//! applicant × unit into a decision with an explainable trace. Allocation
//! turns decisions into the workflows (rank a vacancy, validate proposals,
//! allocate a period, simulate variants); every problem on the way is a
//! located diagnostic.
//!
//! # Use as a library
//!
//! [`RuleSet`] loads and checks a rule set, [`Data`] loads a data folder
//! (YAML or CSV) for it, and [`RuleSet::compile`] fixes them to a date as a
//! [`Compiled`], which decides and ranks. [`RuleSet::validate`],
//! [`RuleSet::allocate`] and [`Simulation`] run the workflows. Each answer
//! is the record the command line writes as JSON ([`DecisionRecord`],
//! [`EvalOutput`], [`Verdict`], [`AllocationRun`], [`SimulateOutput`]);
//! each failure has its own error type, rendered as the CLI renders it.
//!
//! ```
//! use toewijzer::{Data, RuleSet};
//!
//! let rules = RuleSet::load("rules/heerlen")?;
//! let data = Data::load(&rules, "fixtures/heerlen-noord")?;
//! let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).ok_or("date")?;
//! let compiled = rules.compile(&data, date, 0)?;
//! let decision = compiled.decide("A-001", "U-0101")?;
//! println!("{}", serde_json::to_string_pretty(&decision)?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

#![warn(missing_docs)]
// Tests index and count freely: a panic there is a failed test.
#![cfg_attr(test, allow(clippy::indexing_slicing, clippy::arithmetic_side_effects))]

mod api;

pub use allocate::record::{AllocationRun, Verdict};
pub use api::{
    AllocateError, CompileError, Compiled, Data, DataError, DecideError, RankError, RuleSet,
    RuleSetError, SimulateError, Simulation, ValidateError,
};
pub use diagnostics::{Diagnostic, Severity};
pub use eval::record::{DecisionRecord, EvalOutput, Ranking, RunHeader};
pub use simulate::SimulateOutput;

pub mod allocate;
pub mod bench;
pub mod check;
mod compile;
mod confine;
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
mod variant;
pub mod verify;
pub mod vocab;
pub mod words;
