//! Where the applicant has lived: the periods social binding (Hw2014 art. 14)
//! and the Wbmgp art. 8 residence test read.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::dates::between;

/// One period of residence in one municipality, both ends inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Residence {
    /// The municipality (gemeente), e.g. `Heerlen`.
    pub(crate) municipality: String,
    /// First day of residence (registration in the BRP).
    pub(crate) from: NaiveDate,
    /// Last day of residence; absent: lives there still.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) until: Option<NaiveDate>,
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
    pub(crate) fn continuous_since<S: AsRef<str>>(
        &self,
        set: &[S],
        date: NaiveDate,
    ) -> Option<NaiveDate> {
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

    /// The unbroken stretch of residence in `set` that ends the day before
    /// `date`, as its first day and `date` (the day after its last): the
    /// residence "voorafgaand aan" a date. `None` when the applicant did not
    /// live in `set` the day before.
    pub fn stretch_before<S: AsRef<str>>(
        &self,
        set: &[S],
        date: NaiveDate,
    ) -> Option<(NaiveDate, NaiveDate)> {
        let last = date.pred_opt()?;
        self.continuous_since(set, last).map(|since| (since, date))
    }

    /// The longest unbroken stretch of residence in `set` inside the window
    /// `window_start .. date` (the day `date` itself not included), clipped
    /// to the window, as its first day and the day after its last.
    ///
    /// Hw2014 art. 14 lid 4 b 2°: "gedurende de voorafgaande tien jaar ten
    /// minste zes jaar onafgebroken ingezetene". Stretches are never added
    /// up: three years, a gap and three more years are two stretches of
    /// three. "Longest" is in calendar terms (whole months, then days), so a
    /// stretch that reaches its sixth anniversary always beats one that does
    /// not; on a tie the later stretch is taken.
    pub fn longest_stretch<S: AsRef<str>>(
        &self,
        set: &[S],
        window_start: NaiveDate,
        date: NaiveDate,
    ) -> Option<(NaiveDate, NaiveDate)> {
        longest_of(&self.stretches(set), window_start, date)
    }

    /// The unbroken stretches of residence in `set`, in date order, each
    /// with the day after its last (none while it lasts): what
    /// [`ResidenceHistory::longest_stretch`] picks from, the same on every
    /// date, so an allocation run that moves an applicant's facts from day
    /// to day keeps them instead of reading the history again.
    pub fn stretches<S: AsRef<str>>(&self, set: &[S]) -> Vec<Stretch> {
        let mut periods: Vec<(NaiveDate, Option<NaiveDate>)> = self
            .0
            .iter()
            .filter(|r| in_set(set, &r.municipality))
            .map(|r| (r.from, r.until))
            .collect();
        periods.sort();
        // Join periods that touch (a move within the region) into stretches,
        // each as its first day and the day after its last (`None`: running).
        let mut stretches: Vec<(NaiveDate, Option<NaiveDate>)> = Vec::new();
        for (from, until) in periods {
            let end = until.map(|u| u.succ_opt().unwrap_or(u));
            if let Some(last) = stretches.last_mut() {
                match last.1 {
                    None => continue,
                    Some(e) if from <= e => {
                        last.1 = end.map(|x| x.max(e));
                        continue;
                    }
                    Some(_) => {}
                }
            }
            stretches.push((from, end));
        }
        stretches
    }
}

/// An unbroken stretch of residence: its first day, and the day after its
/// last (none while it lasts).
pub type Stretch = (NaiveDate, Option<NaiveDate>);

/// The longest of `stretches` ([`ResidenceHistory::stretches`]) within the
/// window from `window_start` up to `date`, as
/// [`ResidenceHistory::longest_stretch`] gives it.
pub fn longest_of(
    stretches: &[Stretch],
    window_start: NaiveDate,
    date: NaiveDate,
) -> Option<(NaiveDate, NaiveDate)> {
    stretches
        .iter()
        .map(|&(from, end)| (from.max(window_start), end.map_or(date, |e| e.min(date))))
        .filter(|(from, until)| from < until)
        .max_by_key(|(from, until)| (between(*from, *until), *from))
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
        assert_eq!(
            h.stretch_before(PARKSTAD, d("2026-03-02")),
            Some((d("2020-03-02"), d("2026-03-02")))
        );
        assert_eq!(h.stretch_before(&["Maastricht"], d("2026-03-02")), None);
        // The day the move in is the first day: nothing before it yet.
        assert_eq!(h.stretch_before(PARKSTAD, d("2020-03-02")), None);
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
    fn the_longest_stretch_is_one_stretch_never_a_sum() {
        // 3 years, a gap of a year, 3 more years: two stretches of three.
        let history = [
            r("Heerlen", "2017-03-02", Some("2020-03-01")),
            r("Maastricht", "2020-03-02", Some("2021-03-01")),
            r("Heerlen", "2021-03-02", Some("2024-03-01")),
        ];
        let h = ResidenceHistory(&history);
        let (from, until) = h
            .longest_stretch(PARKSTAD, d("2016-03-02"), d("2026-03-02"))
            .unwrap();
        assert_eq!(between(from, until), Some((36, 0)));
        assert_eq!(from, d("2021-03-02"), "the later of two equal stretches");
    }

    #[test]
    fn a_stretch_is_clipped_to_the_window() {
        // Resident 2014-01-01 ..= 2022-03-01; the ten years before
        // 2026-03-02 start on 2016-03-02, so the stretch inside runs
        // 2016-03-02 ..= 2022-03-01: exactly six years.
        let history = [r("Heerlen", "2014-01-01", Some("2022-03-01"))];
        let h = ResidenceHistory(&history);
        assert_eq!(
            h.longest_stretch(PARKSTAD, d("2016-03-02"), d("2026-03-02")),
            Some((d("2016-03-02"), d("2022-03-02")))
        );
        // A day later the window starts a day later: one day short.
        let (from, until) = h
            .longest_stretch(PARKSTAD, d("2016-03-03"), d("2026-03-03"))
            .unwrap();
        assert_eq!(between(from, until), Some((71, 27)));
    }

    #[test]
    fn moves_within_the_region_make_one_stretch() {
        let history = [
            r("Kerkrade", "2016-05-01", Some("2019-04-30")),
            r("Heerlen", "2019-05-01", Some("2022-04-30")),
        ];
        let h = ResidenceHistory(&history);
        assert_eq!(
            h.longest_stretch(PARKSTAD, d("2016-03-02"), d("2026-03-02")),
            Some((d("2016-05-01"), d("2022-05-01")))
        );
    }

    #[test]
    fn a_running_stretch_ends_at_the_date() {
        let history = [r("Heerlen", "2020-03-03", None)];
        let h = ResidenceHistory(&history);
        assert_eq!(
            h.longest_stretch(PARKSTAD, d("2016-03-02"), d("2026-03-02")),
            Some((d("2020-03-03"), d("2026-03-02")))
        );
        assert_eq!(
            h.longest_stretch(&["Maastricht"], d("2016-03-02"), d("2026-03-02")),
            None
        );
    }
}
