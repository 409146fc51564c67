//! Everything that makes a rule-test file unusable (as opposed to a test
//! that fails): each problem with its place in the file, rendered like every
//! other diagnostic of the crate.

use thiserror::Error;

use crate::diagnostics::{Diagnostic, Severity, ToDiagnostic};
use crate::model::LoadError;
use crate::model::error::nearest;
use crate::source::Span;

/// One problem with a rule-test file or a case in it.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RuleTestError {
    /// A path that cannot be read, or holds no test files.
    #[error("cannot read `{path}`: {reason}")]
    Unreadable {
        /// The path as given.
        path: String,
        /// Why.
        reason: String,
    },
    /// Not YAML, or YAML the format refuses (aliases, tags, a second document).
    #[error("not a usable YAML test file: {reason}")]
    Yaml {
        /// Where the reader stopped.
        span: Span,
        /// Why.
        reason: String,
    },
    /// A key the format does not have.
    #[error("unknown key `{key}` in {context}")]
    UnknownKey {
        /// The key.
        span: Span,
        /// The key's text.
        key: String,
        /// Where (`case `art8 exactly six years``, `expect`…).
        context: String,
        /// The keys allowed there.
        allowed: &'static [&'static str],
    },
    /// A required key is absent.
    #[error("missing key `{key}` in {context}")]
    MissingKey {
        /// The mapping that lacks it.
        span: Span,
        /// The key.
        key: &'static str,
        /// Where.
        context: String,
    },
    /// A value of the wrong kind.
    #[error("expected {expected}, found {found}")]
    WrongType {
        /// Where.
        span: Span,
        /// What the format wants.
        expected: String,
        /// What is there.
        found: String,
    },
    /// A key or case name used twice.
    #[error("{what} `{name}` is given twice")]
    Duplicate {
        /// The second use.
        span: Span,
        /// `key`, `case`.
        what: &'static str,
        /// The name.
        name: String,
    },
    /// An inline record or an override that the data format refuses.
    #[error("in the test data: {0}")]
    Data(LoadError),
    /// A data folder that does not load.
    #[error("the data folder `{path}` does not load ({count} problem{s})", s = if *count == 1 { "" } else { "s" })]
    DataFolder {
        /// The `data:` value.
        span: Span,
        /// The folder.
        path: String,
        /// How many problems.
        count: usize,
    },
    /// A rule set that cannot be found or does not check clean.
    #[error("the rules `{path}` {why}")]
    Rules {
        /// The `rules:` value.
        span: Span,
        /// The path.
        path: String,
        /// What is wrong with them.
        why: String,
    },
    /// An applicant, unit or complex id that is not in the data.
    #[error("no {kind} `{id}` in the data")]
    UnknownRecord {
        /// The id in the test.
        span: Span,
        /// `applicant`, `unit`.
        kind: &'static str,
        /// The id.
        id: String,
        /// The closest id that exists.
        nearest: Option<String>,
    },
    /// An expectation naming a rule the rule set does not have, or one of
    /// another kind (a priority listed as a gate).
    #[error("no {kind} `{id}` in the rules")]
    UnknownRule {
        /// The id in the test.
        span: Span,
        /// `gate`, `priority group`, `classification`, `points rule`, `parameter`.
        kind: &'static str,
        /// The id.
        id: String,
        /// The ids of that kind that exist.
        known: Vec<String>,
    },
    /// The engine cannot start for this case (the rules do not compile for
    /// the date, a unit without a complex).
    #[error("the case cannot be evaluated: {reason}")]
    Engine {
        /// The case.
        span: Span,
        /// Why.
        reason: String,
    },
}

impl RuleTestError {
    fn code(&self) -> &'static str {
        match self {
            RuleTestError::Unreadable { .. } => "E0901",
            RuleTestError::Yaml { .. } => "E0902",
            RuleTestError::UnknownKey { .. } => "E0903",
            RuleTestError::MissingKey { .. } => "E0904",
            RuleTestError::WrongType { .. } => "E0905",
            RuleTestError::Duplicate { .. } => "E0906",
            RuleTestError::Data(e) => e.to_diagnostic().code,
            RuleTestError::DataFolder { .. } => "E0907",
            RuleTestError::Rules { .. } => "E0908",
            RuleTestError::UnknownRecord { .. } => "E0909",
            RuleTestError::UnknownRule { .. } => "E0910",
            RuleTestError::Engine { .. } => "E0911",
        }
    }

    fn span(&self) -> Option<Span> {
        match self {
            RuleTestError::Unreadable { .. } => None,
            RuleTestError::Data(e) => e.to_diagnostic().span,
            RuleTestError::Yaml { span, .. }
            | RuleTestError::UnknownKey { span, .. }
            | RuleTestError::MissingKey { span, .. }
            | RuleTestError::WrongType { span, .. }
            | RuleTestError::Duplicate { span, .. }
            | RuleTestError::DataFolder { span, .. }
            | RuleTestError::Rules { span, .. }
            | RuleTestError::UnknownRecord { span, .. }
            | RuleTestError::UnknownRule { span, .. }
            | RuleTestError::Engine { span, .. } => Some(*span),
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            RuleTestError::UnknownKey { key, allowed, .. } => {
                Some(match nearest(key, allowed.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("expected one of {}", words(allowed.iter().copied())),
                })
            }
            RuleTestError::Yaml { reason, .. } if reason.contains("mapping values") => Some(
                "text that contains `: ` must be put in quotes, e.g. `name: 'art. 8: one day short'`"
                    .into(),
            ),
            RuleTestError::Data(e) => e.to_diagnostic().hint,
            RuleTestError::DataFolder { path, .. } => Some(format!(
                "run `toewijzer check-data {path}` to see every problem"
            )),
            RuleTestError::Rules { path, .. } => {
                Some(format!("run `toewijzer check {path}` to see every problem"))
            }
            RuleTestError::UnknownRecord {
                nearest: Some(near),
                ..
            } => Some(format!("did you mean `{near}`?")),
            RuleTestError::UnknownRule { id, known, .. } => {
                Some(match nearest(id, known.iter().map(String::as_str)) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!(
                        "expected one of {}",
                        words(known.iter().map(String::as_str))
                    ),
                })
            }
            _ => None,
        }
    }
}

fn words<'a>(words: impl Iterator<Item = &'a str>) -> String {
    words
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl ToDiagnostic for RuleTestError {
    fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            code: self.code(),
            severity: Severity::Error,
            message: self.to_string(),
            span: self.span(),
            hint: self.hint(),
            labels: Vec::new(),
        }
    }
}
