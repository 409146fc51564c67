//! Arithmetic without an answer. A rule that multiplies an income past the
//! range of exact decimals, divides by zero or moves a date off the
//! calendar has not decided anything: such a decision is an error the run
//! reports at the calculation's place, never a refusal (or an admission)
//! that a gate reached by reading "absent".

use std::sync::{Arc, Mutex, PoisonError};

use crate::compile::NodeId;
use crate::diagnostics::{Diagnostic, Severity};
use crate::source::Span;

/// Why a calculation had no result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum FaultKind {
    /// The result lies outside the range of exact decimals or whole numbers.
    Overflow,
    /// A division by zero.
    DivisionByZero,
    /// A date moved before the year 1 or past the calendar's end.
    OffCalendar,
}

impl FaultKind {
    fn words(self) -> &'static str {
        match self {
            FaultKind::Overflow => "the result is too large to compute exactly",
            FaultKind::DivisionByZero => "it divides by zero",
            FaultKind::OffCalendar => "the date falls off the calendar",
        }
    }
}

/// A calculation that had no result, by the node that computed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fault {
    /// The arithmetic node.
    pub(crate) node: NodeId,
    /// Why.
    pub kind: FaultKind,
}

/// A decision that could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Undecided {
    /// The applicant's id.
    pub applicant: String,
    /// The unit's id.
    pub unit: String,
    /// The calculation.
    pub fault: Fault,
    /// Where the calculation is written (the node ids of the programs of
    /// one run's dates need not agree, the places do).
    pub span: Option<Span>,
}

/// The undecided decisions of a run, shared by every engine of the run so
/// that none is lost when an allocation drops a day's engine. Only a fault
/// takes the lock: a run without one never touches it.
#[derive(Debug, Clone, Default)]
pub struct FaultLog(Arc<Mutex<FaultEntries>>);

#[derive(Debug, Default)]
struct FaultEntries {
    /// The first decision per calculation, in the order found, with the
    /// number of decisions it left unmade.
    first: Vec<(Undecided, u64)>,
    /// The pair noted last, so a pair decided twice in a row (a record and
    /// its letter) counts once.
    last: Option<(String, String)>,
}

/// Calculations reported one by one; the rest are counted.
const REPORTED: usize = 20;

impl FaultLog {
    /// Notes one undecided decision.
    pub(crate) fn note(&self, undecided: Undecided) {
        let mut entries = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        let pair = (undecided.applicant.clone(), undecided.unit.clone());
        if entries.last.as_ref() == Some(&pair) {
            return;
        }
        entries.last = Some(pair);
        if let Some((_, count)) = entries
            .first
            .iter_mut()
            .find(|(u, _)| u.span == undecided.span && u.fault.kind == undecided.fault.kind)
        {
            *count = count.saturating_add(1);
        } else if entries.first.len() < REPORTED {
            entries.first.push((undecided, 1));
        }
    }

    /// Whether every decision so far could be made.
    pub fn is_empty(&self) -> bool {
        self.0
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .first
            .is_empty()
    }

    /// `Ok` when every decision could be made, else the error that says
    /// which could not.
    pub fn settled(&self) -> Result<(), super::EvalError> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(super::EvalError::Undecided(self.diagnostics()))
        }
    }

    /// One error per calculation that had no result (E0604), located at it.
    pub(crate) fn diagnostics(&self) -> Vec<Diagnostic> {
        let entries = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        entries
            .first
            .iter()
            .map(|(u, count)| {
                let more = match count.saturating_sub(1) {
                    0 => String::new(),
                    1 => " (and 1 more decision)".to_owned(),
                    n => format!(" (and {n} more decisions)"),
                };
                Diagnostic {
                    code: "E0604",
                    severity: Severity::Error,
                    message: format!(
                        "this calculation has no result for applicant `{}` and unit `{}`{more}: {}",
                        u.applicant,
                        u.unit,
                        u.fault.kind.words()
                    ),
                    span: u.span,
                    hint: Some(
                        "no decision was made: check the amounts and dates in the data, \
                         or bound the calculation in the rule"
                            .to_owned(),
                    ),
                    labels: Vec::new(),
                }
            })
            .collect()
    }
}
