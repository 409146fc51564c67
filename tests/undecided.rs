//! A calculation in a rule that has no result (an overflow, a division by
//! zero, a date off the calendar) leaves the decision unmade: every command
//! stops with E0604 at the calculation, and no output shows the pair as
//! refused (issue 13: "money overflow inside a rule evaluates to absent, so a
//! gate fails without an error").

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::path::{Path, PathBuf};

mod support;

use support::cli::{run_in, scenario_dir, scratch, shown};
use toewijzer::pipeline::FaultKind;

const DATE: &str = "2026-03-02";

/// A rule set of one gate requiring `condition`.
fn rule_set(name: &str, condition: &str) -> PathBuf {
    let dir = scratch("undecided", name);
    let text = format!(
        "ruleset sums \"Rekenen\" version \"1\"\n\n\
         designation fragile \"Kwetsbaar\" source \"testregel\"\n\n\
         gate sum \"Een berekening\"\n  source \"testregel\"\n  require {condition}\n"
    );
    std::fs::write(dir.join("sums.rules"), text).unwrap();
    dir
}

/// Far past the range of exact decimals (about 7.9 × 10²⁸) for any rent.
const OVERFLOW: &str = "unit.rent * 1000000000 * 1000000000 * 1000000000 > €0";

fn faults_of(rules: &Path, condition_kind: FaultKind) {
    let inputs = toewijzer::pipeline::load_inputs(rules, &scenario_dir()).unwrap_or_else(|e| {
        panic!("{}", e.render());
    });
    let engine = inputs.engine(DATE.parse().unwrap(), 1).unwrap();
    let (a, u) = engine.default_pairs().first().copied().unwrap();
    // The fast path (staged parts) and the traced path agree: no decision.
    let decision = engine.decide(a, u);
    assert_eq!(decision.fault.map(|f| f.kind), Some(condition_kind));
    assert!(!decision.eligible, "an undecided pair is never eligible");
    let record = engine.record(a, u, true);
    assert!(!record.eligible);
    let error = engine.faults().settled().unwrap_err();
    let diagnostics = error.diagnostics();
    assert_eq!(
        diagnostics.len(),
        1,
        "one error per calculation: {diagnostics:?}"
    );
    assert_eq!(diagnostics[0].code, "E0604");
    assert!(diagnostics[0].span.is_some(), "located at the calculation");
}

#[test]
fn an_overflow_in_a_rule_leaves_the_decision_unmade() {
    faults_of(&rule_set("overflow", OVERFLOW), FaultKind::Overflow);
}

#[test]
fn a_division_by_zero_leaves_the_decision_unmade() {
    faults_of(
        &rule_set(
            "division",
            "unit.rent / divisor > €0\n\nparam divisor: integer \"Deler\" source \"testregel\" = 0 from 2024-01-01",
        ),
        FaultKind::DivisionByZero,
    );
}

#[test]
fn an_absent_operand_is_absent_not_a_fault() {
    // Most applicants have no urgency: the calculation reads nothing and
    // the gate fails as it always did, without an error.
    let rules = rule_set(
        "absent",
        "applicant.urgency.granted_on + 1 month > reference_date",
    );
    let inputs = toewijzer::pipeline::load_inputs(&rules, &scenario_dir()).unwrap_or_else(|e| {
        panic!("{}", e.render());
    });
    let engine = inputs.engine(DATE.parse().unwrap(), 1).unwrap();
    for (a, u) in engine.default_pairs() {
        assert_eq!(engine.decide(a, u).fault, None);
    }
    assert!(engine.faults().is_empty());
}

/// `allocate` writes each vacancy as it fills it; a run that cannot decide
/// a candidate still writes nothing, to stdout or to its `--out` file,
/// which is neither left half-written nor lost: an earlier file there is
/// still there, unchanged.
#[test]
fn a_streamed_allocation_that_cannot_decide_writes_nothing() {
    let rules = rule_set("streamed", OVERFLOW);
    let rules = rules.to_str().unwrap();
    let data = scenario_dir();
    let data = data.to_str().unwrap();
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = scratch("undecided", "streamed-out");
    let out = dir.join("run.out");
    let out_arg = out.to_str().unwrap();
    for format in ["json", "csv", "text", "markdown", "html"] {
        for earlier in [None, Some("an earlier run\n")] {
            let _ = std::fs::remove_file(&out);
            if let Some(text) = earlier {
                std::fs::write(&out, text).unwrap();
            }
            for to_file in [false, true] {
                let mut args = vec!["allocate", "--rules", rules, "--data", data];
                args.extend(["--format", format]);
                if to_file {
                    args.extend(["--out", out_arg]);
                }
                let run = run_in(here, &args);
                assert_eq!(run.code, 2, "{}", shown(&args, &run));
                assert!(run.stdout.is_empty(), "{}", run.stdout);
                assert!(run.stderr.contains("error[E0604]"), "{}", run.stderr);
                let left = std::fs::read_to_string(&out).ok();
                assert_eq!(left.as_deref(), earlier, "{}", shown(&args, &run));
            }
        }
        let entries: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
        assert!(entries.len() <= 1, "no partial file is left: {entries:?}");
    }
}

#[test]
fn every_command_that_decides_stops_with_the_calculation_located() {
    let rules = rule_set("commands", OVERFLOW);
    let rules = rules.to_str().unwrap();
    let data = scenario_dir();
    let data = data.to_str().unwrap();
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut shots = String::new();
    for command in [
        vec!["eval"],
        vec!["explain", "--applicant", "A-001", "--unit", "U-0101"],
        vec!["rank", "--unit", "U-0101"],
        vec!["letter", "--applicant", "A-001", "--unit", "U-0101"],
        vec!["allocate"],
    ] {
        let mut args = command.clone();
        args.extend(["--rules", rules, "--data", data, "--date", DATE]);
        if command == ["allocate"] {
            args.truncate(args.len() - 2);
        }
        let run = run_in(here, &args);
        assert_eq!(run.code, 2, "{}", shown(&args, &run));
        assert!(
            run.stdout.is_empty(),
            "no decisions are written: {}",
            run.stdout
        );
        assert!(run.stderr.contains("error[E0604]"), "{}", run.stderr);
        assert!(run.stderr.contains("sums.rules:7:"), "{}", run.stderr);
        shots.push_str(&format!(
            "$ toewijzer {}\n{}\n",
            command.join(" "),
            run.stderr
        ));
    }
    let shots = shots.replace(rules, "RULES");
    insta::assert_snapshot!(shots);
}

#[test]
fn a_rule_test_whose_decision_has_no_result_is_an_error_not_a_failure() {
    let rules = rule_set("ruletest", OVERFLOW);
    let data = scenario_dir();
    std::fs::write(
        rules.join("sum.yaml"),
        format!(
            "rules: .\ndata: {}\ndate: {DATE}\ncases:\n  - name: the sum\n    \
             applicant: A-001\n    unit: U-0101\n    expect:\n      eligible: false\n",
            data.display()
        ),
    )
    .unwrap();
    let file = rules.join("sum.yaml");
    let args = ["test", file.to_str().unwrap()];
    let run = run_in(&rules, &args);
    assert_eq!(run.code, 2, "{}", shown(&args, &run));
    let all = format!("{}{}", run.stdout, run.stderr);
    assert!(all.contains("this calculation has no result"), "{all}");
    assert!(all.contains("(in `unit.rent * 1000000000"), "{all}");
    assert!(
        !all.contains("1 passed"),
        "an undecided case never passes: {all}"
    );
}
