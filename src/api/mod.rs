//! The library's front: the few types an embedder needs to load a rule set
//! and its data, compile them for a date, and ask what the command line
//! asks — decide, rank, validate, allocate, simulate — each answer the
//! JSON-serialisable record the CLI writes, each failure its own error
//! type. Everything here goes through [`crate::run`], the one place the
//! stages are chained, so an embedder, the CLI and the service decide alike.

mod compiled;
mod data;
mod error;
pub mod pipeline;
pub mod render;
mod rule_set;
mod simulate;
pub mod tools;

pub use compiled::Compiled;
pub use data::Data;
pub use error::{
    AllocateError, CompileError, DataError, DecideError, RankError, RuleSetError, SimulateError,
    ValidateError,
};
pub use rule_set::RuleSet;
pub use simulate::Simulation;
