//! A buurt (neighbourhood) and the indicators the draagkrachttoets compares.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// A buurt with its liveability and resilience indicators. Which indicators
/// and thresholds Heerlen uses is unknown (a policy choice): the model carries
/// a Leefbaarometer score and a resilience score, each with the municipal
/// average it is compared with.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Buurt {
    /// The CBS buurt code, e.g. `BU09170103`.
    pub(crate) code: String,
    /// The buurt's name.
    pub name: String,
    /// The municipality.
    pub(crate) municipality: String,
    /// Leefbaarometer score of the buurt.
    #[serde(serialize_with = "crate::model::decimal::serialize")]
    pub(crate) leefbaarometer: Decimal,
    /// The municipal average Leefbaarometer score.
    #[serde(serialize_with = "crate::model::decimal::serialize")]
    pub(crate) leefbaarometer_average: Decimal,
    /// Social resilience score of the buurt.
    #[serde(serialize_with = "crate::model::decimal::serialize")]
    pub(crate) resilience: Decimal,
    /// The municipal average resilience score.
    #[serde(serialize_with = "crate::model::decimal::serialize")]
    pub(crate) resilience_average: Decimal,
    /// The day the indicators were measured.
    pub(crate) measured_on: NaiveDate,
}

impl Buurt {
    /// Whether both indicators are above the municipal average (strictly):
    /// the draagkrachttoets allows aandachtsgroep housing only there.
    pub fn above_average(&self) -> bool {
        self.leefbaarometer > self.leefbaarometer_average
            && self.resilience > self.resilience_average
    }
}
