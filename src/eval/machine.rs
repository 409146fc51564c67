//! The expression evaluator. One function serves both paths: with
//! [`Silent`] every recording call compiles away, with a trace recorder the
//! same steps are written down, so a traced decision is the same decision.

use std::cell::Cell;
use std::cmp::Ordering;

use rust_decimal::Decimal;

use super::facts::{ApplicantFacts, ApplicationFacts, UnitFacts};
use super::fault::{Fault, FaultKind};
use super::value::{Dur, Value};
use crate::check::ir::KindIx;
use crate::compile::{Node, NodeId, Packing, Program, Side};
use crate::syntax::ast::BinaryOp;

/// The derived results a pair has so far: points, labels, priority group.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Derived {
    /// Total per points rule.
    pub points: Vec<i64>,
    /// Label index per classification.
    pub labels: Vec<u16>,
    /// The priority group's index, once decided.
    pub priority: Option<u16>,
}

/// The total of a points rule's `lines`: each amount whose condition
/// `holds`, added up in line order, saturating. A decision and the total
/// staged once per applicant ([`crate::compile::Program::staged_points`])
/// both add up here, so the two cannot differ in how.
pub fn points_total(lines: &[(i64, NodeId)], mut holds: impl FnMut(NodeId) -> bool) -> i64 {
    lines.iter().fold(0i64, |total, (amount, cond)| {
        if holds(*cond) {
            total.saturating_add(*amount)
        } else {
            total
        }
    })
}

/// What one evaluation reads: both sides' facts and the derived results.
#[derive(Clone, Copy)]
pub struct Ctx<'e, 'd> {
    /// The applicant's facts (absent while a unit's own parts are computed).
    applicant: Option<&'e ApplicantFacts<'d>>,
    /// The unit's facts (absent while an applicant's own parts are computed).
    unit: Option<&'e UnitFacts<'d>>,
    /// The application this pair's decision answers.
    application: Option<&'e ApplicationFacts<'d>>,
    /// Points, labels and priority so far.
    derived: &'e Derived,
    /// Whether parts computed once per applicant or unit may be read back.
    staged: bool,
    /// The first calculation that had no result: the decision is then not
    /// made, whatever the gates read.
    fault: &'e Cell<Option<Fault>>,
}

static NOTHING_DERIVED: Derived = Derived {
    points: Vec::new(),
    labels: Vec::new(),
    priority: None,
};

impl<'e, 'd> Ctx<'e, 'd> {
    /// A decision's context: one applicant, one unit.
    pub fn pair(
        applicant: &'e ApplicantFacts<'d>,
        unit: &'e UnitFacts<'d>,
        application: &'e ApplicationFacts<'d>,
        derived: &'e Derived,
        fault: &'e Cell<Option<Fault>>,
    ) -> Self {
        Ctx {
            applicant: Some(applicant),
            unit: Some(unit),
            application: Some(application),
            derived,
            staged: true,
            fault,
        }
    }

    /// An applicant alone, to compute the parts of the rules that read
    /// nothing else, with the points totals that read only the applicant
    /// in `derived` (see [`crate::compile::Program::staged_points`]).
    pub fn applicant_only(
        applicant: &'e ApplicantFacts<'d>,
        derived: &'e Derived,
        fault: &'e Cell<Option<Fault>>,
    ) -> Self {
        Ctx {
            applicant: Some(applicant),
            unit: None,
            application: None,
            derived,
            staged: false,
            fault,
        }
    }

    /// A unit alone, likewise.
    pub fn unit_only(unit: &'e UnitFacts<'d>, fault: &'e Cell<Option<Fault>>) -> Self {
        Ctx {
            applicant: None,
            unit: Some(unit),
            application: None,
            derived: &NOTHING_DERIVED,
            staged: false,
            fault,
        }
    }

    /// Notes that `node` had no result, unless an earlier calculation did.
    fn fail(&self, node: NodeId, kind: FaultKind) {
        if self.fault.get().is_none() {
            self.fault.set(Some(Fault { node, kind }));
        }
    }
}

