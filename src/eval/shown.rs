//! A value as a record shows it, together with the generalised form that
//! `--redact` puts in its place when the value is personal.
//!
//! The generalised form is computed where the value still has its type
//! (an age, a date, an amount, a word of a vocabulary), so redaction
//! swaps whole values in the record and never searches rendered text: every
//! renderer (text, JSON, Markdown) then shows the same redacted value.

use std::fmt;
use std::ops::Deref;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

/// How a personal value was generalised by redaction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Generalised {
    /// An age as a band (`age 30–39`).
    AgeBand,
    /// A measured duration as a band (`5–10 years`).
    DurationBand,
    /// A date as its month (`2020-03`).
    Month,
    /// An amount as a band (`€10,000–€15,000`).
    AmountBand,
    /// A text (a gate's message) some of whose values were generalised.
    Parts,
    /// Left out: free text, an id, an urgency ground, aandachtsgroep
    /// membership and the like (`redacted`).
    Withheld,
}

/// The generalised form of a personal value, ready to replace it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct General {
    /// What redaction shows instead.
    pub text: String,
    /// How it was generalised.
    pub kind: Generalised,
    /// Whether the generalised value still decides the comparison it took
    /// part in (`age 30–39 >= 18 years` does; `5–10 years >= 6 years` does
    /// not): when it does not, the rule's outcome rests on an exact value
    /// the redacted output does not show, and the output says so.
    pub decides: bool,
}

/// A value in words, as a record holds it.
///
/// Serialised as its text; a value redaction generalised is serialised as
/// `{"text": …, "generalised": …}`, so a reader of the JSON sees which
/// values are bands or months and which were left out.
#[derive(Debug, Clone, Default)]
pub struct Shown {
    /// The value in words (its generalised form once redacted).
    pub text: String,
    /// Set by redaction: the text is a generalised form of this kind.
    pub generalised: Option<Generalised>,
    /// The generalised form of a personal value, computed when recorded;
    /// never serialised, and ignored by equality (it follows from the value).
    pub general: Option<General>,
}

impl Shown {
    /// A value that is not personal.
    pub(crate) fn exact(text: impl Into<String>) -> Self {
        Shown {
            text: text.into(),
            generalised: None,
            general: None,
        }
    }

    /// A value with its generalised form, when it is personal.
    pub(crate) fn with(text: impl Into<String>, general: Option<General>) -> Self {
        Shown {
            text: text.into(),
            generalised: None,
            general,
        }
    }

    /// The text.
    pub(crate) fn as_str(&self) -> &str {
        &self.text
    }

    /// The texts of `values` joined by `sep`.
    pub(crate) fn join(values: &[Shown], sep: &str) -> String {
        let texts: Vec<&str> = values.iter().map(Shown::as_str).collect();
        texts.join(sep)
    }

    /// Replaces a personal value by its generalised form; returns whether
    /// that form still decides what the value decided, or `None` for a
    /// value that is not personal.
    pub(crate) fn generalise(&mut self) -> Option<bool> {
        let general = self.general.take()?;
        self.text = general.text;
        self.generalised = Some(general.kind);
        Some(general.decides)
    }
}

impl PartialEq for Shown {
    fn eq(&self, other: &Self) -> bool {
        self.text == other.text && self.generalised == other.generalised
    }
}

impl Eq for Shown {}

impl Deref for Shown {
    type Target = str;
    fn deref(&self) -> &str {
        &self.text
    }
}

impl fmt::Display for Shown {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl From<String> for Shown {
    fn from(text: String) -> Self {
        Shown::exact(text)
    }
}

impl From<&str> for Shown {
    fn from(text: &str) -> Self {
        Shown::exact(text)
    }
}

/// The two JSON forms of a [`Shown`].
#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum ShownForm {
    Text(String),
    Generalised {
        text: String,
        generalised: Generalised,
    },
}

impl Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.generalised {
            None => s.serialize_str(&self.text),
            Some(generalised) => ShownForm::Generalised {
                text: self.text.clone(),
                generalised,
            }
            .serialize(s),
        }
    }
}

impl<'de> Deserialize<'de> for Shown {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ok(match ShownForm::deserialize(d)? {
            ShownForm::Text(text) => Shown::exact(text),
            ShownForm::Generalised { text, generalised } => Shown {
                text,
                generalised: Some(generalised),
                general: None,
            },
        })
    }
}

/// A day from the applicant's file, or only its month once redacted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Day {
    /// The day itself.
    Date(NaiveDate),
    /// Only the month of the day (year, month): what redaction shows.
    Month(i32, u32),
}

impl Day {
    /// The same day with only its month.
    pub fn month(self) -> Day {
        match self {
            Day::Date(d) => Day::Month(d.year(), d.month()),
            month => month,
        }
    }
}

impl From<NaiveDate> for Day {
    fn from(d: NaiveDate) -> Self {
        Day::Date(d)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Day::Date(d) => write!(f, "{d}"),
            Day::Month(year, month) => write!(f, "{year:04}-{month:02}"),
        }
    }
}

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        if let Ok(day) = NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            return Ok(Day::Date(day));
        }
        text.split_once('-')
            .and_then(|(y, m)| Some((y.parse().ok()?, m.parse().ok()?)))
            .filter(|&(y, m)| NaiveDate::from_ymd_opt(y, m, 1).is_some() && text.len() == 7)
            .map(|(y, m)| Day::Month(y, m))
            .ok_or_else(|| {
                serde::de::Error::custom(format!(
                    "`{text}` is not a day (YYYY-MM-DD) or a month (YYYY-MM)"
                ))
            })
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn shown_reads_back_both_forms() {
        let plain: Shown = serde_json::from_str("\"6 years\"").unwrap();
        assert_eq!(plain, Shown::exact("6 years"));
        let mut age = Shown::with(
            "37 years 7 months 16 days",
            Some(General {
                text: "age 30–39".into(),
                kind: Generalised::AgeBand,
                decides: true,
            }),
        );
        assert_eq!(
            age,
            Shown::exact("37 years 7 months 16 days"),
            "the cache is no part of the value"
        );
        assert_eq!(age.generalise(), Some(true));
        let json = serde_json::to_string(&age).unwrap();
        assert_eq!(json, r#"{"text":"age 30–39","generalised":"age_band"}"#);
        let back: Shown = serde_json::from_str(&json).unwrap();
        assert_eq!(back, age);
    }

    #[test]
    fn a_day_reads_back_as_a_day_or_a_month() {
        let day = Day::Date(NaiveDate::from_ymd_opt(2026, 2, 15).unwrap());
        assert_eq!(day.month().to_string(), "2026-02");
        for d in [day, day.month()] {
            let json = serde_json::to_string(&d).unwrap();
            assert_eq!(serde_json::from_str::<Day>(&json).unwrap(), d);
        }
        assert!(serde_json::from_str::<Day>("\"2026-13\"").is_err());
    }
}
