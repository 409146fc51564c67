//! The engines one worker thread keeps: the rules compiled for each
//! reference date (and seed) asked lately, so a question on a date already
//! seen costs no compilation. Bounded: the oldest date is dropped first.

use std::collections::VecDeque;

use chrono::NaiveDate;

use super::error::ServeError;
use super::snapshot::Snapshot;
use crate::eval::Engine;

/// The compiled engines of one snapshot, newest last.
pub struct Engines<'s> {
    snapshot: &'s Snapshot,
    cached: VecDeque<(NaiveDate, u64, Engine<'s>)>,
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
    pub fn get(&mut self, date: NaiveDate, seed: u64) -> Result<&Engine<'s>, ServeError> {
        let found = self
            .cached
            .iter()
            .position(|(d, s, _)| *d == date && *s == seed);
        let at = match found {
            Some(at) => at,
            None => {
                let inputs = self.snapshot.inputs();
                let rules = self.snapshot.rule_set()?;
                let engine = Engine::new(rules, &inputs.rules.sources, &inputs.data, date, seed)
                    .map_err(|e| ServeError::eval(&inputs.rules.sources, &e))?;
                if self.cached.len() >= self.bound {
                    self.cached.pop_front();
                }
                self.cached.push_back((date, seed, engine));
                self.cached.len().saturating_sub(1)
            }
        };
        self.cached
            .get(at)
            .map(|(_, _, engine)| engine)
            .ok_or(ServeError::Stopping)
    }

    /// Drops the engine for `date` and `seed`: its fault log has noted an
    /// undecided question, and every later question must start clean.
    pub fn forget(&mut self, date: NaiveDate, seed: u64) {
        self.cached.retain(|(d, s, _)| !(*d == date && *s == seed));
    }
}
