//! Each item as a block of clauses in canonical order and layout: the
//! keyword line at the margin, one clause per line indented two spaces.

use crate::source::Span;
use crate::syntax::ast::{
    Authority, Bound, Classify, Define, DesignationKind, Direction, ExemptionKind, Gate, Header,
    Import, Item, Order, OrderKeyKind, Param, Points, Priority, Quota, Region, ScopeKind, Source,
    Tailored, Text, TypeNameKind, WindowKind,
};

use super::expr::{WIDTH, clause, flat, template};
use super::text::{member, text};

/// One clause: its printed lines and where it started in the source, which
/// is where comments are anchored.
#[derive(Debug)]
pub(super) struct Clause {
    /// Indentation of the clause's first line.
    pub(crate) indent: usize,
    /// Complete lines, indentation included.
    pub(crate) lines: Vec<String>,
    /// Byte offset in the source where the clause begins.
    pub(crate) start: usize,
}

/// A header, the imports, or one item: printed with a blank line between.
#[derive(Debug)]
pub(super) struct Block {
    /// The clauses in order; the first is at the margin.
    pub(crate) clauses: Vec<Clause>,
    /// Byte offset in the source where the block ends.
    pub(crate) end: usize,
}

const INDENT: usize = 2;

fn line(indent: usize, start: usize, text: String) -> Clause {
    Clause {
        indent,
        lines: vec![format!("{}{text}", " ".repeat(indent))],
        start,
    }
}

fn lines(indent: usize, start: usize, lines: Vec<String>) -> Clause {
    Clause {
        indent,
        lines,
        start,
    }
}

fn start(span: &Span) -> usize {
    span.start as usize
}

fn titled(head: String, title: &Option<Text>) -> String {
    match title {
        Some(t) => format!("{head} {}", text(t)),
        None => head,
    }
}

fn source_clause(clauses: &mut Vec<Clause>, source: &Option<Source>) {
    if let Some(s) = source {
        clauses.push(line(
            INDENT,
            start(&s.span),
            format!("source {}", text(&s.text)),
        ));
    }
}

/// The `ruleset` header and its period.
pub(super) fn header(h: &Header) -> Block {
    let mut clauses = vec![line(
        0,
        start(&h.span),
        format!(
            "ruleset {} {} version {}",
            h.name.name,
            text(&h.title),
            text(&h.version)
        ),
    )];
    if let Some(p) = &h.in_force {
        clauses.push(line(
            INDENT,
            start(&p.span),
            format!("in force from {} until {}", p.from.date, p.until.date),
        ));
    }
    Block {
        clauses,
        end: h.span.end as usize,
    }
}

/// The imports, one per line.
pub(super) fn imports(imports: &[Import]) -> Option<Block> {
    let last = imports.last()?;
    let clauses = imports
        .iter()
        .map(|i| line(0, start(&i.span), format!("import {}", text(&i.path))))
        .collect();
    Some(Block {
        clauses,
        end: last.span.end as usize,
    })
}

/// The deciding body and its clauses.
pub(super) fn authority(a: &Authority) -> Block {
    let mut clauses = vec![line(
        0,
        start(&a.span),
        format!("authority {}", text(&a.name)),
    )];
    source_clause(&mut clauses, &a.source);
    if let Some(p) = &a.policy {
        clauses.push(line(INDENT, start(&p.span), format!("policy {}", text(p))));
    }
    if let Some(o) = &a.objections {
        clauses.push(line(
            INDENT,
            start(&o.span),
            format!("objections to {}", text(o)),
        ));
    }
    if let Some(s) = &a.signed_by {
        clauses.push(line(
            INDENT,
            start(&s.span),
            format!("signed by {}", text(s)),
        ));
    }
    Block {
        clauses,
        end: a.span.end as usize,
    }
}

/// Any item.
pub(super) fn item(item: &Item) -> Block {
    let clauses = match item {
        Item::Region(r) => region(r),
        Item::Param(p) => param(p),
        Item::Define(d) => define(d),
        Item::Designation(d) => designation(d),
        Item::Gate(g) => gate(g),
        Item::Priority(p) => priority(p),
        Item::Tailored(t) => tailored(t),
        Item::Points(p) => points(p),
        Item::Classify(c) => classify(c),
        Item::Quota(q) => quota(q),
        Item::Order(o) => order(o),
    };
    Block {
        clauses,
        end: item.span().end as usize,
    }
}

