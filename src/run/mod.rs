//! The stages chained the way every command (and the service, the
//! language server, `verify`, `diff` and `simulate`) uses them: rule files
//! read and checked ([`check`]), the one rule set and its data loaded and
//! ids looked up ([`inputs`]), and the decisions and rankings asked for
//! gathered into one [`EvalOutput`](crate::eval::record::EvalOutput)
//! ([`evaluate()`]). This is the one place that chains them.

pub(crate) mod check;
pub mod evaluate;
pub(crate) mod inputs;
pub(crate) mod setup;

pub use check::{CheckReport, check_loaded, check_paths};
pub use evaluate::{evaluate, evaluate_ranked, rank_output, ranked, select_pairs};
pub use inputs::{
    Inputs, applicant_at, check_rule_set, load_data_for, load_inputs, load_inputs_with, unit_at,
};
pub use setup::SetupError;
