//! `--redact`: applicant ids replaced by stable keyed pseudonyms and every
//! personal value generalised or left out, so a run can be shared outside
//! the corporation without a way back to a person.
//!
//! The values were generalised where they still had their type (see
//! `eval::personal`); redaction swaps each for its generalised form in the
//! records, before any renderer sees them, so text, JSON and Markdown show
//! the same.
//!
//! A pseudonym is `P-` and the first 12 hex digits of HMAC-SHA256(key, id):
//! the same id under the same key always gets the same pseudonym (rankings
//! and decisions still line up, two runs can be compared), and without the
//! key the id cannot be recomputed from it. The default key is derived from
//! the seed, which the header states: that keeps runs reproducible, but
//! anyone who knows the seed and guesses an id can test the guess. Give a
//! secret `--redact-key` when sharing outside the corporation.

use std::collections::{BTreeSet, HashMap};
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::allocate::record::{AllocationRun, Breach, Skip, Vacancy, Verdict};
use crate::eval::record::{
    DecisionRecord, EvalOutput, Event, Evidence, Outcome, Ranking, RunHeader,
};
use crate::report::header::hex;

/// What a redacted output shows for free text it leaves out (a hardship
/// decision's ground, who took it) and for a lottery draw.
pub(crate) const WITHHELD: &str = "redacted";

/// The key `--redact` uses when no `--redact-key` is given.
pub fn default_key(seed: u64) -> Vec<u8> {
    format!("toewijzer redact seed {seed}").into_bytes()
}

/// HMAC-SHA256 (RFC 2104) of `message` under `key`.
pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut block = [0u8; BLOCK];
    // RFC 2104: a key longer than the block is hashed first; either way it
    // fits the block, so neither slice can fail.
    let digest;
    let key: &[u8] = if key.len() > BLOCK {
        digest = Sha256::digest(key);
        &digest
    } else {
        key
    };
    if let Some(head) = block.get_mut(..key.len()) {
        head.copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(block.map(|b| b ^ 0x36));
    inner.update(message);
    let mut outer = Sha256::new();
    outer.update(block.map(|b| b ^ 0x5c));
    outer.update(inner.finalize());
    outer.finalize().into()
}

/// The pseudonym of applicant `id` under `key`.
pub(crate) fn pseudonym(key: &[u8], id: &str) -> String {
    keyed("P-", key, id)
}

/// `prefix` and the first 12 hex digits of the HMAC of `id` under `key`.
fn keyed(prefix: &str, key: &[u8], id: &str) -> String {
    let mac = hmac_sha256(key, id.as_bytes());
    let digits = hex(&mac);
    format!("{prefix}{}", digits.get(..12).unwrap_or(&digits))
}

/// Redacts the records of every command that prints a person, under one key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redactor {
    key: Vec<u8>,
}

impl Redactor {
    /// A redactor with `key`.
    pub(crate) fn new(key: Vec<u8>) -> Self {
        Redactor { key }
    }

    /// A redactor with the key given, or the default key of `seed`.
    pub fn with_key(key: Option<&str>, seed: u64) -> Self {
        Redactor::new(key.map_or_else(|| default_key(seed), |k| k.as_bytes().to_vec()))
    }

    /// The pseudonym of applicant `id`.
    pub(crate) fn pseudonym(&self, id: &str) -> String {
        pseudonym(&self.key, id)
    }

    /// A proposal's id as a redacted output shows it: keyed (`Q-`) when it
    /// embeds the applicant's id, which it would give away, else as it is.
    pub(crate) fn proposal_id(&self, proposal: &str, applicant: &str) -> String {
        if !applicant.is_empty() && proposal.contains(applicant) {
            keyed("Q-", &self.key, proposal)
        } else {
            proposal.to_owned()
        }
    }

    /// Redacts a whole evaluation: decisions, rankings and the header,
    /// which then names the rules whose outcome rests on a generalised value.
    pub fn output(&self, output: &mut EvalOutput) {
        output.header.redacted = true;
        let mut rests = BTreeSet::new();
        for decision in &mut output.decisions {
            rests.extend(self.decision(decision));
        }
        // Within a unit, by pseudonym: the order of the ids would say
        // something about them.
        for group in output.decisions.chunk_by_mut(|a, b| a.unit == b.unit) {
            group.sort_by(|a, b| a.applicant.cmp(&b.applicant));
        }
        for ranking in &mut output.rankings {
            self.ranking(ranking);
        }
        rests.extend(output.header.generalised.drain(..));
        output.header.generalised = rests.into_iter().collect();
    }

