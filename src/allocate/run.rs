//! `allocate`: fill the vacancies in date order, each on its own reference
//! date. Offer to the first eligible candidate in rank order whose
//! allocation exceeds no quota; each allocation joins the ledger, so a
//! quota can close for the next vacancy and open again as its window moves.

use chrono::NaiveDate;

use super::engines::Engines;
use super::ledger::{Entry, Ledger};
use super::names::Names;
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

/// `allocate` with each vacancy's candidates decided on `threads`
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

/// `allocate_on` counting its vacancies on `progress` under `what`
/// (stderr only, and only on a terminal: the run itself is the same).
pub fn allocate_shown(
    rules: &CheckedRuleSet,
    sources: &SourceMap,
    data: &Dataset,
    period: (Option<NaiveDate>, Option<NaiveDate>),
    (seed, threads): (u64, usize),
    shown: (&Progress, &str),
) -> Result<AllocationRun, EvalError> {
    let mut kept = Vec::new();
    let mut keep = |vacancy: Vacancy| -> Result<(), std::convert::Infallible> {
        kept.push(vacancy);
        Ok(())
    };
    let sides = (rules, sources, data);
    match allocate_into(sides, period, (seed, threads), shown, &mut keep) {
        Ok(()) => Ok(AllocationRun {
            redacted: false,
            seed,
            vacancies: kept,
        }),
        Err(Stopped::Undecided(e)) => Err(e),
        Err(Stopped::Sink(never)) => match never {},
    }
}

/// Why [`allocate_into`] stopped before its last vacancy.
#[derive(Debug)]
pub enum Stopped<E> {
    /// A decision of the run could not be made: the run has no lawful
    /// result, and no vacancy after the last one settled was handed on.
    Undecided(EvalError),
    /// The taker of the vacancies refused one (an output that cannot be
    /// written).
    Sink(E),
}

/// [`allocate_shown`] handing each vacancy to `take` as soon as it is
/// filled, in the run's order, instead of keeping the run: a writer can
/// render each and let it go, so a region's year is written in memory that
/// does not grow with its vacancies. A vacancy is handed on only once every
/// decision of the run up to it could be made. With more than one thread
/// the next day's candidates are decided while a day is filled, so a
/// decision of that next day that cannot be made may stop the handing on
/// a day earlier than on one thread; the run's error is the same.
pub fn allocate_into<E>(
    (rules, sources, data): (&CheckedRuleSet, &SourceMap, &Dataset),
    (from, until): (Option<NaiveDate>, Option<NaiveDate>),
    (seed, threads): (u64, usize),
    (progress, what): (&Progress, &str),
    take: &mut dyn FnMut(Vacancy) -> Result<(), E>,
) -> Result<(), Stopped<E>> {
    let mut side = Side::new(rules, sources, data, seed);
    let vacancies = vacancies_of(data, (from, until));
    progress.start(vacancies.len(), what);
    let days: Vec<&[usize]> = same_day_runs(data, &vacancies).collect();
    let mut run = Handing {
        take,
        progress,
        undecided: false,
    };
    if threads <= 1 {
        for day in days {
            side.fill_day(day, Vec::new(), 1, &mut run)?;
        }
        return side.engines.settled().map_err(Stopped::Undecided);
    }
    // Lineups read only their day's engine, never the ledger: while one
    // day's vacancies are filled one after another, the next day's
    // candidates are decided beside it, and whatever thread is free
    // decides the next of them.
    let mut ready = match days.first() {
        Some(day) if day.len() > 1 => {
            if let Some(&first) = day.first() {
                side.release_before(first);
            }
            side.day_lineups(day, threads).map_err(Stopped::Undecided)?
        }
        _ => Vec::new(),
    };
    for (k, &day) in days.iter().enumerate() {
        if let Some(&first) = day.first() {
            side.release_before(first);
        }
        let next = days.get(k.saturating_add(1)).copied();
        let engine = match next.and_then(|d| side.date_of(d)) {
            Some(date) => Some(side.engines.fresh(date).map_err(Stopped::Undecided)?),
            None => None,
        };
        let reactions = side.engines.reactions();
        let lineups = std::mem::take(&mut ready);
        let ahead = match (&engine, next) {
            (Some(engine), Some(next)) => Some(Claims::new(engine, &reactions, next)),
            _ => None,
        };
        let decided = std::thread::scope(|s| -> Result<_, Stopped<E>> {
            let helpers: Vec<_> = match &ahead {
                Some(ahead) => (1..threads).map(|_| s.spawn(|| ahead.decide())).collect(),
                None => Vec::new(),
            };
            side.fill_day(day, lineups, threads, &mut run)?;
            // Done filling: help decide what is left of the next day.
            let mut decided = ahead.as_ref().map(Claims::decide).unwrap_or_default();
            for helper in helpers {
                // A helper that failed leaves its vacancies undecided: they
                // are decided when filled, as with one thread.
                decided.extend(helper.join().unwrap_or_default());
            }
            Ok(decided)
        })?;
        if let Some(engine) = engine {
            side.engines.adopt(engine);
        }
        ready = unbroken(decided);
    }
    side.engines.settled().map_err(Stopped::Undecided)
}

