//! One engine per reference date, compiled when first needed: an allocation
//! run decides each vacancy on its own date, and past allocations are judged
//! on theirs.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::check::CheckedRuleSet;
use crate::eval::{Engine, EvalError};
use crate::model::Dataset;
use crate::source::SourceMap;

/// Engines by date over one rule set and data set.
pub struct Engines<'a> {
    rules: &'a CheckedRuleSet,
    sources: &'a SourceMap,
    data: &'a Dataset,
    seed: u64,
    by_date: BTreeMap<NaiveDate, Engine<'a>>,
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
            by_date: BTreeMap::new(),
        }
    }

    /// The data set.
    pub fn data(&self) -> &'a Dataset {
        self.data
    }

    /// The rule set.
    pub fn rules(&self) -> &'a CheckedRuleSet {
        self.rules
    }

    /// The engine for `date`, compiled on first use.
    pub fn on(&mut self, date: NaiveDate) -> Result<&Engine<'a>, EvalError> {
        use std::collections::btree_map::Entry;
        match self.by_date.entry(date) {
            Entry::Occupied(e) => Ok(e.into_mut()),
            Entry::Vacant(v) => {
                let engine = Engine::new(self.rules, self.sources, self.data, date, self.seed)?;
                Ok(v.insert(engine))
            }
        }
    }
}
