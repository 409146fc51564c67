//! YAML → CSV → YAML gives the records it started from, for the scenario
//! and for generated populations, and eval decides both kinds of folder
//! byte for byte alike.

use super::support;

use std::path::{Path, PathBuf};

use support::scratch;

use crate::model::csv::{to_csv_files, write_csv_dataset};
use crate::model::{GenerateOptions, Records, generate, load_dataset, write_dataset};

/// Writes `records` as CSV into `name`, reads them back, and checks that
/// they are equal and that writing them again gives the same bytes.
fn round_trip(records: &Records, name: &str) -> PathBuf {
    let dir = scratch("csv-roundtrip", name);
    write_csv_dataset(records, &dir).unwrap();
    let back = match load_dataset(&dir) {
        Ok(d) => d,
        Err(e) => panic!("{name} should read back:\n{}", e.render_text()),
    };
    assert_eq!(&back.records(), records, "{name}");
    assert_eq!(
        to_csv_files(&back.records()).unwrap(),
        to_csv_files(records).unwrap()
    );
    dir
}

#[test]
fn the_scenario_survives_yaml_to_csv_and_back() {
    let first = load_dataset(Path::new("fixtures/heerlen-noord")).unwrap();
    let csv = round_trip(&first.records(), "csv-scenario");
    let yaml = scratch("csv-roundtrip", "scenario-yaml");
    write_dataset(&load_dataset(&csv).unwrap().records(), &yaml).unwrap();
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
