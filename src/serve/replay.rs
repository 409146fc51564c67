//! Replaying a decision log: every entry's question asked again of the
//! rules and data at hand, by the same code that answered it, and its
//! answer compared with the one logged, field by field (never the time).

use std::collections::BTreeMap;

use serde_json::Value;

use super::answer::{Answer, answer};
use super::engines::Engines;
use super::log::{LogEntry, Redaction};
use super::question::{Decide, Question, Record, Validate};
use super::snapshot::Snapshot;
use crate::eval::record::EvalOutput;
use crate::report::redact::{Redactor, WITHHELD, pseudonym};
use crate::verify::{Difference, compare, files};

/// What replaying one entry found.
#[derive(Debug, Clone, PartialEq)]
pub struct Replayed {
    /// The entry's line in the log, from 1.
    pub line: usize,
    /// Everything that differs (empty: reproduced).
    pub differences: Vec<Difference>,
    /// Why the entry was not asked again, when it was not: a redacted
    /// entry whose applicant was written out in the question, and so left
    /// out of the log.
    pub skipped: Option<String>,
    /// Why the entry could not be read or answered at all.
    pub failed: Option<String>,
}

impl Replayed {
    /// Whether the entry's decision is not what it was.
    pub fn changed(&self) -> bool {
        self.failed.is_some() || self.differences.iter().any(Difference::is_change)
    }
}

/// Whether `text` looks like a decision log (its first line is an entry).
pub fn is_log(text: &str) -> bool {
    text.lines()
        .find(|l| !l.trim().is_empty())
        .is_some_and(|l| serde_json::from_str::<LogEntry>(l).is_ok())
}

/// Replays every entry of the log `text` on `snapshot`; a redacted log's
/// pseudonyms are read under `key` (else each seed's default key).
pub fn replay(snapshot: &Snapshot, text: &str, key: Option<&str>) -> Vec<Replayed> {
    let mut engines = Engines::new(snapshot, 16);
    let redaction = Redaction {
        key: key.map(str::to_owned),
    };
    let mut out = Vec::new();
    for (at, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let mut replayed = Replayed {
            line: at.saturating_add(1),
            differences: Vec::new(),
            skipped: None,
            failed: None,
        };
        match serde_json::from_str::<LogEntry>(line) {
            Ok(entry) => entry_again(&mut engines, &entry, &redaction, &mut replayed),
            Err(e) => replayed.failed = Some(format!("not a decision log entry: {e}")),
        }
        out.push(replayed);
    }
    out
}

fn entry_again(
    engines: &mut Engines<'_>,
    entry: &LogEntry,
    redaction: &Redaction,
    replayed: &mut Replayed,
) {
    let key = entry
        .redacted
        .then(|| redaction.key_for(entry.question.seed()));
    // The rule files are compared for every entry, one not asked again too.
    let (_, rule_files) = engines.snapshot().ruleset();
    files(
        "rule",
        &entry.rule_files,
        rule_files,
        &mut replayed.differences,
    );
    let question = match &key {
        Some(key) => match unredacted(engines.snapshot(), &entry.question, key) {
            Ok(q) => q,
            Err(Unasked::Skipped(why)) => {
                replayed.skipped = Some(why);
                return;
            }
            Err(Unasked::Failed(why)) => {
                replayed.failed = Some(why);
                return;
            }
        },
        None => entry.question.clone(),
    };
    let now = match answer(engines, &question) {
        Ok(now) => now,
        Err(e) => {
            replayed.failed = Some(format!("cannot be answered again: {e}"));
            return;
        }
    };
    let redactor = key.map(Redactor::new);
    match &now {
        Answer::Run(run) => match serde_json::from_value::<EvalOutput>(entry.answer.clone()) {
            Ok(recorded) => {
                let mut output = run.output();
                if let Some(redactor) = &redactor {
                    redactor.output(&mut output);
                }
                // The rule files are compared once, above, for every endpoint.
                replayed.differences.extend(
                    compare(&recorded, &output)
                        .into_iter()
                        .filter(|d| !matches!(d, Difference::File { kind: "rule", .. })),
                );
            }
            Err(e) => replayed.failed = Some(format!("the logged answer is not a run: {e}")),
        },
        Answer::Verdicts(_) => {
            if now.logged(redactor.as_ref()) != entry.answer {
                replayed.differences.push(Difference::Decision {
                    applicant: field(&entry.answer, "applicant"),
                    unit: field(&entry.answer, "unit"),
                    fields: vec!["verdict".into()],
                });
            }
        }
    }
}

