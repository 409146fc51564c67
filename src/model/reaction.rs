//! Reactions: who responded to which advertised unit (a vacancy's candidates).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One applicant's response to one unit.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reaction {
    /// The applicant who responded.
    pub applicant: String,
    /// The unit responded to.
    pub unit: String,
    /// The day of the response ("direct te huur" ranks by it).
    pub date: NaiveDate,
    /// How the applicant answered an offer of the unit, when that is
    /// recorded: a recorded ground to pass them over.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<Response>,
}

/// A recorded answer to an offer: why a corporation may pass a candidate over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Response {
    /// The applicant declined the unit.
    Declined,
    /// The applicant did not respond to the offer in time.
    NoResponse,
}

impl Response {
    /// The word the data format uses.
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Response::Declined => "declined",
            Response::NoResponse => "no_response",
        }
    }
}
