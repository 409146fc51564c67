//! Compiling a checked rule set for one reference date (peildatum):
//! parameters fixed to the value in force, built-in calls with constant
//! arguments resolved to per-applicant slots, expressions flattened into an
//! arena. Compile once, evaluate many times.

mod bits;
mod error;
mod program;
mod stage;

pub use bits::{BitCode, BitIx, BitPlan, Masks, Root};
pub use error::CompileError;
pub use program::{
    CallSpec, DerivedCode, ExemptionCode, GateCode, KeyCode, Node, NodeId, Packing, ParamInForce,
    Piece, Program, QuotaCode, Side, StagedPart, Staging, Walked,
};

use chrono::NaiveDate;

use crate::check::CheckedRuleSet;
use crate::check::ir::{
    Constant, Derived, ExemptionTest, OrderKeyTest, ParamDecl, TExpr, TExprKind, TemplatePiece,
};
use crate::check::schema::{Fact, Func};
use crate::check::types::{Record, Type};
use crate::eval::value::{Dur, Value};
use crate::source::SourceMap;
use crate::syntax::ast::LogicalOp;

/// The slot of a fact on its side: its position among the facts of that
/// side. Read from a table built once, since facts are staged for every
/// applicant on every date an allocation run decides on.
pub fn fact_slot(fact: Fact) -> (Side, u8) {
    fact_slots()
        .get(fact as usize)
        .map_or((Side::Application, u8::MAX), |&(_, side, slot)| {
            (side, slot)
        })
}

/// Every fact with its side and slot, in schema order.
pub fn fact_slots() -> &'static [(Fact, Side, u8)] {
    static SLOTS: std::sync::OnceLock<Vec<(Fact, Side, u8)>> = std::sync::OnceLock::new();
    SLOTS.get_or_init(|| {
        let mut next = [0u8; 3];
        Fact::ALL
            .iter()
            .map(|&fact| {
                let side = side_of(fact.record());
                let slot = next.get_mut(side as usize).map_or(u8::MAX, |counter| {
                    let slot = *counter;
                    *counter = counter.saturating_add(1);
                    slot
                });
                (fact, side, slot)
            })
            .collect()
    })
}

/// How many facts each side has.
pub fn slot_count(side: Side) -> usize {
    fact_slots().iter().filter(|(_, s, _)| *s == side).count()
}

/// Which value of each parameter is in force on `date`, or `None` when the
/// rule set cannot be compiled for it. Two dates with the same periods
/// compile to the same program but for the reference date itself, so an
/// allocation run compiles once per period, not once per day.
pub fn periods_in_force(rules: &CheckedRuleSet, date: NaiveDate) -> Option<Vec<usize>> {
    if let Some((from, until)) = rules.in_force {
        if date < from || date > until {
            return None;
        }
    }
    rules
        .params
        .iter()
        .map(|p| p.values.iter().rposition(|v| v.from <= date))
        .collect()
}

fn side_of(record: Record) -> Side {
    match record {
        Record::Applicant | Record::Urgency | Record::Work | Record::Household => Side::Applicant,
        Record::Unit | Record::Complex | Record::Buurt => Side::Unit,
        Record::Application => Side::Application,
    }
}

