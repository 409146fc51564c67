//! The Markdown renderer: an auditor's report of a run. The run header with
//! the hash of every file, per unit a table of candidates, per decision a
//! section with every rule's outcome, its legal source and its trace.

use std::fmt::Write as _;

use crate::eval::record::{Candidate, DecisionRecord, EvalOutput, RunHeader};
use crate::report::audit::{Audit, Summary};
use crate::report::words::{Term, Words};
use crate::words::Lang;

/// Renders a whole run as a Markdown document.
pub fn render(output: &EvalOutput) -> String {
    render_in(output, Lang::En)
}

/// [`render`] with each decision's section in `lang` (the header and the
/// unit tables stay as they are: their words are column names).
pub(crate) fn render_in(output: &EvalOutput, lang: Lang) -> String {
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

/// Renders a whole run as an auditor's report: `render_in`, then the
/// summary, the parameters in force and the command that reproduces it.
pub fn render_audit(output: &EvalOutput, audit: &Audit, lang: Lang) -> String {
    let mut out = render_in(output, lang);
    out.push_str(&audit_sections(
        &Summary::of(&output.decisions),
        audit,
        &output.header,
    ));
    out
}

/// The closing sections of an auditor's report. They follow the decisions
/// because a streamed run knows its counts only once every decision is
/// written; the bytes are the same streamed or not.
pub fn audit_sections(summary: &Summary, audit: &Audit, h: &RunHeader) -> String {
    let mut out =
        String::from("\n## Summary\n\n| decisions | eligible | not eligible |\n|---:|---:|---:|\n");
    let _ = writeln!(
        out,
        "| {} | {} | {} |",
        summary.decisions,
        summary.eligible,
        summary.refused()
    );
    let refusals = summary.refusal_rows();
    if !refusals.is_empty() {
        out.push_str("\nRefusals by rule (a decision refused by two gates counts under both):\n\n| decisions | gate | title | source |\n|---:|---|---|---|\n");
        for (id, r) in refusals {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} | {} |",
                r.count,
                cell(id),
                cell(&r.title),
                cell(&r.source)
            );
        }
    }
    if !summary.lifted.is_empty() {
        out.push_str("\nGates lifted by an exemption or a recorded decision:\n\n| decisions | gate |\n|---:|---|\n");
        for (id, n) in &summary.lifted {
            let _ = writeln!(out, "| {n} | `{}` |", cell(id));
        }
    }
    if summary.unverified.is_empty() {
        out.push_str("\nNo decision rests on an unverified figure.\n");
    } else {
        out.push_str("\nUnverified figures used:\n\n| decisions | parameter |\n|---:|---|\n");
        for (name, n) in &summary.unverified {
            let _ = writeln!(out, "| {n} | `{}` |", cell(name));
        }
    }
    if !audit.parameters.is_empty() {
        let _ = writeln!(
            out,
            "\n## Parameters in force on {}\n\n| parameter | value | in force | source | note |\n|---|---|---|---|---|",
            h.reference_date
        );
        for p in &audit.parameters {
            let _ = writeln!(
                out,
                "| `{}` {} | {} | {} | {} | {} |",
                cell(&p.name),
                cell(&p.title),
                cell(&p.value),
                p.period(),
                cell(&p.source),
                cell(&p.note())
            );
        }
    }
    out.push_str("\n## To reproduce\n\n");
    if let Some(command) = &audit.command {
        let _ = writeln!(out, "```sh\n{command}\n```\n");
    }
    let _ = writeln!(
        out,
        "With the files of the Files table unchanged (compare their SHA-256), the same \
         command gives the same report, byte for byte: engine {}, rule set `{}` version {}, \
         reference date {}, seed {}. `toewijzer verify` recomputes a JSON output and \
         names whatever changed.",
        h.engine,
        h.ruleset.name,
        cell(&h.ruleset.version),
        h.reference_date,
        h.seed
    );
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

/// One unit's table of candidates, as both reports lay it out.
pub(crate) struct UnitTable {
    /// The unit.
    pub unit: String,
    /// The order rule's keys, when the unit was ranked.
    pub order: Option<String>,
    /// Its candidates in rank order, or its decisions in output order.
    pub rows: Vec<CandidateRow>,
}

