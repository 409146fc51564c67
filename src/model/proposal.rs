//! Proposals: allocations a corporation wants validated before signing.

use chrono::NaiveDate;
use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize, Serializer};

/// One proposed allocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Proposal {
    /// Id unique in the data folder.
    pub id: String,
    /// The unit.
    pub unit: String,
    /// The applicant.
    pub applicant: String,
    /// The intended date of the allocation (the reference date validated).
    pub date: NaiveDate,
    /// The day of the application for the housing permit, when recorded
    /// (on or before `date`). Wbmgp art. 8 and the art. 10b lookback count
    /// up to it; without it, the applicant's reaction to the unit is the
    /// application, or else the proposal's date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_date: Option<NaiveDate>,
    /// What the corporation says the allocation rests on.
    pub basis: Basis,
    /// The corporation's own explanation, free text.
    pub ground: String,
}

/// The claimed basis of a proposal: a priority group the applicant is said to
/// fall in, a tailored allocation ground (maatwerk, bemiddeling) that lets
/// it pass over the ranking, or a rule (a gate, its exemption or override)
/// it is said to meet. Written `{priority: urgency}`, `{tailored: referral}`
/// or `{rule: wbmgp_income}`. Only a tailored ground that holds justifies
/// passing over higher-ranked candidates; a rule never does.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Basis {
    /// A priority group by name.
    Priority(String),
    /// A rule by id: it is claimed to hold (or its exemption to apply).
    Rule(String),
    /// A `tailored` allocation ground by id.
    Tailored(String),
}

/// Written as a one-key mapping (`{priority: urgency}`), the form the loader
/// reads; serde_yaml's default for such an enum would be a YAML tag, which
/// data files refuse.
impl Serialize for Basis {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(1))?;
        match self {
            Basis::Priority(group) => map.serialize_entry("priority", group)?,
            Basis::Rule(rule) => map.serialize_entry("rule", rule)?,
            Basis::Tailored(ground) => map.serialize_entry("tailored", ground)?,
        }
        map.end()
    }
}