/// Compiles `rules` for the reference date `date`, with the applicant's
/// parts staged as `staging` says.
pub fn compile<'r>(
    rules: &'r CheckedRuleSet,
    sources: &SourceMap,
    date: NaiveDate,
    staging: Staging,
) -> Result<Program<'r>, CompileError> {
    if let Some((from, until)) = rules.in_force {
        if date < from || date > until {
            return Err(CompileError::NotInForce {
                ruleset: rules.name.clone(),
                date,
                from,
                until,
            });
        }
    }
    let params = rules
        .params
        .iter()
        .map(|p| param_in_force(p, date))
        .collect::<Result<Vec<_>, _>>()?;
    let regions = rules
        .regions
        .iter()
        .map(|r| r.members.iter().map(String::as_str).collect())
        .collect();
    let mut c = Compiler {
        sources,
        program: Program {
            rules,
            date,
            nodes: Vec::new(),
            fast: Vec::new(),
            types: Vec::new(),
            texts: Vec::new(),
            spans: Vec::new(),
            lists: Vec::new(),
            params,
            calls: Vec::new(),
            gates: Vec::new(),
            priorities: Vec::new(),
            priority_order: Vec::new(),
            tailored: Vec::new(),
            points: Vec::new(),
            classes: Vec::new(),
            derived: Vec::new(),
            order: Vec::new(),
            quotas: Vec::new(),
            staging,
            walked: Walked::default(),
            applicant_staged: Vec::new(),
            turning: Vec::new(),
            unit_staged: Vec::new(),
            staged_points: Vec::new(),
            regions,
            facts_read: Vec::new(),
            applicant_facts: Vec::new(),
            bits: BitPlan::default(),
        },
    };
    for gate in &rules.gates {
        let code = GateCode {
            applies: gate.applies.as_ref().map(|e| c.expr(e)),
            require: c.expr(&gate.require),
            exemptions: gate
                .exemptions
                .iter()
                .map(|e| match &e.kind {
                    ExemptionTest::When(x) => ExemptionCode::When(c.expr(x)),
                    ExemptionTest::Override(k) => ExemptionCode::Override(*k),
                })
                .collect(),
            message: c.template(gate.message.as_deref()),
            letter: c.template(gate.letter.as_deref()),
        };
        c.program.gates.push(code);
    }
    for p in &rules.priorities {
        let when = c.expr(&p.when);
        c.program.priorities.push((p.rank, when));
    }
    let mut order: Vec<(i64, u16)> = (rules.priorities.iter().enumerate())
        .filter_map(|(i, p)| Some((p.rank, u16::try_from(i).ok()?)))
        .collect();
    // A stable sort: groups of equal rank keep their written order.
    order.sort_by_key(|&(rank, _)| rank);
    c.program.priority_order = order.into_iter().map(|(_, i)| i).collect();
    for t in &rules.tailored {
        let when = c.expr(&t.when);
        c.program.tailored.push(when);
    }
    for p in &rules.points {
        let lines = p
            .contributions
            .iter()
            .map(|(amount, e)| (*amount, c.expr(e)))
            .collect();
        c.program.points.push(lines);
    }
    for class in &rules.classifications {
        let labels = class
            .labels
            .iter()
            .map(|(_, e)| e.as_ref().map(|e| c.expr(e)))
            .collect();
        c.program.classes.push(labels);
    }
    c.program.derived = rules
        .derived_order
        .iter()
        .filter_map(|d| match d {
            Derived::Points(i) => u16::try_from(*i).ok().map(DerivedCode::Points),
            Derived::Classify(i) => u16::try_from(*i).ok().map(DerivedCode::Classify),
            Derived::Priority => Some(DerivedCode::Priority),
        })
        .collect();
    if let Some(order) = &rules.order {
        for key in &order.keys {
            let code = match &key.kind {
                OrderKeyTest::Priority => KeyCode::Priority,
                OrderKeyTest::Lottery => KeyCode::Lottery,
                OrderKeyTest::Expr(e) => KeyCode::Expr(c.expr(e)),
            };
            c.program.order.push((code, key.direction));
        }
    }
    for quota in &rules.quotas {
        let code = QuotaCode {
            applies: quota.applies.as_ref().map(|e| c.expr(e)),
            among: quota.among.as_ref().map(|e| c.expr(e)),
            with: c.expr(&quota.with),
            share: match c.constant_of(&quota.share) {
                Value::Percent(p) => p,
                _ => rust_decimal::Decimal::ZERO,
            },
            rolling: quota.rolling.as_ref().and_then(|w| match c.constant_of(w) {
                Value::Dur(d) => Some(d.as_calendar()),
                _ => None,
            }),
        };
        c.program.quotas.push(code);
    }
    let mut program = c.program;
    stage::stage(&mut program);
    let mut read = vec![false; Fact::ALL.len()];
    for node in &program.nodes {
        if let Node::Fact(fact, _, _) = node {
            if let Some(cell) = read.get_mut(*fact as usize) {
                *cell = true;
            }
        }
    }
    program.facts_read = read;
    number_applicant_slots(&mut program);
    program.walked = stage::walked(&program);
    program.bits = bits::lower(&program);
    Ok(program)
}

