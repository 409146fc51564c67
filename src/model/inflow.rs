//! The inflow of a longer period (`generate --inflow N`): house-seekers
//! who register while the period runs and react only to vacancies that
//! come free after they registered, so a simulated year sees new
//! households arrive as the vacancies do.
//!
//! # Calibration
//!
//! An arrival is drawn as the base population is (`generate`'s
//! calibration: main income 18% social assistance, 10% disability benefit,
//! from the Verwey-Jonker / Movisie report *Inhoud geven aan de gemengde
//! wijk* (2024) on adults who moved to Heerlen in 2021; those on social
//! assistance 42% from elsewhere in Parkstad, 24% from the rest of
//! Limburg, 34% from outside Limburg, the same report), but as they stand
//! on the day they register: their registration starts that day, with no
//! block, and an arrival from outside Parkstad moved in at most 90 days
//! before it *(assumed)*. The number of arrivals is the caller's: about
//! 17.5% of the list a year matches the base population's shape (35%
//! registered under two years ago), so `--inflow 8750` for the 50,000 of
//! a Parkstad year *(assumed: TiL publishes no registration counts)*.
//! Each arrival reacts to as many vacancies as a listed applicant does on
//! average, drawn from those that come free after the registration, each
//! reaction in the three weeks before the vacancy and not before the
//! registration.
//!
//! Arrivals draw from their own generator seeded from the seed, so the
//! base population of a seed is the same with or without inflow.

use chrono::NaiveDate;

use super::applicant::Applicant;
use super::generate::{GenerateOptions, SplitMix64, applicant, days_after, days_before};
use super::reaction::Reaction;
use super::unit::Unit;

/// Mixed into the seed for the arrivals' own generator ("inflow" in ASCII).
const INFLOW_STREAM: u64 = 0x0000_696e_666c_6f77;

/// Days before registering that an arrival from outside Parkstad moved in,
/// at most *(assumed)*.
const MOVED_IN_WITHIN: i64 = 90;

/// The arrivals of the period and their reactions; their ids follow the
/// `listed` applicants of the base population.
pub fn arrivals(
    options: &GenerateOptions,
    units: &[Unit],
    complexes: usize,
    listed: usize,
) -> (Vec<Applicant>, Vec<Reaction>) {
    let mut rng = SplitMix64::new(options.seed ^ INFLOW_STREAM);
    let last_day = i64::from(options.period_days.max(1)).saturating_sub(1);
    // As many reactions as a listed applicant makes on average, at least one.
    let per_applicant = units
        .len()
        .saturating_mul(options.reactions_per_vacancy)
        .checked_div(listed)
        .unwrap_or(options.reactions_per_vacancy)
        .max(1);
    let mut people = Vec::with_capacity(options.inflow);
    let mut reactions = Vec::new();
    for j in 0..options.inflow {
        let day = days_after(options.period_from, rng.between(0, last_day));
        let mut a = applicant(&mut rng, listed.saturating_add(j), complexes, day);
        registers_on(&mut rng, &mut a, day);
        reactions.extend(reacts(&mut rng, &a, day, units, per_applicant));
        people.push(a);
    }
    (people, reactions)
}

/// Makes `a` a new registration of `day`: no earlier registration time, no
/// block, and a move into Parkstad shortly before it where they came from
/// elsewhere.
fn registers_on(rng: &mut SplitMix64, a: &mut Applicant, day: NaiveDate) {
    a.registration.registered_on = day;
    a.registration.blocks.clear();
    if let [origin, parkstad] = a.residence.as_mut_slice() {
        // The origin began at least a year before the old move, which lay
        // in the six years before `day`; the new move lies after that.
        let moved = days_before(day, rng.between(0, MOVED_IN_WITHIN))
            .max(origin.from.succ_opt().unwrap_or(origin.from));
        origin.until = moved.pred_opt();
        parkstad.from = moved;
    }
}

