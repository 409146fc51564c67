//! Typing and resolving expressions.
//!
//! Typing is bidirectional in one place only: a bare word such as `aow` or
//! `vrager` means nothing alone, and takes its meaning from the enumeration
//! on the other side of `=`, `in`, or from a function's parameter type.

use std::collections::BTreeSet;

use rust_decimal::Decimal;

use super::error::CheckError;
use super::ir::{Constant, KindIx, TExpr, TExprKind};
use super::names::{Names, Symbol};
use super::schema::{self, Field, Func, Params, ROOTS};
use super::suggest::{closest, nearest};
use super::types::{EnumNames, EnumType, Record, Type};
use crate::source::Span;
use crate::syntax::ast::{BinaryOp, Expr, ExprKind, Ident, Literal, LogicalOp, UnaryOp};

/// A rule another rule reads, for the dependency graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dep {
    /// `points(i)`.
    Points(usize),
    /// Classification `i`.
    Classify(usize),
    /// The priority group.
    Priority,
}

/// Where a dotted path through the schema ends.
enum Walked {
    /// On a fact: the fact, the path, the span of its last part.
    Fact(crate::check::schema::Fact, String, Span),
    /// On a record: the record and the path.
    Record(Record, String),
}

/// How deep an expression nests and how many nodes it has, named
/// conditions written out. Bounded: every part was typed from an expression
/// of at most [`crate::syntax::MAX_EXPR_DEPTH`] levels, and a named
/// condition is only placed after this measure passed.
fn extent(e: &TExpr) -> (usize, usize) {
    let children: Vec<&TExpr> = match &e.kind {
        TExprKind::Set(items) | TExprKind::Call(_, items) | TExprKind::Logical(_, items) => {
            items.iter().collect()
        }
        TExprKind::Not(x) | TExprKind::Neg(x) | TExprKind::Defined(_, x) => vec![x],
        TExprKind::Binary(_, l, r) => vec![l, r],
        _ => Vec::new(),
    };
    children.into_iter().fold((1, 1), |(depth, nodes), c| {
        let (d, n) = extent(c);
        (depth.max(d.saturating_add(1)), nodes.saturating_add(n))
    })
}

/// The result of inferring an expression on its own.
enum Inferred<'e> {
    /// A typed expression.
    Typed(TExpr),
    /// A bare word whose meaning depends on context.
    Word(&'e Ident),
    /// Already reported.
    Failed,
}

/// Types expressions against the rule set's names and the schema, and
/// records what they read.
pub struct Typer<'n, 'a> {
    names: &'n Names<'a>,
    param_types: Vec<Option<Type>>,
    labels: Vec<Vec<&'a str>>,
    priority_ids: Vec<&'a str>,
    /// Problems found so far.
    pub problems: Vec<CheckError>,
    /// Parameters read anywhere.
    pub used_params: BTreeSet<usize>,
    /// Regions read anywhere.
    pub used_regions: BTreeSet<usize>,
    /// Named conditions read anywhere.
    pub used_defines: BTreeSet<usize>,
    /// The designation kinds rules may read, by [`super::ir::KindIx`].
    pub kinds: Vec<String>,
    /// Rules read by the rule being typed; the caller takes and clears it.
    pub deps: BTreeSet<Dep>,
    /// Each named condition's state: typed on its first reading, so a
    /// condition is typed once however many rules read it.
    defines: Vec<DefineState>,
    /// The named conditions being typed, innermost last, to name a cycle.
    typing: Vec<usize>,
    /// Named conditions already reported as too large written out: one
    /// error each, not one per reading.
    too_large: BTreeSet<usize>,
}

/// Where a named condition is in being typed.
#[derive(Debug, Clone)]
enum DefineState {
    /// Not read yet.
    Pending,
    /// Being typed: reading it now is a cycle.
    Typing,
    /// Typed (`None` when its body had errors, already reported), with the
    /// rules it reads.
    Done(Option<TExpr>, BTreeSet<Dep>),
}

impl EnumNames for Typer<'_, '_> {
    fn classification_name(&self, index: usize) -> String {
        self.names
            .items
            .classifications
            .get(index)
            .map_or_else(String::new, |c| c.id.name.clone())
    }
}

