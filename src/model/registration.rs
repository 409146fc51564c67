//! The applicant's registration with Thuis in Limburg: since when, and the
//! blocks (for a no-show, rent arrears, nuisance) that suspend it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::dates::{whole_years, within};

/// The registration as a house-seeker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// The registration date (inschrijfdatum); registration time counts from
    /// it, and merged registrations keep the oldest.
    pub registered_on: NaiveDate,
    /// Periods in which the registration may not be used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub blocks: Vec<Block>,
}

/// A period in which the registration is blocked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// First blocked day.
    pub from: NaiveDate,
    /// Last blocked day; absent: blocked until further notice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// Why, in the platform's words (e.g. `no-show bij bezichtiging`).
    pub reason: String,
}

impl Registration {
    /// Registration time on `date` in days: 0 on the registration day itself,
    /// negative never (0 before registration).
    pub fn days_on(&self, date: NaiveDate) -> u32 {
        u32::try_from((date - self.registered_on).num_days().max(0)).unwrap_or(u32::MAX)
    }

    /// Registration time on `date` in whole years (anniversaries).
    pub fn years_on(&self, date: NaiveDate) -> u32 {
        whole_years(self.registered_on, date)
    }

    /// Whether the registration exists and is not blocked on `date`.
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.registered_on <= date && self.block_on(date).is_none()
    }

    /// The block in force on `date`, if any.
    pub fn block_on(&self, date: NaiveDate) -> Option<&Block> {
        self.blocks
            .iter()
            .find(|b| within(date, Some(b.from), b.until))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_block_suspends_the_registration_on_its_days_only() {
        let r = Registration {
            registered_on: d("2020-03-02"),
            blocks: vec![Block {
                from: d("2025-12-02"),
                until: Some(d("2026-03-02")),
                reason: "no-show".into(),
            }],
        };
        assert!(!r.active_on(d("2020-03-01")));
        assert!(r.active_on(d("2025-12-01")));
        assert!(!r.active_on(d("2025-12-02")));
        assert!(!r.active_on(d("2026-03-02")));
        assert!(r.active_on(d("2026-03-03")));
    }

    #[test]
    fn registration_time_counts_from_the_registration_date() {
        let r = Registration {
            registered_on: d("2020-03-02"),
            blocks: vec![],
        };
        assert_eq!(r.days_on(d("2020-03-01")), 0);
        assert_eq!(r.days_on(d("2020-03-03")), 1);
        assert_eq!(r.years_on(d("2026-03-01")), 5);
        assert_eq!(r.years_on(d("2026-03-02")), 6);
        assert_eq!(r.years_on(d("2026-03-03")), 6);
    }
}
