//! The report for machines: JSON for scripts and JUnit XML for the CI of a
//! corporation or a municipality, which shows each case as a test.

use std::fmt::Write as _;

use serde::Serialize;

use crate::diagnostics::{ToDiagnostic, render_json as diagnostics_json};
use crate::ruletest::run::{CaseOutcome, CaseResult, Report};
use crate::source::SourceMap;

/// The JSON form of a run.
#[derive(Serialize)]
struct JsonReport<'a> {
    passed: usize,
    failed: usize,
    not_run: usize,
    cases: Vec<JsonCase<'a>>,
    /// The problems, as `check --format json` writes them.
    errors: serde_json::Value,
}

#[derive(Serialize)]
struct JsonCase<'a> {
    file: String,
    line: usize,
    name: &'a str,
    date: chrono::NaiveDate,
    outcome: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    mismatches: Vec<JsonMismatch<'a>>,
}

#[derive(Serialize)]
struct JsonMismatch<'a> {
    what: &'a str,
    expected: &'a str,
    actual: &'a str,
}

fn outcome(result: &CaseResult) -> &'static str {
    match result.outcome {
        CaseOutcome::Passed => "passed",
        CaseOutcome::Failed { .. } => "failed",
        CaseOutcome::Error => "not_run",
    }
}

/// The run as one JSON object.
pub fn render_json(report: &Report, sources: &SourceMap) -> String {
    let diagnostics: Vec<_> = report.errors.iter().map(|e| e.to_diagnostic()).collect();
    let errors = serde_json::from_str(&diagnostics_json(sources, &diagnostics))
        .unwrap_or(serde_json::Value::Array(Vec::new()));
    let cases = report
        .results
        .iter()
        .map(|r| JsonCase {
            file: r.file.display().to_string(),
            line: r.line,
            name: &r.name,
            date: r.date,
            outcome: outcome(r),
            mismatches: match &r.outcome {
                CaseOutcome::Failed { mismatches, .. } => mismatches
                    .iter()
                    .map(|m| JsonMismatch {
                        what: &m.what,
                        expected: &m.expected,
                        actual: &m.actual,
                    })
                    .collect(),
                _ => Vec::new(),
            },
        })
        .collect();
    let json = JsonReport {
        passed: report.passed(),
        failed: report.failed(),
        not_run: report.not_run(),
        cases,
        errors,
    };
    let mut text = serde_json::to_string_pretty(&json).unwrap_or_else(|_| "{}".to_owned());
    text.push('\n');
    text
}

/// The run as JUnit XML: one `testsuite` per test file, one `testcase` per
/// case; a failed case carries its differences, a case that could not run
/// is an `error`, and problems outside any case form a suite of their own.
pub fn render_junit(report: &Report, sources: &SourceMap) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"toewijzer test\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
        report.results.len(),
        report.failed(),
        report.not_run().saturating_add(report.errors.len())
    );
    let mut files: Vec<&std::path::Path> = Vec::new();
    for r in &report.results {
        if !files.contains(&r.file.as_path()) {
            files.push(&r.file);
        }
    }
    for file in files {
        let cases: Vec<&CaseResult> = report.results.iter().filter(|r| r.file == file).collect();
        let count = |o: &str| cases.iter().filter(|r| outcome(r) == o).count();
        let name = xml(&file.display().to_string());
        let _ = writeln!(
            out,
            "  <testsuite name=\"{name}\" tests=\"{}\" failures=\"{}\" errors=\"{}\">",
            cases.len(),
            count("failed"),
            count("not_run")
        );
        for r in cases {
            let _ = write!(
                out,
                "    <testcase classname=\"{name}\" name=\"{}\" file=\"{name}\" line=\"{}\"",
                xml(&r.name),
                r.line
            );
            match &r.outcome {
                CaseOutcome::Passed => out.push_str("/>\n"),
                CaseOutcome::Failed { mismatches, .. } => {
                    out.push_str(">\n");
                    let summary: Vec<String> = mismatches.iter().map(|m| m.what.clone()).collect();
                    let mut body = String::new();
                    for m in mismatches {
                        let _ = writeln!(
                            body,
                            "{}: expected {}, actual {}",
                            m.what, m.expected, m.actual
                        );
                    }
                    let _ = writeln!(
                        out,
                        "      <failure message=\"{}\">{}</failure>",
                        xml(&summary.join("; ")),
                        xml(&body)
                    );
                    out.push_str("    </testcase>\n");
                }
                CaseOutcome::Error => {
                    out.push_str(">\n      <error message=\"the case could not run; see the problems\"/>\n    </testcase>\n");
                }
            }
        }
        out.push_str("  </testsuite>\n");
    }
    if !report.errors.is_empty() {
        let diagnostics: Vec<_> = report.errors.iter().map(|e| e.to_diagnostic()).collect();
        let _ = writeln!(
            out,
            "  <testsuite name=\"problems\" tests=\"{0}\" failures=\"0\" errors=\"{0}\">",
            diagnostics.len()
        );
        for d in &diagnostics {
            let place = d
                .span
                .and_then(|s| {
                    let file = sources.get(s.file)?;
                    Some(format!(
                        "{}:{}",
                        file.path.display(),
                        file.line_col(s.start as usize)
                    ))
                })
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    <testcase classname=\"problems\" name=\"{} {}\">\n      <error type=\"{}\" message=\"{}\"/>\n    </testcase>",
                d.code,
                xml(&place),
                d.code,
                xml(&d.message)
            );
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// Text escaped for an XML attribute or element; control characters other
/// than tab and newline (not allowed in XML 1.0) become spaces. HTML reads
/// it the same way (the decision letter's page).
pub(crate) fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::xml;

    #[test]
    fn markup_and_control_characters_are_escaped() {
        assert_eq!(xml("a<b & \"c\"\u{7}"), "a&lt;b &amp; &quot;c&quot; ");
    }
}
