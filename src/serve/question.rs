//! The questions the service answers, as their request bodies read and as
//! the decision log records them: the same types, so a log entry can be
//! asked again by `verify`.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::ServeError;
use crate::report::header::{hex, sha256_hex};
use crate::report::redact::hmac_sha256;

/// An applicant or a unit: by id in the data folder, or written out in the
/// data format (`docs/data-format.md`), as JSON.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Record {
    /// The id of a record in the data folder.
    Id(String),
    /// The record itself.
    Inline(Value),
}

/// `POST /v1/decide`: one applicant measured against one unit on a date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Decide {
    /// The applicant.
    pub applicant: Record,
    /// The unit.
    pub unit: Record,
    /// The reference date (peildatum), `YYYY-MM-DD`.
    pub date: String,
    /// The lottery seed (as `--seed`; default 0).
    #[serde(default)]
    pub seed: u64,
    /// Whether the decision carries its trace (as `--trace`).
    #[serde(default)]
    pub trace: bool,
}

/// `POST /v1/rank`: the candidates of one vacancy in rank order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rank {
    /// The vacancy's unit id.
    pub unit: String,
    /// The reference date, `YYYY-MM-DD`.
    pub date: String,
    /// The lottery seed (default 0).
    #[serde(default)]
    pub seed: u64,
}

/// `POST /v1/validate`: does one proposed allocation comply?
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Validate {
    /// The proposal, written as in `proposals.yaml`.
    pub proposal: Value,
    /// The lottery seed (default 0).
    #[serde(default)]
    pub seed: u64,
}

/// Any question, tagged with its endpoint.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "endpoint", content = "body", rename_all = "snake_case")]
pub enum Question {
    /// `POST /v1/decide`.
    Decide(Decide),
    /// `POST /v1/rank`.
    Rank(Rank),
    /// `POST /v1/validate`.
    Validate(Validate),
}

/// Reads a request body as `T`, or says where it goes wrong.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ServeError> {
    serde_json::from_slice(body).map_err(|e| ServeError::BadJson {
        message: e.to_string(),
    })
}

/// The reference date of a question.
pub fn date(text: &str) -> Result<NaiveDate, ServeError> {
    crate::model::dates::parse_date_arg(text).map_err(|reason| ServeError::BadDate {
        text: text.to_owned(),
        reason,
    })
}

impl Question {
    /// The hash of the question as asked: SHA-256 of its compact JSON
    /// (object keys sorted), or its HMAC under the redaction key when the
    /// log is redacted, so a hash cannot be matched to a guessed id.
    pub fn hash(&self, key: Option<&[u8]>) -> String {
        let bytes = serde_json::to_vec(self).unwrap_or_default();
        match key {
            Some(key) => hex(&hmac_sha256(key, &bytes)),
            None => sha256_hex(&bytes),
        }
    }

    /// The seed the question is asked with.
    pub fn seed(&self) -> u64 {
        match self {
            Question::Decide(q) => q.seed,
            Question::Rank(q) => q.seed,
            Question::Validate(q) => q.seed,
        }
    }
}
