//! Displacement: per designation kind (or quota) and buurt, the households
//! it refused, how many were housed elsewhere in the region later in the
//! period, where, after how long, and how many were not.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use super::follow::{Followed, RefusedBy};
use super::{Figures, GroupFigures, Refusals};
use crate::diff::sorted as counts;
use crate::model::{Applicant, Dataset};

/// The buurt of a complex the data does not place.
const NO_BUURT: &str = "(no buurt)";

/// The age from which a household counts as `senior`: the AOW age of 2026.
const SENIOR_AGE: u32 = 67;

/// The household's type on `date`: `family with children` (a minor
/// lives with it), else `senior` (its oldest member is 67 or over), else
/// `single` or `couple` by its adults (`couple` for two or more).
pub fn household_type(applicant: &Applicant, date: NaiveDate) -> &'static str {
    let h = &applicant.household;
    if h.minors_on(date) > 0 {
        "family with children"
    } else if h.oldest_age_on(date) >= SENIOR_AGE {
        "senior"
    } else if h.adults_on(date) >= 2 {
        "couple"
    } else {
        "single"
    }
}

/// The groups counted apart that `applicant` belongs to on `date`.
fn apart(applicant: &Applicant, date: NaiveDate) -> Vec<&'static str> {
    let mut groups = Vec::new();
    if applicant.urgency_valid_on(date) {
        groups.push("urgent");
    }
    if applicant.aandachtsgroep.is_some() {
        groups.push("aandachtsgroep");
    }
    if applicant.permit_holder_first_housing {
        groups.push("permit holder");
    }
    groups
}

/// A household's first refusal in one group.
struct First {
    position: usize,
    date: NaiveDate,
}

fn add(figures: &mut Figures, housed: bool) {
    figures.refused = figures.refused.saturating_add(1);
    if housed {
        figures.housed_later = figures.housed_later.saturating_add(1);
    } else {
        figures.not_housed = figures.not_housed.saturating_add(1);
    }
}

fn grouped(map: BTreeMap<&'static str, Figures>) -> Vec<GroupFigures> {
    map.into_iter()
        .map(|(group, figures)| GroupFigures {
            group: group.to_owned(),
            figures,
        })
        .collect()
}

/// The refusals of `followed`, per (designation or quota, kind, buurt);
/// each household counted once per group, from its first refusal there.
pub fn displacement(data: &Dataset, followed: &Followed<'_>) -> Vec<Refusals> {
    // A year has millions of refusals over a few hundred complexes: each
    // complex's buurt is looked up once, and the keys borrow their words.
    let mut buurt_of: BTreeMap<&str, &str> = BTreeMap::new();
    for c in data.complexes() {
        // The first record wins, as in the data set's own index.
        buurt_of
            .entry(c.id.as_str())
            .or_insert_with(|| data.buurt_of(c).map_or(NO_BUURT, |b| b.name.as_str()));
    }
    let buurt = |complex: &str| buurt_of.get(complex).copied().unwrap_or(NO_BUURT);
    type Key<'k> = (RefusedBy, &'k str, &'k str);
    let mut firsts: BTreeMap<Key<'_>, BTreeMap<usize, First>> = BTreeMap::new();
    let mut complexes: BTreeMap<Key<'_>, BTreeSet<&str>> = BTreeMap::new();
    for r in &followed.refusals {
        let key = (r.by, r.under, buurt(r.complex));
        complexes.entry(key).or_default().insert(r.complex);
        firsts
            .entry(key)
            .or_default()
            .entry(r.applicant)
            .or_insert(First {
                position: r.position,
                date: r.date,
            });
    }
    let mut out = Vec::with_capacity(firsts.len());
    for (key, households) in firsts {
        let mut figures = Figures::default();
        let mut waits: Vec<i64> = Vec::new();
        let mut housed_in: BTreeMap<String, usize> = BTreeMap::new();
        let mut by_household: BTreeMap<&'static str, Figures> = BTreeMap::new();
        let mut by_group: BTreeMap<&'static str, Figures> = BTreeMap::new();
        for (a, first) in households {
            let later = followed
                .housed
                .get(&a)
                .filter(|p| p.position > first.position);
            if let Some(p) = later {
                waits.push(p.date.signed_duration_since(first.date).num_days());
                let n = housed_in.entry(buurt(p.complex).to_owned()).or_default();
                *n = n.saturating_add(1);
            }
            add(&mut figures, later.is_some());
            if let Some(file) = data.applicants().get(a) {
                add(
                    by_household
                        .entry(household_type(file, first.date))
                        .or_default(),
                    later.is_some(),
                );
                for g in apart(file, first.date) {
                    add(by_group.entry(g).or_default(), later.is_some());
                }
            }
        }
        waits.sort_unstable();
        let (by, under, buurt) = key;
        out.push(Refusals {
            by: by.as_str().to_owned(),
            under: under.to_owned(),
            buurt: buurt.to_owned(),
            complexes: complexes
                .remove(&key)
                .unwrap_or_default()
                .into_iter()
                .map(str::to_owned)
                .collect(),
            figures,
            median_wait_days: waits.get(waits.len() / 2).copied(),
            max_wait_days: waits.last().copied(),
            housed_in: counts(housed_in),
            by_household: grouped(by_household),
            apart: grouped(by_group),
        });
    }
    out
}

/// The Wbmgp art. 6 lid 2 question answered with the figures: `of 214
/// households refused under wbmgp_art8 in GMS, 171 were housed elsewhere
/// in the region within the period (…), 43 were not`.
pub fn sentence(r: &Refusals, from: NaiveDate, until: NaiveDate) -> String {
    let what = if r.by == "quota" {
        format!("passed over by quota {}", r.under)
    } else {
        format!("refused under {}", r.under)
    };
    let households = if r.figures.refused == 1 {
        "household"
    } else {
        "households"
    };
    let were = |n: usize| if n == 1 { "was" } else { "were" };
    format!(
        "of {} {households} {what} in {}, {} {} housed elsewhere in the region within the period ({from} to {until}), {} {} not",
        r.figures.refused,
        r.buurt,
        r.figures.housed_later,
        were(r.figures.housed_later),
        r.figures.not_housed,
        were(r.figures.not_housed),
    )
}
