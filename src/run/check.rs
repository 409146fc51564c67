//! Rule files read and checked: every rule set under the paths given,
//! or already read into a source map (the language server's open documents).

use std::path::PathBuf;

use crate::check::{self, CheckedRuleSet};
use crate::diagnostics::{Diagnostic, Severity, ToDiagnostic};
use crate::source::SourceMap;
use crate::syntax::SyntaxError;
use crate::syntax::imports::{LoadedRuleSets, load_rule_sets};

/// The outcome of checking rule files.
#[derive(Debug)]
pub struct CheckReport {
    /// Every file read, to render the diagnostics against.
    pub sources: SourceMap,
    /// Every problem of every rule set, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// The rule sets that checked clean.
    pub rule_sets: Vec<CheckedRuleSet>,
    /// How many rule sets were found.
    pub rule_set_count: usize,
    /// Some path could not be read at all.
    pub unreadable: bool,
}

impl CheckReport {
    /// Whether any diagnostic is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Parses and checks every rule set under `paths` (files or folders).
pub fn check_paths(paths: &[PathBuf]) -> CheckReport {
    let mut sources = SourceMap::new();
    let loaded = load_rule_sets(paths, &mut sources);
    check_loaded(&loaded, sources)
}

/// Checks rule sets already read into `sources` (by
/// [`crate::syntax::imports::load_rule_sets_from`], say, from an editor's
/// unsaved text). The report's diagnostics start with one per loading
/// problem, in the order of `loaded.problems`; the checker's follow.
pub fn check_loaded(loaded: &LoadedRuleSets, sources: SourceMap) -> CheckReport {
    let unreadable = loaded
        .problems
        .iter()
        .any(|p| matches!(p, SyntaxError::Unreadable { .. }));
    let mut diagnostics: Vec<Diagnostic> = loaded
        .problems
        .iter()
        .map(ToDiagnostic::to_diagnostic)
        .collect();
    let mut rule_sets = Vec::new();
    for set in &loaded.rule_sets {
        let files: Vec<_> = set.files.iter().map(|(_, ast)| ast.clone()).collect();
        let checked = check::check(&files, &sources);
        diagnostics.extend(checked.problems.iter().map(ToDiagnostic::to_diagnostic));
        rule_sets.extend(checked.rule_set);
    }
    CheckReport {
        sources,
        diagnostics,
        rule_set_count: loaded.rule_sets.len(),
        rule_sets,
        unreadable,
    }
}
