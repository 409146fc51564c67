//! Rule tests: the Heerlen suite passes and covers every rule; and the runner, from the outside, prints readable diffs
//! and problems with the right exit code (stdout, stderr and exit code
//! snapshotted together for the small suites in `fixtures/ruletest/`).

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::path::Path;
use std::process::Command;

use toewijzer::tools::ruletest::{load_suite, render_text, run_suite};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn exec(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_toewijzer"))
        .args(args)
        .current_dir(root())
        .output()
        .unwrap()
}

fn run(args: &[&str]) -> (i32, String) {
    let output = exec(args);
    let code = output.status.code().unwrap_or(-1);
    let text = format!(
        "## exit\n{code}\n## stdout\n{}## stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    (code, text)
}

/// The ids of every gate, priority, points rule and classification in the
/// Heerlen rule files.
fn rule_ids() -> Vec<String> {
    let mut ids = Vec::new();
    for entry in std::fs::read_dir(root().join("rules/heerlen")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rules") {
            for line in std::fs::read_to_string(&path).unwrap().lines() {
                let mut words = line.split_whitespace();
                if let (Some("gate" | "priority" | "points" | "classify"), Some(id)) =
                    (words.next(), words.next())
                {
                    ids.push(id.to_owned());
                }
            }
        }
    }
    ids.sort();
    ids
}

#[test]
fn the_heerlen_suite_passes_and_covers_every_rule() {
    let mut suite = load_suite(&[root().join("rules/heerlen/tests")]);
    let report = run_suite(&mut suite);
    let text = render_text(&report, &suite.sources);
    assert!(report.errors.is_empty(), "{text}");
    assert_eq!(report.failed(), 0, "{text}");
    assert!(report.passed() >= 60, "{} cases", report.passed());
    assert!(
        text.trim_end()
            .ends_with(&format!("{} passed, 0 failed", report.passed())),
        "{text}"
    );
    let mut all = String::new();
    for file in &suite.files {
        all.push_str(&std::fs::read_to_string(&file.path).unwrap());
    }
    let ids = rule_ids();
    assert!(ids.len() >= 11, "{ids:?}");
    for id in ids {
        assert!(all.contains(&id), "no rule test names `{id}`");
    }
}

#[test]
fn the_default_path_is_the_heerlen_suite_and_exits_0() {
    let (code, text) = run(&["test"]);
    assert_eq!(code, 0, "{text}");
    assert!(
        text.contains("rules/heerlen/tests/wbmgp_art8.yaml"),
        "{text}"
    );
}

#[test]
fn a_passing_suite_exits_0() {
    let (code, text) = run(&["test", "fixtures/ruletest/ok"]);
    assert_eq!(code, 0);
    insta::assert_snapshot!(text);
}

#[test]
fn a_wrong_expectation_fails_with_a_diff_and_the_trace() {
    let (code, text) = run(&["test", "fixtures/ruletest/fail"]);
    assert_eq!(code, 1);
    assert!(text.contains("1 passed, 2 failed\n"), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn bad_test_files_exit_2_with_located_errors() {
    let (code, text) = run(&["test", "fixtures/ruletest/bad"]);
    assert_eq!(code, 2);
    for needle in [
        "bad/unknown_key.yaml:10:7",
        "bad/unknown_key.yaml:14:11",
        "bad/colon.yaml:6:17",
        "bad/unknown_ids.yaml:7:16",
        "bad/unknown_ids.yaml:15:16",
        "bad/unknown_ids.yaml:22:13",
    ] {
        assert!(text.contains(needle), "no `{needle}` in\n{text}");
    }
    insta::assert_snapshot!(text);
}

#[test]
fn a_missing_path_exits_2() {
    let (code, text) = run(&["test", "fixtures/ruletest/no-such-folder"]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("no such file or folder"), "{text}");
}

#[test]
fn files_are_run_in_path_order() {
    let suite = load_suite(&[root().join("rules/heerlen/tests")]);
    let paths: Vec<_> = suite.files.iter().map(|f| f.path.clone()).collect();
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
}

#[test]
fn a_run_with_broken_files_counts_what_did_not_run() {
    let (code, text) = run(&["test", "fixtures/ruletest/bad"]);
    assert_eq!(code, 2);
    let last = text
        .lines()
        .rfind(|l| l.contains(" passed, "))
        .unwrap_or_default();
    assert_eq!(last, "0 passed, 0 failed, 3 not run; 6 errors");
}

/// Standard output alone, for the machine formats.
fn stdout(args: &[&str]) -> (i32, String) {
    let output = exec(args);
    let code = output.status.code().unwrap_or(-1);
    (code, String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn json_and_junit_reports_carry_every_case_and_problem() {
    let (code, json) = stdout(&["test", "--format", "json", "fixtures/ruletest/fail"]);
    assert_eq!(code, 1);
    let value: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(value["passed"], 1);
    assert_eq!(value["failed"], 2);
    let cases = value["cases"].as_array().unwrap();
    assert_eq!(cases.len(), 3);
    assert!(
        cases
            .iter()
            .any(|c| c["outcome"] == "failed" && !c["mismatches"].as_array().unwrap().is_empty())
    );

    let (code, xml) = stdout(&["test", "--format", "junit", "fixtures/ruletest/fail"]);
    assert_eq!(code, 1);
    assert!(xml.starts_with("<?xml"), "{xml}");
    assert!(xml.contains("tests=\"3\" failures=\"2\""), "{xml}");
    assert_eq!(xml.matches("<failure ").count(), 2, "{xml}");
    assert_eq!(xml.matches("<testcase ").count(), 3, "{xml}");
    assert!(xml.trim_end().ends_with("</testsuites>"));

    let (code, xml) = stdout(&["test", "--format", "junit", "fixtures/ruletest/bad"]);
    assert_eq!(code, 2);
    assert!(xml.contains("<testsuite name=\"problems\""), "{xml}");
    insta::assert_snapshot!(xml);
}
