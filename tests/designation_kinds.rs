//! Designation kinds declared in the rule set (issue 15): a municipality
//! adds a kind (`seniors`) without a release, rules read it like the
//! Wbmgp's, and data naming a kind the rule set does not declare is refused
//! at its place.

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

const DATE: &str = "2026-03-02";

/// The scenario's data with complex C-01 also designated `kind` from 2025.
fn data_with(name: &str, kind: &str) -> PathBuf {
    let dir = scratch("designation_kinds", name);
    for f in std::fs::read_dir(scenario_dir()).unwrap() {
        let f = f.unwrap().path();
        std::fs::copy(&f, dir.join(f.file_name().unwrap())).unwrap();
    }
    let complexes = std::fs::read_to_string(dir.join("complexes.yaml")).unwrap();
    let complexes = complexes.replacen(
        "    designations:\n      - kind: fragile\n",
        &format!(
            "    designations:\n      - kind: {kind}\n        from: 2025-01-01\n        \
             decision: Collegebesluit 2024-12 (synthetisch)\n      - kind: fragile\n"
        ),
        1,
    );
    std::fs::write(dir.join("complexes.yaml"), complexes).unwrap();
    dir
}

/// A rule set declaring `seniors` and reading it in a gate.
fn rules(name: &str) -> PathBuf {
    let dir = scratch("designation_kinds", &format!("{name}-rules"));
    std::fs::write(
        dir.join("seniors.rules"),
        "ruleset seniors \"Seniorencomplexen\" version \"1\"\n\n\
         designation fragile \"Kwetsbaar complex\" source \"Prestatieafspraken Parkstad Limburg 2024-2028\"\n\n\
         designation seniors \"Complex voor ouderen\"\n  source \"Collegebesluit 2024-12 (synthetisch)\"\n\n\
         gate senior_age \"Ten minste 55 jaar in een seniorencomplex\"\n  source \"Collegebesluit 2024-12 (synthetisch)\"\n  \
         applies when unit.complex designated seniors\n  require applicant.age >= 55 years\n",
    )
    .unwrap();
    dir
}

#[test]
fn a_declared_kind_is_read_like_the_wbmgps() {
    let data = data_with("declared", "seniors");
    let rules = rules("declared");
    let inputs = toewijzer::pipeline::load_inputs(&rules, &data).unwrap_or_else(|e| {
        panic!("{}", e.render());
    });
    let rule_set = inputs.rule_set().unwrap();
    let kinds: Vec<&str> = rule_set
        .designation_kinds
        .iter()
        .map(|k| k.name.as_str())
        .collect();
    assert_eq!(
        kinds,
        [
            "wbmgp_art8",
            "wbmgp_art9",
            "wbmgp_art10",
            "fragile",
            "seniors"
        ]
    );
    let engine = inputs.engine(DATE.parse().unwrap(), 1).unwrap();
    let mut applied = 0;
    for (a, u) in engine.default_pairs() {
        let record = engine.record(a, u, true);
        let unit = &inputs.data.units()[u];
        let in_c01 = unit.complex == "C-01";
        let gate = &record.rules[0];
        assert_eq!(
            gate.outcome != toewijzer::records::Outcome::NotApplicable,
            in_c01,
            "the gate applies exactly in the designated complex: {} {}",
            record.applicant,
            record.unit
        );
        if in_c01 {
            applied += 1;
        }
    }
    assert!(applied > 0, "the scenario has reactions on C-01");
}

#[test]
fn data_naming_an_undeclared_kind_is_refused_at_its_place() {
    let data = data_with("undeclared", "senoirs");
    let rules = rules("undeclared");
    let args = [
        "eval",
        "--rules",
        rules.to_str().unwrap(),
        "--data",
        data.to_str().unwrap(),
        "--date",
        DATE,
    ];
    let run = run_in(Path::new(env!("CARGO_MANIFEST_DIR")), &args);
    assert_eq!(run.code, 2, "{}", shown(&args, &run));
    assert!(run.stdout.is_empty());
    let stderr = run.stderr.replace(data.to_str().unwrap(), "DATA");
    insta::assert_snapshot!(stderr);
}

#[test]
fn check_data_checks_kinds_against_the_rule_set_it_is_given() {
    let data = data_with("check-data", "senoirs");
    let rules = rules("check-data");
    let here = Path::new(env!("CARGO_MANIFEST_DIR"));
    let without = run_in(here, &["check-data", data.to_str().unwrap()]);
    assert_eq!(without.code, 0, "any kind is taken without a rule set");
    assert!(without.stderr.contains("designation kinds not checked"));
    let with = run_in(
        here,
        &[
            "check-data",
            data.to_str().unwrap(),
            "--rules",
            rules.to_str().unwrap(),
        ],
    );
    assert_eq!(with.code, 2);
    assert!(with.stdout.contains("error[E0527]"), "{}", with.stdout);
    assert!(
        with.stdout.contains("did you mean `seniors`?"),
        "{}",
        with.stdout
    );
}
