//! The decision log: one JSON line per answered request, appended and
//! written before the answer goes out, so no decision leaves the service
//! unlogged. `toewijzer verify LOG` asks every entry again.
//!
//! The time is the one part of an entry that is not a function of the
//! question, the rules and the data; replay never compares it.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::Path;
use std::sync::{Mutex, PoisonError};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::answer::Answer;
use super::error::ServeError;
use super::question::{Decide, Question, Record, Validate};
use super::snapshot::Snapshot;
use crate::eval::record::{FileHash, RuleSetId};
use crate::report::redact::{Redactor, WITHHELD, default_key};

/// One answered request.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogEntry {
    /// When it was answered, UTC (RFC 3339): never compared on replay.
    pub time: String,
    /// SHA-256 of the question's JSON (an HMAC under the redaction key
    /// when the log is redacted).
    pub request_hash: String,
    /// Who the caller said they are (`X-Caller`), unverified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caller: Option<String>,
    /// The rule set answered from.
    pub ruleset: RuleSetId,
    /// SHA-256 of every rule file of that rule set.
    pub rule_files: Vec<FileHash>,
    /// Whether applicant ids are pseudonyms and records written out in the
    /// question are left out.
    #[serde(default)]
    pub redacted: bool,
    /// The question (redacted when the log is).
    pub question: Question,
    /// The answer's JSON, with its run header (redacted when the log is).
    pub answer: Value,
}

/// How the log redacts: `--redact` and `--redact-key` of `serve`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    /// The pseudonym key; `None`: the default key of each question's seed.
    pub key: Option<String>,
}

impl Redaction {
    /// The key for a question with `seed`.
    pub(crate) fn key_for(&self, seed: u64) -> Vec<u8> {
        self.key
            .as_ref()
            .map_or_else(|| default_key(seed), |k| k.as_bytes().to_vec())
    }
}

/// The open log file.
#[derive(Debug)]
pub struct DecisionLog {
    file: Mutex<File>,
    redaction: Option<Redaction>,
}

impl DecisionLog {
    /// Opens (or creates) `path` for appending.
    pub fn open(path: &Path, redaction: Option<Redaction>) -> Result<Self, ServeError> {
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| ServeError::Log {
                reason: format!("cannot open `{}`: {}", path.display(), e.kind()),
            })?;
        Ok(DecisionLog {
            file: Mutex::new(file),
            redaction,
        })
    }

    /// Appends the entry of one answered question, in one write.
    pub fn append(
        &self,
        snapshot: &Snapshot,
        question: &Question,
        caller: Option<&str>,
        answer: &Answer,
    ) -> Result<(), ServeError> {
        let entry = entry(snapshot, question, caller, answer, self.redaction.as_ref());
        let mut line = serde_json::to_string(&entry).map_err(|e| ServeError::Log {
            reason: e.to_string(),
        })?;
        line.push('\n');
        let mut file = self.file.lock().unwrap_or_else(PoisonError::into_inner);
        file.write_all(line.as_bytes())
            .and_then(|()| file.flush())
            .map_err(|e| ServeError::Log {
                reason: e.kind().to_string(),
            })
    }
}

/// The entry for `question` answered with `answer`.
fn entry(
    snapshot: &Snapshot,
    question: &Question,
    caller: Option<&str>,
    answer: &Answer,
    redaction: Option<&Redaction>,
) -> LogEntry {
    let (ruleset, rule_files) = snapshot.ruleset();
    let key = redaction.map(|r| r.key_for(question.seed()));
    let redactor = key.clone().map(Redactor::new);
    let answer = answer.logged(redactor.as_ref());
    let question = match &redactor {
        Some(redactor) => redact_question(question, redactor),
        None => question.clone(),
    };
    LogEntry {
        time: now(),
        request_hash: question.hash(key.as_deref()),
        caller: caller.map(str::to_owned),
        ruleset: ruleset.clone(),
        rule_files: rule_files.to_vec(),
        redacted: key.is_some(),
        question,
        answer,
    }
}

/// The question with applicant ids as pseudonyms, an applicant's record
/// written out left out, and a proposal's free text left out, as
/// `--redact` treats an output. A unit written out is kept: it describes a
/// dwelling, not a person, and `verify` needs it to ask the entry again.
/// A proposal's id is shown as its verdict shows it (keyed when it embeds
/// the applicant's id), so the question and the answer name it alike.
pub fn redact_question(question: &Question, redactor: &Redactor) -> Question {
    match question {
        Question::Decide(q) => Question::Decide(Decide {
            applicant: match &q.applicant {
                Record::Id(id) => Record::Id(redactor.pseudonym(id)),
                Record::Inline(_) => withheld(),
            },
            ..q.clone()
        }),
        Question::Rank(q) => Question::Rank(q.clone()),
        Question::Validate(q) => {
            let mut proposal = q.proposal.clone();
            if let Some(fields) = proposal.as_object_mut() {
                let applicant = match fields.get("applicant") {
                    Some(Value::String(id)) => Some(id.clone()),
                    _ => None,
                };
                let id = match (fields.get("id"), &applicant) {
                    (Some(Value::String(id)), Some(applicant)) => {
                        Value::String(redactor.proposal_id(id, applicant))
                    }
                    _ => Value::String(WITHHELD.into()),
                };
                fields.insert("id".into(), id);
                if let Some(applicant) = &applicant {
                    fields.insert(
                        "applicant".into(),
                        Value::String(redactor.pseudonym(applicant)),
                    );
                }
                if let Some(text) = fields.get_mut("ground") {
                    *text = Value::String(WITHHELD.into());
                }
            }
            Question::Validate(Validate {
                proposal,
                seed: q.seed,
            })
        }
    }
}

/// What a redacted log keeps of a record written out in a question: a
/// mapping, so it reads back as a record left out, never as an id.
fn withheld() -> Record {
    Record::Inline(serde_json::json!({ "left_out": WITHHELD }))
}

/// Now, UTC, to the millisecond.
fn now() -> String {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    let secs = i64::try_from(since.as_secs()).unwrap_or(i64::MAX);
    chrono::DateTime::from_timestamp(secs, since.subsec_nanos())
        .map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true))
        .unwrap_or_default()
}
