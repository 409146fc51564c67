//! The compiled program: every expression of the rule set in one flat arena
//! of nodes addressed by [`NodeId`], with parameters fixed to the value in
//! force on the reference date.

use chrono::NaiveDate;

use crate::check::CheckedRuleSet;
use crate::check::ir::KindIx;
use crate::check::schema::{Fact, Func};
use crate::check::types::Type;
use crate::eval::value::{Dur, Value};
use crate::syntax::ast::{BinaryOp, Direction};
use crate::vocab::OverrideKind;

/// The index of a node in [`Program::nodes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct NodeId(pub u32);

/// Which side of a decision a fact belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// The applicant's file (applicant, urgency, work, household).
    Applicant,
    /// The unit (unit, complex, buurt).
    Unit,
    /// The application of this applicant for this unit: one per pair.
    Application,
}

/// One node of the expression arena.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A constant that is not text.
    Const(Value<'static>),
    /// A text constant.
    Text(Box<str>),
    /// A parameter (its value in force is in [`Program::params`]).
    Param(u16),
    /// A fact, by its slot on its side.
    Fact(Fact, Side, u8),
    /// A built-in call with constant arguments, computed once per applicant.
    Call(u16),
    /// A built-in call that counts up to the application (its slot among
    /// [`Program::calls`]): computed once per applicant for an application
    /// on the reference date, and again for a pair whose application was
    /// made on another day.
    DatedCall(u16),
    /// `years_between(a, b)`.
    YearsBetween(NodeId, NodeId),
    /// The reference date.
    ReferenceDate,
    /// A points rule's total.
    Points(u16),
    /// A classification's label.
    Label(u16),
    /// The priority group.
    PriorityGroup,
    /// A designation of the unit's complex on the reference date.
    Designated(KindIx),
    /// `not`.
    Not(NodeId),
    /// Unary minus.
    Neg(NodeId),
    /// A binary operator.
    Binary(BinaryOp, NodeId, NodeId),
    /// `and` over `lists[start..start + len]`.
    All(u32, u32),
    /// `or` over `lists[start..start + len]`.
    Any(u32, u32),
    /// A region.
    Region(u16),
    /// A named condition (its index among the rule set's) around its body:
    /// evaluates as the body, and the trace shows it as one step.
    Named(u16, NodeId),
    /// A part computed once per applicant or unit (only in [`Program::fast`]):
    /// its slot on its side and where its value is packed.
    Staged(Side, u16, Packing),
}

/// Where a staged part's value is kept in its side's packed record, so a
/// decision reads a condition as a bit and nothing else of the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Packing {
    /// A condition, by its bit: true, false or absent (neither bit set).
    Bit(u8),
    /// Any other value, by its index among the side's values.
    Value(u16),
}

/// For how long an applicant's staged parts serve: what decides which
/// parts may be staged on the applicant's side.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Staging {
    /// The reference date only: every part that reads only the applicant
    /// is staged (`eval`, `bench`, a unit's ranking on one day).
    #[default]
    Day,
    /// Every day the applicant's facts hold over
    /// ([`crate::eval::Held`]): an allocation run decides a candidate on
    /// about one vacancy a day, so parts staged for one day are paid for
    /// and read once, but staged for the stretch they serve every day of
    /// it. Only what keeps its value over the stretch is staged on the
    /// applicant's side: no part that reads the reference date or
    /// measures a duration (an age, a registration time or a residence
    /// up to the date moves with it); those are walked on every decision.
    Held,
}

/// The applicant's facts and calls a decision with staged parts reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Walked {
    /// Fact slots, ascending.
    pub slots: Vec<u8>,
    /// Call slots, ascending.
    pub calls: Vec<u16>,
}

/// A part of the rules computed once per applicant or unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StagedPart {
    /// The part as written, evaluated when the side's facts are computed.
    pub node: NodeId,
    /// Where its value is kept.
    pub packing: Packing,
}

