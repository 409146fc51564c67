//! One reason per failed gate: the rule set's `letter` text with its facts
//! in Dutch words, the rule's legal basis, and the hardship route where the
//! gate has one.

use crate::check::CheckedRuleSet;
use crate::check::ir::ExemptionTest;
use crate::eval::record::{Event, RuleKind};
use crate::words::nl;

use super::{LetterError, LetterInput};

/// A failed gate, as the letter states it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Reason {
    /// The rule's title.
    pub(crate) title: String,
    /// The reason with its facts, in plain Dutch.
    pub(crate) text: String,
    /// The legal basis: act, article, lid, local decision.
    pub(crate) basis: String,
    /// The grounds of the discretionary exemptions the gate allows
    /// (`hardheidsclausule (Wbmgp art. 8 lid 2)`).
    pub(crate) hardship: Vec<String>,
    /// The decisions designating the unit's complex that the gate read
    /// (the local decision the refusal rests on), from the trace.
    pub(crate) designations: Vec<String>,
    /// For the officer: the parameters the gate read that are a local
    /// policy choice or an unverified figure, with why.
    pub(crate) caveats: Vec<String>,
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
            designations: Vec::new(),
            caveats: Vec::new(),
        });
        if let (Some(reason), Some(rule)) = (
            out.last_mut(),
            record
                .rules
                .iter()
                .find(|r| r.kind == RuleKind::Gate && &r.id == id),
        ) {
            read(input.rules, &rule.trace, reason);
        }
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

/// What a gate's trace read that the letter names: the designations in
/// force, and parameters that are a policy choice or unverified.
fn read(rules: &CheckedRuleSet, events: &[Event], reason: &mut Reason) {
    for event in events {
        match event {
            Event::Designation {
                valid: true,
                decision: Some(decision),
                ..
            } if !reason.designations.contains(decision) => {
                reason.designations.push(decision.clone());
            }
            Event::Param {
                name, unverified, ..
            } => {
                let Some(param) = rules.params.iter().find(|p| &p.meta.id == name) else {
                    continue;
                };
                let title = &param.meta.title;
                let caveats = [
                    param
                        .policy
                        .as_ref()
                        .map(|why| format!("„{title}” is een beleidskeuze: {why}")),
                    unverified
                        .as_ref()
                        .map(|why| format!("„{title}” is niet geverifieerd: {why}")),
                ];
                for caveat in caveats.into_iter().flatten() {
                    if !reason.caveats.contains(&caveat) {
                        reason.caveats.push(caveat);
                    }
                }
            }
            Event::Named { parts, .. } => read(rules, parts, reason),
            _ => {}
        }
    }
}
