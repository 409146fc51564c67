//! A quick reader for data files in the plain block YAML that `generate`,
//! `write_dataset` and most exporters write: one key or list item a line,
//! spaces for indentation, plain or simply quoted scalars.
//!
//! It builds the same [`Node`]s the full [`Reader`](crate::model::yaml::Reader)
//! builds, at a multiple of its speed (the full reader goes through
//! `yaml-rust2`'s event parser character by character: 113 MB of a Parkstad
//! year took 12 s). It declines (`None`) at the first line outside that
//! subset — a comment, a tab, a flow collection, a multi-line or escaped
//! scalar, an anchor, a tag, a second document — and the caller then reads
//! the file with the full reader, so what YAML means and every diagnostic
//! stay the full reader's.

use chrono::NaiveDate;

use crate::model::reaction::Response;
use crate::model::yaml::{Node, NodeKind};
use crate::source::{FileId, Span};

/// The records of the file's top-level list `list`, handed one at a time
/// to `each` with their index, or `None` when the file is outside the
/// subset (or `each` gave up by returning `false`).
pub fn read_list(
    text: &str,
    file: FileId,
    list: &str,
    mut each: impl FnMut(usize, Node) -> bool,
) -> Option<()> {
    let mut lines = Lines {
        text,
        file,
        pos: 0,
        depth: 0,
        peeked: None,
    };
    let first = lines.peek()?;
    if first.indent != 0 || first.item {
        return None;
    }
    let (key, rest) = split_key(first.content)?;
    if key != list {
        return None;
    }
    if rest == Some("[]") {
        lines.advance(&first);
        return lines.peek().is_none().then_some(());
    }
    if rest.is_some() {
        return None;
    }
    lines.advance(&first);
    let Some(item) = lines.peek() else {
        // `list:` alone is a null list: rare enough to leave to the full reader.
        return None;
    };
    if !item.item || item.indent > 2 {
        return None;
    }
    lines.items(item.indent, &mut each)
}

/// Where the records of the top-level list `list` of `text` may be read
/// in two parts: the byte offset of the line that starts a record near
/// the middle of the text, for [`read_list`] to read the text before it
/// and [`read_list_from`] the text from it, each on a thread of its own.
/// `None` when the text does not start as a list the quick reader reads,
/// or no record starts after the middle.
///
/// A record's line starts with exactly the spaces and dash of the list's
/// first item; any deeper line has more spaces before its dash or none. A
/// line that only looks like one (inside something the quick reader does
/// not read) makes one of the two parts decline, as the whole would.
pub fn middle_item(text: &str, list: &str) -> Option<usize> {
    let body = text.strip_prefix(list)?.strip_prefix(":\n")?;
    let first = body.split('\n').next()?;
    let spaces = first.bytes().take_while(|&b| b == b' ').count();
    first.get(spaces..)?.strip_prefix("- ")?;
    let marker = format!("\n{}- ", " ".repeat(spaces));
    let mut middle = text.len() / 2;
    while !text.is_char_boundary(middle) {
        middle = middle.checked_sub(1)?;
    }
    let found = text.get(middle..)?.find(&marker)?;
    // The record's line starts past the newline.
    middle.checked_add(found)?.checked_add(1)
}

/// The records of a top-level list read from the record line at `start`
/// ([`middle_item`]) to the end of `text`, handed to `each` with their
/// index counted from that record; `None` as [`read_list`] declines.
pub fn read_list_from(
    text: &str,
    file: FileId,
    start: usize,
    mut each: impl FnMut(usize, Node) -> bool,
) -> Option<()> {
    let mut lines = Lines {
        text,
        file,
        pos: start,
        depth: 0,
        peeked: None,
    };
    let item = lines.peek()?;
    if !item.item || item.indent > 2 || item.start != start.checked_add(item.indent)? {
        return None;
    }
    lines.items(item.indent, &mut each)
}

