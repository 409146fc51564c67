//! The inputs of a run: the one rule set checked, the data loaded for it,
//! and the ids a command names looked up in them.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::check::{CheckReport, check_paths};
use super::evaluate::candidates;
use super::setup::SetupError;
use crate::check::CheckedRuleSet;
use crate::diagnostics::{Severity, render_text};
use crate::eval::Engine;
use crate::eval::record::RunHeader;
use crate::model::{Dataset, load_dataset_for};
use crate::report::header::{RunSettings, build_header};

/// Checked rules and loaded data, ready to build an [`Engine`].
#[derive(Debug)]
pub struct Inputs {
    /// The checked rules; holds exactly one rule set.
    pub rules: CheckReport,
    /// The loaded data.
    pub data: Dataset,
    /// The data folder as the user gave it.
    pub(crate) data_dir: PathBuf,
}
/// Checks the one rule set under `rules`: warnings do not stop a run;
/// errors, an unreadable path, or a number of rule sets other than one do.
pub fn check_rule_set(rules: &Path) -> Result<CheckReport, SetupError> {
    let report = check_paths(&[rules.to_path_buf()]);
    if report.unreadable || report.has_errors() {
        let diagnostics = report
            .diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        return Err(SetupError::Rules {
            sources: report.sources,
            diagnostics,
        });
    }
    if report.rule_sets.len() != 1 {
        return Err(SetupError::RuleSetCount {
            paths: rules.display().to_string(),
            count: report.rule_sets.len(),
        });
    }
    Ok(report)
}

/// Checks the rules under `rules` and loads the data folder `data`.
///
/// Rule warnings do not stop a run; errors, an unreadable path, or a number
/// of rule sets other than one do.
pub fn load_inputs(rules: &Path, data: &Path) -> Result<Inputs, SetupError> {
    load_inputs_with(rules, data, None)
}

/// As [`load_inputs`], with the proposals read from their own file
/// (`validate --proposals FILE`).
pub fn load_inputs_with(
    rules: &Path,
    data: &Path,
    proposals: Option<&Path>,
) -> Result<Inputs, SetupError> {
    let report = check_rule_set(rules)?;
    let dataset = load_data_for(&report, data, proposals)?;
    Ok(Inputs {
        rules: report,
        data: dataset,
        data_dir: data.to_path_buf(),
    })
}

/// Loads the data folder `data` (with the proposals of `proposals`, when
/// given) for the rule set of `report`: the designation kinds it declares
/// are the ones a complex may carry.
pub fn load_data_for(
    report: &CheckReport,
    data: &Path,
    proposals: Option<&Path>,
) -> Result<Dataset, SetupError> {
    let kinds: Vec<&str> = report
        .rule_sets
        .first()
        .map(|r| {
            r.designation_kinds
                .iter()
                .map(|k| k.name.as_str())
                .collect()
        })
        .unwrap_or_default();
    load_dataset_for(data, proposals, Some(&kinds)).map_err(SetupError::Data)
}

impl Inputs {
    /// The one rule set.
    pub fn rule_set(&self) -> Option<&CheckedRuleSet> {
        self.rules.rule_sets.first()
    }

    /// An evaluation error rendered against the rule files.
    pub fn engine_error(&self, e: &crate::eval::EvalError) -> SetupError {
        SetupError::Engine(render_text(&self.rules.sources, &e.diagnostics()))
    }

    /// `Ok` when `engine` made every decision asked of it: an output with
    /// an undecided pair would show it as refused.
    pub fn settled(&self, engine: &Engine<'_>) -> Result<(), SetupError> {
        engine.faults().settled().map_err(|e| self.engine_error(&e))
    }

    /// Compiles the rules for `date` with `seed`.
    pub fn engine(&self, date: NaiveDate, seed: u64) -> Result<Engine<'_>, SetupError> {
        let rules = self.rule_set().ok_or(SetupError::RuleSetCount {
            paths: String::new(),
            count: 0,
        })?;
        Engine::new(rules, &self.rules.sources, &self.data, date, seed)
            .map_err(|e| self.engine_error(&e))
    }

    /// The header of a run with these inputs.
    pub fn header(&self, settings: RunSettings) -> Result<RunHeader, SetupError> {
        let rules = self.rule_set().ok_or(SetupError::RuleSetCount {
            paths: String::new(),
            count: 0,
        })?;
        build_header(rules, &self.rules.sources, &self.data_dir, settings)
            .map_err(SetupError::Header)
    }

    /// The position of unit `id`, or an error naming it.
    pub fn unit(&self, id: &str) -> Result<usize, SetupError> {
        unit_at(&self.data, &self.data_dir, id)
    }

    /// The position of applicant `id`, or an error naming it.
    pub fn applicant(&self, id: &str) -> Result<usize, SetupError> {
        applicant_at(&self.data, &self.data_dir, id)
    }

    /// The positions of the candidates of unit `unit` (its reactions, or
    /// every applicant when the folder has none).
    pub fn candidates(&self, unit: usize) -> Vec<usize> {
        candidates(&self.data, unit)
    }
}

/// The position of unit `id` in `data`, or an error naming it and the
/// data folder `dir` it was looked for in.
pub fn unit_at(data: &Dataset, dir: &Path, id: &str) -> Result<usize, SetupError> {
    data.unit_index(id).ok_or_else(|| unknown("unit", id, dir))
}

/// The position of applicant `id` in `data`, or an error naming it and
/// the data folder `dir` it was looked for in.
pub fn applicant_at(data: &Dataset, dir: &Path, id: &str) -> Result<usize, SetupError> {
    data.applicant_index(id)
        .ok_or_else(|| unknown("applicant", id, dir))
}

fn unknown(what: &'static str, id: &str, dir: &Path) -> SetupError {
    SetupError::Unknown {
        what,
        id: id.to_owned(),
        dir: dir.display().to_string(),
    }
}
