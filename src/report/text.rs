//! The text renderer: decisions and rankings for a person at a terminal,
//! every line within 80 columns.

use std::fmt::Write as _;

use crate::eval::record::{DecisionRecord, EvalOutput, Outcome, Ranking, RunHeader, Shown};
use crate::report::words::{Term, Words};
use crate::report::wrap::push_wrapped;
use crate::words::Lang;

/// Renders a whole run: a short header, every decision, every ranking.
/// Traces are shown where the records carry them.
pub fn render(output: &EvalOutput) -> String {
    render_in(output, Lang::En)
}

/// `render` in `lang`.
pub fn render_in(output: &EvalOutput, lang: Lang) -> String {
    let w = Words(lang);
    let mut out = String::new();
    header(&mut out, &output.header, w);
    for decision in &output.decisions {
        out.push('\n');
        render_decision_in(&mut out, decision, w);
    }
    for ranking in &output.rankings {
        out.push('\n');
        render_ranking_in(&mut out, ranking, &[], w);
    }
    out
}

/// Renders the rankings of a run without the decision blocks, in `lang`,
/// each ineligible candidate with the message of every gate that keeps it
/// out (read from the run's decisions).
pub fn render_rankings_in(output: &EvalOutput, lang: Lang) -> String {
    let w = Words(lang);
    let mut out = String::new();
    header(&mut out, &output.header, w);
    for ranking in &output.rankings {
        out.push('\n');
        render_ranking_in(&mut out, ranking, &output.decisions, w);
    }
    out
}

fn header(out: &mut String, h: &RunHeader, w: Words) {
    push_wrapped(
        out,
        0,
        2,
        &format!(
            "{} · {} {} {} ({}) · {}",
            h.engine,
            w.term(Term::RuleSet),
            h.ruleset.name,
            h.ruleset.version,
            w.count(h.rule_files.len(), "file"),
            w.count(h.input_files.len(), "input file"),
        ),
    );
    let redacted = if h.redacted {
        format!(" · {}", w.term(Term::Redacted))
    } else {
        String::new()
    };
    let _ = writeln!(
        out,
        "{} {} · {} {}{redacted}",
        w.term(Term::ReferenceDate),
        h.reference_date,
        w.term(Term::Seed),
        h.seed
    );
    if let Some(note) = crate::report::redact::generalised_note(h) {
        push_wrapped(out, 0, 2, &note);
    }
}

/// Renders one decision as a block: the verdict, each failing gate with its
/// message and source, priority, points, classification, and the trace
/// tree when the records carry one.
pub(crate) fn render_decision(out: &mut String, d: &DecisionRecord) {
    render_decision_in(out, d, Words::default());
}

/// [`render_decision`] in the words `w`.
pub(crate) fn render_decision_in(out: &mut String, d: &DecisionRecord, w: Words) {
    let _ = writeln!(
        out,
        "{} → {}: {}",
        d.applicant,
        d.unit,
        w.verdict(d.eligible)
    );
    for id in &d.failed {
        let rule = d.rules.iter().find(|r| &r.id == id);
        let title = rule.map_or("", |r| r.title.as_str());
        push_wrapped(
            out,
            2,
            4,
            &format!("{} {id}: {title}", w.term(Term::Failed)),
        );
        if let Some(rule) = rule {
            if let Some(message) = &rule.message {
                push_wrapped(out, 4, 2, &w.value(message));
            }
            push_wrapped(
                out,
                4,
                2,
                &format!("{}: {}", w.term(Term::Source), rule.source),
            );
        }
    }
    for rule in &d.rules {
        if matches!(
            rule.outcome,
            Outcome::Exempt { .. } | Outcome::Overridden { .. }
        ) {
            push_wrapped(
                out,
                2,
                4,
                &format!("{} {}", rule.id, w.outcome(&rule.outcome)),
            );
        }
    }
    let none = w.term(Term::Nothing);
    push_wrapped(
        out,
        2,
        4,
        &format!(
            "{}: {}",
            w.term(Term::Priority),
            d.priority.as_deref().unwrap_or(none)
        ),
    );
    if !d.points.is_empty() {
        let points: Vec<String> = d
            .points
            .iter()
            .map(|s| format!("{} {}", s.rule, s.total))
            .collect();
        push_wrapped(
            out,
            2,
            4,
            &format!("{}: {}", w.term(Term::Points), points.join(", ")),
        );
    }
    if !d.classifications.is_empty() {
        let labels: Vec<String> = d
            .classifications
            .iter()
            .map(|l| format!("{} {}", l.rule, l.label))
            .collect();
        push_wrapped(
            out,
            2,
            4,
            &format!("{}: {}", w.term(Term::Classification), labels.join(", ")),
        );
    }
    push_wrapped(
        out,
        2,
        4,
        &format!(
            "{}: {} ({})",
            w.term(Term::Application),
            w.value(&d.application.date.to_string()),
            w.application_basis(d.application.basis)
        ),
    );
    if !d.unverified.is_empty() {
        push_wrapped(
            out,
            2,
            4,
            &format!("{}: {}", w.term(Term::Unverified), d.unverified.join(", ")),
        );
    }
    if d.rules.iter().any(|r| !r.trace.is_empty()) {
        trace(out, d, w);
    }
}