/// A parameter's value in force on the reference date.
#[derive(Debug, Clone, PartialEq)]
pub struct ParamInForce {
    /// The value (text is kept in [`ParamInForce::text`]).
    pub value: Value<'static>,
    /// The text of a text parameter.
    pub text: Option<Box<str>>,
    /// First day of the period the value came from.
    pub from: NaiveDate,
    /// Last day of that period, when a later value follows.
    pub until: Option<NaiveDate>,
}

/// A built-in call with its arguments fixed, computed once per applicant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSpec {
    /// The function.
    pub func: Func,
    /// The region argument, if it takes one.
    pub region: Option<u16>,
    /// The duration argument, if it takes one.
    pub duration: Option<Dur>,
    /// The income sources argument, one bit per source.
    pub sources: u64,
    /// The parameters among the arguments, so a trace can show their values.
    pub params: Vec<u16>,
}

/// A gate, compiled.
#[derive(Debug, Clone, PartialEq)]
pub struct GateCode {
    /// `applies when`.
    pub applies: Option<NodeId>,
    /// `require`.
    pub require: NodeId,
    /// Exemptions in order.
    pub exemptions: Vec<ExemptionCode>,
    /// The message template.
    pub message: Vec<Piece>,
    /// The letter template: the reason in the applicant's decision letter.
    pub letter: Vec<Piece>,
}

/// An exemption, compiled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum ExemptionCode {
    /// A condition.
    When(NodeId),
    /// A recorded discretionary decision of this kind for the gate.
    Override(OverrideKind),
}

/// A piece of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Piece {
    /// Literal text.
    Text(Box<str>),
    /// A value to render.
    Hole(NodeId),
}

/// An order key, compiled.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum KeyCode {
    /// The priority rank.
    Priority,
    /// The seeded draw.
    Lottery,
    /// An expression.
    Expr(NodeId),
}

/// A quota, compiled: its conditions as nodes, its share and window fixed
/// for the reference date.
#[derive(Debug, Clone)]
pub struct QuotaCode {
    /// Which vacancies it guards.
    pub applies: Option<NodeId>,
    /// The allocations counted as the whole.
    pub among: Option<NodeId>,
    /// The allocations counted against the share.
    pub with: NodeId,
    /// The share in percent, in force on the reference date.
    pub share: rust_decimal::Decimal,
    /// The rolling window's length; `None` for the calendar year.
    pub rolling: Option<crate::syntax::ast::Duration>,
}

/// A points or classify rule, or the priority group, in evaluation order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DerivedCode {
    /// Points rule by index.
    Points(u16),
    /// Classify rule by index.
    Classify(u16),
    /// The priority group.
    Priority,
}

