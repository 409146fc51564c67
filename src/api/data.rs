//! [`Data`]: a data folder loaded for a rule set.

use std::path::{Path, PathBuf};

use super::error::DataError;
use super::rule_set::RuleSet;
use crate::model::Dataset;
use crate::run::load_data_for;

/// The applicants, units, complexes, history, reactions and proposals a
/// decision reads, loaded strictly from a folder of YAML or CSV files
/// (`docs/data-format.md`, `docs/csv-format.md`) for one rule set: the
/// designation kinds a complex may carry are the ones the rules declare.
///
/// ```
/// use toewijzer::{Data, RuleSet};
///
/// let rules = RuleSet::load("rules/heerlen")?;
/// let data = Data::load(&rules, "fixtures/heerlen-noord")?;
/// assert!(data.applicants().any(|id| id == "A-001"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug)]
pub struct Data {
    dataset: Dataset,
    dir: PathBuf,
}

impl Data {
    /// Loads the data folder `dir` for `rules`, reporting every problem in
    /// it at once.
    pub fn load(rules: &RuleSet, dir: impl AsRef<Path>) -> Result<Data, DataError> {
        let dir = dir.as_ref();
        Ok(Data {
            dataset: load_data_for(rules.report(), dir, None)?,
            dir: dir.to_path_buf(),
        })
    }

    /// The ids of the applicants, in the order of the folder.
    pub fn applicants(&self) -> impl Iterator<Item = &str> {
        self.dataset.applicants().iter().map(|a| a.id.as_str())
    }

    /// The ids of the units, in the order of the folder.
    pub fn units(&self) -> impl Iterator<Item = &str> {
        self.dataset.units().iter().map(|u| u.id.as_str())
    }

    /// The loaded records.
    pub(crate) fn dataset(&self) -> &Dataset {
        &self.dataset
    }

    /// The folder as the caller named it, hashed into a run header.
    pub(crate) fn dir(&self) -> &Path {
        &self.dir
    }
}
