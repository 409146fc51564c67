//! The ledger: every allocation that counts for the quotas (the history and
//! those made during a run), and where each quota stands for a new one.
//!
//! Each quota keeps, per group it counts in (a complex, a buurt, an owner,
//! everything), a tally per day, so where a quota stands is a sum over the
//! days of its window (at most 366 for a year): its cost does not grow with
//! the number of allocations made. A past allocation is judged (on its own
//! day, under what it records) the first time a window reaches its day, so
//! history older than every window is never judged.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::engines::Engines;
use super::record::QuotaState;
use crate::check::CheckedRuleSet;
use crate::eval::calendar;
use crate::eval::{EvalError, QuotaFlags};
use crate::model::Dataset;
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
    /// first time a window reaches it.
    flags: Option<Vec<QuotaFlags>>,
    /// What a past allocation records: its classification and priority group.
    recorded: Option<(String, Option<String>)>,
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
            flags: Some(flags),
            recorded: None,
        }
    }

    /// A past allocation from the history, judged when a window reaches it.
    pub fn recorded(data: &Dataset, past: &crate::model::Allocation) -> Option<Self> {
        Some(Entry {
            unit: data.unit_index(&past.unit)?,
            applicant: data.applicant_index(&past.applicant)?,
            date: past.date,
            owner: past.owner.clone(),
            flags: None,
            recorded: Some((past.classification.clone(), past.priority.clone())),
        })
    }

    /// How the allocation stands to each quota, judged on `engine`'s date.
    fn flags_on(&self, engine: &crate::eval::Engine<'_>) -> Vec<QuotaFlags> {
        let (classification, priority) = self
            .recorded
            .as_ref()
            .map_or(("", None), |(c, p)| (c.as_str(), p.as_deref()));
        let decision = engine.as_recorded(self.applicant, self.unit, classification, priority);
        engine.quota_flags(self.applicant, self.unit, &decision)
    }

    /// How the allocation stands to each quota, judged on its own day if
    /// that has not been done.
    fn judge(&mut self, engines: &mut Engines<'_>) -> Result<&[QuotaFlags], EvalError> {
        if self.flags.is_none() {
            let flags = self.flags_on(engines.on(self.date)?);
            self.flags = Some(flags);
        }
        Ok(self.flags.as_deref().unwrap_or(&[]))
    }
}

/// An entry's position in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct EntryIx(usize);

/// A group a quota counts allocations in, by its position among the
/// groups the ledger has met: counting compares these, never names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct ScopeIx(usize);

/// The allocations of one day in one quota's group.
#[derive(Debug, Clone, Copy, Default)]
struct Tally {
    /// Counted in the whole (`among`).
    of: u32,
    /// Counted against the share (`among` and `with`).
    counted: u32,
}

/// Allocations counted by the quotas.
pub struct Ledger {
    /// Each quota's kind of group, in rule-set order.
    kinds: Vec<ScopeKind>,
    entries: Vec<Entry>,
    /// Each unit's entries, in ledger order.
    by_unit: BTreeMap<usize, Vec<EntryIx>>,
    /// The groups' names (`complex C-04`), by [`ScopeIx`].
    names: Vec<String>,
    by_name: BTreeMap<String, ScopeIx>,
    /// Per quota and group, the judged allocations by day.
    tallies: BTreeMap<(usize, ScopeIx), BTreeMap<NaiveDate, Tally>>,
    /// Per quota and group, the days whose past allocations could not be
    /// judged, with why: an error for any window that reaches them.
    failed: BTreeMap<(usize, ScopeIx), BTreeMap<NaiveDate, EvalError>>,
    /// Past allocations not judged yet, by day.
    pending: BTreeMap<NaiveDate, Vec<EntryIx>>,
}

impl Ledger {
    /// The ledger of the data set's history; each past allocation is judged
    /// on its own date under the classification and priority it records.
    pub fn from_history(rules: &CheckedRuleSet, data: &Dataset) -> Self {
        let mut ledger = Ledger::empty(rules);
        for past in data.history() {
            if let Some(entry) = Entry::recorded(data, past) {
                ledger.push(data, entry);
            }
        }
        ledger
    }

    /// A ledger with no allocation yet.
    pub fn empty(rules: &CheckedRuleSet) -> Self {
        Ledger {
            kinds: rules.quotas.iter().map(|q| q.scope).collect(),
            entries: Vec::new(),
            by_unit: BTreeMap::new(),
            names: Vec::new(),
            by_name: BTreeMap::new(),
            tallies: BTreeMap::new(),
            failed: BTreeMap::new(),
            pending: BTreeMap::new(),
        }
    }

    /// Adds an allocation: counted at once when it is judged, else when a
    /// window first reaches its day.
    pub fn push(&mut self, data: &Dataset, entry: Entry) {
        let ix = EntryIx(self.entries.len());
        self.by_unit.entry(entry.unit).or_default().push(ix);
        let (date, judged) = (entry.date, entry.flags.is_some());
        self.entries.push(entry);
        if judged {
            self.count(data, ix);
        } else {
            self.pending.entry(date).or_default().push(ix);
        }
    }

