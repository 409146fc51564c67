//! Pathological inputs stay within the documented limits (`docs/limits.md`):
//! long chains, deep trees, huge amounts and long lines end in a located
//! error or a correct result, never a stack overflow, a panic or a hang.
//!
//! Stages recurse over expressions, so each test that pushes an expression to
//! its limit runs on a thread with a small stack: if a stage recursed deeper
//! than the bound allows, these tests would overflow rather than pass.

use std::path::{Path, PathBuf};

use super::support;

use crate::diagnostics::{ToDiagnostic, render_text};
use crate::report::header::RunSettings;
use crate::run::check_paths;
use crate::source::{FileId, SourceMap};
use crate::syntax::{MAX_EXPR_DEPTH, SyntaxError, parse_file};

/// The stack a test's work runs on: what a spawned thread gets by default,
/// a quarter of what the binary's main thread has.
const SMALL_STACK: usize = 2 * 1024 * 1024;

/// Runs `work` on a thread with [`SMALL_STACK`], failing the test on a panic.
fn on_small_stack(work: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(SMALL_STACK)
        .spawn(work)
        .unwrap()
        .join()
        .unwrap();
}

fn scratch(name: &str) -> PathBuf {
    support::scratch("limits", name)
}

/// A rule set of one gate requiring `condition`.
fn rule_set(name: &str, condition: &str) -> PathBuf {
    let dir = scratch(name);
    let text = format!(
        "ruleset limits \"Grenzen\" version \"1\"\n\n\
         designation fragile \"Kwetsbaar\" source \"testregel\"\n\n\
         gate long \"Een lange voorwaarde\"\n  source \"testregel\"\n  require {condition}\n"
    );
    std::fs::write(dir.join("limits.rules"), text).unwrap();
    dir
}

/// Checks, compiles, evaluates with the trace on, renders every format and
/// formats the rule file back: every stage that walks an expression.
fn run_every_stage(rules: &Path) {
    let inputs = crate::run::load_inputs(
        rules,
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/heerlen-noord"),
    )
    .unwrap_or_else(|e| panic!("{}", e.render()));
    let date = "2026-03-02".parse().unwrap();
    let engine = inputs.engine(date, 1).unwrap();
    let header = inputs
        .header(RunSettings {
            date,
            seed: 1,
            redacted: false,
            traced: true,
        })
        .unwrap();
    let pairs: Vec<_> = engine.default_pairs().into_iter().take(3).collect();
    let output = crate::run::evaluate(&engine, header, &pairs);
    assert!(!output.decisions.is_empty());
    for d in &output.decisions {
        assert!(d.eligible, "the long gate holds for {}", d.applicant);
    }
    assert!(!crate::report::text::render(&output).is_empty());
    assert!(!crate::report::markdown::render(&output).is_empty());
    assert!(!crate::report::json::render(&output).unwrap().is_empty());
    let path = rules.join("limits.rules");
    let text = std::fs::read_to_string(&path).unwrap();
    let formatted = crate::fmt::format_text(FileId(0), &text).unwrap();
    assert_eq!(
        crate::fmt::format_text(FileId(0), &formatted).unwrap(),
        formatted,
        "fmt is idempotent"
    );
}

/// `household.size + 1 + 1 …`: a left spine of `terms - 1` additions.
fn sum(terms: usize) -> String {
    let mut text = String::from("household.size");
    for _ in 1..terms {
        text.push_str(" + 1");
    }
    text
}

fn parse_error(text: &str) -> SyntaxError {
    match parse_file(FileId(0), text) {
        Ok(_) => panic!("should not parse"),
        Err(e) => e,
    }
}

#[test]
fn a_sum_at_the_depth_limit_passes_every_stage_on_a_small_stack() {
    // The comparison is one level, the gate's chain none: the sum may take
    // the rest.
    let rules = rule_set("sum_at_limit", &format!("{} > 0", sum(MAX_EXPR_DEPTH - 1)));
    on_small_stack(move || run_every_stage(&rules));
}

#[test]
fn a_long_and_chain_passes_every_stage_on_a_small_stack() {
    let condition = vec!["household.size > 0"; 2_000].join(" and ");
    let rules = rule_set("and_chain", &condition);
    on_small_stack(move || run_every_stage(&rules));
}

