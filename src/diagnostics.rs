//! Rendering of every diagnostic: `file:line:col`, the source line, a caret
//! under the exact span, and a hint. The stages return data; this is the one
//! place that turns it into text or JSON.

use std::fmt::Write as _;

use serde::Serialize;

use crate::source::{FileId, SourceMap, Span};

/// How bad a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The rule set cannot be used.
    Error,
    /// Suspicious but usable.
    Warning,
}

impl Severity {
    fn word(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One problem, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, e.g. `E0104`; documented in the README.
    pub code: &'static str,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong: lowercase, user text in backticks, no final period.
    pub message: String,
    /// Where; `None` for problems with no place (an unreadable folder).
    pub span: Option<Span>,
    /// A suggestion (`did you mean …`), shown on its own line.
    pub hint: Option<String>,
    /// Other places the problem involves (the cap of a priority, the
    /// named condition a gate reads), each with what it is.
    pub labels: Vec<Label>,
}

/// A second place a diagnostic points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// Where.
    pub span: Span,
    /// What is there, in a few words.
    pub message: String,
}

/// The JSON form of a label.
#[derive(Debug, Serialize)]
struct JsonLabel<'a> {
    message: &'a str,
    #[serde(flatten)]
    place: JsonPlace,
}

/// Where a diagnostic or a label points, in the JSON form.
#[derive(Debug, Serialize)]
struct JsonPlace {
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
}

impl JsonPlace {
    fn of(sources: &SourceMap, span: Option<Span>) -> Self {
        let located = span.and_then(|span| sources.get(span.file).map(|file| (span, file)));
        let start = located.map(|(span, file)| file.line_col(span.start as usize));
        let end = located.map(|(span, file)| file.line_col(span.end as usize));
        JsonPlace {
            file: located.map(|(_, file)| file.path.display().to_string()),
            line: start.map(|p| p.line),
            column: start.map(|p| p.column),
            end_line: end.map(|p| p.line),
            end_column: end.map(|p| p.column),
        }
    }
}

/// Implemented by every stage's error type so the CLI can render any of them.
pub trait ToDiagnostic {
    /// The diagnostic for this error.
    fn to_diagnostic(&self) -> Diagnostic;
}

/// The JSON form of a diagnostic, for editors and CI.
#[derive(Debug, Serialize)]
struct JsonDiagnostic<'a> {
    code: &'a str,
    severity: Severity,
    message: &'a str,
    #[serde(flatten)]
    place: JsonPlace,
    hint: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    labels: Vec<JsonLabel<'a>>,
}

/// How many diagnostics of one file are rendered in full; past it, one line
/// says how many more there are. A generated or mangled file can have
/// hundreds of thousands of problems, and each rendered problem shows a line
/// of the file: the cap keeps the output readable and bounded. Counts and
/// JSON output are never capped.
pub(crate) const MAX_RENDERED_PER_FILE: usize = 100;

/// The widest source line shown under a diagnostic, in characters; a longer
/// line is cut around the caret, with `…` where text was left out.
pub(crate) const MAX_LINE_WIDTH: usize = 120;

/// Renders diagnostics as text, in order, the first `MAX_RENDERED_PER_FILE`
/// of each file in full and then a line per file saying how many more there
/// are.
pub fn render_text(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    let mut shown: std::collections::BTreeMap<Option<FileId>, usize> = Default::default();
    for d in diagnostics {
        let count = shown.entry(d.span.map(|s| s.file)).or_default();
        *count = count.saturating_add(1);
        if *count <= MAX_RENDERED_PER_FILE {
            render_one(&mut out, sources, d);
            out.push('\n');
        }
    }
    for (file, count) in shown {
        let more = count.saturating_sub(MAX_RENDERED_PER_FILE);
        if more == 0 {
            continue;
        }
        let place = file.and_then(|f| sources.get(f)).map_or_else(
            || "without a place".to_owned(),
            |f| format!("in `{}`", f.path.display()),
        );
        let problems = if more == 1 { "problem" } else { "problems" };
        let _ = writeln!(
            out,
            "… and {more} more {problems} {place} (the first {MAX_RENDERED_PER_FILE} are shown)\n"
        );
    }
    out
}

