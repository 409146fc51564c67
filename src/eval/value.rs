//! Runtime values: small, `Copy`, and never boxed, so the evaluator's hot
//! path allocates nothing.

use std::cmp::Ordering;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::calendar;
use crate::syntax::ast::Duration;

/// A duration as written or as measured.
///
/// A written duration (`6 years`, `45 days`) has no start: how many days it
/// spans depends on where it is laid down. A measured one (the residence of
/// an applicant, an age) is a stretch of the calendar with a first day, so
/// "at least 6 years" asks a question with one exact answer: does the
/// stretch reach the sixth anniversary of its first day?
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dur {
    /// Whole months and days (a year is twelve months): literals and
    /// parameters, and sums of them.
    Calendar {
        /// Whole months.
        months: u32,
        /// Remaining days.
        days: u32,
    },
    /// The days from `from` up to, not including, `until`: residence before
    /// a date, an age on a date. Empty when `until` is not after `from`.
    Span {
        /// The first day.
        from: NaiveDate,
        /// The day after the last day.
        until: NaiveDate,
    },
}

impl Dur {
    /// A written duration.
    pub(crate) fn from_literal(d: Duration) -> Dur {
        Dur::Calendar {
            months: u32::try_from(d.total_months()).unwrap_or(u32::MAX),
            days: d.days,
        }
    }

    /// An empty span on `date` (no residence, no work).
    pub(crate) fn none_on(date: NaiveDate) -> Dur {
        Dur::Span {
            from: date,
            until: date,
        }
    }

    /// As a written duration (years split off); a span as the whole months
    /// and days it covers from its first day.
    pub(crate) fn as_calendar(self) -> Duration {
        let (months, days) = match self {
            Dur::Calendar { months, days } => (months, days),
            Dur::Span { from, until } => calendar::between(from, until).unwrap_or((0, 0)),
        };
        Duration {
            years: months / 12,
            months: months % 12,
            days,
        }
    }

    /// Whether the duration is written (not measured) and is whole years.
    pub(crate) fn whole_years(self) -> Option<u32> {
        match self {
            Dur::Calendar { months, days: 0 } if months % 12 == 0 => Some(months / 12),
            _ => None,
        }
    }

    /// The number of days: a span's own; a written duration laid down to
    /// end just before `reference` (the window residence is counted in).
    pub(crate) fn days_at(self, reference: NaiveDate) -> u32 {
        match self {
            Dur::Span { from, until } => {
                u32::try_from(until.signed_duration_since(from).num_days().max(0))
                    .unwrap_or(u32::MAX)
            }
            Dur::Calendar { .. } => calendar::days_before(reference, self.as_calendar()),
        }
    }

    /// The day a span reaches the written duration `target`, counted from
    /// its first day (`None` for a written duration, or past the calendar).
    pub(crate) fn reaches(self, target: Dur) -> Option<NaiveDate> {
        match (self, target) {
            (Dur::Span { from, .. }, Dur::Calendar { .. }) => {
                calendar::add(from, target.as_calendar())
            }
            _ => None,
        }
    }

    /// Orders two durations exactly.
    ///
    /// - A span against a written duration: the written one is laid down
    ///   from the span's first day, so `residence >= 6 years` holds exactly
    ///   when the span reaches its sixth anniversary (the leap-day rule of
    ///   [`calendar::add_months`]).
    /// - Two spans: by their days.
    /// - Two written durations: when one is at least the other in both
    ///   months and days the answer holds on any date; otherwise (`1 month
    ///   2 days` against `45 days`) both are laid down to end just before
    ///   `reference` and their days compared, never months first.
    pub(crate) fn cmp_at(self, other: Dur, reference: NaiveDate) -> Ordering {
        match (self, other) {
            (Dur::Span { until, .. }, Dur::Calendar { .. }) => match self.reaches(other) {
                Some(reached) => until.cmp(&reached),
                None => Ordering::Less,
            },
            (Dur::Calendar { .. }, Dur::Span { .. }) => other.cmp_at(self, reference).reverse(),
            (Dur::Span { .. }, Dur::Span { .. }) => {
                self.days_at(reference).cmp(&other.days_at(reference))
            }
            (
                Dur::Calendar {
                    months: m1,
                    days: d1,
                },
                Dur::Calendar {
                    months: m2,
                    days: d2,
                },
            ) => {
                if m1 == m2 {
                    d1.cmp(&d2)
                } else if d1 == d2 || (m1 > m2) == (d1 > d2) {
                    m1.cmp(&m2)
                } else {
                    self.days_at(reference).cmp(&other.days_at(reference))
                }
            }
        }
    }
}

/// `n unit` with the unit in the plural where it needs one.
fn count(n: u32, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Years, months and days, leaving out the parts that are zero.
fn calendar_words(months: u32, days: u32) -> String {
    let parts: Vec<String> = [
        (months / 12, "year", "years"),
        (months % 12, "month", "months"),
        (days, "day", "days"),
    ]
    .into_iter()
    .filter(|(n, _, _)| *n > 0)
    .map(|(n, one, many)| count(n, one, many))
    .collect();
    if parts.is_empty() {
        "0 days".to_owned()
    } else {
        parts.join(" ")
    }
}

impl fmt::Display for Dur {
    /// A written duration as written; a span with its first and last day,
    /// so an auditor reads the stretch itself and not only its length
    /// (`5 years 11 months 27 days` hides that it is one day short).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Dur::Calendar { months, days } => f.write_str(&calendar_words(months, days)),
            Dur::Span { from, until } => {
                let Some(last) = until.pred_opt().filter(|last| *last >= from) else {
                    return write!(f, "none (0 days up to {until})");
                };
                let (months, days) = calendar::between(from, until).unwrap_or((0, 0));
                write!(
                    f,
                    "{} ({from} through {last})",
                    calendar_words(months, days)
                )
            }
        }
    }
}

