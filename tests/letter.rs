//! `toewijzer letter` on the Heerlen-Noord scenario: one snapshot per
//! refusal path (art. 8, art. 10, registration, household fit), reviewed
//! line by line; the HTML page; every refusal of the run into a folder,
//! each letter holding its own applicant only; and the refusals to write.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::collections::BTreeSet;

mod support;

use support::cli::{Run, SCENARIO, run, scratch, shown};

fn letter<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["letter"];
    args.extend(SCENARIO);
    args.extend(extra);
    args
}

/// The letter for one pair, snapshotted with its exit code; the letter
/// states the outcome, a reason with its basis, the objection route with
/// its term and body, the date and the signing role.
fn refusal(name: &str, applicant: &str, unit: &str) -> Run {
    let args = letter(&["--applicant", applicant, "--unit", unit]);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for needed in [
        "## Ons besluit",
        &format!("U komt niet in aanmerking voor woning {unit}."),
        "Deze regel staat in:",
        "Binnen zes weken.",
        "Stuur uw bezwaar naar: College van burgemeester en wethouders van Heerlen",
        "**Datum:** 2 maart 2026",
        "namens deze,",
        "artikel 6:4, 6:5, 6:7, 6:8 en 6:9",
    ] {
        assert!(r.stdout.contains(needed), "{name}: no `{needed}`");
    }
    insta::assert_snapshot!(name, shown(&args, &r));
    r
}

#[test]
fn art8_refusal_states_residence_income_and_the_hardship_route() {
    let r = refusal("art8_short_of_six_years", "A-002", "U-0101");
    assert!(
        r.stdout
            .contains("5 jaar, 11 maanden en 27 dagen (van 3 maart 2020")
    );
    assert!(r.stdout.contains("bijstand"));
    assert!(r.stdout.contains("hardheidsclausule (Wbmgp art. 8 lid 2)"));
}

#[test]
fn art8_refusal_without_any_residence() {
    let r = refusal("art8_no_residence", "A-011", "U-0101");
    assert!(r.stdout.contains("geen enkele dag"));
}

#[test]
fn art10_refusal_names_no_other_member() {
    let r = refusal("art10_screening", "A-024", "U-0201");
    assert!(
        !r.stdout.contains("Wat kunt u doen?"),
        "art. 10 has no hardship route in the rules"
    );
}

#[test]
fn registration_refusal() {
    refusal("registration", "A-023", "U-0404");
}

#[test]
fn household_fit_refusal() {
    refusal("household_fit", "A-021", "U-0302");
}

#[test]
fn the_html_letter_is_one_self_contained_page() {
    let args = letter(&[
        "--applicant",
        "A-024",
        "--unit",
        "U-0201",
        "--format",
        "html",
    ]);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("<!DOCTYPE html>"));
    assert!(r.stdout.contains("@media print"));
    for external in ["<link", "<script", "src=", "href=", "url("] {
        assert!(!r.stdout.contains(external), "external asset: {external}");
    }
    insta::assert_snapshot!("html_art10", shown(&args, &r));
}

#[test]
fn an_eligible_pair_gets_no_refusal_letter() {
    let args = letter(&["--applicant", "A-001", "--unit", "U-0101"]);
    let r = run(&args);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    insta::assert_snapshot!("eligible", shown(&args, &r));
}

#[test]
fn without_authority_or_letter_text_nothing_is_written() {
    let args = [
        "letter",
        "--rules",
        "fixtures/letter/bare.rules",
        "--data",
        "fixtures/heerlen-noord",
        "--date",
        "2026-03-02",
        "--applicant",
        "A-021",
        "--unit",
        "U-0302",
    ];
    let r = run(&args);
    assert_eq!(r.code, 2);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("E0702") && r.stderr.contains("E0703"));
    insta::assert_snapshot!("bare_rules", shown(&args, &r));
}

/// Every `A-…` id a text names.
fn applicants_named(text: &str) -> BTreeSet<String> {
    let mut ids = BTreeSet::new();
    let bytes = text.as_bytes();
    for (i, _) in text.match_indices("A-") {
        let digits: String = text[i + 2..]
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if !digits.is_empty() && (i == 0 || !bytes[i - 1].is_ascii_alphanumeric()) {
            ids.insert(format!("A-{digits}"));
        }
    }
    ids
}

#[test]
fn every_refusal_of_the_run_gets_its_own_file() {
    let dir = scratch("letter", "out-dir");
    let out = dir.join("brieven");
    let out_s = out.to_str().unwrap();
    let args = letter(&["--out-dir", out_s]);
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);

    let eval = run(&[
        "eval",
        SCENARIO[0],
        SCENARIO[1],
        SCENARIO[2],
        SCENARIO[3],
        SCENARIO[4],
        SCENARIO[5],
        "--format",
        "json",
    ]);
    let json: serde_json::Value = serde_json::from_str(&eval.stdout).unwrap();
    let refused: BTreeSet<String> = json["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["eligible"] == false)
        .map(|d| {
            format!(
                "besluit-{}-{}.md",
                d["applicant"].as_str().unwrap(),
                d["unit"].as_str().unwrap()
            )
        })
        .collect();
    let written: BTreeSet<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(written, refused, "one letter per refusal");
    assert_eq!(written.len(), 16);
    for name in &written {
        let text = std::fs::read_to_string(out.join(name)).unwrap();
        let own = name
            .split('-')
            .skip(1)
            .take(2)
            .collect::<Vec<_>>()
            .join("-");
        let named = applicants_named(&text);
        assert_eq!(
            named,
            BTreeSet::from([own.clone()]),
            "{name} names {named:?}"
        );
    }
    assert!(r.stderr.contains("16 letters written"), "{}", r.stderr);

    // A second run does not overwrite silently.
    let again = run(&args);
    assert_eq!(again.code, 2);
    assert!(again.stderr.contains("nothing written"), "{}", again.stderr);
    assert!(again.stderr.contains("--force"));

    let mut forced = args.clone();
    forced.push("--force");
    let r = run(&forced);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("16 replaced"), "{}", r.stderr);
}

#[test]
fn a_symbolic_link_in_the_folder_is_not_written_through() {
    let dir = scratch("letter", "symlink");
    let outside = dir.join("outside.md");
    std::fs::write(&outside, "keep").unwrap();
    let out = dir.join("brieven");
    std::fs::create_dir_all(&out).unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&outside, out.join("besluit-A-002-U-0101.md")).unwrap();
    let args = letter(&[
        "--out-dir",
        out.to_str().unwrap(),
        "--unit",
        "U-0101",
        "--force",
    ]);
    let r = run(&args);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(r.stderr.contains("symbolic link"), "{}", r.stderr);
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "keep");
}