/// Receives what an evaluation reads and compares; the values borrow from
/// the program and the data (`'a`), so a trace can keep them as they are.
pub trait Recorder<'a> {
    /// Whether anything is recorded: a recording evaluation walks every
    /// node, a silent one may read a part computed beforehand instead.
    const RECORDS: bool;
    /// A fact, call, parameter, points total or label was read.
    fn read(&mut self, node: NodeId, value: Value<'a>);
    /// A designation was checked.
    fn designation(&mut self, kind: KindIx, valid: bool);
    /// A comparison was made.
    fn compare(&mut self, node: NodeId, lhs: Value<'a>, rhs: Value<'a>, result: bool);
    /// A named condition is about to be evaluated; the mark is handed back
    /// to [`Recorder::leave_named`], so what its parts read nests under it.
    fn enter_named(&mut self) -> usize;
    /// Named condition `define` (read at `node`) came out as `value`.
    fn leave_named(&mut self, node: NodeId, define: u16, mark: usize, value: Value<'a>);
}

/// Records nothing: the fast path.
pub struct Silent;

impl Recorder<'_> for Silent {
    const RECORDS: bool = false;
    #[inline(always)]
    fn read(&mut self, _: NodeId, _: Value<'_>) {}
    #[inline(always)]
    fn designation(&mut self, _: KindIx, _: bool) {}
    #[inline(always)]
    fn compare(&mut self, _: NodeId, _: Value<'_>, _: Value<'_>, _: bool) {}
    #[inline(always)]
    fn enter_named(&mut self) -> usize {
        0
    }
    #[inline(always)]
    fn leave_named(&mut self, _: NodeId, _: u16, _: usize, _: Value<'_>) {}
}

/// Evaluates node `id`.
pub fn eval<'a, R: Recorder<'a>>(
    program: &'a Program<'_>,
    id: NodeId,
    ctx: &Ctx<'_, 'a>,
    rec: &mut R,
) -> Value<'a> {
    // The fast path reads staged parts from their slots; a recording
    // evaluation, or the staging itself, walks the rules as written.
    let mut node = if !R::RECORDS && ctx.staged {
        program.fast_node(id)
    } else {
        program.node(id)
    };
    if let Node::Staged(Side::Applicant, ..) = node {
        // Facts without their staged parts: the part is walked instead.
        if ctx.applicant.is_some_and(|a| a.staged.is_none()) {
            node = program.node(id);
        }
    }
    match node {
        Node::Staged(side, slot, packing) => read_staged(ctx, *side, *slot, *packing),
        Node::Const(v) => *v,
        Node::Text(t) => Value::Text(t),
        Node::Param(i) => {
            let value = program
                .params
                .get(usize::from(*i))
                .map_or(Value::Absent, |p| {
                    p.text.as_deref().map_or(p.value, Value::Text)
                });
            rec.read(id, value);
            value
        }
        Node::Fact(_, side, slot) => {
            let slot = usize::from(*slot);
            let slots = match side {
                Side::Applicant => {
                    let value = ctx
                        .applicant
                        .map_or(Value::Absent, |a| a.fact(slot, program.date));
                    rec.read(id, value);
                    return value;
                }
                Side::Unit => ctx.unit.map(|u| u.slots.as_slice()),
                Side::Application => ctx.application.map(|p| p.slots.as_slice()),
            };
            let value = slots
                .and_then(|s| s.get(slot))
                .copied()
                .unwrap_or(Value::Absent);
            rec.read(id, value);
            value
        }
        Node::Call(slot) => {
            let value = ctx
                .applicant
                .map_or(Value::Absent, |a| a.call(program, usize::from(*slot)));
            rec.read(id, value);
            value
        }
        Node::DatedCall(slot) => {
            let slot = usize::from(*slot);
            let value = match ctx.application.and_then(|p| p.dated_call(program, slot)) {
                Some(v) => v,
                None => ctx
                    .applicant
                    .map_or(Value::Absent, |a| a.call(program, slot)),
            };
            rec.read(id, value);
            value
        }
        Node::YearsBetween(a, b) => {
            let value = match (eval(program, *a, ctx, rec), eval(program, *b, ctx, rec)) {
                (Value::Date(a), Value::Date(b)) => {
                    Value::Int(i64::from(crate::model::dates::whole_years(a, b)))
                }
                _ => Value::Absent,
            };
            rec.read(id, value);
            value
        }
        Node::ReferenceDate => Value::Date(program.date),
        Node::Points(i) => {
            let value = ctx
                .derived
                .points
                .get(usize::from(*i))
                .map_or(Value::Absent, |p| Value::Int(*p));
            rec.read(id, value);
            value
        }
        Node::Label(i) => {
            let value = ctx
                .derived
                .labels
                .get(usize::from(*i))
                .map_or(Value::Absent, |l| Value::Enum(*l));
            rec.read(id, value);
            value
        }
        Node::PriorityGroup => {
            let value = ctx.derived.priority.map_or(Value::Absent, Value::Enum);
            rec.read(id, value);
            value
        }
        Node::Designated(kind) => {
            let mask = 1u64.checked_shl(u32::from(kind.0)).unwrap_or(0);
            let valid = ctx.unit.is_some_and(|u| u.designations & mask != 0);
            rec.designation(*kind, valid);
            Value::Bool(valid)
        }
        Node::Not(x) => match eval(program, *x, ctx, rec) {
            Value::Bool(b) => Value::Bool(!b),
            _ => Value::Absent,
        },
        Node::Neg(x) => match eval(program, *x, ctx, rec) {
            Value::Int(n) => n.checked_neg().map_or_else(
                || {
                    ctx.fail(id, FaultKind::Overflow);
                    Value::Absent
                },
                Value::Int,
            ),
            // A decimal's range is symmetric: negation never overflows.
            #[allow(clippy::arithmetic_side_effects)]
            Value::Dec(d) => Value::Dec(-d),
            #[allow(clippy::arithmetic_side_effects)]
            Value::Money(d) => Value::Money(-d),
            #[allow(clippy::arithmetic_side_effects)]
            Value::Percent(d) => Value::Percent(-d),
            _ => Value::Absent,
        },
        Node::All(start, len) => {
            for operand in program.list(*start, *len) {
                if !eval(program, *operand, ctx, rec).truthy() {
                    return Value::Bool(false);
                }
            }
            Value::Bool(true)
        }
        Node::Any(start, len) => {
            for operand in program.list(*start, *len) {
                if eval(program, *operand, ctx, rec).truthy() {
                    return Value::Bool(true);
                }
            }
            Value::Bool(false)
        }
        Node::Region(r) => Value::Region(*r),
        Node::Named(define, body) => {
            let mark = rec.enter_named();
            let value = eval(program, *body, ctx, rec);
            rec.leave_named(id, *define, mark, value);
            value
        }
        Node::Binary(op, l, r) => {
            let lhs = operand(program, *l, ctx, rec);
            let rhs = operand(program, *r, ctx, rec);
            match op {
                BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => {
                    arithmetic(*op, lhs, rhs, program.date).unwrap_or_else(|kind| {
                        ctx.fail(id, kind);
                        Value::Absent
                    })
                }
                _ => {
                    let result = test(program, *op, lhs, rhs);
                    rec.compare(id, lhs, rhs, result);
                    Value::Bool(result)
                }
            }
        }
    }
}

/// A staged part's value, read from its side's packed record; the part's
/// fault, if it had no result when it was staged, is noted.
#[inline(always)]
fn read_staged(ctx: &Ctx<'_, '_>, side: Side, slot: u16, packing: Packing) -> Value<'static> {
    let packed = match side {
        Side::Applicant => ctx.applicant.and_then(|a| a.staged.as_ref()),
        Side::Unit => ctx.unit.map(|u| &u.staged),
        Side::Application => None,
    };
    let Some(packed) = packed else {
        return Value::Absent;
    };
    let (value, fault) = packed.read(slot, packing);
    // A part that had no result when it was staged has none here.
    if let Some(fault) = fault {
        ctx.fail(fault.node, fault.kind);
    }
    value
}

