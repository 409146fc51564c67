//! Runtime values: small, `Copy`, and never boxed, so the evaluator's hot
//! path allocates nothing.

use std::cmp::Ordering;
use std::fmt;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::calendar;
use crate::syntax::ast::Duration;

/// A duration as measured or written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dur {
    /// Whole months and days (a year is twelve months): literals, and spans
    /// between two dates (`applicant.residence_in(parkstad)`).
    Calendar {
        /// Whole months.
        months: u32,
        /// Remaining days.
        days: u32,
    },
    /// A number of days: residence added up over several periods
    /// (`residence_in_last`), which has no calendar start.
    Days(u32),
}

impl Dur {
    /// A written duration.
    pub fn from_literal(d: Duration) -> Dur {
        Dur::Calendar {
            months: u32::try_from(d.total_months()).unwrap_or(u32::MAX),
            days: d.days,
        }
    }

    /// As a written duration (years split off).
    pub fn as_calendar(self) -> Option<Duration> {
        match self {
            Dur::Calendar { months, days } => Some(Duration {
                years: months / 12,
                months: months % 12,
                days,
            }),
            Dur::Days(_) => None,
        }
    }

    /// The number of days, counting a calendar duration as the days it
    /// spans just before the reference date.
    pub fn days_at(self, reference: NaiveDate) -> u32 {
        match self {
            Dur::Days(n) => n,
            Dur::Calendar { .. } => self
                .as_calendar()
                .map_or(0, |d| calendar::days_before(reference, d)),
        }
    }

    /// Orders two durations; a count of days meets a calendar duration as the
    /// days that duration spans up to the reference date.
    pub fn cmp_at(self, other: Dur, reference: NaiveDate) -> Ordering {
        match (self, other) {
            (
                Dur::Calendar {
                    months: m1,
                    days: d1,
                },
                Dur::Calendar {
                    months: m2,
                    days: d2,
                },
            ) => (m1, d1).cmp(&(m2, d2)),
            _ => self.days_at(reference).cmp(&other.days_at(reference)),
        }
    }
}

impl fmt::Display for Dur {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Dur::Days(n) => write!(f, "{n} {}", if *n == 1 { "day" } else { "days" }),
            Dur::Calendar { months, days } => {
                let mut parts = Vec::new();
                for (n, one, many) in [
                    (months / 12, "year", "years"),
                    (months % 12, "month", "months"),
                    (*days, "day", "days"),
                ] {
                    if n > 0 {
                        parts.push(format!("{n} {}", if n == 1 { one } else { many }));
                    }
                }
                if parts.is_empty() {
                    f.write_str("0 days")
                } else {
                    f.write_str(&parts.join(" "))
                }
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
    pub fn truthy(self) -> bool {
        matches!(self, Value::Bool(true))
    }

    /// Orders two values of one type (integers and decimals mix). `None`
    /// when either is absent or the types do not meet (the checker rules
    /// that out for rules that passed it).
    pub fn compare(self, other: Value<'_>, reference: NaiveDate) -> Option<Ordering> {
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