/// Where [`allocate_into`] hands its filled vacancies.
struct Handing<'t, 'p, E> {
    take: &'t mut dyn FnMut(Vacancy) -> Result<(), E>,
    progress: &'p Progress,
    /// Whether a decision of the run could not be made: nothing more is
    /// handed on.
    undecided: bool,
}

/// The vacancies of one day, each claimed by the first thread free to
/// decide its lineup on the day's engine.
struct Claims<'e, 'a> {
    engine: &'e crate::eval::Engine<'a>,
    reactions: &'e crate::eval::Reactions,
    day: &'e [usize],
    next: std::sync::atomic::AtomicUsize,
}

impl<'e, 'a> Claims<'e, 'a> {
    fn new(
        engine: &'e crate::eval::Engine<'a>,
        reactions: &'e crate::eval::Reactions,
        day: &'e [usize],
    ) -> Self {
        Claims {
            engine,
            reactions,
            day,
            next: std::sync::atomic::AtomicUsize::new(0),
        }
    }

    /// Decides the lineups of the vacancies not claimed yet, each with its
    /// place in the day: the lineup [`Side::lineup`] gives, whichever
    /// thread decides it.
    fn decide(&self) -> Vec<(usize, crate::eval::Lineup)> {
        let mut done = Vec::new();
        loop {
            let i = self.next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            let Some(&unit) = self.day.get(i) else {
                return done;
            };
            let candidates = self.reactions.candidates(unit);
            done.push((i, self.engine.lineup_on(unit, candidates, 1)));
        }
    }
}

/// The lineups decided for a day, in the day's order, as far as they run
/// unbroken from its first vacancy: the rest are decided when filled.
fn unbroken(mut decided: Vec<(usize, crate::eval::Lineup)>) -> Vec<crate::eval::Lineup> {
    decided.sort_by_key(|(i, _)| *i);
    let whole = decided
        .iter()
        .enumerate()
        .take_while(|(at, (i, _))| at == i)
        .count();
    decided.truncate(whole);
    decided.into_iter().map(|(_, lineup)| lineup).collect()
}

/// `vacancies` (in date order) cut into the runs that share a date.
fn same_day_runs<'v>(data: &Dataset, vacancies: &'v [usize]) -> impl Iterator<Item = &'v [usize]> {
    let date = |u: &usize| data.units().get(*u).map(|u| u.available_from);
    vacancies.chunk_by(move |a, b| date(a) == date(b))
}

/// What a simulation allocates on one side: a rule set and a data set.
#[derive(Clone, Copy)]
pub struct SideSpec<'a> {
    /// The rules.
    pub rules: &'a CheckedRuleSet,
    /// The files they were read from.
    pub sources: &'a SourceMap,
    /// The data.
    pub data: &'a Dataset,
}

