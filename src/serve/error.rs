//! What the service answers when it cannot answer the question: one error
//! type, each kind with its HTTP status, written as JSON that carries the
//! same located diagnostics (file, line, YAML path, hint) the CLI prints.

use serde::Serialize;
use serde_json::value::RawValue;

use crate::diagnostics::{Diagnostic, render_json};
use crate::eval::EvalError;
use crate::run::SetupError;
use crate::source::SourceMap;

/// Why a request was not answered, or why the service could not start.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ServeError {
    /// The body is not JSON, or not the JSON the endpoint reads.
    #[error("the request body is not the JSON this endpoint reads: {message}")]
    BadJson {
        /// serde's words, with the line and column.
        message: String,
    },
    /// The reference date is not a calendar day written `YYYY-MM-DD`.
    #[error("`{text}` is not a reference date: {reason}")]
    BadDate {
        /// The date as written.
        text: String,
        /// Why not.
        reason: String,
    },
    /// An applicant or unit id that the data folder does not hold.
    #[error("{what} `{id}` is not in the data folder")]
    Unknown {
        /// `applicant` or `unit`.
        what: &'static str,
        /// The id asked for.
        id: String,
        /// The closest id the folder does hold.
        nearest: Option<String>,
    },
    /// A record written out in the request that the data format refuses.
    #[error("the {what} in the request does not fit the data format")]
    Invalid {
        /// `applicant`, `unit` or `proposal`.
        what: &'static str,
        /// The diagnostics, as `check-data --format json` writes them.
        diagnostics: Box<RawValue>,
    },
    /// The rules cannot be applied to the question (no parameter value in
    /// force on the date, a unit without a complex).
    #[error("the rules cannot decide this question")]
    Rules {
        /// The diagnostics, located in the rule files.
        diagnostics: Box<RawValue>,
    },
    /// A calculation in a rule had no result for this question (E0604):
    /// no decision was made, and none is shown as a refusal.
    #[error("no decision was made: a calculation in the rules has no result")]
    Undecided {
        /// The E0604 diagnostics, located at the calculation.
        diagnostics: Box<RawValue>,
    },
    /// The body is larger than the service takes.
    #[error("the request body is larger than {limit} bytes")]
    TooLarge {
        /// The limit.
        limit: usize,
    },
    /// No bearer token, or not the service's.
    #[error("this service needs its bearer token in an `Authorization` header")]
    Unauthorized,
    /// No endpoint at this path with this method.
    #[error("no endpoint `{method} {path}`")]
    NoEndpoint {
        /// The method asked.
        method: String,
        /// The path asked.
        path: String,
    },
    /// The answer took longer than the service allows a request.
    #[error("no answer within {millis} ms")]
    Timeout {
        /// The bound.
        millis: u128,
    },
    /// A reload whose rules or data do not check clean: refused, and the
    /// rule set in service keeps serving.
    #[error(
        "reload refused: the rules or data do not check clean; the rule set in service keeps serving"
    )]
    ReloadRefused {
        /// Every problem found.
        diagnostics: Box<RawValue>,
    },
    /// The decision log could not be written: no answer goes out unlogged.
    #[error("the decision log cannot be written: {reason}")]
    Log {
        /// The system's reason.
        reason: String,
    },
    /// The service is shutting down.
    #[error("the service is stopping")]
    Stopping,
    /// At start: the address cannot be listened on.
    #[error("cannot listen on `{addr}`: {reason}")]
    Bind {
        /// The address.
        addr: String,
        /// The system's reason.
        reason: String,
    },
    /// At start: the rules or data do not load, rendered for a terminal.
    #[error("{0}")]
    Setup(String),
}

/// The JSON body of an error answer.
#[derive(Serialize)]
struct Body<'a> {
    error: Detail<'a>,
}

#[derive(Serialize)]
struct Detail<'a> {
    /// A stable word a program can branch on.
    kind: &'static str,
    message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    hint: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    diagnostics: Option<&'a RawValue>,
}

