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
mod compile;
mod confine;
mod variant;

pub use api::{pipeline, render, tools};

pub use allocate::record::{AllocationRun, Verdict};
pub use api::{
    AllocateError, CompileError, Compiled, Data, DataError, DecideError, RankError, RuleSet,
    RuleSetError, SimulateError, Simulation, ValidateError,
};
pub use diagnostics::{Diagnostic, Severity};
pub use eval::record::{DecisionRecord, EvalOutput, Ranking, RunHeader};
pub use simulate::SimulateOutput;

/// The types inside the facade's answers, so that an embedder can name
/// what it reads from a [`DecisionRecord`], an [`AllocationRun`], a
/// [`Verdict`] or a [`SimulateOutput`] (every field is public; these are
/// the same types the command line serialises).
pub mod records {
    pub use crate::allocate::record::{Breach, QuotaState, Skip, Vacancy};
    pub use crate::diff::Count;
    pub use crate::eval::record::{
        Application, ApplicationBasis, Candidate, Event, Evidence, FileHash, Label, Outcome,
        RuleKind, RuleRecord, RuleSetId, Score,
    };
    pub use crate::eval::shown::{Day, General, Generalised, Shown};
    pub use crate::simulate::{
        Figures, GroupFigures, HouseholdPath, HouseholdPaths, Inflow, Refusals, SideReport, Step,
    };
}

// The pipeline's stages and workflows, private: the facade above and the
// modules `pipeline`, `render` and `tools` re-export what callers use, so
// the dead-code lint sees whatever nobody does. Their docs are for
// maintainers (`cargo doc --document-private-items`).
mod allocate;
mod bench;
mod check;
mod diagnostics;
mod diff;
mod eval;
mod fmt;
mod letter;
mod limits;
mod lsp;
mod model;
mod progress;
mod report;
mod ruletest;
mod run;
mod serve;
mod simulate;
mod source;
mod stream;
mod syntax;
mod verify;
mod vocab;
mod words;

// The tests of the modules above, which reach into them: unit tests, so that
// the modules need not be public for them (see the folder's `mod.rs`).
#[cfg(test)]
#[path = "../tests/unit/mod.rs"]
mod unit_tests;
