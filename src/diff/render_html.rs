//! `diff --format html`: what each variant changes as one self-contained
//! page: the files of both sides with their hashes, the changed decisions
//! counted by rule and article, place, household and group (with a chart
//! per buurt), every changed decision old → new with its differing trace
//! lines, and with `--period` the vacancies let both ways.

use std::fmt::Write as _;

use super::render_text::{changed_files, letting};
use super::{Comparison, Count, DiffOutput, LineSide};
use crate::eval::record::RunHeader;
use crate::report::html::decisions::{files, run};
use crate::report::html::escape;
use crate::report::html::page::{self, heading, paragraph, table};
use crate::report::html::svg::{Bars, bars, count};

/// Renders a whole `diff` run as an HTML page.
pub fn render(output: &DiffOutput) -> String {
    let mut out = String::new();
    let h = &output.baseline;
    let title = format!("What the variants change: {}", h.ruleset.title);
    heading(&mut out, 1, None, &title);
    run(&mut out, h);
    heading(&mut out, 2, Some("baseline-files"), "Baseline files");
    files(&mut out, h);
    for c in &output.comparisons {
        comparison(&mut out, h, c);
    }
    page::report(&title, &out)
}

fn comparison(out: &mut String, base: &RunHeader, c: &Comparison) {
    match &c.variant {
        Some(v) => {
            heading(
                out,
                2,
                Some(&format!("variant {}", v.name)),
                &format!("Variant {}: {}", v.name, v.title),
            );
            paragraph(out, &format!("Source: {}", v.source));
        }
        None => heading(
            out,
            2,
            None,
            &format!(
                "Rule set {} version {}",
                c.header.ruleset.name, c.header.ruleset.version
            ),
        ),
    }
    let files: Vec<Vec<String>> = changed_files(&base.rule_files, &c.header.rule_files)
        .into_iter()
        .chain(changed_files(&base.input_files, &c.header.input_files))
        .map(|(what, f)| vec![f.path.clone(), what.to_owned(), f.sha256.clone()])
        .collect();
    if !files.is_empty() {
        table(
            out,
            &["file".into(), String::new(), "SHA-256".into()],
            &files,
        );
    }
    for (what, list) in [
        ("Only in the baseline", &c.only_baseline),
        ("Only in the variant", &c.only_variant),
    ] {
        if !list.is_empty() {
            paragraph(out, &format!("{what}: {}.", list.join(", ")));
        }
    }
    let _ = writeln!(
        out,
        "<p>{} pairs decided both ways; <strong>{} changed</strong>.</p>",
        c.pairs, c.changed
    );
    if c.changed > 0 {
        heading(out, 3, None, "Changed decisions by rule");
        let rows: Vec<Vec<String>> = c
            .groups
            .rules
            .iter()
            .map(|r| vec![r.count.to_string(), r.rule.clone(), r.source.clone()])
            .collect();
        table(
            out,
            &["decisions".into(), "rule".into(), "source".into()],
            &rows,
        );
        let g = &c.groups;
        bars(
            out,
            &Bars {
                caption: "Changed decisions per buurt",
                series: &["changed".to_owned()],
                groups: g
                    .buurten
                    .iter()
                    .map(|b| (b.key.clone(), vec![b.count as u64]))
                    .collect(),
                label: count,
            },
        );
        for (title, list) in [
            ("complex", &g.complexes),
            ("buurt", &g.buurten),
            ("household type", &g.households),
            ("income source", &g.income_sources),
            ("priority group", &g.priorities),
        ] {
            counts(out, title, list);
        }
        heading(out, 3, None, "Changed decisions");
    }
    for d in &c.decisions {
        let _ = writeln!(
            out,
            "<section class=\"change\">\n<h4>{} → {} ({})</h4>",
            escape(&d.applicant),
            escape(&d.unit),
            escape(&d.complex)
        );
        let rows: Vec<Vec<String>> = d
            .changes
            .iter()
            .map(|f| vec![f.field.clone(), f.old.clone(), f.new.clone()])
            .collect();
        table(
            out,
            &["field".into(), "baseline".into(), "variant".into()],
            &rows,
        );
        if !d.trace.is_empty() {
            out.push_str("<pre><code>");
            for l in &d.trace {
                let (sign, class) = match l.side {
                    LineSide::Baseline => ('-', "del"),
                    LineSide::Variant => ('+', "ins"),
                };
                let _ = writeln!(
                    out,
                    "<span class=\"{class}\">{sign} {}</span>",
                    escape(&l.text)
                );
            }
            out.push_str("</code></pre>\n");
        }
        out.push_str("</section>\n");
    }
    if let Some(a) = &c.allocation {
        heading(
            out,
            3,
            None,
            &format!("Allocation {} through {}", a.from, a.until),
        );
        paragraph(
            out,
            &format!(
                "{} vacancies, {} let differently, {} with a quota standing differently.",
                a.vacancies, a.changed, a.quotas_changed
            ),
        );
        let rows: Vec<Vec<String>> = a
            .units
            .iter()
            .map(|v| {
                let quotas: Vec<String> = v
                    .quotas
                    .iter()
                    .map(|q| format!("{}: {} → {}", q.field, q.old, q.new))
                    .collect();
                vec![
                    v.date.to_string(),
                    v.unit.clone(),
                    v.complex.clone(),
                    letting(&v.baseline),
                    letting(&v.variant),
                    quotas.join("; "),
                ]
            })
            .collect();
        table(
            out,
            &["date", "unit", "complex", "baseline", "variant", "quotas"].map(String::from),
            &rows,
        );
    }
}

fn counts(out: &mut String, title: &str, list: &[Count]) {
    let rows: Vec<Vec<String>> = list
        .iter()
        .map(|c| vec![c.count.to_string(), c.key.clone()])
        .collect();
    table(out, &["decisions".into(), title.to_owned()], &rows);
}