fn region(r: &Region) -> Vec<Clause> {
    let mut clauses = vec![line(
        0,
        start(&r.span),
        titled(format!("region {}", r.id.name), &r.title),
    )];
    source_clause(&mut clauses, &r.source);
    let members: Vec<String> = r.members.iter().map(member).collect();
    let set = if members.is_empty() {
        "= {}".to_owned()
    } else {
        format!("= {{ {} }}", members.join(", "))
    };
    let at = r
        .members
        .first()
        .map_or(r.span.end as usize, |m| start(&m.span));
    clauses.push(line(INDENT, at, set));
    clauses
}

fn param(p: &Param) -> Vec<Clause> {
    let ty = match &p.ty.kind {
        TypeNameKind::Named(n) => n.name.clone(),
        TypeNameKind::SetOf(n) => format!("set of {}", n.name),
    };
    let mut clauses = vec![line(
        0,
        start(&p.span),
        titled(format!("param {}: {ty}", p.id.name), &p.title),
    )];
    source_clause(&mut clauses, &p.source);
    if let Some(policy) = &p.policy {
        clauses.push(line(
            INDENT,
            start(&policy.span),
            format!("policy {}", text(policy)),
        ));
    }
    for v in &p.values {
        let mut suffix = format!(" from {}", v.from.date);
        if let Some(u) = &v.unverified {
            suffix += &format!(" unverified {}", text(u));
        }
        clauses.push(lines(
            INDENT,
            start(&v.span),
            clause(INDENT, "= ", &v.value, &suffix),
        ));
    }
    clauses
}

fn gate(g: &Gate) -> Vec<Clause> {
    let mut clauses = vec![line(
        0,
        start(&g.span),
        titled(format!("gate {}", g.id.name), &g.title),
    )];
    source_clause(&mut clauses, &g.source);
    if let Some(a) = &g.applies {
        clauses.push(lines(
            INDENT,
            start(&a.span),
            clause(INDENT, "applies when ", a, ""),
        ));
    }
    clauses.push(lines(
        INDENT,
        start(&g.require.span),
        clause(INDENT, "require ", &g.require, ""),
    ));
    for e in &g.exemptions {
        let because = format!(" because {}", text(&e.because));
        let printed = match &e.kind {
            ExemptionKind::When(x) => clause(INDENT, "unless ", x, &because),
            ExemptionKind::Override(kind) => vec![format!(
                "{}unless override {}{because}",
                " ".repeat(INDENT),
                kind.name
            )],
        };
        clauses.push(lines(INDENT, start(&e.span), printed));
    }
    if let Some(m) = &g.message {
        clauses.push(line(
            INDENT,
            start(&m.span),
            format!("message {}", template(m)),
        ));
    }
    if let Some(l) = &g.letter {
        clauses.push(line(
            INDENT,
            start(&l.span),
            format!("letter {}", template(l)),
        ));
    }
    clauses
}

fn priority(p: &Priority) -> Vec<Clause> {
    let mut clauses = vec![line(
        0,
        start(&p.span),
        titled(format!("priority {}", p.id.name), &p.title),
    )];
    source_clause(&mut clauses, &p.source);
    clauses.push(line(
        INDENT,
        start(&p.rank.span),
        if p.urgent.is_some() {
            format!("rank {} urgent", p.rank.value)
        } else {
            format!("rank {}", p.rank.value)
        },
    ));
    clauses.push(lines(
        INDENT,
        start(&p.when.span),
        clause(INDENT, "when ", &p.when, ""),
    ));
    clauses
}

fn designation(d: &DesignationKind) -> Vec<Clause> {
    let mut clauses = vec![line(
        0,
        start(&d.span),
        titled(format!("designation {}", d.id.name), &d.title),
    )];
    source_clause(&mut clauses, &d.source);
    clauses
}

fn define(d: &Define) -> Vec<Clause> {
    let mut clauses = vec![line(
        0,
        start(&d.span),
        titled(format!("define {}", d.id.name), &d.title),
    )];
    source_clause(&mut clauses, &d.source);
    clauses.push(lines(
        INDENT,
        start(&d.body.span),
        clause(INDENT, "= ", &d.body, ""),
    ));
    clauses
}

fn tailored(t: &Tailored) -> Vec<Clause> {
    let mut clauses = vec![line(
        0,
        start(&t.span),
        titled(format!("tailored {}", t.id.name), &t.title),
    )];
    source_clause(&mut clauses, &t.source);
    clauses.push(lines(
        INDENT,
        start(&t.when.span),
        clause(INDENT, "when ", &t.when, ""),
    ));
    clauses
}

