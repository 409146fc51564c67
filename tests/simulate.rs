//! `toewijzer simulate` as a user runs it: the Heerlen-Noord scenario
//! under the baseline and two variants (an art. 8 designation of the GMS
//! complex; a stricter fragile share) in text, Markdown and JSON, one
//! household explained (and redacted), the same seed giving the same
//! bytes, and no progress bar in a pipe.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod support;

use std::path::Path;

use support::cli::{Run, SIMULATED, run_in, shown};

fn run(args: &[&str]) -> Run {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// The scenario's vacancies (2026-02-15 through 2026-04-01) under the
/// baseline and the two variants.
fn with(extra: &[&'static str]) -> Vec<&'static str> {
    let mut args = vec![
        "simulate",
        "--rules",
        "rules/heerlen",
        "--data",
        "fixtures/heerlen-noord",
    ];
    args.extend(SIMULATED);
    args.extend(["--seed", "7"]);
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
    let output = toewijzer::render::simulate::parse_json(&r.stdout).unwrap();
    assert_eq!(
        output.schema_version,
        toewijzer::render::simulate::SIMULATE_SCHEMA_VERSION
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

#[test]
fn allocate_and_simulate_write_no_progress_into_a_pipe() {
    // stderr is a pipe here: the progress bar is for a terminal only.
    let r = run(&[
        "allocate",
        "--rules",
        "rules/heerlen",
        "--data",
        "fixtures/heerlen-noord",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.is_empty(), "{}", r.stderr);
    let r = run(&with(&["--explain-household", "A-054"]));
    assert!(r.stderr.is_empty(), "{}", r.stderr);
}

#[test]
fn the_gms_designation_refuses_a_household_that_is_housed_elsewhere_later() {
    // Wbmgp art. 6 lid 2 with figures: A-054 is housed in GMS under the
    // baseline, refused there under the variant and housed in Meezenbroek.
    let r = run(&with(&["--format", "json"]));
    let output = toewijzer::render::simulate::parse_json(&r.stdout).unwrap();
    let gms = |side: usize| {
        output.sides[side]
            .displacement
            .iter()
            .find(|d| d.under == "wbmgp_art8" && d.buurt == "GMS")
            .map(|d| {
                (
                    d.figures.refused,
                    d.figures.housed_later,
                    d.figures.not_housed,
                )
            })
    };
    assert_eq!(gms(0), None, "the baseline's designation has ended");
    assert_eq!(gms(1), Some((1, 1, 0)));
}

#[test]
fn a_redacted_household_path_names_no_household() {
    let args = with(&["--explain-household", "A-054", "--redact"]);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("redacted: applicant ids are pseudonyms"));
    assert!(r.stdout.contains("Household P-"), "{}", r.stdout);
    for id in ["A-054", "A-016", "A-046"] {
        assert!(!r.stdout.contains(id), "{id} in {}", r.stdout);
    }
    let json = run(&with(&[
        "--explain-household",
        "A-054",
        "--redact",
        "--format",
        "json",
    ]));
    let output = toewijzer::render::simulate::parse_json(&json.stdout).unwrap();
    assert!(output.redacted);
}

#[test]
fn the_baseline_houses_every_household_as_allocate_does() {
    // simulate's baseline is `allocate` over the period with the same seed:
    // every household allocate houses, simulate houses in the same unit on
    // the same day.
    let period = [
        "--from",
        "2026-01-01",
        "--until",
        "2026-06-30",
        "--seed",
        "7",
    ];
    let mut args = vec![
        "allocate",
        "--rules",
        "rules/heerlen",
        "--data",
        "fixtures/heerlen-noord",
        "--format",
        "json",
    ];
    args.extend(period);
    let allocated = run(&args);
    assert_eq!(allocated.code, 0, "{}", allocated.stderr);
    let allocated: serde_json::Value = serde_json::from_str(&allocated.stdout).unwrap();
    let mut housed = 0;
    for v in allocated["vacancies"].as_array().unwrap() {
        let Some(applicant) = v["allocated_to"].as_str() else {
            continue;
        };
        let mut args = vec![
            "simulate",
            "--rules",
            "rules/heerlen",
            "--data",
            "fixtures/heerlen-noord",
            "--format",
            "json",
            "--explain-household",
            applicant,
        ];
        args.extend(period);
        let r = run(&args);
        let output = toewijzer::render::simulate::parse_json(&r.stdout).unwrap();
        let end = &output.household.unwrap().sides[0].end;
        let unit = v["unit"].as_str().unwrap();
        let date = v["date"].as_str().unwrap();
        assert!(
            end.starts_with(&format!("housed in {unit} ("))
                && end.contains(&format!(" on {date},")),
            "{applicant}: allocate {unit} on {date}, simulate {end}"
        );
        housed += 1;
    }
    assert_eq!(housed, 22);
}
