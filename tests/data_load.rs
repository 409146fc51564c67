//! Data folders in, diagnostics out: every bad fixture under
//! `fixtures/data/err/` fails with located errors (snapshotted), and every
//! good one, the Heerlen-Noord scenario included, loads clean.

#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use std::path::{Path, PathBuf};

use toewijzer::diagnostics::ToDiagnostic;
use toewijzer::model::{load_dataset, load_dataset_for};

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
    let report = toewijzer::pipeline::check_paths(&[Path::new("rules/heerlen").to_path_buf()]);
    let kinds: Vec<&str> = report.rule_sets[0]
        .designation_kinds
        .iter()
        .map(|k| k.name.as_str())
        .collect();
    assert_eq!(kinds, HEERLEN_KINDS);
}

#[test]
fn bad_folders_fail_with_located_errors() {
    insta::glob!("../fixtures/data/err", "*/case.md", |case| {
        let dir = relative(case.parent().unwrap());
        let description = std::fs::read_to_string(case).unwrap();
        // As `eval` loads them: for a rule set, here the Heerlen one's kinds.
        let errors = match load_dataset_for(&dir, None, Some(HEERLEN_KINDS)) {
            Ok(_) => panic!("{} should fail to load", dir.display()),
            Err(e) => e,
        };
        assert!(!errors.errors.is_empty());
        // Every problem inside a file points into that file.
        for e in &errors.errors {
            let d = e.to_diagnostic();
            if let Some(place) = e.place() {
                let span = place.span.expect("a problem in a file has a span");
                assert_eq!(span.file, place.file);
                assert_eq!(d.span.map(|s| s.file), Some(place.file));
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