#[test]
fn a_very_long_or_chain_checks_on_a_small_stack() {
    // Lowering extends the chain in place: quadratic lowering took seconds
    // here and minutes at 100 000 terms.
    let condition = vec!["household.size > 0"; 20_000].join(" or ");
    let rules = rule_set("or_chain", &condition);
    on_small_stack(move || {
        let report = check_paths(&[rules]);
        assert!(!report.has_errors());
        assert_eq!(report.rule_sets.len(), 1);
    });
}

#[test]
fn a_sum_past_the_depth_limit_is_a_located_error() {
    on_small_stack(|| {
        let text = format!(
            "gate g require {} > 0\n",
            sum(20_000).replace("household.size", "1")
        );
        let error = parse_error(&text);
        assert_eq!(error.code(), "E0016");
        let span = error.span().unwrap();
        assert_eq!(&text[span.range()], "+", "the operator one level too deep");
    });
}

#[test]
fn the_depth_error_renders_with_its_place() {
    let text = format!("gate g\n  require {} > 0\n", sum(MAX_EXPR_DEPTH + 1));
    let mut sources = SourceMap::new();
    let file = sources.add("deep_sum.rules", text.clone());
    let error = match parse_file(file, &text) {
        Ok(_) => panic!("should not parse"),
        Err(e) => e,
    };
    let rendered = render_text(&sources, &[error.to_diagnostic()]);
    insta::assert_snapshot!(rendered);
}

#[test]
fn every_kind_of_node_counts_towards_the_depth() {
    let depth = MAX_EXPR_DEPTH;
    // Calls and sets nested within the bracket limit, over a deep sum.
    let inner = sum(depth - 2);
    assert!(parse_file(FileId(0), &format!("gate g require {{{inner}}} = x")).is_ok());
    assert!(parse_file(FileId(0), &format!("gate g require f({inner}) = x")).is_ok());
    assert!(parse_file(FileId(0), &format!("gate g require f({{{inner}}}) = x")).is_err());
    assert!(parse_file(FileId(0), &format!("gate g require not f({inner}) = x")).is_err());
    // An `and` chain of sums is one level above its deepest operand.
    let ok = format!("gate g require {} > 0 and x", sum(depth - 2));
    assert!(parse_file(FileId(0), &ok).is_ok());
    let deep = format!("gate g require {} > 0 and x", sum(depth - 1));
    assert_eq!(parse_error(&deep).code(), "E0016");
}

#[test]
fn the_gate_file_checks_with_check_paths() {
    let rules = rule_set("check_paths", &format!("{} > 0", sum(MAX_EXPR_DEPTH - 1)));
    on_small_stack(move || {
        let report = check_paths(&[rules]);
        assert!(!report.has_errors());
    });
}

/// The scenario folder with `applicants.yaml` rewritten as one line of JSON
/// (valid YAML, and what many systems export), its applicants repeated
/// `copies` times under new ids.
fn one_line_scenario(name: &str, copies: usize) -> (PathBuf, usize) {
    let scenario = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/heerlen-noord");
    let data = crate::model::load_dataset(&scenario).unwrap_or_else(|_| panic!("loads"));
    let dir = scratch(name);
    for entry in std::fs::read_dir(&scenario).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, dir.join(path.file_name().unwrap())).unwrap();
    }
    let mut applicants = Vec::new();
    for copy in 0..copies {
        for a in data.applicants() {
            let mut a = a.clone();
            if copy > 0 {
                a.id = format!("{}-{copy}", a.id);
            }
            applicants.push(a);
        }
    }
    let count = applicants.len();
    let json = serde_json::json!({ "applicants": applicants });
    std::fs::write(dir.join("applicants.yaml"), format!("{json}\n")).unwrap();
    (dir, count)
}

#[test]
fn a_one_line_json_data_file_loads() {
    // Reading offsets from the start of the line made this quadratic: a
    // release build took 30 s for 1 000 generated applicants on one line.
    let (dir, count) = one_line_scenario("one_line_json", 30);
    assert_eq!(
        std::fs::read_to_string(dir.join("applicants.yaml"))
            .unwrap()
            .lines()
            .count(),
        1
    );
    let data = crate::model::load_dataset(&dir).unwrap_or_else(|e| panic!("{}", e.render_text()));
    assert_eq!(data.applicants().len(), count);
}

