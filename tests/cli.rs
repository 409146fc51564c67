//! The binary as a user runs it: stdout, stderr and the exit code of every
//! command on the Heerlen-Noord scenario, snapshotted together; an error
//! case per command; determinism; and `verify` catching every kind of change.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::path::{Path, PathBuf};

mod support;

use support::cli::{EVAL_BAD_RULES, Run, SCENARIO, run, run_in, shown};

fn scenario<'a>(command: &'a str, extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec![command];
    args.extend(SCENARIO);
    args.extend(extra);
    args
}

fn snapshot(name: &str, args: &[&str]) -> Run {
    let r = run(args);
    insta::assert_snapshot!(name, shown(args, &r));
    r
}

#[test]
fn no_arguments_tours_the_scenario() {
    let r = snapshot("demo", &[]);
    assert_eq!(r.code, 0);
}

#[test]
fn eval_decides_a_unit() {
    let r = snapshot("eval_unit_text", &scenario("eval", &["--unit", "U-0101"]));
    assert_eq!(r.code, 0);
}

#[test]
fn eval_json_of_one_traced_decision() {
    let args = scenario(
        "eval",
        &[
            "--unit",
            "U-0102",
            "--applicant",
            "A-010",
            "--trace",
            "--format",
            "json",
        ],
    );
    let r = snapshot("eval_one_traced_json", &args);
    assert_eq!(r.code, 0);
}

#[test]
fn eval_names_an_unknown_unit() {
    let r = snapshot(
        "eval_unknown_unit",
        &scenario("eval", &["--unit", "U-9999"]),
    );
    assert_eq!(r.code, 2);
}

#[test]
fn eval_json_is_byte_identical_across_runs() {
    let args = scenario("eval", &["--format", "json", "--trace"]);
    let (a, b) = (run(&args), run(&args));
    assert_eq!(a.code, 0);
    assert!(a.stdout.len() > 1000);
    assert_eq!(a.stdout, b.stdout);
}

#[test]
fn eval_redacted_names_nobody() {
    let args = scenario("eval", &["--format", "json", "--trace", "--redact"]);
    let r = run(&args);
    assert_eq!(r.code, 0);
    assert!(!r.stdout.contains("\"A-0"), "an applicant id leaked");
    assert!(!r.stdout.contains("applicant.birth_date"));
    assert!(r.stdout.contains("\"redacted\": true"));
    let other = run(&scenario(
        "eval",
        &["--format", "json", "--redact", "--redact-key", "secret"],
    ));
    let first = |s: &str| {
        s.split("\"applicant\": ")
            .nth(1)
            .map(|t| t[..16].to_owned())
    };
    assert_ne!(
        first(&r.stdout),
        first(&other.stdout),
        "the key changes pseudonyms"
    );
}

#[test]
fn explain_traces_one_decision() {
    let args = scenario("explain", &["--applicant", "A-002", "--unit", "U-0101"]);
    let r = snapshot("explain_text", &args);
    assert_eq!(r.code, 0);
}

#[test]
fn explain_refuses_a_bad_date() {
    let args = [
        "explain",
        "--rules",
        "rules/heerlen",
        "--data",
        "fixtures/heerlen-noord",
        "--date",
        "2026-02-30",
        "--applicant",
        "A-001",
        "--unit",
        "U-0101",
    ];
    let r = snapshot("explain_bad_date", &args);
    assert_eq!(r.code, 2);
}

#[test]
fn every_date_option_reads_dates_one_way() {
    // The same words as the data loader and the rule tests use.
    for (date, said) in [
        (
            "02-03-2026",
            "dates are written year first: did you mean `2026-03-02`?",
        ),
        ("2026-02-30", "February 2026 has 28 days"),
        (
            "2026-3-2",
            "the month and the day are written with two digits: did you mean `2026-03-02`?",
        ),
    ] {
        for args in [
            scenario("eval", &[])
                .into_iter()
                .map(|a| if a == "2026-03-02" { date } else { a })
                .collect::<Vec<_>>(),
            vec![
                "report",
                "--rules",
                "rules/heerlen",
                "--data",
                "fixtures/heerlen-noord",
                "--from",
                date,
                "--until",
                "2026-12-31",
            ],
            vec![
                "allocate",
                "--rules",
                "rules/heerlen",
                "--data",
                "fixtures/heerlen-noord",
                "--until",
                date,
            ],
        ] {
            let r = run(&args);
            assert_eq!(r.code, 2, "{args:?}");
            assert!(r.stderr.contains(said), "{args:?}: {}", r.stderr);
        }
    }
}

