//! The auditor's report of a run as HTML: the run, a summary of the
//! decisions, per unit the ranked candidates, per decision every rule with
//! its source and trace (a new printed page each), the parameters in force,
//! and the command and file hashes that reproduce it all.
//!
//! The trace is laid out from the same records and the same sentences
//! ([`Words::event_lines`]) as text and Markdown, so whatever a trace
//! carries shows here too.

use std::fmt::Write as _;

use super::escape;
use super::page::{self, Nest, heading, pairs, paragraph, table};
use crate::eval::record::{DecisionRecord, EvalOutput, RunHeader};
use crate::report::audit::{Audit, Summary};
use crate::report::markdown::unit_tables;
use crate::report::words::{Term, Words};
use crate::words::Lang;

/// Renders a whole run as one HTML page, each decision's section in `lang`
/// (the run, summary, unit and parameter tables keep their English column
/// names, as in Markdown).
pub fn render(output: &EvalOutput, audit: &Audit, lang: Lang) -> String {
    let mut body = String::new();
    let h = &output.header;
    let title = format!("Allocation report: {}", h.ruleset.title);
    heading(&mut body, 1, None, &title);
    run(&mut body, h);
    summary(&mut body, &Summary::of(&output.decisions));
    units(&mut body, output);
    if !output.decisions.is_empty() {
        heading(&mut body, 2, Some("decisions"), "Decisions");
        for d in &output.decisions {
            decision(&mut body, d, Words(lang));
        }
    }
    parameters(&mut body, h, audit);
    reproduce(&mut body, h, audit);
    page::report(&title, &body)
}

/// The run's identity: what a reader checks first.
pub(crate) fn run(out: &mut String, h: &RunHeader) {
    let ids = if h.redacted {
        "pseudonyms; personal values generalised (redacted)"
    } else {
        "as in the data"
    };
    pairs(
        out,
        &[
            ("engine".into(), h.engine.clone()),
            (
                "rule set".into(),
                format!("{} version {}", h.ruleset.name, h.ruleset.version),
            ),
            ("reference date".into(), h.reference_date.to_string()),
            ("lottery seed".into(), h.seed.to_string()),
            ("applicant ids".into(), ids.into()),
            ("schema version".into(), h.schema_version.to_string()),
        ],
    );
    if let Some(note) = crate::report::redact::generalised_note(h) {
        paragraph(out, &format!("Redacted: {note}."));
    }
}

fn summary(out: &mut String, s: &Summary) {
    heading(out, 2, Some("summary"), "Summary");
    table(
        out,
        &["decisions".into(), "eligible".into(), "not eligible".into()],
        &[vec![
            s.decisions.to_string(),
            s.eligible.to_string(),
            s.refused().to_string(),
        ]],
    );
    let refusals = s.refusal_rows();
    if !refusals.is_empty() {
        paragraph(
            out,
            "Refusals by rule (a decision refused by two gates counts under both):",
        );
        let rows: Vec<Vec<String>> = refusals
            .iter()
            .map(|(id, r)| {
                vec![
                    r.count.to_string(),
                    (*id).to_owned(),
                    r.title.clone(),
                    r.source.clone(),
                ]
            })
            .collect();
        table(
            out,
            &[
                "decisions".into(),
                "gate".into(),
                "title".into(),
                "source".into(),
            ],
            &rows,
        );
    }
    if !s.lifted.is_empty() {
        paragraph(out, "Gates lifted by an exemption or a recorded decision:");
        let rows: Vec<Vec<String>> = s
            .lifted
            .iter()
            .map(|(id, n)| vec![n.to_string(), id.clone()])
            .collect();
        table(out, &["decisions".into(), "gate".into()], &rows);
    }
    if s.unverified.is_empty() {
        paragraph(out, "No decision rests on an unverified figure.");
    } else {
        paragraph(out, "Unverified figures used:");
        let rows: Vec<Vec<String>> = s
            .unverified
            .iter()
            .map(|(name, n)| vec![n.to_string(), name.clone()])
            .collect();
        table(out, &["decisions".into(), "parameter".into()], &rows);
    }
}

fn parameters(out: &mut String, h: &RunHeader, audit: &Audit) {
    if audit.parameters.is_empty() {
        return;
    }
    heading(
        out,
        2,
        Some("parameters"),
        &format!("Parameters in force on {}", h.reference_date),
    );
    let rows: Vec<Vec<String>> = audit
        .parameters
        .iter()
        .map(|p| {
            vec![
                format!("{} ({})", p.name, p.title),
                p.value.clone(),
                p.period(),
                p.source.clone(),
                p.note(),
            ]
        })
        .collect();
    table(
        out,
        &[
            "parameter".into(),
            "value".into(),
            "in force".into(),
            "source".into(),
            "note".into(),
        ],
        &rows,
    );
}

fn units(out: &mut String, output: &EvalOutput) {
    for t in unit_tables(output) {
        heading(
            out,
            2,
            Some(&format!("unit {}", t.unit)),
            &format!("Unit {}", t.unit),
        );
        if let Some(order) = &t.order {
            paragraph(out, &format!("Order: {order}."));
        }
        let rows: Vec<Vec<String>> = t
            .rows
            .into_iter()
            .map(|r| {
                vec![
                    r.rank,
                    r.applicant,
                    r.eligible.to_owned(),
                    r.priority,
                    r.points,
                    r.label,
                    r.failed.join(", "),
                    r.separated,
                ]
            })
            .collect();
        table(
            out,
            &[
                "rank",
                "applicant",
                "eligible",
                "priority",
                "points",
                "label",
                "failing gates",
                "separated by",
            ]
            .map(String::from),
            &rows,
        );
    }
}

