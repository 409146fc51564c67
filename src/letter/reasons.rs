//! One reason per failed gate: the rule set's `letter` text with its facts
//! in Dutch words, the rule's legal basis, and the hardship route where the
//! gate has one.

use crate::check::ir::ExemptionTest;
use crate::words::nl;

use super::{LetterError, LetterInput};

/// A failed gate, as the letter states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Reason {
    /// The rule's title.
    pub title: String,
    /// The reason with its facts, in plain Dutch.
    pub text: String,
    /// The legal basis: act, article, lid, local decision.
    pub basis: String,
    /// The grounds of the discretionary exemptions the gate allows
    /// (`hardheidsclausule (Wbmgp art. 8 lid 2)`).
    pub hardship: Vec<String>,
}

/// The reasons of the decision's failed gates, in the order they failed;
/// a gate without a `letter` text is an error, never a letter without
/// its reason.
pub(super) fn reasons(input: LetterInput<'_>) -> Result<Vec<Reason>, Vec<LetterError>> {
    let record = input.record;
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for id in &record.failed {
        let Some(gate) = input.rules.gates.iter().find(|g| &g.meta.id == id) else {
            continue;
        };
        let parts = input
            .letters
            .iter()
            .find(|l| &l.gate == id)
            .map(|l| l.parts.as_slice())
            .unwrap_or_default();
        if parts.is_empty() {
            errors.push(LetterError::NoLetterText {
                gate: id.clone(),
                applicant: record.applicant.clone(),
                unit: record.unit.clone(),
                span: gate.meta.name_span,
            });
            continue;
        }
        out.push(Reason {
            title: gate.meta.title.clone(),
            text: nl::letter_text(parts),
            basis: gate.meta.source.clone(),
            hardship: gate
                .exemptions
                .iter()
                .filter(|e| matches!(e.kind, ExemptionTest::Override(_)))
                .map(|e| e.because.clone())
                .collect(),
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}