/// [`allocate_shown`] for every side at once, vacancy by vacancy, with the
/// same period, seed and threads: each vacancy's candidates are decided and
/// ranked once, on the first side, and that lineup serves every other side
/// whose rules and data rank the vacancy alike (see [`super::alike`]); only
/// the quotas and who is housed already are each side's own. The runs are
/// those [`allocate_shown`] gives side by side.
///
/// The results come in side order, up to and including the first side
/// whose run fails: the sides after it are not finished.
pub fn allocate_alongside(
    sides: &[SideSpec<'_>],
    period: (Option<NaiveDate>, Option<NaiveDate>),
    (seed, threads): (u64, usize),
    (progress, what): (&Progress, &str),
) -> Vec<Result<AllocationRun, EvalError>> {
    let Some(first) = sides.first() else {
        return Vec::new();
    };
    let vacancies = vacancies_of(first.data, period);
    let mut runs: Vec<Side<'_>> = sides
        .iter()
        .map(|s| Side::new(s.rules, s.sources, s.data, seed))
        .collect();
    // A side allocating other vacancies, or deciding over other
    // applicants, units or reactions, shares nothing.
    let shares: Vec<bool> = sides
        .iter()
        .map(|s| {
            super::alike::data_alike(first.data, s.data)
                && vacancies_of(s.data, period) == vacancies
        })
        .collect();
    // Per side, whether its program ranks alike with the first side's, by day.
    let mut alike_on: Vec<std::collections::BTreeMap<NaiveDate, bool>> =
        vec![std::collections::BTreeMap::new(); sides.len()];
    let mut failed: Vec<Option<EvalError>> = (0..sides.len()).map(|_| None).collect();
    progress.start(vacancies.len(), what);
    for &unit in &vacancies {
        // A side after one that failed is never reported.
        let live = failed
            .iter()
            .position(Option::is_some)
            .unwrap_or(sides.len());
        if live == 0 {
            break;
        }
        let date = first.data.units().get(unit).map(|u| u.available_from);
        let mut shared: Option<(crate::eval::Lineup, Option<crate::compile::Program<'_>>)> = None;
        for (i, side) in runs.iter_mut().enumerate().take(live) {
            side.release_before(unit);
            let reused = match (&shared, date) {
                (Some((lineup, base)), Some(date)) if shares.get(i).copied().unwrap_or(false) => {
                    match side_alike(alike_on.get_mut(i), date, side, base.as_ref()) {
                        Ok(true) if super::alike::units_alike(first.data, side.data(), unit) => {
                            Ok(Some(lineup.clone()))
                        }
                        Ok(_) => Ok(None),
                        Err(e) => Err(e),
                    }
                }
                _ => Ok(None),
            };
            let filled = reused.and_then(|reused| {
                let lineup = match reused {
                    Some(lineup) => lineup,
                    None => side.lineup(unit, threads)?,
                };
                if i == 0 {
                    // The program is wanted only on a day a side has not
                    // been compared on.
                    let wanted =
                        date.filter(|d| alike_on.iter().skip(1).any(|c| !c.contains_key(d)));
                    let base = match wanted {
                        Some(d) => Some(side.engines.on(d)?.program().clone()),
                        None => None,
                    };
                    shared = Some((lineup.clone(), base));
                }
                let vacancy = side.fill(unit, lineup)?;
                side.out.push(vacancy);
                Ok(())
            });
            if let Err(e) = filled {
                if let Some(slot) = failed.get_mut(i) {
                    *slot = Some(e);
                }
                break;
            }
        }
        progress.step();
    }
    let mut out = Vec::with_capacity(runs.len());
    for (run, failure) in runs.into_iter().zip(failed) {
        match failure {
            Some(e) => {
                out.push(Err(e));
                break;
            }
            None => out.push(run.finish()),
        }
    }
    out
}

/// Whether `side`'s program on `date` ranks alike with the first side's
/// (`base`, given on a day not compared yet), found once per day.
fn side_alike(
    cache: Option<&mut std::collections::BTreeMap<NaiveDate, bool>>,
    date: NaiveDate,
    side: &mut Side<'_>,
    base: Option<&crate::compile::Program<'_>>,
) -> Result<bool, EvalError> {
    let Some(cache) = cache else {
        return Ok(false);
    };
    if let Some(known) = cache.get(&date) {
        return Ok(*known);
    }
    let Some(base) = base else {
        return Ok(false);
    };
    let alike = super::alike::programs_alike(base, side.engines.on(date)?.program());
    cache.insert(date, alike);
    Ok(alike)
}

/// The vacancies of `data` available from `from` through `until` (both
/// optional), by unit position, in order of `available_from` then unit id.
fn vacancies_of(
    data: &Dataset,
    (from, until): (Option<NaiveDate>, Option<NaiveDate>),
) -> Vec<usize> {
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
    vacancies.into_iter().map(|(u, _)| u).collect()
}

/// One side of a run: its engines, its ledger, who it housed where, and
/// the vacancies it filled so far.
struct Side<'a> {
    engines: Engines<'a>,
    ledger: Ledger,
    /// The unit each applicant was housed in, by applicant position.
    housed: Vec<Option<usize>>,
    names: Names,
    /// The vacancies filled so far, kept for a run returned whole
    /// ([`allocate_alongside`]; [`allocate_into`] hands each on instead).
    out: Vec<Vacancy>,
    seed: u64,
}

impl<'a> Side<'a> {
    fn new(
        rules: &'a CheckedRuleSet,
        sources: &'a SourceMap,
        data: &'a Dataset,
        seed: u64,
    ) -> Self {
        Side {
            engines: Engines::new(rules, sources, data, seed),
            ledger: Ledger::from_history(rules, data),
            housed: vec![None; data.applicants().len()],
            names: Names::new(data),
            out: Vec::new(),
            seed,
        }
    }

    fn data(&self) -> &'a Dataset {
        self.engines.data()
    }

    /// Drops the engines of the days before `unit`'s vacancy.
    fn release_before(&mut self, unit: usize) {
        if let Some(u) = self.data().units().get(unit) {
            self.engines.release_before(u.available_from);
        }
    }

    /// The candidates of `unit`'s vacancy decided and ranked on its day.
    fn lineup(&mut self, unit: usize, threads: usize) -> Result<crate::eval::Lineup, EvalError> {
        let data = self.data();
        let the_unit = data.units().get(unit).ok_or_else(|| EvalError::Dangling {
            unit: unit.to_string(),
        })?;
        let reactions = self.engines.reactions();
        Ok(self.engines.on(the_unit.available_from)?.lineup_on(
            unit,
            reactions.candidates(unit),
            threads,
        ))
    }

    /// The day of `day`'s vacancies (all on one date).
    fn date_of(&self, day: &[usize]) -> Option<NaiveDate> {
        let data = self.data();
        day.first()
            .and_then(|u| data.units().get(*u))
            .map(|u| u.available_from)
    }

    /// The lineups of `day`'s vacancies (all on one date), in their order,
    /// decided on `threads` threads that each take the next vacancy not
    /// taken: a lineup is the one [`Side::lineup`] gives, whichever thread
    /// decides it.
    fn day_lineups(
        &mut self,
        day: &[usize],
        threads: usize,
    ) -> Result<Vec<crate::eval::Lineup>, EvalError> {
        let Some(date) = self.date_of(day) else {
            return Ok(Vec::new());
        };
        let reactions = self.engines.reactions();
        let engine = self.engines.on(date)?;
        let claims = Claims::new(engine, &reactions, day);
        let decided: Vec<(usize, crate::eval::Lineup)> = std::thread::scope(|s| {
            let helpers: Vec<_> = (1..threads.min(day.len()))
                .map(|_| s.spawn(|| claims.decide()))
                .collect();
            let mut decided = claims.decide();
            for helper in helpers {
                // A helper that failed leaves its vacancies undecided: they
                // are decided below, one by one, as with one thread.
                decided.extend(helper.join().unwrap_or_default());
            }
            decided
        });
        Ok(unbroken(decided))
    }

    /// Fills `day`'s vacancies one after another, from the `lineups`
    /// decided for them ahead (a vacancy past those is decided here, on
    /// `threads`), handing each to `run`.
    fn fill_day<E>(
        &mut self,
        day: &[usize],
        lineups: Vec<crate::eval::Lineup>,
        threads: usize,
        run: &mut Handing<'_, '_, E>,
    ) -> Result<(), Stopped<E>> {
        let mut lineups = lineups.into_iter();
        for &unit in day {
            self.release_before(unit);
            let lineup = match lineups.next() {
                Some(lineup) => lineup,
                None => self.lineup(unit, threads).map_err(Stopped::Undecided)?,
            };
            let vacancy = self.fill(unit, lineup).map_err(Stopped::Undecided)?;
            // Once a decision could not be made nothing more is handed on,
            // but the run goes on, so that its error counts every undecided
            // decision as a run kept whole does.
            run.undecided = run.undecided || self.engines.settled().is_err();
            if !run.undecided {
                (run.take)(vacancy).map_err(Stopped::Sink)?;
            }
            run.progress.step();
        }
        Ok(())
    }

    /// Fills `unit`'s vacancy from its `lineup`.
    fn fill(&mut self, unit: usize, lineup: crate::eval::Lineup) -> Result<Vacancy, EvalError> {
        fill(
            &mut self.engines,
            &mut self.ledger,
            &mut self.housed,
            &mut self.names,
            unit,
            lineup,
        )
    }

    /// The run, if every decision of it could be made.
    fn finish(self) -> Result<AllocationRun, EvalError> {
        self.engines.settled()?;
        Ok(AllocationRun {
            redacted: false,
            seed: self.seed,
            vacancies: self.out,
        })
    }
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
    let engine = engines.on(date)?;
    let decision = engine.decide(applicant, unit);
    let owner = data
        .complex_of_unit(unit)
        .map_or_else(String::new, |c| c.owner.name.clone());
    let flags = engine.quota_flags(applicant, unit, &decision);
    let mut entry = Entry::new(unit, applicant, date, owner, flags);
    let states = ledger.check(&mut engines, &mut entry)?;
    engines.settled()?;
    Ok(states)
}