/// Numbers the applicant facts `program` reads 0, 1, … in schema order and
/// points its fact nodes at those slots ([`Program::applicant_facts`]):
/// an applicant's facts then hold the facts read and nothing else, which
/// is what a candidate out of cache costs to read.
fn number_applicant_slots(program: &mut Program<'_>) {
    let mut dense = vec![u8::MAX; slot_count(Side::Applicant)];
    let mut facts = Vec::new();
    for &(fact, side, slot) in fact_slots() {
        if side == Side::Applicant && program.reads(fact) {
            let number = u8::try_from(facts.len()).unwrap_or(u8::MAX);
            if let Some(cell) = dense.get_mut(usize::from(slot)) {
                *cell = number;
            }
            facts.push((fact, number));
        }
    }
    for node in program.nodes.iter_mut().chain(program.fast.iter_mut()) {
        if let Node::Fact(_, Side::Applicant, slot) = node {
            *slot = dense.get(usize::from(*slot)).copied().unwrap_or(u8::MAX);
        }
    }
    program.applicant_facts = facts;
}

/// The value of a parameter in force on `date`, with its period.
fn param_in_force(p: &ParamDecl, date: NaiveDate) -> Result<ParamInForce, CompileError> {
    let position = p.values.iter().rposition(|v| v.from <= date);
    let in_force = position.and_then(|i| p.values.get(i..));
    let Some((chosen, later)) = in_force.and_then(<[_]>::split_first) else {
        return Err(CompileError::NoValueInForce {
            param: p.meta.id.clone(),
            date,
            first: p.values.first().map(|v| v.from),
            span: p.meta.name_span,
        });
    };
    let until = later.first().and_then(|next| next.from.pred_opt());
    let (value, text) = constant_value(&chosen.value);
    Ok(ParamInForce {
        value,
        text,
        from: chosen.from,
        until,
    })
}

/// A constant expression's value (the checker guarantees it is one).
fn constant_value(e: &TExpr) -> (Value<'static>, Option<Box<str>>) {
    match &e.kind {
        TExprKind::Const(c) => constant(c),
        TExprKind::Set(items) => (Value::Set(set_bits(items)), None),
        _ => (Value::Absent, None),
    }
}

fn constant(c: &Constant) -> (Value<'static>, Option<Box<str>>) {
    let value = match c {
        Constant::Bool(b) => Value::Bool(*b),
        Constant::Integer(n) => Value::Int(*n),
        Constant::Decimal(d) => Value::Dec(*d),
        Constant::Money(d) => Value::Money(*d),
        Constant::Percent(d) => Value::Percent(*d),
        Constant::Duration(d) => Value::Dur(Dur::from_literal(*d)),
        Constant::Date(d) => Value::Date(*d),
        Constant::Enum(_, i) => Value::Enum(*i),
        Constant::Text(t) => return (Value::Absent, Some(t.as_str().into())),
    };
    (value, None)
}

fn set_bits(items: &[TExpr]) -> u64 {
    items.iter().fold(0u64, |bits, item| match item.kind {
        TExprKind::Const(Constant::Enum(_, i)) if i < 64 => bits | (1u64 << i),
        _ => bits,
    })
}

struct Compiler<'s, 'r> {
    sources: &'s SourceMap,
    program: Program<'r>,
}

