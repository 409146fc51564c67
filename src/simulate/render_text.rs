//! `simulate --format text`: the tables with aligned columns, the
//! art. 6 lid 2 answers in sentences, and an explained household's path.

use std::fmt::Write as _;

use super::SimulateOutput;
use super::tables::{Table, answers, displacement, mixing, redaction, shares, summary};
use crate::report::text::render_decision;

fn width(s: &str) -> usize {
    s.chars().count()
}

/// A table with every column padded to its widest cell.
fn table(out: &mut String, t: &Table) {
    let _ = writeln!(out, "{}\n", t.title);
    if t.rows.is_empty() {
        let _ = writeln!(out, "  none\n");
        return;
    }
    let mut widths: Vec<usize> = t.header.iter().map(|h| width(h)).collect();
    for row in &t.rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(width(cell));
        }
    }
    for row in std::iter::once(&t.header).chain(&t.rows) {
        let mut line = String::from(" ");
        for (cell, w) in row.iter().zip(&widths) {
            let _ = write!(line, " {cell:<w$}");
        }
        let _ = writeln!(out, "{}", line.trim_end());
    }
    out.push('\n');
}

/// Renders a `simulate` run for a terminal.
pub fn render(output: &SimulateOutput) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "simulate {} to {}, seed {}\n",
        output.from, output.until, output.seed
    );
    for line in redaction(output) {
        let _ = writeln!(out, "  {line}\n");
    }
    for s in &output.sides {
        let file = s
            .file
            .as_ref()
            .map_or_else(String::new, |f| format!(" ({f})"));
        let _ = writeln!(out, "  {}: {}{file}", s.name, s.title);
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
    let _ = writeln!(
        out,
        "Wbmgp art. 6 lid 2: enough possibilities elsewhere in the region?\n"
    );
    for (side, sentences) in answers(output) {
        let _ = writeln!(out, "  {side}:");
        if sentences.is_empty() {
            let _ = writeln!(
                out,
                "    no household was refused under a designation or quota"
            );
        }
        for s in sentences {
            let _ = writeln!(out, "    {s}");
        }
    }
    out.push('\n');
    if let Some(h) = &output.household {
        let _ = writeln!(out, "Household {}\n", h.applicant);
        for p in &h.sides {
            let _ = writeln!(out, "  {}: {}", p.side, p.end);
            for step in &p.steps {
                let _ = writeln!(
                    out,
                    "    {} {} ({}): {}",
                    step.date, step.unit, step.complex, step.outcome
                );
                let mut block = String::new();
                render_decision(&mut block, &step.decision);
                for line in block.lines() {
                    let _ = writeln!(out, "      {line}");
                }
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "Notes\n");
    for n in &output.notes {
        let _ = writeln!(out, "  - {n}");
    }
    out
}
