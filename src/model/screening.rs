//! The outcome of a Wbmgp art. 10 screening. The engine never sees the
//! police data itself: only whether there was an objection, when, which
//! household members it named, the period of conduct it covered and the
//! application it was made for.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::applicant::Scope;

/// One screening outcome on the applicant's file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Screening {
    /// The day of the outcome: it is known from this day on.
    pub date: NaiveDate,
    /// Whether the screening found an objection.
    pub objection: bool,
    /// The ids of the household members the outcome concerns.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    /// The period of conduct the screening looked at. Wbmgp art. 10b lid 2
    /// bounds it: police data over conduct of at most four years before the
    /// application. Required: the loader refuses a screening without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub covers: Option<Covered>,
    /// The application it was made for: the unit or the complex applied
    /// for. Required, as `covers` is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
}

/// The period of conduct a screening covered, both ends inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Covered {
    /// The first day of conduct screened.
    pub from: NaiveDate,
    /// The last day of conduct screened.
    pub until: NaiveDate,
}
