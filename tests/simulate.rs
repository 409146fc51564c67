//! `toewijzer simulate` as a user runs it: the Heerlen-Noord scenario
//! under the baseline and two variants (an art. 8 designation of the GMS
//! complex; a stricter fragile share) in text, Markdown and JSON, one
//! household explained, and the same seed giving the same bytes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod support;

use std::path::Path;

use support::cli::{Run, run_in, shown};

fn run(args: &[&str]) -> Run {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// The scenario's vacancies (2026-02-15 through 2026-04-01) under the
/// baseline and the two variants.
const ARGS: [&str; 15] = [
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
    "--variant",
    "rules/heerlen/variants/fragile_strict.variant",
    "--seed",
    "7",
];

fn with(extra: &[&'static str]) -> Vec<&'static str> {
    let mut args = ARGS.to_vec();
    args.extend(extra);
    args
}

#[test]
fn text() {
    let args = with(&[]);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.is_empty(),
        "no progress in piped output: {}",
        r.stderr
    );
    insta::assert_snapshot!("text", shown(&args, &r));
}

#[test]
fn markdown() {
    let args = with(&["--format", "markdown"]);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    insta::assert_snapshot!("markdown", shown(&args, &r));
}

#[test]
fn json_has_its_schema_version_and_reads_back() {
    let args = with(&["--format", "json"]);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let output = toewijzer::simulate::render_json::parse(&r.stdout).unwrap();
    assert_eq!(
        output.schema_version,
        toewijzer::simulate::SIMULATE_SCHEMA_VERSION
    );
    assert_eq!(output.sides.len(), 3);
    for side in &output.sides {
        for d in &side.displacement {
            assert_eq!(
                d.figures.refused,
                d.figures.housed_later + d.figures.not_housed
            );
        }
        assert_eq!(side.households, side.housed + side.unhoused);
    }
}

#[test]
fn explain_household() {
    let args = with(&["--explain-household", "A-007"]);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let at = r
        .stdout
        .find("Household A-007")
        .expect("the household section");
    insta::assert_snapshot!("explain_a007", &r.stdout[at..]);
}

#[test]
fn same_seed_same_bytes_for_any_threads() {
    let one = run(&with(&["--format", "json"]));
    let two = run(&with(&["--format", "json", "--threads", "2"]));
    assert_eq!(one.code, 0);
    assert_eq!(one.stdout, two.stdout);
    assert_eq!(one.stdout, run(&with(&["--format", "json"])).stdout);
}

#[test]
fn an_unknown_household_is_bad_input() {
    let r = run(&with(&["--explain-household", "A-999"]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("A-999"), "{}", r.stderr);
}
