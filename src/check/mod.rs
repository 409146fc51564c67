//! The static checker: names, types, structure and the legal limits on rule
//! sets, all reported in one run. What passes is a [`CheckedRuleSet`] in
//! which every name is resolved and every expression typed.

mod coverage;
mod error;
pub mod explain;
mod expr;
mod graph;
mod influence;
pub(crate) mod ir;
mod legal;
mod municipalities;
mod names;
pub mod reference;
mod rules;
pub(crate) mod schema;
pub(crate) mod suggest;
pub(crate) mod types;

use std::collections::{BTreeMap, BTreeSet};

pub(crate) use error::CheckError;
pub use ir::CheckedRuleSet;
pub(crate) use legal::walk;

use crate::diagnostics::Severity;
use crate::source::SourceMap;
use crate::syntax::ast::RuleFile;
use expr::{Dep, Typer};
use names::Names;

/// What the checker found.
#[derive(Debug)]
pub(crate) struct Checked {
    /// The checked rule set, when there were no errors (warnings allowed).
    pub rule_set: Option<CheckedRuleSet>,
    /// Every error and warning, in source order.
    pub problems: Vec<CheckError>,
}

/// Checks the files of one rule set (the root file, with its header, first).
pub(crate) fn check(files: &[RuleFile], sources: &SourceMap) -> Checked {
    let mut problems = Vec::new();
    let names = Names::collect(files, sources, &mut problems);
    let items = &names.items;
    let param_types: Vec<_> = items
        .params
        .iter()
        .map(|p| rules::param_type(&p.ty, &mut problems))
        .collect();
    let mut typer = Typer::new(&names, param_types.clone());

    let params: Vec<_> = items
        .params
        .iter()
        .zip(&param_types)
        .map(|(p, ty)| rules::param(&mut typer, p, *ty))
        .collect();
    let regions: Vec<_> = items.regions.iter().map(|r| rules::region(r)).collect();
    let designation_kinds = rules::designation_kinds(&items.designations, &mut problems);
    typer.kinds = designation_kinds.iter().map(|k| k.name.clone()).collect();
    legal::region_members(&items.regions, &mut problems);
    // Typed first, so each rule that reads one takes its dependencies along.
    let defines: Vec<_> = items
        .defines
        .iter()
        .enumerate()
        .map(|(i, d)| rules::define(&mut typer, d, i))
        .collect();

    let mut edges: BTreeMap<Dep, BTreeSet<Dep>> = BTreeMap::new();
    let mut ranks = BTreeMap::new();
    typer.deps.clear();
    let priorities: Vec<_> = items
        .priorities
        .iter()
        .map(|p| rules::priority(&mut typer, p, &mut ranks))
        .collect();
    if !items.priorities.is_empty() {
        edges.insert(Dep::Priority, std::mem::take(&mut typer.deps));
    }
    let mut points = Vec::with_capacity(items.points.len());
    for (i, p) in items.points.iter().enumerate() {
        typer.deps.clear();
        points.push(rules::points(&mut typer, p));
        edges.insert(Dep::Points(i), std::mem::take(&mut typer.deps));
    }
    let mut classifications = Vec::with_capacity(items.classifications.len());
    for (i, c) in items.classifications.iter().enumerate() {
        typer.deps.clear();
        classifications.push(rules::classify(&mut typer, c));
        edges.insert(Dep::Classify(i), std::mem::take(&mut typer.deps));
    }
    let gates: Vec<_> = items
        .gates
        .iter()
        .map(|g| rules::gate(&mut typer, g))
        .collect();
    // A tailored ground is read by no rule, so what it reads adds no edge.
    let tailored: Vec<_> = items
        .tailored
        .iter()
        .map(|t| rules::tailored(&mut typer, t))
        .collect();
    typer.deps.clear();
    let quotas: Vec<_> = items
        .quotas
        .iter()
        .map(|q| rules::quota(&mut typer, q))
        .collect();
    let order = items.orders.first().map(|o| rules::order(&mut typer, o));
    for extra in items.orders.iter().skip(1) {
        typer
            .problems
            .push(CheckError::DuplicateOrder { span: extra.span });
    }

    let (derived_order, cycles) = graph::order(&edges);
    for cycle in cycles {
        report_cycle(&names, &cycle, &mut typer.problems);
    }

    let header = files.first().and_then(|f| f.header.as_ref());
    let authority = rules::authority(files, &mut typer.problems);
    rules::letters(files, &mut typer.problems);
    if let Some(period) = header.and_then(|h| h.in_force.as_ref()) {
        legal::ordinance_period(
            period.from.date,
            period.until.date,
            period.span,
            &mut typer.problems,
        );
        legal::indexed_figures(&params, period.until.date, &mut typer.problems);
        legal::term_coverage(
            &params,
            period.from.date,
            period.until.date,
            &mut typer.problems,
        );
    }
    let mut other = Vec::new();
    for p in points.iter().flatten() {
        other.extend(p.contributions.iter().map(|(_, e)| e));
    }
    for c in classifications.iter().flatten() {
        other.extend(c.labels.iter().filter_map(|(_, e)| e.as_ref()));
    }
    other.extend(tailored.iter().flatten().map(|t| &t.when));
    legal::check(
        &legal::LegalInput {
            params: &params,
            gates: &gates,
            priorities: &priorities,
            quotas: &quotas,
            points: &points,
            classifications: &classifications,
            other,
            regions: &regions,
            kinds: &designation_kinds,
        },
        &mut typer.problems,
    );
    let suggested: Vec<String> = typer
        .problems
        .iter()
        .filter_map(|p| match p {
            CheckError::UnknownName {
                suggestion: Some(s),
                ..
            } => Some(s.clone()),
            _ => None,
        })
        .collect();
    unused(&names, &typer, &suggested, &mut problems);

    problems.append(&mut typer.problems);
    problems.sort_by_key(|p| {
        let span = p.span();
        (span.file, span.start, span.end, p.code())
    });
    problems.dedup();

    let clean = !problems.iter().any(|p| p.severity() == Severity::Error);
    let rule_set = clean
        .then(|| {
            Some(CheckedRuleSet {
                name: header.map_or_else(String::new, |h| h.name.name.clone()),
                title: header.map_or_else(String::new, |h| h.title.value.clone()),
                version: header.map_or_else(String::new, |h| h.version.value.clone()),
                in_force: header
                    .and_then(|h| h.in_force.as_ref())
                    .map(|p| (p.from.date, p.until.date)),
                authority,
                params: params.into_iter().collect::<Option<Vec<_>>>()?,
                defines: defines.into_iter().collect::<Option<Vec<_>>>()?,
                regions,
                designation_kinds,
                gates: gates.into_iter().collect::<Option<Vec<_>>>()?,
                priorities: priorities.into_iter().collect::<Option<Vec<_>>>()?,
                tailored: tailored.into_iter().collect::<Option<Vec<_>>>()?,
                points: points.into_iter().collect::<Option<Vec<_>>>()?,
                classifications: classifications.into_iter().collect::<Option<Vec<_>>>()?,
                quotas: quotas.into_iter().collect::<Option<Vec<_>>>()?,
                order: order.flatten(),
                derived_order,
            })
        })
        .flatten();
    Checked { rule_set, problems }
}

