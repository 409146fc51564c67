//! Where the applicant has lived: the periods social binding (Hw2014 art. 14)
//! and the Wbmgp art. 8 residence test read.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::dates::{days_inclusive, whole_years, window_start};

/// One period of residence in one municipality, both ends inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Residence {
    /// The municipality (gemeente), e.g. `Heerlen`.
    pub municipality: String,
    /// First day of residence (registration in the BRP).
    pub from: NaiveDate,
    /// Last day of residence; absent: lives there still.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
}

/// Whether `municipality` is one of `set`.
pub(crate) fn in_set<S: AsRef<str>>(set: &[S], municipality: &str) -> bool {
    set.iter().any(|m| m.as_ref() == municipality)
}

/// The residence history of one applicant, read as facts on a date.
///
/// Periods never overlap (the loader rejects overlaps), so a day is covered
/// by at most one period and counting days is exact.
#[derive(Debug, Clone, Copy)]
pub struct ResidenceHistory<'a>(pub &'a [Residence]);

impl ResidenceHistory<'_> {
    /// The first day of the unbroken stretch of residence in `set` that runs
    /// up to and including `date`; `None` when the applicant does not live in
    /// `set` on `date`. Consecutive periods join when one starts the day after
    /// the other ends (a move within the region).
    pub fn continuous_since<S: AsRef<str>>(&self, set: &[S], date: NaiveDate) -> Option<NaiveDate> {
        let mut periods: Vec<&Residence> = self
            .0
            .iter()
            .filter(|r| in_set(set, &r.municipality) && r.from <= date)
            .collect();
        periods.sort_by_key(|r| std::cmp::Reverse(r.from));
        let mut since: Option<NaiveDate> = None;
        let mut needed = date; // the latest day the next older period must reach
        for period in periods {
            let reaches = period.until.is_none_or(|u| u >= needed);
            if !reaches {
                break;
            }
            since = Some(period.from);
            match period.from.pred_opt() {
                Some(day_before) => needed = day_before,
                None => break,
            }
        }
        since
    }

    /// Whole years of unbroken residence in `set` up to `date` (Hw2014 art. 14:
    /// "6 years continuously"); 0 when not resident on `date`.
    pub fn continuous_years<S: AsRef<str>>(&self, set: &[S], date: NaiveDate) -> u32 {
        self.continuous_since(set, date)
            .map_or(0, |since| whole_years(since, date))
    }

    /// Days resident in `set` within the `years` whole years before `date`:
    /// the window ends the day before `date`, so it counts residence the
    /// way [`whole_years`] counts continuous residence (someone resident
    /// since 2020-03-02 has six whole years on 2026-03-02 by both measures).
    pub fn days_within<S: AsRef<str>>(&self, set: &[S], date: NaiveDate, years: u32) -> u32 {
        let Some(end) = date.pred_opt() else {
            return 0;
        };
        let start = window_start(end, years);
        self.0
            .iter()
            .filter(|r| in_set(set, &r.municipality))
            .map(|r| {
                let from = r.from.max(start);
                let until = r.until.map_or(end, |u| u.min(end));
                days_inclusive(from, until)
            })
            .sum()
    }

    /// Whole years resident in `set` within the last `years` years before
    /// `date` (Hw2014 art. 14: "6 of the last 10 years").
    ///
    /// Residence counts as `k` years when its days reach the number of days
    /// in the `k` calendar years before `date`: leap days weigh as they
    /// fall, so six calendar years of residence are always six years, and one
    /// day less is not.
    pub fn years_within<S: AsRef<str>>(&self, set: &[S], date: NaiveDate, years: u32) -> u32 {
        let days = self.days_within(set, date, years);
        (0..=years)
            .rev()
            .find(|&k| days >= days_before(date, k))
            .unwrap_or(0)
    }
}

/// The number of days in the `years` whole years before `date` (the window
/// [`ResidenceHistory::days_within`] counts in).
pub fn days_before(date: NaiveDate, years: u32) -> u32 {
    date.pred_opt()
        .map_or(0, |end| days_inclusive(window_start(end, years), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn r(m: &str, from: &str, until: Option<&str>) -> Residence {
        Residence {
            municipality: m.into(),
            from: d(from),
            until: until.map(d),
        }
    }

    const PARKSTAD: &[&str] = &["Heerlen", "Kerkrade", "Landgraaf"];

    #[test]
    fn continuous_residence_joins_moves_within_the_region() {
        let history = [
            r("Maastricht", "2010-01-01", Some("2020-03-01")),
            r("Kerkrade", "2020-03-02", Some("2023-06-30")),
            r("Heerlen", "2023-07-01", None),
        ];
        let h = ResidenceHistory(&history);
        assert_eq!(
            h.continuous_since(PARKSTAD, d("2026-03-02")),
            Some(d("2020-03-02"))
        );
        // Exactly six years on the anniversary, five the day before.
        assert_eq!(h.continuous_years(PARKSTAD, d("2026-03-01")), 5);
        assert_eq!(h.continuous_years(PARKSTAD, d("2026-03-02")), 6);
        assert_eq!(h.continuous_years(PARKSTAD, d("2026-03-03")), 6);
        assert_eq!(h.continuous_years(&["Maastricht"], d("2026-03-02")), 0);
    }

    #[test]
    fn a_gap_breaks_continuity() {
        let history = [
            r("Heerlen", "2010-01-01", Some("2019-12-31")),
            r("Heerlen", "2020-01-02", None),
        ];
        let h = ResidenceHistory(&history);
        assert_eq!(
            h.continuous_since(PARKSTAD, d("2026-03-02")),
            Some(d("2020-01-02"))
        );
    }

    #[test]
    fn six_of_the_last_ten_years() {
        // Resident 2016-03-03 ..= 2022-03-02: six whole years, all inside the
        // ten years before 2026-03-02 (2016-03-02 ..= 2026-03-01).
        let history = [r("Heerlen", "2016-03-03", Some("2022-03-02"))];
        let h = ResidenceHistory(&history);
        assert_eq!(h.years_within(PARKSTAD, d("2026-03-02"), 10), 6);
        assert_eq!(h.years_within(PARKSTAD, d("2026-03-03"), 10), 6);
        // Two days later the window has moved past the first day.
        assert_eq!(h.years_within(PARKSTAD, d("2026-03-04"), 10), 5);
        assert_eq!(h.days_within(PARKSTAD, d("2026-03-03"), 10), 2191);
        assert_eq!(h.days_within(PARKSTAD, d("2026-03-04"), 10), 2190);
    }

    #[test]
    fn the_window_and_continuous_residence_agree() {
        // Resident since 2020-03-03: one day short of six continuous years on
        // 2026-03-02, and one day short of six of the last ten as well.
        let history = [r("Heerlen", "2020-03-03", None)];
        let h = ResidenceHistory(&history);
        assert_eq!(h.continuous_years(PARKSTAD, d("2026-03-02")), 5);
        assert_eq!(h.years_within(PARKSTAD, d("2026-03-02"), 10), 5);
        assert_eq!(h.continuous_years(PARKSTAD, d("2026-03-03")), 6);
        assert_eq!(h.years_within(PARKSTAD, d("2026-03-03"), 10), 6);
    }
}
