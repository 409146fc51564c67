//! Data folders in, diagnostics out: every bad fixture under
//! `fixtures/data/err/` fails with located errors (snapshotted), and every
//! good one, the Heerlen-Noord scenario included, loads clean; the same for
//! CSV folders under `fixtures/csv/`.

// The fixture helper outside `#[test]` functions unwraps too: a failure should be loud.
use std::path::{Path, PathBuf};

use crate::diagnostics::ToDiagnostic;
use crate::model::{load_dataset, load_dataset_for};

/// A fixture path relative to the crate, so snapshots do not depend on where
/// the repository is checked out.
fn relative(path: &Path) -> PathBuf {
    path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
        .unwrap_or(path)
        .to_path_buf()
}

#[test]
fn good_folders_load_clean() {
    for dir in ["fixtures/data/ok/minimal", "fixtures/heerlen-noord"] {
        if let Err(e) = load_dataset(Path::new(dir)) {
            panic!("{dir} should load clean:\n{}", e.render_text());
        }
    }
}

/// The designation kinds of `rules/heerlen`: the Wbmgp's and `fragile`.
const HEERLEN_KINDS: &[&str] = &["wbmgp_art8", "wbmgp_art9", "wbmgp_art10", "fragile"];

#[test]
fn the_heerlen_kinds_are_those_of_the_rule_set() {
    let report = crate::run::check_paths(&[Path::new("rules/heerlen").to_path_buf()]);
    let kinds: Vec<&str> = report.rule_sets[0]
        .designation_kinds
        .iter()
        .map(|k| k.name.as_str())
        .collect();
    assert_eq!(kinds, HEERLEN_KINDS);
}

/// The snapshot of the bad fixture folder of `case` (its `case.md`), loaded
/// as `eval` loads it (for a rule set, here the Heerlen one's kinds), once
/// its invariants hold: it fails, and every problem inside a file points
/// into that file, one named `*.{extension}`.
fn located_errors(case: &Path, extension: &str) -> String {
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
            let path = &errors.sources.get(place.file).unwrap().path;
            assert_eq!(path.extension().unwrap(), extension, "{}", path.display());
        }
    }
    format!(
        "## Case\n{}\n## Errors\n{}",
        description.trim_end(),
        errors.render_text()
    )
}

#[test]
fn bad_folders_fail_with_located_errors() {
    insta::glob!("../../fixtures/data/err", "*/case.md", |case| {
        insta::assert_snapshot!(located_errors(case, "yaml"));
    });
}

/// CSV folders: a `;`-separated one with decimal commas loads to the same
/// records as a `,`-separated one.
#[test]
fn good_csv_folders_load_clean_and_alike() {
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

#[test]
fn bad_csv_folders_fail_at_their_cells() {
    insta::glob!("../../fixtures/csv/err", "*/case.md", |case| {
        insta::assert_snapshot!(located_errors(case, "csv"));
    });
}
