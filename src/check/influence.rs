//! What a condition's truth can depend on, and in which direction.
//!
//! The legal limits are properties of meaning, not of spelling: `require
//! household.income >= €20000`, `require not (household.income < €20000)`,
//! `require household.income - €20000 >= €0`, and `applies when
//! household.income < €20000` with `require false` all let a higher income
//! pass where a lower one fails. This analysis follows a condition through
//! `not`, `and`/`or`, arithmetic, comparisons on either side, and into the
//! points and classifications it reads, and says for each sensitive input
//! whether raising it can make the condition true (up), false (down), or
//! both. The analysis over-approximates: a direction it reports may be one
//! no value of the other facts can realise, never the other way round.

use rust_decimal::Decimal;

use super::ir::{ClassifyRule, Constant, ParamDecl, PointsRule, TExpr, TExprKind};
use super::schema::{Fact, Func};
use crate::source::Span;
use crate::syntax::ast::BinaryOp;

/// How raising an input can move a condition or a number.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dir {
    /// Raising it can make the condition true (the number larger).
    pub up: bool,
    /// Raising it can make the condition false (the number smaller).
    pub down: bool,
}

impl Dir {
    const UP: Dir = Dir {
        up: true,
        down: false,
    };

    /// Whether the input matters at all.
    pub fn any(self) -> bool {
        self.up || self.down
    }

    fn flip(self) -> Dir {
        Dir {
            up: self.down,
            down: self.up,
        }
    }

    fn join(self, other: Dir) -> Dir {
        Dir {
            up: self.up || other.up,
            down: self.down || other.down,
        }
    }

    /// Either way, once it matters at all (equality, labels, products of
    /// unknown sign).
    fn both(self) -> Dir {
        Dir {
            up: self.any(),
            down: self.any(),
        }
    }
}

/// One sensitive input's influence and the first place it is read.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Reach {
    /// The direction.
    pub dir: Dir,
    /// Where the input is read (the first read found).
    pub at: Option<Span>,
}

impl Reach {
    fn read(at: Span) -> Reach {
        Reach {
            dir: Dir::UP,
            at: Some(at),
        }
    }

    fn map(self, f: impl Fn(Dir) -> Dir) -> Reach {
        Reach {
            dir: f(self.dir),
            at: self.at,
        }
    }

    fn join(self, other: Reach) -> Reach {
        Reach {
            dir: self.dir.join(other.dir),
            at: self.at.or(other.at),
        }
    }
}

/// How a condition (or a number) depends on the inputs the law guards.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Influence {
    /// An income amount (`household.income`, `income_from`).
    pub amount: Reach,
    /// The source of an income (`has_income`, `income_sources`): raising
    /// it means having income from a source.
    pub source: Reach,
    /// A proxy of health or disability (Grondwet art. 1; WGBH/CZ): being in
    /// an aandachtsgroep, the care route one came by, a disability benefit.
    /// Raising it means being in the group.
    pub care: Reach,
}

impl Influence {
    fn map(self, f: impl Fn(Dir) -> Dir + Copy) -> Influence {
        Influence {
            amount: self.amount.map(f),
            source: self.source.map(f),
            care: self.care.map(f),
        }
    }

    /// Both influences together.
    pub fn join(self, other: Influence) -> Influence {
        Influence {
            amount: self.amount.join(other.amount),
            source: self.source.join(other.source),
            care: self.care.join(other.care),
        }
    }

    /// The influence on the negation.
    pub fn flip(self) -> Influence {
        self.map(Dir::flip)
    }

    fn both(self) -> Influence {
        self.map(Dir::both)
    }
}

/// Whether the income sources named include the disability benefit.
fn names_disability(args: &[TExpr]) -> bool {
    let disability = crate::vocab::IncomeSource::ALL
        .iter()
        .position(|s| *s == crate::vocab::IncomeSource::DisabilityBenefit);
    let mut found = false;
    for a in args {
        super::legal::walk(a, &mut |x| {
            if let TExprKind::Const(Constant::Enum(_, i)) = x.kind {
                found |= disability == Some(usize::from(i));
            }
        });
    }
    found
}

