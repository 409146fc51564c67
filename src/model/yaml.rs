//! A YAML reader that keeps positions: events from `yaml-rust2` become small
//! trees whose every node knows its span, so any error can point at the line.
//!
//! Data files are read one record at a time (a tree per list element), so a
//! file of 100 000 applicants never sits in memory as one tree. Anchors and
//! aliases are refused outright (no alias bomb can expand), tags are refused,
//! and nesting deeper than [`MAX_DEPTH`] stops the read with an error.

use std::cell::Cell;
use std::str::Chars;

use yaml_rust2::parser::{Event, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

use crate::source::{FileId, Span};

/// The deepest nesting a data file may have; real records are under 10 deep.
pub const MAX_DEPTH: usize = 64;

/// A YAML value with its place in the file.
#[derive(Debug, Clone)]
pub struct Node {
    /// The value.
    pub kind: NodeKind,
    /// Where it is; for a mapping, the first key; for a sequence, its first item.
    pub span: Span,
}

/// The three kinds of YAML value.
#[derive(Debug, Clone)]
pub enum NodeKind {
    /// A scalar and whether it was written plain (unquoted): only a plain
    /// scalar can be a number, a boolean or null.
    Scalar {
        /// The text after unescaping.
        value: String,
        /// Unquoted, so its type is resolved by the YAML 1.2 core schema.
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in file order (duplicate keys are left to the deserializer).
    Map(Vec<(Node, Node)>),
}

impl Node {
    /// The value of mapping key `key`, if this is a mapping that has it.
    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            NodeKind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.as_str() == Some(key))
                .map(|(_, v)| v),
            _ => None,
        }
    }

    /// The text of a scalar.
    pub(crate) fn as_str(&self) -> Option<&str> {
        match &self.kind {
            NodeKind::Scalar { value, .. } => Some(value),
            _ => None,
        }
    }

    /// Whether this is a plain null (`~`, `null`, or nothing at all).
    pub(crate) fn is_null(&self) -> bool {
        matches!(&self.kind, NodeKind::Scalar { value, plain: true } if is_null(value))
    }
}

/// Whether a plain scalar means null in the YAML 1.2 core schema.
pub fn is_null(value: &str) -> bool {
    matches!(value, "" | "~" | "null" | "Null" | "NULL")
}

/// Why a read stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReadError {
    /// Not valid YAML; the parser's words.
    Syntax(String),
    /// Nested deeper than [`MAX_DEPTH`].
    TooDeep,
    /// An alias (`*name`): refused so no alias bomb can expand.
    Alias,
    /// A tag (`!!str`, `!custom`): refused, data files are plain YAML.
    Tag,
}

/// Reads events from one file's text, turning markers into spans.
///
/// Every lookup is O(1) amortised, whatever the length of a line: a data
/// file exported as one line of JSON has a single line of megabytes, and
/// counting from the line's start for every event made reading it
/// quadratic (1 000 applicants took 30 s).
pub struct Reader<'a> {
    parser: Parser<Chars<'a>>,
    text: &'a str,
    line_starts: Vec<usize>,
    file: FileId,
    /// Whether every character is one byte, so a column is a byte count.
    ascii: bool,
    /// The line index, column and byte offset of the last marker looked up:
    /// markers move forward, so the next lookup counts on from here.
    cursor: Cell<(usize, usize, usize)>,
}

impl<'a> Reader<'a> {
    /// A reader over `text`, which the source map knows as `file`.
    pub fn new(text: &'a str, file: FileId) -> Self {
        let line_starts = crate::source::line_starts(text);
        Reader {
            parser: Parser::new_from_str(text),
            text,
            line_starts,
            file,
            ascii: text.is_ascii(),
            cursor: Cell::new((0, 0, 0)),
        }
    }

    /// The end of the line `offset` is on: its `\n`, or the end of the text.
    fn line_end(&self, offset: usize) -> usize {
        let next = self.line_starts.partition_point(|&s| s <= offset);
        self.line_starts
            .get(next)
            .map_or(self.text.len(), |&s| s.saturating_sub(1))
    }

    /// The byte offset of a marker (whose line is 1-based and column a
    /// 0-based count of characters); a column past the line's end counts on
    /// into the text after it.
    fn offset(&self, mark: &Marker) -> usize {
        let line = mark.line().saturating_sub(1);
        let col = mark.col();
        let Some(&start) = self.line_starts.get(line) else {
            return self.text.len();
        };
        if self.ascii {
            return start.saturating_add(col).min(self.text.len());
        }
        let (cached_line, cached_col, cached_byte) = self.cursor.get();
        let (from_col, from_byte) = if cached_line == line && cached_col <= col {
            (cached_col, cached_byte)
        } else {
            (0, start)
        };
        let byte = self
            .text
            .get(from_byte..)
            .and_then(|rest| rest.char_indices().nth(col.saturating_sub(from_col)))
            .map_or(self.text.len(), |(i, _)| from_byte.saturating_add(i));
        self.cursor.set((line, col, byte));
        byte
    }

    /// A span of `len` bytes from a marker, kept within its line.
    fn span_at(&self, mark: &Marker, len: usize) -> Span {
        let start = self.offset(mark);
        let line_end = self.line_end(start);
        // At least one character where there is one; never past the end of
        // the text or inside a character.
        // Offsets into the text: far from `usize::MAX`.
        let end = (start.saturating_add(len.max(1)))
            .min(line_end.max(start.saturating_add(1)))
            .min(self.text.len());
        // The end of the text is a boundary, so one is found by then.
        let end = (end..self.text.len())
            .find(|&e| self.text.is_char_boundary(e))
            .unwrap_or(self.text.len());
        Span::new(self.file, start, end)
    }

