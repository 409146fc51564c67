//! The rules and data the service answers from: checked and loaded once,
//! with the run header and the `/v1/rules` answer made once, and replaced
//! whole on a reload so no request sees half of each.

use std::path::PathBuf;

use chrono::NaiveDate;
use serde::Serialize;

use super::error::ServeError;
use crate::check::CheckedRuleSet;
use crate::check::ir::RuleMeta;
use crate::eval::record::{FileHash, RuleSetId, RunHeader};
use crate::model::error::nearest;
use crate::report::header::RunSettings;
use crate::run::{Inputs, SetupError, load_inputs};

/// One loaded rule set and data folder, immutable while it serves.
#[derive(Debug)]
pub struct Snapshot {
    inputs: Inputs,
    /// The header of every answer, with the date, seed and trace of the
    /// question filled in: the files are hashed once, at load, so the
    /// header names exactly what was loaded.
    header: RunHeader,
    /// The body of `GET /v1/rules`.
    rules_body: String,
    /// Counts the loads of this service, from 1.
    generation: u64,
}

/// Where the service loads from, for the first load and every reload.
#[derive(Debug, Clone)]
pub struct Sources {
    /// A rule set's folder or root file.
    pub rules: PathBuf,
    /// The data folder.
    pub data: PathBuf,
}

/// A rule as `GET /v1/rules` lists it.
#[derive(Serialize)]
struct RuleEntry<'a> {
    kind: &'static str,
    id: &'a str,
    title: &'a str,
    source: &'a str,
}

#[derive(Serialize)]
struct RulesBody<'a> {
    ruleset: &'a RuleSetId,
    generation: u64,
    rule_files: &'a [FileHash],
    input_files: &'a [FileHash],
    rules: Vec<RuleEntry<'a>>,
}

impl Snapshot {
    /// Checks the rules and loads the data at `from`; any error refuses
    /// the load (the CLI's rule: warnings do not stop a run).
    pub fn load(from: &Sources, generation: u64) -> Result<Snapshot, SetupError> {
        let inputs = load_inputs(&from.rules, &from.data)?;
        // Every question overrides the date, seed and trace.
        let header = inputs.header(RunSettings {
            date: NaiveDate::default(),
            seed: 0,
            redacted: false,
            traced: false,
        })?;
        let rules = inputs.rule_set().ok_or(SetupError::RuleSetCount {
            paths: from.rules.display().to_string(),
            count: 0,
        })?;
        let body = RulesBody {
            ruleset: &header.ruleset,
            generation,
            rule_files: &header.rule_files,
            input_files: &header.input_files,
            rules: rule_entries(rules),
        };
        let rules_body = crate::report::json::render_value(&body)
            .map_err(|e| SetupError::Output(e.to_string()))?;
        Ok(Snapshot {
            inputs,
            header,
            rules_body,
            generation,
        })
    }

    /// The checked rules and loaded data.
    pub(crate) fn inputs(&self) -> &Inputs {
        &self.inputs
    }

    /// The one rule set (a loaded snapshot always has it).
    pub(crate) fn rule_set(&self) -> Result<&CheckedRuleSet, ServeError> {
        self.inputs
            .rule_set()
            .ok_or_else(|| ServeError::Setup("no rule set is loaded".into()))
    }

    /// Which load this is.
    pub(crate) fn generation(&self) -> u64 {
        self.generation
    }

    /// The body of `GET /v1/rules`.
    pub(crate) fn rules_body(&self) -> &str {
        &self.rules_body
    }

    /// The run header for a question on `date` with `seed`.
    pub(crate) fn header(&self, date: NaiveDate, seed: u64, traced: bool) -> RunHeader {
        let mut header = self.header.clone();
        header.reference_date = date;
        header.seed = seed;
        header.traced = traced;
        header
    }

    /// The rule set's identity and rule files, as every log entry names them.
    pub(crate) fn ruleset(&self) -> (&RuleSetId, &[FileHash]) {
        (&self.header.ruleset, &self.header.rule_files)
    }

    /// The position of applicant `id`.
    pub(crate) fn applicant(&self, id: &str) -> Result<usize, ServeError> {
        let data = &self.inputs.data;
        data.applicant_index(id).ok_or_else(|| ServeError::Unknown {
            what: "applicant",
            id: id.to_owned(),
            nearest: nearest(id, data.applicants().iter().map(|a| a.id.as_str()))
                .map(str::to_owned),
        })
    }

    /// The position of unit `id`.
    pub(crate) fn unit(&self, id: &str) -> Result<usize, ServeError> {
        let data = &self.inputs.data;
        data.unit_index(id).ok_or_else(|| ServeError::Unknown {
            what: "unit",
            id: id.to_owned(),
            nearest: nearest(id, data.units().iter().map(|u| u.id.as_str())).map(str::to_owned),
        })
    }
}

/// Every rule and parameter with its legal source, in rule-set order.
fn rule_entries(rules: &CheckedRuleSet) -> Vec<RuleEntry<'_>> {
    let mut out = Vec::new();
    out.extend(rules.params.iter().map(|r| entry("param", &r.meta)));
    out.extend(rules.gates.iter().map(|r| entry("gate", &r.meta)));
    out.extend(rules.priorities.iter().map(|r| entry("priority", &r.meta)));
    out.extend(rules.tailored.iter().map(|r| entry("tailored", &r.meta)));
    out.extend(rules.points.iter().map(|r| entry("points", &r.meta)));
    out.extend(
        rules
            .classifications
            .iter()
            .map(|r| entry("classify", &r.meta)),
    );
    out.extend(rules.quotas.iter().map(|r| entry("quota", &r.meta)));
    out
}

fn entry<'r>(kind: &'static str, meta: &'r RuleMeta) -> RuleEntry<'r> {
    RuleEntry {
        kind,
        id: &meta.id,
        title: &meta.title,
        source: &meta.source,
    }
}
