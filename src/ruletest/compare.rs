//! Expected against actual: each part of a case's expectation compared with
//! the decision the rules made, giving the differences as data.

use crate::allocate::record::QuotaState;
use crate::eval::record::{DecisionRecord, Outcome, Ranking, RuleKind};
use crate::ruletest::error::RuleTestError;
use crate::ruletest::spec::{Expect, Word};

/// One difference between what a case expects and what the rules decided.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mismatch {
    /// What was compared (`eligible`, `gate wbmgp_income`, `rank`).
    pub what: String,
    /// The expected value, in words.
    pub expected: String,
    /// The actual value, in words.
    pub actual: String,
    /// The rules whose trace explains the difference.
    pub rules: Vec<String>,
}

/// An outcome in the words the test format uses.
pub fn outcome_word(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Passed => "passed".into(),
        Outcome::Failed => "failed".into(),
        Outcome::Exempt { .. } => "exempt".into(),
        Outcome::Overridden { .. } => "overridden".into(),
        Outcome::NotApplicable => "not_applicable".into(),
        Outcome::Member => "member".into(),
        Outcome::NotMember => "not a member".into(),
        Outcome::Scored { total: 1 } => "1 point".into(),
        Outcome::Scored { total } => format!("{total} points"),
        Outcome::Labelled { label } => label.clone(),
    }
}

fn set(words: &[String]) -> String {
    format!("[{}]", words.join(", "))
}

fn ids_of(record: &DecisionRecord, kind: RuleKind) -> Vec<String> {
    record
        .rules
        .iter()
        .filter(|r| r.kind == kind)
        .map(|r| r.id.clone())
        .collect()
}

fn kind_word(kind: RuleKind) -> &'static str {
    match kind {
        RuleKind::Gate => "gate",
        RuleKind::Priority => "priority group",
        RuleKind::Points => "points rule",
        RuleKind::Classify => "classification",
        RuleKind::Tailored => "tailored ground",
    }
}

/// Checks that `word` names a rule of `kind` in the decision.
fn known(
    record: &DecisionRecord,
    word: &Word,
    kind: RuleKind,
    errors: &mut Vec<RuleTestError>,
) -> bool {
    let ok = record
        .rules
        .iter()
        .any(|r| r.id == word.text && r.kind == kind);
    if !ok {
        errors.push(RuleTestError::UnknownRule {
            span: word.span,
            kind: kind_word(kind),
            id: word.text.clone(),
            known: ids_of(record, kind),
        });
    }
    ok
}

/// The `unverified` expectation: exactly these parameters marked
/// unverified were read. A name that is no parameter of the rules is an
/// error, as a rule id is.
fn compare_unverified(
    expected: &[Word],
    record: &DecisionRecord,
    params: &[&str],
    errors: &mut Vec<RuleTestError>,
) -> Option<Mismatch> {
    for w in expected {
        if !params.contains(&w.text.as_str()) {
            errors.push(RuleTestError::UnknownRule {
                span: w.span,
                kind: "parameter",
                id: w.text.clone(),
                known: params.iter().map(|p| (*p).to_owned()).collect(),
            });
        }
    }
    let mut expected: Vec<String> = expected.iter().map(|w| w.text.clone()).collect();
    expected.sort();
    expected.dedup();
    let mut actual = record.unverified.clone();
    actual.sort();
    (expected != actual).then(|| Mismatch {
        what: "unverified".into(),
        expected: set(&expected),
        actual: set(&actual),
        rules: Vec::new(),
    })
}

