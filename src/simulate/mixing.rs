//! Mixing: the period's inflow into each buurt and each fragile complex by
//! classification, priority group and income source, beside the make-up
//! the data records for it before the period.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::{Count, Inflow};
use crate::allocate::record::AllocationRun;
use crate::diff::income_sources;
use crate::model::{Complex, Dataset};

/// The designation kind whose complexes are reported apart as fragile.
pub const FRAGILE: &str = "fragile";

#[derive(Default)]
struct Tally {
    allocations: usize,
    classification: BTreeMap<String, usize>,
    priority: BTreeMap<String, usize>,
    income: BTreeMap<String, usize>,
    make_up: BTreeMap<String, usize>,
}

fn bump(map: &mut BTreeMap<String, usize>, key: String) {
    let n = map.entry(key).or_default();
    *n = n.saturating_add(1);
}

/// `capacity: drager` → `drager`: the label, as the history records it.
fn label(classification: &str) -> String {
    classification
        .split_once(": ")
        .map_or(classification, |(_, l)| l)
        .to_owned()
}

fn fragile_in(complex: &Complex, (from, until): (NaiveDate, NaiveDate)) -> bool {
    complex
        .designations
        .iter()
        .any(|d| d.kind == FRAGILE && d.from <= until && d.until.is_none_or(|u| from <= u))
}

fn to_counts(map: BTreeMap<String, usize>) -> Vec<Count> {
    map.into_iter()
        .map(|(key, count)| Count { key, count })
        .collect()
}

/// The inflow per buurt (those with an allocation or a recorded make-up),
/// then per complex designated fragile on any day of the period.
pub fn mixing(data: &Dataset, run: &AllocationRun, period: (NaiveDate, NaiveDate)) -> Vec<Inflow> {
    let mut buurten: BTreeMap<String, Tally> = BTreeMap::new();
    let mut fragile: BTreeMap<String, Tally> = BTreeMap::new();
    let places = |complex: &str| {
        let c = data.complex(complex);
        let buurt = c
            .and_then(|c| data.buurt_of(c))
            .map_or_else(|| "(no buurt)".to_owned(), |b| b.name.clone());
        let frag = c
            .filter(|c| fragile_in(c, period))
            .map(|c| format!("{} {}", c.id, c.name));
        (buurt, frag)
    };
    for past in data.history().iter().filter(|h| h.date < period.0) {
        let Some(unit) = data.unit(&past.unit) else {
            continue;
        };
        let (buurt, frag) = places(&unit.complex);
        bump(
            &mut buurten.entry(buurt).or_default().make_up,
            past.classification.clone(),
        );
        if let Some(f) = frag {
            bump(
                &mut fragile.entry(f).or_default().make_up,
                past.classification.clone(),
            );
        }
    }
    for v in &run.vacancies {
        let Some(id) = &v.allocated_to else {
            continue;
        };
        let (buurt, frag) = places(&v.complex);
        let income = data
            .applicant(id)
            .map_or_else(String::new, |a| income_sources(a, v.date));
        let priority = v.priority.clone().unwrap_or_else(|| "none".to_owned());
        let mut tallies = vec![buurten.entry(buurt).or_default()];
        if let Some(f) = frag {
            tallies.push(fragile.entry(f).or_default());
        }
        for t in tallies {
            t.allocations = t.allocations.saturating_add(1);
            for c in &v.classifications {
                bump(&mut t.classification, label(c));
            }
            bump(&mut t.priority, priority.clone());
            bump(&mut t.income, income.clone());
        }
    }
    let inflow = |place: &str, (name, t): (String, Tally)| Inflow {
        place: place.to_owned(),
        name,
        allocations: t.allocations,
        by_classification: to_counts(t.classification),
        by_priority: to_counts(t.priority),
        by_income: to_counts(t.income),
        make_up: to_counts(t.make_up),
    };
    buurten
        .into_iter()
        .map(|b| inflow("buurt", b))
        .chain(fragile.into_iter().map(|f| inflow("fragile complex", f)))
        .collect()
}
