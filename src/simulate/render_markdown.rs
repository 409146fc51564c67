//! `simulate --format markdown`: the same tables as pipe tables, the
//! art. 6 lid 2 answers and an explained household's path, for a report.

use std::fmt::Write as _;

use super::SimulateOutput;
use super::tables::{Table, answers, displacement, mixing, redaction, shares, summary};
use crate::report::markdown::decision;

fn cell(s: &str) -> String {
    s.replace('|', "\\|")
}

fn table(out: &mut String, t: &Table) {
    let _ = writeln!(out, "## {}\n", t.title);
    if t.rows.is_empty() {
        let _ = writeln!(out, "None.\n");
        return;
    }
    let line = |row: &[String]| {
        let cells: Vec<String> = row.iter().map(|c| cell(c)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let _ = writeln!(out, "{}", line(&t.header));
    let rule: Vec<&str> = t.header.iter().map(|_| "---").collect();
    let _ = writeln!(out, "|{}|", rule.join("|"));
    for row in &t.rows {
        let _ = writeln!(out, "{}", line(row));
    }
    out.push('\n');
}

/// Renders a `simulate` run as Markdown.
pub fn render(output: &SimulateOutput) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# Simulation {} to {} (seed {})\n",
        output.from, output.until, output.seed
    );
    for line in redaction(output) {
        let _ = writeln!(out, "_{}_\n", cell(&line));
    }
    for s in &output.sides {
        let file = s
            .file
            .as_ref()
            .map_or_else(String::new, |f| format!(" (`{f}`)"));
        let _ = writeln!(out, "- **{}**: {}{file}", s.name, cell(&s.title));
    }
    out.push('\n');
    for t in [
        summary(output),
        mixing(output),
        displacement(output),
        shares(output),
    ] {
        table(&mut out, &t);
    }
    let _ = writeln!(out, "## Wbmgp art. 6 lid 2\n");
    for (side, sentences) in answers(output) {
        let _ = writeln!(out, "**{side}**\n");
        if sentences.is_empty() {
            let _ = writeln!(
                out,
                "- no household was refused under a designation or quota"
            );
        }
        for s in sentences {
            let _ = writeln!(out, "- {s}");
        }
        out.push('\n');
    }
    if let Some(h) = &output.household {
        let _ = writeln!(out, "## Household {}\n", h.applicant);
        for p in &h.sides {
            let _ = writeln!(out, "### {}\n\n{}\n", p.side, p.end);
            for step in &p.steps {
                let _ = writeln!(
                    out,
                    "#### {} {} ({})\n\n{}\n",
                    step.date, step.unit, step.complex, step.outcome
                );
                decision(&mut out, &step.decision);
                out.push('\n');
            }
        }
    }
    let _ = writeln!(out, "## Notes\n");
    for n in &output.notes {
        let _ = writeln!(out, "- {n}");
    }
    out
}
