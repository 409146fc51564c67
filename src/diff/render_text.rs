//! `diff` for a person at a terminal: per comparison the files that
//! differ, the counts by group, every changed decision with its differing
//! trace lines, and with a period every vacancy under both sides.

use std::fmt::Write as _;

use super::{AllocationDiff, Comparison, Count, DiffOutput, Letting, LineSide};
use crate::eval::record::{FileHash, RunHeader};
use crate::report::words::{Term, Words};
use crate::report::wrap::push_wrapped;
use crate::words::{Lang, nl};

/// Renders a whole `diff` run in the words of `w`; the trace lines are the
/// language the run was asked in.
pub fn render_in(output: &DiffOutput, w: Words) -> String {
    let nl = w.0 == Lang::Nl;
    let mut out = String::new();
    let h = &output.baseline;
    push_wrapped(
        &mut out,
        0,
        2,
        &format!(
            "{} · {} {} {} {} ({}) · {}",
            h.engine,
            if nl {
                "vergelijking · basis:"
            } else {
                "diff · baseline"
            },
            w.term(Term::RuleSet),
            h.ruleset.name,
            h.ruleset.version,
            w.count(h.rule_files.len(), "file"),
            w.count(h.input_files.len(), "input file"),
        ),
    );
    let _ = writeln!(
        out,
        "{} {} · {} {}",
        w.term(Term::ReferenceDate),
        day(w, h.reference_date),
        w.term(Term::Seed),
        h.seed
    );
    for c in &output.comparisons {
        out.push('\n');
        comparison(&mut out, h, c, w);
    }
    out
}

/// A day: ISO in English, `2 maart 2026` in Dutch.
fn day(w: Words, d: chrono::NaiveDate) -> String {
    match w.0 {
        Lang::En => d.to_string(),
        Lang::Nl => nl::date(d),
    }
}

