//! Running cases: each case's data built (the folder, inline records,
//! overrides), the rules compiled for its date, its decision traced and
//! compared with what it expects.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::eval::Engine;
use crate::eval::record::{DecisionRecord, Ranking};
use crate::model::error::nearest;
use crate::model::inline::{read_applicant, read_record, record_node};
use crate::model::path::YamlPath;
use crate::model::yaml::Node;
use crate::model::{Applicant, Buurt, Complex, Dataset, Records, Unit, load_dataset};
use crate::ruletest::compare::{Mismatch, compare};
use crate::ruletest::error::RuleTestError;
use crate::ruletest::merge::merge;
use crate::ruletest::read::Suite;
use crate::ruletest::spec::{Case, PathValue, RecordRef, TestFile, Word};
use crate::run::{CheckReport, check_paths};
use crate::source::{FileId, SourceMap};

/// How one case came out.
#[derive(Debug, Clone)]
pub enum CaseOutcome {
    /// The rules decided what the case expects.
    Passed,
    /// They did not: the differences, the traced decision and the ranking.
    Failed {
        /// Every difference.
        mismatches: Vec<Mismatch>,
        /// The decision, traced.
        record: Box<DecisionRecord>,
        /// The ranking, when the case expects a rank.
        ranking: Option<Ranking>,
    },
    /// The case could not run (its problems are in [`Report::errors`]).
    Error,
}

/// One case's result.
#[derive(Debug, Clone)]
pub struct CaseResult {
    /// The test file.
    pub file: PathBuf,
    /// The case's name.
    pub name: String,
    /// The case's line in its file.
    pub line: usize,
    /// The reference date.
    pub date: chrono::NaiveDate,
    /// What happened.
    pub outcome: CaseOutcome,
}

/// The results of a suite.
#[derive(Debug, Default)]
pub struct Report {
    /// Every case, in file and case order.
    pub(crate) results: Vec<CaseResult>,
    /// Problems found in reading or running; any one makes the run bad input.
    pub errors: Vec<RuleTestError>,
}

impl Report {
    /// How many cases passed.
    pub fn passed(&self) -> usize {
        self.count(|o| matches!(o, CaseOutcome::Passed))
    }

    /// How many cases failed.
    pub fn failed(&self) -> usize {
        self.count(|o| matches!(o, CaseOutcome::Failed { .. }))
    }

    /// How many cases could not run (their problems are in `errors`).
    pub(crate) fn not_run(&self) -> usize {
        self.count(|o| matches!(o, CaseOutcome::Error))
    }

    /// The closing line: `N passed, N failed`, and, when anything could
    /// not be used, how many cases did not run and how many problems there
    /// are, so a suite with a broken file never reads as all green.
    pub fn summary(&self) -> String {
        let mut line = format!("{} passed, {} failed", self.passed(), self.failed());
        if self.not_run() > 0 {
            line.push_str(&format!(", {} not run", self.not_run()));
        }
        match self.errors.len() {
            0 => {}
            1 => line.push_str("; 1 error"),
            n => line.push_str(&format!("; {n} errors")),
        }
        line
    }

    fn count(&self, f: impl Fn(&CaseOutcome) -> bool) -> usize {
        self.results.iter().filter(|r| f(&r.outcome)).count()
    }
}

/// Rule sets and data folders, each loaded once for the whole run.
#[derive(Default)]
struct Cache {
    rules: BTreeMap<PathBuf, Result<CheckReport, String>>,
    data: BTreeMap<PathBuf, Result<Dataset, usize>>,
    applicant_files: BTreeMap<PathBuf, Option<FileId>>,
}

/// Runs every case of the suite.
pub fn run_suite(suite: &mut Suite) -> Report {
    let mut report = Report {
        errors: std::mem::take(&mut suite.errors),
        ..Report::default()
    };
    let mut cache = Cache::default();
    for file in &suite.files {
        for case in &file.cases {
            let mut errors = Vec::new();
            let outcome = run_case(file, case, &mut cache, &mut suite.sources, &mut errors)
                .unwrap_or(CaseOutcome::Error);
            let outcome = if errors.is_empty() {
                outcome
            } else {
                CaseOutcome::Error
            };
            // A problem in a file's shared records shows in every case: report it once.
            for e in errors {
                if !report.errors.contains(&e) {
                    report.errors.push(e);
                }
            }
            let line = suite
                .sources
                .get(case.name.span.file)
                .map_or(0, |s| s.line_col(case.name.span.start as usize).line);
            report.results.push(CaseResult {
                file: file.path.clone(),
                name: case.name.text.clone(),
                line,
                date: case.date,
                outcome,
            });
        }
    }
    report
}

