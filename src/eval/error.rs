//! What can stop an evaluation from starting (it never fails midway).

use thiserror::Error;

use crate::compile::CompileError;
use crate::diagnostics::{Diagnostic, Severity, ToDiagnostic};

/// Why an engine could not be built.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum EvalError {
    /// The rules cannot be applied on the reference date.
    #[error(transparent)]
    Compile(#[from] CompileError),
    /// A unit whose complex or buurt is not in the data (the loader rejects
    /// such data, so this only happens to data built by hand).
    #[error("unit `{unit}` has no complex or buurt in the data")]
    Dangling {
        /// The unit.
        unit: String,
    },
}

impl ToDiagnostic for EvalError {
    fn to_diagnostic(&self) -> Diagnostic {
        match self {
            EvalError::Compile(e) => e.to_diagnostic(),
            EvalError::Dangling { .. } => Diagnostic {
                code: "E0603",
                severity: Severity::Error,
                message: self.to_string(),
                span: None,
                hint: None,
                labels: Vec::new(),
            },
        }
    }
}