#[test]
fn errors_on_a_one_line_json_data_file_point_at_their_value() {
    let (dir, _) = one_line_scenario("one_line_json_error", 2);
    let path = dir.join("applicants.yaml");
    let text = std::fs::read_to_string(&path).unwrap();
    // A non-ASCII name first, so columns are no longer byte counts.
    let text = text.replacen("\"id\":", "\"é\": 1, \"id\":", 1);
    let bad = text.rfind("\"lawful_residence\":true").unwrap();
    let text = format!(
        "{}\"lawful_residence\":\"ja\"{}",
        &text[..bad],
        &text[bad + "\"lawful_residence\":true".len()..]
    );
    std::fs::write(&path, &text).unwrap();
    let errors = match crate::model::load_dataset(&dir) {
        Ok(_) => panic!("should not load"),
        Err(e) => e,
    };
    let spans: Vec<_> = errors
        .errors
        .iter()
        .filter_map(|e| e.place().and_then(|p| p.span))
        .collect();
    assert!(
        spans.iter().any(|s| &text[s.range()] == "\"é\""),
        "{}",
        errors.render_text()
    );
    assert!(
        spans.iter().any(|s| &text[s.range()] == "\"ja\""),
        "{}",
        errors.render_text()
    );
}

/// The diagnostics of checking `dir`, rendered, with the folder's own path
/// left out so snapshots do not depend on where the target folder is.
fn check_rendered(dir: &Path) -> String {
    let report = check_paths(&[dir.to_path_buf()]);
    assert!(report.has_errors());
    render_text(&report.sources, &report.diagnostics).replace(&format!("{}/", dir.display()), "")
}

#[test]
fn an_import_chain_deeper_than_the_limit_is_refused_at_its_import() {
    let dir = scratch("import_chain");
    let depth = crate::limits::MAX_IMPORT_DEPTH + 10;
    std::fs::write(
        dir.join("root.rules"),
        "ruleset chain \"Keten\" version \"1\"\nimport \"f1.rules\"\n",
    )
    .unwrap();
    for i in 1..depth {
        let next = i + 1;
        std::fs::write(
            dir.join(format!("f{i}.rules")),
            format!("import \"f{next}.rules\"\n"),
        )
        .unwrap();
    }
    std::fs::write(dir.join(format!("f{depth}.rules")), "").unwrap();
    let rendered = check_rendered(&dir);
    assert_eq!(rendered.matches("error[E0017]").count(), 1, "{rendered}");
    insta::assert_snapshot!(rendered.lines().take(7).collect::<Vec<_>>().join("\n"));
}

#[test]
fn a_rule_set_of_more_files_than_the_limit_is_refused() {
    let dir = scratch("import_many");
    let count = crate::limits::MAX_RULE_SET_FILES + 5;
    let mut root = String::from("ruleset many \"Veel\" version \"1\"\n");
    for i in 0..count {
        root.push_str(&format!("import \"f{i}.rules\"\n"));
        std::fs::write(dir.join(format!("f{i}.rules")), "").unwrap();
    }
    std::fs::write(dir.join("root.rules"), root).unwrap();
    let report = check_paths(std::slice::from_ref(&dir));
    let refused: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "E0017")
        .collect();
    // The root is one of the files: the imports past the limit are refused.
    assert_eq!(refused.len(), count + 1 - crate::limits::MAX_RULE_SET_FILES);
    assert!(refused[0].message.contains("more than 1000 files"));
    assert!(refused.iter().all(|d| d.span.is_some()));
}

#[test]
fn a_rule_file_above_the_size_limit_is_refused_unread() {
    let dir = scratch("large_rule_file");
    let limit = usize::try_from(crate::limits::MAX_RULE_FILE_BYTES).unwrap();
    let text = format!(
        "ruleset big \"Groot\" version \"1\"\n#{}\n",
        "x".repeat(limit)
    );
    std::fs::write(dir.join("big.rules"), text).unwrap();
    let rendered = check_rendered(&dir);
    assert!(rendered.contains("error[E0010]: cannot read"), "{rendered}");
    assert!(
        rendered.contains("it is larger than 4 MiB, the limit for a rule file"),
        "{rendered}"
    );
}

#[test]
fn an_import_of_a_folder_is_refused_as_no_regular_file() {
    let dir = scratch("import_folder");
    std::fs::write(
        dir.join("root.rules"),
        "ruleset f \"Map\" version \"1\"\nimport \"sub\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("sub")).unwrap();
    let rendered = check_rendered(&dir);
    assert!(rendered.contains("error[E0013]"), "{rendered}");
}
