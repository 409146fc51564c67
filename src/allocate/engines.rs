//! The engines of a run's dates: an allocation run decides each vacancy on
//! its own date, and past allocations are judged on theirs. The rules are
//! compiled once per period of parameter values and the reactions indexed
//! once per run; an engine's facts live only while its date is decided.

use std::collections::BTreeMap;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::check::CheckedRuleSet;
use crate::compile::{Program, Staging, compile, periods_in_force};
use crate::eval::{Engine, EvalError, FaultLog, Reactions};
use crate::model::Dataset;
use crate::source::SourceMap;

/// Engines by date over one rule set and data set.
pub struct Engines<'a> {
    rules: &'a CheckedRuleSet,
    sources: &'a SourceMap,
    data: &'a Dataset,
    seed: u64,
    /// The reactions, indexed on first use and shared by every engine.
    reactions: Option<Arc<Reactions>>,
    /// A compiled program per period of parameter values in force.
    programs: BTreeMap<Vec<usize>, Program<'a>>,
    by_date: BTreeMap<NaiveDate, Engine<'a>>,
    /// An engine whose day is past, kept for its tables.
    spare: Option<Engine<'a>>,
    /// The decisions no engine of the run could make.
    faults: FaultLog,
}

impl<'a> Engines<'a> {
    /// No engine yet.
    pub fn new(
        rules: &'a CheckedRuleSet,
        sources: &'a SourceMap,
        data: &'a Dataset,
        seed: u64,
    ) -> Self {
        Engines {
            rules,
            sources,
            data,
            seed,
            reactions: None,
            programs: BTreeMap::new(),
            by_date: BTreeMap::new(),
            spare: None,
            faults: FaultLog::default(),
        }
    }

    /// `Ok` when every decision of the run, on any of its dates, could be
    /// made: a run that could not decide a candidate has no lawful result.
    pub fn settled(&self) -> Result<(), EvalError> {
        self.faults.settled()
    }

    /// The data set.
    pub fn data(&self) -> &'a Dataset {
        self.data
    }

    /// The rule set.
    pub fn rules(&self) -> &'a CheckedRuleSet {
        self.rules
    }

    /// The engine for `date`, made on first use and kept until
    /// [`Engines::release_before`] passes its date.
    pub fn on(&mut self, date: NaiveDate) -> Result<&Engine<'a>, EvalError> {
        if !self.by_date.contains_key(&date) {
            let engine = self.fresh(date)?;
            self.by_date.insert(date, engine);
        }
        self.by_date.get(&date).ok_or_else(|| EvalError::Dangling {
            unit: format!("engine for {date}"),
        })
    }

    /// Drops the engines of the days before `date`: a run in date order
    /// never returns to them, so memory stays that of one day's candidates.
    pub fn release_before(&mut self, date: NaiveDate) {
        let kept = self.by_date.split_off(&date);
        let past = std::mem::replace(&mut self.by_date, kept);
        if let Some(engine) = past.into_values().next() {
            self.recycle(engine);
        }
    }

    /// Keeps `engine`, made by [`Engines::fresh`] (its facts perhaps
    /// computed ahead, on another thread), as the engine of its date, as
    /// [`Engines::on`] would have made it; if that date has one already,
    /// `engine` is taken back instead.
    pub fn adopt(&mut self, engine: Engine<'a>) {
        let date = engine.program().date;
        match self.by_date.entry(date) {
            std::collections::btree_map::Entry::Occupied(_) => self.spare = Some(engine),
            std::collections::btree_map::Entry::Vacant(slot) => {
                slot.insert(engine);
            }
        }
    }

    /// Takes back an engine made by [`Engines::fresh`] once it is done with.
    pub fn recycle(&mut self, engine: Engine<'a>) {
        self.spare = Some(engine);
    }

    /// The reactions by applicant position, indexed on first use.
    pub fn reactions(&mut self) -> Arc<Reactions> {
        Arc::clone(
            self.reactions
                .get_or_insert_with(|| Arc::new(Reactions::of(self.data))),
        )
    }

    /// An engine for `date` that is not kept: the history judged once on
    /// its own day.
    pub fn fresh(&mut self, date: NaiveDate) -> Result<Engine<'a>, EvalError> {
        let program = self.program(date)?;
        if let Some(spare) = self.spare.take() {
            return Ok(spare.reuse(program));
        }
        let reactions = self.reactions();
        Engine::with_program(
            program,
            self.data,
            self.seed,
            reactions,
            self.faults.clone(),
        )
    }

    /// The program for `date`: the one of its parameter period with the
    /// date set, which is what compiling for the date gives. An applicant's
    /// parts are staged for the stretch their facts hold over
    /// ([`Staging::Held`]): a candidate decides on about one vacancy a day
    /// over many days.
    fn program(&mut self, date: NaiveDate) -> Result<Program<'a>, EvalError> {
        let compile = |date| compile(self.rules, self.sources, date, Staging::Held);
        let Some(periods) = periods_in_force(self.rules, date) else {
            // Not compilable on this date: compiling says why.
            return Ok(compile(date)?);
        };
        if let Some(program) = self.programs.get(&periods) {
            let mut program = program.clone();
            program.date = date;
            return Ok(program);
        }
        let program = compile(date)?;
        self.programs.insert(periods, program.clone());
        Ok(program)
    }
}
