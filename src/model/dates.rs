//! Date arithmetic shared by every derived fact: inclusive periods and whole
//! years counted the way Dutch practice counts them.

use chrono::{Datelike, Days, NaiveDate};

/// Why a text is not a date `YYYY-MM-DD`, with the date probably meant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct DateError {
    /// Why not, in words (`February 2026 has 28 days`).
    pub reason: String,
    /// The date probably meant, written `YYYY-MM-DD`, if any.
    pub suggestion: Option<String>,
}

impl DateError {
    /// The reason in parentheses after "a date `YYYY-MM-DD`" in a message
    /// that states the form already, or nothing when the form is the reason.
    pub fn aside(&self) -> String {
        if self.reason == FORM {
            String::new()
        } else {
            format!(" ({self})")
        }
    }
}

/// The reason when a text is not even shaped like a date.
const FORM: &str = "dates are written `YYYY-MM-DD`";

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.reason)?;
        if let Some(date) = &self.suggestion {
            write!(f, ": did you mean `{date}`?")?;
        }
        Ok(())
    }
}

impl std::error::Error for DateError {}

/// Reads a date, written `YYYY-MM-DD` and nothing else: the one reading of
/// a date for the command line, data files and rule tests, so a date is
/// refused everywhere with the same words. `02-03-2026` and `2026-3-2` are
/// refused with the date they most likely mean; `2026-02-30` with the
/// length of February 2026.
pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, DateError> {
    let parts: Vec<&str> = text.split('-').collect();
    let numbers = |parts: &[&str]| -> Option<(u32, u32, u32)> {
        let [a, b, c] = parts else { return None };
        if ![a, b, c]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        {
            return None;
        }
        Some((a.parse().ok()?, b.parse().ok()?, c.parse().ok()?))
    };
    let plain = || DateError {
        reason: FORM.into(),
        suggestion: None,
    };
    // Year first, in its strict form or with one-digit month or day.
    if let (Some((year, month, day)), Some(first)) = (numbers(&parts), parts.first()) {
        if first.len() == 4 {
            let year = i32::try_from(year).map_err(|_| plain())?;
            let date = calendar_day(year, month, day)?;
            let strict = parts.iter().skip(1).all(|p| p.len() == 2);
            return if strict {
                Ok(date)
            } else {
                Err(DateError {
                    reason: "the month and the day are written with two digits".into(),
                    suggestion: Some(date.to_string()),
                })
            };
        }
    }
    // Day first, as Dutch text writes it: `02-03-2026`, `2/3/2026`, `2.3.2026`.
    let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
    if let (Some((day, month, year)), Some(last)) = (numbers(&parts), parts.last()) {
        if last.len() == 4 {
            let year = i32::try_from(year).map_err(|_| plain())?;
            let date = calendar_day(year, month, day)?;
            return Err(DateError {
                reason: "dates are written year first".into(),
                suggestion: Some(date.to_string()),
            });
        }
    }
    Err(plain())
}

/// `parse_date` for clap: its error as a message.
pub fn parse_date_arg(text: &str) -> Result<NaiveDate, String> {
    parse_date(text).map_err(|e| e.to_string())
}