    /// Redacts one decision; returns the rules whose outcome rests on a
    /// value now shown generalised.
    pub(crate) fn decision(&self, decision: &mut DecisionRecord) -> Vec<String> {
        // A member id is the household's own (`m1`): keyed with the
        // applicant's id, so the same member reads the same everywhere.
        let file = decision.applicant.clone();
        let member = |id: &str| keyed("M-", &self.key, &format!("{file}/{id}"));
        decision.applicant = self.pseudonym(&decision.applicant);
        let mut rests = Vec::new();
        for rule in &mut decision.rules {
            if let Outcome::Overridden {
                decided_by,
                decided_on,
                ground,
                ..
            } = &mut rule.outcome
            {
                WITHHELD.clone_into(decided_by);
                WITHHELD.clone_into(ground);
                *decided_on = decided_on.month();
            }
            if let Some(message) = &mut rule.message {
                message.generalise();
            }
            if !generalise(&mut rule.trace, &member) {
                rule.rests_on_generalised = true;
            }
            if rule.rests_on_generalised {
                rests.push(rule.id.clone());
            }
        }
        rests
    }

    /// Redacts a ranking: pseudonyms, generalised keys, no draws; the
    /// ineligible (listed by id) by pseudonym instead.
    pub(crate) fn ranking(&self, ranking: &mut Ranking) {
        for candidate in &mut ranking.candidates {
            candidate.applicant = self.pseudonym(&candidate.applicant);
            for key in &mut candidate.keys {
                key.generalise();
            }
        }
        let split = ranking
            .candidates
            .iter()
            .position(|c| c.rank.is_none())
            .unwrap_or(ranking.candidates.len());
        if let Some(out) = ranking.candidates.get_mut(split..) {
            out.sort_by(|a, b| a.applicant.cmp(&b.applicant));
        }
    }

    /// Redacts an allocation run: who got each vacancy and who was passed over.
    pub fn allocation(&self, run: &mut AllocationRun) {
        run.redacted = true;
        let mut made = HashMap::new();
        for vacancy in &mut run.vacancies {
            self.vacancy(vacancy, &mut made);
        }
    }

    /// Redacts one vacancy of an allocation run; `made` holds the
    /// pseudonyms made so far, so that each applicant's is made once and
    /// shared, as their id was.
    pub(crate) fn vacancy(&self, vacancy: &mut Vacancy, made: &mut HashMap<Arc<str>, Arc<str>>) {
        let mut pseudonym = |id: &Arc<str>| {
            Arc::clone(
                made.entry(Arc::clone(id))
                    .or_insert_with(|| self.pseudonym(id).into()),
            )
        };
        if let Some(id) = &mut vacancy.allocated_to {
            *id = pseudonym(id);
        }
        for skip in &mut vacancy.skipped {
            let (Skip::Ineligible { applicant, .. }
            | Skip::Quota { applicant, .. }
            | Skip::PriorityCapped { applicant, .. }
            | Skip::Declined { applicant, .. }
            | Skip::AlreadyHoused { applicant, .. }) = skip;
            *applicant = pseudonym(applicant);
        }
    }

    /// Redacts verdicts on proposals: the applicants, the candidates passed
    /// over, the decisions with their traces, and a proposal id that
    /// embeds the applicant's id.
    pub fn verdicts(&self, verdicts: &mut [Verdict]) {
        for verdict in verdicts {
            verdict.proposal = self.proposal_id(&verdict.proposal, &verdict.applicant);
            verdict.applicant = self.pseudonym(&verdict.applicant);
            for breach in &mut verdict.breaches {
                match breach {
                    Breach::PassedOver { above, .. } | Breach::UrgentPassedOver { above, .. } => {
                        for id in above {
                            *id = self.pseudonym(id);
                        }
                    }
                    Breach::UnitTaken { applicant, .. } => *applicant = self.pseudonym(applicant),
                    _ => {}
                }
            }
            if let Some(decision) = &mut verdict.decision {
                self.decision(decision);
            }
        }
    }
}

/// Replaces every personal value of a trace by its generalised form, in
/// named conditions' parts too; returns whether every generalised value
/// still decides what it decided. Recursion is bounded: the checker bounds
/// how deep named conditions nest.
fn generalise(events: &mut [Event], member: &dyn Fn(&str) -> String) -> bool {
    let mut decides = true;
    let mut take = |d: Option<bool>| decides &= d.unwrap_or(true);
    for event in events {
        match event {
            Event::Fact {
                value, evidence, ..
            } => {
                take(value.generalise());
                for record in evidence {
                    generalise_evidence(record, member);
                }
            }
            Event::Compare { expr, lhs, rhs, .. } => {
                take(expr.generalise());
                take(lhs.generalise());
                take(rhs.generalise());
            }
            Event::Named { value, parts, .. } => {
                take(value.generalise());
                take(Some(generalise(parts, member)));
            }
            Event::OverrideNotApplied {
                decided_by,
                decided_on,
                valid_until,
                reason,
                ..
            } => {
                WITHHELD.clone_into(decided_by);
                *decided_on = decided_on.month();
                *valid_until = valid_until.map(|d| d.month());
                reason.generalise();
            }
            Event::Param { .. } | Event::Designation { .. } | Event::Condition { .. } => {}
        }
    }
    decides
}

