//! The report as a test runner prints it: a line per case, then for each
//! failure the differences and the traced decision, then the problems, then
//! the closing count `N passed, N failed`.

use std::fmt::Write as _;
use std::path::PathBuf;

use crate::diagnostics::{ToDiagnostic, render_text as render_diagnostics};
use crate::eval::record::{DecisionRecord, Outcome, Ranking, RuleKind, RuleRecord, Shown};
use crate::ruletest::compare::{Mismatch, outcome_word};
use crate::ruletest::run::{CaseOutcome, CaseResult, Report};
use crate::source::SourceMap;

/// The whole report as text.
pub fn render_text(report: &Report, sources: &SourceMap) -> String {
    let mut out = String::new();
    let mut current: Option<&PathBuf> = None;
    for result in &report.results {
        if current != Some(&result.file) {
            let _ = writeln!(out, "{}", result.file.display());
            current = Some(&result.file);
        }
        let status = match result.outcome {
            CaseOutcome::Passed => "ok",
            CaseOutcome::Failed { .. } => "FAILED",
            CaseOutcome::Error => "ERROR",
        };
        let _ = writeln!(out, "  {status:<7}{}", result.name);
    }
    for result in &report.results {
        if let CaseOutcome::Failed {
            mismatches,
            record,
            ranking,
        } = &result.outcome
        {
            failure(&mut out, result, mismatches, record, ranking.as_ref());
        }
    }
    if !report.errors.is_empty() {
        out.push('\n');
        let diagnostics: Vec<_> = report.errors.iter().map(|e| e.to_diagnostic()).collect();
        out.push_str(&render_diagnostics(sources, &diagnostics));
    }
    if !out.is_empty() && !out.ends_with("\n\n") {
        out.push('\n');
    }
    let _ = writeln!(out, "{}", report.summary());
    out
}

fn failure(
    out: &mut String,
    result: &CaseResult,
    mismatches: &[Mismatch],
    record: &DecisionRecord,
    ranking: Option<&Ranking>,
) {
    let _ = writeln!(
        out,
        "\nFAILED {}:{}: {}",
        result.file.display(),
        result.line,
        result.name
    );
    for m in mismatches {
        let _ = writeln!(out, "  {}", m.what);
        let _ = writeln!(out, "    - expected: {}", m.expected);
        let _ = writeln!(out, "    + actual:   {}", m.actual);
    }
    let _ = writeln!(
        out,
        "  decision: applicant {} for unit {} on {}",
        record.applicant, record.unit, result.date
    );
    let explain: Vec<&String> = mismatches.iter().flat_map(|m| &m.rules).collect();
    for rule in &record.rules {
        rule_line(out, rule);
        if explain.contains(&&rule.id) {
            for (depth, line) in crate::report::words::event_lines(&rule.trace) {
                let indent = "  ".repeat(depth.saturating_add(4));
                let _ = writeln!(out, "{indent}{line}");
            }
        }
    }
    if !record.unverified.is_empty() {
        let _ = writeln!(
            out,
            "    rests on unverified: {}",
            record.unverified.join(", ")
        );
    }
    if let Some(ranking) = ranking {
        let _ = writeln!(
            out,
            "  ranking of {} by {}:",
            ranking.unit,
            ranking.keys.join(", ")
        );
        for c in &ranking.candidates {
            match c.rank {
                Some(r) => {
                    let _ = writeln!(
                        out,
                        "    {r}. {} ({})",
                        c.applicant,
                        Shown::join(&c.keys, ", ")
                    );
                }
                None => {
                    let _ = writeln!(
                        out,
                        "    -  {} (not eligible: {})",
                        c.applicant,
                        c.failed.join(", ")
                    );
                }
            }
        }
    }
}

fn rule_line(out: &mut String, rule: &RuleRecord) {
    let kind = match rule.kind {
        RuleKind::Gate => "gate",
        RuleKind::Priority => "priority",
        RuleKind::Points => "points",
        RuleKind::Classify => "classify",
        RuleKind::Tailored => "tailored",
    };
    let detail = match &rule.outcome {
        Outcome::Exempt { because } => format!(" ({because})"),
        Outcome::Overridden {
            decided_by,
            decided_on,
            ground,
            ..
        } => format!(" by {decided_by} on {decided_on}: {ground}"),
        _ => String::new(),
    };
    let message = rule
        .message
        .as_ref()
        .filter(|_| rule.outcome == Outcome::Failed)
        .map(|m| format!(": {m}"))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "    {kind} {}: {}{detail}{message}",
        rule.id,
        outcome_word(&rule.outcome)
    );
}
