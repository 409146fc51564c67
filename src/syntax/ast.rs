//! The abstract syntax tree of a rule file.
//!
//! Every node carries the [`Span`] it was parsed from, so that the checker and
//! later stages can point at the exact text; spans are ignored by equality,
//! so `fmt` can be proven to keep a file's meaning by comparing ASTs.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::source::Span;

/// One parsed `.rules` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RuleFile {
    /// The `ruleset` header; only the root file of a rule set has one.
    pub header: Option<Header>,
    /// `import "file.rules"` lines, in order.
    pub imports: Vec<Import>,
    /// The deciding body its letters name; only the root file has one.
    pub(crate) authority: Option<Authority>,
    /// Declarations and rules, in file order.
    pub items: Vec<Item>,
    /// Every `# comment`, in file order; `fmt` puts each back beside the
    /// clause it stood beside.
    pub comments: Vec<Comment>,
    /// The whole file.
    pub span: Span,
}

/// A `# comment` (the text after `#`, without the line break).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The text after the `#`.
    pub text: String,
    /// From `#` to the end of the line.
    pub span: Span,
}

/// `ruleset heerlen "Huisvestingsverordening Heerlen" version "2025.1"`,
/// optionally `in force from DATE until DATE` (Hw2014 art. 4: at most 4 years).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// Machine name of the rule set.
    pub name: Ident,
    /// Human title.
    pub title: Text,
    /// Version label.
    pub version: Text,
    /// The period the ordinance behind these rules is in force.
    pub in_force: Option<Period>,
    /// The header clause.
    pub span: Span,
}

/// A closed period `from DATE until DATE` (both days included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Period {
    /// First day.
    pub from: DateLit,
    /// Last day.
    pub until: DateLit,
    /// The period clause.
    pub span: Span,
}

/// `import "binding.rules"`: a sibling file that belongs to this rule set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The path, relative to the importing file.
    pub path: Text,
    /// The import line.
    pub span: Span,
}

/// `authority "College van burgemeester en wethouders van …"` with
/// `objections to "…"` and `signed by "…"`: the body that takes the
/// decisions (besluiten, Awb art. 1:3), to which an objection is made (art.
/// 6:4 lid 1) and which a letter must name with the route (art. 3:45 lid 2).
/// Metadata of the rule set, so no letter hard-codes a municipality.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Authority {
    /// The body's name as the letter writes it.
    pub name: Text,
    /// What makes it the competent body.
    pub source: Option<Source>,
    /// `policy "…"`: a placeholder or local choice, and why.
    pub policy: Option<Text>,
    /// `objections to "…"`: where an objection is sent.
    pub objections: Option<Text>,
    /// `signed by "…"`: the role that signs on the body's behalf.
    pub signed_by: Option<Text>,
    /// The whole clause.
    pub span: Span,
}

/// A name written in a rule file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// The name as written.
    pub name: String,
    /// Where it was written.
    pub span: Span,
}

/// A string literal, with its escapes resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Text {
    /// The value after escape processing.
    pub value: String,
    /// The literal including its quotes.
    pub span: Span,
}

/// A date literal.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateLit {
    /// The calendar date.
    pub date: NaiveDate,
    /// Where it was written.
    pub span: Span,
}

/// `source "Wbmgp art. 8"`: the legal basis or local decision a rule rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The citation.
    pub text: Text,
    /// The whole clause.
    pub span: Span,
}

/// A top-level declaration or rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    /// A named set of municipalities.
    Region(Region),
    /// A temporal parameter.
    Param(Param),
    /// A named condition.
    Define(Define),
    /// A designation kind.
    Designation(DesignationKind),
    /// An eligibility requirement.
    Gate(Gate),
    /// A priority group.
    Priority(Priority),
    /// A ground for a tailored allocation outside the ranking.
    Tailored(Tailored),
    /// A points scheme.
    Points(Points),
    /// A classification into labels.
    Classify(Classify),
    /// A limit on shares of allocations.
    Quota(Quota),
    /// The ranking of candidates per vacancy.
    Order(Order),
}

impl Item {
    /// The span of the whole item.
    pub fn span(&self) -> Span {
        match self {
            Item::Region(x) => x.span,
            Item::Param(x) => x.span,
            Item::Define(x) => x.span,
            Item::Designation(x) => x.span,
            Item::Gate(x) => x.span,
            Item::Priority(x) => x.span,
            Item::Tailored(x) => x.span,
            Item::Points(x) => x.span,
            Item::Classify(x) => x.span,
            Item::Quota(x) => x.span,
            Item::Order(x) => x.span,
        }
    }
}

