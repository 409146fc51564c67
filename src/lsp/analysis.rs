//! Checking the rule set a document belongs to, from the editor's text: the
//! folder whose rule set reads the document is found, read through the
//! open-document overlay, and checked by the same pipeline as `check`.

use std::path::{Path, PathBuf};

use super::documents::Documents;
use crate::diagnostics::Diagnostic;
use crate::run::check_loaded;
use crate::source::{FileId, SourceMap};
use crate::syntax::SyntaxError;
use crate::syntax::ast::RuleFile;
use crate::syntax::imports::{LoadedRuleSets, load_rule_sets_from};

/// How many folders above a document are tried in search of the rule set
/// that imports it; within a workspace folder only.
const MAX_FOLDERS_UP: usize = 16;

/// One folder's rule sets, read and checked.
#[derive(Debug)]
pub struct Analysis {
    /// The folder checked, as `toewijzer check FOLDER` would.
    pub(crate) folder: PathBuf,
    /// Every file read, with the text it was checked in.
    pub(crate) sources: SourceMap,
    /// What loading found: each rule set's parsed files, and its problems.
    pub(crate) loaded: LoadedRuleSets,
    /// Every problem, loading problems first (one per `loaded.problems`).
    pub(crate) diagnostics: Vec<Diagnostic>,
}

impl Analysis {
    /// Reads and checks the rule sets of `folder`, taking the text of open
    /// documents from `documents`.
    pub(crate) fn run(folder: &Path, documents: &Documents) -> Analysis {
        let mut sources = SourceMap::new();
        let loaded = load_rule_sets_from(&[folder.to_path_buf()], &mut sources, documents);
        let report = check_loaded(&loaded, sources);
        Analysis {
            folder: folder.to_path_buf(),
            sources: report.sources,
            loaded,
            diagnostics: report.diagnostics,
        }
    }

    /// The id of the file read from `path`.
    pub(crate) fn file(&self, path: &Path) -> Option<FileId> {
        self.sources.find(path)
    }

    /// Whether this folder's rule sets read the file at `path` as one of
    /// theirs: read, and not reported as part of no rule set.
    pub fn reads(&self, path: &Path) -> bool {
        let outside = |p: &SyntaxError| match p {
            SyntaxError::Unused { path: named } | SyntaxError::NoHeader { path: named } => {
                named == path
            }
            SyntaxError::NoRuleSet { .. } => true,
            _ => false,
        };
        self.file(path).is_some() && !self.loaded.problems.iter().any(outside)
    }

    /// The parsed files, those of the rule set holding `file` first, each
    /// once.
    pub(crate) fn files_for(&self, file: Option<FileId>) -> Vec<(FileId, &RuleFile)> {
        let mut sets: Vec<_> = self.loaded.rule_sets.iter().collect();
        sets.sort_by_key(|set| !set.files.iter().any(|(id, _)| Some(*id) == file));
        let mut out: Vec<(FileId, &RuleFile)> = Vec::new();
        for (id, ast) in sets.into_iter().flat_map(|set| &set.files) {
            if !out.iter().any(|(seen, _)| seen == id) {
                out.push((*id, ast));
            }
        }
        out
    }
}

/// Checks the rule set `document` belongs to: the nearest folder, from the
/// document's own up to the workspace folder holding it, whose rule sets
/// read it; else the document's own folder (whose check then says that no
/// rule set reads it). Nothing above a workspace folder is read, and a
/// folder above the document's that holds no rule file itself is passed
/// by: a root file importing the document lies in a folder of rule files,
/// and a project folder full of other things is not walked at each key.
pub fn analyse(document: &Path, workspace: &[PathBuf], documents: &Documents) -> Analysis {
    let own = document.parent().unwrap_or(Path::new("/")).to_path_buf();
    let within = workspace
        .iter()
        .filter(|w| document.starts_with(w))
        .max_by_key(|w| w.components().count());
    let mut first = None;
    for folder in own.ancestors().take(MAX_FOLDERS_UP) {
        let inside = within.is_some_and(|w| folder.starts_with(w));
        if folder != own && !inside {
            break;
        }
        if folder != own && !holds_rule_file(folder) {
            continue;
        }
        let analysis = Analysis::run(folder, documents);
        if analysis.reads(document) {
            return analysis;
        }
        if first.is_none() {
            first = Some(analysis);
        }
    }
    first.unwrap_or_else(|| Analysis::run(&own, documents))
}

/// Whether a folder holds a `.rules` file itself (not below it).
fn holds_rule_file(folder: &Path) -> bool {
    std::fs::read_dir(folder).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.path().extension().is_some_and(|x| x == "rules"))
    })
}