/// Fills one vacancy. A candidate whose priority group would exceed a
/// quota, and who would exceed none without it, keeps their place in line
/// only as a candidate without that priority: the vacancy is ranked again.
/// The candidates are decided once, in a [`crate::eval::Lineup`]; ids and
/// reasons are put into words only for the vacancy's record, and quotas
/// are weighed in numbers (see [`Ledger::probe`]).
///
/// Setting a candidate's priority aside moves them down the line and
/// leaves everyone above them where they were, with the ledger and those
/// housed unchanged: the walk goes on from the same place, which is what
/// walking the whole line again from the top gives.
fn fill(
    engines: &mut Engines<'_>,
    ledger: &mut Ledger,
    housed: &mut [Option<usize>],
    names: &mut Names,
    unit: usize,
    mut lineup: crate::eval::Lineup,
) -> Result<Vacancy, EvalError> {
    let data = engines.data();
    let the_unit = data.units().get(unit).ok_or_else(|| EvalError::Dangling {
        unit: unit.to_string(),
    })?;
    let date = the_unit.available_from;
    let reactions = engines.reactions();
    let owner = data
        .complex_of_unit(unit)
        .map_or_else(String::new, |c| c.owner.name.clone());
    let scopes = ledger.scopes_of(data, unit, &owner);
    let mut capped: Vec<usize> = Vec::new();
    let mut capped_skips: Vec<Skip> = Vec::new();
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
    let mut position = 0usize;
    while let Some((applicant, decision)) = lineup.eligible_at(position) {
        let rank = position.saturating_add(1);
        position = rank;
        if let Some(response) = reactions.response(unit, applicant) {
            vacancy.skipped.push(Skip::Declined {
                applicant: names.applicant(applicant),
                rank,
                response: response.as_str().to_owned(),
            });
            continue;
        }
        if let Some(got) = housed.get(applicant).copied().flatten() {
            vacancy.skipped.push(Skip::AlreadyHoused {
                applicant: names.applicant(applicant),
                rank,
                unit: names.unit(got),
            });
            continue;
        }
        let without_priority = capped.contains(&applicant);
        let engine = engines.on(date)?;
        let flags = engine.quota_flags(applicant, unit, decision);
        let priority = engine.priority_id(decision);
        let labels = engine.labels(decision);
        let states = ledger.probe(engines, &scopes, date, &flags)?;
        if states.iter().any(|s| s.exceeded) {
            let exceeded: Vec<_> = states
                .iter()
                .filter(|s| s.exceeded)
                .map(|s| ledger.words(s))
                .collect();
            if !without_priority {
                let mut bare = decision.clone();
                bare.derived.priority = None;
                let engine = engines.on(date)?;
                let bare_flags = engine.quota_flags(applicant, unit, &bare);
                // What recording the decision, as this once did, notes.
                engine.settle_messages(applicant, unit, decision);
                let bare_states = ledger.probe(engines, &scopes, date, &bare_flags)?;
                if let (Some(priority), false) = (priority, bare_states.iter().any(|s| s.exceeded))
                {
                    capped.push(applicant);
                    capped_skips.push(Skip::PriorityCapped {
                        applicant: names.applicant(applicant),
                        rank,
                        priority,
                        quotas: exceeded,
                    });
                    engines.on(date)?.set_priority_aside(&mut lineup, applicant);
                    position = rank.saturating_sub(1);
                    continue;
                }
            }
            vacancy.skipped.push(Skip::Quota {
                applicant: names.applicant(applicant),
                rank,
                quotas: exceeded,
            });
            continue;
        }
        {
            // The decision as recorded: with the priority group a cap set
            // aside, which the messages may read.
            let engine = engines.on(date)?;
            let recorded = engine.decide(applicant, unit);
            engine.settle_messages(applicant, unit, &recorded);
        }
        vacancy.allocated_to = Some(names.applicant(applicant));
        vacancy.rank = Some(rank);
        vacancy.priority = if without_priority { None } else { priority };
        vacancy.classifications = labels
            .iter()
            .map(|l| format!("{}: {}", l.rule, l.label))
            .collect();
        vacancy.quotas = states.iter().map(|s| ledger.words(s)).collect();
        if let Some(slot) = housed.get_mut(applicant) {
            *slot = Some(unit);
        }
        ledger.push(
            data,
            Entry::new(unit, applicant, date, owner.clone(), flags).with_scopes(scopes.clone()),
        );
        break;
    }
    // Those set aside come first, in the order they were.
    vacancy.skipped.splice(0..0, capped_skips);
    let engine = engines.on(date)?;
    for (applicant, decision) in lineup.ineligible() {
        vacancy.skipped.push(Skip::Ineligible {
            applicant: names.applicant(applicant),
            failed: names.failed(engine, decision),
        });
    }
    Ok(vacancy)
}
