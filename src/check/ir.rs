//! The checked rule set: every name resolved, every expression typed.
//!
//! This is what the checker hands on. Nothing here refers to a name by
//! string except for display: facts are [`Fact`]s, parameters and rules are
//! indices, vocabulary values are indices into their vocabulary.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::schema::{Fact, Func};
use super::types::{EnumType, Type};
use crate::source::Span;
use crate::syntax::ast::{BinaryOp, Bound, Direction, Duration, LogicalOp, ScopeKind};
use crate::vocab::OverrideKind;

/// A rule set that passed the checker.
#[derive(Debug, Clone)]
pub struct CheckedRuleSet {
    /// Machine name from the `ruleset` header.
    pub name: String,
    /// Human title.
    pub(crate) title: String,
    /// Version label.
    pub version: String,
    /// The period the ordinance is in force, when the header states it.
    pub in_force: Option<(NaiveDate, NaiveDate)>,
    /// The deciding body its letters name, when the root file declares one.
    pub(crate) authority: Option<AuthorityDecl>,
    /// Temporal parameters.
    pub(crate) params: Vec<ParamDecl>,
    /// Named conditions, in file order.
    pub(crate) defines: Vec<DefineRule>,
    /// Named sets of municipalities.
    pub(crate) regions: Vec<RegionDecl>,
    /// The designation kinds rules and data may name: the Wbmgp's own
    /// first, then the rule set's declarations in file order.
    pub designation_kinds: Vec<KindDecl>,
    /// Eligibility gates, in file order.
    pub gates: Vec<GateRule>,
    /// Priority groups, in file order.
    pub priorities: Vec<PriorityRule>,
    /// Grounds for a tailored allocation outside the ranking, in file order.
    pub(crate) tailored: Vec<TailoredRule>,
    /// Points schemes, in file order.
    pub(crate) points: Vec<PointsRule>,
    /// Classifications, in file order.
    pub classifications: Vec<ClassifyRule>,
    /// Quotas, in file order.
    pub(crate) quotas: Vec<QuotaRule>,
    /// The ranking, when the rule set has one.
    pub(crate) order: Option<OrderRule>,
    /// Points, classifications and the priority group in an order in which
    /// each only reads what is computed before it (the checker rejects cycles).
    pub(crate) derived_order: Vec<Derived>,
}

/// A designation kind, by its place in [`CheckedRuleSet::designation_kinds`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct KindIx(pub u8);

impl KindIx {
    /// Wbmgp art. 8 (the income requirement): always the first kind.
    pub const WBMGP_ART8: KindIx = KindIx(0);

    /// The position in the kind table.
    pub fn index(self) -> usize {
        usize::from(self.0)
    }
}

/// A designation kind the rule set may read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindDecl {
    /// The word data and rules use.
    pub name: String,
    /// What it stands for.
    pub(crate) title: String,
    /// The act or decision behind it.
    pub(crate) source: String,
    /// One of the Wbmgp's own, which the checker knows by name.
    pub(crate) statutory: bool,
    /// The declaration (none for the Wbmgp's).
    pub(crate) span: Option<Span>,
}

impl CheckedRuleSet {
    /// The kind named `word`, if the rule set may use it.
    pub(crate) fn kind_named(&self, word: &str) -> Option<KindIx> {
        self.designation_kinds
            .iter()
            .position(|k| k.name == word)
            .and_then(|i| u8::try_from(i).ok())
            .map(KindIx)
    }

    /// The name of kind `k`.
    pub(crate) fn kind_name(&self, k: KindIx) -> &str {
        self.designation_kinds
            .get(k.index())
            .map_or("", |d| d.name.as_str())
    }
}

/// The deciding body (bestuursorgaan) of the rule set's decisions, complete:
/// the checker refuses an `authority` with a clause missing (E0322).
#[derive(Debug, Clone)]
pub struct AuthorityDecl {
    /// The body's name.
    pub name: String,
    /// What makes it the competent body.
    pub source: String,
    /// A placeholder or local choice, and why.
    pub policy: Option<String>,
    /// Where an objection is sent (Awb art. 6:4 lid 1).
    pub objections: String,
    /// The role that signs on the body's behalf.
    pub signed_by: String,
}