/// The reactions of a `reactions.yaml` in exactly the layout `generate`
/// and `write_dataset` write, with the scalars of that layout:
///
/// ```yaml
/// reactions:
/// - applicant: A-0000698
///   unit: U-000001
///   date: 2026-03-20
///   response: declined
/// ```
///
/// (`response` optional), each handed to `each` as it is read (the
/// applicant's id, the unit's, the date and the response): a national
/// year has 60 million of them, and making a [`Node`] of each to
/// deserialize it was most of the load. Every scalar is held to the rules
/// of [`read_list`] and a field to what deserializing it accepts (text
/// that reads as text, a date in its strict form, a response word); at
/// anything else it declines (`None`, after handing over the reactions
/// before it) and the file is read as before, so what it gives is what
/// the node reader and serde give.
pub fn read_reactions(
    text: &str,
    mut each: impl FnMut(&str, &str, NaiveDate, Option<Response>),
) -> Option<()> {
    let body = text.strip_prefix("reactions:\n")?;
    if body.is_empty() {
        return None;
    }
    let mut lines = body.split_terminator('\n');
    let mut next = lines.next();
    while let Some(line) = next {
        let applicant = text_field(line.strip_prefix("- applicant: ")?)?;
        let unit = text_field(lines.next()?.strip_prefix("  unit: ")?)?;
        let date = date_field(lines.next()?.strip_prefix("  date: ")?)?;
        next = lines.next();
        let mut response = None;
        if let Some(word) = next.and_then(|l| l.strip_prefix("  response: ")) {
            response = Some(match word {
                "declined" => Response::Declined,
                "no_response" => Response::NoResponse,
                _ => return None,
            });
            next = lines.next();
        }
        each(applicant, unit, date, response);
    }
    Some(())
}

/// A text field's value: a quoted scalar, or a plain one that reads as text.
fn text_field(text: &str) -> Option<&str> {
    let (value, plain) = scalar(text)?;
    if plain && !crate::model::de::plain_is_text(value) {
        return None;
    }
    Some(value)
}

/// A date field's value, plain `YYYY-MM-DD` (the form the loader takes
/// and every writer writes) and a day of the calendar.
fn date_field(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let [y1, y2, y3, y4, b'-', m1, m2, b'-', d1, d2] = *bytes else {
        return None;
    };
    let digit = |b: u8| b.is_ascii_digit().then(|| u32::from(b.wrapping_sub(b'0')));
    let number = |ds: &[u8]| {
        ds.iter().try_fold(0u32, |n, &b| {
            digit(b).map(|d| n.wrapping_mul(10).wrapping_add(d))
        })
    };
    let year = i32::try_from(number(&[y1, y2, y3, y4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&[m1, m2])?, number(&[d1, d2])?)
}

/// The deepest nesting read quickly; deeper files go to the full reader,
/// which reports them against its own limit.
const MAX_DEPTH: usize = 32;

/// One non-empty line of the text.
#[derive(Clone, Copy)]
struct Line<'a> {
    /// The column its content starts at; for a list item, the column of
    /// the content after `- `.
    indent: usize,
    /// Whether it starts a list item (`- `).
    item: bool,
    /// The byte offset of the content.
    start: usize,
    /// The content, from `start` to the end of the line.
    content: &'a str,
    /// The byte offset of the next line.
    next: usize,
}

struct Lines<'a> {
    text: &'a str,
    file: FileId,
    /// The byte offset of the line not yet read.
    pos: usize,
    depth: usize,
    /// The line [`Lines::peek`] last found, with the offset it was found
    /// from: a line is looked at several times before it is read.
    peeked: Option<(usize, Line<'a>)>,
}

