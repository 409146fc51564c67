//! Load → write → load gives the same data, for the scenario and for
//! generated populations; and a seed always writes the same bytes.

// Helpers outside `#[test]` functions unwrap too: a failure should be loud.
use std::path::{Path, PathBuf};

use crate::model::{GenerateOptions, generate, load_dataset, to_files, write_dataset};

fn scratch(name: &str) -> PathBuf {
    let dir = super::support::tmp().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn options(seed: u64) -> GenerateOptions {
    GenerateOptions::new(400, 60, seed, "2026-03-02".parse().unwrap())
}

#[test]
fn the_scenario_survives_a_round_trip() {
    let first = load_dataset(Path::new("fixtures/heerlen-noord")).unwrap();
    let dir = scratch("roundtrip-scenario");
    write_dataset(&first.records(), &dir).unwrap();
    let second = load_dataset(&dir).unwrap_or_else(|e| panic!("{}", e.render_text()));
    assert_eq!(first.records(), second.records());
    // Exactly, not only numerically: decimals keep their written scale.
    assert_eq!(
        to_files(&first.records()).unwrap(),
        to_files(&second.records()).unwrap()
    );
}

#[test]
fn generated_populations_load_clean_and_survive_a_round_trip() {
    for seed in [1, 2, 3] {
        let records = generate(&options(seed));
        let dir = scratch(&format!("roundtrip-generated-{seed}"));
        write_dataset(&records, &dir).unwrap();
        let loaded =
            load_dataset(&dir).unwrap_or_else(|e| panic!("seed {seed}:\n{}", e.render_text()));
        assert_eq!(records, loaded.records());
        assert_eq!(
            to_files(&records).unwrap(),
            to_files(&loaded.records()).unwrap()
        );
    }
}

#[test]
fn a_seed_writes_the_same_bytes_every_time() {
    let a = to_files(&generate(&options(42))).unwrap();
    let b = to_files(&generate(&options(42))).unwrap();
    let c = to_files(&generate(&options(43))).unwrap();
    assert_eq!(a, b);
    assert_ne!(a, c);
}
