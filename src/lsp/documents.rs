//! The documents open in the editor: their unsaved text, laid over the disk
//! when a rule set is read, so diagnostics follow every keystroke.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use lsp_types::{TextDocumentContentChangeEvent, Url};

use super::position::{LineIndex, uri_path};
use crate::limits::{MAX_RULE_FILE_BYTES, too_large};
use crate::syntax::imports::{Disk, RuleTexts};

/// One open document.
#[derive(Debug, Clone)]
pub(crate) struct Document {
    /// The URI the client named it by; diagnostics go back under it.
    pub uri: Url,
    /// The text as the editor holds it, saved or not.
    pub text: String,
    /// The client's version of the text, echoed with its diagnostics.
    pub version: i32,
}

/// Every open document, by its canonical path (the loader's files are
/// matched by path, whatever spelling of it the client used).
#[derive(Debug, Clone, Default)]
pub struct Documents {
    open: BTreeMap<PathBuf, Document>,
}

impl Documents {
    /// Opens (or reopens) a document; its canonical path, `None` when the
    /// URI names no local file.
    pub(crate) fn open(&mut self, uri: Url, text: String, version: i32) -> Option<PathBuf> {
        let path = uri_path(&uri)?;
        self.open
            .insert(path.clone(), Document { uri, text, version });
        Some(path)
    }

    /// Applies the client's edits: a change without a range replaces the
    /// whole text, one with a range replaces that range.
    pub(crate) fn change(
        &mut self,
        uri: &Url,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
    ) -> Option<PathBuf> {
        let path = uri_path(uri)?;
        let document = self.open.get_mut(&path)?;
        for change in changes {
            match change.range {
                None => document.text = change.text,
                Some(range) => {
                    // Offsets from a line index fall on character
                    // boundaries within the text, so the replacement holds.
                    let index = LineIndex::new(&document.text);
                    let start = index.offset(range.start);
                    let end = index.offset(range.end).max(start);
                    document.text.replace_range(start..end, &change.text);
                }
            }
        }
        document.version = version;
        Some(path)
    }

    /// Closes a document: from now on its file is read from disk.
    pub(crate) fn close(&mut self, uri: &Url) -> Option<PathBuf> {
        let path = uri_path(uri)?;
        self.open.remove(&path).map(|_| path)
    }

    /// The open document at a canonical path.
    pub(crate) fn get(&self, path: &Path) -> Option<&Document> {
        self.open.get(path)
    }

    /// Every open document's path.
    pub(crate) fn paths(&self) -> impl Iterator<Item = &PathBuf> {
        self.open.keys()
    }
}

impl RuleTexts for Documents {
    /// The editor's text of an open file, held to the bound on a rule file
    /// on disk; any other file from disk.
    fn read(&self, path: &Path) -> io::Result<String> {
        let key = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        match self.open.get(&key) {
            Some(document) => {
                if u64::try_from(document.text.len()).unwrap_or(u64::MAX) > MAX_RULE_FILE_BYTES {
                    Err(too_large(MAX_RULE_FILE_BYTES, "a rule file"))
                } else {
                    Ok(document.text.clone())
                }
            }
            None => Disk.read(path),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range};

    #[test]
    fn a_ranged_change_replaces_its_utf16_range() {
        let mut documents = Documents::default();
        let uri = Url::parse("file:///nowhere/toewijzer-lsp/a.rules").unwrap();
        let path = documents
            .open(uri.clone(), "x = €5\ny\n".into(), 1)
            .unwrap();
        let change = TextDocumentContentChangeEvent {
            // `5` after the one-unit `€`, then the whole of line 2.
            range: Some(Range::new(Position::new(0, 5), Position::new(1, 1))),
            range_length: None,
            text: "6\nz".into(),
        };
        documents.change(&uri, 2, vec![change]);
        let document = documents.get(&path).unwrap();
        assert_eq!(document.text, "x = €6\nz\n");
        assert_eq!(document.version, 2);
        assert_eq!(documents.read(&path).unwrap(), "x = €6\nz\n");
    }
}
