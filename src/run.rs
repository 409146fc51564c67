//! A run set up the way every evaluating command needs it: the rules
//! checked, the data loaded, ids looked up, the header built, and the
//! decisions and rankings asked for gathered into one [`EvalOutput`].

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::check::CheckedRuleSet;
use crate::diagnostics::{Diagnostic, Severity, render_text};
use crate::eval::Engine;
use crate::eval::record::{DecisionRecord, EvalOutput, Ranking, RunHeader};
use crate::model::{Dataset, LoadErrors, load_dataset_for};
use crate::pipeline::{CheckReport, check_paths};
use crate::report::header::{HeaderError, RunSettings, build_header};
use crate::source::SourceMap;

/// Checked rules and loaded data, ready to build an [`Engine`].
#[derive(Debug)]
pub struct Inputs {
    /// The checked rules; holds exactly one rule set.
    pub rules: CheckReport,
    /// The loaded data.
    pub data: Dataset,
    /// The data folder as the user gave it.
    pub data_dir: PathBuf,
}

/// Why a run could not start: always bad input (exit 2).
#[derive(Debug)]
pub enum SetupError {
    /// The rules could not be read or have errors.
    Rules {
        /// The rule files read.
        sources: SourceMap,
        /// Every problem.
        diagnostics: Vec<Diagnostic>,
    },
    /// The rule paths hold no rule set or more than one.
    RuleSetCount {
        /// The paths as given.
        paths: String,
        /// How many were found.
        count: usize,
    },
    /// The data folder could not be read or is invalid.
    Data(LoadErrors),
    /// The rules cannot be applied on the date, rendered against their files.
    Engine(String),
    /// An input file could not be hashed.
    Header(HeaderError),
    /// Proposals whose basis names nothing the rule set declares.
    Basis(Vec<crate::allocate::UnknownBasis>),
    /// The output could not be written or rendered.
    Output(String),
    /// An id asked for is not in the data.
    Unknown {
        /// `unit` or `applicant`.
        what: &'static str,
        /// The id.
        id: String,
        /// The data folder.
        dir: String,
    },
}

impl SetupError {
    /// The problem as a terminal user reads it.
    pub fn render(&self) -> String {
        match self {
            SetupError::Rules {
                sources,
                diagnostics,
            } => render_text(sources, diagnostics),
            SetupError::RuleSetCount { paths, count } => {
                let mut out = format!("error: {count} rule sets found under `{paths}`\n");
                let _ = writeln!(
                    out,
                    " = help: name the folder or root file of exactly one rule set"
                );
                out
            }
            SetupError::Data(errors) => errors.render_text(),
            SetupError::Engine(text) => text.clone(),
            SetupError::Header(e) => format!("error: {e}\n"),
            SetupError::Basis(unknown) => {
                let mut out = String::new();
                for u in unknown {
                    let _ = writeln!(out, "error: {u}");
                    if let Some(hint) = &u.hint {
                        let _ = writeln!(out, " = help: {hint}");
                    }
                }
                out
            }
            SetupError::Output(message) => format!("error: {message}\n"),
            SetupError::Unknown { what, id, dir } => {
                format!("error: {what} `{id}` is not in the data folder `{dir}`\n")
            }
        }
    }
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
    let dataset = load_dataset_for(data, proposals, Some(&kinds)).map_err(SetupError::Data)?;
    Ok(Inputs {
        rules: report,
        data: dataset,
        data_dir: data.to_path_buf(),
    })
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
        self.data
            .unit_index(id)
            .ok_or_else(|| self.unknown("unit", id))
    }

    /// The position of applicant `id`, or an error naming it.
    pub fn applicant(&self, id: &str) -> Result<usize, SetupError> {
        self.data
            .applicant_index(id)
            .ok_or_else(|| self.unknown("applicant", id))
    }

    fn unknown(&self, what: &'static str, id: &str) -> SetupError {
        SetupError::Unknown {
            what,
            id: id.to_owned(),
            dir: self.data_dir.display().to_string(),
        }
    }

    /// The positions of the candidates of unit `unit` (its reactions, or
    /// every applicant when the folder has none).
    pub fn candidates(&self, unit: usize) -> Vec<usize> {
        self.data
            .candidates(unit)
            .iter()
            .filter_map(|a| self.data.applicant_index(&a.id))
            .collect()
    }
}

/// Which pairs to decide: those of the units and applicants named, or the
/// engine's default pairs when none are named.
///
/// Naming units only decides their default pairs; naming applicants only
/// decides them against every unit they have a default pair with; naming
/// both decides every named applicant against every named unit.
pub fn select_pairs(
    engine: &Engine<'_>,
    units: &[usize],
    applicants: &[usize],
) -> Vec<(usize, usize)> {
    if !units.is_empty() && !applicants.is_empty() {
        let mut pairs = Vec::new();
        for &u in units {
            for &a in applicants {
                if !pairs.contains(&(a, u)) {
                    pairs.push((a, u));
                }
            }
        }
        return pairs;
    }
    engine
        .default_pairs()
        .into_iter()
        .filter(|(a, u)| {
            (units.is_empty() || units.contains(u))
                && (applicants.is_empty() || applicants.contains(a))
        })
        .collect()
}

/// Decides `pairs` and gathers the output of a run.
pub fn evaluate(engine: &Engine<'_>, header: RunHeader, pairs: &[(usize, usize)]) -> EvalOutput {
    let trace = header.traced;
    EvalOutput {
        header,
        decisions: pairs
            .iter()
            .map(|&(a, u)| engine.record(a, u, trace))
            .collect(),
        rankings: Vec::new(),
    }
}

/// The run `rank` writes: the ranking of `unit` among its candidates, with
/// their decisions in rank order so a report reads top down.
pub fn rank_output(
    inputs: &Inputs,
    engine: &Engine<'_>,
    header: RunHeader,
    unit: usize,
) -> EvalOutput {
    let (decisions, ranking) = ranked(inputs, engine, unit, header.traced);
    EvalOutput {
        header,
        decisions,
        rankings: vec![ranking],
    }
}

/// The ranking of `unit` among its candidates and their decisions in rank
/// order, with their traces when `trace`: what [`rank_output`] writes
/// under its header.
pub fn ranked(
    inputs: &Inputs,
    engine: &Engine<'_>,
    unit: usize,
    trace: bool,
) -> (Vec<DecisionRecord>, Ranking) {
    let ranking = engine.rank(unit, &inputs.candidates(unit));
    let decisions = ranking
        .candidates
        .iter()
        .filter_map(|c| inputs.data.applicant_index(&c.applicant))
        .map(|a| engine.record(a, unit, trace))
        .collect();
    (decisions, ranking)
}
