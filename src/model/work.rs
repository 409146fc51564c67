//! Work, study and volunteering of a household member: the economic binding
//! of Hw2014 art. 14 and the Wbmgp art. 9 profiles read them.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::dates::within;
use crate::vocab::Sector;

/// A job: where, how many hours a week, since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Work {
    /// The municipality of the workplace.
    pub municipality: String,
    /// The societal sector (care, education, public safety, …).
    pub sector: Sector,
    /// The profession as written on the contract, e.g. `leraar basisonderwijs`.
    pub profession: String,
    /// Contract hours per week (0 to 168).
    #[serde(serialize_with = "crate::model::decimal::serialize")]
    pub hours_per_week: Decimal,
    /// First day of the contract.
    pub since: NaiveDate,
    /// Last day of the contract; absent: open-ended.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
}

/// A course followed: where, how many hours a week, since when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Study {
    /// The municipality of the school.
    pub municipality: String,
    /// The course, e.g. `mbo-4 verpleegkunde`.
    pub course: String,
    /// Hours per week (a day course is typically 19 or more).
    #[serde(serialize_with = "crate::model::decimal::serialize")]
    pub hours_per_week: Decimal,
    /// First day of the course.
    pub since: NaiveDate,
    /// Last day; absent: still following it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
}

/// Volunteer work, a Wbmgp art. 9 profile in some municipalities.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Volunteering {
    /// The municipality where the work is done.
    pub municipality: String,
    /// The organisation, e.g. `Buurtkracht Meezenbroek`.
    pub organisation: String,
    /// Hours per week.
    #[serde(serialize_with = "crate::model::decimal::serialize")]
    pub hours_per_week: Decimal,
    /// First day.
    pub since: NaiveDate,
    /// Last day; absent: ongoing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
}

/// What work, study and volunteering have in common: a place, hours and a
/// period. The derived facts are written once against this.
pub trait Activity {
    /// Where.
    fn municipality(&self) -> &str;
    /// Hours per week.
    fn hours_per_week(&self) -> Decimal;
    /// First day.
    fn since(&self) -> NaiveDate;
    /// Last day, if it ended.
    fn until(&self) -> Option<NaiveDate>;

    /// Whether the activity runs on `date` (both ends inclusive).
    fn active_on(&self, date: NaiveDate) -> bool {
        within(date, Some(self.since()), self.until())
    }
}

macro_rules! activity {
    ($t:ty) => {
        impl Activity for $t {
            fn municipality(&self) -> &str {
                &self.municipality
            }
            fn hours_per_week(&self) -> Decimal {
                self.hours_per_week
            }
            fn since(&self) -> NaiveDate {
                self.since
            }
            fn until(&self) -> Option<NaiveDate> {
                self.until
            }
        }
    };
}

activity!(Work);
activity!(Study);
activity!(Volunteering);

/// Activities of one kind running in a set of municipalities on a date:
/// their total hours a week and the earliest start among them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActivityIn {
    /// Total hours per week of the activities running on the date.
    pub hours_per_week: Decimal,
    /// The earliest first day among them (how long the binding has lasted).
    pub since: NaiveDate,
}

/// Sums the activities that run on `date` in `set`; `None` when none does.
pub fn activity_in<'a, A: Activity + 'a, S: AsRef<str>>(
    activities: impl IntoIterator<Item = &'a A>,
    set: &[S],
    date: NaiveDate,
) -> Option<ActivityIn> {
    activities
        .into_iter()
        .filter(|a| a.active_on(date) && crate::model::residence::in_set(set, a.municipality()))
        .fold(None, |acc: Option<ActivityIn>, a| {
            Some(match acc {
                None => ActivityIn {
                    hours_per_week: a.hours_per_week(),
                    since: a.since(),
                },
                Some(acc) => ActivityIn {
                    // At most 168 a week each (checked at load): no overflow.
                    hours_per_week: acc.hours_per_week.saturating_add(a.hours_per_week()),
                    since: acc.since.min(a.since()),
                },
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn work_in_the_region_sums_hours_of_running_contracts() {
        let jobs = [
            Work {
                municipality: "Heerlen".into(),
                sector: Sector::Education,
                profession: "leraar".into(),
                hours_per_week: Decimal::new(24, 0),
                since: d("2025-03-02"),
                until: None,
            },
            Work {
                municipality: "Kerkrade".into(),
                sector: Sector::Other,
                profession: "bijbaan".into(),
                hours_per_week: Decimal::new(8, 0),
                since: d("2026-03-02"),
                until: Some(d("2026-03-02")),
            },
        ];
        let region = ["Heerlen", "Kerkrade"];
        let on = |s| activity_in(&jobs, &region, d(s));
        assert_eq!(on("2025-03-01"), None);
        assert_eq!(
            on("2026-03-01").map(|a| a.hours_per_week),
            Some(Decimal::new(24, 0))
        );
        assert_eq!(
            on("2026-03-02"),
            Some(ActivityIn {
                hours_per_week: Decimal::new(32, 0),
                since: d("2025-03-02")
            })
        );
        assert_eq!(
            on("2026-03-03").map(|a| a.hours_per_week),
            Some(Decimal::new(24, 0))
        );
        assert_eq!(activity_in(&jobs, &["Maastricht"], d("2026-03-02")), None);
    }
}
