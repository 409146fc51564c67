//! `diff --format markdown`: an auditor's account of what a variant
//! changes, with the hashes of both sides' files.

use std::fmt::Write as _;

use super::render_text::{changed_files, letting};
use super::{Comparison, Count, DiffOutput, LineSide};
use crate::eval::record::RunHeader;
use crate::report::markdown::cell;

/// Renders a whole `diff` run as a Markdown document.
pub fn render(output: &DiffOutput) -> String {
    let mut out = String::new();
    let h = &output.baseline;
    let _ = writeln!(
        out,
        "# What the variants change: {}\n",
        cell(&h.ruleset.title)
    );
    out.push_str("| run | |\n|---|---|\n");
    let rows = [
        ("engine", h.engine.clone()),
        (
            "baseline",
            format!("`{}` version {}", h.ruleset.name, h.ruleset.version),
        ),
        ("reference date", h.reference_date.to_string()),
        ("lottery seed", h.seed.to_string()),
        ("schema version", output.schema_version.to_string()),
    ];
    for (k, v) in rows {
        let _ = writeln!(out, "| {k} | {} |", cell(&v));
    }
    out.push_str("\n## Baseline files\n\n| kind | file | SHA-256 |\n|---|---|---|\n");
    for (kind, files) in [("rules", &h.rule_files), ("input", &h.input_files)] {
        for f in files {
            let _ = writeln!(out, "| {kind} | `{}` | `{}` |", cell(&f.path), f.sha256);
        }
    }
    for c in &output.comparisons {
        comparison(&mut out, h, c);
    }
    out
}

fn comparison(out: &mut String, base: &RunHeader, c: &Comparison) {
    match &c.variant {
        Some(v) => {
            let _ = writeln!(out, "\n## Variant `{}`: {}\n", v.name, cell(&v.title));
            let _ = writeln!(out, "Source: {}\n", cell(&v.source));
        }
        None => {
            let _ = writeln!(
                out,
                "\n## Rule set `{}` version {}\n",
                c.header.ruleset.name,
                cell(&c.header.ruleset.version)
            );
        }
    }
    let files: Vec<_> = changed_files(&base.rule_files, &c.header.rule_files)
        .into_iter()
        .chain(changed_files(&base.input_files, &c.header.input_files))
        .collect();
    if !files.is_empty() {
        out.push_str("| file | | SHA-256 |\n|---|---|---|\n");
        for (what, f) in files {
            let _ = writeln!(out, "| `{}` | {what} | `{}` |", cell(&f.path), f.sha256);
        }
        out.push('\n');
    }
    for (what, list) in [
        ("Only in the baseline", &c.only_baseline),
        ("Only in the variant", &c.only_variant),
    ] {
        if !list.is_empty() {
            let _ = writeln!(out, "{what}: {}.\n", cell(&list.join(", ")));
        }
    }
    let _ = writeln!(
        out,
        "{} pairs decided both ways; **{} changed**.",
        c.pairs, c.changed
    );
    if c.changed > 0 {
        out.push_str(
            "\n### Changed decisions by rule\n\n| decisions | rule | source |\n|---:|---|---|\n",
        );
        for r in &c.groups.rules {
            let _ = writeln!(
                out,
                "| {} | `{}` | {} |",
                r.count,
                cell(&r.rule),
                cell(&r.source)
            );
        }
        let g = &c.groups;
        counts(out, "complex", &g.complexes);
        counts(out, "buurt", &g.buurten);
        counts(out, "household type", &g.households);
        counts(out, "income source", &g.income_sources);
        counts(out, "priority group", &g.priorities);
        out.push_str("\n### Changed decisions\n");
    }
    for d in &c.decisions {
        let _ = writeln!(
            out,
            "\n#### {} → {} ({})\n",
            cell(&d.applicant),
            cell(&d.unit),
            cell(&d.complex)
        );
        out.push_str("| field | baseline | variant |\n|---|---|---|\n");
        for f in &d.changes {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                cell(&f.field),
                cell(&f.old),
                cell(&f.new)
            );
        }
        if !d.trace.is_empty() {
            out.push_str("\n```diff\n");
            for l in &d.trace {
                let sign = match l.side {
                    LineSide::Baseline => '-',
                    LineSide::Variant => '+',
                };
                let _ = writeln!(out, "{sign} {}", l.text);
            }
            out.push_str("```\n");
        }
    }
    if let Some(a) = &c.allocation {
        let _ = writeln!(
            out,
            "\n### Allocation {} through {}\n\n{} vacancies, {} let differently, {} with a \
             quota standing differently.\n",
            a.from, a.until, a.vacancies, a.changed, a.quotas_changed
        );
        out.push_str(
            "| date | unit | complex | baseline | variant | quotas |\n|---|---|---|---|---|---|\n",
        );
        for v in &a.units {
            let quotas: Vec<String> = v
                .quotas
                .iter()
                .map(|q| format!("{}: {} → {}", q.field, q.old, q.new))
                .collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} |",
                v.date,
                cell(&v.unit),
                cell(&v.complex),
                cell(&letting(&v.baseline)),
                cell(&letting(&v.variant)),
                cell(&quotas.join("; "))
            );
        }
    }
}

fn counts(out: &mut String, title: &str, list: &[Count]) {
    let _ = writeln!(out, "\n| decisions | {title} |\n|---:|---|");
    for c in list {
        let _ = writeln!(out, "| {} | {} |", c.count, cell(&c.key));
    }
}
