//! Whether a condition on the unit holds wherever another can: the question
//! behind "a binding priority lies inside the scope of a cap that covers it"
//! (Hw2014 art. 14 lid 2), decided by evaluation, not by comparing forms.
//!
//! Both conditions are evaluated on test units built from the values they
//! compare the unit's facts with: each constant, and a value just below and
//! just above it for numbers; every word of an enumeration; both values of a
//! flag or a designation; each member of a region and one outside it. A
//! condition made of such comparisons can only change its outcome at those
//! values, so if some unit lies in the priority's scope and outside every
//! cap, one of the test units does. Parameters are fixed per period of
//! their values, so a limit indexed every year is judged in every year.
//! What a condition reads of the applicant is unknown here (three-valued):
//! a priority "can hold" unless it is false for every applicant, and a cap
//! covers a unit only where it certainly applies.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::ir::{Constant, KindDecl, KindIx, ParamDecl, RegionDecl, TExpr, TExprKind};
use super::schema::Fact;
use super::types::{EnumType, Record, Type};
use crate::syntax::ast::{BinaryOp, LogicalOp};

/// The most test units tried; past it the question is left undecided.
pub const MAX_POINTS: usize = 100_000;

/// A value on a test unit or in a condition.
#[derive(Debug, Clone, PartialEq)]
enum Val {
    Bool(bool),
    Num(Decimal),
    Enum(u16),
    Set(Vec<u16>),
    Text(String),
    Region(usize),
}

/// One dimension of the test units: a fact, or a designation kind.
#[derive(Debug, Clone, PartialEq)]
enum Dim {
    Fact(Fact),
    Designated(KindIx),
}

/// What was found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Coverage {
    /// Every unit where the inner condition can hold lies in an outer one.
    Covered,
    /// A unit where it can hold and no outer condition applies, in words
    /// (`unit.complex.owner_kind = private, unit.rent = €932.94 on 2026-01-01`).
    Uncovered(String),
    /// Too many test units to try.
    Undecided,
}

/// The parts of a rule set the evaluation reads.
pub struct Scope<'r> {
    /// Parameters by index (untyped ones `None`).
    pub params: &'r [Option<ParamDecl>],
    /// Regions by index.
    pub regions: &'r [RegionDecl],
    /// Designation kinds by index.
    pub kinds: &'r [KindDecl],
}

