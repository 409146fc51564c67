//! The report as tables, one column per side: what the text and Markdown
//! renderers lay out, so both show the same figures side by side.

use std::collections::BTreeMap;

use super::displacement::sentence;
use super::{Count, Figures, Inflow, Refusals, SimulateOutput};
use crate::allocate::record::QuotaState;

/// A titled table: a header row and rows of cells.
pub struct Table {
    /// The section title.
    pub title: &'static str,
    /// Column names.
    pub header: Vec<String>,
    /// Rows, as many cells as the header.
    pub rows: Vec<Vec<String>>,
}

fn header(out: &SimulateOutput, first: &[&str]) -> Vec<String> {
    first
        .iter()
        .map(|s| (*s).to_owned())
        .chain(out.sides.iter().map(|s| s.name.clone()))
        .collect()
}

/// What a redacted run says of itself under its title: that it is
/// redacted and which rules rest on a value it shows only generalised.
pub fn redaction(out: &SimulateOutput) -> Vec<String> {
    if !out.redacted {
        return Vec::new();
    }
    let mut lines =
        vec!["redacted: applicant ids are pseudonyms, personal values generalised".to_owned()];
    if !out.generalised.is_empty() {
        lines.push(format!(
            "explained with generalised values (the outcome stands; the exact value that decided it is not shown): {}",
            out.generalised.join(", ")
        ));
    }
    lines
}

