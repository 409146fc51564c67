//! The ledger: every allocation that counts for the quotas (the history and
//! those made during a run), and where each quota stands for a new one.

use std::cell::OnceCell;
use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::engines::Engines;
use super::record::QuotaState;
use crate::eval::calendar;
use crate::eval::{EvalError, QuotaFlags};
use crate::syntax::ast::{Bound, ScopeKind};

/// One allocation as the quotas see it.
#[derive(Debug, Clone)]
pub struct Entry {
    /// The unit let.
    pub unit: usize,
    /// The applicant.
    pub applicant: usize,
    /// The day.
    pub date: NaiveDate,
    /// The owner who let it.
    pub owner: String,
    /// How it stands to each quota; for a past allocation computed the
    /// first time a window reaches it, so history older than every window
    /// is never judged.
    pub flags: OnceCell<Vec<QuotaFlags>>,
    /// What a past allocation records: its classification and priority group.
    pub recorded: Option<(String, Option<String>)>,
}

impl Entry {
    /// A new allocation with its standing already known.
    pub fn new(
        unit: usize,
        applicant: usize,
        date: NaiveDate,
        owner: String,
        flags: Vec<QuotaFlags>,
    ) -> Self {
        Entry {
            unit,
            applicant,
            date,
            owner,
            flags: OnceCell::from(flags),
            recorded: None,
        }
    }

    /// A past allocation from the history, judged when a window reaches it.
    pub fn recorded(data: &crate::model::Dataset, past: &crate::model::Allocation) -> Option<Self> {
        Some(Entry {
            unit: data.unit_index(&past.unit)?,
            applicant: data.applicant_index(&past.applicant)?,
            date: past.date,
            owner: past.owner.clone(),
            flags: OnceCell::new(),
            recorded: Some((past.classification.clone(), past.priority.clone())),
        })
    }

    /// How the allocation stands to each quota.
    fn flags(&self, engines: &mut Engines<'_>) -> Result<&[QuotaFlags], EvalError> {
        if self.flags.get().is_none() {
            let engine = engines.on(self.date)?;
            let (classification, priority) = self
                .recorded
                .as_ref()
                .map_or(("", None), |(c, p)| (c.as_str(), p.as_deref()));
            let decision = engine.as_recorded(self.applicant, self.unit, classification, priority);
            let _ = self
                .flags
                .set(engine.quota_flags(self.applicant, self.unit, &decision));
        }
        Ok(self.flags.get().map_or(&[], Vec::as_slice))
    }
}

/// Allocations counted by the quotas.
pub struct Ledger {
    entries: Vec<Entry>,
}

impl Ledger {
    /// The ledger of the data set's history; each past allocation is judged
    /// on its own date under the classification and priority it records.
    pub fn from_history(data: &crate::model::Dataset) -> Self {
        let entries = data
            .history()
            .iter()
            .filter_map(|past| Entry::recorded(data, past))
            .collect();
        Ledger { entries }
    }

    /// A ledger with no allocation yet.
    pub fn empty() -> Self {
        Ledger {
            entries: Vec::new(),
        }
    }

    /// Adds an allocation.
    pub fn push(&mut self, entry: Entry) {
        self.entries.push(entry);
    }