fn points(p: &Points) -> Vec<Clause> {
    let mut clauses = vec![line(
        0,
        start(&p.span),
        titled(format!("points {}", p.id.name), &p.title),
    )];
    source_clause(&mut clauses, &p.source);
    for c in &p.contributions {
        let prefix = format!("{:+} when ", c.amount.value);
        clauses.push(lines(
            INDENT,
            start(&c.span),
            clause(INDENT, &prefix, &c.when, ""),
        ));
    }
    clauses
}

fn classify(c: &Classify) -> Vec<Clause> {
    let mut clauses = vec![line(
        0,
        start(&c.span),
        titled(format!("classify {}", c.id.name), &c.title),
    )];
    source_clause(&mut clauses, &c.source);
    for l in &c.labels {
        let printed = match &l.when {
            Some(when) => clause(INDENT, &format!("{} when ", l.name.name), when, ""),
            None => vec![format!("{}{} otherwise", " ".repeat(INDENT), l.name.name)],
        };
        clauses.push(lines(INDENT, start(&l.span), printed));
    }
    clauses
}

fn quota(q: &Quota) -> Vec<Clause> {
    let mut clauses = vec![line(
        0,
        start(&q.span),
        titled(format!("quota {}", q.id.name), &q.title),
    )];
    source_clause(&mut clauses, &q.source);
    if let Some(a) = &q.applies {
        clauses.push(lines(
            INDENT,
            start(&a.span),
            clause(INDENT, "applies when ", a, ""),
        ));
    }
    let bound = match q.bound {
        Bound::AtMost => "at most",
        Bound::AtLeast => "at least",
    };
    let head = format!("{bound} {} of allocations", flat(&q.share));
    let among = q.among.as_ref().map(|a| format!(" among {}", flat(a)));
    let one_line = format!(
        "{}{head}{} with {}",
        " ".repeat(INDENT),
        among.as_deref().unwrap_or(""),
        flat(&q.with)
    );
    let printed = if one_line.chars().count() <= WIDTH {
        vec![one_line]
    } else {
        // Too long: the counted and the whole each on a line of their own.
        let mut printed = vec![format!("{}{head}", " ".repeat(INDENT))];
        if let Some(a) = &q.among {
            printed.extend(clause(INDENT + 2, "among ", a, ""));
        }
        printed.extend(clause(INDENT + 2, "with ", &q.with, ""));
        printed
    };
    clauses.push(lines(INDENT, start(&q.share.span), printed));
    let scope = match q.scope.kind {
        ScopeKind::Complex => "per complex",
        ScopeKind::Buurt => "per buurt",
        ScopeKind::Owner => "per owner",
        ScopeKind::All => "overall",
    };
    let window = match &q.window.kind {
        WindowKind::CalendarYear => "over the calendar year".to_owned(),
        WindowKind::Rolling(length) => format!("over the last {}", flat(length)),
    };
    clauses.push(line(
        INDENT,
        start(&q.scope.span),
        format!("{scope} {window}"),
    ));
    clauses
}

fn order(o: &Order) -> Vec<Clause> {
    let mut clauses = vec![line(
        0,
        start(&o.span),
        titled("order".to_owned(), &o.title),
    )];
    source_clause(&mut clauses, &o.source);
    let keys: Vec<String> = o
        .keys
        .iter()
        .map(|k| {
            let what = match &k.kind {
                OrderKeyKind::Priority => "priority".to_owned(),
                OrderKeyKind::Lottery => "lottery".to_owned(),
                OrderKeyKind::Expr(e) => flat(e),
            };
            match k.direction {
                None => what,
                Some(Direction::Asc) => format!("{what} asc"),
                Some(Direction::Desc) => format!("{what} desc"),
            }
        })
        .collect();
    let pad = " ".repeat(INDENT);
    let one_line = format!("{pad}by {}", keys.join(", "));
    let printed = if one_line.chars().count() <= WIDTH {
        vec![one_line]
    } else {
        // One key per line, aligned after `by `.
        let last = keys.len().saturating_sub(1);
        keys.iter()
            .enumerate()
            .map(|(i, k)| {
                let lead = if i == 0 { "by " } else { "   " };
                let comma = if i < last { "," } else { "" };
                format!("{pad}{lead}{k}{comma}")
            })
            .collect()
    };
    let at = o
        .keys
        .first()
        .map_or(o.span.end as usize, |k| start(&k.span));
    clauses.push(lines(INDENT, at, printed));
    clauses
}