fn rules<'c>(
    cache: &'c mut Cache,
    at: &PathValue,
    errors: &mut Vec<RuleTestError>,
) -> Option<&'c CheckReport> {
    let entry = cache.rules.entry(at.path.clone()).or_insert_with(|| {
        if !at.path.exists() {
            return Err("do not exist".into());
        }
        let report = check_paths(std::slice::from_ref(&at.path));
        if report.has_errors() || report.unreadable {
            Err("do not check clean".into())
        } else if report.rule_sets.len() != 1 {
            Err(format!(
                "hold {} rule sets where a test needs exactly one",
                report.rule_sets.len()
            ))
        } else {
            Ok(report)
        }
    });
    match entry {
        Ok(report) => Some(report),
        Err(why) => {
            errors.push(RuleTestError::Rules {
                span: at.span,
                path: at.written.clone(),
                why: why.clone(),
            });
            None
        }
    }
}

fn data(cache: &mut Cache, at: &PathValue, errors: &mut Vec<RuleTestError>) -> Option<Records> {
    let entry = cache
        .data
        .entry(at.path.clone())
        .or_insert_with(|| load_dataset(&at.path).map_err(|e| e.errors.len()));
    match entry {
        Ok(data) => Some(data.records()),
        Err(count) => {
            errors.push(RuleTestError::DataFolder {
                span: at.span,
                path: at.written.clone(),
                count: *count,
            });
            None
        }
    }
}

/// The data folder's `applicants.yaml`, read into the suite's sources so an
/// override's untouched fields still point at their lines.
fn applicants_file(cache: &mut Cache, sources: &mut SourceMap, dir: &Path) -> Option<FileId> {
    *cache
        .applicant_files
        .entry(dir.to_path_buf())
        .or_insert_with(|| {
            let path = dir.join("applicants.yaml");
            let text =
                crate::limits::read_text(&path, crate::limits::MAX_DATA_FILE_BYTES, "a data file")
                    .ok()?;
            Some(sources.add(path, text))
        })
}

fn data_errors(errors: &mut Vec<RuleTestError>, problems: Vec<crate::model::LoadError>) {
    errors.extend(problems.into_iter().map(RuleTestError::Data));
}

/// Puts `record` in `list`, replacing the one with the same id.
fn put<T>(list: &mut Vec<T>, record: T, id: impl Fn(&T) -> &str) -> usize {
    let wanted = id(&record).to_owned();
    match list.iter().position(|r| id(r) == wanted) {
        Some(i) => {
            if let Some(slot) = list.get_mut(i) {
                *slot = record;
            }
            i
        }
        None => {
            list.push(record);
            list.len().saturating_sub(1)
        }
    }
}

fn inline<T: DeserializeOwned>(
    nodes: &[(YamlPath, Node)],
    file: FileId,
    errors: &mut Vec<RuleTestError>,
) -> Vec<T> {
    let mut out = Vec::new();
    for (path, node) in nodes {
        match read_record(node, file, path) {
            Ok(r) => out.push(r),
            Err(problems) => data_errors(errors, problems),
        }
    }
    out
}

fn unknown(kind: &'static str, word: &Word, ids: impl Iterator<Item = String>) -> RuleTestError {
    let ids: Vec<String> = ids.collect();
    RuleTestError::UnknownRecord {
        span: word.span,
        kind,
        id: word.text.clone(),
        nearest: nearest(&word.text, ids.iter().map(String::as_str)).map(str::to_owned),
    }
}

