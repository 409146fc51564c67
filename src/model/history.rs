//! Past allocations: quotas over a window read them.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One allocation already made.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Allocation {
    /// The unit let.
    pub unit: String,
    /// The applicant it was let to.
    pub(crate) applicant: String,
    /// The day of the allocation.
    pub date: NaiveDate,
    /// The owner who let it (quotas can be scoped per owner).
    pub(crate) owner: String,
    /// The classification the allocation was made under, e.g. `vrager`.
    pub classification: String,
    /// The priority group it was made under, if any (e.g. `urgency`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) priority: Option<String>,
}
