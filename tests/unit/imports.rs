//! Gathering rule sets from folders: roots, transitive imports, and every
//! problem with how files fit together, rendered as a user sees it.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::diagnostics::{ToDiagnostic, render_text};
use crate::source::SourceMap;
use crate::syntax::imports::load_rule_sets;

/// Loads `paths` (relative to the crate, which is the tests' working
/// directory) and describes the rule sets and the rendered problems.
fn load(paths: &[&str]) -> String {
    let paths: Vec<PathBuf> = paths.iter().map(PathBuf::from).collect();
    let mut sources = SourceMap::new();
    let loaded = load_rule_sets(&paths, &mut sources);
    let name = |id| {
        sources
            .get(id)
            .map(|f| f.path.display().to_string().replace('\\', "/"))
            .unwrap_or_default()
    };
    let mut out = String::new();
    for set in &loaded.rule_sets {
        // The root is the set's first file.
        let root = set
            .files
            .first()
            .map_or_else(String::new, |(id, _)| name(*id));
        let _ = writeln!(out, "## rule set {root}");
        for (id, _) in &set.files {
            let _ = writeln!(out, "- {}", name(*id));
        }
    }
    let diagnostics: Vec<_> = loaded.problems.iter().map(|p| p.to_diagnostic()).collect();
    let _ = writeln!(out, "## problems\n{}", render_text(&sources, &diagnostics));
    out.replace('\\', "/")
}

#[test]
fn imports_are_followed_transitively_each_file_once() {
    insta::assert_snapshot!(load(&["fixtures/syntax/imports/ok"]));
}

#[test]
fn an_import_cycle_is_an_error_at_the_import() {
    insta::assert_snapshot!(load(&["fixtures/syntax/imports/cycle"]));
}

#[test]
fn an_imported_file_may_not_have_a_header() {
    insta::assert_snapshot!(load(&["fixtures/syntax/imports/header"]));
}

#[test]
fn a_missing_import_is_an_error_at_the_import() {
    insta::assert_snapshot!(load(&["fixtures/syntax/imports/missing"]));
}

#[test]
fn an_unused_file_in_a_folder_is_a_warning() {
    insta::assert_snapshot!(load(&["fixtures/syntax/imports/unused"]));
}

#[test]
fn a_syntax_error_in_an_imported_file_is_reported() {
    insta::assert_snapshot!(load(&["fixtures/syntax/imports/broken"]));
}

#[test]
fn a_folder_whose_root_lost_its_header_is_an_error_naming_it() {
    let shown = load(&["fixtures/syntax/imports/headerless"]);
    assert!(
        shown.contains("error[E0019]")
            && shown.contains(
                "`fixtures/syntax/imports/headerless/root.rules` has no `ruleset` header"
            ),
        "{shown}"
    );
    insta::assert_snapshot!(shown);
}

#[test]
fn a_named_file_without_header_or_importer_is_an_error() {
    insta::assert_snapshot!(load(&["fixtures/syntax/imports/ok/common.rules"]));
}

#[test]
fn an_unreadable_path_is_its_own_problem() {
    let mut sources = SourceMap::new();
    let loaded = load_rule_sets(&[PathBuf::from("fixtures/no/such/place")], &mut sources);
    assert!(loaded.rule_sets.is_empty());
    assert_eq!(loaded.problems.len(), 1);
    assert_eq!(loaded.problems[0].code(), "E0010");
    assert!(loaded.problems[0].span().is_none());
}
