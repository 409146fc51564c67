//! Source files and spans: where every piece of a rule file came from.

use std::fmt;
use std::path::{Path, PathBuf};

/// Identifies one file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub u32);

/// A byte range in one source file.
///
/// Two spans are equal when they point at the same bytes of the same file,
/// so two problems at different places are different problems. To compare
/// two ASTs by meaning alone (`fmt` must keep the meaning of a file while
/// moving every token), compare them inside [`same_meaning`], where every
/// span equals every other.
#[derive(Debug, Clone, Copy)]
pub struct Span {
    /// The file this span points into.
    pub file: FileId,
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

thread_local! {
    /// Whether spans compare equal regardless of place: set only while
    /// [`same_meaning`] compares.
    static BY_MEANING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

impl PartialEq for Span {
    fn eq(&self, other: &Self) -> bool {
        BY_MEANING.with(std::cell::Cell::get) || self.same_place(other)
    }
}

impl Eq for Span {}

/// Whether `a` and `b` are equal when every span in them is ignored: two
/// ASTs of differently laid out text that mean the same.
pub fn same_meaning<T: PartialEq + ?Sized>(a: &T, b: &T) -> bool {
    /// Puts the flag back however the comparison ends.
    struct Reset(bool);
    impl Drop for Reset {
        fn drop(&mut self) {
            BY_MEANING.with(|flag| flag.set(self.0));
        }
    }
    let _reset = Reset(BY_MEANING.with(|flag| flag.replace(true)));
    a == b
}

impl Span {
    /// A span over `start..end` in `file`.
    pub(crate) fn new(file: FileId, start: usize, end: usize) -> Self {
        Span {
            file,
            start: to_u32(start),
            end: to_u32(end.max(start)),
        }
    }

    /// Whether both spans point at the same bytes of the same file.
    pub(crate) fn same_place(&self, other: &Span) -> bool {
        self.file == other.file && self.start == other.start && self.end == other.end
    }

    /// The smallest span covering both (they must lie in the same file).
    pub(crate) fn to(&self, other: &Span) -> Span {
        Span {
            file: self.file,
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Whether `inner` lies within this span.
    pub fn contains(&self, inner: &Span) -> bool {
        self.file == inner.file && self.start <= inner.start && inner.end <= self.end
    }

    /// The byte range, for slicing the source text.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

impl fmt::Display for LineCol {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One source file: its path as the user named it and its text.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// The path as given on the command line or in an `import`.
    pub path: PathBuf,
    /// The full text.
    pub text: String,
    line_starts: Vec<usize>,
    /// Every character is one byte, so a column is a byte count: a file of
    /// one long line gets its columns without counting characters.
    ascii: bool,
}

impl SourceFile {
    /// Wraps a file's text, indexing its line starts once.
    pub(crate) fn new(path: impl Into<PathBuf>, text: impl Into<String>) -> Self {
        let text = text.into();
        let line_starts = line_starts(&text);
        SourceFile {
            path: path.into(),
            ascii: text.is_ascii(),
            text,
            line_starts,
        }
    }

    /// The line and column of a byte offset (clamped to the text).
    pub(crate) fn line_col(&self, offset: usize) -> LineCol {
        let offset = offset.min(self.text.len());
        let line = self
            .line_starts
            .partition_point(|&s| s <= offset)
            .saturating_sub(1);
        let start = self.line_starts.get(line).copied().unwrap_or(0);
        let bytes = offset.saturating_sub(start);
        let column = if self.ascii {
            bytes
        } else {
            self.text
                .get(start..offset)
                .map_or(bytes, |s| s.chars().count())
        }
        .saturating_add(1);
        LineCol {
            // An index into `line_starts`: far below `usize::MAX`.
            line: line.saturating_add(1),
            column,
        }
    }

    /// The text of a 1-based line, without its line break.
    pub(crate) fn line_text(&self, line: usize) -> &str {
        let Some(&start) = self.line_starts.get(line.saturating_sub(1)) else {
            return "";
        };
        let end = self
            .line_starts
            .get(line)
            .map_or(self.text.len(), |&next| next);
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// The text a span covers ("" when the span does not fit this file).
    pub(crate) fn slice(&self, span: Span) -> &str {
        self.text.get(span.range()).unwrap_or("")
    }
}

/// The byte offset at which each line of `text` starts, the first at 0.
pub(crate) fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        // A byte index is below the text's length, so one more fits.
        .chain(text.match_indices('\n').map(|(i, _)| i.saturating_add(1)))
        .collect()
}

/// Every source file of a run, addressed by `FileId`.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// An empty map.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a file and returns its id.
    pub fn add(&mut self, path: impl Into<PathBuf>, text: impl Into<String>) -> FileId {
        let id = FileId(to_u32(self.files.len()));
        self.files.push(SourceFile::new(path, text));
        id
    }

    /// The file behind an id, if this map holds it.
    pub fn get(&self, id: FileId) -> Option<&SourceFile> {
        self.files.get(id.0 as usize)
    }

    /// The id of a file already added under this path.
    pub(crate) fn find(&self, path: &Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .map(|i| FileId(to_u32(i)))
    }

    /// Every file with its id, in the order added.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(to_u32(i)), f))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let file = SourceFile::new("a.rules", "x\n€ab\n");
        assert_eq!(file.line_col(0), LineCol { line: 1, column: 1 });
        assert_eq!(file.line_col(2), LineCol { line: 2, column: 1 });
        // '€' is three bytes: 'a' sits at byte 5 but column 2.
        assert_eq!(file.line_col(5), LineCol { line: 2, column: 2 });
        assert_eq!(file.line_text(2), "€ab");
        assert_eq!(file.line_text(9), "");
    }

    #[test]
    fn spans_compare_by_place_except_by_meaning() {
        let a = Span::new(FileId(0), 1, 2);
        let b = Span::new(FileId(1), 5, 9);
        assert_ne!(a, b);
        assert_eq!(a, Span::new(FileId(0), 1, 2));
        assert!(same_meaning(&a, &b));
        assert!(same_meaning(&vec![(a, 1)], &vec![(b, 1)]));
        assert!(!same_meaning(&(a, 1), &(b, 2)));
        assert_ne!(a, b, "the meaning-only comparison ends with the call");
        assert!(a.to(&Span::new(FileId(0), 4, 6)).contains(&a));
    }
}