/// An operand of a comparison or a calculation: what [`eval`] gives, with
/// a staged part (most operands of what reads both sides) read in place
/// rather than through a call of its own.
#[inline(always)]
fn operand<'a, R: Recorder<'a>>(
    program: &'a Program<'_>,
    id: NodeId,
    ctx: &Ctx<'_, 'a>,
    rec: &mut R,
) -> Value<'a> {
    if !R::RECORDS && ctx.staged {
        if let Node::Staged(side, slot, packing) = program.fast_node(id) {
            let unstaged =
                *side == Side::Applicant && ctx.applicant.is_some_and(|a| a.staged.is_none());
            if !unstaged {
                return read_staged(ctx, *side, *slot, *packing);
            }
        }
    }
    eval(program, id, ctx, rec)
}

/// A comparison or membership test; anything with an absent side is false.
fn test(program: &Program<'_>, op: BinaryOp, lhs: Value<'_>, rhs: Value<'_>) -> bool {
    let ordering = || lhs.compare(rhs, program.date);
    match op {
        BinaryOp::Eq => ordering() == Some(Ordering::Equal),
        BinaryOp::Ne => matches!(ordering(), Some(Ordering::Less | Ordering::Greater)),
        BinaryOp::Lt => ordering() == Some(Ordering::Less),
        BinaryOp::Le => matches!(ordering(), Some(Ordering::Less | Ordering::Equal)),
        BinaryOp::Gt => ordering() == Some(Ordering::Greater),
        BinaryOp::Ge => matches!(ordering(), Some(Ordering::Greater | Ordering::Equal)),
        BinaryOp::In | BinaryOp::NotIn => {
            let member = match (lhs, rhs) {
                (Value::Enum(i), Value::Set(bits)) => i < 64 && bits & (1 << i) != 0,
                (Value::Text(t), Value::Region(r)) => program.in_region(r, t),
                _ => return false,
            };
            member == (op == BinaryOp::In)
        }
        BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div => false,
    }
}