fn render_one(out: &mut String, sources: &SourceMap, d: &Diagnostic) {
    let _ = writeln!(out, "{}[{}]: {}", d.severity.word(), d.code, d.message);
    let located = d
        .span
        .and_then(|span| sources.get(span.file).map(|file| (span, file)));
    // One gutter for the whole diagnostic, wide enough for every line shown.
    let gutter = std::iter::once(d.span)
        .chain(d.labels.iter().map(|l| Some(l.span)))
        .flatten()
        .filter_map(|span| {
            let file = sources.get(span.file)?;
            Some(file.line_col(span.start as usize).line.to_string().len())
        })
        .max()
        .unwrap_or(0);
    if let Some((span, file)) = located {
        snippet(out, file, span, gutter, "-->", '^', None);
    }
    for label in &d.labels {
        if let Some(file) = sources.get(label.span.file) {
            snippet(
                out,
                file,
                label.span,
                gutter,
                ":::",
                '-',
                Some(&label.message),
            );
        }
    }
    if let Some(hint) = &d.hint {
        let _ = writeln!(out, "{} = help: {hint}", " ".repeat(gutter));
    }
}

/// The line of `span` with a marker under it: `-->` and `^` for the
/// primary place, `:::` and `-` with a note for a second one.
fn snippet(
    out: &mut String,
    file: &crate::source::SourceFile,
    span: Span,
    gutter: usize,
    arrow: &str,
    marker: char,
    note: Option<&str>,
) {
    let start = file.line_col(span.start as usize);
    let end = file.line_col(span.end as usize);
    let pad = " ".repeat(gutter);
    let _ = writeln!(out, "{pad}{arrow} {}:{start}", file.path.display());
    let _ = writeln!(out, "{pad} |");
    let line = file.line_text(start.line);
    let column = start.column.saturating_sub(1);
    let width = if end.line == start.line {
        end.column.saturating_sub(start.column)
    } else {
        line.chars().count().saturating_sub(column)
    }
    .max(1);
    let (shown, caret_at, width) = window(line, column, width);
    let (shown, caret_at, width) = on_screen(&shown, caret_at, width);
    let number = format!("{:>gutter$}", start.line);
    let _ = writeln!(out, "{number} | {shown}");
    let marks: String = std::iter::repeat_n(marker, width).collect();
    let note = note.map_or_else(String::new, |n| format!(" {n}"));
    let _ = writeln!(out, "{pad} | {}{marks}{note}", " ".repeat(caret_at));
}

/// The part of `line` to show for a caret of `width` characters at
/// character `column`: the whole line when it fits [`MAX_LINE_WIDTH`],
/// otherwise a window that starts a little before the caret, with `…` for
/// each side cut off. Returns the text, the caret's column in it and the
/// caret's width (cut to the window).
fn window(line: &str, column: usize, width: usize) -> (String, usize, usize) {
    /// Characters kept before the caret when the line is cut.
    const BEFORE: usize = 40;
    let len = line.chars().count();
    if len <= MAX_LINE_WIDTH {
        return (line.to_owned(), column, width);
    }
    let from = column
        .saturating_sub(BEFORE)
        .min(len.saturating_sub(MAX_LINE_WIDTH));
    let until = from.saturating_add(MAX_LINE_WIDTH).min(len);
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    shown.extend(line.chars().skip(from).take(until.saturating_sub(from)));
    if until < len {
        shown.push('…');
    }
    let caret_at = column
        .saturating_sub(from)
        .saturating_add(usize::from(from > 0));
    let width = width.min(until.saturating_sub(column)).max(1);
    (shown, caret_at, width)
}

/// Spaces a tab is shown as, in the line and under it alike.
const TAB_WIDTH: usize = 4;

