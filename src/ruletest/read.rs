//! Finding and reading rule-test files: a folder's `.yaml` files in name
//! order, each read into [`TestFile`]s with every problem collected.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use yaml_rust2::parser::Event;

use crate::model::path::{Step, YamlPath};
use crate::model::yaml::{Node, NodeKind, ReadError, Reader};
use crate::ruletest::error::RuleTestError;
use crate::ruletest::fields::{Fields, boolean, date, integer, word, words, wrong};
use crate::ruletest::spec::{Case, Expect, PathValue, QuotaExpect, RecordRef, TestFile};
use crate::source::{FileId, SourceMap, Span};

/// The seed of the lottery when a file does not set one.
pub const DEFAULT_SEED: u64 = 20_260_302;

const FILE_KEYS: &[&str] = &[
    "rules",
    "data",
    "date",
    "seed",
    "applicants",
    "units",
    "complexes",
    "buurten",
    "cases",
];
const CASE_KEYS: &[&str] = &[
    "name",
    "date",
    "application_date",
    "data",
    "seed",
    "applicant",
    "overrides",
    "unit",
    "complexes",
    "buurten",
    "candidates",
    "expect",
];
const EXPECT_KEYS: &[&str] = &[
    "eligible",
    "failed",
    "passed",
    "exempt",
    "overridden",
    "not_applicable",
    "priority",
    "classification",
    "points",
    "rank",
    "quotas",
    "unverified",
];
const QUOTA_KEYS: &[&str] = &[
    "not_applicable",
    "counted",
    "of",
    "exceeded",
    "below_minimum",
];

/// Every test file read, with the problems found.
#[derive(Debug, Default)]
pub struct Suite {
    /// Every file read (test files, and data files that overrides point into).
    pub sources: SourceMap,
    /// The files that could be read, in path order.
    pub files: Vec<TestFile>,
    /// Every problem found; a file with a problem runs none of its cases.
    pub(crate) errors: Vec<RuleTestError>,
}

/// Reads every test file under `paths` (files, or folders searched for
/// `.yaml` files).
pub fn load_suite(paths: &[PathBuf]) -> Suite {
    let mut suite = Suite::default();
    let mut found = BTreeSet::new();
    for path in paths {
        if path.is_dir() {
            let before = found.len();
            collect(path, &mut found, &mut suite.errors);
            if found.len() == before {
                suite.errors.push(RuleTestError::Unreadable {
                    path: path.display().to_string(),
                    reason: "the folder holds no `.yaml` test files".into(),
                });
            }
        } else if path.is_file() {
            found.insert(path.clone());
        } else {
            let reason = match crate::confine::resolve(path) {
                Err(refusal) => refusal.to_string(),
                Ok(_) => "it is not a regular file".into(),
            };
            suite.errors.push(RuleTestError::Unreadable {
                path: path.display().to_string(),
                reason,
            });
        }
    }
    let mut read = std::collections::HashSet::new();
    for path in found {
        // One file named twice, or through a link as well, is read once.
        if !read.insert(crate::confine::root(&path)) {
            continue;
        }
        match crate::limits::read_text(
            &path,
            crate::limits::MAX_RULE_FILE_BYTES,
            "a rule test file",
        ) {
            Ok(text) => {
                let file = suite.sources.add(&path, text.clone());
                let mut errors = Vec::new();
                let read = read_file(&path, &text, file, &mut errors);
                if errors.is_empty() {
                    suite.files.extend(read);
                }
                suite.errors.append(&mut errors);
            }
            Err(e) => suite.errors.push(RuleTestError::Unreadable {
                path: path.display().to_string(),
                reason: e.to_string(),
            }),
        }
    }
    suite
}

/// The `.yaml` test files under `dir`, each once however links lead to it,
/// the walk bounded ([`crate::confine::walk`]).
fn collect(dir: &Path, found: &mut BTreeSet<PathBuf>, errors: &mut Vec<RuleTestError>) {
    let (files, problems) = crate::confine::walk(dir, |path| {
        path.extension().is_some_and(|e| e == "yaml" || e == "yml")
    });
    found.extend(files);
    errors.extend(
        problems
            .into_iter()
            .map(|(path, reason)| RuleTestError::Unreadable {
                path: path.display().to_string(),
                reason,
            }),
    );
}