/// Exact arithmetic. An absent operand gives an absent value (the file has
/// no such fact), and so does a date subtracted from an earlier one (no
/// span); present operands without a result are a fault.
fn arithmetic<'a>(
    op: BinaryOp,
    lhs: Value<'a>,
    rhs: Value<'a>,
    reference: chrono::NaiveDate,
) -> Result<Value<'a>, FaultKind> {
    use Value::{Date, Dec, Int, Money, Percent};
    if matches!(lhs, Value::Absent) || matches!(rhs, Value::Absent) {
        return Ok(Value::Absent);
    }
    let zero = |v: Value<'_>| match v {
        Int(n) => n == 0,
        Dec(d) | Money(d) | Percent(d) => d.is_zero(),
        _ => false,
    };
    if op == BinaryOp::Div && zero(rhs) {
        return Err(FaultKind::DivisionByZero);
    }
    let dec = |v: Value<'_>| match v {
        Int(n) => Some(Decimal::from(n)),
        Dec(d) => Some(d),
        _ => None,
    };
    let hundred = Decimal::ONE_HUNDRED;
    let out = match (op, lhs, rhs) {
        (BinaryOp::Add, Int(a), Int(b)) => a.checked_add(b).map(Int),
        (BinaryOp::Sub, Int(a), Int(b)) => a.checked_sub(b).map(Int),
        (BinaryOp::Mul, Int(a), Int(b)) => a.checked_mul(b).map(Int),
        (BinaryOp::Add, Money(a), Money(b)) => a.checked_add(b).map(Money),
        (BinaryOp::Sub, Money(a), Money(b)) => a.checked_sub(b).map(Money),
        (BinaryOp::Add, Percent(a), Percent(b)) => a.checked_add(b).map(Percent),
        (BinaryOp::Sub, Percent(a), Percent(b)) => a.checked_sub(b).map(Percent),
        (BinaryOp::Mul, Money(m), Percent(p)) | (BinaryOp::Mul, Percent(p), Money(m)) => m
            .checked_mul(p)
            .and_then(|x| x.checked_div(hundred))
            .map(Money),
        (BinaryOp::Div, Money(a), Money(b)) => a.checked_div(b).map(Dec),
        (BinaryOp::Add | BinaryOp::Sub, Date(d), Value::Dur(dur)) => {
            return date_shift(op, d, dur).ok_or(FaultKind::OffCalendar);
        }
        (BinaryOp::Sub, Date(a), Date(b)) if b <= a => {
            Some(Value::Dur(Dur::Span { from: b, until: a }))
        }
        (BinaryOp::Sub, Date(_), Date(_)) => Some(Value::Absent),
        (BinaryOp::Add, Value::Dur(a), Value::Dur(b)) => dur_add(a, b, reference).map(Value::Dur),
        (op, a, b) => match (dec(a), dec(b), a, b) {
            (Some(x), Some(y), _, _) => match op {
                BinaryOp::Add => x.checked_add(y).map(Dec),
                BinaryOp::Sub => x.checked_sub(y).map(Dec),
                BinaryOp::Mul => x.checked_mul(y).map(Dec),
                BinaryOp::Div => x.checked_div(y).map(Dec),
                _ => None,
            },
            (_, Some(y), Money(m), _) => match op {
                BinaryOp::Mul => m.checked_mul(y).map(Money),
                BinaryOp::Div => m.checked_div(y).map(Money),
                _ => None,
            },
            (Some(x), _, _, Money(m)) if op == BinaryOp::Mul => m.checked_mul(x).map(Money),
            (_, Some(y), Percent(p), _) => match op {
                BinaryOp::Mul => p.checked_mul(y).map(Percent),
                BinaryOp::Div => p.checked_div(y).map(Percent),
                _ => None,
            },
            (Some(x), _, _, Percent(p)) if op == BinaryOp::Mul => p.checked_mul(x).map(Percent),
            _ => None,
        },
    };
    out.ok_or(FaultKind::Overflow)
}

/// A date moved by a duration on the calendar: `date + 1 month` is the same
/// day a month on; `date - 6 years` is the first day of the six years that
/// end the day before `date`. A measured span moves by the months and days
/// it covers.
fn date_shift<'a>(op: BinaryOp, date: chrono::NaiveDate, dur: Dur) -> Option<Value<'a>> {
    let c = dur.as_calendar();
    match op {
        BinaryOp::Add => super::calendar::add(date, c).map(Value::Date),
        BinaryOp::Sub => super::calendar::sub(date, c).map(Value::Date),
        _ => None,
    }
}

fn dur_add(a: Dur, b: Dur, reference: chrono::NaiveDate) -> Option<Dur> {
    match (a, b) {
        (
            Dur::Calendar {
                months: m1,
                days: d1,
            },
            Dur::Calendar {
                months: m2,
                days: d2,
            },
        ) => Some(Dur::Calendar {
            months: m1.checked_add(m2)?,
            days: d1.checked_add(d2)?,
        }),
        _ => Some(Dur::Calendar {
            months: 0,
            days: a.days_at(reference).checked_add(b.days_at(reference))?,
        }),
    }
}