/// A points or classify rule by index, or the priority group.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Derived {
    /// `points` rule.
    Points(usize),
    /// `classify` rule.
    Classify(usize),
    /// The priority group (all `priority` rules together).
    Priority,
}

/// What every rule has: an id, a title, the legal source, a span.
#[derive(Debug, Clone)]
pub struct RuleMeta {
    /// Rule id.
    pub id: String,
    /// Human title (the id when none was written).
    pub(crate) title: String,
    /// Legal source.
    pub(crate) source: String,
    /// The whole rule in its file.
    pub(crate) span: Span,
    /// The rule's id where it is declared.
    pub(crate) name_span: Span,
}

/// A temporal parameter.
#[derive(Debug, Clone)]
pub struct ParamDecl {
    /// Id, title, source.
    pub meta: RuleMeta,
    /// The declared type.
    pub ty: Type,
    /// The reason, when the value is a local policy choice rather than law.
    pub policy: Option<String>,
    /// Values in date order, each in force until the next one's date.
    pub values: Vec<ParamValueDecl>,
}

/// One value of a parameter.
#[derive(Debug, Clone)]
pub struct ParamValueDecl {
    /// The constant.
    pub value: TExpr,
    /// First day in force.
    pub from: NaiveDate,
    /// Why the value is unverified, if it is.
    pub unverified: Option<String>,
    /// The value line.
    pub span: Span,
}

/// A named condition. Every reading of it carries its typed body
/// ([`TExprKind::Defined`]), so each later stage sees through it.
#[derive(Debug, Clone)]
pub struct DefineRule {
    /// Id, title, source.
    pub meta: RuleMeta,
}

/// A region.
#[derive(Debug, Clone)]
pub struct RegionDecl {
    /// Id, title, source.
    pub meta: RuleMeta,
    /// Municipality names, sorted.
    pub members: Vec<String>,
}

/// A gate.
#[derive(Debug, Clone)]
pub struct GateRule {
    /// Id, title, source.
    pub meta: RuleMeta,
    /// When the gate applies; `None` means always.
    pub(crate) applies: Option<TExpr>,
    /// The requirement.
    pub(crate) require: TExpr,
    /// Exemptions in file order.
    pub(crate) exemptions: Vec<ExemptionRule>,
    /// Message template.
    pub(crate) message: Option<Vec<TemplatePiece>>,
    /// The reason as the decision letter gives it, in plain Dutch.
    pub(crate) letter: Option<Vec<TemplatePiece>>,
}

/// An exemption from a gate.
#[derive(Debug, Clone)]
pub struct ExemptionRule {
    /// What lifts the gate.
    pub kind: ExemptionTest,
    /// The ground shown in the trace.
    pub because: String,
}

/// What an exemption tests.
#[derive(Debug, Clone)]
pub enum ExemptionTest {
    /// A condition on the facts.
    When(TExpr),
    /// A recorded discretionary decision of this kind for this gate.
    Override(OverrideKind),
}

/// A piece of a message template.
#[derive(Debug, Clone)]
pub enum TemplatePiece {
    /// Literal text.
    Text(String),
    /// A value to render.
    Hole(TExpr),
}

/// A priority group.
#[derive(Debug, Clone)]
pub struct PriorityRule {
    /// Id, title, source.
    pub meta: RuleMeta,
    /// Lower ranks go first.
    pub(crate) rank: i64,
    /// Marked `urgent`: its members (Hw2014 art. 12) may never be passed
    /// over without a recorded ground, not even on a tailored ground.
    pub(crate) urgent: bool,
    /// Membership.
    pub(crate) when: TExpr,
}

/// A ground for a tailored allocation (maatwerk, bemiddeling).
#[derive(Debug, Clone)]
pub struct TailoredRule {
    /// Id, title, source.
    pub meta: RuleMeta,
    /// For which pair the ground holds.
    pub when: TExpr,
}

/// A points scheme.
#[derive(Debug, Clone)]
pub struct PointsRule {
    /// Id, title, source.
    pub meta: RuleMeta,
    /// Signed points and when they count.
    pub contributions: Vec<(i64, TExpr)>,
}