/// `region parkstad "Parkstad Limburg" = { Heerlen, Kerkrade, … }`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Region {
    /// Name the rules use.
    pub id: Ident,
    /// Human title.
    pub title: Option<Text>,
    /// Where the region's extent is defined.
    pub source: Option<Source>,
    /// Municipality names; a name with spaces or hyphens is written as a string.
    pub members: Vec<Text>,
    /// The whole declaration.
    pub span: Span,
}

/// `param name: type "title" source "…" = VALUE from DATE …`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    /// Name the rules use.
    pub id: Ident,
    /// Declared type.
    pub ty: TypeName,
    /// Human title.
    pub title: Option<Text>,
    /// Legal source of the figures.
    pub source: Option<Source>,
    /// `policy "…"`: the value is a local policy choice, not law; the text says why.
    pub policy: Option<Text>,
    /// Values with the date each takes effect, in file order.
    pub values: Vec<ParamValue>,
    /// The whole declaration.
    pub span: Span,
}

/// `= €49669 from 2025-01-01 [unverified "…"]`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamValue {
    /// A constant expression (a literal or a set of enum values).
    pub value: Expr,
    /// First day the value is in force; it holds until the next value's date.
    pub from: DateLit,
    /// `unverified "…"`: every decision resting on this value is flagged.
    pub unverified: Option<Text>,
    /// The value line.
    pub span: Span,
}

/// A type written in a `param` declaration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeName {
    /// What was written.
    pub kind: TypeNameKind,
    /// Where.
    pub span: Span,
}

/// The types a parameter can have.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeNameKind {
    /// `bool`, `integer`, `decimal`, `money`, `percent`, `date`, `duration`,
    /// `text`, or the name of a vocabulary such as `sector`.
    Named(Ident),
    /// `set of sector`.
    SetOf(Ident),
}

/// A gate: a requirement every applicable gate must meet for eligibility.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gate {
    /// Rule id.
    pub id: Ident,
    /// Human title.
    pub title: Option<Text>,
    /// Legal source.
    pub source: Option<Source>,
    /// `applies when COND`; absent means always.
    pub applies: Option<Expr>,
    /// `require COND`.
    pub require: Expr,
    /// `unless …` exemptions (legal "tenzij"), in file order.
    pub exemptions: Vec<Exemption>,
    /// `message "…{expr}…"`.
    pub message: Option<Template>,
    /// `letter "…{expr}…"`: the reason in the applicant's decision letter.
    pub(crate) letter: Option<Template>,
    /// The whole rule.
    pub span: Span,
}

/// An exemption from a gate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exemption {
    /// What lifts the gate.
    pub kind: ExemptionKind,
    /// `because "…"`: the ground, shown in the trace.
    pub because: Text,
    /// The whole clause.
    pub span: Span,
}

/// What an exemption tests.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExemptionKind {
    /// `unless COND because "…"`.
    When(Expr),
    /// `unless override hardship because "…"`: a recorded discretionary
    /// decision of this kind on the applicant's file for this gate.
    Override(Ident),
}

/// A message template: text with `{expr}` holes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    /// Text and holes in order.
    pub parts: Vec<TemplatePart>,
    /// The literal including quotes.
    pub span: Span,
}

/// A piece of a message template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplatePart {
    /// Literal text (escapes resolved; `{{` and `}}` are literal braces).
    Text(String),
    /// An expression to render.
    Hole(Expr),
}

/// `priority urgency "Urgentie" rank 1 source "…" when COND`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Priority {
    /// Rule id; also the group's name.
    pub id: Ident,
    /// Human title.
    pub title: Option<Text>,
    /// Legal source.
    pub source: Option<Source>,
    /// Lower ranks go first.
    pub rank: Integer,
    /// `urgent` after the rank: the group holds urgent house-seekers (Hw2014
    /// art. 12), whom no tailored allocation may pass over; its span.
    pub urgent: Option<Span>,
    /// Who belongs to the group.
    pub when: Expr,
    /// The whole rule.
    pub span: Span,
}

/// `designation seniors "Complex voor ouderen" source "…"`: a kind of
/// designation the rule set uses besides the Wbmgp's own (which need no
/// declaration), so a municipality adds one without a new release. Data
/// that designates a complex of an undeclared kind is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DesignationKind {
    /// The word the data and `designated` use.
    pub id: Ident,
    /// Human title.
    pub title: Option<Text>,
    /// The decision or agreement the designation rests on.
    pub source: Option<Source>,
    /// The whole declaration.
    pub span: Span,
}

