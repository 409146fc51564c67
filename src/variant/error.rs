//! What can be wrong with a variant before the checker sees it: names it
//! amends that do not exist, and designations no minister could make.

use chrono::NaiveDate;

use crate::diagnostics::{Diagnostic, Severity, ToDiagnostic};
use crate::source::Span;

/// A problem in a variant file, located in it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VariantError {
    /// The variant names another rule set than the one it is applied to.
    #[error("the variant amends `{name}`, but the rule set is `{actual}`")]
    OtherRuleSet {
        /// The name after `amends`.
        name: String,
        /// The rule set's name.
        actual: String,
        /// The name after `amends`.
        span: Span,
    },
    /// A name the baseline does not have.
    #[error("the rule set has no {kind} `{name}`")]
    Unknown {
        /// `param`, `gate`, `region`, …
        kind: &'static str,
        /// The name as written.
        name: String,
        /// The closest name of that kind.
        suggestion: Option<String>,
        /// The name.
        span: Span,
    },
    /// `add` of a name the baseline already has.
    #[error("the rule set already has a {kind} `{name}`")]
    AlreadyDefined {
        /// What kind of item.
        kind: &'static str,
        /// The name.
        name: String,
        /// The name in the variant.
        span: Span,
    },
    /// A complex the data folder does not have.
    #[error("the data has no complex `{id}`")]
    UnknownComplex {
        /// The id as written.
        id: String,
        /// The closest id.
        suggestion: Option<String>,
        /// The id.
        span: Span,
    },
    /// A designation kind that does not exist.
    #[error("`{kind}` is not a designation kind")]
    UnknownDesignationKind {
        /// The kind as written.
        kind: String,
        /// The closest kind.
        suggestion: Option<String>,
        /// The kind.
        span: Span,
    },
    /// A Wbmgp designation without an end or longer than four years
    /// (Wbmgp art. 5 lid 4).
    #[error("a `{kind}` designation runs at most 4 years; this one runs {what}")]
    DesignationTooLong {
        /// The kind.
        kind: String,
        /// `without an end`, `from … through …`.
        what: String,
        /// The clause.
        span: Span,
    },
    /// A designation that ends before it begins.
    #[error("the designation ends on {until}, before it begins on {from}")]
    Backwards {
        /// First day.
        from: NaiveDate,
        /// Last day.
        until: NaiveDate,
        /// The clause.
        span: Span,
    },
    /// `end designation` of one not in force on that day.
    #[error("complex `{complex}` has no `{kind}` designation in force on {on}")]
    NotInForce {
        /// The complex.
        complex: String,
        /// The kind.
        kind: String,
        /// The day.
        on: NaiveDate,
        /// The clause.
        span: Span,
    },
}

impl VariantError {
    /// The stable code (documented in `docs/variants.md`).
    pub fn code(&self) -> &'static str {
        match self {
            VariantError::OtherRuleSet { .. } => "E1001",
            VariantError::Unknown { .. } => "E1002",
            VariantError::AlreadyDefined { .. } => "E1003",
            VariantError::UnknownComplex { .. } => "E1004",
            VariantError::UnknownDesignationKind { .. } => "E1005",
            VariantError::DesignationTooLong { .. } => "E1006",
            VariantError::Backwards { .. } => "E1007",
            VariantError::NotInForce { .. } => "E1008",
        }
    }

    /// Where in the variant file.
    pub fn span(&self) -> Span {
        match self {
            VariantError::OtherRuleSet { span, .. }
            | VariantError::Unknown { span, .. }
            | VariantError::AlreadyDefined { span, .. }
            | VariantError::UnknownComplex { span, .. }
            | VariantError::UnknownDesignationKind { span, .. }
            | VariantError::DesignationTooLong { span, .. }
            | VariantError::Backwards { span, .. }
            | VariantError::NotInForce { span, .. } => *span,
        }
    }

    fn hint(&self) -> Option<String> {
        let mean = |s: &Option<String>| s.as_ref().map(|s| format!("did you mean `{s}`?"));
        match self {
            VariantError::OtherRuleSet { actual, .. } => Some(format!("write `amends {actual}`")),
            VariantError::Unknown {
                suggestion, kind, ..
            } => mean(suggestion).or_else(|| {
                (*kind != "param" && *kind != "order")
                    .then(|| format!("to switch a new {kind} on, write `add {kind} …`"))
            }),
            VariantError::AlreadyDefined { kind, .. } => {
                Some(format!("to rewrite it, write `replace {kind} …`"))
            }
            VariantError::UnknownComplex { suggestion, .. }
            | VariantError::UnknownDesignationKind { suggestion, .. } => mean(suggestion),
            VariantError::DesignationTooLong { .. } => Some(
                "Wbmgp art. 5 lid 4: a designation is for at most four years; a renewal is a \
                 designation of its own"
                    .into(),
            ),
            VariantError::Backwards { .. } => None,
            VariantError::NotInForce { .. } => {
                Some("`end designation … on DATE` ends the designation in force on that day".into())
            }
        }
    }
}

impl ToDiagnostic for VariantError {
    fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            code: self.code(),
            severity: Severity::Error,
            message: self.to_string(),
            span: Some(self.span()),
            hint: self.hint(),
            labels: Vec::new(),
        }
    }
}