impl<'a> Lines<'a> {
    /// The next non-empty line; `None` at the end of the text. A line of
    /// spaces only, a tab, a carriage return or a comment never reaches a
    /// caller as content: [`Lines::peek`] hands them over and the scalar
    /// and key checks refuse them.
    fn peek(&mut self) -> Option<Line<'a>> {
        if let Some((_, line)) = self.peeked.filter(|(from, _)| *from == self.pos) {
            return Some(line);
        }
        let line = self.find();
        self.peeked = line.map(|l| (self.pos, l));
        line
    }

    /// The next non-empty line, read from the text.
    fn find(&mut self) -> Option<Line<'a>> {
        loop {
            let rest = self.text.get(self.pos..)?;
            if rest.is_empty() {
                return None;
            }
            // A byte search: lines are short, and `str::find` of a char
            // paid a setup and a comparison per line.
            let (line, next) = match rest.bytes().position(|b| b == b'\n') {
                Some(end) => (rest.get(..end)?, self.pos.checked_add(end)?.checked_add(1)?),
                None => (rest, self.text.len()),
            };
            if line.is_empty() {
                self.pos = next;
                continue;
            }
            let spaces = line.bytes().take_while(|&b| b == b' ').count();
            let after = line.get(spaces..)?;
            let (indent, item, content) = match after.strip_prefix("- ") {
                Some(content) => (spaces.checked_add(2)?, true, content),
                None => (spaces, false, after),
            };
            let start = self
                .pos
                .checked_add(line.len())?
                .checked_sub(content.len())?;
            return Some(Line {
                indent,
                item,
                start,
                content,
                next,
            });
        }
    }

    fn advance(&mut self, line: &Line<'a>) {
        self.pos = line.next;
    }

    fn span(&self, start: usize, len: usize) -> Span {
        Span::new(self.file, start, start.saturating_add(len))
    }

    /// The items of the top-level list, whose content starts at column
    /// `indent`, to the end of the text, each handed to `each` with its
    /// index among them.
    fn items(&mut self, indent: usize, each: &mut impl FnMut(usize, Node) -> bool) -> Option<()> {
        let mut index: usize = 0;
        while let Some(line) = self.peek() {
            if line.indent != indent || !line.item {
                return None;
            }
            let node = self.item(&line)?;
            if !each(index, node) {
                return None;
            }
            index = index.checked_add(1)?;
        }
        Some(())
    }

    /// A list item whose `- ` starts `line`: a scalar, or a mapping whose
    /// first key is on this line.
    fn item(&mut self, line: &Line<'a>) -> Option<Node> {
        if line.content.starts_with("- ") || line.content == "-" {
            return None;
        }
        if split_key(line.content).is_some() {
            let as_key = Line {
                item: false,
                ..*line
            };
            return self.nested(|lines| lines.map(as_key));
        }
        let node = self.scalar(line.start, line.content)?;
        self.advance(line);
        self.after_scalar(line.indent)?;
        Some(node)
    }

    /// Runs `read` one level deeper, declining past [`MAX_DEPTH`].
    fn nested(&mut self, read: impl FnOnce(&mut Self) -> Option<Node>) -> Option<Node> {
        if self.depth >= MAX_DEPTH {
            return None;
        }
        self.depth = self.depth.checked_add(1)?;
        let node = read(self);
        self.depth = self.depth.checked_sub(1)?;
        node
    }

    /// After a scalar ending its line, nothing may continue it on a deeper
    /// line (a multi-line plain scalar, which the full reader folds).
    fn after_scalar(&mut self, indent: usize) -> Option<()> {
        match self.peek() {
            Some(next) if next.indent > indent => None,
            _ => Some(()),
        }
    }

    /// A block mapping whose first key is `first`; its keys sit at
    /// `first.indent`.
    fn map(&mut self, first: Line<'a>) -> Option<Node> {
        let indent = first.indent;
        let mut entries = Vec::new();
        let mut line = first;
        loop {
            let (key, rest) = split_key(line.content)?;
            let key_node = Node {
                kind: NodeKind::Scalar {
                    value: key.to_owned(),
                    plain: true,
                },
                span: self.span(line.start, key.len()),
            };
            self.advance(&line);
            let value = match rest {
                Some(text) => {
                    // `key: value`: the value starts past `: `.
                    let start = line.start.checked_add(key.len())?.checked_add(2)?;
                    let node = self.inline(start, text)?;
                    self.after_scalar(indent)?;
                    node
                }
                None => self.block_value(indent)?,
            };
            entries.push((key_node, value));
            // The next key of this mapping, or its end: a list item whose
            // content starts at this column is the next item of the list
            // this mapping is an item of.
            match self.peek() {
                Some(next) if next.indent == indent && !next.item => line = next,
                Some(next) if next.indent > indent => return None,
                _ => break,
            }
        }
        let span = entries.first().map(|(k, _)| k.span)?;
        Some(Node {
            kind: NodeKind::Map(entries),
            span,
        })
    }

    /// The value of `key:` with nothing after the colon: a nested block
    /// mapping, or a list whose dashes sit at the key's own column. Null
    /// (nothing below) is left to the full reader, which places its empty
    /// scalar by what follows.
    fn block_value(&mut self, indent: usize) -> Option<Node> {
        match self.peek() {
            Some(next) if next.item && next.indent == indent.checked_add(2)? => {
                self.nested(|lines| lines.seq(next))
            }
            Some(next) if !next.item && next.indent > indent => {
                self.nested(|lines| lines.map(next))
            }
            _ => None,
        }
    }

    /// A block list whose first item is `first`.
    fn seq(&mut self, first: Line<'a>) -> Option<Node> {
        let indent = first.indent;
        let mut items = Vec::new();
        let mut line = first;
        loop {
            items.push(self.item(&line)?);
            match self.peek() {
                Some(next) if next.item && next.indent == indent => line = next,
                Some(next) if next.indent >= indent => return None,
                _ => break,
            }
        }
        let span = items.first().map(|n| n.span)?;
        Some(Node {
            kind: NodeKind::Seq(items),
            span,
        })
    }

    /// A value after `key: `: `[]`, `{}` or a scalar.
    fn inline(&self, start: usize, text: &str) -> Option<Node> {
        let kind = match text {
            "[]" => NodeKind::Seq(Vec::new()),
            "{}" => NodeKind::Map(Vec::new()),
            _ => return self.scalar(start, text),
        };
        Some(Node {
            kind,
            span: self.span(start, 1),
        })
    }

    /// A scalar filling the rest of its line from `start`.
    fn scalar(&self, start: usize, text: &str) -> Option<Node> {
        let (value, plain) = scalar(text)?;
        Some(Node {
            kind: NodeKind::Scalar {
                value: value.to_owned(),
                plain,
            },
            span: self.span(start, text.len()),
        })
    }
}