impl Scope<'_> {
    /// Whether every unit on which `inner` can hold (for some applicant)
    /// lies where one of `outers` applies; `None` among them applies
    /// everywhere. Judged only in the periods in which a part of `inner`
    /// for which `part` holds can decide its value ([`Scope::decides_in`]):
    /// a binding read that a parameter switches off until some day needs a
    /// cap from that day, not before.
    pub(crate) fn covers(
        &self,
        inner: &TExpr,
        outers: &[Option<&TExpr>],
        part: &dyn Fn(&TExpr) -> bool,
    ) -> Coverage {
        if outers.iter().any(Option::is_none) {
            return Coverage::Covered;
        }
        let outers: Vec<&TExpr> = outers.iter().copied().flatten().collect();
        let mut all: Vec<&TExpr> = vec![inner];
        all.extend(outers.iter().copied());
        let dims = self.dimensions(&all);
        let Some(count) = dims
            .iter()
            .try_fold(1usize, |n, (_, values)| n.checked_mul(values.len().max(1)))
            .filter(|n| *n <= MAX_POINTS)
        else {
            return Coverage::Undecided;
        };
        for epoch in self.epochs(&all) {
            if !self.decides_in(inner, epoch, part) {
                continue;
            }
            let mut point: Vec<usize> = vec![0; dims.len()];
            for _ in 0..count {
                let unit = Unit {
                    dims: &dims,
                    point: &point,
                };
                let can_hold = self.eval(inner, &unit, epoch) != Some(Val::Bool(false));
                if can_hold
                    && !outers
                        .iter()
                        .any(|o| self.eval(o, &unit, epoch) == Some(Val::Bool(true)))
                {
                    return Coverage::Uncovered(self.describe(&unit, epoch));
                }
                next(&mut point, &dims);
            }
        }
        Coverage::Covered
    }

    /// Whether `e` has a part for which `part` holds, other than under an
    /// `and` that one of its items makes false or an `or` that one makes
    /// true by the parameters of `epoch` alone: such a part cannot change
    /// what `e` decides in that period.
    pub(crate) fn decides_in(
        &self,
        e: &TExpr,
        epoch: Option<NaiveDate>,
        part: &dyn Fn(&TExpr) -> bool,
    ) -> bool {
        if part(e) {
            return true;
        }
        match &e.kind {
            TExprKind::Logical(op, items) => {
                let absorbing = matches!(op, LogicalOp::Or);
                let no_unit = Unit {
                    dims: &[],
                    point: &[],
                };
                let settled = items
                    .iter()
                    .any(|i| self.eval(i, &no_unit, epoch) == Some(Val::Bool(absorbing)));
                !settled && items.iter().any(|i| self.decides_in(i, epoch, part))
            }
            TExprKind::Set(items) | TExprKind::Call(_, items) => {
                items.iter().any(|i| self.decides_in(i, epoch, part))
            }
            TExprKind::Not(x) | TExprKind::Neg(x) | TExprKind::Defined(_, x) => {
                self.decides_in(x, epoch, part)
            }
            TExprKind::Binary(_, l, r) => {
                self.decides_in(l, epoch, part) || self.decides_in(r, epoch, part)
            }
            _ => false,
        }
    }

    /// Whether `e` has a part for which `part` holds that can decide its
    /// value in some period of its parameters ([`Scope::decides_in`]).
    pub(crate) fn decides_ever(&self, e: &TExpr, part: &dyn Fn(&TExpr) -> bool) -> bool {
        self.epochs(&[e])
            .into_iter()
            .any(|epoch| self.decides_in(e, epoch, part))
    }

    /// The first day of each period in which every parameter read keeps
    /// one value (one epoch when none is read). Days before every parameter
    /// has a value are left out: no decision can be made on them (E0601).
    fn epochs(&self, exprs: &[&TExpr]) -> Vec<Option<NaiveDate>> {
        let mut days = BTreeSet::new();
        let mut start: Option<NaiveDate> = None;
        for e in exprs {
            visit(e, &mut |x| {
                if let TExprKind::Param(i) = x.kind {
                    if let Some(Some(p)) = self.params.get(i) {
                        days.extend(p.values.iter().map(|v| v.from));
                        if let Some(first) = p.values.first() {
                            start = Some(start.map_or(first.from, |s| s.max(first.from)));
                        }
                    }
                }
            });
        }
        let days: Vec<Option<NaiveDate>> = days
            .into_iter()
            .filter(|d| start.is_none_or(|s| *d >= s))
            .map(Some)
            .collect();
        if days.is_empty() { vec![None] } else { days }
    }

    /// Every unit fact and designation the conditions read, with the values
    /// worth trying for it.
    fn dimensions(&self, exprs: &[&TExpr]) -> Vec<(Dim, Vec<Val>)> {
        let mut dims: Vec<(Dim, Vec<Val>)> = Vec::new();
        let mut add = |dim: Dim, values: Vec<Val>| {
            let slot = match dims.iter().position(|(d, _)| *d == dim) {
                Some(i) => i,
                None => {
                    dims.push((dim, Vec::new()));
                    dims.len().saturating_sub(1)
                }
            };
            if let Some((_, known)) = dims.get_mut(slot) {
                for v in values {
                    if !known.contains(&v) {
                        known.push(v);
                    }
                }
            }
        };
        for e in exprs {
            visit(e, &mut |x| match &x.kind {
                TExprKind::Fact(f) if is_unit_fact(*f) => add(Dim::Fact(*f), baseline(f.ty())),
                TExprKind::Designated(k) => {
                    add(Dim::Designated(*k), vec![Val::Bool(false), Val::Bool(true)])
                }
                TExprKind::Binary(_, l, r) => {
                    for (fact, other) in [(l, r), (r, l)] {
                        if let TExprKind::Fact(f) = fact.inner().kind {
                            if is_unit_fact(f) {
                                add(Dim::Fact(f), self.candidates(other));
                            }
                        }
                    }
                }
                _ => {}
            });
        }
        dims
    }

    /// The values a fact compared with `other` is worth trying at.
    fn candidates(&self, other: &TExpr) -> Vec<Val> {
        let mut out = Vec::new();
        for value in self.constant_values(other) {
            match value {
                Val::Num(n) => {
                    let step = step(other.ty);
                    out.extend([
                        Val::Num(n.checked_sub(step).unwrap_or(n)),
                        Val::Num(n),
                        Val::Num(n.checked_add(step).unwrap_or(n)),
                    ]);
                }
                Val::Region(r) => {
                    if let Some(region) = self.regions.get(r) {
                        out.extend(region.members.iter().cloned().map(Val::Text));
                    }
                }
                Val::Set(items) => out.extend(items.into_iter().map(Val::Enum)),
                v => out.push(v),
            }
        }
        out
    }

    /// Every value a constant or parameter takes.
    fn constant_values(&self, e: &TExpr) -> Vec<Val> {
        let e = e.inner();
        match &e.kind {
            TExprKind::Param(i) => self
                .params
                .get(*i)
                .and_then(Option::as_ref)
                .map(|p| p.values.iter().filter_map(|v| constant(&v.value)).collect())
                .unwrap_or_default(),
            TExprKind::Region(r) => vec![Val::Region(*r)],
            _ => constant(e).into_iter().collect(),
        }
    }

    /// Three-valued evaluation of `e` on a test unit; `None` is unknown.
    fn eval(&self, e: &TExpr, unit: &Unit<'_>, epoch: Option<NaiveDate>) -> Option<Val> {
        match &e.kind {
            TExprKind::Defined(_, body) => self.eval(body, unit, epoch),
            TExprKind::Const(_) | TExprKind::Set(_) => constant(e),
            TExprKind::Region(r) => Some(Val::Region(*r)),
            TExprKind::Param(i) => {
                let p = self.params.get(*i)?.as_ref()?;
                let value = match epoch {
                    Some(day) => p.values.iter().rev().find(|v| v.from <= day)?,
                    None => p.values.first()?,
                };
                constant(&value.value)
            }
            TExprKind::Fact(f) => unit.value(&Dim::Fact(*f)),
            TExprKind::Designated(k) => unit.value(&Dim::Designated(*k)),
            TExprKind::Not(x) => match self.eval(x, unit, epoch)? {
                Val::Bool(b) => Some(Val::Bool(!b)),
                _ => None,
            },
            TExprKind::Logical(op, items) => {
                let (absorbing, identity) = match op {
                    LogicalOp::And => (false, true),
                    LogicalOp::Or => (true, false),
                };
                let mut unknown = false;
                for item in items {
                    match self.eval(item, unit, epoch) {
                        Some(Val::Bool(b)) if b == absorbing => return Some(Val::Bool(absorbing)),
                        Some(Val::Bool(_)) => {}
                        _ => unknown = true,
                    }
                }
                (!unknown).then_some(Val::Bool(identity))
            }
            TExprKind::Binary(op, l, r) => {
                let (l, r) = (self.eval(l, unit, epoch)?, self.eval(r, unit, epoch)?);
                self.compare(*op, &l, &r).map(Val::Bool)
            }
            _ => None,
        }
    }

    fn compare(&self, op: BinaryOp, l: &Val, r: &Val) -> Option<bool> {
        use std::cmp::Ordering;
        let ordering = match (l, r) {
            (Val::Num(a), Val::Num(b)) => Some(a.cmp(b)),
            (Val::Enum(a), Val::Enum(b)) => Some(a.cmp(b)),
            (Val::Bool(a), Val::Bool(b)) => Some(a.cmp(b)),
            (Val::Text(a), Val::Text(b)) => Some(a.cmp(b)),
            _ => None,
        };
        let member = || match (l, r) {
            (Val::Enum(x), Val::Set(items)) => Some(items.contains(x)),
            (Val::Text(t), Val::Region(i)) => self
                .regions
                .get(*i)
                .map(|region| region.members.iter().any(|m| m == t)),
            _ => None,
        };
        match op {
            BinaryOp::Eq => ordering.map(|o| o == Ordering::Equal),
            BinaryOp::Ne => ordering.map(|o| o != Ordering::Equal),
            BinaryOp::Lt => ordering.map(|o| o == Ordering::Less),
            BinaryOp::Le => ordering.map(|o| o != Ordering::Greater),
            BinaryOp::Gt => ordering.map(|o| o == Ordering::Greater),
            BinaryOp::Ge => ordering.map(|o| o != Ordering::Less),
            BinaryOp::In => member(),
            BinaryOp::NotIn => member().map(|m| !m),
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => None,
        }
    }

    /// A test unit in words, with the day its parameters are read on.
    fn describe(&self, unit: &Unit<'_>, epoch: Option<NaiveDate>) -> String {
        let mut parts: Vec<String> = unit
            .dims
            .iter()
            .zip(unit.point)
            .filter_map(|((dim, values), i)| {
                let value = values.get(*i)?;
                Some(match dim {
                    Dim::Fact(f) => format!("{} = {}", f.path(), show(*f, value)),
                    Dim::Designated(k) => {
                        let name = self.kinds.get(k.index()).map_or("", |d| d.name.as_str());
                        match value {
                            Val::Bool(true) => format!("designated {name}"),
                            _ => format!("not designated {name}"),
                        }
                    }
                })
            })
            .collect();
        if parts.is_empty() {
            parts.push("any unit".to_owned());
        }
        let on = epoch.map_or_else(String::new, |d| format!(" (parameters of {d})"));
        format!("{}{on}", parts.join(", "))
    }
}