impl<'n, 'a> Typer<'n, 'a> {
    /// A typer over the rule set's names, with each parameter's declared type.
    pub fn new(names: &'n Names<'a>, param_types: Vec<Option<Type>>) -> Self {
        let labels = names
            .items
            .classifications
            .iter()
            .map(|c| c.labels.iter().map(|l| l.name.name.as_str()).collect())
            .collect();
        let priority_ids = names
            .items
            .priorities
            .iter()
            .map(|p| p.id.name.as_str())
            .collect();
        Typer {
            names,
            param_types,
            labels,
            priority_ids,
            problems: Vec::new(),
            used_params: BTreeSet::new(),
            used_regions: BTreeSet::new(),
            used_defines: BTreeSet::new(),
            kinds: Vec::new(),
            deps: BTreeSet::new(),
            defines: vec![DefineState::Pending; names.items.defines.len()],
            typing: Vec::new(),
            too_large: BTreeSet::new(),
        }
    }

    /// The typed body of named condition `i`, typing it on first use.
    /// What it reads counts as read by the rule being typed.
    pub fn define(&mut self, i: usize) -> Option<TExpr> {
        match self.defines.get(i)? {
            DefineState::Done(body, deps) => {
                let body = body.clone();
                self.deps.extend(deps.iter().copied());
                body
            }
            // Reported by the reading that closed the cycle.
            DefineState::Typing => None,
            DefineState::Pending => {
                let define = *self.names.items.defines.get(i)?;
                if let Some(state) = self.defines.get_mut(i) {
                    *state = DefineState::Typing;
                }
                let outer = std::mem::take(&mut self.deps);
                self.typing.push(i);
                let body = self.value(&define.body);
                self.typing.pop();
                let deps = std::mem::replace(&mut self.deps, outer);
                self.deps.extend(deps.iter().copied());
                if let Some(state) = self.defines.get_mut(i) {
                    *state = DefineState::Done(body.clone(), deps);
                }
                body
            }
        }
    }

