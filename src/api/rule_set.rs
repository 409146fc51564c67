//! [`RuleSet`]: one checked rule set, the starting point of every use of
//! the library.

use std::path::Path;

use chrono::NaiveDate;

use super::compiled::Compiled;
use super::data::Data;
use super::error::{AllocateError, CompileError, RuleSetError, ValidateError};
use crate::allocate::record::{AllocationRun, Verdict};
use crate::check::CheckedRuleSet;
use crate::diagnostics::{Diagnostic, Severity};
use crate::eval::Engine;
use crate::run::{CheckReport, SetupError, check_rule_set};
use crate::source::SourceMap;

/// One rule set, read from its folder (or root file) with every `import`,
/// and checked clean: names, types and the legal limits. Warnings do not
/// stop it loading; they are kept in [`RuleSet::warnings`].
///
/// ```
/// let rules = toewijzer::RuleSet::load("rules/heerlen")?;
/// assert_eq!(rules.name(), "heerlen");
/// # Ok::<(), toewijzer::RuleSetError>(())
/// ```
#[derive(Debug)]
pub struct RuleSet {
    report: CheckReport,
}

impl RuleSet {
    /// Reads and checks the one rule set under `path`: its folder or its
    /// root file.
    pub fn load(path: impl AsRef<Path>) -> Result<RuleSet, RuleSetError> {
        Ok(RuleSet {
            report: check_rule_set(path.as_ref())?,
        })
    }

    /// The rule set's name, as its header declares it.
    pub fn name(&self) -> &str {
        self.checked().map_or("", |r| r.name.as_str())
    }

    /// The warnings the checker found; a rule set with warnings still runs.
    pub fn warnings(&self) -> impl Iterator<Item = &Diagnostic> {
        self.report
            .diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
    }

    /// Compiles the rules for the reference date `date` (peildatum) over
    /// `data`, with the lottery seed `seed`: parameters fixed to the value
    /// in force on the date, ready to decide.
    ///
    /// ```
    /// use toewijzer::{Data, RuleSet};
    ///
    /// let rules = RuleSet::load("rules/heerlen")?;
    /// let data = Data::load(&rules, "fixtures/heerlen-noord")?;
    /// let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).ok_or("date")?;
    /// let compiled = rules.compile(&data, date, 0)?;
    /// assert_eq!(compiled.date(), date);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn compile<'a>(
        &'a self,
        data: &'a Data,
        date: NaiveDate,
        seed: u64,
    ) -> Result<Compiled<'a>, CompileError> {
        let rules = self.checked()?;
        let engine = Engine::new(rules, self.sources(), data.dataset(), date, seed)
            .map_err(|e| self.engine_error(&e))?;
        Ok(Compiled::new(self, data, engine, (date, seed)))
    }

    /// Judges every proposal of `data` (`proposals.yaml`) in date order,
    /// as `toewijzer validate` does: a compliant one counts for the quotas
    /// of the proposals after it.
    ///
    /// ```
    /// use toewijzer::{Data, RuleSet};
    ///
    /// let rules = RuleSet::load("rules/heerlen")?;
    /// let data = Data::load(&rules, "fixtures/heerlen-noord")?;
    /// let verdicts = rules.validate(&data, 0)?;
    /// assert!(!verdicts.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate(&self, data: &Data, seed: u64) -> Result<Vec<Verdict>, ValidateError> {
        let rules = self.checked()?;
        let set = data.dataset();
        crate::allocate::validate(rules, self.sources(), set, set.proposals(), seed).map_err(|e| {
            ValidateError(match e {
                crate::allocate::ValidateError::Eval(e) => self.engine_error(&e),
                crate::allocate::ValidateError::UnknownBasis(u) => SetupError::Basis(u),
            })
        })
    }

    /// Fills the vacancies of `data` available from `from` through `until`
    /// (both optional) in date order under the quotas, as
    /// `toewijzer allocate` does.
    ///
    /// ```
    /// use toewijzer::{Data, RuleSet};
    ///
    /// let rules = RuleSet::load("rules/heerlen")?;
    /// let data = Data::load(&rules, "fixtures/heerlen-noord")?;
    /// let run = rules.allocate(&data, None, None, 0)?;
    /// assert!(!run.vacancies.is_empty());
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn allocate(
        &self,
        data: &Data,
        from: Option<NaiveDate>,
        until: Option<NaiveDate>,
        seed: u64,
    ) -> Result<AllocationRun, AllocateError> {
        let rules = self.checked()?;
        crate::allocate::allocate(rules, self.sources(), data.dataset(), from, until, seed)
            .map_err(|e| AllocateError(self.engine_error(&e)))
    }

    /// The checker's report: the rule set, its files and its diagnostics.
    pub(crate) fn report(&self) -> &CheckReport {
        &self.report
    }

    /// The rule files read, to render diagnostics against.
    pub(crate) fn sources(&self) -> &SourceMap {
        &self.report.sources
    }

    /// The one checked rule set [`check_rule_set`] guarantees.
    pub(crate) fn checked(&self) -> Result<&CheckedRuleSet, SetupError> {
        self.report
            .rule_sets
            .first()
            .ok_or(SetupError::RuleSetCount {
                paths: String::new(),
                count: 0,
            })
    }

    /// An evaluation error rendered against the rule files.
    pub(crate) fn engine_error(&self, e: &crate::eval::EvalError) -> SetupError {
        SetupError::Engine(crate::diagnostics::render_text(
            self.sources(),
            &e.diagnostics(),
        ))
    }
}
