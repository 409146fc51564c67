//! Byte offsets in rule text ↔ LSP positions (a line and a UTF-16 column),
//! and file paths ↔ `file:` URIs.
//!
//! The crate's spans count bytes; LSP counts UTF-16 code units by default,
//! so a `€` is three bytes but one unit, and an emoji two units. Every
//! conversion clamps to the text instead of failing: a client may send a
//! position past the end of a line while the text is changing.

use std::path::{Path, PathBuf};

use lsp_types::{Position, Range, Url};

use crate::source::Span;

/// The start of every line of one text, to convert positions quickly.
#[derive(Debug, Clone)]
pub struct LineIndex<'t> {
    text: &'t str,
    line_starts: Vec<usize>,
}

impl<'t> LineIndex<'t> {
    /// Indexes the line starts of `text`.
    pub fn new(text: &'t str) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i.saturating_add(1)))
            .collect();
        LineIndex { text, line_starts }
    }

    /// The position of byte `offset` (clamped to the text, and back to the
    /// start of the character it falls in).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset = offset.saturating_sub(1);
        }
        let line = self
            .line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let units = self
            .text
            .get(start..offset)
            .map_or(0, |s| s.encode_utf16().count());
        Position::new(to_u32(line), to_u32(units))
    }

    /// The range a span covers.
    pub fn range(&self, span: Span) -> Range {
        Range::new(
            self.position(span.start as usize),
            self.position(span.end as usize),
        )
    }

    /// The byte offset of a position: a column past the end of its line
    /// is the end of the line, a line past the end of the text its end.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.line_starts.get(position.line as usize) else {
            return self.text.len();
        };
        let line = self.text.get(start..).unwrap_or("");
        let mut units = 0u32;
        for (i, c) in line.char_indices() {
            if units >= position.character || c == '\n' || c == '\r' {
                return start.saturating_add(i);
            }
            units = units.saturating_add(u32::try_from(c.len_utf16()).unwrap_or(2));
        }
        self.text.len()
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// The path behind a `file:` URI, made canonical when it exists, so a
/// document and the loader's files compare equal however they were named.
pub fn uri_path(uri: &Url) -> Option<PathBuf> {
    let path = uri.to_file_path().ok()?;
    Some(std::fs::canonicalize(&path).unwrap_or(path))
}

/// The `file:` URI of a path (`None` for a relative path).
pub fn path_uri(path: &Path) -> Option<Url> {
    Url::from_file_path(path).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_utf16_units() {
        let text = "a\n€x😀y\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        let y = text.find('y').unwrap();
        assert_eq!(index.position(x), Position::new(1, 1));
        assert_eq!(index.position(y), Position::new(1, 4));
        assert_eq!(index.offset(Position::new(1, 4)), y);
        assert_eq!(index.offset(Position::new(1, 99)), text.len() - 1);
        assert_eq!(index.offset(Position::new(9, 0)), text.len());
        // Inside the three bytes of `€`: back to its start.
        assert_eq!(index.position(3), Position::new(1, 0));
    }
}
