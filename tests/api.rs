//! The library's facade answers as the command line does: the JSON of each
//! facade answer is byte for byte what the matching command writes with
//! `--format json` on the Heerlen-Noord scenario, and each failure is the
//! diagnostic the command prints.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod support;

use chrono::NaiveDate;
use support::cli::{EVAL_BAD_RULES, SCENARIO, SIMULATED, WORKFLOW, run};
use toewijzer::{Data, RuleSet, Simulation};

const SEED: u64 = 20_260_302;

fn json<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap();
    text.push('\n');
    text
}

/// What the command writes with `--format json`: exit 0, or 1 for a
/// `validate` that found a proposal not complying.
fn cli_json(args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    let r = run(&all);
    assert!(
        r.code == 0 || (args[0] == "validate" && r.code == 1),
        "{}",
        r.stderr
    );
    r.stdout
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn inputs() -> (RuleSet, Data) {
    let rules = RuleSet::load("rules/heerlen").unwrap();
    let data = Data::load(&rules, "fixtures/heerlen-noord").unwrap();
    (rules, data)
}

#[test]
fn decide_all_and_rank_write_what_eval_and_rank_write() {
    let (rules, data) = inputs();
    let compiled = rules.compile(&data, date("2026-03-02"), 0).unwrap();
    let mut eval = vec!["eval"];
    eval.extend(SCENARIO);
    assert_eq!(json(&compiled.decide_all().unwrap()), cli_json(&eval));
    let mut rank = vec!["rank", "--unit", "U-0101"];
    rank.extend(SCENARIO);
    assert_eq!(json(&compiled.rank("U-0101").unwrap()), cli_json(&rank));
    let traced = rules
        .compile(&data, date("2026-03-02"), 0)
        .unwrap()
        .with_trace(true);
    let mut one = vec![
        "eval",
        "--applicant",
        "A-001",
        "--unit",
        "U-0101",
        "--trace",
    ];
    one.extend(SCENARIO);
    let written: serde_json::Value = serde_json::from_str(&cli_json(&one)).unwrap();
    let decided = serde_json::to_value(traced.decide("A-001", "U-0101").unwrap()).unwrap();
    assert_eq!(decided, written["decisions"][0]);
}

#[test]
fn validate_and_allocate_write_what_the_commands_write() {
    let (rules, data) = inputs();
    let mut validate = vec!["validate"];
    validate.extend(WORKFLOW);
    let verdicts = rules.validate(&data, SEED).unwrap();
    assert_eq!(json(&verdicts), cli_json(&validate));
    let mut allocate = vec!["allocate"];
    allocate.extend(WORKFLOW);
    let allocation = rules.allocate(&data, None, None, SEED).unwrap();
    assert_eq!(json(&allocation), cli_json(&allocate));
}

#[test]
fn a_simulation_writes_what_simulate_writes() {
    let mut simulate = vec!["simulate"];
    simulate.extend(WORKFLOW);
    simulate.extend(SIMULATED);
    let output = Simulation::new(
        "rules/heerlen",
        "fixtures/heerlen-noord",
        date("2026-01-01"),
        date("2026-06-30"),
    )
    .variant("rules/heerlen/variants/gms_art8.variant")
    .variant("rules/heerlen/variants/fragile_strict.variant")
    .seed(SEED)
    .run()
    .unwrap();
    assert_eq!(json(&output), cli_json(&simulate));
}

#[test]
fn each_failure_renders_as_the_command_prints_it() {
    let bad = RuleSet::load("fixtures/check/err/unknown_field.rules").unwrap_err();
    let r = run(&EVAL_BAD_RULES);
    assert_eq!(r.code, 2);
    assert_eq!(bad.render(), r.stderr);
    assert_eq!(bad.to_string(), r.stderr.trim_end());
    let (rules, data) = inputs();
    let compiled = rules.compile(&data, date("2026-03-02"), 0).unwrap();
    let unknown = compiled.decide("A-999", "U-0101").unwrap_err();
    let mut eval = vec!["eval", "--applicant", "A-999"];
    eval.extend(SCENARIO);
    assert_eq!(unknown.render(), run(&eval).stderr);
    assert!(compiled.rank("U-9999").is_err());
    assert!(Data::load(&rules, "fixtures/no-such-folder").is_err());
}