/// A classification.
#[derive(Debug, Clone)]
pub struct ClassifyRule {
    /// Id, title, source.
    pub(crate) meta: RuleMeta,
    /// Labels in order; the last has no condition (`otherwise`).
    pub labels: Vec<(String, Option<TExpr>)>,
}

/// A quota.
#[derive(Debug, Clone)]
pub struct QuotaRule {
    /// Id, title, source.
    pub meta: RuleMeta,
    /// Which vacancies it guards.
    pub applies: Option<TExpr>,
    /// At most or at least.
    pub bound: Bound,
    /// The share (a constant percent).
    pub share: TExpr,
    /// The allocations counted as the whole.
    pub among: Option<TExpr>,
    /// The allocations counted against the share.
    pub with: TExpr,
    /// Grouping.
    pub scope: ScopeKind,
    /// `None` for the calendar year, else the rolling length (a constant duration).
    pub rolling: Option<TExpr>,
}

/// The ranking.
#[derive(Debug, Clone)]
pub struct OrderRule {
    /// Keys, most significant first.
    pub keys: Vec<OrderKeyRule>,
}

/// One sort key.
#[derive(Debug, Clone)]
pub struct OrderKeyRule {
    /// What is compared.
    pub kind: OrderKeyTest,
    /// Direction (ascending when not written).
    pub direction: Direction,
}

/// What a sort key compares.
#[derive(Debug, Clone)]
pub enum OrderKeyTest {
    /// Priority rank; no group sorts last.
    Priority,
    /// The seeded draw.
    Lottery,
    /// An ordered expression.
    Expr(TExpr),
}

/// A typed, resolved expression.
#[derive(Debug, Clone)]
pub struct TExpr {
    /// The form.
    pub(crate) kind: TExprKind,
    /// Its type.
    pub(crate) ty: Type,
    /// Where it was written.
    pub(crate) span: Span,
}

/// The resolved expression forms.
#[derive(Debug, Clone)]
pub enum TExprKind {
    /// A constant.
    Const(Constant),
    /// A set of values of one enumeration (constants).
    Set(Vec<TExpr>),
    /// A parameter, by index.
    Param(usize),
    /// A region, by index.
    Region(usize),
    /// A named condition, by index, with its body written out in place so
    /// an analysis or the compiler follows it like any sub-expression.
    Defined(usize, Box<TExpr>),
    /// A fact of the applicant or unit.
    Fact(Fact),
    /// The reference date (peildatum).
    ReferenceDate,
    /// A built-in function call.
    Call(Func, Vec<TExpr>),
    /// `points(name)`: the total of a points rule, by index.
    Points(usize),
    /// A classification's label for this applicant, by index.
    Classification(usize),
    /// The candidate's priority group.
    PriorityGroup,
    /// The unit's complex holds a valid designation of this kind.
    Designated(KindIx),
    /// `not`.
    Not(Box<TExpr>),
    /// Unary minus.
    Neg(Box<TExpr>),
    /// A binary operator.
    Binary(BinaryOp, Box<TExpr>, Box<TExpr>),
    /// A flattened `and` / `or` chain.
    Logical(LogicalOp, Vec<TExpr>),
}

impl TExpr {
    /// The expression a named condition stands for, through any number of
    /// names (`a` defined as `b`, defined as `x > 1`): what a check that
    /// matches a form must look at, so a name cannot hide the form.
    pub(crate) fn inner(&self) -> &TExpr {
        let mut e = self;
        while let TExprKind::Defined(_, body) = &e.kind {
            e = body;
        }
        e
    }
}

/// A constant value written in a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Constant {
    /// Bool.
    Bool(bool),
    /// Integer.
    Integer(i64),
    /// Decimal.
    Decimal(Decimal),
    /// Money.
    Money(Decimal),
    /// Percent as written (25 for 25%).
    Percent(Decimal),
    /// Calendar duration.
    Duration(Duration),
    /// Date.
    Date(NaiveDate),
    /// Text.
    Text(String),
    /// A value of an enumeration, by index.
    Enum(EnumType, u16),
}
