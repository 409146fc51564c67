//! What stops a run: rules that cannot be applied on the date, or a
//! decision that could not be made because a calculation had no result.

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
    /// A complex designated of a kind the rule set does not declare (the
    /// loader refuses such data with its place when it knows the rule set;
    /// this catches data assembled otherwise, as in rule tests).
    #[error("complex `{complex}` is designated `{kind}`, which the rule set does not declare")]
    UndeclaredKind {
        /// The complex.
        complex: String,
        /// The kind.
        kind: String,
    },
    /// Decisions that could not be made (E0604), one error per calculation.
    #[error("{} calculations in the rules had no result", .0.len())]
    Undecided(Vec<Diagnostic>),
}

impl EvalError {
    /// Every diagnostic this error stands for.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            EvalError::Undecided(diagnostics) => diagnostics.clone(),
            other => vec![other.to_diagnostic()],
        }
    }
}

impl ToDiagnostic for EvalError {
    fn to_diagnostic(&self) -> Diagnostic {
        match self {
            EvalError::Compile(e) => e.to_diagnostic(),
            EvalError::Undecided(diagnostics) => {
                diagnostics.first().cloned().unwrap_or_else(|| Diagnostic {
                    code: "E0604",
                    severity: Severity::Error,
                    message: self.to_string(),
                    span: None,
                    hint: None,
                    labels: Vec::new(),
                })
            }
            EvalError::UndeclaredKind { .. } => Diagnostic {
                code: "E0605",
                severity: Severity::Error,
                message: self.to_string(),
                span: None,
                hint: Some(
                    "declare the kind in the rule set (`designation NAME \"title\" source \"…\"`), or correct the data".into(),
                ),
                labels: Vec::new(),
            },
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