/// The day `year-month-day`, or why the calendar has no such day.
fn calendar_day(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateError> {
    NaiveDate::from_ymd_opt(year, month, day).ok_or_else(|| DateError {
        reason: calendar_problem(year, month, day),
        suggestion: None,
    })
}

/// Why `year-month-day` is no day of the calendar, in words: `February
/// 2026 has 28 days`, `months run from `01` to `12``. Rule files' date
/// literals say the same.
pub(crate) fn calendar_problem(year: i32, month: u32, day: u32) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let Some(name) = month
        .checked_sub(1)
        .and_then(|m| MONTHS.get(usize::try_from(m).ok()?))
    else {
        return "months run from `01` to `12`".to_owned();
    };
    if day == 0 {
        return "days start at `01`".to_owned();
    }
    match (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
    {
        Some(days) => format!("{name} {year} has {days} days"),
        None => format!("the year {year} is outside the calendar"),
    }
}

/// Whether `date` lies in the period `from ..= until`; a missing end means the
/// period is still running. Both ends are inclusive: a designation valid
/// "until 2026-03-02" still holds on that day.
pub(crate) fn within(date: NaiveDate, from: Option<NaiveDate>, until: Option<NaiveDate>) -> bool {
    from.is_none_or(|f| f <= date) && until.is_none_or(|u| date <= u)
}

/// Whole years from `start` to `date`, counted as anniversaries (0 when
/// `date` is before `start`).
///
/// A year is complete when the calendar date of `start` comes round again.
/// For a start on 29 February that date does not exist in a common year; the
/// year is then complete on 1 March, once all of 28 February has passed. This
/// is the reading Dutch practice follows for a leap-day birthday (one turns 18
/// on 1 March in a common year, not on 28 February), and the same rule serves
/// ages, registration years and residence years so they never disagree.
pub(crate) fn whole_years(start: NaiveDate, date: NaiveDate) -> u32 {
    if date < start {
        return 0;
    }
    // Years of the calendar lie within ±262 143: the difference cannot
    // overflow, and with `date >= start` it is at least 1 whenever the
    // anniversary is still to come, so nothing saturates.
    let before_anniversary = (date.month(), date.day()) < (start.month(), start.day());
    let years = date
        .year()
        .saturating_sub(start.year())
        .saturating_sub(i32::from(before_anniversary));
    u32::try_from(years).unwrap_or(0)
}

/// The day `start` comes round for the `years`th time: the same calendar day
/// `years` later, or 1 March for a 29 February that has no counterpart (the
/// reading of [`whole_years`]: one turns 18 on 1 March in a common year).
/// `whole_years(start, anniversary(start, n))` is `n`, and the day before it
/// `n - 1`.
pub(crate) fn anniversary(start: NaiveDate, years: u32) -> NaiveDate {
    // A year past `i32` is past the calendar's end too.
    let year = i32::try_from(years)
        .ok()
        .and_then(|years| start.year().checked_add(years));
    year.and_then(|year| {
        NaiveDate::from_ymd_opt(year, start.month(), start.day())
            .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
    })
    .unwrap_or(NaiveDate::MAX)
}

/// The last day of a period of `months` calendar months that starts on
/// `from` (both ends inclusive): the day before the same day `months` later.
/// Where that day does not exist (30 November + 3 months), the period runs
/// to the end of the shorter month, as [`anniversary`] runs to 1 March.
///
/// From 2026-02-01, three months end on 2026-04-30; from 2025-11-30, on
/// 2026-02-28.
pub(crate) fn months_end(from: NaiveDate, months: u32) -> NaiveDate {
    // The day the months come round (the 1st of the next month where that
    // day does not exist), less one.
    add_months(from, months)
        .and_then(|d| d.pred_opt())
        .unwrap_or(NaiveDate::MAX)
}

/// The first day of the window of `years` whole years that ends on `date`
/// (inclusive): for 2026-03-02 and 10 years, 2016-03-03.
///
/// Built on [`whole_years`]: a day lies in the window exactly when fewer than
/// `years` whole years separate it from `date`.
pub fn window_start(date: NaiveDate, years: u32) -> NaiveDate {
    // A year before `i32::MIN` is before the calendar's start too.
    let year = i32::try_from(years)
        .ok()
        .and_then(|years| date.year().checked_sub(years));
    // The same calendar day `years` earlier, or 1 March for a leap day that
    // has no counterpart (see `whole_years`).
    let anniversary = year
        .and_then(|year| {
            NaiveDate::from_ymd_opt(year, date.month(), date.day())
                .or_else(|| NaiveDate::from_ymd_opt(year, 3, 1))
        })
        .unwrap_or(NaiveDate::MIN);
    anniversary
        .checked_add_days(Days::new(1))
        .unwrap_or(anniversary)
}

/// The date `months` whole months after `start`, on the same day of the
/// month, or on the 1st of the month after when that day does not exist.
pub(crate) fn add_months(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    shift_months(start, i64::from(months))
}

/// The same day of the month `months` later (earlier when negative), or the
/// 1st of the month after when that day does not exist in the month reached.
pub(crate) fn shift_months(start: NaiveDate, months: i64) -> Option<NaiveDate> {
    let index = i64::from(start.year())
        .checked_mul(12)?
        .checked_add(i64::from(start.month0()))?
        .checked_add(months)?;
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month0 = u32::try_from(index.rem_euclid(12)).ok()?;
    NaiveDate::from_ymd_opt(year, month0.checked_add(1)?, start.day()).or_else(|| {
        let (y, m) = if month0 == 11 {
            (year.checked_add(1)?, 1)
        } else {
            (year, month0.checked_add(2)?)
        };
        NaiveDate::from_ymd_opt(y, m, 1)
    })
}

/// Whole months and remaining days from `start` to `date` (`None` when
/// `date` is before `start`). Twelve whole months are exactly the whole
/// years [`crate::model::dates::whole_years`] counts.
pub fn between(start: NaiveDate, date: NaiveDate) -> Option<(u32, u32)> {
    if date < start {
        return None;
    }
    // Months from the start's month to the date's, far inside `i64`.
    let rough = i64::from(date.year())
        .checked_sub(i64::from(start.year()))?
        .checked_mul(12)?
        .checked_add(i64::from(date.month()))?
        .checked_sub(i64::from(start.month()))?;
    let mut months = u32::try_from(rough.max(0)).ok()?;
    while months > 0 && add_months(start, months).is_none_or(|d| d > date) {
        // `months > 0`: nothing saturates.
        months = months.saturating_sub(1);
    }
    let anniversary = add_months(start, months)?;
    let days = u32::try_from(date.signed_duration_since(anniversary).num_days()).ok()?;
    Some((months, days))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn within_includes_both_ends() {
        let (f, u) = (Some(d("2026-01-01")), Some(d("2026-03-02")));
        assert!(!within(d("2025-12-31"), f, u));
        assert!(within(d("2026-01-01"), f, u));
        assert!(within(d("2026-03-02"), f, u));
        assert!(!within(d("2026-03-03"), f, u));
        assert!(within(d("2099-01-01"), f, None));
    }

    #[test]
    fn whole_years_turn_on_the_anniversary() {
        assert_eq!(whole_years(d("2020-03-02"), d("2026-03-01")), 5);
        assert_eq!(whole_years(d("2020-03-02"), d("2026-03-02")), 6);
        assert_eq!(whole_years(d("2020-03-02"), d("2026-03-03")), 6);
        assert_eq!(whole_years(d("2026-03-03"), d("2026-03-02")), 0);
    }

    #[test]
    fn a_leap_day_anniversary_falls_on_1_march_in_a_common_year() {
        let born = d("2008-02-29");
        assert_eq!(whole_years(born, d("2026-02-28")), 17);
        assert_eq!(whole_years(born, d("2026-03-01")), 18);
        assert_eq!(whole_years(born, d("2028-02-28")), 19);
        assert_eq!(whole_years(born, d("2028-02-29")), 20);
    }

    #[test]
    fn window_start_is_the_day_after_the_anniversary() {
        assert_eq!(window_start(d("2026-03-02"), 10), d("2016-03-03"));
        assert_eq!(window_start(d("2028-02-29"), 1), d("2027-03-02"));
        let end = d("2026-03-02");
        let start = window_start(end, 10);
        assert_eq!(whole_years(start, end), 9);
        assert_eq!(whole_years(start.pred_opt().unwrap(), end), 10);
    }

    #[test]
    fn an_anniversary_is_the_day_whole_years_turn() {
        assert_eq!(anniversary(d("2008-03-02"), 18), d("2026-03-02"));
        assert_eq!(anniversary(d("2008-02-29"), 18), d("2026-03-01"));
        assert_eq!(anniversary(d("2008-02-29"), 20), d("2028-02-29"));
        for born in ["2008-03-02", "2008-02-29", "2007-12-31"] {
            let day = anniversary(d(born), 18);
            assert_eq!(whole_years(d(born), day), 18);
            assert_eq!(whole_years(d(born), day.pred_opt().unwrap()), 17);
        }
    }

    #[test]
    fn months_end_is_the_day_before_the_same_day_later() {
        assert_eq!(months_end(d("2026-02-01"), 3), d("2026-04-30"));
        assert_eq!(months_end(d("2025-12-02"), 3), d("2026-03-01"));
        assert_eq!(months_end(d("2025-11-30"), 3), d("2026-02-28"));
        assert_eq!(months_end(d("2025-10-31"), 3), d("2026-01-30"));
        assert_eq!(months_end(d("2023-11-30"), 3), d("2024-02-29"));
        assert_eq!(months_end(d("2025-09-15"), 3), d("2025-12-14"));
    }
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn one_reading_of_a_date_with_one_message() {
        let said = |text: &str| parse_date(text).map_err(|e| e.to_string());
        assert_eq!(
            said("2026-03-02"),
            Ok(NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default())
        );
        assert_eq!(
            said("02-03-2026"),
            Err("dates are written year first: did you mean `2026-03-02`?".into())
        );
        assert_eq!(
            said("2/3/2026"),
            Err("dates are written year first: did you mean `2026-03-02`?".into())
        );
        assert_eq!(said("2026-02-30"), Err("February 2026 has 28 days".into()));
        assert_eq!(said("2024-02-30"), Err("February 2024 has 29 days".into()));
        assert_eq!(
            said("2026-13-01"),
            Err("months run from `01` to `12`".into())
        );
        assert_eq!(
            said("2026-3-2"),
            Err(
                "the month and the day are written with two digits: did you mean `2026-03-02`?"
                    .into()
            )
        );
        assert_eq!(said("31-02-2026"), Err("February 2026 has 28 days".into()));
        for bad in [
            "",
            "tomorrow",
            "2026-03-02x",
            "+2026-03-02",
            "2026--03-02",
            "2026-03-02-01",
        ] {
            assert_eq!(
                said(bad),
                Err("dates are written `YYYY-MM-DD`".into()),
                "{bad}"
            );
        }
    }
}
