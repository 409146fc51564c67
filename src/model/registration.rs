//! The applicant's registration with Thuis in Limburg: since when, and the
//! blocks (for a no-show, rent arrears, nuisance) that suspend it.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::dates::{anniversary, months_end, whole_years, within};
use crate::model::household::ADULT_AGE;
use crate::vocab::BlockKind;

/// The longest a no-show block may last, in calendar months (Thuis in
/// Limburg spelregels: "een blokkade van maximaal 3 maanden").
pub const NO_SHOW_MONTHS: u32 = 3;

/// The registration as a house-seeker.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Registration {
    /// The registration date (inschrijfdatum), as recorded; merged
    /// registrations keep the oldest. Registration time counts from it, but
    /// never from before the 18th birthday (see [`Registration::counts_from`]).
    /// Yearly renewal is not modelled: a registration on file is taken to
    /// have been renewed.
    pub(crate) registered_on: NaiveDate,
    /// Periods in which the registration may not be used.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) blocks: Vec<Block>,
}

/// A period in which the registration is blocked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// Why the registration is blocked; a no-show block lasts at most
    /// [`NO_SHOW_MONTHS`] months.
    pub kind: BlockKind,
    /// First blocked day.
    pub from: NaiveDate,
    /// Last blocked day; absent: blocked until further notice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// Why, in the platform's words (e.g. `no-show bij bezichtiging`).
    pub reason: String,
}

impl Registration {
    /// The day registration time counts from for a house-seeker born on
    /// `birth_date`: the later of the registration date and the 18th
    /// birthday. Thuis in Limburg registers from 18, so time registered as a
    /// minor (a parent registering a child of 10) does not count.
    pub(crate) fn counts_from(&self, birth_date: NaiveDate) -> NaiveDate {
        self.registered_on.max(anniversary(birth_date, ADULT_AGE))
    }

    /// Registration time on `date` in days, counted from
    /// [`Registration::counts_from`]: 0 on that day itself, and 0 before it.
    pub fn days_on(&self, date: NaiveDate, birth_date: NaiveDate) -> u32 {
        let start = self.counts_from(birth_date);
        u32::try_from(date.signed_duration_since(start).num_days().max(0)).unwrap_or(u32::MAX)
    }

    /// Registration time on `date` in whole years (anniversaries of
    /// [`Registration::counts_from`]).
    pub fn years_on(&self, date: NaiveDate, birth_date: NaiveDate) -> u32 {
        whole_years(self.counts_from(birth_date), date)
    }

    /// Whether the registration exists and is not blocked on `date`.
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.registered_on <= date && self.block_on(date).is_none()
    }

    /// The block in force on `date`, if any.
    pub(crate) fn block_on(&self, date: NaiveDate) -> Option<&Block> {
        self.blocks
            .iter()
            .find(|b| within(date, Some(b.from), b.until))
    }
}

impl Block {
    /// The last day a block of this kind may run to: for a no-show, the last
    /// day of [`NO_SHOW_MONTHS`] months from its first day (from 2026-02-01:
    /// 2026-04-30); other kinds have no limit.
    pub fn longest_until(&self) -> Option<NaiveDate> {
        (self.kind == BlockKind::NoShow).then(|| months_end(self.from, NO_SHOW_MONTHS))
    }

    /// Whether the block runs longer than its kind allows (an open-ended
    /// no-show block does).
    pub fn too_long(&self) -> bool {
        self.longest_until()
            .is_some_and(|last| self.until.is_none_or(|u| u > last))
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
                kind: BlockKind::NoShow,
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
        let born = d("1990-01-01");
        assert_eq!(r.days_on(d("2020-03-01"), born), 0);
        assert_eq!(r.days_on(d("2020-03-03"), born), 1);
        assert_eq!(r.years_on(d("2026-03-01"), born), 5);
        assert_eq!(r.years_on(d("2026-03-02"), born), 6);
        assert_eq!(r.years_on(d("2026-03-03"), born), 6);
    }

    #[test]
    fn registration_time_never_counts_from_before_the_18th_birthday() {
        // Registered at 10 by a parent; 21 on 2026-03-02: three years count.
        let born = d("2005-03-02");
        let r = Registration {
            registered_on: d("2015-03-02"),
            blocks: vec![],
        };
        assert_eq!(r.counts_from(born), d("2023-03-02"));
        assert_eq!(r.years_on(d("2026-03-01"), born), 2);
        assert_eq!(r.years_on(d("2026-03-02"), born), 3);
        assert_eq!(r.years_on(d("2026-03-03"), born), 3);
        assert_eq!(r.days_on(d("2023-03-01"), born), 0);
        assert_eq!(r.days_on(d("2023-03-02"), born), 0);
        assert_eq!(r.days_on(d("2023-03-03"), born), 1);
        // Registered on the 18th birthday, the day before, the day after.
        for (registered, from) in [
            ("2023-03-02", "2023-03-02"),
            ("2023-03-01", "2023-03-02"),
            ("2023-03-03", "2023-03-03"),
        ] {
            let r = Registration {
                registered_on: d(registered),
                blocks: vec![],
            };
            assert_eq!(r.counts_from(born), d(from), "{registered}");
        }
        // A leap-day child comes of age on 1 March in a common year.
        assert_eq!(r.counts_from(d("2008-02-29")), d("2026-03-01"));
    }

    fn block(kind: BlockKind, from: &str, until: Option<&str>) -> Block {
        Block {
            kind,
            from: d(from),
            until: until.map(d),
            reason: "x".into(),
        }
    }

    #[test]
    fn a_no_show_block_lasts_at_most_three_months() {
        let no_show = |until| block(BlockKind::NoShow, "2026-02-01", until);
        assert!(!no_show(Some("2026-04-29")).too_long());
        assert!(!no_show(Some("2026-04-30")).too_long());
        assert!(no_show(Some("2026-05-01")).too_long());
        assert!(no_show(None).too_long(), "until further notice");
        // Other grounds have no limit.
        assert!(!block(BlockKind::RentArrears, "2026-02-01", None).too_long());
        assert!(!block(BlockKind::Nuisance, "2020-02-01", Some("2026-05-01")).too_long());
    }
}