fn yaml_error((error, span): (ReadError, Span)) -> RuleTestError {
    let reason = match error {
        ReadError::Syntax(reason) => reason,
        ReadError::TooDeep => "the YAML is nested too deeply".into(),
        ReadError::Alias => "anchors and aliases (`&name`, `*name`) are not accepted".into(),
        ReadError::Tag => "YAML tags (`!name`) are not accepted".into(),
    };
    RuleTestError::Yaml { span, reason }
}

/// The one YAML document of a file, as a tree.
fn document(text: &str, file: FileId) -> Result<Node, RuleTestError> {
    let mut reader = Reader::new(text, file);
    let mut first = reader.next().map_err(yaml_error)?;
    while matches!(first.0, Event::StreamStart | Event::DocumentStart) {
        first = reader.next().map_err(yaml_error)?;
    }
    if first.0 == Event::StreamEnd {
        return Err(RuleTestError::Yaml {
            span: first.1,
            reason: "the file holds no tests".into(),
        });
    }
    let node = reader.node(first, 0).map_err(yaml_error)?;
    loop {
        let (event, span) = reader.next().map_err(yaml_error)?;
        match event {
            Event::DocumentEnd => {}
            Event::StreamEnd => return Ok(node),
            _ => {
                return Err(RuleTestError::Yaml {
                    span,
                    reason: "a test file holds one YAML document, and a second starts here".into(),
                });
            }
        }
    }
}

fn path_value(node: &Node, base: &Path, errors: &mut Vec<RuleTestError>) -> Option<PathValue> {
    word(node, errors).map(|w| PathValue {
        path: base.join(&w.text),
        written: w.text,
        span: w.span,
    })
}

fn seed(node: Option<&Node>, errors: &mut Vec<RuleTestError>) -> Option<u64> {
    let n = integer(node?, errors)?;
    match u64::try_from(n) {
        Ok(seed) => Some(seed),
        Err(_) => {
            errors.push(wrong(node?, "a whole number, 0 or more"));
            None
        }
    }
}

/// Defaults a file sets for all its cases.
struct Defaults {
    data: Option<PathValue>,
    date: Option<NaiveDate>,
    seed: u64,
    base: PathBuf,
    applicants: Vec<(YamlPath, Node)>,
    units: Vec<(YamlPath, Node)>,
    complexes: Vec<(YamlPath, Node)>,
    buurten: Vec<(YamlPath, Node)>,
}

fn read_file(
    path: &Path,
    text: &str,
    file: FileId,
    errors: &mut Vec<RuleTestError>,
) -> Option<TestFile> {
    let node = match document(text, file) {
        Ok(node) => node,
        Err(e) => {
            errors.push(e);
            return None;
        }
    };
    let top = Fields::new(&node, "the test file", FILE_KEYS, errors)?;
    let base = path.parent().unwrap_or(Path::new("")).to_path_buf();
    let rules = top
        .require("rules", errors)
        .and_then(|n| path_value(n, &base, errors));
    let defaults = Defaults {
        data: top.get("data").and_then(|n| path_value(n, &base, errors)),
        date: top.get("date").and_then(|n| date(n, errors)),
        seed: seed(top.get("seed"), errors).unwrap_or(DEFAULT_SEED),
        base,
        applicants: inline_list(top.get("applicants"), &key("applicants"), errors),
        units: inline_list(top.get("units"), &key("units"), errors),
        complexes: inline_list(top.get("complexes"), &key("complexes"), errors),
        buurten: inline_list(top.get("buurten"), &key("buurten"), errors),
    };
    let mut cases = Vec::new();
    if let Some(list) = top.require("cases", errors) {
        match &list.kind {
            NodeKind::Seq(items) => {
                let mut names = BTreeSet::new();
                for (index, item) in items.iter().enumerate() {
                    let path = key("cases").index(index);
                    if let Some(case) = read_case(item, path, &defaults, errors) {
                        if !names.insert(case.name.text.clone()) {
                            errors.push(RuleTestError::Duplicate {
                                span: case.name.span,
                                what: "case",
                                name: case.name.text.clone(),
                            });
                        }
                        cases.push(case);
                    }
                }
            }
            _ => errors.push(wrong(list, "a list of cases")),
        }
    }
    Some(TestFile {
        path: path.to_path_buf(),
        file,
        rules: rules?,
        cases,
    })
}

