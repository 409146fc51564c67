//! What can stop a checked rule set from being compiled for a reference date.

use chrono::NaiveDate;
use thiserror::Error;

use crate::diagnostics::{Diagnostic, Severity, ToDiagnostic};
use crate::source::Span;

/// A rule set cannot be applied on this reference date.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CompileError {
    /// No value of a parameter is in force on the date: an error, never a zero.
    #[error("parameter `{param}` has no value in force on {date}")]
    NoValueInForce {
        /// The parameter.
        param: String,
        /// The reference date.
        date: NaiveDate,
        /// The first date it has a value from.
        first: Option<NaiveDate>,
        /// The parameter's declaration.
        span: Span,
    },
    /// The ordinance the rules rest on is not in force on the date.
    #[error("the rule set `{ruleset}` is not in force on {date}")]
    NotInForce {
        /// The rule set.
        ruleset: String,
        /// The reference date.
        date: NaiveDate,
        /// First day in force.
        from: NaiveDate,
        /// Last day in force.
        until: NaiveDate,
    },
}

impl ToDiagnostic for CompileError {
    fn to_diagnostic(&self) -> Diagnostic {
        let (code, span, hint) = match self {
            CompileError::NoValueInForce { first, span, .. } => (
                "E0601",
                Some(*span),
                Some(first.map_or_else(
                    || "give the parameter a value `from` a date on or before the reference date".to_owned(),
                    |f| format!("its first value is in force from {f}; choose a later reference date or add an earlier value"),
                )),
            ),
            CompileError::NotInForce { from, until, .. } => (
                "E0602",
                None,
                Some(format!("the ordinance is in force from {from} until {until}")),
            ),
        };
        Diagnostic {
            code,
            severity: Severity::Error,
            message: self.to_string(),
            span,
            hint,
            labels: Vec::new(),
        }
    }
}
