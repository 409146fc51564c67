//! Calendar durations measured between dates, with the one leap-day rule the
//! data model uses everywhere: an anniversary that does not exist in a month
//! (29 February, 31 April) falls on the first day of the next month.

use chrono::{Days, NaiveDate};

pub(crate) use crate::model::dates::{add_months, between};

use crate::syntax::ast::Duration;

/// The date a calendar duration after `date`.
pub fn add(date: NaiveDate, d: Duration) -> Option<NaiveDate> {
    let months = u32::try_from(d.total_months()).ok()?;
    add_months(date, months)?.checked_add_days(Days::new(u64::from(d.days)))
}

/// The date a calendar duration before `date`: the same day of the month
/// that many months back (or the 1st of the month after, when that day does
/// not exist), then the days.
pub fn sub(date: NaiveDate, d: Duration) -> Option<NaiveDate> {
    let months = i64::try_from(d.total_months()).ok()?;
    crate::model::dates::shift_months(date, months.checked_neg()?)?
        .checked_sub_days(Days::new(u64::from(d.days)))
}

/// How many days the calendar duration `d` spans in the period just before
/// `date` (the reference date itself not included), the window residence
/// is counted in: "6 years" before 2026-03-02 is every day from 2020-03-02
/// through 2026-03-01. Whole years use the data model's own window, so
/// "6 of the last 10 years" is judged the same way everywhere.
pub fn days_before(date: NaiveDate, d: Duration) -> u32 {
    let back = sub(date, d).unwrap_or(NaiveDate::MIN);
    u32::try_from(date.signed_duration_since(back).num_days().max(0)).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn months_between_follow_the_leap_day_rule() {
        assert_eq!(between(d("2020-03-02"), d("2026-03-02")), Some((72, 0)));
        assert_eq!(between(d("2020-03-03"), d("2026-03-02")), Some((71, 27)));
        assert_eq!(between(d("2020-02-29"), d("2021-02-28")), Some((11, 30)));
        assert_eq!(between(d("2020-02-29"), d("2021-03-01")), Some((12, 0)));
        assert_eq!(between(d("2024-01-31"), d("2024-03-01")), Some((1, 0)));
        assert_eq!(between(d("2026-03-03"), d("2026-03-02")), None);
    }

    #[test]
    fn adding_durations() {
        let dur = |years, months, days| Duration {
            years,
            months,
            days,
        };
        assert_eq!(add(d("2024-02-29"), dur(1, 0, 0)), Some(d("2025-03-01")));
        assert_eq!(add(d("2024-01-31"), dur(0, 1, 1)), Some(d("2024-03-02")));
        assert_eq!(sub(d("2026-03-02"), dur(0, 12, 0)), Some(d("2025-03-02")));
        assert_eq!(sub(d("2025-03-31"), dur(0, 1, 0)), Some(d("2025-03-01")));
    }

    #[test]
    fn days_of_a_duration_before_a_date() {
        let dur = |years, months, days| Duration {
            years,
            months,
            days,
        };
        // 2020-03-02 ..= 2026-03-01: six years including one leap day (2024).
        assert_eq!(days_before(d("2026-03-02"), dur(6, 0, 0)), 2191);
        assert_eq!(days_before(d("2026-03-02"), dur(0, 1, 0)), 28);
        assert_eq!(days_before(d("2026-03-02"), dur(0, 0, 30)), 30);
    }
}
