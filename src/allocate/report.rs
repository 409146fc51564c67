//! The period report: what the allocations of a period did to each complex
//! and buurt, and where every quota stood as they were made.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::engines::Engines;
use super::ledger::{Entry, Ledger};
use super::record::{GroupCount, PeriodReport, QuotaPoint};
use crate::check::CheckedRuleSet;
use crate::eval::EvalError;
use crate::model::Dataset;
use crate::source::SourceMap;

/// Reports on the allocations of the history dated `from` through `until`.
/// Earlier allocations still count in the quotas' windows.
pub fn period_report(
    rules: &CheckedRuleSet,
    sources: &SourceMap,
    data: &Dataset,
    from: NaiveDate,
    until: NaiveDate,
) -> Result<PeriodReport, EvalError> {
    let mut engines = Engines::new(rules, sources, data, 0);
    let mut past: Vec<&crate::model::Allocation> = data.history().iter().collect();
    past.sort_by(|a, b| (a.date, &a.unit).cmp(&(b.date, &b.unit)));
    let mut ledger = Ledger::empty(rules);
    let mut complexes: BTreeMap<String, Tally> = BTreeMap::new();
    let mut buurten: BTreeMap<String, Tally> = BTreeMap::new();
    let mut timeline = Vec::new();
    let mut groups: BTreeMap<(usize, String), ()> = BTreeMap::new();
    for allocation in past {
        if allocation.date > until {
            break;
        }
        let Some(mut entry) = Entry::recorded(data, allocation) else {
            continue;
        };
        engines.release_before(allocation.date);
        if allocation.date >= from {
            let states = ledger.check(&mut engines, &mut entry)?;
            let complex = data.complex_of_unit(entry.unit);
            let complex_name = complex.map_or_else(String::new, |c| format!("{} {}", c.id, c.name));
            let buurt_name = complex
                .and_then(|c| data.buurt_of(c))
                .map_or_else(String::new, |b| b.name.clone());
            let priority = allocation
                .priority
                .clone()
                .unwrap_or_else(|| "none".to_owned());
            for tally in [
                complexes.entry(complex_name).or_default(),
                buurten.entry(buurt_name).or_default(),
            ] {
                tally.allocations = tally.allocations.saturating_add(1);
                let by_priority = tally.by_priority.entry(priority.clone()).or_default();
                *by_priority = by_priority.saturating_add(1);
                let by_classification = tally
                    .by_classification
                    .entry(allocation.classification.clone())
                    .or_default();
                *by_classification = by_classification.saturating_add(1);
            }
            for state in states {
                if let Some(qi) = rules.quotas.iter().position(|q| *q.meta.id == *state.quota) {
                    groups.insert((qi, state.scope.to_string()), ());
                }
                timeline.push(QuotaPoint {
                    date: allocation.date,
                    unit: allocation.unit.clone(),
                    state,
                });
            }
        }
        ledger.push(data, entry);
    }
    let mut shares = Vec::new();
    for (qi, group) in groups.into_keys() {
        if let Some(scope) = ledger.scope_named(&group) {
            shares.push(ledger.standing(&mut engines, qi, scope, until)?);
        }
    }
    engines.settled()?;
    Ok(PeriodReport {
        from,
        until,
        complexes: counts(complexes),
        buurten: counts(buurten),
        timeline,
        shares,
    })
}

#[derive(Default)]
struct Tally {
    allocations: u32,
    by_priority: BTreeMap<String, u32>,
    by_classification: BTreeMap<String, u32>,
}

fn counts(tallies: BTreeMap<String, Tally>) -> Vec<GroupCount> {
    tallies
        .into_iter()
        .map(|(group, t)| GroupCount {
            group,
            allocations: t.allocations,
            by_priority: t.by_priority.into_iter().collect(),
            by_classification: t.by_classification.into_iter().collect(),
        })
        .collect()
}
