//! The facts a letter rests on, kept as data rather than as words: the
//! holes of a gate's `letter` template evaluated to [`Fact`]s, which each
//! language renders in its own words (`crate::words`).

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::check::types::Type;
use crate::compile::Program;
use crate::syntax::ast::Duration;

use super::show::words;
use super::value::{Dur, Value};

/// One value read for a letter, typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// Not on file.
    Absent,
    /// Yes or no.
    Bool(bool),
    /// A whole number.
    Integer(i64),
    /// An exact number.
    Decimal(Decimal),
    /// An amount in euros.
    Money(Decimal),
    /// A percentage as written (`92.5` is 92.5%).
    Percent(Decimal),
    /// A day.
    Date(NaiveDate),
    /// A written duration (`6 years`).
    Duration(Duration),
    /// A measured stretch of the calendar: its length, first and last day
    /// (no last day when it is empty).
    Span {
        /// Its length in years, months and days.
        length: Duration,
        /// The first day.
        first: NaiveDate,
        /// The last day, when the stretch is not empty.
        last: Option<NaiveDate>,
    },
    /// Words of a vocabulary (one value or a set), as the rules spell them.
    Words(Vec<String>),
    /// Free text.
    Text(String),
}

/// A piece of a rendered `letter` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LetterPart {
    /// Text as the rule set writes it.
    Text(String),
    /// A fact, for the language to put in words.
    Fact(Fact),
}

/// The `letter` text of one failed gate for one pair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateLetter {
    /// The gate.
    pub gate: String,
    /// Its template with every hole evaluated; empty when it has none.
    pub parts: Vec<LetterPart>,
}

/// A value of type `ty` as a [`Fact`].
pub fn fact(program: &Program<'_>, value: Value<'_>, ty: Type) -> Fact {
    match value {
        Value::Absent => Fact::Absent,
        Value::Bool(b) => Fact::Bool(b),
        Value::Int(n) => Fact::Integer(n),
        Value::Dec(d) => Fact::Decimal(d),
        Value::Money(d) => Fact::Money(d),
        Value::Percent(d) => Fact::Percent(d),
        Value::Date(d) => Fact::Date(d),
        Value::Dur(d @ Dur::Calendar { .. }) => Fact::Duration(d.as_calendar()),
        Value::Dur(d @ Dur::Span { from, until }) => Fact::Span {
            length: d.as_calendar(),
            first: from,
            last: (until > from).then(|| until.pred_opt()).flatten(),
        },
        Value::Text(t) => Fact::Text(t.to_owned()),
        Value::Enum(i) => match ty {
            Type::Enum(en) | Type::Set(en) => Fact::Words(
                words(program, en)
                    .get(usize::from(i))
                    .map(|w| (*w).to_owned())
                    .into_iter()
                    .collect(),
            ),
            _ => Fact::Integer(i64::from(i)),
        },
        Value::Set(bits) => match ty {
            Type::Set(en) | Type::Enum(en) => Fact::Words(
                words(program, en)
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| *i < 64 && bits & (1u64 << i) != 0)
                    .map(|(_, w)| w.to_owned())
                    .collect(),
            ),
            _ => Fact::Words(Vec::new()),
        },
        Value::Region(r) => Fact::Text(
            program
                .rules
                .regions
                .get(usize::from(r))
                .map_or_else(|| r.to_string(), |reg| reg.meta.title.clone()),
        ),
    }
}
