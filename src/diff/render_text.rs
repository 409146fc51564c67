//! `diff` for a person at a terminal: per comparison the files that
//! differ, the counts by group, every changed decision with its differing
//! trace lines, and with a period every vacancy under both sides.

use std::fmt::Write as _;

use super::{AllocationDiff, Comparison, Count, DiffOutput, Letting, LineSide};
use crate::eval::record::{FileHash, RunHeader};
use crate::report::words;
use crate::report::wrap::push_wrapped;

/// Renders a whole `diff` run.
pub fn render(output: &DiffOutput) -> String {
    let mut out = String::new();
    let h = &output.baseline;
    push_wrapped(
        &mut out,
        0,
        2,
        &format!(
            "{} · diff · baseline rule set {} {} ({}) · {}",
            h.engine,
            h.ruleset.name,
            h.ruleset.version,
            words::count(h.rule_files.len(), "file"),
            words::count(h.input_files.len(), "input file"),
        ),
    );
    let _ = writeln!(out, "reference date {} · seed {}", h.reference_date, h.seed);
    for c in &output.comparisons {
        out.push('\n');
        comparison(&mut out, h, c);
    }
    out
}

/// The files whose hash differs between the sides, or that one side lacks.
pub(crate) fn changed_files<'h>(
    old: &'h [FileHash],
    new: &'h [FileHash],
) -> Vec<(&'static str, &'h FileHash)> {
    let mut out = Vec::new();
    for f in old {
        match new.iter().find(|n| n.path == f.path) {
            Some(n) if n.sha256 == f.sha256 => {}
            Some(n) => out.push(("changed", n)),
            None => out.push(("baseline only", f)),
        }
    }
    for n in new {
        if !old.iter().any(|f| f.path == n.path) {
            out.push(("added", n));
        }
    }
    out
}

fn short(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

fn comparison(out: &mut String, base: &RunHeader, c: &Comparison) {
    match &c.variant {
        Some(v) => {
            push_wrapped(out, 0, 2, &format!("variant {}: {}", v.name, v.title));
            push_wrapped(out, 2, 2, &format!("source: {}", v.source));
        }
        None => push_wrapped(
            out,
            0,
            2,
            &format!(
                "rule set {} {} against the baseline",
                c.header.ruleset.name, c.header.ruleset.version
            ),
        ),
    }
    for (what, f) in changed_files(&base.rule_files, &c.header.rule_files)
        .into_iter()
        .chain(changed_files(&base.input_files, &c.header.input_files))
    {
        push_wrapped(
            out,
            2,
            4,
            &format!("{what}: {} (sha256 {}…)", f.path, short(&f.sha256)),
        );
    }
    if !c.only_baseline.is_empty() {
        push_wrapped(
            out,
            2,
            4,
            &format!("only in the baseline: {}", c.only_baseline.join(", ")),
        );
    }
    if !c.only_variant.is_empty() {
        push_wrapped(
            out,
            2,
            4,
            &format!("only in the variant: {}", c.only_variant.join(", ")),
        );
    }
    let _ = writeln!(
        out,
        "  {} decided both ways · {} changed",
        words::count(c.pairs, "pair"),
        c.changed
    );
    if c.changed > 0 {
        out.push_str("\nchanged decisions by rule\n");
        for r in &c.groups.rules {
            let text = if r.source.is_empty() {
                format!("{:>4}  {}", r.count, r.rule)
            } else {
                format!("{:>4}  {} — {}", r.count, r.rule, r.source)
            };
            push_wrapped(out, 2, 8, &text);
        }
        let g = &c.groups;
        counts(out, "by complex", &g.complexes);
        counts(out, "by buurt", &g.buurten);
        counts(out, "by household type", &g.households);
        counts(out, "by income source", &g.income_sources);
        counts(out, "by priority group", &g.priorities);
    }
    for d in &c.decisions {
        out.push('\n');
        push_wrapped(
            out,
            0,
            2,
            &format!("{} → {} ({})", d.applicant, d.unit, d.complex),
        );
        for f in &d.changes {
            push_wrapped(out, 2, 4, &format!("{}: {} → {}", f.field, f.old, f.new));
        }
        if !d.trace.is_empty() {
            out.push_str("  trace:\n");
            for l in &d.trace {
                let sign = match l.side {
                    LineSide::Baseline => '-',
                    LineSide::Variant => '+',
                };
                let _ = writeln!(out, "    {sign} {}", l.text);
            }
        }
    }
    if let Some(a) = &c.allocation {
        out.push('\n');
        allocation(out, a);
    }
}

fn counts(out: &mut String, title: &str, list: &[Count]) {
    let _ = writeln!(out, "{title}");
    for c in list {
        push_wrapped(out, 2, 8, &format!("{:>4}  {}", c.count, c.key));
    }
}

/// `A-013 (rank 1, crucial_profession)` or `nobody`.
pub(crate) fn letting(l: &Letting) -> String {
    let Some(a) = &l.applicant else {
        return "nobody".into();
    };
    let mut parts = Vec::new();
    if let Some(r) = l.rank {
        parts.push(format!("rank {r}"));
    }
    if let Some(p) = &l.priority {
        parts.push(p.clone());
    }
    if parts.is_empty() {
        a.clone()
    } else {
        format!("{a} ({})", parts.join(", "))
    }
}

fn allocation(out: &mut String, a: &AllocationDiff) {
    push_wrapped(
        out,
        0,
        2,
        &format!(
            "allocation {} through {}: {} {}, {} let differently, {} with a quota \
             standing differently",
            a.from,
            a.until,
            a.vacancies,
            if a.vacancies == 1 {
                "vacancy"
            } else {
                "vacancies"
            },
            a.changed,
            a.quotas_changed
        ),
    );
    for v in &a.units {
        let (old, new) = (letting(&v.baseline), letting(&v.variant));
        let who = if v.baseline == v.variant {
            format!("{old} under both")
        } else {
            format!("{old} → {new}")
        };
        let mark = if v.changed { '*' } else { ' ' };
        push_wrapped(
            out,
            0,
            4,
            &format!("{mark} {} {} {}: {who}", v.date, v.unit, v.complex),
        );
        for q in &v.quotas {
            push_wrapped(out, 4, 4, &format!("{}: {} → {}", q.field, q.old, q.new));
        }
    }
}
