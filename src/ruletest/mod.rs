//! Rule tests: YAML files in which a policy officer states, without writing
//! Rust, what the rules must decide for an applicant and a unit on a date —
//! and the runner that holds the rules to it (`toewijzer test`).
//!
//! The format is documented in `rules/heerlen/tests/README.md`. The stages
//! mirror the rest of the crate: [`read`] turns a file into [`spec`] cases
//! (every problem collected with its line), [`run`] builds each case's data
//! and decision and [`compare`]s it, and [`render`] writes the report.

pub(crate) mod compare;
pub(crate) mod error;
pub mod export;
mod fields;
mod merge;
pub(crate) mod read;
pub(crate) mod render;
pub(crate) mod run;
pub(crate) mod spec;

pub use read::load_suite;
pub use render::render_text;
pub use run::run_suite;