/// Up to `count` reactions of `a`, registered on `day`, to distinct
/// vacancies that come free after it.
fn reacts(
    rng: &mut SplitMix64,
    a: &Applicant,
    day: NaiveDate,
    units: &[Unit],
    count: usize,
) -> Vec<Reaction> {
    let open: Vec<&Unit> = units.iter().filter(|u| u.available_from > day).collect();
    let n = open.len();
    let k = count.min(n);
    let mut chosen = std::collections::BTreeSet::new();
    // Floyd's sampling of `k` of `n`, as the base population's reactions.
    for j in n.saturating_sub(k)..n {
        let t = usize::try_from(rng.below((j as u64).saturating_add(1))).unwrap_or(j);
        if !chosen.insert(t) {
            chosen.insert(j);
        }
    }
    chosen
        .iter()
        .filter_map(|&i| open.get(i))
        .map(|u| {
            let earliest = (u.available_from.signed_duration_since(day).num_days()).min(20);
            Reaction {
                applicant: a.id.clone(),
                unit: u.id.clone(),
                date: days_before(u.available_from, rng.between(0, earliest)),
                response: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate;
    use crate::vocab::IncomeSource;

    fn year(inflow: usize) -> GenerateOptions {
        let from: NaiveDate = "2026-01-01".parse().unwrap_or_default();
        GenerateOptions {
            period_from: from,
            period_days: 365,
            reactions_per_vacancy: 20,
            inflow,
            ..GenerateOptions::new(500, 100, 3, from)
        }
    }

    #[test]
    fn arrivals_register_in_the_period_and_react_after_it() {
        let options = year(2000);
        let records = generate(&options);
        let arrivals = &records.applicants[500..];
        assert_eq!(arrivals.len(), 2000);
        let until = days_after(options.period_from, 364);
        let registered: std::collections::BTreeMap<&str, NaiveDate> = arrivals
            .iter()
            .map(|a| (a.id.as_str(), a.registration.registered_on))
            .collect();
        assert!(
            registered
                .values()
                .all(|d| options.period_from <= *d && *d <= until)
        );
        assert!(arrivals.iter().all(|a| a.registration.blocks.is_empty()));
        let available: std::collections::BTreeMap<&str, NaiveDate> = records
            .units
            .iter()
            .map(|u| (u.id.as_str(), u.available_from))
            .collect();
        let theirs: Vec<_> = records
            .reactions
            .iter()
            .filter_map(|r| Some((r, *registered.get(r.applicant.as_str())?)))
            .collect();
        assert!(!theirs.is_empty());
        for (r, day) in theirs {
            let free = available[r.unit.as_str()];
            assert!(day <= r.date && r.date <= free && day < free, "{r:?}");
        }
    }

    #[test]
    fn arrivals_keep_the_calibrated_shares() {
        let records = generate(&year(4000));
        let arrivals = &records.applicants[500..];
        let main = |a: &Applicant| {
            a.household
                .members
                .first()
                .and_then(|m| m.incomes.first())
                .map(|i| i.source)
        };
        let share = |source| {
            let n = arrivals.iter().filter(|a| main(a) == Some(source)).count();
            n as f64 / arrivals.len() as f64
        };
        assert!((share(IncomeSource::SocialAssistance) - 0.18).abs() < 0.02);
        assert!((share(IncomeSource::DisabilityBenefit) - 0.10).abs() < 0.02);
        // Of those on social assistance, 58% come from outside Parkstad.
        let assisted: Vec<&Applicant> = arrivals
            .iter()
            .filter(|a| main(a) == Some(IncomeSource::SocialAssistance))
            .collect();
        let from_outside = assisted
            .iter()
            .filter(|a| {
                a.residence
                    .first()
                    .is_some_and(|r| !generate::PARKSTAD.contains(&r.municipality.as_str()))
            })
            .count();
        let outside = from_outside as f64 / assisted.len() as f64;
        assert!((outside - 0.58).abs() < 0.06, "{outside}");
    }

    #[test]
    fn the_base_population_is_the_same_with_or_without_inflow() {
        let without = generate(&year(0));
        let with = generate(&year(50));
        assert_eq!(without.applicants[..], with.applicants[..500]);
        assert_eq!(
            without.reactions[..],
            with.reactions[..without.reactions.len()]
        );
        assert_eq!(with.applicants.len(), 550);
        assert_eq!(with, generate(&year(50)), "the same seed, the same folder");
    }
}