/// `define socially_bound "Maatschappelijk gebonden" source "…" = COND`: a
/// named condition (or value) that any rule reads by its name, so a
/// condition two rules share is written, changed and cited once. The trace
/// shows it as one step with its own outcome and source, its parts below.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Define {
    /// The name rules read it by.
    pub id: Ident,
    /// Human title.
    pub title: Option<Text>,
    /// Legal source of the condition.
    pub source: Option<Source>,
    /// What it stands for.
    pub body: Expr,
    /// The whole declaration.
    pub span: Span,
}

/// `tailored referral "Bemiddeling aandachtsgroep" source "…" when COND`: a
/// ground for a tailored allocation (maatwerk, bemiddeling), made outside the
/// published ranking. A proposal may pass over higher-ranked candidates on
/// it only where its condition holds for the pair, and never over an urgent
/// candidate without a recorded ground.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tailored {
    /// Rule id; a proposal claims it as `{tailored: referral}`.
    pub id: Ident,
    /// Human title.
    pub title: Option<Text>,
    /// Legal source: the article or public local decision that allows it.
    pub source: Option<Source>,
    /// For which applicant and unit the ground holds.
    pub when: Expr,
    /// The whole rule.
    pub span: Span,
}

/// An integer literal with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Integer {
    /// The value.
    pub value: i64,
    /// Where.
    pub span: Span,
}

/// `points profile "…" source "…"` with signed contributions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Points {
    /// Rule id, read elsewhere as `points(id)`.
    pub id: Ident,
    /// Human title.
    pub title: Option<Text>,
    /// Legal source.
    pub source: Option<Source>,
    /// `+3 when COND` lines.
    pub contributions: Vec<Contribution>,
    /// The whole rule.
    pub span: Span,
}

/// `+3 when COND` or `-1 when COND`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contribution {
    /// Signed points.
    pub amount: Integer,
    /// When they count.
    pub when: Expr,
    /// The line.
    pub span: Span,
}

/// `classify capacity "…" source "…"` with labels tried in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Classify {
    /// Rule id; tested as `capacity = drager`.
    pub id: Ident,
    /// Human title.
    pub title: Option<Text>,
    /// Legal source.
    pub source: Option<Source>,
    /// Labels; the first whose condition holds wins.
    pub labels: Vec<Label>,
    /// The whole rule.
    pub span: Span,
}

/// `drager when COND` or `vrager otherwise`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The label.
    pub name: Ident,
    /// Its condition; `None` is `otherwise`.
    pub when: Option<Expr>,
    /// The line.
    pub span: Span,
}

/// A quota: a bound on the share of allocations with some property.
///
/// `at most 25% of allocations with capacity = vrager per complex over the last 12 months`;
/// `at least 95% of allocations among COND with COND per owner over the calendar year`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quota {
    /// Rule id.
    pub id: Ident,
    /// Human title.
    pub title: Option<Text>,
    /// Legal source.
    pub source: Option<Source>,
    /// `applies when COND`: which vacancies the quota guards.
    pub applies: Option<Expr>,
    /// `at most` or `at least`.
    pub bound: Bound,
    /// The share: a percent literal or a percent parameter.
    pub share: Expr,
    /// `among COND`: the allocations counted as the whole; absent means all in scope.
    pub among: Option<Expr>,
    /// `with COND`: the allocations counted against the share.
    pub with: Expr,
    /// Which allocations are counted together.
    pub scope: Scope,
    /// Over which time.
    pub window: Window,
    /// The whole rule.
    pub span: Span,
}

/// The direction of a quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bound {
    /// The share may not exceed the limit.
    AtMost,
    /// The share may not fall below the limit.
    AtLeast,
}

/// `per complex | per buurt | per owner | overall`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    /// What is grouped.
    pub kind: ScopeKind,
    /// Where.
    pub span: Span,
}

/// The groups a quota counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScopeKind {
    /// Per complex.
    Complex,
    /// Per buurt.
    Buurt,
    /// Per owner.
    Owner,
    /// All allocations together.
    All,
}

/// `over the calendar year` or `over the last DURATION`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Which period.
    pub kind: WindowKind,
    /// Where.
    pub span: Span,
}

/// The period a quota counts over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WindowKind {
    /// The calendar year of the reference date.
    CalendarYear,
    /// The period of this length up to the reference date (a duration literal or parameter).
    Rolling(Expr),
}

/// `order "title" source "…" by priority, points(profile) desc, applicant.registered_on, lottery`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Order {
    /// Human title.
    pub title: Option<Text>,
    /// Legal source (the advertising model).
    pub source: Option<Source>,
    /// Sort keys, most significant first.
    pub keys: Vec<OrderKey>,
    /// The whole rule.
    pub span: Span,
}