/// `key: rest` or `key:` (rest `None`), with a key of letters, digits and
/// underscores; `None` for any other line.
fn split_key(content: &str) -> Option<(&str, Option<&str>)> {
    let len = content
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
        .count();
    let key = content.get(..len).filter(|k| !k.is_empty())?;
    match content.get(len..)? {
        ":" => Some((key, None)),
        after => after
            .strip_prefix(": ")
            .filter(|rest| !rest.is_empty())
            .map(|rest| (key, Some(rest))),
    }
}

/// The value of a scalar that is all of `text` and whether it is plain:
/// `'text'` or `"text"` without quotes or escapes inside, or plain text
/// that cannot mean anything but itself.
fn scalar(text: &str) -> Option<(&str, bool)> {
    for quote in ['\'', '"'] {
        if let Some(inner) = text
            .strip_prefix(quote)
            .and_then(|rest| rest.strip_suffix(quote))
        {
            let simple = inner
                .chars()
                .all(|c| c == ' ' || safe(c) && c != quote && c != '\\');
            return simple.then_some((inner, false));
        }
    }
    plain(text).then_some((text, true))
}

/// Whether `text` is a plain scalar whose meaning is its text: it starts
/// with a letter, a digit, or a sign or point before one; it has no
/// comment, no `: ` and no flow brackets, quotes or indicators, and no
/// space at its ends.
fn plain(text: &str) -> bool {
    let mut chars = text.chars();
    let start_ok = match chars.next() {
        Some(c) if c.is_alphanumeric() => true,
        Some('-' | '+' | '.') => chars.next().is_some_and(char::is_alphanumeric),
        _ => false,
    };
    if !start_ok || text.ends_with([' ', ':']) {
        return false;
    }
    // One pass over the characters instead of three: a `: ` is a colon
    // before a space, the reserved marks are refused, the rest go by `safe`.
    let mut colon = false;
    for c in text.chars() {
        let ok = match c {
            ' ' => !colon,
            '#' | '[' | ']' | '{' | '}' | '\'' | '"' | '`' => false,
            c => safe(c),
        };
        if !ok {
            return false;
        }
        colon = c == ':';
    }
    true
}