/// One test unit: an index into each dimension's values.
struct Unit<'a> {
    dims: &'a [(Dim, Vec<Val>)],
    point: &'a [usize],
}

impl Unit<'_> {
    fn value(&self, dim: &Dim) -> Option<Val> {
        let i = self.dims.iter().position(|(d, _)| d == dim)?;
        let (_, values) = self.dims.get(i)?;
        values.get(*self.point.get(i)?).cloned()
    }
}

/// Steps `point` to the next combination (an odometer).
fn next(point: &mut [usize], dims: &[(Dim, Vec<Val>)]) {
    for (digit, (_, values)) in point.iter_mut().zip(dims) {
        *digit = digit.saturating_add(1);
        if *digit < values.len() {
            return;
        }
        *digit = 0;
    }
}

fn is_unit_fact(f: Fact) -> bool {
    matches!(f.record(), Record::Unit | Record::Complex | Record::Buurt)
}

/// Values every fact of a type is tried at, compared or not.
fn baseline(ty: Type) -> Vec<Val> {
    match ty {
        Type::Bool => vec![Val::Bool(false), Val::Bool(true)],
        Type::Enum(EnumType::Vocab(v)) => (0..v.words().len())
            .filter_map(|i| u16::try_from(i).ok())
            .map(Val::Enum)
            .collect(),
        Type::Money | Type::Decimal | Type::Integer => vec![Val::Num(Decimal::ZERO)],
        Type::Text => vec![Val::Text(String::new())],
        _ => Vec::new(),
    }
}