/// One decision as a section that starts a new page in print: the verdict,
/// what decided it, and every rule with its outcome, source and trace.
pub(crate) fn decision(out: &mut String, d: &DecisionRecord, w: Words) {
    let class = if d.eligible { "yes" } else { "no" };
    let _ = writeln!(
        out,
        "<section class=\"decision\" id=\"{}\">\n<h3>{} → {}: <span class=\"{class}\">{}</span></h3>",
        escape(&page::anchor(&format!("d {} {}", d.applicant, d.unit))),
        escape(&d.applicant),
        escape(&d.unit),
        w.verdict(d.eligible)
    );
    let mut facts = Vec::new();
    if !d.failed.is_empty() {
        facts.push(format!(
            "{}: {}",
            w.term(Term::FailingGates),
            d.failed.join(", ")
        ));
    }
    facts.push(format!(
        "{}: {}",
        w.term(Term::Priority),
        d.priority.as_deref().unwrap_or(w.term(Term::Nothing))
    ));
    facts.extend(
        d.points
            .iter()
            .map(|s| format!("{} {}: {}", w.term(Term::Points), s.rule, s.total)),
    );
    facts.extend(
        d.classifications
            .iter()
            .map(|l| format!("{} {}: {}", w.term(Term::Classification), l.rule, l.label)),
    );
    facts.push(format!(
        "{}: {} ({})",
        w.term(Term::Application),
        w.value(&d.application.date.to_string()),
        w.application_basis(d.application.basis)
    ));
    if !d.unverified.is_empty() {
        facts.push(format!(
            "{}: {}",
            w.term(Term::Unverified),
            d.unverified.join(", ")
        ));
    }
    page::list(out, &facts);
    out.push_str("<ul class=\"trace\">\n");
    for rule in &d.rules {
        let _ = write!(
            out,
            "<li>{} <code>{}</code> ({}): <strong>{}</strong>. {}: {}",
            w.kind(rule.kind),
            escape(&rule.id),
            escape(&rule.title),
            escape(&w.outcome(&rule.outcome)),
            crate::words::nl::capitalised(w.term(Term::Source)),
            escape(&rule.source)
        );
        let mut lines = Vec::new();
        if let Some(message) = &rule.message {
            lines.push((
                0,
                format!("{}: {}", w.term(Term::Message), w.value(message)),
            ));
        }
        lines.extend(w.event_lines(&rule.trace));
        let mut nest = Nest::default();
        for (depth, line) in &lines {
            nest.item(out, *depth, &escape(line));
        }
        nest.close(out);
        out.push_str("</li>\n");
    }
    out.push_str("</ul>\n</section>\n");
}

/// The command and the files that reproduce the report.
pub(crate) fn reproduce(out: &mut String, h: &RunHeader, audit: &Audit) {
    heading(out, 2, Some("reproduce"), "To reproduce");
    if let Some(command) = &audit.command {
        let _ = writeln!(out, "<pre><code>{}</code></pre>", escape(command));
    }
    let _ = writeln!(
        out,
        "<p>{} <code>toewijzer verify</code> recomputes a JSON output and names whatever changed.</p>",
        escape(&format!(
            "With these files unchanged (compare their SHA-256), the same command gives the same \
             report, byte for byte: engine {}, rule set {} version {}, reference date {}, seed {}.",
            h.engine, h.ruleset.name, h.ruleset.version, h.reference_date, h.seed
        ))
    );
    files(out, h);
}

/// Every rule and input file with its SHA-256.
pub(crate) fn files(out: &mut String, h: &RunHeader) {
    let rows: Vec<Vec<String>> = [("rules", &h.rule_files), ("input", &h.input_files)]
        .into_iter()
        .flat_map(|(kind, files)| {
            files
                .iter()
                .map(move |f| vec![kind.to_owned(), f.path.clone(), f.sha256.clone()])
        })
        .collect();
    table(
        out,
        &["kind".into(), "file".into(), "SHA-256".into()],
        &rows,
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::html::page::visible_text;
    use crate::report::testdata::sample_output;

    fn page() -> String {
        render(
            &sample_output(),
            &Audit {
                parameters: Vec::new(),
                command: Some("toewijzer eval --format html".into()),
            },
            Lang::En,
        )
    }

    #[test]
    fn the_page_has_summary_units_decisions_and_the_command() {
        let text = visible_text(&page());
        for needle in [
            "Summary",
            "wbmgp_art8_income | Inkomenseis in aangewezen complex | Wbmgp art. 8 lid 1",
            "Unit U-0101",
            "A-001 → U-0101: not eligible",
            "compare 5 years 364 days >= 6 years: false",
            "toewijzer eval --format html",
        ] {
            assert!(text.contains(needle), "{needle} not in\n{text}");
        }
    }

    #[test]
    fn each_decision_is_a_section_of_its_own() {
        let html = page();
        assert_eq!(html.matches("<section class=\"decision\"").count(), 2);
        assert_eq!(
            html.matches("<section").count(),
            html.matches("</section>").count()
        );
    }
}
