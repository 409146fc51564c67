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
use std::sync::Arc;

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
    /// The group each quota counts it in, once looked up.
    scopes: Option<Vec<ScopeIx>>,
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
            scopes: None,
        }
    }

    /// The allocation with the groups it counts in already looked up
    /// (by [`Ledger::scopes_of`] for its unit and owner).
    pub fn with_scopes(mut self, scopes: Vec<ScopeIx>) -> Self {
        self.scopes = Some(scopes);
        self
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
            scopes: None,
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

/// The judged allocations of one quota's group, by day: each day that has
/// any, with the running totals up to and including it, so the count of a
/// window is two searches and a difference, however long the window.
#[derive(Debug, Clone, Default)]
struct Days {
    /// The days, in order.
    days: Vec<NaiveDate>,
    /// Counted in the whole (`among`), up to and including each day.
    of: Vec<u64>,
    /// Counted against the share (`among` and `with`), likewise.
    counted: Vec<u64>,
}

impl Days {
    /// Counts `of` and `counted` allocations more on `date`. A run adds
    /// its days in order, at the end; a past day judged later is put in
    /// its place and the totals after it raised.
    fn add(&mut self, date: NaiveDate, of: u64, counted: u64) {
        let at = match self.days.binary_search(&date) {
            Ok(at) => at,
            Err(at) => {
                let before = at.checked_sub(1);
                let total = |v: &[u64]| before.and_then(|b| v.get(b)).copied().unwrap_or(0);
                let (o, c) = (total(&self.of), total(&self.counted));
                self.days.insert(at, date);
                self.of.insert(at, o);
                self.counted.insert(at, c);
                at
            }
        };
        for t in self.of.iter_mut().skip(at) {
            *t = t.saturating_add(of);
        }
        for t in self.counted.iter_mut().skip(at) {
            *t = t.saturating_add(counted);
        }
    }

    /// The allocations of the days `from` through `until`: `(of, counted)`.
    fn window(&self, from: NaiveDate, until: NaiveDate) -> (u64, u64) {
        let hi = self.days.partition_point(|d| *d <= until);
        let lo = self.days.partition_point(|d| *d < from).min(hi);
        let total = |v: &[u64], n: usize| n.checked_sub(1).and_then(|i| v.get(i)).copied();
        let sum = |v: &[u64]| {
            total(v, hi)
                .unwrap_or(0)
                .saturating_sub(total(v, lo).unwrap_or(0))
        };
        (sum(&self.of), sum(&self.counted))
    }
}

/// Where one quota stands for one group on one day, in numbers: what a
/// run compares; [`Ledger::words`] makes the [`QuotaState`] a report shows.
#[derive(Debug, Clone, Copy)]
pub struct Standing {
    /// The quota, by index.
    qi: usize,
    /// Its group.
    group: ScopeIx,
    /// The share in force on the day.
    share: Decimal,
    /// First day of the window.
    from: NaiveDate,
    /// Last day of the window.
    until: NaiveDate,
    /// Counted against the share.
    counted: u32,
    /// Counted in the whole.
    of: u32,
    /// An `at most` quota over its share.
    pub exceeded: bool,
    /// An `at least` quota under its share.
    below_minimum: bool,
}

/// Allocations counted by the quotas.
pub struct Ledger {
    /// Each quota's kind of group, in rule-set order.
    kinds: Vec<ScopeKind>,
    entries: Vec<Entry>,
    /// Each unit's entries, in ledger order.
    by_unit: BTreeMap<usize, Vec<EntryIx>>,
    /// The groups' names (`complex C-04`), by [`ScopeIx`].
    names: Vec<Arc<str>>,
    /// Each quota's id and bound in words, by quota, for [`Ledger::words`].
    quota_words: Vec<(Arc<str>, Arc<str>)>,
    /// Each share met, in words (`75%`): a run meets few.
    share_words: Vec<(Decimal, Arc<str>)>,
    by_name: BTreeMap<String, ScopeIx>,
    /// Per quota and group, the judged allocations by day.
    tallies: BTreeMap<(usize, ScopeIx), Days>,
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
            quota_words: {
                let (at_least, at_most): (Arc<str>, Arc<str>) =
                    ("at least".into(), "at most".into());
                rules
                    .quotas
                    .iter()
                    .map(|q| {
                        let bound = match q.bound {
                            Bound::AtLeast => Arc::clone(&at_least),
                            _ => Arc::clone(&at_most),
                        };
                        (Arc::from(q.meta.id.as_str()), bound)
                    })
                    .collect()
            },
            share_words: Vec::new(),
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
        self.names.push(Arc::from(name.as_str()));
        self.by_name.insert(name, ix);
        ix
    }

    /// The group each quota counts an allocation of `unit` by `owner` in,
    /// by quota: looked up once for a vacancy, not for each candidate.
    pub fn scopes_of(&mut self, data: &Dataset, unit: usize, owner: &str) -> Vec<ScopeIx> {
        (0..self.kinds.len())
            .map(|qi| self.scope_of(data, qi, unit, owner))
            .collect()
    }

    /// The groups of the entry at `ix`, looked up and kept on first use.
    fn entry_scopes(&mut self, data: &Dataset, ix: EntryIx) -> Vec<ScopeIx> {
        let Some(entry) = self.entries.get(ix.0) else {
            return Vec::new();
        };
        if let Some(scopes) = &entry.scopes {
            return scopes.clone();
        }
        let (unit, owner) = (entry.unit, entry.owner.clone());
        let scopes = self.scopes_of(data, unit, &owner);
        if let Some(entry) = self.entries.get_mut(ix.0) {
            entry.scopes = Some(scopes.clone());
        }
        scopes
    }

    /// Counts a judged entry in every quota's group for its day.
    fn count(&mut self, data: &Dataset, ix: EntryIx) {
        let scopes = self.entry_scopes(data, ix);
        let Some(entry) = self.entries.get(ix.0) else {
            return;
        };
        let date = entry.date;
        let flags = entry.flags.as_deref().unwrap_or(&[]);
        for ((qi, f), group) in flags.iter().enumerate().zip(&scopes) {
            if !f.applies {
                continue;
            }
            self.tallies.entry((qi, *group)).or_default().add(
                date,
                u64::from(f.among),
                u64::from(f.among && f.with),
            );
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
        if self.pending.range(from..=until).next().is_none() {
            return Ok(());
        }
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
                        let scopes = self.entry_scopes(data, ix);
                        for (qi, group) in scopes.into_iter().enumerate() {
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
        let flags = candidate.judge(engines)?.to_vec();
        let scopes = match &candidate.scopes {
            Some(scopes) => scopes.clone(),
            None => self.scopes_of(data, candidate.unit, &candidate.owner),
        };
        let standings = self.probe(engines, &scopes, candidate.date, &flags)?;
        Ok(standings.iter().map(|s| self.words(s)).collect())
    }

    /// Where every quota guarding a vacancy would stand with an allocation
    /// of it on `date` whose standing to each quota is `flags`, the
    /// vacancy's groups `scopes` (by quota): in numbers, put into words only
    /// for what a report shows.
    pub fn probe(
        &mut self,
        engines: &mut Engines<'_>,
        scopes: &[ScopeIx],
        date: NaiveDate,
        flags: &[QuotaFlags],
    ) -> Result<Vec<Standing>, EvalError> {
        let rules = engines.rules();
        let mut states = Vec::new();
        for (qi, quota) in rules.quotas.iter().enumerate() {
            let Some(own) = flags.get(qi).filter(|f| f.applies) else {
                continue;
            };
            let Some(group) = scopes.get(qi).copied() else {
                continue;
            };
            let mut state = self.stand(engines, qi, group, date)?;
            state.counted = state
                .counted
                .saturating_add(u32::from(own.among && own.with));
            state.of = state.of.saturating_add(u32::from(own.among));
            let standing = against_share(state.counted, state.of, state.share);
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
        let state = self.stand(engines, qi, group, date)?;
        Ok(self.words(&state))
    }

    /// [`Ledger::standing`] in numbers.
    fn stand(
        &mut self,
        engines: &mut Engines<'_>,
        qi: usize,
        group: ScopeIx,
        date: NaiveDate,
    ) -> Result<Standing, EvalError> {
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
            if let Some(days) = self.tallies.get(&(qi, group)) {
                let (o, c) = days.window(from, date);
                of = u32::try_from(o).unwrap_or(u32::MAX);
                counted = u32::try_from(c).unwrap_or(u32::MAX);
            }
        }
        let standing = against_share(counted, of, share);
        Ok(Standing {
            qi,
            group,
            share,
            from,
            until: date,
            counted,
            of,
            exceeded: quota.bound == Bound::AtMost && standing == Ordering::Greater,
            below_minimum: quota.bound == Bound::AtLeast && of > 0 && standing == Ordering::Less,
        })
    }

    /// A standing as a report shows it.
    pub fn words(&mut self, s: &Standing) -> QuotaState {
        let (quota, bound) = self
            .quota_words
            .get(s.qi)
            .cloned()
            .unwrap_or_else(|| (Arc::from(""), Arc::from("at most")));
        let share = match self.share_words.iter().find(|(d, _)| *d == s.share) {
            Some((_, w)) => Arc::clone(w),
            None => {
                let w: Arc<str> = format!("{}%", s.share.normalize()).into();
                self.share_words.push((s.share, Arc::clone(&w)));
                w
            }
        };
        QuotaState {
            quota,
            bound,
            share,
            scope: self
                .names
                .get(s.group.0)
                .cloned()
                .unwrap_or_else(|| Arc::from("")),
            from: s.from,
            until: s.until,
            counted: s.counted,
            of: s.of,
            exceeded: s.exceeded,
            below_minimum: s.below_minimum,
        }
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