    /// The allocation of `unit` on or after `since`, if the ledger has one.
    pub fn allocation_of(&self, unit: usize, since: NaiveDate) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.unit == unit && e.date >= since)
    }

    /// Where every quota guarding `candidate`'s vacancy would stand with it.
    pub fn check(
        &self,
        engines: &mut Engines<'_>,
        candidate: &Entry,
    ) -> Result<Vec<QuotaState>, EvalError> {
        let data = engines.data();
        let rules = engines.rules();
        let flags = candidate.flags(engines)?.to_vec();
        let mut states = Vec::new();
        for (qi, quota) in rules.quotas.iter().enumerate() {
            let Some(own) = flags.get(qi).filter(|f| f.applies) else {
                continue;
            };
            let group = scope_key(data, quota.scope, candidate.unit, &candidate.owner);
            let mut state = self.standing(engines, qi, &group, candidate.date)?;
            state.counted = state
                .counted
                .saturating_add(u32::from(own.among && own.with));
            state.of = state.of.saturating_add(u32::from(own.among));
            let (share, _) = quota_share(engines, qi, candidate.date)?;
            let standing = against_share(state.counted, state.of, share);
            let over = standing == Ordering::Greater;
            let under = standing == Ordering::Less;
            match quota.bound {
                Bound::AtMost => state.exceeded = own.among && own.with && over,
                Bound::AtLeast => state.below_minimum = state.of > 0 && under,
            }
            states.push(state);
        }
        Ok(states)
    }

    /// Where quota `qi` stands for scope `group` on `date`, counting the
    /// allocations already in the ledger; `exceeded` and `below_minimum` say
    /// whether the share as it stands is over an `at most` or under an
    /// `at least` limit.
    pub fn standing(
        &self,
        engines: &mut Engines<'_>,
        qi: usize,
        group: &str,
        date: NaiveDate,
    ) -> Result<QuotaState, EvalError> {
        let data = engines.data();
        let rules = engines.rules();
        let (share, rolling) = quota_share(engines, qi, date)?;
        let Some(quota) = rules.quotas.get(qi) else {
            return Err(EvalError::Dangling {
                unit: format!("quota {qi}"),
            });
        };
        let from = window_start(date, rolling);
        let (mut counted, mut of) = (0u32, 0u32);
        for e in &self.entries {
            let in_window = from <= e.date && e.date <= date;
            if !in_window || scope_key(data, quota.scope, e.unit, &e.owner) != group {
                continue;
            }
            let Some(f) = e.flags(engines)?.get(qi).copied() else {
                continue;
            };
            if f.applies {
                of = of.saturating_add(u32::from(f.among));
                counted = counted.saturating_add(u32::from(f.among && f.with));
            }
        }
        let standing = against_share(counted, of, share);
        Ok(QuotaState {
            quota: quota.meta.id.clone(),
            bound: match quota.bound {
                Bound::AtMost => "at most".to_owned(),
                Bound::AtLeast => "at least".to_owned(),
            },
            share: format!("{}%", share.normalize()),
            scope: group.to_owned(),
            from,
            until: date,
            counted,
            of,
            exceeded: quota.bound == Bound::AtMost && standing == Ordering::Greater,
            below_minimum: quota.bound == Bound::AtLeast && of > 0 && standing == Ordering::Less,
        })
    }
}

/// How `counted` of `of` allocations stand against `share` percent of them,
/// compared without division: `counted × 100` against `share × of`. The
/// checker holds every share to 0–100% (E0308), so the product fits the
/// decimal range; one that still overflowed would be above any count.
fn against_share(counted: u32, of: u32, share: Decimal) -> Ordering {
    let percent = Decimal::from(u64::from(counted).saturating_mul(100));
    share
        .checked_mul(Decimal::from(of))
        .map_or(Ordering::Less, |limit| percent.cmp(&limit))
}

/// A quota's share and rolling window as in force on `date`.
fn quota_share(
    engines: &mut Engines<'_>,
    qi: usize,
    date: NaiveDate,
) -> Result<(Decimal, Option<crate::syntax::ast::Duration>), EvalError> {
    Ok(engines
        .on(date)?
        .program()
        .quotas
        .get(qi)
        .map_or((Decimal::ZERO, None), |q| (q.share, q.rolling)))
}

/// The group a quota counts an allocation in.
pub fn scope_key(
    data: &crate::model::Dataset,
    scope: ScopeKind,
    unit: usize,
    owner: &str,
) -> String {
    let complex = data.complex_of_unit(unit);
    match scope {
        ScopeKind::Complex => format!("complex {}", complex.map_or("?", |c| c.id.as_str())),
        ScopeKind::Buurt => format!("buurt {}", complex.map_or("?", |c| c.buurt.as_str())),
        ScopeKind::Owner => format!("owner {owner}"),
        ScopeKind::All => "all".to_owned(),
    }
}

/// The first day of a quota's window ending on `date`: 1 January of its
/// year, or the day after the same date one window earlier (12 months up to
/// 2026-03-02 start on 2025-03-03).
fn window_start(date: NaiveDate, rolling: Option<crate::syntax::ast::Duration>) -> NaiveDate {
    match rolling {
        None => NaiveDate::from_ymd_opt(date.year(), 1, 1).unwrap_or(date),
        Some(d) => calendar::sub(date, d)
            .and_then(|start| start.succ_opt())
            .unwrap_or(NaiveDate::MIN),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_share_is_compared_with_a_count_without_overflow() {
        assert_eq!(against_share(1, 4, Decimal::from(25)), Ordering::Equal);
        assert_eq!(against_share(2, 4, Decimal::from(25)), Ordering::Greater);
        assert_eq!(against_share(0, 4, Decimal::from(25)), Ordering::Less);
        // Far outside what the checker lets through: no panic.
        assert_eq!(
            against_share(u32::MAX, u32::MAX, Decimal::MAX),
            Ordering::Less
        );
    }
}
