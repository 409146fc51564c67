//! YAML → CSV → YAML gives the records it started from, for the scenario
//! and for generated populations, and eval decides both kinds of folder
//! byte for byte alike.

// Helpers outside `#[test]` functions unwrap too: a failure should be loud.
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::path::{Path, PathBuf};

use toewijzer::model::csv::{to_csv_files, write_csv_dataset};
use toewijzer::model::{GenerateOptions, Records, generate, load_dataset, write_dataset};

fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Writes `records` as CSV into `name`, reads them back, and checks that
/// they are equal and that writing them again gives the same bytes.
fn round_trip(records: &Records, name: &str) -> PathBuf {
    let dir = scratch(name);
    write_csv_dataset(records, &dir).unwrap();
    let back = match load_dataset(&dir) {
        Ok(d) => d,
        Err(e) => panic!("{name} should read back:\n{}", e.render_text()),
    };
    assert_eq!(back.records(), records, "{name}");
    assert_eq!(
        to_csv_files(back.records()).unwrap(),
        to_csv_files(records).unwrap()
    );
    dir
}

#[test]
fn the_scenario_survives_yaml_to_csv_and_back() {
    let first = load_dataset(Path::new("fixtures/heerlen-noord")).unwrap();
    let csv = round_trip(first.records(), "csv-scenario");
    let yaml = scratch("csv-scenario-yaml");
    write_dataset(load_dataset(&csv).unwrap().records(), &yaml).unwrap();
    assert_eq!(load_dataset(&yaml).unwrap().records(), first.records());
}

#[test]
fn generated_folders_survive_yaml_to_csv_and_back() {
    for seed in [1, 7, 42, 2026] {
        let options = GenerateOptions::new(60, 30, seed, "2026-03-02".parse().unwrap());
        let records = generate(&options);
        round_trip(&records, &format!("csv-generated-{seed}"));
    }
}
