//! The crate's diagnostics as LSP diagnostics, one list per file: the same
//! code, message and hint as `toewijzer check`, with UTF-16 ranges and the
//! second places as related information.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use lsp_types::{
    DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString, Range,
};

use super::analysis::Analysis;
use super::position::{LineIndex, path_uri};
use crate::diagnostics::{Diagnostic, Severity};
use crate::source::{FileId, Span};
use crate::syntax::SyntaxError;

/// Every diagnostic of an analysis, by the file it belongs to. A problem
/// without a place in a file goes to the file it names (a rule file part
/// of no rule set), else to `fallback`, at its start.
pub fn by_file(
    analysis: &Analysis,
    fallback: &Path,
) -> BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> {
    let mut indexes: HashMap<FileId, LineIndex<'_>> = HashMap::new();
    let mut out: BTreeMap<PathBuf, Vec<lsp_types::Diagnostic>> = BTreeMap::new();
    for (i, d) in analysis.diagnostics.iter().enumerate() {
        let located = d.span.and_then(|span| {
            let file = analysis.sources.get(span.file)?;
            Some((file.path.clone(), range_of(analysis, &mut indexes, span)?))
        });
        let (path, range) = located.unwrap_or_else(|| {
            let named = analysis.loaded.problems.get(i).and_then(named_path);
            let path = named
                .map(absolute)
                .filter(|p| !p.is_dir())
                .unwrap_or_else(|| fallback.to_path_buf());
            (path, Range::default())
        });
        let related: Vec<DiagnosticRelatedInformation> = d
            .labels
            .iter()
            .filter_map(|label| {
                let file = analysis.sources.get(label.span.file)?;
                Some(DiagnosticRelatedInformation {
                    location: Location::new(
                        path_uri(&file.path)?,
                        range_of(analysis, &mut indexes, label.span)?,
                    ),
                    message: label.message.clone(),
                })
            })
            .collect();
        out.entry(path)
            .or_default()
            .push(convert(d, range, related));
    }
    out
}

/// The LSP form of one diagnostic.
fn convert(
    d: &Diagnostic,
    range: Range,
    related: Vec<DiagnosticRelatedInformation>,
) -> lsp_types::Diagnostic {
    let message = match &d.hint {
        Some(hint) => format!("{}\nhelp: {hint}", d.message),
        None => d.message.clone(),
    };
    lsp_types::Diagnostic {
        range,
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.to_owned())),
        source: Some("toewijzer".to_owned()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp_types::Diagnostic::default()
    }
}

fn range_of<'a>(
    analysis: &'a Analysis,
    indexes: &mut HashMap<FileId, LineIndex<'a>>,
    span: Span,
) -> Option<Range> {
    let index = match indexes.entry(span.file) {
        std::collections::hash_map::Entry::Occupied(entry) => entry.into_mut(),
        std::collections::hash_map::Entry::Vacant(entry) => {
            entry.insert(LineIndex::new(&analysis.sources.get(span.file)?.text))
        }
    };
    Some(index.range(span))
}

/// The file a loading problem without a place names.
fn named_path(problem: &SyntaxError) -> Option<&Path> {
    match problem {
        SyntaxError::Unused { path }
        | SyntaxError::NoHeader { path }
        | SyntaxError::Unreadable { path, .. } => Some(path),
        SyntaxError::NoRuleSet { lacking, .. } => Some(lacking),
        _ => None,
    }
}

/// A named path as the loader's other paths are: canonical when it exists.
fn absolute(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