/// The smallest step worth trying past a bound of this type.
fn step(ty: Type) -> Decimal {
    match ty {
        Type::Integer => Decimal::ONE,
        Type::Money => Decimal::new(1, 2),
        _ => Decimal::new(1, 3),
    }
}

fn constant(e: &TExpr) -> Option<Val> {
    match &e.kind {
        TExprKind::Const(c) => match c {
            Constant::Bool(b) => Some(Val::Bool(*b)),
            Constant::Integer(n) => Some(Val::Num(Decimal::from(*n))),
            Constant::Decimal(d) | Constant::Money(d) | Constant::Percent(d) => Some(Val::Num(*d)),
            Constant::Enum(_, i) => Some(Val::Enum(*i)),
            Constant::Text(t) => Some(Val::Text(t.clone())),
            Constant::Duration(_) | Constant::Date(_) => None,
        },
        TExprKind::Set(items) => items
            .iter()
            .map(|i| match i.kind {
                TExprKind::Const(Constant::Enum(_, x)) => Some(x),
                _ => None,
            })
            .collect::<Option<Vec<u16>>>()
            .map(Val::Set),
        _ => None,
    }
}

fn show(f: Fact, v: &Val) -> String {
    match (f.ty(), v) {
        (Type::Money, Val::Num(n)) => format!("€{n:.2}"),
        (Type::Enum(EnumType::Vocab(voc)), Val::Enum(i)) => voc
            .words()
            .get(usize::from(*i))
            .map_or_else(|| i.to_string(), |w| (*w).to_owned()),
        (_, Val::Num(n)) => n.to_string(),
        (_, Val::Bool(b)) => b.to_string(),
        (_, Val::Text(t)) if t.is_empty() => "(another)".to_owned(),
        (_, Val::Text(t)) => format!("\"{t}\""),
        (_, other) => format!("{other:?}"),
    }
}

/// Visits `e` and its parts, named conditions' bodies included.
fn visit(e: &TExpr, f: &mut dyn FnMut(&TExpr)) {
    super::legal::walk(e, f);
}