/// A record of the file behind a fact, redacted: its days as months, its
/// amounts as bands, member ids as keyed pseudonyms, an urgency ground left
/// out. Free text (a profession, a course) is never carried.
fn generalise_evidence(record: &mut Evidence, member: &dyn Fn(&str) -> String) {
    let month = |d: &mut crate::eval::record::Day| *d = d.month();
    match record {
        Evidence::Residence { from, until, .. } => {
            month(from);
            until.iter_mut().for_each(month);
        }
        Evidence::Income {
            member: id,
            yearly,
            from,
            until,
            ..
        } => {
            *id = member(id);
            yearly.generalise();
            from.iter_mut().for_each(month);
            until.iter_mut().for_each(month);
        }
        Evidence::Activity { since, until, .. } => {
            month(since);
            until.iter_mut().for_each(month);
        }
        Evidence::Screening {
            date,
            covers_from,
            covers_until,
            members,
            ..
        } => {
            month(date);
            covers_from.iter_mut().for_each(month);
            covers_until.iter_mut().for_each(month);
            for id in members {
                *id = member(id);
            }
        }
        Evidence::Registration {
            registered_on,
            counts_from,
        } => {
            month(registered_on);
            if let Some(day) = counts_from {
                day.generalise();
            }
        }
        Evidence::Urgency {
            category,
            granted,
            valid_until,
        } => {
            category.generalise();
            month(granted);
            month(valid_until);
        }
    }
}

/// What a redacted run's header says of its rules whose outcome rests on a
/// value it shows only generalised ("the report says which rule needed it").
pub(crate) fn generalised_note(header: &RunHeader) -> Option<String> {
    (header.redacted && !header.generalised.is_empty()).then(|| {
        format!(
            "explained with generalised values (the outcome stands; the exact value that decided it is not shown): {}",
            header.generalised.join(", ")
        )
    })
}

/// Replaces every applicant id in `output` by its pseudonym under `key`
/// and generalises every personal value (see [`Redactor::output`]).
pub fn redact(output: &mut EvalOutput, key: &[u8]) {
    Redactor::new(key.to_vec()).output(output);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::eval::record::{General, Generalised};
    use crate::report::testdata::sample_output;

    #[test]
    fn hmac_matches_rfc_4231() {
        // Test case 2.
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
        // Test case 6: a key longer than a block is hashed first.
        let mac = hmac_sha256(
            &[0xaa; 131],
            b"Test Using Larger Than Block-Size Key - Hash Key First",
        );
        assert_eq!(
            hex(&mac),
            "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"
        );
    }

    #[test]
    fn pseudonyms_are_stable_and_keyed() {
        let a = pseudonym(b"k", "A-001");
        assert_eq!(a, pseudonym(b"k", "A-001"));
        assert_ne!(a, pseudonym(b"k", "A-002"));
        assert_ne!(a, pseudonym(b"other", "A-001"));
        assert!(a.starts_with("P-") && a.len() == 14);
    }

    #[test]
    fn redaction_replaces_ids_and_generalises_personal_values() {
        let mut output = sample_output();
        let general = |text: &str, kind, decides| {
            Some(General {
                text: text.into(),
                kind,
                decides,
            })
        };
        // What the engine records beside a personal value.
        if let Some(Event::Fact { value, .. }) = output.decisions[0].rules[0].trace.get_mut(2) {
            value.general = general("5–10 years", Generalised::DurationBand, false);
        }
        output.rankings[0].candidates[0].keys[2].general =
            general(WITHHELD, Generalised::Withheld, true);
        let key = default_key(output.header.seed);
        redact(&mut output, &key);
        assert!(output.header.redacted);
        let json = serde_json::to_string(&output).unwrap();
        assert!(!json.contains("A-001"), "{json}");
        assert!(json.contains("applicant.residence_in(parkstad)"));
        assert!(
            json.contains(r#"{"text":"5–10 years","generalised":"duration_band"}"#),
            "{json}"
        );
        let alias = pseudonym(&key, "A-001");
        assert_eq!(
            output
                .decisions
                .iter()
                .filter(|d| d.applicant == alias)
                .count(),
            1
        );
        assert!(
            output.rankings[0]
                .candidates
                .iter()
                .any(|c| c.applicant == alias)
        );
        assert_eq!(output.rankings[0].candidates[0].keys[2].as_str(), WITHHELD);
        assert!(!json.contains("0.4172"), "the draw would identify");
        // The band does not settle `>= 6 years`: the header says so.
        assert_eq!(output.header.generalised, ["wbmgp_art8_income"]);
        // The hardship decision's ground and maker are free text.
        assert!(!json.contains("medische noodzaak") && !json.contains("burgemeester"));
        assert!(json.contains(r#""decided_on":"2026-02""#), "{json}");
    }
}
