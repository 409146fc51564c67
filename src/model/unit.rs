//! A dwelling (unit) offered for rent.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::vocab::{Segment, UnitType};

/// One unit in a complex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    /// Id unique in the data folder.
    pub id: String,
    /// The id of the complex it belongs to.
    pub complex: String,
    /// Net monthly rent (kale huur) in euros; the rent limits of the
    /// Woningwet compare against this.
    #[serde(serialize_with = "crate::model::decimal::serialize")]
    pub(crate) rent: Decimal,
    /// Number of rooms.
    pub(crate) rooms: u32,
    /// Floor area in m².
    #[serde(serialize_with = "crate::model::decimal::serialize")]
    pub(crate) floor_area: Decimal,
    /// Kind of dwelling.
    #[serde(rename = "type")]
    pub(crate) unit_type: UnitType,
    /// Floor (0 = ground floor; negative for a basement).
    pub(crate) floor: i32,
    /// Whether the unit is accessible without stairs (rollator/wheelchair).
    pub(crate) accessible: bool,
    /// Rent segment.
    pub(crate) segment: Segment,
    /// First day the unit can be let.
    pub available_from: NaiveDate,
}
