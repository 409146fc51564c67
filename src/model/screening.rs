//! The outcome of a Wbmgp art. 10 screening. The engine never sees the
//! police data itself: only whether there was an objection, when, and which
//! household members it named.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One screening outcome on the applicant's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Screening {
    /// The day of the outcome; the art. 10 lookback counts back from the
    /// reference date to this day.
    pub date: NaiveDate,
    /// Whether the screening found an objection.
    pub objection: bool,
    /// The ids of the household members the outcome concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
}