/// The first verdict's `name`, to name a differing verdict.
fn field(answer: &Value, name: &str) -> String {
    answer
        .get(0)
        .and_then(|v| v.get(name))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}

/// Why a redacted entry is not asked again.
enum Unasked {
    /// It cannot be, by design: what it needs was left out.
    Skipped(String),
    /// It should be, but its pseudonyms name no applicant of the data.
    Failed(String),
}

/// A redacted question with its pseudonyms turned back into the ids they
/// stand for, or why it cannot be asked again.
///
/// A proposal's ground is left out of a redacted log, but validation never
/// reads it (it is the corporation's own explanation); its id is logged as
/// its verdict shows it, and only names the verdict. So a redacted
/// `validate` is asked again whole. An applicant written out in a `decide`
/// is not: the decision rests on the whole of that record (the household,
/// its incomes, residence and registration), and a log that kept enough of
/// it to decide again would keep the person's file, which redaction is
/// there to leave out.
fn unredacted(snapshot: &Snapshot, question: &Question, key: &[u8]) -> Result<Question, Unasked> {
    let ids: BTreeMap<String, &str> = snapshot
        .inputs()
        .data
        .applicants()
        .iter()
        .map(|a| (pseudonym(key, &a.id), a.id.as_str()))
        .collect();
    let id_of = |p: &str| {
        ids.get(p).map(|id| (*id).to_owned()).ok_or_else(|| {
            Unasked::Failed(format!(
                "pseudonym `{p}` is no applicant of the data under this key"
            ))
        })
    };
    match question {
        Question::Decide(q) => {
            let applicant = match &q.applicant {
                Record::Id(p) => Record::Id(id_of(p)?),
                Record::Inline(_) => return Err(Unasked::Skipped(APPLICANT_LEFT_OUT.into())),
            };
            if let Record::Inline(unit) = &q.unit {
                if unit.get("left_out").is_some() {
                    return Err(Unasked::Skipped(UNIT_LEFT_OUT.into()));
                }
            }
            Ok(Question::Decide(Decide {
                applicant,
                ..q.clone()
            }))
        }
        Question::Rank(_) => Ok(question.clone()),
        Question::Validate(q) => {
            let mut proposal = q.proposal.clone();
            let applicant = proposal.get("applicant").and_then(Value::as_str);
            let id = match applicant {
                Some(p) => id_of(p)?,
                None => return Err(Unasked::Failed("the proposal names no applicant".into())),
            };
            if proposal.get("id").and_then(Value::as_str) == Some(WITHHELD) {
                return Err(Unasked::Skipped(PROPOSAL_ID_LEFT_OUT.into()));
            }
            if let Some(fields) = proposal.as_object_mut() {
                fields.insert("applicant".into(), Value::String(id));
            }
            Ok(Question::Validate(Validate {
                proposal,
                seed: q.seed,
            }))
        }
    }
}

/// Why a redacted `decide` with an applicant written out is not asked again.
const APPLICANT_LEFT_OUT: &str = "not asked again: the applicant was written out in the question, and a redacted log leaves that record out (it is the person's file, and the decision rests on all of it), so the decision cannot be recomputed; the rule files were compared";

/// Why an entry of an earlier redacted log with a unit written out is not.
const UNIT_LEFT_OUT: &str = "not asked again: the unit written out in the question was left out of this log (a log written before units were kept); the rule files were compared";

/// Why an entry of an earlier redacted log with a proposal is not.
const PROPOSAL_ID_LEFT_OUT: &str = "not asked again: the proposal's id was left out of this log (a log written before ids were kept as the verdict shows them); the rule files were compared";
