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

use support::cli::{SCENARIO, run, shown};

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
