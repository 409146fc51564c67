//! `allocate`: fill the vacancies in date order, each on its own reference
//! date. Offer to the first eligible candidate in rank order whose
//! allocation exceeds no quota; each allocation joins the ledger, so a
//! quota can close for the next vacancy and open again as its window moves.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::engines::Engines;
use super::ledger::{Entry, Ledger};
use super::record::{AllocationRun, Skip, Vacancy};
use crate::check::CheckedRuleSet;
use crate::eval::EvalError;
use crate::model::Dataset;
use crate::progress::Progress;
use crate::source::SourceMap;

/// Fills every vacancy available from `from` through `until` (both
/// optional), in order of `available_from` then unit id.
pub fn allocate(
    rules: &CheckedRuleSet,
    sources: &SourceMap,
    data: &Dataset,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
    seed: u64,
) -> Result<AllocationRun, EvalError> {
    allocate_on(rules, sources, data, (from, until), seed, 1)
}

/// [`allocate`] with each vacancy's candidates decided on `threads`
/// threads: the vacancies are still filled one after another (each can
/// close a quota for the next), and the run is the same for any number.
pub fn allocate_on(
    rules: &CheckedRuleSet,
    sources: &SourceMap,
    data: &Dataset,
    period: (Option<NaiveDate>, Option<NaiveDate>),
    seed: u64,
    threads: usize,
) -> Result<AllocationRun, EvalError> {
    let what = (&Progress::hidden(), "");
    allocate_shown(rules, sources, data, period, (seed, threads), what)
}

/// [`allocate_on`] counting its vacancies on `progress` under `what`
/// (stderr only, and only on a terminal: the run itself is the same).
pub fn allocate_shown(
    rules: &CheckedRuleSet,
    sources: &SourceMap,
    data: &Dataset,
    (from, until): (Option<NaiveDate>, Option<NaiveDate>),
    (seed, threads): (u64, usize),
    (progress, what): (&Progress, &str),
) -> Result<AllocationRun, EvalError> {
    let mut engines = Engines::new(rules, sources, data, seed);
    let mut ledger = Ledger::from_history(rules, data);
    let mut vacancies: Vec<(usize, &crate::model::Unit)> = data
        .units()
        .iter()
        .enumerate()
        .filter(|(_, unit)| {
            let date = unit.available_from;
            from.is_none_or(|f| f <= date) && until.is_none_or(|t| date <= t)
        })
        .collect();
    vacancies
        .sort_by(|(_, ua), (_, ub)| (ua.available_from, &ua.id).cmp(&(ub.available_from, &ub.id)));
    let vacancies: Vec<usize> = vacancies.into_iter().map(|(u, _)| u).collect();
    let mut housed: BTreeMap<usize, String> = BTreeMap::new();
    let mut out = Vec::with_capacity(vacancies.len());
    progress.start(vacancies.len(), what);
    for unit in vacancies {
        if let Some(u) = data.units().get(unit) {
            engines.release_before(u.available_from);
        }
        out.push(fill(&mut engines, &mut ledger, &mut housed, unit, threads)?);
        progress.step();
    }
    engines.settled()?;
    Ok(AllocationRun {
        redacted: false,
        seed,
        vacancies: out,
    })
}

/// Where every quota guarding `unit` would stand if it were let to
/// `applicant` on `date`, counting the data set's history: what a rule test
/// or a corporation asks before it allocates.
pub fn quota_standing(
    rules: &CheckedRuleSet,
    sources: &SourceMap,
    data: &Dataset,
    applicant: usize,
    unit: usize,
    date: NaiveDate,
) -> Result<Vec<super::record::QuotaState>, EvalError> {
    let mut engines = Engines::new(rules, sources, data, 0);
    let mut ledger = Ledger::from_history(rules, data);
    let (_, states) = standing(&mut engines, &mut ledger, applicant, unit, date, false)?;
    engines.settled()?;
    Ok(states)
}

