//! An urgency declaration (Hw2014 art. 12): its ground and how long it holds.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::dates::within;
use crate::vocab::UrgencyCategory;

/// An urgency declaration granted to the applicant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Urgency {
    /// The ground it was granted on.
    pub category: UrgencyCategory,
    /// The day it was granted; it holds from this day.
    pub granted: NaiveDate,
    /// The last day it holds.
    pub valid_until: NaiveDate,
}

impl Urgency {
    /// Whether the declaration holds on `date` (both ends inclusive).
    pub fn valid_on(&self, date: NaiveDate) -> bool {
        within(date, Some(self.granted), Some(self.valid_until))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urgency_holds_through_its_last_day() {
        let u = Urgency {
            category: UrgencyCategory::LossOfHome,
            granted: "2025-09-02".parse().unwrap(),
            valid_until: "2026-03-02".parse().unwrap(),
        };
        assert!(!u.valid_on("2025-09-01".parse().unwrap()));
        assert!(u.valid_on("2025-09-02".parse().unwrap()));
        assert!(u.valid_on("2026-03-02".parse().unwrap()));
        assert!(!u.valid_on("2026-03-03".parse().unwrap()));
    }
}