/// One sort key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OrderKey {
    /// What is compared.
    pub kind: OrderKeyKind,
    /// `asc` or `desc` when written.
    pub direction: Option<Direction>,
    /// The key as written.
    pub span: Span,
}

/// What an order key compares.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrderKeyKind {
    /// The priority group's rank (candidates in no group come last).
    Priority,
    /// A seeded, reproducible draw.
    Lottery,
    /// Any ordered expression.
    Expr(Expr),
}

/// Sort direction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Smallest first.
    Asc,
    /// Largest first.
    Desc,
}

/// An expression with its span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Expr {
    /// What kind of expression.
    pub kind: ExprKind,
    /// The whole expression.
    pub span: Span,
}

/// The expression forms. The language has no loops and no recursion, so
/// every evaluation terminates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExprKind {
    /// A literal value.
    Literal(Literal),
    /// A dotted name: `applicant.registered_on`, a parameter, a region, a
    /// classification, or (by context) a vocabulary value such as `aow`.
    Path(Vec<Ident>),
    /// A call: `household.has_income(aow, pension)`, `points(profile)`,
    /// `years_between(a, b)`. The callee is a dotted name; the last part
    /// names the function.
    Call {
        /// Dotted callee.
        callee: Vec<Ident>,
        /// Arguments in order.
        args: Vec<Expr>,
    },
    /// `unit.complex designated wbmgp_art8`.
    Designated {
        /// What is designated (a complex).
        subject: Box<Expr>,
        /// The designation kind.
        kind: Ident,
    },
    /// `not x`, `-x`.
    Unary {
        /// The operator.
        op: UnaryOp,
        /// Its operand.
        operand: Box<Expr>,
    },
    /// A binary operator other than `and` / `or`.
    Binary {
        /// The operator.
        op: BinaryOp,
        /// Left operand.
        lhs: Box<Expr>,
        /// Right operand.
        rhs: Box<Expr>,
    },
    /// A chain of `and` or of `or`, flattened so long chains never nest deeply.
    Logical {
        /// `and` or `or`.
        op: LogicalOp,
        /// Two or more operands, in order.
        operands: Vec<Expr>,
    },
    /// `{ employment, aow }`.
    Set(Vec<Expr>),
}

/// Literal values.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Literal {
    /// `true` / `false`.
    Bool(bool),
    /// `12`.
    Integer(i64),
    /// `3.5`.
    Decimal(Decimal),
    /// `€1234.56`.
    Money(Decimal),
    /// `92.5%`, stored as written (92.5, not 0.925).
    Percent(Decimal),
    /// `6 years`, `4 years 2 months`, `30 days`.
    Duration(Duration),
    /// `2024-01-01`.
    Date(NaiveDate),
    /// `"text"`.
    Text(String),
}

/// A calendar duration as written: years, months and days are kept apart
/// because a month is not a fixed number of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Duration {
    /// Whole years.
    pub years: u32,
    /// Whole months.
    pub months: u32,
    /// Whole days.
    pub days: u32,
}

impl Duration {
    /// Total months, counting a year as twelve (days left apart).
    pub(crate) fn total_months(&self) -> u64 {
        // At most 13 × `u32::MAX`, far inside `u64`: nothing saturates.
        u64::from(self.years)
            .saturating_mul(12)
            .saturating_add(u64::from(self.months))
    }
}

/// Prefix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `not`.
    Not,
    /// `-`.
    Neg,
}

/// Binary operators other than `and` and `or`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `=`.
    Eq,
    /// `!=`.
    Ne,
    /// `<`.
    Lt,
    /// `<=`.
    Le,
    /// `>`.
    Gt,
    /// `>=`.
    Ge,
    /// `in`.
    In,
    /// `not in`.
    NotIn,
    /// `+`.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/`.
    Div,
}

impl BinaryOp {
    /// The operator as written.
    pub const fn symbol(self) -> &'static str {
        match self {
            BinaryOp::Eq => "=",
            BinaryOp::Ne => "!=",
            BinaryOp::Lt => "<",
            BinaryOp::Le => "<=",
            BinaryOp::Gt => ">",
            BinaryOp::Ge => ">=",
            BinaryOp::In => "in",
            BinaryOp::NotIn => "not in",
            BinaryOp::Add => "+",
            BinaryOp::Sub => "-",
            BinaryOp::Mul => "*",
            BinaryOp::Div => "/",
        }
    }
}

/// `and` / `or`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LogicalOp {
    /// Every operand holds.
    And,
    /// Some operand holds.
    Or,
}

impl LogicalOp {
    /// The operator as written.
    pub const fn symbol(self) -> &'static str {
        match self {
            LogicalOp::And => "and",
            LogicalOp::Or => "or",
        }
    }
}
