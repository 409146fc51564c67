//! The Markdown renderer: an auditor's report of a run. The run header with
//! the hash of every file, per unit a table of candidates, per decision a
//! section with every rule's outcome, its legal source and its trace.

use std::fmt::Write as _;

use crate::eval::record::{Candidate, DecisionRecord, EvalOutput, RunHeader};
use crate::report::words::{Term, Words};
use crate::words::Lang;

/// Renders a whole run as a Markdown document.
pub fn render(output: &EvalOutput) -> String {
    render_in(output, Lang::En)
}

/// [`render`] with each decision's section in `lang` (the header and the
/// unit tables stay as they are: their words are column names).
pub fn render_in(output: &EvalOutput, lang: Lang) -> String {
    let mut out = String::new();
    header(&mut out, &output.header);
    units(&mut out, output);
    if !output.decisions.is_empty() {
        out.push_str("\n## Decisions\n");
        for d in &output.decisions {
            decision_in(&mut out, d, Words(lang));
        }
    }
    out
}

/// A table cell: no line breaks, no column separators.
pub(crate) fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn header(out: &mut String, h: &RunHeader) {
    let _ = writeln!(out, "# Allocation report: {}\n", cell(&h.ruleset.title));
    out.push_str("| run | |\n|---|---|\n");
    let rows = [
        ("engine", h.engine.clone()),
        (
            "rule set",
            format!("`{}` version {}", h.ruleset.name, h.ruleset.version),
        ),
        ("reference date", h.reference_date.to_string()),
        ("lottery seed", h.seed.to_string()),
        (
            "applicant ids",
            if h.redacted {
                "pseudonyms; personal values generalised (redacted)".into()
            } else {
                "as in the data".into()
            },
        ),
        ("schema version", h.schema_version.to_string()),
    ];
    for (k, v) in rows {
        let _ = writeln!(out, "| {k} | {} |", cell(&v));
    }
    if let Some(note) = crate::report::redact::generalised_note(h) {
        let _ = writeln!(out, "\nRedacted: {}.", cell(&note));
    }
    out.push_str("\n## Files\n\n| kind | file | SHA-256 |\n|---|---|---|\n");
    for (kind, files) in [("rules", &h.rule_files), ("input", &h.input_files)] {
        for f in files {
            let _ = writeln!(out, "| {kind} | `{}` | `{}` |", cell(&f.path), f.sha256);
        }
    }
}