    /// The span of a point in the file (for errors with no value to cover).
    pub fn point(&self, mark: &Marker) -> Span {
        self.span_at(mark, 1)
    }

    /// The next event and its span.
    pub fn next(&mut self) -> Result<(Event, Span), (ReadError, Span)> {
        match self.parser.next_token() {
            Ok((event, mark)) => {
                let len = match &event {
                    Event::Scalar(value, style, _, _) => {
                        let start = self.offset(&mark);
                        let line = self.text.get(start..self.line_end(start)).unwrap_or("");
                        scalar_len(line, value, *style)
                    }
                    _ => 1,
                };
                let span = self.span_at(&mark, len);
                Ok((event, span))
            }
            Err(e) => {
                let span = self.point(e.marker());
                Err((ReadError::Syntax(e.info().to_owned()), span))
            }
        }
    }

    /// Reads one whole value whose first event is `first`, at nesting `depth`.
    pub fn node(&mut self, first: (Event, Span), depth: usize) -> Result<Node, (ReadError, Span)> {
        let (event, span) = first;
        if depth > MAX_DEPTH {
            return Err((ReadError::TooDeep, span));
        }
        // `depth <= MAX_DEPTH`: nothing saturates.
        let deeper = depth.saturating_add(1);
        match event {
            Event::Scalar(value, style, anchor, tag) => {
                refuse_anchor_or_tag(anchor, tag.is_some(), span)?;
                Ok(Node {
                    kind: NodeKind::Scalar {
                        value,
                        plain: style == TScalarStyle::Plain,
                    },
                    span,
                })
            }
            Event::SequenceStart(anchor, tag) => {
                refuse_anchor_or_tag(anchor, tag.is_some(), span)?;
                let mut items = Vec::new();
                loop {
                    let next = self.next()?;
                    if next.0 == Event::SequenceEnd {
                        break;
                    }
                    items.push(self.node(next, deeper)?);
                }
                let span = items.first().map_or(span, |n| n.span);
                Ok(Node {
                    kind: NodeKind::Seq(items),
                    span,
                })
            }
            Event::MappingStart(anchor, tag) => {
                refuse_anchor_or_tag(anchor, tag.is_some(), span)?;
                let mut entries = Vec::new();
                loop {
                    let next = self.next()?;
                    if next.0 == Event::MappingEnd {
                        break;
                    }
                    let key = self.node(next, deeper)?;
                    let value_event = self.next()?;
                    let value = self.node(value_event, deeper)?;
                    entries.push((key, value));
                }
                let span = entries.first().map_or(span, |(k, _)| k.span);
                Ok(Node {
                    kind: NodeKind::Map(entries),
                    span,
                })
            }
            Event::Alias(_) => Err((ReadError::Alias, span)),
            _ => Err((ReadError::Syntax("unexpected structure".into()), span)),
        }
    }
}

/// Refuses an anchor or tag on a collection the caller reads event by event.
pub fn refuse_collection_anchor(event: &Event, span: Span) -> Result<(), (ReadError, Span)> {
    match event {
        Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag) => {
            refuse_anchor_or_tag(*anchor, tag.is_some(), span)
        }
        _ => Ok(()),
    }
}

fn refuse_anchor_or_tag(anchor: usize, tagged: bool, span: Span) -> Result<(), (ReadError, Span)> {
    if anchor != 0 {
        return Err((ReadError::Alias, span));
    }
    if tagged {
        return Err((ReadError::Tag, span));
    }
    Ok(())
}

/// How many bytes of source a scalar covers, as far as one line shows: the
/// text itself when written plain, the text and its quotes when quoted.
/// `line` runs from the scalar's start to the end of its line.
fn scalar_len(line: &str, value: &str, style: TScalarStyle) -> usize {
    let line = line.trim_end_matches('\r');
    match style {
        TScalarStyle::Plain if line.starts_with(value) => value.len(),
        TScalarStyle::SingleQuoted | TScalarStyle::DoubleQuoted => {
            let quote = if style == TScalarStyle::SingleQuoted {
                '\''
            } else {
                '"'
            };
            line.char_indices()
                .skip(1)
                .find(|&(_, c)| c == quote)
                // Past the closing quote, one byte inside the line.
                .map_or(line.len(), |(i, _)| i.saturating_add(1))
        }
        _ => line.trim_end().len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str) -> Result<Node, ReadError> {
        let mut r = Reader::new(text, FileId(0));
        let mut first = r.next().map_err(|e| e.0)?;
        while matches!(first.0, Event::StreamStart | Event::DocumentStart) {
            first = r.next().map_err(|e| e.0)?;
        }
        r.node(first, 0).map_err(|e| e.0)
    }

    #[test]
    fn spans_cover_scalars() {
        let text = "a: 'x y'\nbb: [1, 2]\n";
        let node = read(text).unwrap();
        let a = node.get("a").unwrap();
        assert_eq!(&text[a.span.range()], "'x y'");
        let bb = node.get("bb").unwrap();
        assert_eq!(&text[bb.span.range()], "1");
    }

    #[test]
    fn aliases_tags_and_depth_are_refused() {
        assert_eq!(read("a: &x 1\nb: *x\n").unwrap_err(), ReadError::Alias);
        assert_eq!(read("a: !!str 1\n").unwrap_err(), ReadError::Tag);
        let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
        assert_eq!(read(&deep).unwrap_err(), ReadError::TooDeep);
    }
}