/// The case's records: the folder's, with the inline records and overrides.
/// Returns them with the applicant's and unit's ids.
fn build(
    file: &TestFile,
    case: &Case,
    cache: &mut Cache,
    sources: &mut SourceMap,
    errors: &mut Vec<RuleTestError>,
) -> Option<(Records, String, String)> {
    let mut records = match &case.data {
        Some(at) => data(cache, at, errors)?,
        None => Records::default(),
    };
    for c in inline::<Complex>(&case.complexes, file.file, errors) {
        put(&mut records.complexes, c, |c| &c.id);
    }
    for b in inline::<Buurt>(&case.buurten, file.file, errors) {
        put(&mut records.buurten, b, |b| &b.code);
    }
    for u in inline::<Unit>(&case.units, file.file, errors) {
        put(&mut records.units, u, |u| &u.id);
    }
    for (path, node) in &case.applicants {
        match read_applicant(node, file.file, path) {
            Ok(a) => {
                put(&mut records.applicants, a, |a| &a.id);
            }
            Err(problems) => data_errors(errors, problems),
        }
    }
    let applicant_ids = |r: &Records| {
        r.applicants
            .iter()
            .map(|a| a.id.clone())
            .collect::<Vec<_>>()
    };
    let applicant = match &case.applicant {
        RecordRef::Id(word) => {
            let Some(index) = records.applicants.iter().position(|a| a.id == word.text) else {
                errors.push(unknown(
                    "applicant",
                    word,
                    applicant_ids(&records).into_iter(),
                ));
                return None;
            };
            if let Some(over) = &case.overrides {
                // The file's own inline applicant, else the folder's record.
                let inline = case
                    .applicants
                    .iter()
                    .rev()
                    .map(|(_, n)| n)
                    .find(|n| n.get("id").and_then(Node::as_str) == Some(word.text.as_str()));
                let base = match (inline, &case.data) {
                    (Some(node), _) => Some(node.clone()),
                    (None, Some(dir)) => applicants_file(cache, sources, &dir.path).and_then(|f| {
                        let text = sources.get(f)?.text.clone();
                        record_node(&text, f, "applicants", index)
                    }),
                    (None, None) => None,
                }?;
                match read_applicant(&merge(&base, over), file.file, &case.path.key("overrides")) {
                    Ok(a) => {
                        let a: Applicant = a;
                        if a.id != word.text {
                            errors.push(RuleTestError::WrongType {
                                span: over.span,
                                expected: format!("the applicant's own id `{}`", word.text),
                                found: format!("`{}`", a.id),
                            });
                            return None;
                        }
                        if let Some(slot) = records.applicants.get_mut(index) {
                            *slot = a;
                        }
                    }
                    Err(problems) => {
                        data_errors(errors, problems);
                        return None;
                    }
                }
            }
            word.text.clone()
        }
        RecordRef::Inline(node) => {
            match read_applicant(node, file.file, &case.path.key("applicant")) {
                Ok(a) => {
                    let id = a.id.clone();
                    put(&mut records.applicants, a, |a| &a.id);
                    id
                }
                Err(problems) => {
                    data_errors(errors, problems);
                    return None;
                }
            }
        }
    };
    let unit = match &case.unit {
        RecordRef::Id(word) => {
            if !records.units.iter().any(|u| u.id == word.text) {
                let ids = records.units.iter().map(|u| u.id.clone());
                errors.push(unknown("unit", word, ids));
                return None;
            }
            word.text.clone()
        }
        RecordRef::Inline(node) => {
            match read_record::<Unit>(node, file.file, &case.path.key("unit")) {
                Ok(u) => {
                    let id = u.id.clone();
                    put(&mut records.units, u, |u| &u.id);
                    id
                }
                Err(problems) => {
                    data_errors(errors, problems);
                    return None;
                }
            }
        }
    };
    for c in &case.candidates {
        if !records.applicants.iter().any(|a| a.id == c.text) {
            errors.push(unknown("applicant", c, applicant_ids(&records).into_iter()));
        }
    }
    Some((records, applicant, unit))
}

fn run_case(
    file: &TestFile,
    case: &Case,
    cache: &mut Cache,
    sources: &mut SourceMap,
    errors: &mut Vec<RuleTestError>,
) -> Option<CaseOutcome> {
    let (records, applicant, unit) = build(file, case, cache, sources, errors)?;
    if !errors.is_empty() {
        return None;
    }
    let rules = rules(cache, &file.rules, errors)?;
    // `rules` holds exactly one rule set, or it reported why not.
    let rule_set = rules.rule_sets.first()?;
    let data = Dataset::new(records);
    let engine = match Engine::new(rule_set, &rules.sources, &data, case.date, case.seed) {
        Ok(engine) => engine,
        Err(e) => {
            errors.push(RuleTestError::Engine {
                span: case.name.span,
                reason: e.to_string(),
            });
            return None;
        }
    };
    let a = data.applicant_index(&applicant)?;
    let u = data.unit_index(&unit)?;
    let application = case.application.map_or_else(
        || engine.application(a, u),
        |day| engine.recorded_application(day),
    );
    let record = engine.record_for(a, u, application, true);
    let ranking = case.expect.rank.map(|_| {
        let mut candidates: Vec<usize> = case
            .candidates
            .iter()
            .filter_map(|c| data.applicant_index(&c.text))
            .collect();
        if !candidates.contains(&a) {
            candidates.push(a);
        }
        engine.rank(u, &candidates)
    });
    if let Err(e) = engine.faults().settled() {
        errors.push(RuleTestError::Engine {
            span: case.name.span,
            reason: undecided_reason(&e, &rules.sources),
        });
        return None;
    }
    let quotas = if case.expect.quotas.is_empty() {
        Vec::new()
    } else {
        match crate::allocate::quota_standing(rule_set, &rules.sources, &data, a, u, case.date) {
            Ok(states) => states,
            Err(e) => {
                errors.push(RuleTestError::Engine {
                    span: case.name.span,
                    reason: e.to_string(),
                });
                return None;
            }
        }
    };
    let params: Vec<&str> = rule_set.params.iter().map(|p| p.meta.id.as_str()).collect();
    let mismatches = compare(
        &case.expect,
        &record,
        ranking.as_ref(),
        (&quotas, &params),
        errors,
    );
    Some(if mismatches.is_empty() {
        CaseOutcome::Passed
    } else {
        CaseOutcome::Failed {
            mismatches,
            record: Box::new(record),
            ranking,
        }
    })
}

/// Why a case's decision was not made, with the calculation as written.
fn undecided_reason(e: &crate::eval::EvalError, sources: &crate::source::SourceMap) -> String {
    e.diagnostics()
        .iter()
        .map(|d| {
            let written = d
                .span
                .and_then(|span| sources.get(span.file).map(|f| f.slice(span)))
                .unwrap_or("");
            format!("{} (in `{written}`)", d.message)
        })
        .collect::<Vec<_>>()
        .join("; ")
}
