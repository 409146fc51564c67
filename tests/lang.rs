//! `--lang nl`: text output in Dutch, from the same records as English,
//! and the records of the file shown under each fact (evidence). The
//! snapshots are of the Heerlen-Noord scenario on 2026-03-02.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod support;

use support::cli::{SCENARIO, WORKFLOW, run, shown};

fn scenario(extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = extra.iter().map(|s| (*s).to_owned()).collect();
    args.splice(1..1, SCENARIO.iter().map(|s| (*s).to_owned()));
    args
}

fn snapshot(name: &str, extra: &[&str]) {
    let args = scenario(extra);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", shown(&args, &r));
    insta::assert_snapshot!(name, shown(&args, &r));
}

#[test]
fn explain_in_dutch() {
    snapshot(
        "explain_nl_a002_u0101",
        &[
            "explain",
            "--applicant",
            "A-002",
            "--unit",
            "U-0101",
            "--lang",
            "nl",
        ],
    );
}

#[test]
fn eval_in_dutch() {
    snapshot(
        "eval_nl_u0101",
        &["eval", "--unit", "U-0101", "--lang", "nl"],
    );
}

#[test]
fn rank_in_dutch() {
    snapshot(
        "rank_nl_u0101",
        &["rank", "--unit", "U-0101", "--lang", "nl"],
    );
}

#[test]
fn evidence_of_a_screening_incomes_and_registration() {
    snapshot(
        "explain_evidence_a028_u0201",
        &["explain", "--applicant", "A-028", "--unit", "U-0201"],
    );
}

#[test]
fn evidence_in_markdown_in_dutch() {
    snapshot(
        "explain_nl_markdown_a028_u0201",
        &[
            "explain",
            "--applicant",
            "A-028",
            "--unit",
            "U-0201",
            "--format",
            "markdown",
            "--lang",
            "nl",
        ],
    );
}

/// A workflow command on the scenario, in Dutch.
fn workflow(command: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec![command.to_owned()];
    args.extend(WORKFLOW.iter().map(|s| (*s).to_owned()));
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args.extend(["--lang".to_owned(), "nl".to_owned()]);
    args
}

/// `diff` on the scenario in Dutch.
fn diff(extra: &[&str]) -> Vec<String> {
    let mut args = scenario(&["diff"]);
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args.extend(["--lang".to_owned(), "nl".to_owned()]);
    args
}

/// `simulate` of the first half of 2026 with the GMS art. 8 variant, in
/// Dutch.
fn simulate(extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "simulate",
        "--rules",
        "rules/heerlen",
        "--data",
        "fixtures/heerlen-noord",
        "--from",
        "2026-01-01",
        "--until",
        "2026-06-30",
        "--variant",
        "rules/heerlen/variants/gms_art8.variant",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args.extend(["--lang".to_owned(), "nl".to_owned()]);
    args
}

/// The Dutch commands besides `explain`, with the exit code each gives.
fn dutch_commands() -> Vec<(Vec<String>, i32)> {
    vec![
        (simulate(&[]), 0),
        (simulate(&["--explain-household", "A-007"]), 0),
        (
            diff(&["--variant", "rules/heerlen/variants/gms_art8.variant"]),
            0,
        ),
        (
            diff(&[
                "--variant",
                "rules/heerlen/variants/art8_income_only.variant",
                "--period",
                "2026-03-01..2026-03-31",
            ]),
            1,
        ),
        (workflow("validate", &[]), 1),
        (workflow("allocate", &["--until", "2026-03-02"]), 0),
        (
            workflow("report", &["--from", "2025-03-01", "--until", "2026-03-02"]),
            0,
        ),
    ]
}

fn dutch_snapshot(name: &str, args: &[String], code: i32) {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(&args);
    assert_eq!(r.code, code, "{}", shown(&args, &r));
    insta::assert_snapshot!(name, shown(&args, &r));
}

#[test]
fn diff_in_dutch() {
    dutch_snapshot(
        "diff_nl_gms_art8",
        &diff(&["--variant", "rules/heerlen/variants/gms_art8.variant"]),
        0,
    );
}