/// Warns about parameters and regions no rule reads, except those an
/// unknown name was probably meant to be (the error already points there).
fn unused(
    names: &Names<'_>,
    typer: &Typer<'_, '_>,
    suggested: &[String],
    problems: &mut Vec<CheckError>,
) {
    for (i, p) in names.items.params.iter().enumerate() {
        if !typer.used_params.contains(&i) && !suggested.contains(&p.id.name) {
            problems.push(CheckError::UnusedParam {
                name: p.id.name.clone(),
                span: p.id.span,
            });
        }
    }
    for (i, d) in names.items.defines.iter().enumerate() {
        if !typer.used_defines.contains(&i) && !suggested.contains(&d.id.name) {
            problems.push(CheckError::UnusedDefine {
                name: d.id.name.clone(),
                span: d.id.span,
            });
        }
    }
    for (i, r) in names.items.regions.iter().enumerate() {
        if !typer.used_regions.contains(&i) && !suggested.contains(&r.id.name) {
            problems.push(CheckError::UnusedRegion {
                name: r.id.name.clone(),
                span: r.id.span,
            });
        }
    }
}

fn report_cycle(names: &Names<'_>, cycle: &[Dep], problems: &mut Vec<CheckError>) {
    let items = &names.items;
    let describe = |d: &Dep| match d {
        Dep::Points(i) => items
            .points
            .get(*i)
            .map(|p| (format!("points `{}`", p.id.name), p.id.span)),
        Dep::Classify(i) => items
            .classifications
            .get(*i)
            .map(|c| (format!("classify `{}`", c.id.name), c.id.span)),
        Dep::Priority => items
            .priorities
            .first()
            .map(|p| ("the priority groups".to_owned(), p.id.span)),
    };
    let described: Vec<(String, crate::source::Span)> = cycle.iter().filter_map(describe).collect();
    if let Some((_, span)) = described.first() {
        problems.push(CheckError::Cycle {
            cycle: described
                .iter()
                .map(|(d, _)| d.as_str())
                .collect::<Vec<_>>()
                .join(" → "),
            span: *span,
        });
    }
}
