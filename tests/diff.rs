//! `toewijzer diff` as a user runs it: the example variants of Heerlen on
//! the Heerlen-Noord scenario (reference date 2026-03-02), every broken
//! variant refused with a located error, a rule set diffed with itself
//! empty, every reported change what two separate `eval` runs give, and
//! the same inputs giving the same bytes.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod support;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde_json::Value;
use support::cli::{Run, run_in, scratch, shown};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Run {
    run_in(root(), args)
}

const BASE: [&str; 6] = [
    "diff",
    "--rules",
    "rules/heerlen",
    "--data",
    "fixtures/heerlen-noord",
    "--date",
];

fn diff_args<'a>(date: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = BASE.to_vec();
    args.push(date);
    args.extend(extra);
    args
}

/// The variant against the baseline on 2026-03-02, with March allocated.
fn in_march(variant: &str) -> Vec<&str> {
    diff_args(
        "2026-03-02",
        &["--variant", variant, "--period", "2026-03-01..2026-03-31"],
    )
}

fn snapshot(name: &str, args: &[&str]) -> Run {
    let r = run(args);
    insta::assert_snapshot!(name, shown(args, &r));
    r
}

#[test]
fn gms_art8_changes_no_decision_on_the_reference_date_but_the_march_allocation() {
    // C-02 is designated under art. 8 through 2026-03-02 already: no
    // decision of the reference date changes. U-0203 comes free on
    // 2026-03-03, when only the variant's designation holds: it refuses
    // A-054 (social assistance, under six years in Parkstad) there, U-0203
    // goes to A-016, and A-054 is housed in U-0403 on 2026-03-15 instead.
    let r = snapshot(
        "gms_art8_2026_03_02",
        &in_march("rules/heerlen/variants/gms_art8.variant"),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("· 0 changed"));
    assert!(r.stdout.contains("2 let differently"));
    assert!(
        r.stdout
            .contains("U-0203 C-02: A-054 (rank 1, urgency) → A-016 (rank 1)")
    );
}

#[test]
fn gms_art8_refuses_seekers_without_a_listed_source_the_day_after() {
    // On 2026-03-03 the baseline's designation of C-02 has ended; the
    // variant's holds. The art. 8 cast of the scenario against U-0203.
    let mut extra = vec![
        "--variant",
        "rules/heerlen/variants/gms_art8.variant",
        "--unit",
        "U-0203",
    ];
    for a in [
        "A-001", "A-002", "A-005", "A-007", "A-008", "A-009", "A-010", "A-012", "A-016", "A-017",
        "A-054",
    ] {
        extra.extend(["--applicant", a]);
    }
    let r = snapshot(
        "gms_art8_2026_03_03_u0203",
        &diff_args("2026-03-03", &extra),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
}

#[test]
fn a_stricter_fragile_share_refuses_no_one() {
    let r = snapshot(
        "fragile_strict_2026_03_02",
        &in_march("rules/heerlen/variants/fragile_strict.variant"),
    );
    // Only where the fragile complexes stand against the minimum changes.
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.contains("· 0 changed"));
    assert!(r.stdout.contains("0 let differently"));
}