/// Compares `expect` with the decision (and the ranking, when one was
/// made). Names that are not rules of the right kind are errors, not
/// mismatches: a typo must not pass as a failing test.
pub fn compare(
    expect: &Expect,
    record: &DecisionRecord,
    ranking: Option<&Ranking>,
    (quotas, params): (&[QuotaState], &[&str]),
    errors: &mut Vec<RuleTestError>,
) -> Vec<Mismatch> {
    let mut out = Vec::new();
    if let Some(unverified) = &expect.unverified {
        out.extend(compare_unverified(unverified, record, params, errors));
    }
    if let Some(eligible) = expect.eligible {
        if eligible != record.eligible {
            out.push(Mismatch {
                what: "eligible".into(),
                expected: eligible.to_string(),
                actual: record.eligible.to_string(),
                rules: record.failed.clone(),
            });
        }
    }
    if let Some(failed) = &expect.failed {
        for w in failed {
            known(record, w, RuleKind::Gate, errors);
        }
        let mut expected: Vec<String> = failed.iter().map(|w| w.text.clone()).collect();
        expected.sort();
        expected.dedup();
        let mut actual = record.failed.clone();
        actual.sort();
        if expected != actual {
            let mut rules: Vec<String> = expected
                .iter()
                .filter(|e| !actual.contains(e))
                .chain(actual.iter().filter(|a| !expected.contains(a)))
                .cloned()
                .collect();
            rules.sort();
            out.push(Mismatch {
                what: "failed".into(),
                expected: set(&expected),
                actual: set(&actual),
                rules,
            });
        }
    }
    let gate_lists = [
        ("passed", &expect.passed),
        ("exempt", &expect.exempt),
        ("overridden", &expect.overridden),
        ("not_applicable", &expect.not_applicable),
    ];
    for (want, gates) in gate_lists {
        for w in gates {
            if !known(record, w, RuleKind::Gate, errors) {
                continue;
            }
            let actual = record
                .rules
                .iter()
                .find(|r| r.id == w.text)
                .map(|r| outcome_word(&r.outcome))
                .unwrap_or_default();
            if actual != want {
                out.push(Mismatch {
                    what: format!("gate {}", w.text),
                    expected: want.into(),
                    actual,
                    rules: vec![w.text.clone()],
                });
            }
        }
    }
    if let Some(priority) = &expect.priority {
        if let Some(w) = priority {
            known(record, w, RuleKind::Priority, errors);
        }
        let expected = priority.as_ref().map(|w| w.text.clone());
        if expected != record.priority {
            out.push(Mismatch {
                what: "priority".into(),
                expected: expected.unwrap_or_else(|| "none".into()),
                actual: record.priority.clone().unwrap_or_else(|| "none".into()),
                rules: ids_of(record, RuleKind::Priority),
            });
        }
    }
    for (rule, label) in &expect.classification {
        let rule_id = match rule {
            Some(w) if known(record, w, RuleKind::Classify, errors) => w.text.clone(),
            Some(_) => continue,
            None => match only(record, RuleKind::Classify, label, errors) {
                Some(id) => id,
                None => continue,
            },
        };
        let actual = record
            .classifications
            .iter()
            .find(|l| l.rule == rule_id)
            .map(|l| l.label.clone())
            .unwrap_or_else(|| "none".into());
        if actual != label.text {
            out.push(Mismatch {
                what: format!("classification {rule_id}"),
                expected: label.text.clone(),
                actual,
                rules: vec![rule_id],
            });
        }
    }
    for (rule, total, span) in &expect.points {
        let rule_id = match rule {
            Some(w) if known(record, w, RuleKind::Points, errors) => w.text.clone(),
            Some(_) => continue,
            None => {
                let at = Word {
                    text: total.to_string(),
                    span: *span,
                };
                match only(record, RuleKind::Points, &at, errors) {
                    Some(id) => id,
                    None => continue,
                }
            }
        };
        let actual = record.points.iter().find(|s| s.rule == rule_id);
        if actual.map(|s| s.total) != Some(*total) {
            out.push(Mismatch {
                what: format!("points {rule_id}"),
                expected: total.to_string(),
                actual: actual.map_or_else(|| "none".into(), |s| s.total.to_string()),
                rules: vec![rule_id],
            });
        }
    }
    if let (Some((rank, _)), Some(ranking)) = (expect.rank, ranking) {
        let actual = ranking
            .candidates
            .iter()
            .find(|c| c.applicant == record.applicant)
            .and_then(|c| c.rank);
        if actual != rank {
            let word = |r: Option<usize>| r.map_or_else(|| "none".into(), |r| r.to_string());
            out.push(Mismatch {
                what: "rank".into(),
                expected: word(rank),
                actual: word(actual),
                rules: Vec::new(),
            });
        }
    }
    for (quota, expected) in &expect.quotas {
        let actual = quotas.iter().find(|q| *q.quota == *quota.text);
        let shown = |q: Option<&QuotaState>| {
            q.map_or_else(
                || "not applicable".to_owned(),
                |q| {
                    let flag = if q.exceeded {
                        ", exceeded"
                    } else if q.below_minimum {
                        ", below minimum"
                    } else {
                        ""
                    };
                    format!("{} of {}{flag}", q.counted, q.of)
                },
            )
        };
        let holds = match actual {
            None => expected.not_applicable == Some(true),
            Some(q) => {
                expected.not_applicable != Some(true)
                    && expected.counted.is_none_or(|n| i64::from(q.counted) == n)
                    && expected.of.is_none_or(|n| i64::from(q.of) == n)
                    && expected.exceeded.is_none_or(|b| q.exceeded == b)
                    && expected.below_minimum.is_none_or(|b| q.below_minimum == b)
            }
        };
        if !holds {
            let mut wanted = Vec::new();
            if expected.not_applicable == Some(true) {
                wanted.push("not applicable".to_owned());
            }
            if let (Some(c), Some(o)) = (expected.counted, expected.of) {
                wanted.push(format!("{c} of {o}"));
            } else {
                wanted.extend(expected.counted.map(|c| format!("counted {c}")));
                wanted.extend(expected.of.map(|o| format!("of {o}")));
            }
            wanted.extend(expected.exceeded.map(|b| {
                if b {
                    "exceeded".into()
                } else {
                    "not exceeded".into()
                }
            }));
            wanted.extend(expected.below_minimum.map(|b| {
                if b {
                    "below minimum".into()
                } else {
                    "not below minimum".into()
                }
            }));
            out.push(Mismatch {
                what: format!("quota {}", quota.text),
                expected: wanted.join(", "),
                actual: shown(actual),
                rules: Vec::new(),
            });
        }
    }
    out
}

/// The one rule of `kind`, for an expectation written without naming it.
fn only(
    record: &DecisionRecord,
    kind: RuleKind,
    at: &Word,
    errors: &mut Vec<RuleTestError>,
) -> Option<String> {
    let ids = ids_of(record, kind);
    match ids.as_slice() {
        [one] => Some(one.clone()),
        _ => {
            errors.push(RuleTestError::WrongType {
                span: at.span,
                expected: format!("the {} named, e.g. `rule: {}`", kind_word(kind), at.text),
                found: format!("{} {}s in the rules", ids.len(), kind_word(kind)),
            });
            None
        }
    }
}