    /// The allocation of `unit` on or after `since`, if the ledger has one.
    pub fn allocation_of(&self, unit: usize, since: NaiveDate) -> Option<&Entry> {
        self.by_unit
            .get(&unit)?
            .iter()
            .filter_map(|ix| self.entries.get(ix.0))
            .find(|e| e.date >= since)
    }

    /// The group named `name` (as [`QuotaState::scope`] shows it), if the
    /// ledger has met it.
    pub fn scope_named(&self, name: &str) -> Option<ScopeIx> {
        self.by_name.get(name).copied()
    }

    /// The group quota `qi` counts an allocation of `unit` by `owner` in.
    fn scope_of(&mut self, data: &Dataset, qi: usize, unit: usize, owner: &str) -> ScopeIx {
        let kind = self.kinds.get(qi).copied().unwrap_or(ScopeKind::All);
        let name = scope_key(data, kind, unit, owner);
        if let Some(ix) = self.by_name.get(&name) {
            return *ix;
        }
        let ix = ScopeIx(self.names.len());
        self.names.push(name.clone());
        self.by_name.insert(name, ix);
        ix
    }

    /// Counts a judged entry in every quota's group for its day.
    fn count(&mut self, data: &Dataset, ix: EntryIx) {
        let Some(entry) = self.entries.get(ix.0) else {
            return;
        };
        let (unit, date, owner) = (entry.unit, entry.date, entry.owner.clone());
        let flags = entry.flags.clone().unwrap_or_default();
        for (qi, f) in flags.iter().enumerate().filter(|(_, f)| f.applies) {
            let group = self.scope_of(data, qi, unit, &owner);
            let tally = self
                .tallies
                .entry((qi, group))
                .or_default()
                .entry(date)
                .or_default();
            tally.of = tally.of.saturating_add(u32::from(f.among));
            tally.counted = tally.counted.saturating_add(u32::from(f.among && f.with));
        }
    }

    /// Judges the past allocations of the days `from` through `until` not
    /// judged yet, each day on an engine of its own that is not kept.
    fn resolve(
        &mut self,
        engines: &mut Engines<'_>,
        from: NaiveDate,
        until: NaiveDate,
    ) -> Result<(), EvalError> {
        let days: Vec<NaiveDate> = self.pending.range(from..=until).map(|(d, _)| *d).collect();
        let data = engines.data();
        for day in days {
            let Some(ixs) = self.pending.remove(&day) else {
                continue;
            };
            match engines.fresh(day) {
                Ok(engine) => {
                    for &ix in &ixs {
                        if let Some(entry) = self.entries.get_mut(ix.0) {
                            entry.flags = Some(entry.flags_on(&engine));
                        }
                        self.count(data, ix);
                    }
                    engines.recycle(engine);
                }
                Err(e) => {
                    for &ix in &ixs {
                        let Some((unit, owner)) =
                            self.entries.get(ix.0).map(|e| (e.unit, e.owner.clone()))
                        else {
                            continue;
                        };
                        for qi in 0..self.kinds.len() {
                            let group = self.scope_of(data, qi, unit, &owner);
                            let days = self.failed.entry((qi, group)).or_default();
                            days.entry(day).or_insert_with(|| e.clone());
                        }
                    }
                }
            }
        }
        Ok(())
    }

    /// Where every quota guarding `candidate`'s vacancy would stand with it.
    pub fn check(
        &mut self,
        engines: &mut Engines<'_>,
        candidate: &mut Entry,
    ) -> Result<Vec<QuotaState>, EvalError> {
        let data = engines.data();
        let rules = engines.rules();
        let flags = candidate.judge(engines)?.to_vec();
        let mut states = Vec::new();
        for (qi, quota) in rules.quotas.iter().enumerate() {
            let Some(own) = flags.get(qi).filter(|f| f.applies) else {
                continue;
            };
            let group = self.scope_of(data, qi, candidate.unit, &candidate.owner);
            let mut state = self.standing(engines, qi, group, candidate.date)?;
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
        &mut self,
        engines: &mut Engines<'_>,
        qi: usize,
        group: ScopeIx,
        date: NaiveDate,
    ) -> Result<QuotaState, EvalError> {
        let rules = engines.rules();
        let (share, rolling) = quota_share(engines, qi, date)?;
        let Some(quota) = rules.quotas.get(qi) else {
            return Err(EvalError::Dangling {
                unit: format!("quota {qi}"),
            });
        };
        let from = window_start(date, rolling);
        let (mut counted, mut of) = (0u32, 0u32);
        // A window that ends before it starts (a zero-length rolling one)
        // holds nothing.
        if from <= date {
            self.resolve(engines, from, date)?;
            if let Some((_, e)) = self
                .failed
                .get(&(qi, group))
                .and_then(|days| days.range(from..=date).next())
            {
                return Err(e.clone());
            }
            let days = self.tallies.get(&(qi, group));
            for tally in days
                .into_iter()
                .flat_map(|d| d.range(from..=date).map(|(_, t)| t))
            {
                of = of.saturating_add(tally.of);
                counted = counted.saturating_add(tally.counted);
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
            scope: self.names.get(group.0).cloned().unwrap_or_default(),
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
pub fn scope_key(data: &Dataset, scope: ScopeKind, unit: usize, owner: &str) -> String {
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