#[test]
fn diff_with_changed_decisions_and_a_period_in_dutch() {
    dutch_snapshot(
        "diff_nl_art8_income_only_march",
        &diff(&[
            "--variant",
            "rules/heerlen/variants/art8_income_only.variant",
            "--period",
            "2026-03-01..2026-03-31",
        ]),
        1,
    );
}

#[test]
fn simulate_in_dutch() {
    dutch_snapshot("simulate_nl_gms_art8", &simulate(&[]), 0);
}

#[test]
fn simulate_explains_a_household_in_dutch() {
    dutch_snapshot(
        "simulate_nl_explain_a007",
        &simulate(&["--explain-household", "A-007"]),
        0,
    );
}

#[test]
fn validate_in_dutch() {
    dutch_snapshot("validate_nl", &workflow("validate", &[]), 1);
}

#[test]
fn allocate_in_dutch() {
    dutch_snapshot(
        "allocate_nl",
        &workflow("allocate", &["--until", "2026-03-02"]),
        0,
    );
}

#[test]
fn report_in_dutch() {
    dutch_snapshot(
        "report_nl",
        &workflow("report", &["--from", "2025-03-01", "--until", "2026-03-02"]),
        0,
    );
}

/// The words of the vocabularies as rules and data write them; Dutch
/// output says each in Dutch.
const MACHINE_WORDS: [&str; 10] = [
    "social_assistance",
    "self_employment",
    "early_retirement",
    "study_financing",
    "unemployment_benefit",
    "disability_benefit",
    "shelter_after_violence",
    "public_safety",
    "passed",
    "not eligible",
];

#[test]
fn dutch_explanations_never_show_machine_words() {
    let reactions = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/heerlen-noord/reactions.yaml"),
    )
    .unwrap();
    let value: serde_yaml::Value = serde_yaml::from_str(&reactions).unwrap();
    let mut checked = 0;
    for r in value["reactions"].as_sequence().unwrap() {
        let (a, u) = (
            r["applicant"].as_str().unwrap(),
            r["unit"].as_str().unwrap(),
        );
        let args = scenario(&["explain", "--applicant", a, "--unit", u, "--lang", "nl"]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args);
        assert_eq!(out.code, 0, "{}", shown(&args, &out));
        for word in MACHINE_WORDS {
            assert!(
                !out.stdout.contains(word),
                "`{word}` in {}:\n{}",
                args.join(" "),
                out.stdout
            );
        }
        checked += 1;
    }
    assert!(checked > 40);
    for (args, code) in dutch_commands() {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let out = run(&args);
        assert_eq!(out.code, code, "{}", shown(&args, &out));
        for word in MACHINE_WORDS {
            assert!(
                !out.stdout.contains(word),
                "`{word}` in {}:\n{}",
                args.join(" "),
                out.stdout
            );
        }
    }
}

#[test]
fn json_keeps_machine_names_whatever_the_language() {
    let en = scenario(&[
        "explain",
        "--applicant",
        "A-002",
        "--unit",
        "U-0101",
        "--format",
        "json",
    ]);
    let en: Vec<&str> = en.iter().map(String::as_str).collect();
    let mut nl = en.clone();
    nl.extend(["--lang", "nl"]);
    let (en, nl) = (run(&en), run(&nl));
    assert_eq!(en.stdout, nl.stdout);
    assert!(en.stdout.contains("\"record\": \"residence\""));
    assert!(en.stdout.contains("social_assistance"));
}

#[test]
fn workflow_json_keeps_machine_names_whatever_the_language() {
    for (mut nl, _) in dutch_commands() {
        nl.extend(["--format".to_owned(), "json".to_owned()]);
        let en: Vec<String> = nl
            .iter()
            .filter(|a| *a != "--lang" && *a != "nl")
            .cloned()
            .collect();
        let en: Vec<&str> = en.iter().map(String::as_str).collect();
        let nl: Vec<&str> = nl.iter().map(String::as_str).collect();
        assert_eq!(run(&en).stdout, run(&nl).stdout, "{}", nl.join(" "));
    }
}
