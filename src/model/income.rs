//! Yearly incomes by source, and the compact set of sources a rule asks about.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::dates::within;
use crate::vocab::IncomeSource;

/// One income of one household member: a yearly gross amount from one source,
/// optionally limited to a period (a benefit that ended, a job that starts).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Income {
    /// Where the money comes from; Wbmgp art. 8 reads this.
    pub source: IncomeSource,
    /// Gross amount per year, in euros.
    #[serde(serialize_with = "crate::model::decimal::serialize")]
    pub yearly: Decimal,
    /// First day this income is received; absent: since before any date asked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<NaiveDate>,
    /// Last day this income is received; absent: still received.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
}

impl Income {
    /// Whether this income is received on `date` (both ends inclusive).
    pub(crate) fn received_on(&self, date: NaiveDate) -> bool {
        within(date, self.from, self.until)
    }
}

/// A set of income sources as a bit set: rules test membership many times per
/// applicant, so the set is one `u16` that is copied, not allocated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct IncomeSources(u16);

impl IncomeSources {
    /// No source.
    pub(crate) const EMPTY: IncomeSources = IncomeSources(0);

    fn bit(source: IncomeSource) -> u16 {
        let index = IncomeSource::ALL
            .iter()
            .position(|&s| s == source)
            .unwrap_or(0);
        1 << index
    }

    /// The set holding exactly `sources`.
    pub fn of(sources: &[IncomeSource]) -> Self {
        sources.iter().fold(Self::EMPTY, |set, &s| set.with(s))
    }

    /// This set with `source` added.
    #[must_use]
    pub(crate) fn with(self, source: IncomeSource) -> Self {
        IncomeSources(self.0 | Self::bit(source))
    }

    /// Every source in either set.
    #[must_use]
    pub(crate) fn union(self, other: IncomeSources) -> Self {
        IncomeSources(self.0 | other.0)
    }

    /// Whether `source` is in the set.
    pub fn contains(self, source: IncomeSource) -> bool {
        self.0 & Self::bit(source) != 0
    }

    /// Whether the two sets share a source ("has income from any of …").
    pub fn intersects(self, other: IncomeSources) -> bool {
        self.0 & other.0 != 0
    }

    /// The sources in vocabulary order, for traces and messages.
    pub(crate) fn iter(self) -> impl Iterator<Item = IncomeSource> {
        IncomeSource::ALL
            .iter()
            .copied()
            .filter(move |&s| self.contains(s))
    }
}

impl std::fmt::Display for IncomeSources {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut first = true;
        for source in self.iter() {
            if !first {
                f.write_str(", ")?;
            }
            f.write_str(source.as_str())?;
            first = false;
        }
        if first {
            f.write_str("none")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_form_a_set() {
        let art8 = IncomeSources::of(IncomeSource::WBMGP_ART8);
        let bijstand = IncomeSources::EMPTY.with(IncomeSource::SocialAssistance);
        assert!(art8.contains(IncomeSource::Aow));
        assert!(!art8.intersects(bijstand));
        assert!(bijstand.with(IncomeSource::Aow).intersects(art8));
        assert!(art8.contains(IncomeSource::Pension));
        assert_eq!(
            bijstand.with(IncomeSource::Employment).to_string(),
            "employment, social_assistance"
        );
        assert_eq!(IncomeSources::EMPTY.to_string(), "none");
    }

    #[test]
    fn an_income_is_received_within_its_period() {
        let income = Income {
            source: IncomeSource::UnemploymentBenefit,
            yearly: Decimal::new(18_000, 0),
            from: None,
            until: "2026-03-02".parse().ok(),
        };
        assert!(income.received_on("2026-03-02".parse().unwrap()));
        assert!(!income.received_on("2026-03-03".parse().unwrap()));
    }
}