impl Compiler<'_, '_> {
    /// The value of a constant or a parameter in force.
    fn constant_of(&self, e: &TExpr) -> Value<'static> {
        match &e.kind {
            TExprKind::Param(i) => self
                .program
                .params
                .get(*i)
                .map_or(Value::Absent, |p| p.value),
            _ => constant_value(e).0,
        }
    }

    fn push(&mut self, node: Node, e: &TExpr) -> NodeId {
        let id = NodeId(u32::try_from(self.program.nodes.len()).unwrap_or(u32::MAX));
        self.program.nodes.push(node);
        self.program.types.push(e.ty);
        let text = self
            .sources
            .get(e.span.file)
            .map_or("", |f| f.slice(e.span));
        self.program.texts.push(collapse_whitespace(text).into());
        self.program.spans.push(e.span);
        id
    }

    /// A `message` or `letter` template: its text, and a node per hole.
    fn template(&mut self, pieces: Option<&[TemplatePiece]>) -> Vec<Piece> {
        pieces
            .unwrap_or_default()
            .iter()
            .map(|piece| match piece {
                TemplatePiece::Text(t) => Piece::Text(t.as_str().into()),
                TemplatePiece::Hole(e) => Piece::Hole(self.expr(e)),
            })
            .collect()
    }

    fn expr(&mut self, e: &TExpr) -> NodeId {
        let node = match &e.kind {
            TExprKind::Const(Constant::Text(t)) => Node::Text(t.as_str().into()),
            TExprKind::Const(c) => Node::Const(constant(c).0),
            TExprKind::Set(items) => Node::Const(Value::Set(set_bits(items))),
            TExprKind::Param(i) => Node::Param(u16::try_from(*i).unwrap_or(u16::MAX)),
            TExprKind::Region(i) => Node::Region(u16::try_from(*i).unwrap_or(u16::MAX)),
            TExprKind::Fact(f) => {
                let (side, slot) = fact_slot(*f);
                Node::Fact(*f, side, slot)
            }
            TExprKind::ReferenceDate => Node::ReferenceDate,
            TExprKind::Call(Func::YearsBetween, args) => {
                let a = args.first().map(|a| self.expr(a));
                let b = args.get(1).map(|b| self.expr(b));
                match (a, b) {
                    (Some(a), Some(b)) => Node::YearsBetween(a, b),
                    _ => Node::Const(Value::Absent),
                }
            }
            TExprKind::Call(func, args) if func.reads_application() => {
                Node::DatedCall(self.call(*func, args))
            }
            TExprKind::Call(func, args) => Node::Call(self.call(*func, args)),
            TExprKind::Points(i) => Node::Points(u16::try_from(*i).unwrap_or(u16::MAX)),
            TExprKind::Classification(i) => Node::Label(u16::try_from(*i).unwrap_or(u16::MAX)),
            TExprKind::PriorityGroup => Node::PriorityGroup,
            TExprKind::Designated(k) => Node::Designated(*k),
            TExprKind::Defined(i, body) => {
                Node::Named(u16::try_from(*i).unwrap_or(u16::MAX), self.expr(body))
            }
            TExprKind::Not(x) => Node::Not(self.expr(x)),
            TExprKind::Neg(x) => Node::Neg(self.expr(x)),
            TExprKind::Binary(op, l, r) => {
                let l = self.expr(l);
                let r = self.expr(r);
                Node::Binary(*op, l, r)
            }
            TExprKind::Logical(op, items) => {
                let ids: Vec<NodeId> = items.iter().map(|x| self.expr(x)).collect();
                let start = u32::try_from(self.program.lists.len()).unwrap_or(u32::MAX);
                let len = u32::try_from(ids.len()).unwrap_or(0);
                self.program.lists.extend(ids);
                match op {
                    LogicalOp::And => Node::All(start, len),
                    LogicalOp::Or => Node::Any(start, len),
                }
            }
        };
        self.push(node, e)
    }

    /// Fixes a call's constant arguments and gives it a slot; equal calls share one.
    fn call(&mut self, func: Func, args: &[TExpr]) -> u16 {
        let mut spec = CallSpec {
            func,
            region: None,
            duration: None,
            sources: 0,
            params: Vec::new(),
        };
        for arg in args {
            if let TExprKind::Param(i) = &arg.kind {
                spec.params.extend(u16::try_from(*i).ok());
            }
            let value = match &arg.kind {
                TExprKind::Param(i) => self.program.params.get(*i).map(|p| p.value),
                TExprKind::Region(i) => u16::try_from(*i).ok().map(Value::Region),
                _ => Some(constant_value(arg).0),
            };
            match (arg.ty, value) {
                (Type::Region, Some(Value::Region(r))) => spec.region = Some(r),
                (Type::Duration, Some(Value::Dur(d))) => spec.duration = Some(d),
                (_, Some(Value::Enum(i))) if i < 64 => spec.sources |= 1 << i,
                (_, Some(Value::Set(bits))) => spec.sources |= bits,
                _ => {}
            }
        }
        let slot = match self.program.calls.iter().position(|c| *c == spec) {
            Some(i) => i,
            None => {
                let i = self.program.calls.len();
                self.program.calls.push(spec);
                i
            }
        };
        u16::try_from(slot).unwrap_or(u16::MAX)
    }
}