/// The parts of a rule set the analysis follows into.
pub struct Analysis<'r> {
    params: &'r [Option<ParamDecl>],
    points: &'r [Option<PointsRule>],
    classifications: &'r [Option<ClassifyRule>],
}

/// How deep points and classifications may read each other; the checker
/// rejects cycles, this only bounds the walk if one slipped through.
const MAX_INDIRECTION: usize = 32;

impl<'r> Analysis<'r> {
    /// An analysis over these parameters, points and classifications.
    pub(crate) fn new(
        params: &'r [Option<ParamDecl>],
        points: &'r [Option<PointsRule>],
        classifications: &'r [Option<ClassifyRule>],
    ) -> Self {
        Analysis {
            params,
            points,
            classifications,
        }
    }

    /// The influence on the truth of condition `e`.
    pub(crate) fn condition(&self, e: &TExpr) -> Influence {
        self.cond(e, 0)
    }

    fn cond(&self, e: &TExpr, depth: usize) -> Influence {
        match &e.kind {
            TExprKind::Defined(_, x) => self.cond(x, depth),
            TExprKind::Not(x) => self.cond(x, depth).flip(),
            TExprKind::Logical(_, items) => items
                .iter()
                .fold(Influence::default(), |acc, x| acc.join(self.cond(x, depth))),
            TExprKind::Call(Func::HasIncome | Func::ApplicantHasIncome, args) => Influence {
                source: Reach::read(e.span),
                care: if names_disability(args) {
                    Reach::read(e.span)
                } else {
                    Reach::default()
                },
                ..Influence::default()
            },
            TExprKind::Fact(Fact::Aandachtsgroep) => Influence {
                care: Reach::read(e.span),
                ..Influence::default()
            },
            TExprKind::Classification(i) => self.label(*i, depth),
            TExprKind::Binary(op, l, r) => self.comparison(*op, l, r, depth),
            _ => Influence::default(),
        }
    }

    fn comparison(&self, op: BinaryOp, l: &TExpr, r: &TExpr, depth: usize) -> Influence {
        // l - r: rising in what raises l or lowers r.
        let difference = || self.number(l, depth).join(self.number(r, depth).flip());
        match op {
            BinaryOp::Ge | BinaryOp::Gt => difference(),
            BinaryOp::Le | BinaryOp::Lt => difference().flip(),
            BinaryOp::Eq | BinaryOp::Ne => difference()
                .join(self.cond(l, depth))
                .join(self.cond(r, depth))
                .both(),
            BinaryOp::In | BinaryOp::NotIn => {
                let into_sources = matches!(
                    r.inner().kind,
                    TExprKind::Fact(Fact::HouseholdIncomeSources | Fact::ApplicantIncomeSources)
                );
                let member = if into_sources {
                    Influence {
                        source: Reach::read(r.span),
                        care: if names_disability(std::slice::from_ref(l)) {
                            Reach::read(l.span)
                        } else {
                            Reach::default()
                        },
                        ..Influence::default()
                    }
                } else {
                    self.cond(l, depth)
                        .join(self.number(l, depth))
                        .join(self.number(r, depth))
                        .both()
                };
                if op == BinaryOp::NotIn {
                    member.flip()
                } else {
                    member
                }
            }
            BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => Influence::default(),
        }
    }