/// The units in the order met: ranked units first, then units that only
/// have decisions.
fn unit_ids(output: &EvalOutput) -> Vec<&str> {
    let mut ids: Vec<&str> = Vec::new();
    let ranked = output.rankings.iter().map(|r| r.unit.as_str());
    let decided = output.decisions.iter().map(|d| d.unit.as_str());
    for id in ranked.chain(decided) {
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// The table of every unit of `output`, in the order met. Public so a
/// streamed run can write one unit's table at a time.
pub fn units(out: &mut String, output: &EvalOutput) {
    for unit in unit_ids(output) {
        let _ = writeln!(out, "\n## Unit {}\n", cell(unit));
        let ranking = output.rankings.iter().find(|r| r.unit == unit);
        if let Some(r) = ranking {
            let _ = writeln!(out, "Order: {}.\n", cell(&r.keys.join(", ")));
        }
        out.push_str(
            "| rank | applicant | eligible | priority | points | label | failing gates | separated by |\n\
             |---:|---|---|---|---|---|---|---|\n",
        );
        let find = |applicant: &str| {
            output
                .decisions
                .iter()
                .find(|d| d.unit == unit && d.applicant == applicant)
        };
        match ranking {
            Some(r) => {
                for c in &r.candidates {
                    row(out, Some(c), &c.applicant, find(&c.applicant));
                }
            }
            None => {
                for d in output.decisions.iter().filter(|d| d.unit == unit) {
                    row(out, None, &d.applicant, Some(d));
                }
            }
        }
    }
}

fn row(out: &mut String, c: Option<&Candidate>, applicant: &str, d: Option<&DecisionRecord>) {
    let rank = c
        .and_then(|c| c.rank)
        .map_or_else(|| "–".to_owned(), |r| r.to_string());
    let eligible = match (c, d) {
        (_, Some(d)) => yes(d.eligible),
        (Some(c), None) => yes(c.rank.is_some()),
        (None, None) => "",
    };
    let priority = d.map_or("", |d| d.priority.as_deref().unwrap_or("none"));
    let points = d.map_or_else(String::new, |d| {
        d.points
            .iter()
            .map(|s| format!("{} {}", s.rule, s.total))
            .collect::<Vec<_>>()
            .join(", ")
    });
    let label = d.map_or_else(String::new, |d| {
        d.classifications
            .iter()
            .map(|l| l.label.clone())
            .collect::<Vec<_>>()
            .join(", ")
    });
    let failed = match (c, d) {
        (Some(c), _) => &c.failed,
        (None, Some(d)) => &d.failed,
        (None, None) => return,
    };
    let failed: Vec<String> = failed.iter().map(|f| format!("`{f}`")).collect();
    let separated = c
        .and_then(|c| c.separated_by.as_deref())
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "| {rank} | {} | {eligible} | {} | {} | {} | {} | {} |",
        cell(applicant),
        cell(priority),
        cell(&points),
        cell(&label),
        failed.join(", "),
        cell(separated)
    );
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// One decision as a Markdown section: outcome, every rule with its source
/// and, when traced, what it read and compared.
pub fn decision(out: &mut String, d: &DecisionRecord) {
    decision_in(out, d, Words::default());
}

/// [`decision`] in the words `w`.
pub fn decision_in(out: &mut String, d: &DecisionRecord, w: Words) {
    let _ = writeln!(
        out,
        "\n### {} → {}: {}\n",
        d.applicant,
        d.unit,
        w.verdict(d.eligible)
    );
    if !d.failed.is_empty() {
        let failed: Vec<String> = d.failed.iter().map(|f| format!("`{f}`")).collect();
        let _ = writeln!(
            out,
            "- {}: {}",
            w.term(Term::FailingGates),
            failed.join(", ")
        );
    }
    let _ = writeln!(
        out,
        "- {}: {}",
        w.term(Term::Priority),
        d.priority.as_deref().unwrap_or(w.term(Term::Nothing))
    );
    for s in &d.points {
        let _ = writeln!(out, "- {} `{}`: {}", w.term(Term::Points), s.rule, s.total);
    }
    for l in &d.classifications {
        let _ = writeln!(
            out,
            "- {} `{}`: {}",
            w.term(Term::Classification),
            l.rule,
            l.label
        );
    }
    let basis = w.application_basis(d.application.basis);
    let _ = writeln!(
        out,
        "- {}: {} ({basis})",
        w.term(Term::Application),
        w.value(&d.application.date.to_string()),
    );
    if !d.unverified.is_empty() {
        let _ = writeln!(
            out,
            "- {}: {}",
            w.term(Term::Unverified),
            d.unverified.join(", ")
        );
    }
    let _ = writeln!(out, "\n{}:\n", w.term(Term::Rules));
    for rule in &d.rules {
        let _ = writeln!(
            out,
            "- {} `{}` ({}): **{}**. {}: {}",
            w.kind(rule.kind),
            rule.id,
            rule.title,
            w.outcome(&rule.outcome),
            capitalised(w.term(Term::Source)),
            rule.source
        );
        if let Some(message) = &rule.message {
            let _ = writeln!(out, "  - {}: {}", w.term(Term::Message), w.value(message));
        }
        for (depth, line) in w.event_lines(&rule.trace) {
            let indent = "  ".repeat(depth.saturating_add(1));
            let _ = writeln!(out, "{indent}- {line}");
        }
    }
}

fn capitalised(s: &str) -> String {
    crate::words::nl::capitalised(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata::sample_output;

    #[test]
    fn the_header_lists_every_file_with_its_hash() {
        let md = render(&sample_output());
        assert!(md.starts_with("# Allocation report: Toewijzingsregels Heerlen-Noord\n"));
        assert!(md.contains(&format!(
            "| rules | `rules/heerlen/heerlen.rules` | `{}` |",
            "ab".repeat(32)
        )));
        assert!(md.contains("| reference date | 2026-03-02 |"));
    }

    #[test]
    fn a_unit_table_joins_ranking_and_decisions() {
        let md = render(&sample_output());
        assert!(md.contains("| 1 | A-010 | yes | urgency | profile 3 | drager |  |  |"));
        assert!(md.contains(
            "| – | A-001 | no | none | profile 0 | vrager | `wbmgp_art8_income`, `household_fit` |  |"
        ));
    }

    #[test]
    fn each_decision_lists_its_rules_with_source_and_trace() {
        let md = render(&sample_output());
        assert!(md.contains("### A-001 → U-0101: not eligible"));
        assert!(md.contains(
            "- gate `wbmgp_art8_income` (Inkomenseis in aangewezen complex): **failed**. Source: Wbmgp art. 8 lid 1"
        ));
        assert!(md.contains("  - compare 5 years 364 days >= 6 years: false"));
    }

    #[test]
    fn pipes_in_values_do_not_break_a_table() {
        assert_eq!(cell("a|b\nc"), "a\\|b c");
    }
}