/// A phrase of this renderer in Dutch, when `w` is Dutch.
fn say(w: Words, en: &'static str) -> &'static str {
    if w.0 == Lang::En {
        return en;
    }
    match en {
        "changed" => "gewijzigd",
        "baseline only" => "alleen in de basis",
        "added" => "toegevoegd",
        "only in the baseline" => "alleen in de basis",
        "only in the variant" => "alleen in de variant",
        "by complex" => "per complex",
        "by buurt" => "per buurt",
        "by household type" => "per soort huishouden",
        "by income source" => "per inkomensbron",
        "by priority group" => "per voorrangsgroep",
        "single" => "alleenstaand",
        "couple" => "stel",
        "single parent" => "eenoudergezin",
        "couple with children" => "stel met kinderen",
        "no income" => "geen inkomen",
        "none" => "geen",
        "unchanged" => "ongewijzigd",
        "(rank only)" => "(alleen de plaats)",
        _ => en,
    }
}

/// A group's key in Dutch: household types, income sources (`bijstand +
/// pensioen`), `geen`; ids and names as they are.
fn key(w: Words, title: &'static str, key: &str) -> String {
    if w.0 == Lang::En {
        return key.to_owned();
    }
    match title {
        "by household type" => {
            let known = say(
                w,
                match key {
                    "single" => "single",
                    "couple" => "couple",
                    "single parent" => "single parent",
                    "couple with children" => "couple with children",
                    _ => "",
                },
            );
            if known.is_empty() {
                key.replace(" adults", " volwassenen")
                    .replace(" minors", " minderjarigen")
            } else {
                known.to_owned()
            }
        }
        "by income source" if key == "no income" => say(w, "no income").to_owned(),
        "by income source" => key
            .split(" + ")
            .map(nl::word)
            .collect::<Vec<_>>()
            .join(" + "),
        _ if key == "none" => say(w, "none").to_owned(),
        _ if key == "unchanged" => say(w, "unchanged").to_owned(),
        _ => key.to_owned(),
    }
}

/// A changed field's name and its two values in Dutch.
fn field(w: Words, field: &str, value: &str) -> (String, String) {
    if w.0 == Lang::En {
        return (field.to_owned(), value.to_owned());
    }
    let name = match field {
        "eligible" => w.term(Term::Eligible).to_owned(),
        "failed" => w.term(Term::Failed).to_owned(),
        "priority" => w.term(Term::Priority).to_owned(),
        "rank" => "plaats".to_owned(),
        other => other.strip_prefix("points ").map_or_else(
            || other.to_owned(),
            |rule| format!("{} {rule}", w.term(Term::Points)),
        ),
    };
    let value = if value == "not eligible" {
        w.term(Term::NotEligible).to_owned()
    } else {
        w.value(value)
    };
    (name, value)
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

fn comparison(out: &mut String, base: &RunHeader, c: &Comparison, w: Words) {
    let nl = w.0 == Lang::Nl;
    match &c.variant {
        Some(v) => {
            push_wrapped(out, 0, 2, &format!("variant {}: {}", v.name, v.title));
            push_wrapped(
                out,
                2,
                2,
                &format!("{}: {}", w.term(Term::Source), v.source),
            );
        }
        None => push_wrapped(
            out,
            0,
            2,
            &format!(
                "{} {} {} {}",
                w.term(Term::RuleSet),
                c.header.ruleset.name,
                c.header.ruleset.version,
                if nl {
                    "tegenover de basis"
                } else {
                    "against the baseline"
                }
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
            &format!(
                "{}: {} (sha256 {}…)",
                say(w, what),
                f.path,
                short(&f.sha256)
            ),
        );
    }
    if !c.only_baseline.is_empty() {
        push_wrapped(
            out,
            2,
            4,
            &format!(
                "{}: {}",
                say(w, "only in the baseline"),
                c.only_baseline.join(", ")
            ),
        );
    }
    if !c.only_variant.is_empty() {
        push_wrapped(
            out,
            2,
            4,
            &format!(
                "{}: {}",
                say(w, "only in the variant"),
                c.only_variant.join(", ")
            ),
        );
    }
    if nl {
        let _ = writeln!(
            out,
            "  {} op beide manieren beslist · {} veranderd",
            w.count(c.pairs, "pair"),
            c.changed
        );
    } else {
        let _ = writeln!(
            out,
            "  {} decided both ways · {} changed",
            w.count(c.pairs, "pair"),
            c.changed
        );
    }
    if c.changed > 0 {
        out.push_str(if nl {
            "\nveranderde beslissingen per regel\n"
        } else {
            "\nchanged decisions by rule\n"
        });
        for r in &c.groups.rules {
            let rule = if r.rule == "(rank only)" {
                say(w, "(rank only)")
            } else {
                r.rule.as_str()
            };
            let text = if r.source.is_empty() {
                format!("{:>4}  {rule}", r.count)
            } else {
                format!("{:>4}  {rule} — {}", r.count, r.source)
            };
            push_wrapped(out, 2, 8, &text);
        }
        let g = &c.groups;
        counts(out, "by complex", &g.complexes, w);
        counts(out, "by buurt", &g.buurten, w);
        counts(out, "by household type", &g.households, w);
        counts(out, "by income source", &g.income_sources, w);
        counts(out, "by priority group", &g.priorities, w);
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
            let (name, old) = field(w, &f.field, &f.old);
            let (_, new) = field(w, &f.field, &f.new);
            push_wrapped(out, 2, 4, &format!("{name}: {old} → {new}"));
        }
        if !d.trace.is_empty() {
            let _ = writeln!(out, "  {}:", w.term(Term::Trace));
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
        allocation(out, a, w);
    }
}

fn counts(out: &mut String, title: &'static str, list: &[Count], w: Words) {
    let _ = writeln!(out, "{}", say(w, title));
    for c in list {
        push_wrapped(
            out,
            2,
            8,
            &format!("{:>4}  {}", c.count, key(w, title, &c.key)),
        );
    }
}

/// `A-013 (rank 1, crucial_profession)` or `nobody`.
pub(crate) fn letting(l: &Letting) -> String {
    letting_in(l, Words::default())
}

/// [`letting`] in the words of `w`: `A-013 (plaats 1, voorrang
/// crucial_profession)` or `niemand`.
fn letting_in(l: &Letting, w: Words) -> String {
    let nl = w.0 == Lang::Nl;
    let Some(a) = &l.applicant else {
        return if nl { "niemand" } else { "nobody" }.into();
    };
    let mut parts = Vec::new();
    if let Some(r) = l.rank {
        parts.push(if nl {
            format!("plaats {r}")
        } else {
            format!("rank {r}")
        });
    }
    if let Some(p) = &l.priority {
        parts.push(if nl {
            format!("{} {p}", w.term(Term::Priority))
        } else {
            p.clone()
        });
    }
    if parts.is_empty() {
        a.clone()
    } else {
        format!("{a} ({})", parts.join(", "))
    }
}

fn allocation(out: &mut String, a: &AllocationDiff, w: Words) {
    let nl = w.0 == Lang::Nl;
    let head = if nl {
        format!(
            "toewijzing van {} t/m {}: {} {}, {} anders verhuurd, {} met een quotum dat \
             anders staat",
            day(w, a.from),
            day(w, a.until),
            a.vacancies,
            if a.vacancies == 1 {
                "vrije woning"
            } else {
                "vrije woningen"
            },
            a.changed,
            a.quotas_changed
        )
    } else {
        format!(
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
        )
    };
    push_wrapped(out, 0, 2, &head);
    for v in &a.units {
        let (old, new) = (letting_in(&v.baseline, w), letting_in(&v.variant, w));
        let who = if v.baseline == v.variant {
            format!("{old} {}", if nl { "bij beide" } else { "under both" })
        } else {
            format!("{old} → {new}")
        };
        let mark = if v.changed { '*' } else { ' ' };
        push_wrapped(
            out,
            0,
            4,
            &format!("{mark} {} {} {}: {who}", day(w, v.date), v.unit, v.complex),
        );
        for q in &v.quotas {
            let (old, new) = (standing(w, &q.old), standing(w, &q.new));
            push_wrapped(out, 4, 4, &format!("{}: {old} → {new}", q.field));
        }
    }
}

/// A quota's standing (`9 of 18, at most 50%`) in this language.
fn standing(w: Words, text: &str) -> String {
    match w.0 {
        Lang::En => text.to_owned(),
        Lang::Nl => text
            .replace(" of ", " van ")
            .replace("at most ", "hoogstens ")
            .replace("at least ", "minstens ")
            .replace("below the minimum", "onder het minimum")
            .replace('.', ","),
    }
}