/// A checked rule set compiled for one reference date.
#[derive(Debug, Clone)]
pub struct Program<'r> {
    /// The rule set, for titles, sources and ids.
    pub rules: &'r CheckedRuleSet,
    /// The reference date (peildatum).
    pub date: NaiveDate,
    /// The expression arena.
    pub nodes: Vec<Node>,
    /// The arena the fast path walks: [`Program::nodes`] with every staged
    /// part replaced by a read of its slot.
    pub fast: Vec<Node>,
    /// Each node's type.
    pub types: Vec<Type>,
    /// Each node's text as written in the rule file, for traces.
    pub texts: Vec<Box<str>>,
    /// Each node's place in the rule file, for errors found while deciding.
    pub spans: Vec<crate::source::Span>,
    /// Operand lists of `and` / `or` nodes.
    pub lists: Vec<NodeId>,
    /// Every parameter's value in force.
    pub params: Vec<ParamInForce>,
    /// Built-in calls computed once per applicant.
    pub calls: Vec<CallSpec>,
    /// Gates in rule-set order.
    pub gates: Vec<GateCode>,
    /// Priority groups by index: (rank, membership).
    pub priorities: Vec<(i64, NodeId)>,
    /// Priority group indices from the lowest rank up.
    pub priority_order: Vec<u16>,
    /// Tailored allocation grounds by index: when each holds for a pair.
    pub tailored: Vec<NodeId>,
    /// Points rules: (amount, condition) lines.
    pub points: Vec<Vec<(i64, NodeId)>>,
    /// Classifications: label conditions (`None` is `otherwise`).
    pub classes: Vec<Vec<Option<NodeId>>>,
    /// Points, classifications and the priority group in dependency order.
    pub derived: Vec<DerivedCode>,
    /// Order keys with their direction.
    pub order: Vec<(KeyCode, Direction)>,
    /// Quotas in rule-set order.
    pub quotas: Vec<QuotaCode>,
    /// For how long the applicant's staged parts serve.
    pub staging: Staging,
    /// The applicant's fact slots and call slots that a decision on the
    /// fast path still reads, outside the staged parts: what a candidate's
    /// facts out of cache are swept for before a decision.
    pub walked: Walked,
    /// The parts computed once per applicant, by slot.
    pub applicant_staged: Vec<StagedPart>,
    /// The comparisons of a duration that moves with the reference date
    /// (an age, a residence up to the date) with a fixed one (a parameter)
    /// that are staged for the stretch ([`Staging::Held`]): each turns on
    /// one day of the applicant's, which the stretch their staged parts
    /// hold over ends before (see `eval::held::Held::turn`).
    pub turning: Vec<NodeId>,
    /// The parts computed once per unit, by slot.
    pub unit_staged: Vec<StagedPart>,
    /// Per points rule, where an applicant's packed record keeps its total
    /// when every line reads only the applicant (or nothing): such a total
    /// is the same for every unit, so it is computed once per applicant,
    /// and what reads it (a priority group over a points threshold) is
    /// staged with it. `None` for a total that reads the unit too.
    pub staged_points: Vec<Option<Packing>>,
    /// Regions as sorted municipality names.
    pub regions: Vec<Vec<&'r str>>,
    /// Whether any node reads each fact, by its position in `Fact::ALL`:
    /// the facts no rule reads are never computed for an applicant.
    pub facts_read: Vec<bool>,
    /// The applicant facts some node reads, in schema order, each with its
    /// slot in an applicant's facts: numbered densely (0, 1, …) rather than
    /// by the schema, so an applicant's facts hold only what the rules
    /// read, in as few cache lines as they can.
    pub applicant_facts: Vec<(Fact, u8)>,
    /// The conditions a decision tests, lowered onto the staged bits for
    /// the untraced path.
    pub bits: super::BitPlan,
}

impl Program<'_> {
    /// Whether any node of the program reads `fact`.
    pub fn reads(&self, fact: Fact) -> bool {
        self.facts_read.get(fact as usize).copied().unwrap_or(true)
    }
}

/// The node behind `id` in one of a program's arenas.
// Invariant: a `NodeId` is made only by the compiler, from the length of
// `nodes` as it pushes that node, and `fast` is a copy of `nodes` with some
// nodes replaced; nothing removes from either. A fallback node would turn a
// compiler bug into a silently wrong decision, so there is none.
#[allow(clippy::indexing_slicing)]
fn arena_node(arena: &[Node], id: NodeId) -> &Node {
    &arena[id.0 as usize]
}

impl Program<'_> {
    /// The node behind an id.
    pub fn node(&self, id: NodeId) -> &Node {
        arena_node(&self.nodes, id)
    }

    /// Where node `id` is written.
    pub fn span(&self, id: NodeId) -> Option<crate::source::Span> {
        self.spans.get(id.0 as usize).copied()
    }

    /// The node behind an id in the fast path's arena.
    pub fn fast_node(&self, id: NodeId) -> &Node {
        arena_node(&self.fast, id)
    }

    /// The operands of an `and` / `or` node.
    // Invariant: the compiler makes `start` and `len` from `lists` as it
    // extends it by exactly `len` ids, and nothing shrinks `lists`; both are
    // below `u32::MAX`, so their sum fits a 64-bit `usize`. An empty list
    // as a fallback would make a broken `and` hold, so there is none.
    #[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
    pub fn list(&self, start: u32, len: u32) -> &[NodeId] {
        let start = start as usize;
        &self.lists[start..start + len as usize]
    }

    /// Whether a municipality lies in a region.
    pub fn in_region(&self, region: u16, municipality: &str) -> bool {
        self.regions
            .get(usize::from(region))
            .is_some_and(|r| r.binary_search(&municipality).is_ok())
    }
}
