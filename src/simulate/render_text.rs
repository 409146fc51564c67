//! `simulate --format text`: the tables with aligned columns, the
//! art. 6 lid 2 answers in sentences, and an explained household's path.

use std::fmt::Write as _;

use super::SimulateOutput;
use super::nl;
use super::tables::{
    Table, answers, answers_with, displacement, mixing, redaction, shares, summary,
};
use crate::report::text::render_decision_in;
use crate::report::words::{Term, Words};
use crate::words::Lang;

fn width(s: &str) -> usize {
    s.chars().count()
}

/// A table with every column padded to its widest cell.
fn table(out: &mut String, t: &Table, w: Words) {
    let _ = writeln!(out, "{}\n", t.title);
    if t.rows.is_empty() {
        let _ = writeln!(out, "  {}\n", w.term(Term::Nothing));
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

/// Renders a `simulate` run for a terminal, in the words of `w`.
pub fn render_in(output: &SimulateOutput, w: Words) -> String {
    let dutch = w.0 == Lang::Nl;
    let side = |name: &str| {
        if dutch {
            nl::side(name)
        } else {
            name.to_owned()
        }
    };
    let mut out = String::new();
    if dutch {
        let _ = writeln!(
            out,
            "simulatie van {} t/m {}, {} {}\n",
            crate::words::nl::date(output.from),
            crate::words::nl::date(output.until),
            w.term(Term::Seed),
            output.seed
        );
    } else {
        let _ = writeln!(
            out,
            "simulate {} to {}, seed {}\n",
            output.from, output.until, output.seed
        );
    }
    let redacted = if dutch {
        nl::redaction(output.redacted, &output.generalised)
    } else {
        redaction(output)
    };
    for line in redacted {
        let _ = writeln!(out, "  {line}\n");
    }
    for s in &output.sides {
        let file = s
            .file
            .as_ref()
            .map_or_else(String::new, |f| format!(" ({f})"));
        let _ = writeln!(out, "  {}: {}{file}", side(&s.name), s.title);
    }
    out.push('\n');
    for t in [
        summary(output),
        mixing(output),
        displacement(output),
        shares(output),
    ] {
        let t = if dutch { nl::table(t) } else { t };
        table(&mut out, &t, w);
    }
    let _ = writeln!(
        out,
        "{}\n",
        if dutch {
            "Wbmgp art. 6 lid 2: genoeg mogelijkheden elders in de regio?"
        } else {
            "Wbmgp art. 6 lid 2: enough possibilities elsewhere in the region?"
        }
    );
    let answered = if dutch {
        answers_with(output, nl::sentence)
    } else {
        answers(output)
    };
    for (name, sentences) in answered {
        let _ = writeln!(out, "  {}:", side(&name));
        if sentences.is_empty() {
            let _ = writeln!(
                out,
                "    {}",
                if dutch {
                    "geen huishouden geweigerd onder een aanwijzing of quotum"
                } else {
                    "no household was refused under a designation or quota"
                }
            );
        }
        for s in sentences {
            let _ = writeln!(out, "    {s}");
        }
    }
    out.push('\n');
    if let Some(h) = &output.household {
        let household = if dutch { "Huishouden" } else { "Household" };
        let _ = writeln!(out, "{household} {}\n", h.applicant);
        for p in &h.sides {
            let _ = writeln!(out, "  {}: {}", side(&p.side), p.end);
            for step in &p.steps {
                let date = if dutch {
                    crate::words::nl::date(step.date)
                } else {
                    step.date.to_string()
                };
                let _ = writeln!(
                    out,
                    "    {date} {} ({}): {}",
                    step.unit, step.complex, step.outcome
                );
                let mut block = String::new();
                render_decision_in(&mut block, &step.decision, w);
                for line in block.lines() {
                    let _ = writeln!(out, "      {line}");
                }
            }
            out.push('\n');
        }
    }
    let _ = writeln!(out, "{}\n", if dutch { "Toelichting" } else { "Notes" });
    if dutch {
        for n in nl::NOTES {
            let _ = writeln!(out, "  - {n}");
        }
    } else {
        for n in &output.notes {
            let _ = writeln!(out, "  - {n}");
        }
    }
    out
}
