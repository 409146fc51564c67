//! [`Compiled`]: a rule set compiled for one reference date over its data,
//! answering the questions `eval` and `rank` answer.

use chrono::NaiveDate;

use super::data::Data;
use super::error::{DecideError, RankError};
use super::rule_set::RuleSet;
use crate::eval::Engine;
use crate::eval::record::{DecisionRecord, EvalOutput, RunHeader};
use crate::report::header::{RunSettings, build_header};
use crate::run::{SetupError, applicant_at, evaluate_ranked, rank_output, unit_at};

/// A rule set compiled for a reference date (peildatum) over a data set,
/// made by [`RuleSet::compile`]. It borrows both and decides without
/// looking a name up again; decisions carry their trace once
/// [`Compiled::with_trace`] asks for it.
///
/// ```
/// use toewijzer::{Data, RuleSet};
///
/// let rules = RuleSet::load("rules/heerlen")?;
/// let data = Data::load(&rules, "fixtures/heerlen-noord")?;
/// let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).ok_or("date")?;
/// let compiled = rules.compile(&data, date, 0)?.with_trace(true);
///
/// let decision = compiled.decide("A-001", "U-0101")?;
/// assert_eq!(decision.applicant, "A-001");
///
/// let ranking = compiled.rank("U-0101")?;
/// assert_eq!(ranking.rankings.len(), 1);
///
/// let run = compiled.decide_all()?;
/// assert!(!run.decisions.is_empty());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct Compiled<'a> {
    rules: &'a RuleSet,
    data: &'a Data,
    engine: Engine<'a>,
    date: NaiveDate,
    seed: u64,
    trace: bool,
}

impl std::fmt::Debug for Compiled<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Compiled")
            .field("rules", &self.rules.name())
            .field("date", &self.date)
            .field("seed", &self.seed)
            .field("trace", &self.trace)
            .finish_non_exhaustive()
    }
}

impl<'a> Compiled<'a> {
    /// Wraps an engine built by [`RuleSet::compile`].
    pub(crate) fn new(
        rules: &'a RuleSet,
        data: &'a Data,
        engine: Engine<'a>,
        (date, seed): (NaiveDate, u64),
    ) -> Self {
        Compiled {
            rules,
            data,
            engine,
            date,
            seed,
            trace: false,
        }
    }

    /// Whether decisions carry their trace: every gate, points line and
    /// rule read, with its source. Off by default, so deciding pays
    /// nothing for it.
    #[must_use]
    pub fn with_trace(mut self, trace: bool) -> Self {
        self.trace = trace;
        self
    }

    /// The reference date compiled for.
    pub fn date(&self) -> NaiveDate {
        self.date
    }

    /// The decision on applicant `applicant` for unit `unit` (both by id),
    /// as `eval --applicant ID --unit ID` writes it.
    pub fn decide(&self, applicant: &str, unit: &str) -> Result<DecisionRecord, DecideError> {
        let a = self.applicant_index(applicant)?;
        let u = self.unit_index(unit)?;
        let record = self.engine.record(a, u, self.trace);
        self.settled()?;
        Ok(record)
    }

    /// Every default pair decided (each applicant against the units they
    /// reacted to, or every unit when the folder has no reactions), with
    /// the ranking of each unit decided, under the run header: what
    /// `eval --format json` writes.
    pub fn decide_all(&self) -> Result<EvalOutput, DecideError> {
        let pairs = self.engine.default_pairs();
        let output = evaluate_ranked(self.data.dataset(), &self.engine, self.header()?, &pairs);
        self.settled()?;
        Ok(output)
    }

    /// The ranking of unit `unit` among its candidates, with their
    /// decisions in rank order, under the run header: what
    /// `rank --format json` writes.
    pub fn rank(&self, unit: &str) -> Result<EvalOutput, RankError> {
        let u = self.unit_index(unit)?;
        let output = rank_output(self.data.dataset(), &self.engine, self.header()?, u);
        self.settled()?;
        Ok(output)
    }

    /// The header of a run: rule set, the hash of every rule and input
    /// file, date and seed.
    fn header(&self) -> Result<RunHeader, SetupError> {
        let settings = RunSettings {
            date: self.date,
            seed: self.seed,
            redacted: false,
            traced: self.trace,
        };
        build_header(
            self.rules.checked()?,
            self.rules.sources(),
            self.data.dir(),
            settings,
        )
        .map_err(SetupError::Header)
    }

    /// `Ok` when every decision asked of the engine could be made: an
    /// undecided pair would otherwise read as refused.
    fn settled(&self) -> Result<(), SetupError> {
        self.engine
            .faults()
            .settled()
            .map_err(|e| self.rules.engine_error(&e))
    }

    fn applicant_index(&self, id: &str) -> Result<usize, SetupError> {
        applicant_at(self.data.dataset(), self.data.dir(), id)
    }

    fn unit_index(&self, id: &str) -> Result<usize, SetupError> {
        unit_at(self.data.dataset(), self.data.dir(), id)
    }
}