/// The counts of the whole period per side.
pub fn summary(out: &SimulateOutput) -> Table {
    type Row = (&'static str, fn(&super::SideReport) -> usize);
    let rows: [Row; 5] = [
        ("vacancies", |s| s.vacancies),
        ("let", |s| s.let_units),
        ("households that reacted", |s| s.households),
        ("housed in the period", |s| s.housed),
        ("still unhoused at its end", |s| s.unhoused),
    ];
    Table {
        title: "Summary",
        header: header(out, &[""]),
        rows: rows
            .iter()
            .map(|(name, f)| {
                std::iter::once((*name).to_owned())
                    .chain(out.sides.iter().map(|s| f(s).to_string()))
                    .collect()
            })
            .collect(),
    }
}

fn count_of(list: &[Count], key: &str) -> usize {
    list.iter().find(|c| c.key == key).map_or(0, |c| c.count)
}

/// The inflow per buurt and fragile complex, every dimension a row.
pub fn mixing(out: &SimulateOutput) -> Table {
    type Dim = (&'static str, fn(&Inflow) -> &[Count]);
    let dims: [Dim; 4] = [
        ("classification", |i| &i.by_classification),
        ("priority", |i| &i.by_priority),
        ("income", |i| &i.by_income),
        ("make-up before", |i| &i.make_up),
    ];
    let mut places: BTreeMap<(bool, String), BTreeMap<(usize, String), ()>> = BTreeMap::new();
    for side in &out.sides {
        for inflow in &side.mixing {
            let keys = places
                .entry((inflow.place != "buurt", inflow.name.clone()))
                .or_default();
            for (d, (_, f)) in dims.iter().enumerate() {
                for c in f(inflow) {
                    keys.insert((d, c.key.clone()), ());
                }
            }
        }
    }
    let mut rows = Vec::new();
    for ((fragile, name), keys) in places {
        let place = if fragile { "fragile complex" } else { "buurt" };
        let find = |s: &super::SideReport| {
            s.mixing
                .iter()
                .find(|i| i.place == place && i.name == name)
                .cloned()
        };
        let found: Vec<Option<Inflow>> = out.sides.iter().map(find).collect();
        let mut row = vec![
            format!("{place} {name}"),
            "inflow".to_owned(),
            String::new(),
        ];
        row.extend(
            found
                .iter()
                .map(|i| i.as_ref().map_or(0, |i| i.allocations).to_string()),
        );
        rows.push(row);
        for (d, key) in keys.into_keys() {
            let Some((dim, f)) = dims.get(d) else {
                continue;
            };
            let mut row = vec![String::new(), (*dim).to_owned(), key.clone()];
            row.extend(
                found
                    .iter()
                    .map(|i| i.as_ref().map_or(0, |i| count_of(f(i), &key)).to_string()),
            );
            rows.push(row);
        }
    }
    Table {
        title: "Mixing",
        header: header(out, &["place", "of the inflow", "group"]),
        rows,
    }
}

fn figures(f: Option<&Figures>) -> String {
    f.map_or_else(
        || "-".to_owned(),
        |f| format!("{} / {} / {}", f.refused, f.housed_later, f.not_housed),
    )
}

/// Per designation or quota and buurt: refused / housed later / not housed,
/// in all, per household type and for the groups counted apart.
pub fn displacement(out: &SimulateOutput) -> Table {
    let mut keys: BTreeMap<(String, String, String), ()> = BTreeMap::new();
    for side in &out.sides {
        for r in &side.displacement {
            keys.insert((r.by.clone(), r.under.clone(), r.buurt.clone()), ());
        }
    }
    let mut rows = Vec::new();
    for (by, under, buurt) in keys.into_keys() {
        let found: Vec<Option<&Refusals>> = out
            .sides
            .iter()
            .map(|s| {
                s.displacement
                    .iter()
                    .find(|r| r.by == by && r.under == under && r.buurt == buurt)
            })
            .collect();
        let mut groups: BTreeMap<(bool, String), ()> = BTreeMap::new();
        for r in found.iter().flatten() {
            for g in &r.by_household {
                groups.insert((false, g.group.clone()), ());
            }
            for g in &r.apart {
                groups.insert((true, g.group.clone()), ());
            }
        }
        let mut row = vec![format!("{by} {under} in {buurt}"), "all".to_owned()];
        row.extend(found.iter().map(|r| figures(r.map(|r| &r.figures))));
        rows.push(row);
        for (apart, group) in groups.into_keys() {
            let mut row = vec![String::new(), group.clone()];
            row.extend(found.iter().map(|r| {
                let list = r.map(|r| if apart { &r.apart } else { &r.by_household });
                figures(
                    list.and_then(|l| l.iter().find(|g| g.group == group))
                        .map(|g| &g.figures),
                )
            }));
            rows.push(row);
        }
        let mut row = vec![String::new(), "wait in days (median, max)".to_owned()];
        row.extend(found.iter().map(|r| match r {
            Some(Refusals {
                median_wait_days: Some(m),
                max_wait_days: Some(x),
                ..
            }) => format!("{m}, {x}"),
            _ => "-".to_owned(),
        }));
        rows.push(row);
        let mut row = vec![String::new(), "housed in".to_owned()];
        row.extend(found.iter().map(|r| {
            let list: Vec<String> = r
                .map(|r| {
                    r.housed_in
                        .iter()
                        .map(|c| format!("{} {}", c.key, c.count))
                        .collect()
                })
                .unwrap_or_default();
            if list.is_empty() {
                "-".to_owned()
            } else {
                list.join(", ")
            }
        }));
        rows.push(row);
    }
    Table {
        title: "Displacement (refused / housed elsewhere later / not housed)",
        header: header(out, &["refused by", "households"]),
        rows,
    }
}

fn percent(q: &QuotaState) -> String {
    let tenths = u64::from(q.counted)
        .checked_mul(1000)
        .and_then(|n| n.checked_div(u64::from(q.of)));
    tenths.map_or_else(
        || "-".to_owned(),
        |t| {
            let (whole, tenth) = (
                t.checked_div(10).unwrap_or(0),
                t.checked_rem(10).unwrap_or(0),
            );
            format!("{}/{} = {whole}.{tenth}%", q.counted, q.of)
        },
    )
}

/// Each quota per scope at the period's end, against its bound on that
/// side (a variant may set another share).
pub fn shares(out: &SimulateOutput) -> Table {
    let mut keys: BTreeMap<(String, String), ()> = BTreeMap::new();
    for side in &out.sides {
        for q in &side.shares {
            keys.insert((q.quota.to_string(), q.scope.to_string()), ());
        }
    }
    let rows = keys
        .into_keys()
        .map(|(quota, scope)| {
            let mut row = vec![quota.clone(), scope.clone()];
            row.extend(out.sides.iter().map(|s| {
                s.shares
                    .iter()
                    .find(|q| *q.quota == *quota && *q.scope == *scope)
                    .map_or_else(
                        || "-".to_owned(),
                        |q| {
                            let verdict = if q.exceeded {
                                ": exceeded"
                            } else if q.below_minimum {
                                ": below"
                            } else {
                                ""
                            };
                            format!("{} ({} {}){verdict}", percent(q), q.bound, q.share)
                        },
                    )
            }));
            row
        })
        .collect();
    Table {
        title: "Portfolio shares at the period's end",
        header: header(out, &["quota", "scope"]),
        rows,
    }
}

/// The art. 6 lid 2 answer per side: one sentence per designation kind
/// (and quota) and buurt.
pub fn answers(out: &SimulateOutput) -> Vec<(String, Vec<String>)> {
    answers_with(out, sentence)
}

/// [`answers`], each sentence written by `sentence`.
pub fn answers_with(
    out: &SimulateOutput,
    sentence: fn(&Refusals, chrono::NaiveDate, chrono::NaiveDate) -> String,
) -> Vec<(String, Vec<String>)> {
    out.sides
        .iter()
        .map(|s| {
            (
                s.name.clone(),
                s.displacement
                    .iter()
                    .map(|r| sentence(r, out.from, out.until))
                    .collect(),
            )
        })
        .collect()
}
