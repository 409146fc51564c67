//! The allocation workflows as a user runs them: `allocate`, `validate` and
//! `report` on the Heerlen-Noord scenario, stdout, stderr and the exit code
//! snapshotted together, with a bad-input case for each.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod support;

use support::cli::{WORKFLOW as INPUTS, run};

/// The run of `args` as the snapshots show it, with its exit code.
fn shown(args: &[&str]) -> (i32, String) {
    let r = run(args);
    (r.code, support::cli::shown(args, &r))
}

fn with_inputs<'a>(command: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![command];
    args.extend(INPUTS);
    args.extend(extra);
    args
}

#[test]
fn validate_exits_1_when_a_proposal_does_not_comply() {
    let (code, text) = shown(&with_inputs("validate", &[]));
    assert_eq!(code, 1);
    insta::assert_snapshot!(text);
}

#[test]
fn validate_reads_proposals_from_their_own_file() {
    let (code, text) = shown(&with_inputs(
        "validate",
        &["--proposals", "fixtures/proposals/teacher.yaml"],
    ));
    assert_eq!(code, 0, "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn a_missing_proposals_file_is_bad_input() {
    let (code, text) = shown(&with_inputs(
        "validate",
        &["--proposals", "fixtures/proposals/no-such-file.yaml"],
    ));
    assert_eq!(code, 2);
    insta::assert_snapshot!(text);
}

#[test]
fn a_basis_naming_nothing_declared_is_bad_input_with_a_hint() {
    let (code, text) = shown(&with_inputs(
        "validate",
        &["--proposals", "fixtures/proposals/typo.yaml"],
    ));
    assert_eq!(code, 2, "{text}");
    assert!(
        text.contains("did you mean `{tailored: referral}`?"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn allocate_fills_the_vacancies_in_date_order() {
    let (code, text) = shown(&with_inputs("allocate", &["--until", "2026-03-02"]));
    assert_eq!(code, 0);
    insta::assert_snapshot!(text);
}

#[test]
fn allocate_on_a_missing_folder_is_bad_input() {
    let (code, text) = shown(&[
        "allocate",
        "--rules",
        "rules/heerlen",
        "--data",
        "fixtures/nowhere",
    ]);
    assert_eq!(code, 2);
    insta::assert_snapshot!(text);
}

#[test]
fn a_period_report_in_markdown() {
    let (code, text) = shown(&with_inputs(
        "report",
        &[
            "--from",
            "2025-03-01",
            "--until",
            "2026-03-02",
            "--format",
            "markdown",
        ],
    ));
    assert_eq!(code, 0);
    insta::assert_snapshot!(text);
}

#[test]
fn a_period_report_as_text_has_no_markdown() {
    let (code, text) = shown(&with_inputs(
        "report",
        &["--from", "2025-03-01", "--until", "2026-03-02"],
    ));
    assert_eq!(code, 0);
    let stdout = text.split("--- stderr").next().unwrap_or_default();
    assert!(
        !stdout.contains('|') && !stdout.contains('#') && !stdout.contains("**"),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn a_period_that_runs_backwards_or_outside_the_term_is_refused() {
    let (code, text) = shown(&with_inputs(
        "report",
        &["--from", "2026-06-01", "--until", "2026-01-01"],
    ));
    assert_eq!(code, 2);
    insta::assert_snapshot!("report_backwards", text);
    let (code, text) = shown(&with_inputs(
        "report",
        &["--from", "2020-01-01", "--until", "2020-12-31"],
    ));
    assert_eq!(code, 2);
    insta::assert_snapshot!("report_outside_the_term", text);
    // Partly outside: reported, with a warning naming the term.
    let (code, text) = shown(&with_inputs(
        "report",
        &["--from", "2024-01-01", "--until", "2026-03-02"],
    ));
    assert_eq!(code, 0);
    assert!(
        text.contains("warning: the period 2024-01-01 to 2026-03-02 reaches outside the rule set's term: the rule set `heerlen` is in force from 2024-03-26 until 2028-03-25"),
        "{text}"
    );
}

#[test]
fn an_impossible_date_is_bad_input() {
    let (code, text) = shown(&with_inputs("report", &["--from", "2025-02-30"]));
    assert_eq!(code, 2);
    insta::assert_snapshot!(text);
}

#[test]
fn validate_in_markdown_carries_each_decision_with_its_trace() {
    let (code, text) = shown(&with_inputs(
        "validate",
        &[
            "--proposals",
            "fixtures/proposals/teacher.yaml",
            "--format",
            "markdown",
        ],
    ));
    assert_eq!(code, 0);
    assert!(text.contains("### A-013 → U-0402: eligible"), "{text}");
    insta::assert_snapshot!(text);
}