/// A printable character that means only itself inside a scalar: visible
/// ASCII, or a letter or digit of any script.
fn safe(c: char) -> bool {
    c.is_ascii_graphic() || !c.is_ascii() && c.is_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::load::{FILES, records_at};

    /// Whether two nodes are the same value at the same place.
    fn same(a: &Node, b: &Node) -> bool {
        let kinds = match (&a.kind, &b.kind) {
            (
                NodeKind::Scalar { value, plain },
                NodeKind::Scalar {
                    value: v2,
                    plain: p2,
                },
            ) => value == v2 && plain == p2,
            (NodeKind::Seq(x), NodeKind::Seq(y)) => {
                x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
            }
            (NodeKind::Map(x), NodeKind::Map(y)) => {
                x.len() == y.len()
                    && x.iter()
                        .zip(y)
                        .all(|((k, v), (k2, v2))| same(k, k2) && same(v, v2))
            }
            _ => false,
        };
        kinds && a.span.same_place(&b.span)
    }

    /// Reads `text` both ways: where the quick reader takes a file, it
    /// must give node for node, span for span, what the full reader gives.
    /// Returns whether the quick reader took it.
    fn agrees(text: &str, list: &str) -> bool {
        let mut quick = Vec::new();
        let taken = read_list(text, FileId(0), list, |_, n| {
            quick.push(n);
            true
        });
        if taken.is_none() {
            return false;
        }
        let all = (0..quick.len().saturating_add(1)).collect();
        let full = records_at(text, FileId(0), list, &all);
        assert_eq!(full.len(), quick.len(), "record count of {list}");
        for (i, node) in quick.iter().enumerate() {
            assert!(
                same(node, &full[&i]),
                "record {i} of {list}:\n{node:?}\n{:?}",
                full[&i]
            );
        }
        true
    }

    fn yaml_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(path);
            }
        }
    }

    #[test]
    fn agrees_with_the_full_reader_on_every_fixture() {
        let mut files = Vec::new();
        yaml_files(
            &std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures"),
            &mut files,
        );
        // Most fixtures are written by hand, with comments, so the quick
        // reader declines them; whichever it takes, it reads as the full
        // reader does. Generated data (below) is what it is for.
        for path in &files {
            // A fixture that is not UTF-8 never reaches a reader.
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            for (_, list, _) in FILES {
                agrees(&text, list);
            }
        }
    }

    /// Each file of a small generated data set, with its name and list.
    fn generated_files() -> Vec<(&'static str, String, &'static str)> {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let options = crate::model::GenerateOptions::new(300, 20, 1, date);
        let records = crate::model::generate(&options);
        (crate::model::to_files(&records)
            .unwrap()
            .into_iter()
            .zip(FILES))
        .map(|((name, text), (_, list, _))| (name, text, list))
        .collect()
    }

    #[test]
    fn agrees_with_the_full_reader_on_generated_data() {
        for (name, text, list) in generated_files() {
            assert!(agrees(&text, list), "{name} was declined");
        }
    }

    /// The records read in two parts at [`middle_item`], as their nodes
    /// and indices over the whole list.
    fn in_two(text: &str, list: &str) -> Option<Vec<(usize, Node)>> {
        let split = middle_item(text, list)?;
        let mut out = Vec::new();
        read_list(text.get(..split)?, FileId(0), list, |i, n| {
            out.push((i, n));
            true
        })?;
        let offset = out.len();
        read_list_from(text, FileId(0), split, |i, n| {
            out.push((i + offset, n));
            true
        })?;
        Some(out)
    }

    #[test]
    fn two_parts_read_what_the_whole_reads() {
        for (name, text, list) in generated_files() {
            let mut whole = Vec::new();
            read_list(&text, FileId(0), list, |i, n| {
                whole.push((i, n));
                true
            })
            .unwrap();
            let Some(parts) = in_two(&text, list) else {
                // Only a list with no record starting past the middle.
                let middle = text.len() / 2;
                assert!(!text[middle..].contains("\n- "), "{name} was not split");
                continue;
            };
            assert_eq!(parts.len(), whole.len(), "{name}");
            for ((i, a), (j, b)) in parts.iter().zip(&whole) {
                assert_eq!(i, j, "{name}");
                assert!(same(a, b), "{name} record {i}");
            }
            // The second part starts on a record's own line.
            let split = middle_item(&text, list).unwrap();
            assert!(text[split..].starts_with("- "), "{name}");
        }
    }

    #[test]
    fn a_part_declines_what_the_whole_declines() {
        // A record line in the middle of the list, after which the file
        // goes on with what the quick reader refuses: both the whole and
        // the second part decline.
        let text = "units:\n- id: U-1\n  rooms: 3\n- id: U-2\n  rooms: 3\n- id: U-3\nother: 1\n";
        assert!(records(text).is_none());
        let split = middle_item(text, "units").unwrap();
        assert!(read_list_from(text, FileId(0), split, |_, _| true).is_none());
        // Nothing that only looks like a record line is taken for one.
        assert_eq!(
            middle_item("units:\n- id: U-1\n  tags:\n  - a\n  - b\n", "units"),
            None
        );
        assert_eq!(middle_item("other:\n- id: U-1\n- id: U-2\n", "units"), None);
    }

    fn records(text: &str) -> Option<Vec<Node>> {
        let mut out = Vec::new();
        read_list(text, FileId(0), "units", |_, n| {
            out.push(n);
            true
        })?;
        Some(out)
    }

    #[test]
    fn reads_block_records() {
        let text = "units:\n- id: U-1\n  rooms: 3\n  tags:\n  - a\n  - 'b c'\n- id: U-2\n  nested:\n    x: \"y\"\n";
        let nodes = records(text).unwrap();
        assert_eq!(nodes.len(), 2);
        assert_eq!(nodes[0].get("id").unwrap().as_str(), Some("U-1"));
        assert_eq!(&text[nodes[0].span.range()], "id");
        let nested = nodes[1].get("nested").unwrap();
        assert_eq!(nested.get("x").unwrap().as_str(), Some("y"));
    }

    #[test]
    fn declines_what_it_does_not_know() {
        for text in [
            "units:\n- id: U-1 # note\n",
            "units:\n- id: U-1\n\trooms: 3\n",
            "units:\n- id: [U-1]\n",
            "units:\n- id: U-1\n  rooms:\n",
            "units:\n- id: 'it''s'\n",
            "units:\n- id: \"a\\tb\"\n",
            "units:\n- id: &a U-1\n",
            "units:\n- id: U-1\n  continued\n",
            "units:\n- id: U-1\n---\n",
            "units:\r\n- id: U-1\r\n",
            "units:\n- id: U-1\nother: 1\n",
        ] {
            assert!(records(text).is_none(), "{text:?}");
        }
    }
}