#[test]
fn art8_without_residence_refuses_the_long_resident_on_social_assistance() {
    let r = snapshot(
        "art8_income_only_2026_03_02",
        &in_march("rules/heerlen/variants/art8_income_only.variant"),
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
}

#[test]
fn several_variants_in_one_run_in_markdown() {
    let args = diff_args(
        "2026-03-02",
        &[
            "--variant",
            "rules/heerlen/variants/art8_income_only.variant",
            "--variant",
            "rules/heerlen/variants/fragile_strict.variant",
            "--format",
            "markdown",
        ],
    );
    let r = run(&args);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let md = &r.stdout;
    assert!(md.starts_with("# What the variants change"));
    let first = md.find("## Variant `art8_income_only`").unwrap();
    let second = md.find("## Variant `fragile_strict`").unwrap();
    assert!(first < second);
    assert!(md.contains("| `rules/heerlen/variants/art8_income_only.variant` | added |"));
    assert!(md.contains("#### A-001 → U-0101"));
    assert!(md.contains("```diff\n"));
}

#[test]
fn every_broken_variant_is_refused_with_a_located_error() {
    insta::glob!("../fixtures/variant/err", "*.variant", |path| {
        let rel = path.strip_prefix(root()).unwrap().display().to_string();
        let args = diff_args("2026-03-02", &["--variant", &rel]);
        let r = run(&args);
        assert_eq!(r.code, 2, "{rel}: {}", r.stdout);
        assert!(r.stdout.is_empty());
        assert!(r.stderr.starts_with("error["), "{rel}: {}", r.stderr);
        assert!(r.stderr.contains(" --> "), "{rel}: unlocated: {}", r.stderr);
        insta::assert_snapshot!(shown(&args, &r));
    });
}

#[test]
fn the_same_inputs_give_the_same_bytes() {
    for format in ["json", "text", "markdown"] {
        let args = diff_args(
            "2026-03-02",
            &[
                "--variant",
                "rules/heerlen/variants/art8_income_only.variant",
                "--variant",
                "rules/heerlen/variants/gms_art8.variant",
                "--period",
                "2026-03-01..2026-03-31",
                "--format",
                format,
            ],
        );
        let (a, b) = (run(&args), run(&args));
        assert_eq!(a.code, 1, "{}", a.stderr);
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
}

#[test]
fn the_json_carries_its_schema_version_and_both_headers() {
    let args = diff_args(
        "2026-03-02",
        &[
            "--variant",
            "rules/heerlen/variants/art8_income_only.variant",
            "--format",
            "json",
        ],
    );
    let r = run(&args);
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["baseline"]["reference_date"], "2026-03-02");
    let c = &json["comparisons"][0];
    assert_eq!(c["variant"]["name"], "art8_income_only");
    let files: Vec<&str> = c["header"]["rule_files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(files.contains(&"rules/heerlen/variants/art8_income_only.variant"));
    assert_eq!(
        c["changed"].as_u64().unwrap() as usize,
        c["decisions"].as_array().unwrap().len()
    );
    // What the library reads back is what it wrote.
    let back = toewijzer::render::diff::parse_json(&r.stdout).unwrap();
    assert_eq!(toewijzer::render::diff::json(&back).unwrap(), r.stdout);
}

#[test]
fn check_of_the_rule_folder_does_not_read_the_variants() {
    let r = run(&["check", "rules/heerlen", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(!r.stdout.contains(".variant"));
}

/// A copy of `rules/heerlen` in `dir` with `edit` applied to `file`.
fn edited_rules(dir: &Path, file: &str, from: &str, to: &str) -> PathBuf {
    let target = dir.join("heerlen");
    std::fs::create_dir_all(&target).unwrap();
    for entry in std::fs::read_dir(root().join("rules/heerlen")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rules") {
            let mut text = std::fs::read_to_string(&path).unwrap();
            if path.file_name().is_some_and(|n| n == file) {
                assert!(text.contains(from), "{file} has no `{from}`");
                text = text.replace(from, to);
            }
            std::fs::write(target.join(path.file_name().unwrap()), text).unwrap();
        }
    }
    target
}

/// Per (applicant, unit) what `eval --format json` decided: eligibility,
/// failing gates, group, points, labels, and the rank in the unit's ranking.
fn eval_decisions(rules: &Path, data: &Path, date: &str) -> BTreeMap<(String, String), Value> {
    let r = run(&[
        "eval",
        "--rules",
        rules.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--date",
        date,
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    let mut ranks = BTreeMap::new();
    for ranking in json["rankings"].as_array().unwrap() {
        for c in ranking["candidates"].as_array().unwrap() {
            ranks.insert(
                (
                    c["applicant"].as_str().unwrap().to_owned(),
                    ranking["unit"].as_str().unwrap().to_owned(),
                ),
                c["rank"].clone(),
            );
        }
    }
    let mut out = BTreeMap::new();
    for d in json["decisions"].as_array().unwrap() {
        let key = (
            d["applicant"].as_str().unwrap().to_owned(),
            d["unit"].as_str().unwrap().to_owned(),
        );
        let rank = ranks.get(&key).cloned().unwrap_or(Value::Null);
        out.insert(
            key,
            serde_json::json!({
                "eligible": d["eligible"],
                "failed": d["failed"],
                "priority": d["priority"],
                "points": d["points"],
                "classifications": d["classifications"],
                "rank": rank,
            }),
        );
    }
    out
}

/// `diff --rules-new` of `new` against `rules`, and the same pairs from two
/// separate `eval` runs: see [`holds_to`].
fn holds_to_two_evals(rules: &Path, new: &Path, data: &Path, date: &str) -> usize {
    let old_eval = eval_decisions(rules, data, date);
    let new_eval = eval_decisions(new, data, date);
    let r = run(&[
        "diff",
        "--rules",
        rules.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--date",
        date,
        "--rules-new",
        new.to_str().unwrap(),
        "--format",
        "json",
    ]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    holds_to(&old_eval, &new_eval, &json["comparisons"][0])
}

/// The pairs a comparison reports are exactly those the two evals decide
/// differently, each field old → new as the evals give it; returns how
/// many changed.
fn holds_to(
    old_eval: &BTreeMap<(String, String), Value>,
    new_eval: &BTreeMap<(String, String), Value>,
    c: &Value,
) -> usize {
    let mut reported = BTreeMap::new();
    for d in c["decisions"].as_array().unwrap() {
        let key = (
            d["applicant"].as_str().unwrap().to_owned(),
            d["unit"].as_str().unwrap().to_owned(),
        );
        reported.insert(key, d.clone());
    }
    assert_eq!(old_eval.len(), new_eval.len());
    assert_eq!(c["pairs"].as_u64().unwrap() as usize, old_eval.len());
    let mut changed = 0;
    for (key, old) in old_eval {
        let new = &new_eval[key];
        match reported.get(key) {
            None => assert_eq!(old, new, "{key:?} changed but is not reported"),
            Some(d) => {
                assert_ne!(old, new, "{key:?} is reported but did not change");
                changed += 1;
                for f in d["changes"].as_array().unwrap() {
                    let field = f["field"].as_str().unwrap();
                    let words = |v: &Value| match field {
                        "eligible" => v["eligible"].to_string(),
                        "failed" => {
                            let ids: Vec<&str> = v["failed"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .map(|x| x.as_str().unwrap())
                                .collect();
                            if ids.is_empty() {
                                "none".into()
                            } else {
                                ids.join(", ")
                            }
                        }
                        "priority" => v["priority"].as_str().unwrap_or("none").to_owned(),
                        "rank" => v["rank"]
                            .as_u64()
                            .map_or_else(|| "not eligible".into(), |n| n.to_string()),
                        other => {
                            let points = other.strip_prefix("points ");
                            let list = if points.is_some() {
                                &v["points"]
                            } else {
                                &v["classifications"]
                            };
                            let rule = points.unwrap_or(other);
                            let item = list
                                .as_array()
                                .unwrap()
                                .iter()
                                .find(|x| x["rule"] == rule)
                                .unwrap();
                            if points.is_some() {
                                item["total"].to_string()
                            } else {
                                item["label"].as_str().unwrap().to_owned()
                            }
                        }
                    };
                    assert_eq!(f["old"].as_str().unwrap(), words(old), "{key:?} {field}");
                    assert_eq!(f["new"].as_str().unwrap(), words(new), "{key:?} {field}");
                }
            }
        }
    }
    assert_eq!(changed, reported.len());
    changed
}

const INCOME_ONLY_FROM: &str = "require applicant.residence_before_application(parkstad) >= art8_residence\n       or applicant.has_income";
const INCOME_ONLY_TO: &str = "require applicant.has_income";

#[test]
fn a_rule_set_diffed_with_itself_is_empty() {
    let mut args = diff_args("2026-03-02", &["--rules-new", "rules/heerlen"]);
    args.push("--every-applicant");
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("· 0 changed"), "{}", r.stdout);
    // A variant that changes nothing: every pair the same, with March.
    let dir = scratch("diff", "empty-variant");
    let variant = dir.join("nothing.variant");
    std::fs::write(
        &variant,
        "variant nothing \"Niets\" source \"test\" amends heerlen\n",
    )
    .unwrap();
    let mut args = in_march(variant.to_str().unwrap());
    args.push("--every-applicant");
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("· 0 changed"), "{}", r.stdout);
    assert!(r.stdout.contains("0 let differently"), "{}", r.stdout);
}

#[test]
fn every_change_is_what_two_separate_evals_give_on_the_scenario() {
    let dir = scratch("diff", "scenario");
    let new = edited_rules(&dir, "wbmgp.rules", INCOME_ONLY_FROM, INCOME_ONLY_TO);
    let data = root().join("fixtures/heerlen-noord");
    let changed = holds_to_two_evals(&root().join("rules/heerlen"), &new, &data, "2026-03-02");
    assert!(changed > 0);
    // The variant that says the same thing reports the same pairs.
    let variant = run(&diff_args(
        "2026-03-02",
        &[
            "--variant",
            "rules/heerlen/variants/art8_income_only.variant",
            "--format",
            "json",
        ],
    ));
    let json: Value = serde_json::from_str(&variant.stdout).unwrap();
    assert_eq!(
        json["comparisons"][0]["changed"].as_u64().unwrap() as usize,
        changed
    );
}

#[test]
fn a_designation_variant_holds_to_evals_on_a_data_folder_changed_by_hand() {
    // The variant designates Park Eikenderveld (C-07) under art. 8; the
    // same designation written into a copy of complexes.yaml, decided by
    // two separate evals, must give the same changes.
    let dir = scratch("diff", "designation");
    let data = dir.join("data");
    std::fs::create_dir_all(&data).unwrap();
    let scenario = root().join("fixtures/heerlen-noord");
    for entry in std::fs::read_dir(&scenario).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            std::fs::copy(&path, data.join(path.file_name().unwrap())).unwrap();
        }
    }
    let complexes = std::fs::read_to_string(data.join("complexes.yaml")).unwrap();
    let owner = "  - id: C-07\n    name: Park Eikenderveld\n    buurt: BU09170107\n    municipality: Heerlen\n    owner:\n      name: Woonstichting Parkstad-Noord\n      kind: corporation\n";
    assert!(complexes.contains(owner));
    let designated = format!(
        "{owner}    designations:\n      - kind: wbmgp_art8\n        from: 2026-01-01\n        until: 2029-12-31\n        decision: test\n"
    );
    std::fs::write(
        data.join("complexes.yaml"),
        complexes.replace(owner, &designated),
    )
    .unwrap();
    let variant = dir.join("c07.variant");
    std::fs::write(
        &variant,
        "variant c07 \"C-07 art. 8\" source \"test\" amends heerlen\n\
         designate complex C-07 wbmgp_art8 from 2026-01-01 until 2029-12-31 source \"test\"\n",
    )
    .unwrap();
    let rules = root().join("rules/heerlen");
    let old_eval = eval_decisions(&rules, &scenario, "2026-03-02");
    let new_eval = eval_decisions(&rules, &data, "2026-03-02");
    let r = run(&diff_args(
        "2026-03-02",
        &["--variant", variant.to_str().unwrap(), "--format", "json"],
    ));
    assert_eq!(r.code, 1, "{}", r.stderr);
    let json: Value = serde_json::from_str(&r.stdout).unwrap();
    let changed = holds_to(&old_eval, &new_eval, &json["comparisons"][0]);
    assert!(changed > 0);
}

#[test]
fn on_generated_populations_self_diffs_are_empty_and_changes_hold_to_eval() {
    // A small property test over seeds: generated folders of every shape the
    // generator makes, the rule set against itself and against an edit.
    let rules = root().join("rules/heerlen");
    for seed in ["3", "17", "2026"] {
        let dir = scratch("diff", &format!("generated-{seed}"));
        let data = dir.join("data");
        let g = run(&[
            "generate",
            "--applicants",
            "150",
            "--units",
            "6",
            "--reactions-per-vacancy",
            "40",
            "--seed",
            seed,
            "--out",
            data.to_str().unwrap(),
        ]);
        assert_eq!(g.code, 0, "{}", g.stderr);
        assert_eq!(holds_to_two_evals(&rules, &rules, &data, "2026-03-02"), 0);
        let new = edited_rules(&dir, "wbmgp.rules", INCOME_ONLY_FROM, INCOME_ONLY_TO);
        holds_to_two_evals(&rules, &new, &data, "2026-03-02");
        let stricter = edited_rules(
            &dir.join("stricter"),
            "fragile.rules",
            "= 1 from 2024-01-01",
            "= 2 from 2024-01-01",
        );
        holds_to_two_evals(&rules, &stricter, &data, "2026-03-02");
    }
}
