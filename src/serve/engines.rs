//! The engines one worker thread keeps: the rules compiled for each
//! reference date (and seed) asked lately, with the run header of that date
//! rendered, so a question on a date already seen costs no compilation and
//! no header. Bounded: the oldest date is dropped first.

use std::collections::VecDeque;
use std::sync::Arc;

use chrono::NaiveDate;

use super::body::Header;
use super::error::ServeError;
use super::snapshot::Snapshot;
use crate::eval::Engine;

/// The rules compiled for one date and seed, and the headers of its answers.
pub struct Compiled<'s> {
    date: NaiveDate,
    seed: u64,
    /// The engine.
    pub engine: Engine<'s>,
    /// The header untraced and traced.
    headers: [Arc<Header>; 2],
}

impl Compiled<'_> {
    /// The header of an answer on this date, with or without traces.
    pub(crate) fn header(&self, traced: bool) -> Arc<Header> {
        let [plain, traced_header] = &self.headers;
        Arc::clone(if traced { traced_header } else { plain })
    }
}

/// The compiled engines of one snapshot, newest last.
pub struct Engines<'s> {
    snapshot: &'s Snapshot,
    cached: VecDeque<Compiled<'s>>,
    bound: usize,
}

impl<'s> Engines<'s> {
    /// No engine yet; at most `bound` (at least one) kept.
    pub fn new(snapshot: &'s Snapshot, bound: usize) -> Self {
        Engines {
            snapshot,
            cached: VecDeque::new(),
            bound: bound.max(1),
        }
    }

    /// The snapshot the engines decide on.
    pub fn snapshot(&self) -> &'s Snapshot {
        self.snapshot
    }

    /// The engine for `date` and `seed`, compiled on first use.
    pub fn get(&mut self, date: NaiveDate, seed: u64) -> Result<&Compiled<'s>, ServeError> {
        let found = self
            .cached
            .iter()
            .position(|c| c.date == date && c.seed == seed);
        let at = match found {
            Some(at) => at,
            None => {
                let compiled = self.compile(date, seed)?;
                if self.cached.len() >= self.bound {
                    self.cached.pop_front();
                }
                self.cached.push_back(compiled);
                self.cached.len().saturating_sub(1)
            }
        };
        self.cached.get(at).ok_or(ServeError::Stopping)
    }

    fn compile(&self, date: NaiveDate, seed: u64) -> Result<Compiled<'s>, ServeError> {
        let inputs = self.snapshot.inputs();
        let rules = self.snapshot.rule_set()?;
        let engine = Engine::new(rules, &inputs.rules.sources, &inputs.data, date, seed)
            .map_err(|e| ServeError::eval(&inputs.rules.sources, &e))?;
        let header = |traced| {
            Header::new(self.snapshot.header(date, seed, traced))
                .map_err(|e| ServeError::Setup(format!("cannot write JSON: {e}")))
        };
        Ok(Compiled {
            date,
            seed,
            engine,
            headers: [header(false)?, header(true)?],
        })
    }

    /// Drops the engine for `date` and `seed`: its fault log has noted an
    /// undecided question, and every later question must start clean.
    pub fn forget(&mut self, date: NaiveDate, seed: u64) {
        self.cached.retain(|c| !(c.date == date && c.seed == seed));
    }
}