fn record_ref(node: &Node, errors: &mut Vec<RuleTestError>) -> Option<RecordRef> {
    match &node.kind {
        NodeKind::Map(_) => Some(RecordRef::Inline(node.clone())),
        _ => word(node, errors).map(RecordRef::Id),
    }
}

/// The path of a top-level key, to name where an inline record sits.
fn key(name: &str) -> YamlPath {
    YamlPath(vec![Step::Key(name.to_owned())])
}

/// Records written inline: a list, or a single mapping; each with its path.
fn inline_list(
    node: Option<&Node>,
    path: &YamlPath,
    errors: &mut Vec<RuleTestError>,
) -> Vec<(YamlPath, Node)> {
    match node.map(|n| &n.kind) {
        None => Vec::new(),
        Some(NodeKind::Seq(items)) => items
            .iter()
            .enumerate()
            .map(|(i, n)| (path.index(i), n.clone()))
            .collect(),
        Some(NodeKind::Map(_)) => node
            .map(|n| (path.clone(), n.clone()))
            .into_iter()
            .collect(),
        Some(NodeKind::Scalar { .. }) => {
            errors.extend(node.map(|n| wrong(n, "a list of records in the data format")));
            Vec::new()
        }
    }
}

fn read_case(
    node: &Node,
    path: YamlPath,
    defaults: &Defaults,
    errors: &mut Vec<RuleTestError>,
) -> Option<Case> {
    let before = errors.len();
    let name = match node.get("name") {
        Some(n) => word(n, errors)?,
        None => {
            errors.push(RuleTestError::MissingKey {
                span: node.span,
                key: "name",
                context: "a case".into(),
            });
            return None;
        }
    };
    let fields = Fields::new(node, format!("case `{}`", name.text), CASE_KEYS, errors)?;
    let date_of_case = match fields.get("date") {
        Some(n) => date(n, errors),
        None => {
            if defaults.date.is_none() {
                fields.require("date", errors);
            }
            defaults.date
        }
    };
    let data = match fields.get("data") {
        Some(n) => path_value(n, &defaults.base, errors),
        None => defaults.data.clone(),
    };
    let seed = seed(fields.get("seed"), errors).unwrap_or(defaults.seed);
    let application = fields.get("application_date").and_then(|n| {
        let day = date(n, errors)?;
        if date_of_case.is_some_and(|reference| day > reference) {
            errors.push(wrong(
                n,
                "an application made on or before the case's `date` (a decision answers an application already made)",
            ));
            return None;
        }
        Some(day)
    });
    let applicant = fields
        .require("applicant", errors)
        .and_then(|n| record_ref(n, errors));
    let unit = fields
        .require("unit", errors)
        .and_then(|n| record_ref(n, errors));
    let overrides = fields.get("overrides").cloned();
    if let (Some(o), Some(RecordRef::Inline(_))) = (&overrides, &applicant) {
        errors.push(wrong(
            o,
            "no `overrides` for an inline applicant (write the fields inline)",
        ));
    }
    if let Some(o) = &overrides {
        if !matches!(o.kind, NodeKind::Map(_)) {
            errors.push(wrong(o, "a mapping of applicant fields in the data format"));
        }
    }
    let candidates = fields
        .get("candidates")
        .and_then(|n| words(n, errors))
        .unwrap_or_default();
    let mut complexes = defaults.complexes.clone();
    complexes.extend(inline_list(
        fields.get("complexes"),
        &path.key("complexes"),
        errors,
    ));
    let mut buurten = defaults.buurten.clone();
    buurten.extend(inline_list(
        fields.get("buurten"),
        &path.key("buurten"),
        errors,
    ));
    let expect = fields
        .require("expect", errors)
        .and_then(|n| read_expect(n, &name.text, errors));
    if let Some(e) = &expect {
        if e.rank.is_some() && candidates.is_empty() {
            fields.require("candidates", errors);
        }
    }
    if errors.len() > before {
        return None;
    }
    Some(Case {
        path,
        date: date_of_case?,
        application,
        seed,
        data,
        applicant: applicant?,
        overrides,
        unit: unit?,
        applicants: defaults.applicants.clone(),
        units: defaults.units.clone(),
        complexes,
        buurten,
        candidates,
        expect: expect?,
        name,
    })
}

