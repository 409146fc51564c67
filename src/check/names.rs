//! The rule set's own names: every parameter, region and rule, collected
//! from all files before any expression is typed, so a rule may read a
//! name declared further down or in another file.

use std::collections::BTreeMap;

use super::error::CheckError;
use crate::source::{SourceMap, Span};
use crate::syntax::ast::{Item, RuleFile};

/// What a rule-set name stands for; the index counts within its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Symbol {
    /// A `param`.
    Param(usize),
    /// A `region`.
    Region(usize),
    /// A named condition (`define`).
    Define(usize),
    /// A `gate`.
    Gate(usize),
    /// A `priority` group.
    Priority(usize),
    /// A `tailored` allocation ground.
    Tailored(usize),
    /// A `points` rule.
    Points(usize),
    /// A `classify` rule.
    Classify(usize),
    /// A `quota`.
    Quota(usize),
}

impl Symbol {
    /// The keyword that declares it, for messages.
    pub fn kind(self) -> &'static str {
        match self {
            Symbol::Param(_) => "parameter",
            Symbol::Region(_) => "region",
            Symbol::Define(_) => "named condition",
            Symbol::Gate(_) => "gate",
            Symbol::Priority(_) => "priority group",
            Symbol::Tailored(_) => "tailored ground",
            Symbol::Points(_) => "points rule",
            Symbol::Classify(_) => "classification",
            Symbol::Quota(_) => "quota",
        }
    }
}

/// Every item of a rule set, by kind, with one shared namespace of ids.
#[derive(Debug, Default)]
pub struct Names<'a> {
    /// Id → symbol (sorted, so suggestions are deterministic).
    pub symbols: BTreeMap<&'a str, (Symbol, Span)>,
    /// Items of each kind in file order (root file first).
    pub items: Items<'a>,
}

/// The items of a rule set grouped by kind.
#[derive(Debug, Default)]
pub struct Items<'a> {
    /// Parameters.
    pub params: Vec<&'a crate::syntax::ast::Param>,
    /// Regions.
    pub regions: Vec<&'a crate::syntax::ast::Region>,
    /// Named conditions.
    pub defines: Vec<&'a crate::syntax::ast::Define>,
    /// Designation kinds the rule set declares, in file order, each once.
    pub designations: Vec<&'a crate::syntax::ast::DesignationKind>,
    /// Gates.
    pub gates: Vec<&'a crate::syntax::ast::Gate>,
    /// Priority groups.
    pub priorities: Vec<&'a crate::syntax::ast::Priority>,
    /// Tailored allocation grounds.
    pub tailored: Vec<&'a crate::syntax::ast::Tailored>,
    /// Points rules.
    pub points: Vec<&'a crate::syntax::ast::Points>,
    /// Classifications.
    pub classifications: Vec<&'a crate::syntax::ast::Classify>,
    /// Quotas.
    pub quotas: Vec<&'a crate::syntax::ast::Quota>,
    /// Orders (the checker accepts one).
    pub orders: Vec<&'a crate::syntax::ast::Order>,
}

/// Pushes `item` and returns its index.
fn push_index<T>(list: &mut Vec<T>, item: T) -> usize {
    let index = list.len();
    list.push(item);
    index
}

impl<'a> Names<'a> {
    /// Collects every declaration; a second declaration of an id is an error.
    pub fn collect(
        files: &'a [RuleFile],
        sources: &SourceMap,
        problems: &mut Vec<CheckError>,
    ) -> Self {
        let mut names = Names::default();
        for file in files {
            for item in &file.items {
                let items = &mut names.items;
                let declared = match item {
                    Item::Param(p) => {
                        Some((&p.id, Symbol::Param(push_index(&mut items.params, p))))
                    }
                    Item::Region(r) => {
                        Some((&r.id, Symbol::Region(push_index(&mut items.regions, r))))
                    }
                    Item::Define(d) => {
                        Some((&d.id, Symbol::Define(push_index(&mut items.defines, d))))
                    }
                    Item::Gate(g) => Some((&g.id, Symbol::Gate(push_index(&mut items.gates, g)))),
                    Item::Priority(p) => Some((
                        &p.id,
                        Symbol::Priority(push_index(&mut items.priorities, p)),
                    )),
                    Item::Tailored(t) => {
                        Some((&t.id, Symbol::Tailored(push_index(&mut items.tailored, t))))
                    }
                    Item::Points(p) => {
                        Some((&p.id, Symbol::Points(push_index(&mut items.points, p))))
                    }
                    Item::Classify(c) => Some((
                        &c.id,
                        Symbol::Classify(push_index(&mut items.classifications, c)),
                    )),
                    Item::Quota(q) => {
                        Some((&q.id, Symbol::Quota(push_index(&mut items.quotas, q))))
                    }
                    Item::Designation(d) => {
                        // Kinds live apart from the other names: only
                        // `designated` and the data read them.
                        if crate::vocab::is_wbmgp_kind(&d.id.name) {
                            problems.push(CheckError::StatutoryKind {
                                kind: d.id.name.clone(),
                                span: d.id.span,
                            });
                        } else if let Some(first) =
                            items.designations.iter().find(|k| k.id.name == d.id.name)
                        {
                            problems.push(CheckError::DuplicateId {
                                id: d.id.name.clone(),
                                span: d.id.span,
                                first: place(sources, first.id.span),
                            });
                        } else {
                            items.designations.push(d);
                        }
                        None
                    }
                    Item::Order(o) => {
                        items.orders.push(o);
                        None
                    }
                };
                if let Some((id, symbol)) = declared {
                    names.declare(id, symbol, sources, problems);
                }
            }
        }
        names
    }

    fn declare(
        &mut self,
        id: &'a crate::syntax::ast::Ident,
        symbol: Symbol,
        sources: &SourceMap,
        problems: &mut Vec<CheckError>,
    ) {
        if let Some((_, first)) = self.symbols.get(id.name.as_str()) {
            problems.push(CheckError::DuplicateId {
                id: id.name.clone(),
                span: id.span,
                first: place(sources, *first),
            });
        } else {
            self.symbols.insert(&id.name, (symbol, id.span));
        }
    }

    /// The symbol an id stands for.
    pub fn get(&self, name: &str) -> Option<Symbol> {
        self.symbols.get(name).map(|(s, _)| *s)
    }

    /// Every declared id.
    pub fn ids(&self) -> impl Iterator<Item = &'a str> + '_ {
        self.symbols.keys().copied()
    }
}

/// `file:line` of a span, for "first defined at" hints.
pub fn place(sources: &SourceMap, span: Span) -> String {
    sources.get(span.file).map_or_else(String::new, |file| {
        format!(
            "{}:{}",
            file.path.display(),
            file.line_col(span.start as usize).line
        )
    })
}