/// Rule text as one line, for traces (`a\n   or b` → `a or b`).
fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The applicant facts the Heerlen rules read are numbered 0, 1, … in
    /// schema order, fewer than the schema has, and every node that reads
    /// one (on either path) points at its fact's slot.
    #[test]
    fn applicant_fact_nodes_point_at_their_dense_slot() {
        let report = crate::run::check_paths(&[std::path::PathBuf::from("rules")]);
        let date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let program = compile(&report.rule_sets[0], &report.sources, date, Staging::Day).unwrap();
        let facts = &program.applicant_facts;
        assert!(!facts.is_empty() && facts.len() < slot_count(Side::Applicant));
        for (i, (fact, slot)) in facts.iter().enumerate() {
            assert_eq!(usize::from(*slot), i);
            assert!(program.reads(*fact));
        }
        let schema: Vec<Fact> = facts.iter().map(|(f, _)| *f).collect();
        let mut sorted = schema.clone();
        sorted.sort_by_key(|f| *f as usize);
        assert_eq!(schema, sorted);
        let mut seen = 0;
        for node in program.nodes.iter().chain(&program.fast) {
            if let Node::Fact(fact, Side::Applicant, slot) = node {
                assert_eq!(facts.get(usize::from(*slot)).map(|(f, _)| f), Some(fact));
                seen += 1;
            }
        }
        assert!(seen > 0);
    }

    /// A points total whose lines read only the applicant, or another such
    /// total, gets a place among the applicant's first values; one that
    /// reads the unit gets none. What reads such a total alone (a priority
    /// over a threshold) is then an applicant condition, lowered to a mask.
    #[test]
    fn applicant_only_points_totals_are_staged() {
        let report =
            crate::run::check_paths(&[std::path::PathBuf::from("fixtures/bits/bits.rules")]);
        let date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let program = compile(&report.rule_sets[0], &report.sources, date, Staging::Day).unwrap();
        let index = |id: &str| {
            let rules = &program.rules.points;
            rules.iter().position(|r| r.meta.id == id).unwrap()
        };
        let staged = |id: &str| program.staged_points[index(id)];
        assert_eq!(staged("mixed"), None);
        assert_eq!(staged("own"), Some(Packing::Value(0)));
        assert_eq!(staged("built"), Some(Packing::Value(1)));
        let own_points = program
            .rules
            .priorities
            .iter()
            .position(|r| r.meta.id == "own_points")
            .unwrap();
        let (_, when) = program.priorities[own_points];
        assert!(matches!(
            program.bits.root(when),
            Some(super::Root::All(m)) if m.unit == 0 && m.applicant.count_ones() == 1
        ));
        // The Heerlen totals read only the applicant.
        let report = crate::run::check_paths(&[std::path::PathBuf::from("rules/heerlen")]);
        let heerlen = compile(&report.rule_sets[0], &report.sources, date, Staging::Day).unwrap();
        assert!(!heerlen.staged_points.is_empty());
        assert!(heerlen.staged_points.iter().all(Option::is_some));
    }

    /// Staged for the stretch an applicant's facts hold over, no part of
    /// the applicant's reads the reference date or has a duration's type
    /// anywhere in it (what moves with the date), while parts that do not
    /// (incomes, household sizes, registrations) are still staged, and so
    /// is a points total that reads no duration; what a decision still
    /// reads of the applicant's facts is what moves.
    #[test]
    fn a_named_condition_used_in_many_places_is_staged_once() {
        let report = crate::run::check_paths(&[std::path::PathBuf::from("rules/heerlen")]);
        let date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let rules = &report.rule_sets[0];
        // Staged for the day the whole condition is the applicant's; for
        // the stretch, its comparisons that do not move with the date are.
        let parts = [
            (Staging::Day, "bound_to_parkstad"),
            (
                Staging::Held,
                "applicant.residence_in(parkstad) >= social_binding_years",
            ),
        ];
        for (staging, comparison) in parts {
            let program = compile(rules, &report.sources, date, staging).unwrap();
            let text = |id: NodeId| program.texts.get(id.0 as usize).map(|t| t.as_ref());
            let comparison = Some(comparison);
            let written = (0..program.nodes.len())
                .filter(|&i| text(NodeId(u32::try_from(i).unwrap())) == comparison)
                .count();
            let staged = (program.applicant_staged.iter())
                .filter(|part| text(part.node) == comparison)
                .count();
            // `bound_to_parkstad` is read by four priority groups.
            assert!(written >= 4, "{staging:?}: written {written} times");
            assert!(staged <= 1, "{staging:?}: staged {staged} times");
            // Every copy staged on its own reads the one part (a copy
            // inside a larger part is staged with that part).
            let reads: Vec<&Node> = (0..program.nodes.len())
                .map(|i| NodeId(u32::try_from(i).unwrap()))
                .filter(|&id| text(id) == comparison)
                .map(|id| program.fast_node(id))
                .filter(|node| matches!(node, Node::Staged(..)))
                .collect();
            assert!(reads.len() >= 4, "{staging:?}: {reads:?}");
            assert!(
                reads.windows(2).all(|w| w[0] == w[1]),
                "{staging:?}: {reads:?}"
            );
        }
    }

    #[test]
    fn parts_staged_for_the_stretch_read_nothing_that_moves_with_the_date() {
        let report = crate::run::check_paths(&[std::path::PathBuf::from("rules/heerlen")]);
        let date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let rules = &report.rule_sets[0];
        let day = compile(rules, &report.sources, date, Staging::Day).unwrap();
        let held = compile(rules, &report.sources, date, Staging::Held).unwrap();
        assert_eq!(day.nodes, held.nodes);
        // A comparison of an age or a residence up to the date with a
        // parameter is staged, cutting the stretch on the day it turns.
        let operands = |program: &Program<'_>, id: NodeId| match *program.node(id) {
            Node::Binary(_, a, b) => Some((program.node(a).clone(), program.node(b).clone())),
            _ => None,
        };
        let turns = |program: &Program<'_>, id: NodeId| {
            let compared = operands(program, id);
            compared.is_some()
                && program
                    .turning
                    .iter()
                    .any(|t| operands(program, *t) == compared)
        };
        fn moves(
            program: &Program<'_>,
            id: NodeId,
            turns: &dyn Fn(&Program<'_>, NodeId) -> bool,
        ) -> bool {
            let node = program.node(id);
            let own = matches!(node, Node::ReferenceDate)
                || program.types.get(id.0 as usize) == Some(&Type::Duration);
            !turns(program, id)
                && (own
                    || (stage::children(program, node).into_iter())
                        .any(|c| moves(program, c, turns)))
        }
        let moving = |p: &Program<'_>| {
            (p.applicant_staged.iter())
                .filter(|part| moves(p, part.node, &turns))
                .count()
        };
        assert!(moving(&day) > 0, "the rules stage moving parts for the day");
        assert_eq!(moving(&held), 0);
        // Ages, work and residence up to the date against the parameters
        // (the AOW age, a year of work, six years of residence, 18 years).
        assert_eq!(held.turning.len(), 4);
        assert!(day.turning.is_empty());
        for &t in &held.turning {
            let Node::Binary(_, a, b) = *held.node(t) else {
                panic!("{t:?} turns but compares nothing");
            };
            let read = |id: NodeId| matches!(held.node(id), Node::Fact(..) | Node::Call(_));
            assert!(read(a) || read(b), "{t:?} reads no fact");
        }
        assert!(!held.applicant_staged.is_empty());
        assert_ne!(held.applicant_staged, day.applicant_staged);
        let staged = |p: &Program<'_>| p.staged_points.iter().filter(|s| s.is_some()).count();
        assert!(staged(&held) > 0);
        // A decision still reads the facts that move (and text, which is
        // never staged), and no other.
        assert!(!held.walked.slots.is_empty());
        assert!(held.walked.slots.len() < held.applicant_facts.len());
        for (node, ty) in held.nodes.iter().zip(&held.types) {
            if let Node::Fact(fact, Side::Applicant, slot) = node {
                let walked = held.walked.slots.contains(slot);
                let moves = matches!(ty, Type::Duration | Type::Text);
                assert!(!walked || moves, "{fact:?} is walked");
            }
        }
        assert!(day.walked.slots.len() < held.walked.slots.len());
    }
}