    /// A reading of named condition `i` at `span`: its body in place, or
    /// an error for a cycle or a condition too large written out.
    fn defined(&mut self, i: usize, name: &Ident, span: Span) -> Inferred<'static> {
        self.used_defines.insert(i);
        if matches!(self.defines.get(i), Some(DefineState::Typing)) {
            let cycle = self.define_cycle(i);
            self.problems.push(CheckError::DefineCycle {
                name: name.name.clone(),
                cycle,
                span: name.span,
            });
            return Inferred::Failed;
        }
        let Some(body) = self.define(i) else {
            return Inferred::Failed;
        };
        let (depth, nodes) = extent(&body);
        let too_large = if depth >= crate::limits::DEFINE_DEPTH {
            Some(format!("it nests {depth} levels deep"))
        } else if nodes > crate::limits::DEFINE_NODES {
            Some(format!("it has {nodes} nodes"))
        } else {
            None
        };
        if let Some(what) = too_large {
            if !self.too_large.insert(i) {
                return Inferred::Failed;
            }
            self.problems.push(CheckError::DefineTooLarge {
                name: name.name.clone(),
                what,
                span: name.span,
            });
            return Inferred::Failed;
        }
        let ty = body.ty;
        Inferred::Typed(TExpr {
            kind: TExprKind::Defined(i, Box::new(body)),
            ty,
            span,
        })
    }

    /// The cycle through named condition `i`, in the order they were
    /// entered, from `i` back to `i`: `a → b → a`.
    fn define_cycle(&self, i: usize) -> String {
        let name = |j: usize| {
            self.names
                .items
                .defines
                .get(j)
                .map_or_else(String::new, |d| d.id.name.clone())
        };
        let from = self.typing.iter().position(|j| *j == i).unwrap_or(0);
        let mut parts: Vec<String> = self
            .typing
            .get(from..)
            .unwrap_or_default()
            .iter()
            .map(|j| name(*j))
            .collect();
        parts.push(name(i));
        parts.join(" → ")
    }

    /// How a type reads in a message.
    pub fn show(&self, ty: Type) -> String {
        ty.display(self).to_string()
    }

    /// Types `e`, which must be a condition.
    pub fn condition(&mut self, e: &Expr, context: &str) -> Option<TExpr> {
        self.expect(e, Type::Bool, context)
    }

    /// Types `e` against an expected type.
    pub fn expect(&mut self, e: &Expr, ty: Type, context: &str) -> Option<TExpr> {
        if let (Type::Set(elem), ExprKind::Set(items)) = (ty, &e.kind) {
            return self.set_of(items, elem, e.span);
        }
        match self.infer(e) {
            Inferred::Typed(t) => {
                if fits(t.ty, ty) {
                    Some(t)
                } else {
                    self.problems.push(CheckError::TypeMismatch {
                        expected: self.show(ty),
                        found: self.show(t.ty),
                        context: context.to_owned(),
                        span: e.span,
                        hint: literal_hint(ty, t.ty),
                    });
                    None
                }
            }
            Inferred::Word(word) => match ty {
                Type::Enum(en) => self.enum_value(word, en),
                _ => {
                    self.unknown_name(word);
                    None
                }
            },
            Inferred::Failed => None,
        }
    }

    /// Types any expression that has a value (a message hole, an order key).
    pub fn value(&mut self, e: &Expr) -> Option<TExpr> {
        match self.infer(e) {
            Inferred::Typed(t) => Some(t),
            Inferred::Word(word) => {
                self.unknown_name(word);
                None
            }
            Inferred::Failed => None,
        }
    }

    fn infer<'e>(&mut self, e: &'e Expr) -> Inferred<'e> {
        let typed = match &e.kind {
            ExprKind::Literal(lit) => Some(literal(lit, e.span)),
            ExprKind::Path(segments) => return self.path(segments, e.span),
            ExprKind::Call { callee, args } => self.call(callee, args, e.span),
            ExprKind::Designated { subject, kind } => self.designated(subject, kind, e.span),
            ExprKind::Unary { op, operand } => self.unary(*op, operand, e.span),
            ExprKind::Binary { op, lhs, rhs } => self.binary(*op, lhs, rhs, e.span),
            ExprKind::Logical { op, operands } => self.logical(*op, operands, e.span),
            ExprKind::Set(items) => self.set_inferred(items, e.span),
        };
        typed.map_or(Inferred::Failed, Inferred::Typed)
    }

    fn path<'e>(&mut self, segments: &'e [Ident], span: Span) -> Inferred<'e> {
        let Some((first, rest)) = segments.split_first() else {
            return Inferred::Failed;
        };
        if let Some((_, record)) = ROOTS.iter().find(|(n, _)| *n == first.name) {
            return self
                .record_path(*record, first, rest, span)
                .map_or(Inferred::Failed, Inferred::Typed);
        }
        if !rest.is_empty() {
            self.unknown_name(first);
            return Inferred::Failed;
        }
        let typed = |kind, ty| Inferred::Typed(TExpr { kind, ty, span });
        match first.name.as_str() {
            "reference_date" => return typed(TExprKind::ReferenceDate, Type::Date),
            "priority_group" => {
                self.deps.insert(Dep::Priority);
                return typed(
                    TExprKind::PriorityGroup,
                    Type::Enum(EnumType::PriorityGroup),
                );
            }
            _ => {}
        }
        match self.names.get(&first.name) {
            Some(Symbol::Param(i)) => {
                self.used_params.insert(i);
                match self.param_types.get(i).copied().flatten() {
                    Some(ty) => typed(TExprKind::Param(i), ty),
                    None => Inferred::Failed,
                }
            }
            Some(Symbol::Region(i)) => {
                self.used_regions.insert(i);
                typed(TExprKind::Region(i), Type::Region)
            }
            Some(Symbol::Define(i)) => self.defined(i, first, span),
            Some(Symbol::Classify(i)) => {
                self.deps.insert(Dep::Classify(i));
                typed(
                    TExprKind::Classification(i),
                    Type::Enum(EnumType::Labels(i)),
                )
            }
            Some(Symbol::Points(_)) => {
                self.not_a_value(
                    first,
                    "points rule",
                    format!("read its total with `points({})`", first.name),
                );
                Inferred::Failed
            }
            // A priority group's id is a value of `priority_group`, so it
            // takes its meaning from context like any other enumeration word.
            Some(Symbol::Priority(_)) => Inferred::Word(first),
            Some(other @ (Symbol::Gate(_) | Symbol::Quota(_))) => {
                self.not_a_value(
                    first,
                    other.kind(),
                    "rules cannot read gates or quotas".into(),
                );
                Inferred::Failed
            }
            Some(Symbol::Tailored(_)) => {
                self.not_a_value(
                    first,
                    "tailored ground",
                    "rules cannot read tailored grounds; a proposal claims one as `{tailored: …}`"
                        .into(),
                );
                Inferred::Failed
            }
            None => Inferred::Word(first),
        }
    }

    /// Walks `first.rest…` through the schema's records: a fact, or the
    /// record the path ends on with the path as walked. Unknown fields and a
    /// field of a fact are reported here.
    fn walk(&mut self, root: Record, first: &Ident, rest: &[Ident]) -> Option<Walked> {
        let mut record = root;
        let mut walked = first.name.clone();
        let mut segs = rest.iter();
        while let Some(seg) = segs.next() {
            match schema::field(record, &seg.name) {
                Some(Field::Record(next)) => record = next,
                Some(Field::Fact(fact)) => {
                    if let Some(extra) = segs.as_slice().first() {
                        self.problems.push(CheckError::NotARecord {
                            path: format!("{walked}.{}", seg.name),
                            span: extra.span,
                        });
                        return None;
                    }
                    return Some(Walked::Fact(
                        fact,
                        format!("{walked}.{}", seg.name),
                        seg.span,
                    ));
                }
                None => {
                    self.problems.push(CheckError::UnknownField {
                        record: walked,
                        field: seg.name.clone(),
                        span: seg.span,
                        suggestion: closest(&seg.name, schema::field_names(record)),
                        nearby: nearest(&seg.name, schema::field_names(record), 8),
                    });
                    return None;
                }
            }
            walked = format!("{walked}.{}", seg.name);
        }
        Some(Walked::Record(record, walked))
    }

    /// A path that must end on a fact (`applicant.registered_on`).
    fn record_path(
        &mut self,
        root: Record,
        first: &Ident,
        rest: &[Ident],
        span: Span,
    ) -> Option<TExpr> {
        match self.walk(root, first, rest)? {
            Walked::Fact(fact, _, _) => Some(TExpr {
                kind: TExprKind::Fact(fact),
                ty: fact.ty(),
                span,
            }),
            Walked::Record(record, walked) => {
                self.problems.push(CheckError::RecordAsValue {
                    path: walked,
                    span,
                    fields: schema::field_names(record)
                        .iter()
                        .map(|f| format!("`{f}`"))
                        .collect::<Vec<_>>()
                        .join(", "),
                });
                None
            }
        }
    }

    fn call(&mut self, callee: &[Ident], args: &[Expr], span: Span) -> Option<TExpr> {
        let (name, receiver_path) = callee.split_last()?;
        if receiver_path.is_empty() && name.name == "points" {
            return self.points_ref(args, span);
        }
        let receiver = match receiver_path.split_first() {
            None => None,
            Some((root, rest)) => Some(self.receiver(root, rest)?),
        };
        let Some(func) = Func::lookup(receiver, &name.name) else {
            let candidates = Func::ALL
                .iter()
                .filter(|f| f.receiver() == receiver)
                .map(|f| f.name())
                .chain(receiver.is_none().then_some("points"));
            self.problems.push(CheckError::UnknownFunction {
                name: callee
                    .iter()
                    .map(|i| i.name.as_str())
                    .collect::<Vec<_>>()
                    .join("."),
                span: name.span,
                suggestion: closest(&name.name, candidates),
            });
            return None;
        };
        let typed_args = self.arguments(func, args, span)?;
        if func.constant_args() {
            for arg in &typed_args {
                if !is_constant(arg) {
                    self.problems.push(CheckError::NotConstant {
                        what: format!("an argument of `{}`", func.name()),
                        span: arg.span,
                    });
                    return None;
                }
            }
        }
        Some(TExpr {
            kind: TExprKind::Call(func, typed_args),
            ty: func.result(),
            span,
        })
    }

    /// Resolves the record a method is called on (`applicant`, `household`).
    fn receiver(&mut self, root: &Ident, rest: &[Ident]) -> Option<Record> {
        let Some((_, record)) = ROOTS.iter().find(|(n, _)| *n == root.name).copied() else {
            self.unknown_name(root);
            return None;
        };
        match self.walk(record, root, rest)? {
            Walked::Record(record, _) => Some(record),
            Walked::Fact(_, path, span) => {
                self.problems.push(CheckError::NotARecord { path, span });
                None
            }
        }
    }

    fn arguments(&mut self, func: Func, args: &[Expr], span: Span) -> Option<Vec<TExpr>> {
        match func.params() {
            Params::Fixed(types) => {
                let context = format!("an argument of `{}`", func.name());
                if types.len() != args.len() {
                    self.problems.push(CheckError::ArgumentCount {
                        name: func.name().to_owned(),
                        expected: plural_args(types.len()),
                        found: args.len(),
                        span,
                    });
                    // Still type the arguments that have a place, so what
                    // they name counts as used.
                    for (ty, arg) in types.iter().zip(args) {
                        self.expect(arg, *ty, &context);
                    }
                    return None;
                }
                let typed: Vec<_> = types
                    .iter()
                    .zip(args)
                    .map(|(ty, arg)| self.expect(arg, *ty, &context))
                    .collect();
                typed.into_iter().collect()
            }
            Params::OneOrMore(elem) => {
                if args.is_empty() {
                    self.problems.push(CheckError::ArgumentCount {
                        name: func.name().to_owned(),
                        expected: "one or more arguments".into(),
                        found: 0,
                        span,
                    });
                    return None;
                }
                let typed: Vec<_> = args.iter().map(|arg| self.enum_or_set(arg, elem)).collect();
                typed.into_iter().collect()
            }
        }
    }

    /// An argument that is one value of `elem` or a set of them (a set parameter).
    fn enum_or_set(&mut self, arg: &Expr, elem: EnumType) -> Option<TExpr> {
        match self.infer(arg) {
            Inferred::Word(word) => self.enum_value(word, elem),
            Inferred::Typed(t) if t.ty == Type::Enum(elem) || t.ty == Type::Set(elem) => Some(t),
            Inferred::Typed(t) => {
                self.problems.push(CheckError::TypeMismatch {
                    expected: self.show(Type::Enum(elem)),
                    found: self.show(t.ty),
                    context: "an argument".into(),
                    span: arg.span,
                    hint: None,
                });
                None
            }
            Inferred::Failed => None,
        }
    }

    fn points_ref(&mut self, args: &[Expr], span: Span) -> Option<TExpr> {
        let [arg] = args else {
            self.problems.push(CheckError::ArgumentCount {
                name: "points".into(),
                expected: "one argument".into(),
                found: args.len(),
                span,
            });
            return None;
        };
        let name = match &arg.kind {
            ExprKind::Path(segs) => segs.as_slice(),
            _ => &[],
        };
        let name = match name {
            [name] => name,
            _ => {
                self.problems.push(CheckError::NotPointsRule {
                    name: "this".into(),
                    span: arg.span,
                    suggestion: None,
                });
                return None;
            }
        };
        match self.names.get(&name.name) {
            Some(Symbol::Points(i)) => {
                self.deps.insert(Dep::Points(i));
                Some(TExpr {
                    kind: TExprKind::Points(i),
                    ty: Type::Integer,
                    span,
                })
            }
            _ => {
                let candidates: Vec<&str> = self
                    .names
                    .items
                    .points
                    .iter()
                    .map(|p| p.id.name.as_str())
                    .collect();
                self.problems.push(CheckError::NotPointsRule {
                    name: name.name.clone(),
                    span: name.span,
                    suggestion: closest(&name.name, candidates),
                });
                None
            }
        }
    }

    fn designated(&mut self, subject: &Expr, kind: &Ident, span: Span) -> Option<TExpr> {
        let record = match &subject.kind {
            ExprKind::Path(segs) => {
                let (root, rest) = segs.split_first()?;
                self.receiver(root, rest)?
            }
            _ => Record::Applicant,
        };
        if record != Record::Complex {
            self.problems.push(CheckError::TypeMismatch {
                expected: "`unit.complex`".into(),
                found: "another expression".into(),
                context: "`designated`".into(),
                span: subject.span,
                hint: None,
            });
            return None;
        }
        let Some(designation) = self
            .kinds
            .iter()
            .position(|k| *k == kind.name)
            .and_then(|i| u8::try_from(i).ok())
            .map(KindIx)
        else {
            self.problems.push(CheckError::UnknownDesignation {
                kind: kind.name.clone(),
                span: kind.span,
                suggestion: closest(&kind.name, self.kinds.iter().map(String::as_str)),
                known: self
                    .kinds
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
            });
            return None;
        };
        Some(TExpr {
            kind: TExprKind::Designated(designation),
            ty: Type::Bool,
            span,
        })
    }

    fn unary(&mut self, op: UnaryOp, operand: &Expr, span: Span) -> Option<TExpr> {
        match op {
            UnaryOp::Not => {
                let inner = self.condition(operand, "`not`")?;
                Some(TExpr {
                    kind: TExprKind::Not(Box::new(inner)),
                    ty: Type::Bool,
                    span,
                })
            }
            UnaryOp::Neg => {
                let inner = self.value(operand)?;
                if !(inner.ty.is_number() || matches!(inner.ty, Type::Money | Type::Percent)) {
                    self.problems.push(CheckError::TypeMismatch {
                        expected: "a number, money or percent".into(),
                        found: self.show(inner.ty),
                        context: "`-`".into(),
                        span: operand.span,
                        hint: None,
                    });
                    return None;
                }
                let ty = inner.ty;
                Some(TExpr {
                    kind: TExprKind::Neg(Box::new(inner)),
                    ty,
                    span,
                })
            }
        }
    }

    fn logical(&mut self, op: LogicalOp, operands: &[Expr], span: Span) -> Option<TExpr> {
        let context = format!("`{}`", op.symbol());
        let typed: Vec<Option<TExpr>> = operands
            .iter()
            .map(|o| self.condition(o, &context))
            .collect();
        Some(TExpr {
            kind: TExprKind::Logical(op, typed.into_iter().collect::<Option<Vec<_>>>()?),
            ty: Type::Bool,
            span,
        })
    }

    fn binary(&mut self, op: BinaryOp, lhs: &Expr, rhs: &Expr, span: Span) -> Option<TExpr> {
        let (l, r) = match op {
            BinaryOp::In | BinaryOp::NotIn => self.membership_operands(lhs, rhs)?,
            _ => self.paired_operands(lhs, rhs)?,
        };
        let ty = self.result_type(op, &l, &r, span)?;
        if op == BinaryOp::Div && is_zero(&r) {
            self.problems
                .push(CheckError::DivisionByZero { span: r.span });
            return None;
        }
        if op == BinaryOp::Div && !is_constant(&r) {
            self.problems.push(CheckError::NotConstant {
                what: "a divisor".into(),
                span: r.span,
            });
            return None;
        }
        Some(TExpr {
            kind: TExprKind::Binary(op, Box::new(l), Box::new(r)),
            ty,
            span,
        })
    }

    /// Operands of `=`, `<`, `+`, …: a bare word takes the other side's enumeration.
    fn paired_operands(&mut self, lhs: &Expr, rhs: &Expr) -> Option<(TExpr, TExpr)> {
        match (self.infer(lhs), self.infer(rhs)) {
            (Inferred::Typed(l), Inferred::Typed(r)) => Some((l, r)),
            (Inferred::Typed(l), Inferred::Word(w)) => {
                let r = self.word_against(w, l.ty)?;
                Some((l, r))
            }
            (Inferred::Word(w), Inferred::Typed(r)) => {
                let l = self.word_against(w, r.ty)?;
                Some((l, r))
            }
            (Inferred::Word(w), Inferred::Word(_)) => {
                self.unknown_name(w);
                None
            }
            _ => None,
        }
    }

    /// Operands of `in`: the right side is a set or a region.
    fn membership_operands(&mut self, lhs: &Expr, rhs: &Expr) -> Option<(TExpr, TExpr)> {
        match self.infer(lhs) {
            Inferred::Typed(l) => {
                let r = match (l.ty, &rhs.kind) {
                    (Type::Enum(e), ExprKind::Set(items)) => self.set_of(items, e, rhs.span)?,
                    _ => self.value(rhs)?,
                };
                Some((l, r))
            }
            Inferred::Word(w) => {
                let r = self.value(rhs)?;
                let Type::Set(e) = r.ty else {
                    self.unknown_name(w);
                    return None;
                };
                let l = self.enum_value(w, e)?;
                Some((l, r))
            }
            Inferred::Failed => None,
        }
    }

    fn word_against(&mut self, word: &Ident, other: Type) -> Option<TExpr> {
        match other {
            Type::Enum(e) | Type::Set(e) => self.enum_value(word, e),
            _ => {
                self.unknown_name(word);
                None
            }
        }
    }

    fn result_type(&mut self, op: BinaryOp, l: &TExpr, r: &TExpr, span: Span) -> Option<Type> {
        let (a, b) = (l.ty, r.ty);
        let same_or_numbers = a == b || (a.is_number() && b.is_number());
        let number = if a == Type::Integer && b == Type::Integer {
            Type::Integer
        } else {
            Type::Decimal
        };
        let result = match op {
            BinaryOp::Eq | BinaryOp::Ne => {
                (same_or_numbers && a != Type::Region).then_some(Type::Bool)
            }
            BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge => {
                (same_or_numbers && a.is_ordered()).then_some(Type::Bool)
            }
            BinaryOp::In | BinaryOp::NotIn => match (a, b) {
                (Type::Enum(x), Type::Set(y)) if x == y => Some(Type::Bool),
                (Type::Text, Type::Region) => Some(Type::Bool),
                _ => None,
            },
            BinaryOp::Add | BinaryOp::Sub => match (a, b) {
                _ if a.is_number() && b.is_number() => Some(number),
                (Type::Money, Type::Money)
                | (Type::Percent, Type::Percent)
                | (Type::Duration, Type::Duration) => Some(a),
                (Type::Date, Type::Duration) => Some(Type::Date),
                (Type::Date, Type::Date) if op == BinaryOp::Sub => Some(Type::Duration),
                _ => None,
            },
            BinaryOp::Mul => match (a, b) {
                _ if a.is_number() && b.is_number() => Some(number),
                (Type::Money, x) | (x, Type::Money) if x.is_number() || x == Type::Percent => {
                    Some(Type::Money)
                }
                (Type::Percent, x) | (x, Type::Percent) if x.is_number() => Some(Type::Percent),
                _ => None,
            },
            BinaryOp::Div => match (a, b) {
                _ if a.is_number() && b.is_number() => Some(Type::Decimal),
                (Type::Money, x) if x.is_number() => Some(Type::Money),
                (Type::Money, Type::Money) => Some(Type::Decimal),
                (Type::Percent, x) if x.is_number() => Some(Type::Percent),
                _ => None,
            },
        };
        if result.is_none() {
            self.problems.push(CheckError::OperatorTypes {
                op: op.symbol().to_owned(),
                lhs: self.show(a),
                rhs: self.show(b),
                span,
                hint: operator_hint(op, a, b),
            });
        }
        result
    }

    fn set_inferred(&mut self, items: &[Expr], span: Span) -> Option<TExpr> {
        // A set literal alone has no type until something says which
        // enumeration its words belong to.
        let first_typed = items.iter().find(|item| {
            !matches!(&item.kind, ExprKind::Path(segs)
                if matches!(segs.as_slice(), [one] if self.names.get(&one.name).is_none()))
        });
        let elem = match first_typed.map(|item| self.value(item)) {
            Some(Some(TExpr {
                ty: Type::Enum(e), ..
            })) => e,
            Some(None) => return None,
            _ => {
                self.problems.push(CheckError::TypeMismatch {
                    expected: "a value whose type is known".into(),
                    found: "a set of bare words".into(),
                    context: "this set".into(),
                    span,
                    hint: Some(
                        "compare the set with a fact, e.g. `unit.type in { studio, senior }`"
                            .into(),
                    ),
                });
                return None;
            }
        };
        self.set_of(items, elem, span)
    }

    fn set_of(&mut self, items: &[Expr], elem: EnumType, span: Span) -> Option<TExpr> {
        let typed: Vec<Option<TExpr>> = items
            .iter()
            .map(|item| self.expect(item, Type::Enum(elem), "a set"))
            .collect();
        Some(TExpr {
            kind: TExprKind::Set(typed.into_iter().collect::<Option<Vec<_>>>()?),
            ty: Type::Set(elem),
            span,
        })
    }

    /// Resolves a bare word as a value of an enumeration.
    pub fn enum_value(&mut self, word: &Ident, en: EnumType) -> Option<TExpr> {
        let words = self.enum_words(en);
        let Some(index) = words.iter().position(|w| *w == word.name) else {
            let expected = match en {
                EnumType::Vocab(v) => format!("value of `{}`", v.type_name()),
                EnumType::Labels(i) => format!("label of `{}`", self.classification_name(i)),
                EnumType::PriorityGroup => "priority group".to_owned(),
            };
            self.problems.push(CheckError::UnknownValue {
                value: word.name.clone(),
                expected,
                span: word.span,
                suggestion: closest(&word.name, words.iter().copied()),
                known: words.join(", "),
            });
            return None;
        };
        Some(TExpr {
            kind: TExprKind::Const(Constant::Enum(en, u16::try_from(index).ok()?)),
            ty: Type::Enum(en),
            span: word.span,
        })
    }

    /// The words of an enumeration, in index order.
    pub fn enum_words(&self, en: EnumType) -> Vec<&'a str> {
        match en {
            EnumType::Vocab(v) => v.words(),
            EnumType::Labels(i) => self.labels.get(i).cloned().unwrap_or_default(),
            EnumType::PriorityGroup => self.priority_ids.clone(),
        }
    }

    fn unknown_name(&mut self, word: &Ident) {
        if let Some(Symbol::Priority(_)) = self.names.get(&word.name) {
            self.not_a_value(
                word,
                "priority group",
                format!("test membership with `priority_group = {}`", word.name),
            );
            return;
        }
        let candidates: Vec<&str> = self
            .names
            .ids()
            .chain(ROOTS.iter().map(|(n, _)| *n))
            .chain(schema::FREE_NAMES.iter().copied())
            .collect();
        self.problems.push(CheckError::UnknownName {
            name: word.name.clone(),
            span: word.span,
            suggestion: closest(&word.name, candidates.iter().copied()),
            nearby: nearest(&word.name, candidates.iter().copied(), 6),
        });
    }

    fn not_a_value(&mut self, word: &Ident, kind: &str, hint: String) {
        self.problems.push(CheckError::NotAValue {
            name: word.name.clone(),
            kind: kind.to_owned(),
            span: word.span,
            hint,
        });
    }
}

