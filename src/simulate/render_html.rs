//! `simulate --format html`: the report as one self-contained page, the
//! tables of the Markdown report with charts drawn as inline SVG beside
//! them: the inflow per buurt and the households refused per designation
//! or quota, one bar per side, and each quota's share at the period's end.
//! `simulate` keeps no quota timeline, so the share is drawn as it stood at
//! the end; `report --format html` draws it over time.

use std::fmt::Write as _;

use super::SimulateOutput;
use super::tables::{Table, answers, displacement, mixing, shares, summary};
use crate::report::html::decisions::decision;
use crate::report::html::page::{self, heading, list, paragraph, table};
use crate::report::html::svg::{Bars, bars, count, percent};
use crate::report::html::workflow::permille;
use crate::report::words::Words;

fn section(out: &mut String, t: &Table) {
    heading(out, 2, Some(t.title), t.title);
    if t.rows.is_empty() {
        paragraph(out, "None.");
    } else {
        table(out, &t.header, &t.rows);
    }
}

/// Renders a `simulate` run as an HTML page.
pub fn render(output: &SimulateOutput) -> String {
    let mut out = String::new();
    let title = format!(
        "Simulation {} to {} (seed {})",
        output.from, output.until, output.seed
    );
    heading(&mut out, 1, None, &title);
    let sides: Vec<String> = output
        .sides
        .iter()
        .map(|s| match &s.file {
            Some(f) => format!("{}: {} ({f})", s.name, s.title),
            None => format!("{}: {}", s.name, s.title),
        })
        .collect();
    list(&mut out, &sides);
    let names: Vec<String> = output.sides.iter().map(|s| s.name.clone()).collect();
    section(&mut out, &summary(output));
    section(&mut out, &mixing(output));
    bars(
        &mut out,
        &Bars {
            caption: "Inflow per buurt and fragile complex, per side (households housed in the period)",
            series: &names,
            groups: inflow_groups(output),
            label: count,
        },
    );
    section(&mut out, &displacement(output));
    bars(
        &mut out,
        &Bars {
            caption: "Households refused per designation or quota and buurt, per side",
            series: &names,
            groups: refusal_groups(output, |f| f.refused),
            label: count,
        },
    );
    bars(
        &mut out,
        &Bars {
            caption: "Of them not housed by the period's end, per side",
            series: &names,
            groups: refusal_groups(output, |f| f.not_housed),
            label: count,
        },
    );
    section(&mut out, &shares(output));
    bars(
        &mut out,
        &Bars {
            caption: "Each quota's share at the period's end, per side",
            series: &names,
            groups: share_groups(output),
            label: percent,
        },
    );
    heading(&mut out, 2, Some("art-6"), "Wbmgp art. 6 lid 2");
    for (side, sentences) in answers(output) {
        let _ = writeln!(out, "<h3>{}</h3>", crate::report::html::escape(&side));
        if sentences.is_empty() {
            paragraph(
                &mut out,
                "No household was refused under a designation or quota.",
            );
        } else {
            list(&mut out, &sentences);
        }
    }
    if let Some(h) = &output.household {
        heading(
            &mut out,
            2,
            Some("household"),
            &format!("Household {}", h.applicant),
        );
        for p in &h.sides {
            heading(&mut out, 3, None, &p.side);
            paragraph(&mut out, &p.end);
            for step in &p.steps {
                heading(
                    &mut out,
                    4,
                    None,
                    &format!("{} {} ({})", step.date, step.unit, step.complex),
                );
                paragraph(&mut out, &step.outcome);
                decision(&mut out, &step.decision, Words::default());
            }
        }
    }
    heading(&mut out, 2, Some("notes"), "Notes");
    list(&mut out, &output.notes);
    page::report(&title, &out)
}

/// Per place (buurten first, then fragile complexes, by name) the inflow
/// on each side.
fn inflow_groups(output: &SimulateOutput) -> Vec<(String, Vec<u64>)> {
    let mut places: Vec<(bool, String)> = output
        .sides
        .iter()
        .flat_map(|s| {
            s.mixing
                .iter()
                .map(|i| (i.place != "buurt", i.name.clone()))
        })
        .collect();
    places.sort();
    places.dedup();
    places
        .into_iter()
        .map(|(fragile, name)| {
            let place = if fragile { "fragile complex" } else { "buurt" };
            let values = output
                .sides
                .iter()
                .map(|s| {
                    s.mixing
                        .iter()
                        .find(|i| i.place == place && i.name == name)
                        .map_or(0, |i| i.allocations as u64)
                })
                .collect();
            (format!("{place} {name}"), values)
        })
        .collect()
}

/// Per designation or quota and buurt, one figure of each side.
fn refusal_groups(
    output: &SimulateOutput,
    figure: fn(&super::Figures) -> usize,
) -> Vec<(String, Vec<u64>)> {
    let mut keys: Vec<(String, String, String)> = output
        .sides
        .iter()
        .flat_map(|s| {
            s.displacement
                .iter()
                .map(|r| (r.by.clone(), r.under.clone(), r.buurt.clone()))
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|(by, under, buurt)| {
            let values = output
                .sides
                .iter()
                .map(|s| {
                    s.displacement
                        .iter()
                        .find(|r| r.by == by && r.under == under && r.buurt == buurt)
                        .map_or(0, |r| figure(&r.figures) as u64)
                })
                .collect();
            (format!("{under} in {buurt}"), values)
        })
        .collect()
}

/// Per quota and scope, its share in per mille on each side.
fn share_groups(output: &SimulateOutput) -> Vec<(String, Vec<u64>)> {
    let mut keys: Vec<(String, String)> = output
        .sides
        .iter()
        .flat_map(|s| {
            s.shares
                .iter()
                .map(|q| (q.quota.to_string(), q.scope.to_string()))
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .map(|(quota, scope)| {
            let values = output
                .sides
                .iter()
                .map(|s| {
                    s.shares
                        .iter()
                        .find(|q| *q.quota == *quota && *q.scope == *scope)
                        .and_then(|q| permille(q.counted, q.of))
                        .unwrap_or(0)
                })
                .collect();
            (format!("{quota} ({scope})"), values)
        })
        .collect()
}
