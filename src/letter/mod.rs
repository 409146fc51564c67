//! The applicant's decision letter: one refusal, in plain Dutch, with its
//! reasons, the facts and rules they rest on, what the applicant can do,
//! and how, within which term and to whom to object (Awb art. 3:45 lid 2,
//! 3:46, 3:47, 6:4, 6:5, 6:7, 6:8, 6:9).
//!
//! The letter reads the decision's record and the evaluated `letter` texts
//! of its failed gates, never rendered English; the wording of each reason
//! lives in the rule set, the deciding body in its `authority`, and only
//! the frame is written here ([`frame`]). [`markdown`] and [`html`] render
//! the same [`Document`].

pub mod folder;
mod frame;
pub mod html;
pub mod markdown;
mod reasons;

use chrono::NaiveDate;
use thiserror::Error;

use crate::check::CheckedRuleSet;
use crate::diagnostics::{Diagnostic, Severity, ToDiagnostic};
use crate::eval::Engine;
use crate::eval::fact::GateLetter;
use crate::eval::record::DecisionRecord;
use crate::source::Span;

/// A letter as structure: what a renderer lays out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The applicant it is addressed to, and no one else.
    pub applicant: String,
    /// The unit it is about.
    pub unit: String,
    /// The letter's subject line.
    pub(crate) title: String,
    /// Sender, addressee, date, subject: label and value.
    pub(crate) heading: Vec<(String, String)>,
    /// The body.
    pub(crate) sections: Vec<Section>,
    /// The closing and signature, one line each.
    pub(crate) closing: Vec<String>,
    /// Small print below the signature.
    pub(crate) notes: Vec<String>,
}

/// A headed part of the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Section {
    /// Its heading.
    pub heading: String,
    /// Its content, in order.
    pub blocks: Vec<Block>,
}

/// A piece of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Block {
    /// A heading within the section (one reason).
    Subheading(String),
    /// A paragraph.
    Paragraph(String),
    /// A list of short points.
    Bullets(Vec<String>),
}

/// Why no letter can be written for a decision.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LetterError {
    /// The applicant is eligible: there is no refusal to explain.
    #[error("`{applicant}` is not refused for `{unit}`: a letter is written for a refusal only")]
    NotRefused {
        /// The applicant.
        applicant: String,
        /// The unit.
        unit: String,
    },
    /// The rule set names no deciding body.
    #[error(
        "rule set `{ruleset}` has no `authority`: a decision letter must name the body that decides and where to object"
    )]
    NoAuthority {
        /// The rule set.
        ruleset: String,
    },
    /// A failed gate without a `letter` text: its reason cannot be stated.
    #[error(
        "gate `{gate}` has no `letter` text, so the refusal of `{applicant}` for `{unit}` cannot state its reason"
    )]
    NoLetterText {
        /// The gate.
        gate: String,
        /// The applicant.
        applicant: String,
        /// The unit.
        unit: String,
        /// The gate in its file.
        span: Span,
    },
}

impl ToDiagnostic for LetterError {
    fn to_diagnostic(&self) -> Diagnostic {
        let (code, span, hint) = match self {
            LetterError::NotRefused { .. } => ("E0701", None, None),
            LetterError::NoAuthority { .. } => (
                "E0702",
                None,
                Some("declare `authority \"…\"` with `source`, `objections to` and `signed by` after the imports of the root file".to_owned()),
            ),
            LetterError::NoLetterText { span, .. } => (
                "E0703",
                Some(*span),
                Some("add `letter \"…\"` to the gate: the reason in plain Dutch, with `{…}` for the facts it rests on (Awb art. 3:46, 3:47)".to_owned()),
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

/// What one letter is written from.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LetterInput<'a> {
    /// The checked rule set: the authority, the gates' titles and sources.
    pub rules: &'a CheckedRuleSet,
    /// The decision.
    pub record: &'a DecisionRecord,
    /// The evaluated `letter` texts of the decision's failed gates.
    pub letters: &'a [GateLetter],
    /// The day of the decision (the reference date).
    pub date: NaiveDate,
}

/// The letter for one refusal, or every reason it cannot be written.
pub(crate) fn build(input: LetterInput<'_>) -> Result<Document, Vec<LetterError>> {
    let record = input.record;
    if record.eligible || record.failed.is_empty() {
        return Err(vec![LetterError::NotRefused {
            applicant: record.applicant.clone(),
            unit: record.unit.clone(),
        }]);
    }
    let reasons = reasons::reasons(input);
    let authority = input
        .rules
        .authority
        .as_ref()
        .ok_or(LetterError::NoAuthority {
            ruleset: input.rules.name.clone(),
        });
    match (authority, reasons) {
        (Ok(authority), Ok(reasons)) => Ok(frame::document(input, authority, reasons)),
        (authority, reasons) => Err(authority
            .err()
            .into_iter()
            .chain(reasons.err().unwrap_or_default())
            .collect()),
    }
}

/// The file a letter is written to in an output folder: by applicant and
/// unit, so no two people share a file; `None` when an id holds anything
/// but letters, digits, `-`, `_` and `.` (a path could not be trusted).
pub fn file_name(applicant: &str, unit: &str, extension: &str) -> Option<String> {
    let safe = |id: &str| {
        !id.is_empty()
            && !id.starts_with('.')
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
    };
    (safe(applicant) && safe(unit)).then(|| format!("besluit-{applicant}-{unit}.{extension}"))
}

/// Decides one pair and writes its letter: the decision as `eval` records
/// it, and the letter, or why there is none.
pub fn for_pair(
    engine: &Engine<'_>,
    rules: &CheckedRuleSet,
    applicant: usize,
    unit: usize,
    date: NaiveDate,
) -> Result<Document, Vec<LetterError>> {
    let record = engine.record(applicant, unit, true);
    let letters = engine.letters_for(applicant, unit, record.application);
    build(LetterInput {
        rules,
        record: &record,
        letters: &letters,
        date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_is_never_a_path() {
        assert_eq!(
            file_name("A-002", "U-0101", "md").as_deref(),
            Some("besluit-A-002-U-0101.md")
        );
        for bad in ["../A-002", "A/002", ".hidden", "", "A 002", "A\\002"] {
            assert_eq!(file_name(bad, "U-0101", "md"), None, "{bad}");
            assert_eq!(file_name("A-002", bad, "md"), None, "{bad}");
        }
    }

    #[test]
    fn values_are_escaped_in_html_and_markdown() {
        let doc = Document {
            applicant: "A-1".into(),
            unit: "U-1".into(),
            title: "<script>alert(1)</script>".into(),
            heading: vec![("Aan".into(), "\"x\" & 'y'".into())],
            sections: vec![Section {
                heading: "*h*".into(),
                blocks: vec![Block::Paragraph("<b>[link](http://x)</b>".into())],
            }],
            closing: Vec::new(),
            notes: Vec::new(),
        };
        let page = html::render(&doc);
        assert!(!page.contains("<script>") && !page.contains("<b>"));
        assert!(
            page.contains("&lt;script&gt;") && page.contains("&quot;x&quot; &amp; &apos;y&apos;")
        );
        let md = markdown::render(&doc);
        assert!(md.contains("\\<b\\>\\[link\\](http://x)\\</b\\>"), "{md}");
        assert!(md.contains("## \\*h\\*"));
    }
}
