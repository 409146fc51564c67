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
}
