//! Evaluation: applicant files measured against units on a reference date,
//! with every outcome explained.
//!
//! [`Engine`] compiles the rules once for the date and computes each
//! applicant's and each unit's facts once; a decision then only runs the
//! rules. Tracing is a recorder passed to the same evaluator, so a traced
//! decision is always the decision.

mod bits;
pub(crate) mod calendar;
mod engine;
mod error;
mod evidence;
pub(crate) mod fact;
mod facts;
mod fault;
mod held;
mod interpolated;
mod lottery;
mod machine;
mod personal;
mod reactions;
pub mod record;
mod show;
pub(crate) mod shown;
mod trace;
pub(crate) mod value;

pub use engine::{Decision, Engine, GateOutcome, Lineup, QuotaFlags, Reactions};
pub(crate) use error::EvalError;
pub use fault::{FaultKind, FaultLog};
pub use record::ApplicationBasis;
/// A value in words as traces write it, for reports that list values
/// outside a trace (the parameters in force).
pub(crate) use show::show as show_value;
pub(crate) use trace::Trace;