impl ServeError {
    /// The HTTP status this error is answered with: 4xx for anything the
    /// caller can mend, 503 for what the service cannot do now.
    pub(crate) fn status(&self) -> u16 {
        match self {
            ServeError::BadJson { .. } | ServeError::BadDate { .. } => 400,
            ServeError::Unauthorized => 401,
            ServeError::Unknown { .. } | ServeError::NoEndpoint { .. } => 404,
            ServeError::ReloadRefused { .. } => 409,
            ServeError::TooLarge { .. } => 413,
            ServeError::Invalid { .. }
            | ServeError::Rules { .. }
            | ServeError::Undecided { .. } => 422,
            ServeError::Timeout { .. } | ServeError::Log { .. } | ServeError::Stopping => 503,
            ServeError::Bind { .. } | ServeError::Setup(_) => 500,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            ServeError::BadJson { .. } => "bad_json",
            ServeError::BadDate { .. } => "bad_date",
            ServeError::Unknown { .. } => "unknown_id",
            ServeError::Invalid { .. } => "invalid_record",
            ServeError::Rules { .. } => "rules",
            ServeError::Undecided { .. } => "undecided",
            ServeError::TooLarge { .. } => "too_large",
            ServeError::Unauthorized => "unauthorized",
            ServeError::NoEndpoint { .. } => "no_endpoint",
            ServeError::Timeout { .. } => "timeout",
            ServeError::ReloadRefused { .. } => "reload_refused",
            ServeError::Log { .. } => "log",
            ServeError::Stopping => "stopping",
            ServeError::Bind { .. } => "bind",
            ServeError::Setup(_) => "setup",
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            ServeError::BadDate { .. } => Some("write the date as `YYYY-MM-DD`".into()),
            ServeError::Unknown { nearest, .. } => {
                nearest.as_ref().map(|n| format!("did you mean `{n}`?"))
            }
            ServeError::Unauthorized => Some("send `Authorization: Bearer <token>`".into()),
            ServeError::TooLarge { .. } => {
                Some("ask about one pair, unit or proposal per request".into())
            }
            _ => None,
        }
    }

    fn diagnostics(&self) -> Option<&RawValue> {
        match self {
            ServeError::Invalid { diagnostics, .. }
            | ServeError::Rules { diagnostics }
            | ServeError::Undecided { diagnostics }
            | ServeError::ReloadRefused { diagnostics } => Some(diagnostics.as_ref()),
            _ => None,
        }
    }

    /// The answer's body: `{"error": {"kind", "message", "hint",
    /// "diagnostics"}}`, pretty printed with a final line break.
    pub(crate) fn body(&self) -> String {
        let body = Body {
            error: Detail {
                kind: self.kind(),
                message: self.to_string(),
                hint: self.hint(),
                diagnostics: self.diagnostics(),
            },
        };
        crate::report::json::render_value(&body).unwrap_or_else(|_| "{}\n".to_owned())
    }

    /// An evaluation error, located in the rule files of `sources`: an
    /// undecided question apart from rules that cannot be applied.
    pub(crate) fn eval(sources: &SourceMap, e: &EvalError) -> Self {
        let diagnostics = located(sources, &e.diagnostics());
        match e {
            EvalError::Undecided(_) => ServeError::Undecided { diagnostics },
            _ => ServeError::Rules { diagnostics },
        }
    }

    /// A reload whose rules or data do not load.
    pub(crate) fn refused(e: &SetupError) -> Self {
        let diagnostics = match e {
            SetupError::Rules {
                sources,
                diagnostics,
            } => located(sources, diagnostics),
            SetupError::Data(errors) => located(&errors.sources, &errors.diagnostics()),
            other => raw(&serde_json::json!([{ "message": other.render().trim_end() }])),
        };
        ServeError::ReloadRefused { diagnostics }
    }
}

/// Diagnostics as the CLI's `--format json` writes them, field order and
/// all.
pub fn located(sources: &SourceMap, diagnostics: &[Diagnostic]) -> Box<RawValue> {
    RawValue::from_string(render_json(sources, diagnostics)).unwrap_or_else(|_| empty())
}

/// `value` as raw JSON.
pub fn raw(value: &serde_json::Value) -> Box<RawValue> {
    serde_json::value::to_raw_value(value).unwrap_or_else(|_| empty())
}

fn empty() -> Box<RawValue> {
    RawValue::from_string("[]".to_owned()).unwrap_or_default()
}