    /// How a number (or a set, or a label) moves with the inputs.
    fn number(&self, e: &TExpr, depth: usize) -> Influence {
        match &e.kind {
            TExprKind::Fact(Fact::AandachtsgroepRoute) => Influence {
                care: Reach::read(e.span),
                ..Influence::default()
            }
            .both(),
            TExprKind::Fact(Fact::HouseholdIncome) | TExprKind::Call(Func::IncomeFrom, _) => {
                Influence {
                    amount: Reach::read(e.span),
                    ..Influence::default()
                }
            }
            TExprKind::Fact(Fact::HouseholdIncomeSources | Fact::ApplicantIncomeSources) => {
                Influence {
                    source: Reach::read(e.span),
                    ..Influence::default()
                }
                .both()
            }
            TExprKind::Defined(_, x) => self.number(x, depth),
            TExprKind::Points(i) => self.points_total(*i, depth),
            TExprKind::Classification(i) => self.label(*i, depth),
            TExprKind::Neg(x) => self.number(x, depth).flip(),
            TExprKind::Binary(BinaryOp::Add, a, b) => {
                self.number(a, depth).join(self.number(b, depth))
            }
            TExprKind::Binary(BinaryOp::Sub, a, b) => {
                self.number(a, depth).join(self.number(b, depth).flip())
            }
            TExprKind::Binary(op @ (BinaryOp::Mul | BinaryOp::Div), a, b) => {
                let (x, y) = (self.number(a, depth), self.number(b, depth));
                let scaled = |moving: Influence, by: &TExpr| match self.sign(by) {
                    Some(true) => moving,
                    Some(false) => moving.flip(),
                    None => moving.both(),
                };
                match (x == Influence::default(), y == Influence::default()) {
                    (true, true) => Influence::default(),
                    (false, true) => scaled(x, b),
                    // c / x falls as x rises (for a positive c).
                    (true, false) if *op == BinaryOp::Div => scaled(y, a).flip(),
                    (true, false) => scaled(y, a),
                    (false, false) => x.join(y).both(),
                }
            }
            _ => Influence::default(),
        }
    }

    /// `Some(true)` for a constant that is positive on every value it takes,
    /// `Some(false)` for one negative on every value, `None` otherwise.
    fn sign(&self, e: &TExpr) -> Option<bool> {
        let value = |c: &TExpr| match &c.kind {
            TExprKind::Const(Constant::Decimal(d) | Constant::Money(d) | Constant::Percent(d)) => {
                Some(*d)
            }
            TExprKind::Const(Constant::Integer(n)) => Some(Decimal::from(*n)),
            _ => None,
        };
        let e = e.inner();
        let values: Vec<Option<Decimal>> = match &e.kind {
            TExprKind::Param(i) => self
                .params
                .get(*i)
                .and_then(Option::as_ref)
                .map(|p| p.values.iter().map(|v| value(&v.value)).collect())
                .unwrap_or_default(),
            _ => vec![value(e)],
        };
        if values.is_empty() {
            return None;
        }
        if values.iter().all(|v| v.is_some_and(|d| d > Decimal::ZERO)) {
            Some(true)
        } else if values.iter().all(|v| v.is_some_and(|d| d < Decimal::ZERO)) {
            Some(false)
        } else {
            None
        }
    }

    /// A points total: each line adds its amount when its condition holds.
    fn points_total(&self, i: usize, depth: usize) -> Influence {
        if depth >= MAX_INDIRECTION {
            return Influence::default();
        }
        let Some(Some(rule)) = self.points.get(i) else {
            return Influence::default();
        };
        rule.contributions
            .iter()
            .fold(Influence::default(), |acc, (amount, c)| {
                // `depth < MAX_INDIRECTION`: no saturation.
                let line = self.cond(c, depth.saturating_add(1));
                acc.join(if *amount >= 0 { line } else { line.flip() })
            })
    }

    /// A label: labels are not ordered, so any influence goes both ways.
    fn label(&self, i: usize, depth: usize) -> Influence {
        if depth >= MAX_INDIRECTION {
            return Influence::default();
        }
        let Some(Some(rule)) = self.classifications.get(i) else {
            return Influence::default();
        };
        rule.labels
            .iter()
            .filter_map(|(_, c)| c.as_ref())
            .fold(Influence::default(), |acc, c| {
                // `depth < MAX_INDIRECTION`: no saturation.
                acc.join(self.cond(c, depth.saturating_add(1)))
            })
            .both()
    }
}