/// A value during evaluation. Text borrows from the data or the program.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Value<'a> {
    /// An optional fact the file does not have (no urgency, no work).
    Absent,
    /// `true` / `false`.
    Bool(bool),
    /// Whole number.
    Int(i64),
    /// Exact decimal.
    Dec(Decimal),
    /// Euro amount.
    Money(Decimal),
    /// Percentage as written (25 for 25%).
    Percent(Decimal),
    /// Date.
    Date(NaiveDate),
    /// Duration.
    Dur(Dur),
    /// Text.
    Text(&'a str),
    /// A value of an enumeration, by index.
    Enum(u16),
    /// A set of enumeration values, one bit per index.
    Set(u64),
    /// A region, by index.
    Region(u16),
}

impl Value<'_> {
    /// The truth of a condition; anything but `true` is false.
    pub(crate) fn truthy(self) -> bool {
        matches!(self, Value::Bool(true))
    }

    /// Orders two values of one type (integers and decimals mix). `None`
    /// when either is absent or the types do not meet (the checker rules
    /// that out for rules that passed it).
    pub(crate) fn compare(self, other: Value<'_>, reference: NaiveDate) -> Option<Ordering> {
        match (self, other) {
            (Value::Int(a), Value::Int(b)) => Some(a.cmp(&b)),
            (Value::Int(a), Value::Dec(b)) => Some(Decimal::from(a).cmp(&b)),
            (Value::Dec(a), Value::Int(b)) => Some(a.cmp(&Decimal::from(b))),
            (Value::Dec(a), Value::Dec(b))
            | (Value::Money(a), Value::Money(b))
            | (Value::Percent(a), Value::Percent(b)) => Some(a.cmp(&b)),
            (Value::Date(a), Value::Date(b)) => Some(a.cmp(&b)),
            (Value::Dur(a), Value::Dur(b)) => Some(a.cmp_at(b, reference)),
            (Value::Bool(a), Value::Bool(b)) => Some(a.cmp(&b)),
            (Value::Text(a), Value::Text(b)) => Some(a.cmp(b)),
            (Value::Enum(a), Value::Enum(b)) => Some(a.cmp(&b)),
            (Value::Set(a), Value::Set(b)) => Some(a.cmp(&b)),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn written(years: u32, months: u32, days: u32) -> Dur {
        Dur::from_literal(Duration {
            years,
            months,
            days,
        })
    }

    fn span(from: &str, until: &str) -> Dur {
        Dur::Span {
            from: d(from),
            until: d(until),
        }
    }

    #[test]
    fn written_durations_never_compare_months_first() {
        let reference = d("2026-03-02");
        // 1 month 2 days is 30 to 33 days: always less than 45 days.
        assert_eq!(
            written(0, 1, 2).cmp_at(written(0, 0, 45), reference),
            Ordering::Less
        );
        assert_eq!(
            written(0, 0, 45).cmp_at(written(0, 1, 2), reference),
            Ordering::Greater
        );
        // Where one is at least the other in months and in days, any date.
        assert_eq!(
            written(1, 0, 0).cmp_at(written(0, 12, 0), reference),
            Ordering::Equal
        );
        assert_eq!(
            written(0, 2, 1).cmp_at(written(0, 1, 1), reference),
            Ordering::Greater
        );
        // 1 month against 30 days: laid down before 2026-03-02 the month is
        // February, 28 days.
        assert_eq!(
            written(0, 1, 0).cmp_at(written(0, 0, 30), reference),
            Ordering::Less
        );
        assert_eq!(
            written(0, 1, 0).cmp_at(written(0, 0, 30), d("2026-04-01")),
            Ordering::Greater
        );
    }

    #[test]
    fn a_span_reaches_a_written_duration_on_its_anniversary() {
        let six = written(6, 0, 0);
        // Six calendar years with one leap day (2024) in them.
        assert_eq!(
            span("2020-03-02", "2026-03-02").cmp_at(six, d("2026-03-02")),
            Ordering::Equal
        );
        assert_eq!(
            span("2020-03-03", "2026-03-02").cmp_at(six, d("2026-03-02")),
            Ordering::Less
        );
        assert_eq!(
            span("2020-03-01", "2026-03-02").cmp_at(six, d("2026-03-02")),
            Ordering::Greater
        );
        assert_eq!(
            six.cmp_at(span("2020-03-03", "2026-03-02"), d("2026-03-02")),
            Ordering::Greater
        );
        // 2,191 days, one day short of six years that hold two leap days.
        let two_leaps = span("2016-03-01", "2022-02-28");
        assert_eq!(two_leaps.days_at(d("2026-03-02")), 2190);
        assert_eq!(two_leaps.cmp_at(six, d("2026-03-02")), Ordering::Less);
        assert_eq!(
            span("2020-03-03", "2026-03-02").reaches(six),
            Some(d("2026-03-03"))
        );
        // A 29 February start reaches its years on 1 March.
        assert_eq!(
            span("2020-02-29", "2026-03-01").cmp_at(six, d("2026-03-02")),
            Ordering::Equal
        );
    }

    #[test]
    fn a_span_shows_its_first_and_last_day() {
        assert_eq!(
            span("2020-03-03", "2026-03-02").to_string(),
            "5 years 11 months 27 days (2020-03-03 through 2026-03-01)"
        );
        assert_eq!(
            Dur::none_on(d("2026-03-02")).to_string(),
            "none (0 days up to 2026-03-02)"
        );
        assert_eq!(written(0, 1, 2).to_string(), "1 month 2 days");
    }
}