/// Whether a value of type `found` may stand where `expected` is wanted.
fn fits(found: Type, expected: Type) -> bool {
    found == expected || (found == Type::Integer && expected == Type::Decimal)
}

fn literal(lit: &Literal, span: Span) -> TExpr {
    let (constant, ty) = match lit {
        Literal::Bool(b) => (Constant::Bool(*b), Type::Bool),
        Literal::Integer(n) => (Constant::Integer(*n), Type::Integer),
        Literal::Decimal(d) => (Constant::Decimal(*d), Type::Decimal),
        Literal::Money(d) => (Constant::Money(*d), Type::Money),
        Literal::Percent(d) => (Constant::Percent(*d), Type::Percent),
        Literal::Duration(d) => (Constant::Duration(*d), Type::Duration),
        Literal::Date(d) => (Constant::Date(*d), Type::Date),
        Literal::Text(s) => (Constant::Text(s.clone()), Type::Text),
    };
    TExpr {
        kind: TExprKind::Const(constant),
        ty,
        span,
    }
}

/// Whether an expression is fixed once the reference date is known:
/// literals, parameters, regions and sets and arithmetic of those.
pub fn is_constant(e: &TExpr) -> bool {
    match &e.kind {
        TExprKind::Const(_) | TExprKind::Param(_) | TExprKind::Region(_) => true,
        TExprKind::Set(items) | TExprKind::Logical(_, items) => items.iter().all(is_constant),
        TExprKind::Not(x) | TExprKind::Neg(x) => is_constant(x),
        TExprKind::Binary(_, l, r) => is_constant(l) && is_constant(r),
        _ => false,
    }
}