fn read_expect(node: &Node, case: &str, errors: &mut Vec<RuleTestError>) -> Option<Expect> {
    let before = errors.len();
    let fields = Fields::new(
        node,
        format!("`expect` of case `{case}`"),
        EXPECT_KEYS,
        errors,
    )?;
    // A misspelt key is reported already; "nothing expected" would repeat it.
    let misspelt = errors.len() > before;
    let list = |key: &str, errors: &mut Vec<RuleTestError>| {
        fields
            .get(key)
            .and_then(|n| words(n, errors))
            .unwrap_or_default()
    };
    let mut expect = Expect {
        eligible: fields.get("eligible").and_then(|n| boolean(n, errors)),
        failed: fields.get("failed").and_then(|n| words(n, errors)),
        passed: list("passed", errors),
        exempt: list("exempt", errors),
        overridden: list("overridden", errors),
        not_applicable: list("not_applicable", errors),
        unverified: fields.get("unverified").and_then(|n| words(n, errors)),
        ..Expect::default()
    };
    if let Some(n) = fields.get("priority") {
        expect.priority = word(n, errors).map(|w| (w.text != "none").then_some(w));
    }
    if let Some(n) = fields.get("classification") {
        match &n.kind {
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    if let (Some(rule), Some(label)) = (word(k, errors), word(v, errors)) {
                        expect.classification.push((Some(rule), label));
                    }
                }
            }
            _ => {
                if let Some(label) = word(n, errors) {
                    expect.classification.push((None, label));
                }
            }
        }
    }
    if let Some(n) = fields.get("points") {
        match &n.kind {
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    if let (Some(rule), Some(total)) = (word(k, errors), integer(v, errors)) {
                        expect.points.push((Some(rule), total, v.span));
                    }
                }
            }
            _ => {
                if let Some(total) = integer(n, errors) {
                    expect.points.push((None, total, n.span));
                }
            }
        }
    }
    if let Some(n) = fields.get("rank") {
        if n.as_str() == Some("none") {
            expect.rank = Some((None, n.span));
        } else {
            match integer(n, errors).and_then(|r| usize::try_from(r).ok()) {
                Some(r) if r >= 1 => expect.rank = Some((Some(r), n.span)),
                _ => errors.push(wrong(n, "a rank of 1 or more, or `none`")),
            }
        }
    }
    if let Some(n) = fields.get("quotas") {
        match &n.kind {
            NodeKind::Map(entries) => {
                for (k, v) in entries {
                    let Some(quota) = word(k, errors) else {
                        continue;
                    };
                    let context = format!("quota `{}` of case `{case}`", quota.text);
                    let Some(f) = Fields::new(v, context, QUOTA_KEYS, errors) else {
                        continue;
                    };
                    let expected = QuotaExpect {
                        not_applicable: f.get("not_applicable").and_then(|n| boolean(n, errors)),
                        counted: f.get("counted").and_then(|n| integer(n, errors)),
                        of: f.get("of").and_then(|n| integer(n, errors)),
                        exceeded: f.get("exceeded").and_then(|n| boolean(n, errors)),
                        below_minimum: f.get("below_minimum").and_then(|n| boolean(n, errors)),
                    };
                    if expected == QuotaExpect::default() {
                        errors.push(wrong(
                            v,
                            "`counted`, `of`, `exceeded`, `below_minimum` or `not_applicable`",
                        ));
                        continue;
                    }
                    expect.quotas.push((quota, expected));
                }
            }
            _ => errors.push(wrong(n, "a mapping of quota ids")),
        }
    }
    if expect.is_empty() && !misspelt {
        errors.push(wrong(node, "at least one expectation"));
        return None;
    }
    Some(expect)
}
