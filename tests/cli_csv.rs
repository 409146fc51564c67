//! CSV on the command line: `convert` both ways, never into a folder that
//! holds files, and `eval` deciding a CSV folder exactly as its YAML.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing)]

mod support;

use support::cli::{run, scratch};

/// The output of `eval` on `data` without its header, which names the
/// input files and their hashes.
fn decisions(data: &str, format: &str) -> String {
    let r = run(&[
        "eval",
        "--rules",
        "rules/heerlen",
        "--data",
        data,
        "--date",
        "2026-03-02",
        "--format",
        format,
    ]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let mut json: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    json.as_object_mut().unwrap().remove("header");
    serde_json::to_string_pretty(&json).unwrap()
}

#[test]
fn convert_goes_both_ways_and_eval_decides_alike() {
    let csv = scratch("cli-csv", "scenario");
    let yaml = scratch("cli-csv", "scenario-yaml");
    let (csv_s, yaml_s) = (csv.to_str().unwrap(), yaml.to_str().unwrap());
    let r = run(&["convert", "fixtures/heerlen-noord", csv_s, "--to", "csv"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(&["convert", csv_s, yaml_s, "--to", "yaml"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let original = decisions("fixtures/heerlen-noord", "json");
    assert!(
        decisions(csv_s, "json") == original,
        "CSV decides otherwise"
    );
    assert!(
        decisions(yaml_s, "json") == original,
        "YAML from CSV decides otherwise"
    );
}

#[test]
fn convert_never_writes_into_a_folder_with_files() {
    let r = run(&[
        "convert",
        "fixtures/heerlen-noord",
        "fixtures/csv/ok/comma",
        "--to",
        "csv",
    ]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "error: `fixtures/csv/ok/comma` is not empty; convert into a new or empty folder, so no file is overwritten\n"
    );
}

/// `--format csv` of `command` on the scenario, stdout and exit code.
fn csv_report(command: &str, extra: &[&str]) -> String {
    let mut args = vec![
        command,
        "--rules",
        "rules/heerlen",
        "--data",
        "fixtures/heerlen-noord",
        "--format",
        "csv",
    ];
    args.extend(extra);
    let r = run(&args);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    format!("exit {}\n{}", r.code, r.stdout)
}

#[test]
fn eval_writes_one_row_per_decision() {
    let out = csv_report("eval", &["--date", "2026-03-02"]);
    // The header and the first decisions: a passed one and failed ones with
    // their articles.
    let head: Vec<&str> = out.lines().take(6).collect();
    insta::assert_snapshot!(head.join("\n"));
    // RFC 4180: every record ends in CRLF.
    let body = out.split_once('\n').unwrap().1;
    assert_eq!(body.matches("\r\n").count(), body.matches('\n').count());
}

#[test]
fn validate_and_allocate_write_csv() {
    insta::assert_snapshot!("validate", csv_report("validate", &[]));
    insta::assert_snapshot!("allocate", csv_report("allocate", &[]));
}
