//! `--redact`: applicant ids replaced by stable keyed pseudonyms, so a run
//! can be shared outside the corporation without naming anyone.
//!
//! A pseudonym is `P-` and the first 12 hex digits of HMAC-SHA256(key, id):
//! the same id under the same key always gets the same pseudonym (rankings
//! and decisions still line up, two runs can be compared), and without the
//! key the id cannot be recomputed from it. The default key is derived from
//! the seed, which the header states: that keeps runs reproducible, but
//! anyone who knows the seed and guesses an id can test the guess. Give a
//! secret `--redact-key` when sharing outside the corporation.

use sha2::{Digest, Sha256};

use crate::eval::record::{EvalOutput, Event};
use crate::report::header::hex;

/// Facts that identify a person and that a reader never needs to follow a
/// decision; dropped from redacted traces. Other facts a rule read stay:
/// they are the reasons.
pub const IDENTIFYING_FACTS: [&str; 2] = ["applicant.id", "applicant.birth_date"];

/// What a redacted ranking shows in place of a lottery draw.
pub const REDACTED_DRAW: &str = "redacted";

/// The key `--redact` uses when no `--redact-key` is given.
pub fn default_key(seed: u64) -> Vec<u8> {
    format!("toewijzer redact seed {seed}").into_bytes()
}

/// HMAC-SHA256 (RFC 2104) of `message` under `key`.
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
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
pub fn pseudonym(key: &[u8], id: &str) -> String {
    let mac = hmac_sha256(key, id.as_bytes());
    format!("P-{}", &hex(&mac)[..12])
}

/// Drops the identifying facts from a trace and blurs exact durations, in
/// named conditions' parts too. Recursion is bounded: the checker bounds
/// how deep named conditions nest, and a trace read back from JSON is
/// bounded by serde_json's recursion limit.
fn scrub(events: &mut Vec<Event>) {
    events.retain(|event| {
        !matches!(event, Event::Fact { expr, .. } if IDENTIFYING_FACTS.contains(&expr.as_str()))
    });
    for event in events {
        match event {
            Event::Fact { value, .. } => *value = without_days(value),
            Event::Compare { lhs, rhs, .. } => {
                *lhs = without_days(lhs);
                *rhs = without_days(rhs);
            }
            Event::Named { value, parts, .. } => {
                *value = without_days(value);
                scrub(parts);
            }
            _ => {}
        }
    }
}

/// Replaces every applicant id in `output` by its pseudonym, drops the
/// identifying facts from traces and marks the header redacted.
pub fn redact(output: &mut EvalOutput, key: &[u8]) {
    output.header.redacted = true;
    for decision in &mut output.decisions {
        let id = std::mem::take(&mut decision.applicant);
        let alias = pseudonym(key, &id);
        for rule in &mut decision.rules {
            scrub(&mut rule.trace);
            // A message template may quote the id; it must not leak there.
            if let Some(message) = &mut rule.message {
                if !id.is_empty() && message.contains(&id) {
                    *message = message.replace(&id, &alias);
                }
                *message = without_days(message);
            }
        }
        decision.applicant = alias;
    }
    for ranking in &mut output.rankings {
        // The draw is a keyless hash of seed, unit and applicant id: shown,
        // it would let anyone who guesses an id test the guess, key or not.
        let lottery: Vec<usize> = ranking
            .keys
            .iter()
            .enumerate()
            .filter(|(_, k)| k.as_str() == "lottery")
            .map(|(i, _)| i)
            .collect();
        for candidate in &mut ranking.candidates {
            candidate.applicant = pseudonym(key, &candidate.applicant);
            for &i in &lottery {
                if let Some(value) = candidate.keys.get_mut(i) {
                    *value = REDACTED_DRAW.to_owned();
                }
            }
            for value in &mut candidate.keys {
                *value = without_days(value);
            }
        }
    }
}

/// A measured duration without the days it runs between: an age shown as
/// `34 years 4 months (1991-11-02 through 2026-03-01)` carries the birth
/// date, which redaction drops. The length stays: it is the reason.
fn without_days(text: &str) -> String {
    const DAY: usize = "2026-03-01".len();
    let is_day = |s: &str| {
        s.len() >= DAY
            && s.bytes().take(DAY).enumerate().all(|(i, b)| {
                if i == 4 || i == 7 {
                    b == b'-'
                } else {
                    b.is_ascii_digit()
                }
            })
    };
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" (") {
        let (before, tail) = rest.split_at(at);
        out.push_str(before);
        let inner = &tail[2..];
        let span = is_day(inner)
            && inner[DAY..].starts_with(" through ")
            && is_day(&inner[DAY + 9..])
            && inner[2 * DAY + 9..].starts_with(')');
        let reached = inner.starts_with("reached on ")
            && is_day(&inner[11..])
            && inner[11 + DAY..].starts_with(')');
        if span {
            rest = &inner[2 * DAY + 10..];
        } else if reached {
            rest = &inner[12 + DAY..];
        } else {
            out.push_str(" (");
            rest = inner;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
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
    fn redaction_drops_the_days_of_a_measured_duration() {
        assert_eq!(
            without_days("leeftijd 34 years 4 months (1991-11-02 through 2026-03-01); ok"),
            "leeftijd 34 years 4 months; ok"
        );
        assert_eq!(without_days("6 years (reached on 2026-03-03)"), "6 years");
        assert_eq!(without_days("a (b) c (2026-03-0"), "a (b) c (2026-03-0");
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
    fn redaction_replaces_ids_everywhere_and_drops_identifying_facts() {
        let mut output = sample_output();
        let key = default_key(output.header.seed);
        redact(&mut output, &key);
        assert!(output.header.redacted);
        let json = serde_json::to_string(&output).unwrap();
        assert!(!json.contains("A-001"), "{json}");
        assert!(!json.contains("applicant.birth_date"));
        assert!(json.contains("applicant.residence_in(parkstad)"));
        let alias = pseudonym(&key, "A-001");
        assert_eq!(output.decisions[0].applicant, alias);
        assert_eq!(output.rankings[0].candidates[1].applicant, alias);
        assert_eq!(output.rankings[0].candidates[0].keys[2], REDACTED_DRAW);
        assert!(!json.contains("0.4172"), "the draw would identify");
    }
}