#[test]
fn rank_shows_who_is_out_and_why() {
    let r = snapshot("rank_text", &scenario("rank", &["--unit", "U-0101"]));
    assert_eq!(r.code, 0);
}

#[test]
fn rank_as_an_auditors_report() {
    let args = scenario("rank", &["--unit", "U-0401", "--format", "markdown"]);
    let r = snapshot("rank_markdown", &args);
    assert_eq!(r.code, 0);
}

#[test]
fn rank_refuses_a_missing_data_folder() {
    let args = [
        "rank",
        "--rules",
        "rules/heerlen",
        "--data",
        "fixtures/nowhere",
        "--date",
        "2026-03-02",
        "--unit",
        "U-0101",
    ];
    let r = snapshot("rank_missing_folder", &args);
    assert_eq!(r.code, 2);
}

#[test]
fn bench_reports_both_paths_and_refuses_a_missing_folder() {
    // Timings are never snapshotted: only that both paths are measured.
    let r = run(&scenario("bench", &["--runs", "1"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("trace off"));
    assert!(r.stdout.contains("trace on"));
    assert!(r.stdout.contains(" applicants × 25 units)"));
    let args = [
        "bench",
        "--rules",
        "rules/nowhere",
        "--data",
        "fixtures/heerlen-noord",
        "--date",
        "2026-03-02",
    ];
    let r = snapshot("bench_missing_rules", &args);
    assert_eq!(r.code, 2);
}

/// A copy of the rules and the scenario in a fresh folder, to change.
fn workspace(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("toewijzer-cli-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (from, to) in [
        ("rules/heerlen", "rules"),
        ("fixtures/heerlen-noord", "data"),
    ] {
        std::fs::create_dir_all(dir.join(to)).unwrap();
        for entry in std::fs::read_dir(root.join(from)).unwrap() {
            let path = entry.unwrap().path();
            // The rule files and data files only, not tests or READMEs.
            if path.is_file()
                && path
                    .extension()
                    .is_some_and(|e| e == "rules" || e == "yaml")
            {
                std::fs::copy(&path, dir.join(to).join(path.file_name().unwrap())).unwrap();
            }
        }
    }
    dir
}

const COPY: [&str; 6] = ["--rules", "rules", "--data", "data", "--date", "2026-03-02"];

/// Writes `eval --format json --out out.json` in `dir` (traced, one unit).
fn record(dir: &Path) {
    let mut args = vec!["eval"];
    args.extend(COPY);
    args.extend([
        "--unit", "U-0101", "--unit", "U-0401", "--trace", "--format", "json", "--out", "out.json",
    ]);
    let r = run_in(dir, &args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, "");
}

fn verify(dir: &Path) -> (Vec<&'static str>, Run) {
    let args = vec!["verify", "out.json", "--rules", "rules", "--data", "data"];
    let r = run_in(dir, &args);
    (args, r)
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{from} not in {}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

#[test]
fn verify_accepts_an_unchanged_run() {
    let dir = workspace("unchanged");
    record(&dir);
    let (args, r) = verify(&dir);
    insta::assert_snapshot!("verify_unchanged", shown(&args, &r));
    assert_eq!(r.code, 0);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn verify_matches_files_by_their_place_in_the_folder() {
    let dir = workspace("spelling");
    record(&dir);
    // Another spelling of the same folders, and another working folder.
    let spelled = [
        "verify", "out.json", "--rules", "./rules/", "--data", "./data",
    ];
    let r = run_in(&dir, &spelled);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.starts_with("unchanged:"), "{}", r.stdout);
    std::fs::create_dir_all(dir.join("elsewhere")).unwrap();
    let from_elsewhere = [
        "verify",
        "../out.json",
        "--rules",
        "../rules",
        "--data",
        "../data",
    ];
    let r = run_in(&dir.join("elsewhere"), &from_elsewhere);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    // Folders renamed and named by their full path: still the same files.
    std::fs::rename(dir.join("rules"), dir.join("regels")).unwrap();
    let renamed = dir.join("regels").display().to_string();
    let r = run_in(
        &dir,
        &["verify", "out.json", "--rules", &renamed, "--data", "data"],
    );
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn verify_names_a_file_that_moved_unchanged() {
    let dir = workspace("moved");
    record(&dir);
    std::fs::create_dir_all(dir.join("rules/instruments")).unwrap();
    std::fs::rename(
        dir.join("rules/wbmgp.rules"),
        dir.join("rules/instruments/wbmgp.rules"),
    )
    .unwrap();
    edit(
        &dir.join("rules/heerlen.rules"),
        "import \"wbmgp.rules\"",
        "import \"instruments/wbmgp.rules\"",
    );
    let (args, r) = verify(&dir);
    insta::assert_snapshot!("verify_moved_rule", shown(&args, &r));
    // The root file changed (its import); the moved file did not.
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("changed rule file `rules/heerlen.rules`"));
    assert!(r.stdout.contains(
        "moved rule file `rules/wbmgp.rules` to `rules/instruments/wbmgp.rules`, unchanged"
    ));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn verify_refuses_the_json_of_allocate_with_a_hint() {
    let dir = workspace("allocate_json");
    let r = run_in(
        &dir,
        &[
            "allocate", "--rules", "rules", "--data", "data", "--format", "json", "--out",
            "out.json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let (_, r) = verify(&dir);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is not recomputed"), "{}", r.stderr);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn verify_detects_a_changed_rule_file() {
    let dir = workspace("rules");
    record(&dir);
    // The art. 8 residence requirement from six years to five.
    edit(&dir.join("rules/wbmgp.rules"), "= 6 years", "= 5 years");
    let (args, r) = verify(&dir);
    insta::assert_snapshot!("verify_changed_rule", shown(&args, &r));
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("changed rule file `rules/wbmgp.rules`"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn verify_detects_a_changed_input_file() {
    let dir = workspace("input");
    record(&dir);
    // Even a comment changes the hash: the file is not the one recorded.
    let text = std::fs::read_to_string(dir.join("data/units.yaml")).unwrap();
    std::fs::write(dir.join("data/units.yaml"), format!("{text}\n# changed\n")).unwrap();
    let (args, r) = verify(&dir);
    insta::assert_snapshot!("verify_changed_input", shown(&args, &r));
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("changed input file `data/units.yaml`"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn verify_detects_an_edited_decision() {
    let dir = workspace("decision");
    record(&dir);
    edit(
        &dir.join("out.json"),
        "\"eligible\": false",
        "\"eligible\": true",
    );
    let (args, r) = verify(&dir);
    insta::assert_snapshot!("verify_edited_decision", shown(&args, &r));
    assert_eq!(r.code, 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn verify_refuses_a_file_that_is_not_an_output() {
    let dir = workspace("garbage");
    std::fs::write(dir.join("out.json"), "{\"decisions\": []}").unwrap();
    let (args, r) = verify(&dir);
    insta::assert_snapshot!("verify_not_an_output", shown(&args, &r));
    assert_eq!(r.code, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn rule_errors_are_diagnostics_and_bad_input() {
    let r = snapshot("eval_rule_error", &EVAL_BAD_RULES);
    assert_eq!(r.code, 2);
}

#[test]
fn explain_names_an_unknown_applicant() {
    let args = scenario("explain", &["--applicant", "A-999", "--unit", "U-0101"]);
    let r = snapshot("explain_unknown_applicant", &args);
    assert_eq!(r.code, 2);
}

/// Parses a JSON output.
fn output(text: &str) -> toewijzer::EvalOutput {
    toewijzer::render::json::parse(text).unwrap()
}

#[test]
fn tracing_changes_no_decision() {
    let plain = output(&run(&scenario("eval", &["--format", "json"])).stdout);
    let mut traced = output(&run(&scenario("eval", &["--format", "json", "--trace"])).stdout);
    assert!(
        traced
            .decisions
            .iter()
            .any(|d| d.rules.iter().any(|r| !r.trace.is_empty()))
    );
    for d in &mut traced.decisions {
        for rule in &mut d.rules {
            rule.trace.clear();
        }
    }
    assert_eq!(plain.decisions, traced.decisions);
}

#[test]
fn verify_reproduces_a_redacted_run_with_its_key() {
    let dir = workspace("redacted");
    let mut args = vec!["eval"];
    args.extend(COPY);
    args.extend([
        "--trace",
        "--redact",
        "--redact-key",
        "k1",
        "--format",
        "json",
        "--out",
        "out.json",
    ]);
    assert_eq!(run_in(&dir, &args).code, 0);
    let with_key = [
        "verify",
        "out.json",
        "--rules",
        "rules",
        "--data",
        "data",
        "--redact-key",
        "k1",
    ];
    let r = run_in(&dir, &with_key);
    assert_eq!(r.code, 0, "{}", r.stdout);
    // Without the key, or with another, the pseudonyms match nobody: one
    // error about the key, not a difference per decision.
    let (args, r) = verify(&dir);
    insta::assert_snapshot!("verify_without_the_redaction_key", shown(&args, &r));
    assert_eq!(r.code, 2);
    let mut wrong = with_key;
    wrong[7] = "k2";
    let r = run_in(&dir, &wrong);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("the key given"), "{}", r.stderr);
    assert_eq!(r.stdout, "");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn verify_reproduces_a_ranking_and_catches_a_swap() {
    let dir = workspace("ranking");
    let mut args = vec!["rank"];
    args.extend(COPY);
    args.extend(["--unit", "U-0401", "--format", "json"]);
    let r = run_in(&dir, &args);
    assert_eq!(r.code, 0);
    std::fs::write(dir.join("out.json"), &r.stdout).unwrap();
    assert_eq!(verify(&dir).1.code, 0);
    let swapped = r.stdout.replacen("\"rank\": 1", "\"rank\": 9", 1);
    std::fs::write(dir.join("out.json"), swapped).unwrap();
    let (args, r) = verify(&dir);
    insta::assert_snapshot!("verify_edited_ranking", shown(&args, &r));
    assert_eq!(r.code, 1);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn eval_says_why_nothing_was_decided() {
    // A-045 did not react to U-0101; naming both decides the pair anyway.
    let args = scenario("eval", &["--applicant", "A-045", "--unit", "U-0101"]);
    let r = run(&args);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("A-045 → U-0101"), "{}", r.stdout);
    // H-001 is a past tenant who reacted to nothing.
    let args = scenario("eval", &["--applicant", "H-001"]);
    let r = run(&args);
    assert_eq!(r.code, 0);
    assert!(r.stderr.contains("no reaction matches"), "{}", r.stderr);
}

#[test]
fn eval_redacted_shows_pseudonyms_only() {
    // Eval of one unit carries its ranking, redacted with it.
    let args = scenario("eval", &["--unit", "U-0401", "--redact"]);
    let r = snapshot("eval_redacted_text", &args);
    assert_eq!(r.code, 0);
    assert!(!r.stdout.contains("A-0"));
}

/// Streamed `eval` output is the same on one thread and three (the
/// streaming itself is held to the in-memory run in `tests/unit/stream.rs`).
#[test]
fn eval_writes_the_same_bytes_on_one_thread_and_three() {
    let base = [&["eval"][..], &SCENARIO, &["--format", "json", "--trace"]].concat();
    let one = run(&[&base[..], &["--threads", "1"]].concat());
    let three = run(&[&base[..], &["--threads", "3"]].concat());
    assert_eq!(one.code, 0, "{}", one.stderr);
    assert_eq!(one.stdout, three.stdout);
    assert!(one.stdout.ends_with("}\n"));
}

/// `bench-workflows` runs the workflows it times on the scenario and prints
/// each figure (what the figures are is not tested: timings live in
/// benchmarks, never in tests).
#[test]
fn bench_workflows_times_the_workflows_it_is_given() {
    let r = run(&[
        "bench-workflows",
        "--rules",
        "rules/heerlen",
        "--data",
        "fixtures/heerlen-noord",
        "--period",
        "2026-01-01..2026-12-31",
        "--date",
        "2026-03-02",
        "--variant",
        "rules/heerlen/variants/fragile_strict.variant",
        "--runs",
        "1",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for label in [
        "machine: ",
        "vacancies",
        "load (check rules, read data)",
        "allocate, loading apart",
        "allocate as one command (load + allocate)",
        "simulate, baseline + 1 variant(s)",
        "diff on 2026-03-02, 1 variant(s)",
        "peak memory of this process",
    ] {
        assert!(r.stdout.contains(label), "{label} in {}", r.stdout);
    }
}
