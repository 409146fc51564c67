//! The stages the command line chains, for a caller that wants each
//! command's own steps rather than the few calls of [`crate::RuleSet`]:
//! load and check the inputs, compile an engine for a date, decide pairs
//! (all at once or streamed), run the workflows, and compare a recorded
//! run with a new one. The command line is built on these, with
//! [`crate::render`] to write the answers and [`crate::tools`].

pub use crate::allocate::{
    Stopped, ValidateError, allocate_into, allocate_on, allocate_shown, period_report, validate,
};
pub use crate::diff::{DiffRequest, run_diff};
pub use crate::eval::{Engine, FaultKind};
pub use crate::model::dates::parse_date_arg;
pub use crate::progress::Progress;
pub use crate::run::{
    CheckReport, Inputs, SetupError, check_paths, check_rule_set, evaluate, evaluate_ranked,
    load_inputs, load_inputs_with, rank_output, select_pairs,
};
pub use crate::simulate::{SimulateRequest, run_simulate};
pub use crate::stream::{EvalStream, StreamError};
pub use crate::verify::{Difference, verify};

/// Data folders read and written whole: YAML or CSV, and synthetic ones.
pub mod data {
    pub use crate::model::csv::write_csv_dataset;
    pub use crate::model::stream::FolderSink;
    pub use crate::model::{
        GenerateOptions, generate_into, load_dataset, load_dataset_for, write_dataset,
    };
}