fn trace(out: &mut String, d: &DecisionRecord, w: Words) {
    let _ = writeln!(out, "  {}:", w.term(Term::Trace));
    for rule in &d.rules {
        push_wrapped(
            out,
            4,
            4,
            &format!(
                "{} {}: {}",
                w.kind(rule.kind),
                rule.id,
                w.outcome(&rule.outcome)
            ),
        );
        push_wrapped(
            out,
            6,
            2,
            &format!("{}: {}", w.term(Term::Source), rule.source),
        );
        if let Some(message) = &rule.message {
            push_wrapped(
                out,
                6,
                2,
                &format!("{}: {}", w.term(Term::Message), w.value(message)),
            );
        }
        for (depth, line) in w.event_lines(&rule.trace) {
            let indent = depth.saturating_mul(2).saturating_add(6);
            push_wrapped(out, indent, 4, &format!("- {line}"));
        }
    }
}

/// Renders one vacancy's ranking: the eligible in rank order with their key
/// values and what separates each from the one above, then the ineligible
/// with the gates that keep them out, and their messages where `decisions`
/// holds the candidate's decision.
pub(crate) fn render_ranking(out: &mut String, r: &Ranking, decisions: &[DecisionRecord]) {
    render_ranking_in(out, r, decisions, Words::default());
}

/// [`render_ranking`] in the words `w`.
pub(crate) fn render_ranking_in(
    out: &mut String,
    r: &Ranking,
    decisions: &[DecisionRecord],
    w: Words,
) {
    let eligible = r.candidates.iter().filter(|c| c.rank.is_some()).count();
    let _ = writeln!(
        out,
        "{}: {}, {eligible} {}",
        r.unit,
        w.count(r.candidates.len(), "candidate"),
        w.term(Term::EligibleCount)
    );
    push_wrapped(
        out,
        2,
        4,
        &format!("{} {}", w.term(Term::OrderBy), r.keys.join(", ")),
    );
    for c in &r.candidates {
        match c.rank {
            Some(rank) => {
                let keys = w.value(&Shown::join(&c.keys, " · "));
                let mut line = format!("{rank:>3}. {}  {keys}", c.applicant);
                if let Some(key) = &c.separated_by {
                    line.push_str(&format!(" ({} {key})", w.term(Term::By)));
                }
                push_wrapped(out, 2, 7, &line);
            }
            None => {
                push_wrapped(
                    out,
                    2,
                    7,
                    &format!(
                        "{}  {}  {}: {}",
                        w.term(Term::Out),
                        c.applicant,
                        w.term(Term::Failed),
                        c.failed.join(", ")
                    ),
                );
                let decision = decisions
                    .iter()
                    .find(|d| d.unit == r.unit && d.applicant == c.applicant);
                for rule in decision.iter().flat_map(|d| &d.rules) {
                    if let (true, Some(message)) = (c.failed.contains(&rule.id), &rule.message) {
                        push_wrapped(out, 7, 2, &format!("{}: {}", rule.id, w.value(message)));
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata::sample_output;
    use crate::report::wrap::WIDTH;

    #[test]
    fn every_line_fits_a_terminal() {
        let text = render(&sample_output());
        for line in text.lines() {
            assert!(line.chars().count() <= WIDTH, "too long: {line}");
        }
    }

    #[test]
    fn a_refusal_names_every_failing_gate_with_message_and_source() {
        let text = render(&sample_output());
        assert!(text.contains("A-001 → U-0101: not eligible"));
        assert!(text.contains("failed wbmgp_art8_income: Inkomenseis"));
        assert!(text.contains("failed household_fit: Woning past"));
        assert!(text.contains("1 kamers voor een huishouden van 3"));
        assert!(text.contains("source: Wbmgp art. 8 lid 1"));
    }

    #[test]
    fn the_trace_is_a_tree_of_rule_outcome_events() {
        let text = render(&sample_output());
        assert!(text.contains("    gate wbmgp_art8_income: failed\n"));
        assert!(text.contains("      - compare 5 years 364 days >= 6 years: false"));
        assert!(text.contains("wbmgp_art8_income overridden: hardheidsclausule"));
    }

    #[test]
    fn rankings_alone_give_the_reasons_of_who_is_out() {
        let text = render_rankings_in(&sample_output(), Lang::En);
        assert!(!text.contains("A-001 → U-0101"));
        assert!(text.contains("       household_fit: 1 kamers voor een huishouden van 3"));
    }

    #[test]
    fn rankings_show_rank_keys_and_who_is_out() {
        let text = render(&sample_output());
        assert!(text.contains("  1. A-010  urgency · 3 years 2 months · 0.4172"));
        assert!(text.contains("out  A-001  failed: wbmgp_art8_income, household_fit"));
    }
}