/// `shown` as a terminal draws it, with the caret's column and width (in
/// characters of `shown`) turned into screen columns: a tab becomes
/// [`TAB_WIDTH`] spaces, a wide character (CJK, most emoji) takes two
/// columns and a combining mark none, so the caret stays under its token.
fn on_screen(shown: &str, caret_at: usize, width: usize) -> (String, usize, usize) {
    use unicode_width::UnicodeWidthChar;
    let cells = |c: char| {
        if c == '\t' {
            TAB_WIDTH
        } else {
            c.width().unwrap_or(0)
        }
    };
    let mut line = String::with_capacity(shown.len());
    let (mut before, mut under) = (0usize, 0usize);
    for (i, c) in shown.chars().enumerate() {
        if c == '\t' {
            line.push_str(&" ".repeat(TAB_WIDTH));
        } else {
            line.push(c);
        }
        if i < caret_at {
            before = before.saturating_add(cells(c));
        } else if i < caret_at.saturating_add(width) {
            under = under.saturating_add(cells(c));
        }
    }
    (line, before, under.max(1))
}

/// Renders diagnostics as a JSON array, one object per diagnostic.
pub fn render_json(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    let items: Vec<JsonDiagnostic<'_>> = diagnostics
        .iter()
        .map(|d| JsonDiagnostic {
            code: d.code,
            severity: d.severity,
            message: &d.message,
            place: JsonPlace::of(sources, d.span),
            hint: d.hint.as_deref(),
            labels: d
                .labels
                .iter()
                .map(|l| JsonLabel {
                    message: &l.message,
                    place: JsonPlace::of(sources, Some(l.span)),
                })
                .collect(),
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_else(|_| "[]".to_owned())
}

/// A one-line summary: `2 errors, 1 warning`.
pub fn summary(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .count();
    // `errors` counts some of `diagnostics`: it cannot exceed their number.
    let warnings = diagnostics.len().saturating_sub(errors);
    format!(
        "{}, {}",
        plural(errors, "error"),
        plural(warnings, "warning")
    )
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Levenshtein distance between two short words (insertions, deletions
/// and substitutions each cost one), for "did you mean …?" hints.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    // `row[j]`: the distance from the part of `a` read so far to `b[..j]`.
    // Distances are at most the longer word's length, so `+ 1` never
    // saturates.
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut left = i.saturating_add(1);
        let mut next = Vec::with_capacity(row.len());
        next.push(left);
        for ((cb, &diagonal), &above) in b.iter().zip(&row).zip(row.iter().skip(1)) {
            left = above
                .saturating_add(1)
                .min(left.saturating_add(1))
                .min(diagonal.saturating_add(usize::from(ca != *cb)));
            next.push(left);
        }
        row = next;
    }
    // `row` has `b.len() + 1` entries, never none.
    row.last().copied().unwrap_or(usize::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_caret_stays_under_its_token_after_tabs_and_wide_characters() {
        // A tab, a wide character and a combining accent before the token.
        let (line, at, width) = on_screen("\t字e\u{301} foo bar", 5, 3);
        assert_eq!(line, "    字e\u{301} foo bar");
        // Four for the tab, two for 字, one for e, none for the accent and
        // one for the space.
        assert_eq!(at, 8);
        assert_eq!(width, 3);
        // A span over a wide character is two columns wide.
        assert_eq!(on_screen("a字b", 1, 1), ("a字b".to_owned(), 1, 2));
    }

    #[test]
    fn caret_sits_under_the_span() {
        let mut sources = SourceMap::new();
        let file = sources.add("r.rules", "gate a\n  require x >= 3\n");
        let d = Diagnostic {
            code: "E0001",
            severity: Severity::Error,
            message: "unknown name `x`".into(),
            span: Some(Span::new(file, 17, 18)),
            hint: Some("did you mean `y`?".into()),
            labels: Vec::new(),
        };
        let text = render_text(&sources, &[d]);
        assert_eq!(
            text,
            "error[E0001]: unknown name `x`\n --> r.rules:2:11\n  |\n2 |   require x >= 3\n  |           ^\n  = help: did you mean `y`?\n\n"
        );
    }

    #[test]
    fn a_second_place_is_shown_with_its_note_in_text_and_json() {
        let mut sources = SourceMap::new();
        let text = format!("{}gate g\n  require ok\n", "\n".repeat(9));
        let file = sources.add("r.rules", text);
        let d = Diagnostic {
            labels: vec![Label {
                span: Span::new(file, 14, 15),
                message: "`g` reads it".into(),
            }],
            ..error_at(file, 0, 0)
        };
        let rendered = render_text(&sources, std::slice::from_ref(&d));
        // One gutter wide enough for line 10 serves both places.
        assert_eq!(
            rendered,
            "error[E0001]: bad\n  --> r.rules:1:1\n   |\n 1 | \n   | ^\n  ::: r.rules:10:6\n   |\n10 | gate g\n   |      - `g` reads it\n\n"
        );
        let json = render_json(&sources, &[d]);
        assert!(json.contains("\"labels\""), "{json}");
        assert!(json.contains("\"line\": 10"), "{json}");
    }

    fn error_at(file: FileId, start: usize, end: usize) -> Diagnostic {
        Diagnostic {
            code: "E0001",
            severity: Severity::Error,
            message: "bad".into(),
            span: Some(Span::new(file, start, end)),
            hint: None,
            labels: Vec::new(),
        }
    }

    #[test]
    fn a_long_line_is_cut_around_the_caret() {
        let line = format!("{}€xyz{}", "a".repeat(5_000), "b".repeat(5_000));
        let mut sources = SourceMap::new();
        let file = sources.add("long.rules", line.clone());
        let at = line.find('x').unwrap();
        let text = render_text(&sources, &[error_at(file, at, at + 3)]);
        let lines: Vec<&str> = text.lines().collect();
        let shown = lines[3].strip_prefix("1 | ").unwrap();
        let caret = lines[4].strip_prefix("  | ").unwrap();
        assert!(shown.chars().count() <= MAX_LINE_WIDTH + 2, "{shown}");
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        // The caret sits under `xyz`, counted in characters.
        let column = caret.find('^').unwrap();
        let under: String = shown.chars().skip(column).take(3).collect();
        assert_eq!(under, "xyz");
        assert_eq!(caret.trim(), "^^^");
        // At the very start and end of the line, one side only is cut.
        let first = render_text(&sources, &[error_at(file, 0, 1)]);
        assert!(first.lines().nth(3).unwrap().starts_with("1 | aaa"));
        let last = render_text(&sources, &[error_at(file, line.len() - 1, line.len())]);
        let shown = last.lines().nth(3).unwrap().strip_prefix("1 | ").unwrap();
        assert!(shown.starts_with('…') && shown.ends_with('b'));
        let caret = last.lines().nth(4).unwrap();
        assert_eq!(caret.len() - "  | ".len(), shown.chars().count());
    }

    #[test]
    fn diagnostics_past_the_cap_are_counted_not_rendered() {
        let mut sources = SourceMap::new();
        let line = "x ".repeat(100_000);
        let a = sources.add("a.rules", line.clone());
        let b = sources.add("b.rules", "x\n");
        let mut all: Vec<Diagnostic> = (0..100_000)
            .map(|i| error_at(a, 2 * i, 2 * i + 1))
            .collect();
        all.push(error_at(b, 0, 1));
        let text = render_text(&sources, &all);
        assert_eq!(
            text.matches("error[E0001]").count(),
            MAX_RENDERED_PER_FILE + 1
        );
        assert!(text.contains("… and 99900 more problems in `a.rules` (the first 100 are shown)"));
        assert!(!text.contains("more problems in `b.rules`"));
        assert!(text.len() < 100_000, "{} bytes", text.len());
        assert_eq!(summary(&all), "100001 errors, 0 warnings");
    }
}