/// One candidate of a unit, every cell as plain text.
pub(crate) struct CandidateRow {
    /// 1-based rank, or `–` for the ineligible.
    pub rank: String,
    /// The applicant (a pseudonym when redacted).
    pub applicant: String,
    /// `yes`, `no`, or empty when unknown.
    pub eligible: &'static str,
    /// The priority group, `none`, or empty without a decision.
    pub priority: String,
    /// Each points rule with its total.
    pub points: String,
    /// Each classification's label.
    pub label: String,
    /// The failing gates' ids.
    pub failed: Vec<String>,
    /// What separates it from the candidate above.
    pub separated: String,
}

/// The table of every unit of `output`, in the order met, joining each
/// ranking with the unit's decisions.
pub(crate) fn unit_tables(output: &EvalOutput) -> Vec<UnitTable> {
    unit_ids(output)
        .into_iter()
        .map(|unit| {
            let ranking = output.rankings.iter().find(|r| r.unit == unit);
            let find = |applicant: &str| {
                output
                    .decisions
                    .iter()
                    .find(|d| d.unit == unit && d.applicant == applicant)
            };
            let rows = match ranking {
                Some(r) => r
                    .candidates
                    .iter()
                    .filter_map(|c| candidate_row(Some(c), &c.applicant, find(&c.applicant)))
                    .collect(),
                None => output
                    .decisions
                    .iter()
                    .filter(|d| d.unit == unit)
                    .filter_map(|d| candidate_row(None, &d.applicant, Some(d)))
                    .collect(),
            };
            UnitTable {
                unit: unit.to_owned(),
                order: ranking.map(|r| r.keys.join(", ")),
                rows,
            }
        })
        .collect()
}

/// The table of every unit of `output`, in the order met. Public so a
/// streamed run can write one unit's table at a time.
pub(crate) fn units(out: &mut String, output: &EvalOutput) {
    for table in unit_tables(output) {
        let _ = writeln!(out, "\n## Unit {}\n", cell(&table.unit));
        if let Some(order) = &table.order {
            let _ = writeln!(out, "Order: {}.\n", cell(order));
        }
        out.push_str(
            "| rank | applicant | eligible | priority | points | label | failing gates | separated by |\n\
             |---:|---|---|---|---|---|---|---|\n",
        );
        for r in &table.rows {
            let failed: Vec<String> = r.failed.iter().map(|f| format!("`{f}`")).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} |",
                r.rank,
                cell(&r.applicant),
                r.eligible,
                cell(&r.priority),
                cell(&r.points),
                cell(&r.label),
                failed.join(", "),
                cell(&r.separated)
            );
        }
    }
}

fn candidate_row(
    c: Option<&Candidate>,
    applicant: &str,
    d: Option<&DecisionRecord>,
) -> Option<CandidateRow> {
    let failed = match (c, d) {
        (Some(c), _) => &c.failed,
        (None, Some(d)) => &d.failed,
        (None, None) => return None,
    };
    let eligible = match (c, d) {
        (_, Some(d)) => yes(d.eligible),
        (Some(c), None) => yes(c.rank.is_some()),
        (None, None) => "",
    };
    Some(CandidateRow {
        rank: c
            .and_then(|c| c.rank)
            .map_or_else(|| "–".to_owned(), |r| r.to_string()),
        applicant: applicant.to_owned(),
        eligible,
        priority: d
            .map_or("", |d| d.priority.as_deref().unwrap_or("none"))
            .to_owned(),
        points: d.map_or_else(String::new, |d| {
            d.points
                .iter()
                .map(|s| format!("{} {}", s.rule, s.total))
                .collect::<Vec<_>>()
                .join(", ")
        }),
        label: d.map_or_else(String::new, |d| {
            d.classifications
                .iter()
                .map(|l| l.label.clone())
                .collect::<Vec<_>>()
                .join(", ")
        }),
        failed: failed.clone(),
        separated: c.and_then(|c| c.separated_by.clone()).unwrap_or_default(),
    })
}

fn yes(b: bool) -> &'static str {
    if b { "yes" } else { "no" }
}

/// One decision as a Markdown section: outcome, every rule with its source
/// and, when traced, what it read and compared.
pub(crate) fn decision(out: &mut String, d: &DecisionRecord) {
    decision_in(out, d, Words::default());
}

/// [`decision`] in the words `w`.
pub(crate) fn decision_in(out: &mut String, d: &DecisionRecord, w: Words) {
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
