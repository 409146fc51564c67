//! Rendering of every diagnostic: `file:line:col`, the source line, a caret
//! under the exact span, and a hint. The stages return data; this is the one
//! place that turns it into text or JSON.

use std::fmt::Write as _;

use serde::Serialize;

use crate::source::{SourceMap, Span};

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
    file: Option<String>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    hint: Option<&'a str>,
}

/// Renders diagnostics the way a terminal user reads them.
pub fn render_text(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        render_one(&mut out, sources, d);
        out.push('\n');
    }
    out
}

fn render_one(out: &mut String, sources: &SourceMap, d: &Diagnostic) {
    let _ = writeln!(out, "{}[{}]: {}", d.severity.word(), d.code, d.message);
    let located = d
        .span
        .and_then(|span| sources.get(span.file).map(|file| (span, file)));
    if let Some((span, file)) = located {
        let start = file.line_col(span.start as usize);
        let end = file.line_col(span.end as usize);
        let gutter = start.line.to_string().len();
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad}--> {}:{start}", file.path.display());
        let _ = writeln!(out, "{pad} |");
        let line = file.line_text(start.line);
        let _ = writeln!(out, "{} | {line}", start.line);
        let line_len = line.chars().count();
        let width = if end.line == start.line {
            end.column.saturating_sub(start.column)
        } else {
            line_len.saturating_sub(start.column - 1)
        }
        .max(1);
        let _ = writeln!(
            out,
            "{pad} | {}{}",
            " ".repeat(start.column - 1),
            "^".repeat(width)
        );
    }
    if let Some(hint) = &d.hint {
        let pad = located.map_or(0, |(span, file)| {
            file.line_col(span.start as usize).line.to_string().len()
        });
        let _ = writeln!(out, "{} = help: {hint}", " ".repeat(pad));
    }
}

/// Renders diagnostics as a JSON array, one object per diagnostic.
pub fn render_json(sources: &SourceMap, diagnostics: &[Diagnostic]) -> String {
    let items: Vec<JsonDiagnostic<'_>> = diagnostics
        .iter()
        .map(|d| {
            let located = d
                .span
                .and_then(|span| sources.get(span.file).map(|file| (span, file)));
            let (start, end) = located.map_or((None, None), |(span, file)| {
                (
                    Some(file.line_col(span.start as usize)),
                    Some(file.line_col(span.end as usize)),
                )
            });
            JsonDiagnostic {
                code: d.code,
                severity: d.severity,
                message: &d.message,
                file: located.map(|(_, file)| file.path.display().to_string()),
                line: start.map(|p| p.line),
                column: start.map(|p| p.column),
                end_line: end.map(|p| p.line),
                end_column: end.map(|p| p.column),
                hint: d.hint.as_deref(),
            }
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
    let warnings = diagnostics.len() - errors;
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

#[cfg(test)]
mod tests {
    use super::*;

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
        };
        let text = render_text(&sources, &[d]);
        assert_eq!(
            text,
            "error[E0001]: unknown name `x`\n --> r.rules:2:11\n  |\n2 |   require x >= 3\n  |           ^\n  = help: did you mean `y`?\n\n"
        );
    }
}
