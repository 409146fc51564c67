//! CSV data folders in, diagnostics out: the good fixtures under
//! `fixtures/csv/ok/` load (a `;`-separated one with decimal commas to the
//! same records as a `,`-separated one), and every bad one under
//! `fixtures/csv/err/` fails with errors at their cells (snapshotted).

#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use std::path::{Path, PathBuf};

use toewijzer::diagnostics::ToDiagnostic;
use toewijzer::model::{load_dataset, load_dataset_for};

fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_path_buf()
}

#[test]
fn good_folders_load_clean_and_alike() {
    let load = |dir: &str| match load_dataset(Path::new(dir)) {
        Ok(d) => d,
        Err(e) => panic!("{dir} should load clean:\n{}", e.render_text()),
    };
    let comma = load("fixtures/csv/ok/comma");
    let semicolons = load("fixtures/csv/ok/semicolons");
    assert_eq!(comma.records(), semicolons.records());
    let income = &comma.applicants()[0].household.members[0].incomes[0];
    assert_eq!(income.yearly.to_string(), "31250.50");
}

const HEERLEN_KINDS: &[&str] = &["wbmgp_art8", "wbmgp_art9", "wbmgp_art10", "fragile"];

#[test]
fn bad_folders_fail_at_their_cells() {
    insta::glob!("../fixtures/csv/err", "*/case.md", |case| {
        let dir = relative(case.parent().unwrap());
        let description = std::fs::read_to_string(case).unwrap();
        let errors = match load_dataset_for(&dir, None, Some(HEERLEN_KINDS)) {
            Ok(_) => panic!("{} should fail to load", dir.display()),
            Err(e) => e,
        };
        assert!(!errors.errors.is_empty());
        for e in &errors.errors {
            let d = e.to_diagnostic();
            if let Some(place) = e.place() {
                let span = place.span.expect("a problem in a file has a span");
                assert_eq!(span.file, place.file);
                assert_eq!(d.span.map(|s| s.file), Some(place.file));
                let name = errors
                    .sources
                    .get(place.file)
                    .unwrap()
                    .path
                    .display()
                    .to_string();
                assert!(name.ends_with(".csv"), "{name}");
            }
        }
        let snapshot = format!(
            "## Case\n{}\n## Errors\n{}",
            description.trim_end(),
            errors.render_text()
        );
        insta::assert_snapshot!(snapshot);
    });
}