fn is_zero(e: &TExpr) -> bool {
    match &e.kind {
        TExprKind::Const(Constant::Integer(n)) => *n == 0,
        TExprKind::Const(Constant::Decimal(d) | Constant::Money(d) | Constant::Percent(d)) => {
            *d == Decimal::ZERO
        }
        _ => false,
    }
}

fn plural_args(n: usize) -> String {
    match n {
        1 => "one argument".into(),
        2 => "two arguments".into(),
        n => format!("{n} arguments"),
    }
}

/// How to write a literal of `wanted` when a plain number stood there instead.
fn literal_hint(wanted: Type, found: Type) -> Option<String> {
    match (wanted, found) {
        (Type::Money, f) if f.is_number() => {
            Some("write amounts of money with a euro sign, like `€1234.56`".into())
        }
        (Type::Duration, f) if f.is_number() => {
            Some("write durations with a unit, like `6 years` or `18 months`".into())
        }
        (Type::Percent, f) if f.is_number() => {
            Some("write percentages with `%`, like `25%`".into())
        }
        _ => None,
    }
}

fn operator_hint(op: BinaryOp, a: Type, b: Type) -> Option<String> {
    match op {
        BinaryOp::In | BinaryOp::NotIn => Some(
            "`in` takes a value on the left and a set or region of such values on the right".into(),
        ),
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => None,
        _ => literal_hint(a, b).or_else(|| literal_hint(b, a)),
    }
}