/// Fills one vacancy. A candidate whose priority group would exceed a
/// quota, and who would exceed none without it, keeps their place in line
/// only as a candidate without that priority: the vacancy is ranked again.
/// The candidates are decided once, in a [`crate::eval::Lineup`]; ids and
/// reasons are put into words only for the vacancy's record.
fn fill(
    engines: &mut Engines<'_>,
    ledger: &mut Ledger,
    housed: &mut BTreeMap<usize, String>,
    unit: usize,
    threads: usize,
) -> Result<Vacancy, EvalError> {
    let data = engines.data();
    let the_unit = data.units().get(unit).ok_or_else(|| EvalError::Dangling {
        unit: unit.to_string(),
    })?;
    let date = the_unit.available_from;
    let reactions = engines.reactions();
    let every: Vec<usize>;
    let candidates = if data.reactions().is_empty() {
        // No reactions in the folder: every applicant is a candidate.
        every = (0..data.applicants().len()).collect();
        every.as_slice()
    } else {
        reactions.candidates(unit)
    };
    let id = |a: usize| {
        data.applicants()
            .get(a)
            .map_or_else(String::new, |f| f.id.clone())
    };
    let mut lineup = engines.on(date)?.lineup_on(unit, candidates, threads);
    let mut capped: Vec<usize> = Vec::new();
    let mut capped_skips: Vec<Skip> = Vec::new();
    'ranking: loop {
        let mut vacancy = Vacancy {
            unit: the_unit.id.clone(),
            complex: the_unit.complex.clone(),
            date,
            allocated_to: None,
            rank: None,
            priority: None,
            classifications: Vec::new(),
            quotas: Vec::new(),
            skipped: Vec::new(),
        };
        let eligible: Vec<usize> = lineup.eligible().map(|(a, _)| a).collect();
        for (position, &applicant) in eligible.iter().enumerate() {
            let rank = position.saturating_add(1);
            if vacancy.allocated_to.is_some() {
                break;
            }
            if let Some(response) = reactions.response(unit, applicant) {
                vacancy.skipped.push(Skip::Declined {
                    applicant: id(applicant),
                    rank,
                    response: response.as_str().to_owned(),
                });
                continue;
            }
            if let Some(got) = housed.get(&applicant) {
                vacancy.skipped.push(Skip::AlreadyHoused {
                    applicant: id(applicant),
                    rank,
                    unit: got.clone(),
                });
                continue;
            }
            let without_priority = capped.contains(&applicant);
            let (entry, states) =
                standing(engines, ledger, applicant, unit, date, without_priority)?;
            let exceeded: Vec<_> = states.iter().filter(|s| s.exceeded).cloned().collect();
            if !exceeded.is_empty() {
                if !without_priority {
                    let (_, bare) = standing(engines, ledger, applicant, unit, date, true)?;
                    let engine = engines.on(date)?;
                    let priority = engine.record(applicant, unit, false).priority;
                    if let (Some(priority), false) = (priority, bare.iter().any(|s| s.exceeded)) {
                        capped.push(applicant);
                        capped_skips.push(Skip::PriorityCapped {
                            applicant: id(applicant),
                            rank,
                            priority,
                            quotas: exceeded,
                        });
                        engine.set_priority_aside(&mut lineup, applicant);
                        continue 'ranking;
                    }
                }
                vacancy.skipped.push(Skip::Quota {
                    applicant: id(applicant),
                    rank,
                    quotas: exceeded,
                });
                continue;
            }
            let record = engines.on(date)?.record(applicant, unit, false);
            vacancy.allocated_to = Some(id(applicant));
            vacancy.rank = Some(rank);
            vacancy.priority = if without_priority {
                None
            } else {
                record.priority
            };
            vacancy.classifications = record
                .classifications
                .iter()
                .map(|l| format!("{}: {}", l.rule, l.label))
                .collect();
            vacancy.quotas = states;
            housed.insert(applicant, the_unit.id.clone());
            ledger.push(data, entry);
        }
        // Those set aside come first, in the order they were.
        vacancy.skipped.splice(0..0, capped_skips);
        let engine = engines.on(date)?;
        for (applicant, decision) in lineup.ineligible() {
            vacancy.skipped.push(Skip::Ineligible {
                applicant: id(applicant),
                failed: engine.failed_gates(decision),
            });
        }
        return Ok(vacancy);
    }
}

/// The ledger entry an allocation would make, and where each quota would
/// stand with it; `without_priority` judges it as made without the
/// applicant's priority group.
fn standing(
    engines: &mut Engines<'_>,
    ledger: &mut Ledger,
    applicant: usize,
    unit: usize,
    date: NaiveDate,
    without_priority: bool,
) -> Result<(Entry, Vec<super::record::QuotaState>), EvalError> {
    let data = engines.data();
    let engine = engines.on(date)?;
    let decision = if without_priority {
        engine.decide_without_priority(applicant, unit)
    } else {
        engine.decide(applicant, unit)
    };
    let mut entry = Entry::new(
        unit,
        applicant,
        date,
        data.complex_of_unit(unit)
            .map_or_else(String::new, |c| c.owner.name.clone()),
        engine.quota_flags(applicant, unit, &decision),
    );
    let states = ledger.check(engines, &mut entry)?;
    Ok((entry, states))
}
