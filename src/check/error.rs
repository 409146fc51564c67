//! Everything the checker can find wrong with a rule set.
//!
//! Codes are stable: E01xx names, E02xx types, E03xx structure, E04xx legal
//! limits (each citing its article), W01xx warnings.

use thiserror::Error;

use crate::diagnostics::{Diagnostic, Label, Severity, ToDiagnostic};
use crate::source::Span;

/// One problem found by the checker.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum CheckError {
    /// A name that is no parameter, region, rule or fact.
    #[error("unknown name `{name}`")]
    UnknownName {
        /// The name.
        name: String,
        /// Where.
        span: Span,
        /// The closest known name.
        suggestion: Option<String>,
        /// The names nearest to it, in words, for when none is close.
        nearby: String,
    },
    /// A field a record does not have.
    #[error("`{record}` has no field `{field}`")]
    UnknownField {
        /// The record's path.
        record: String,
        /// The field.
        field: String,
        /// Where.
        span: Span,
        /// The closest field.
        suggestion: Option<String>,
        /// The record's fields nearest to it, in words.
        nearby: String,
    },
    /// A function that does not exist.
    #[error("unknown function `{name}`")]
    UnknownFunction {
        /// The callee as written.
        name: String,
        /// Where.
        span: Span,
        /// The closest function.
        suggestion: Option<String>,
    },
    /// A word that is not a value of the enumeration expected here.
    #[error("`{value}` is not a {expected}")]
    UnknownValue {
        /// The word.
        value: String,
        /// What was expected (`income_source`, `label of `capacity``).
        expected: String,
        /// Where.
        span: Span,
        /// The closest value.
        suggestion: Option<String>,
        /// Every value there is.
        known: String,
    },
    /// A designation kind neither the Wbmgp nor the rule set declares.
    #[error("unknown designation kind `{kind}`")]
    UnknownDesignation {
        /// The word.
        kind: String,
        /// Where.
        span: Span,
        /// The closest kind.
        suggestion: Option<String>,
        /// Every kind there is, in words.
        known: String,
    },
    /// A rule set declaring a kind the Wbmgp defines.
    #[error("`{kind}` is a designation kind of the Wbmgp itself")]
    StatutoryKind {
        /// The kind.
        kind: String,
        /// Its name in the declaration.
        span: Span,
    },
    /// More designation kinds than a unit's facts hold.
    #[error("a rule set may use at most {max} designation kinds")]
    TooManyKinds {
        /// The bound.
        max: usize,
        /// The first declaration past it.
        span: Span,
    },
    /// A parameter type that does not exist.
    #[error("unknown type `{name}`")]
    UnknownType {
        /// The type name.
        name: String,
        /// Where.
        span: Span,
        /// The closest type.
        suggestion: Option<String>,
    },
    /// An override kind the engine does not know.
    #[error("unknown override `{kind}`")]
    UnknownOverride {
        /// The word.
        kind: String,
        /// Where.
        span: Span,
        /// The closest kind.
        suggestion: Option<String>,
    },
    /// `points(x)` where `x` is not a points rule.
    #[error("`{name}` is not a points rule")]
    NotPointsRule {
        /// The name.
        name: String,
        /// Where.
        span: Span,
        /// The closest points rule.
        suggestion: Option<String>,
    },
    /// Two declarations with one id.
    #[error("`{id}` is defined twice")]
    DuplicateId {
        /// The id.
        id: String,
        /// The second definition.
        span: Span,
        /// Where the first one is, as `file:line`.
        first: String,
    },
    /// `.` applied to something that is not a record.
    #[error("`{path}` has no fields")]
    NotARecord {
        /// The path up to the value.
        path: String,
        /// Where.
        span: Span,
    },
    /// A record used where a value was expected.
    #[error("`{path}` is a record, not a value")]
    RecordAsValue {
        /// The path.
        path: String,
        /// Where.
        span: Span,
        /// Fields it has.
        fields: String,
    },
    /// An expression of the wrong type.
    #[error("expected {expected} in {context}, found {found}")]
    TypeMismatch {
        /// The expected type.
        expected: String,
        /// The type found.
        found: String,
        /// Where in the rule (`require`, `applies when`, …).
        context: String,
        /// Where.
        span: Span,
        /// How to write a value of the expected type, when that helps.
        hint: Option<String>,
    },
    /// An operator applied to operands it does not take.
    #[error("`{op}` cannot combine {lhs} and {rhs}")]
    OperatorTypes {
        /// The operator.
        op: String,
        /// Left type.
        lhs: String,
        /// Right type.
        rhs: String,
        /// Where.
        span: Span,
        /// What the operator does take.
        hint: Option<String>,
    },
    /// Wrong number of arguments.
    #[error("`{name}` takes {expected}, found {found}")]
    ArgumentCount {
        /// The function.
        name: String,
        /// How many it takes.
        expected: String,
        /// How many were given.
        found: usize,
        /// Where.
        span: Span,
    },
    /// A value that must be fixed before evaluation is not.
    #[error("{what} must be a constant or a parameter")]
    NotConstant {
        /// What must be constant.
        what: String,
        /// Where.
        span: Span,
    },
    /// A sort key of a type that has no order.
    #[error("cannot sort by a value of type {ty}")]
    NotOrdered {
        /// The type.
        ty: String,
        /// Where.
        span: Span,
    },
    /// Division by zero.
    #[error("division by zero")]
    DivisionByZero {
        /// Where.
        span: Span,
    },
    /// A name that is not a value in this position (a rule used as a value).
    #[error("`{name}` is a {kind}, not a value")]
    NotAValue {
        /// The name.
        name: String,
        /// What it is.
        kind: String,
        /// Where.
        span: Span,
        /// How to use it.
        hint: String,
    },
    /// A rule without a legal source.
    #[error("{kind} `{id}` has no `source`")]
    MissingSource {
        /// The rule kind.
        kind: String,
        /// The rule id.
        id: String,
        /// The rule's name.
        span: Span,
    },
    /// Parameter values not in date order.
    #[error("value of `{param}` from {date} comes after a later date")]
    UnsortedPeriods {
        /// The parameter.
        param: String,
        /// The out-of-order date.
        date: String,
        /// Where.
        span: Span,
    },
    /// Two values of a parameter from the same date.
    #[error("`{param}` has two values from {date}")]
    OverlappingPeriods {
        /// The parameter.
        param: String,
        /// The date.
        date: String,
        /// Where.
        span: Span,
    },
    /// A parameter without values.
    #[error("parameter `{param}` has no value")]
    NoValues {
        /// The parameter.
        param: String,
        /// Where.
        span: Span,
    },
    /// `otherwise` before the last label.
    #[error("`otherwise` must be the last label of `{rule}`")]
    OtherwiseNotLast {
        /// The classification.
        rule: String,
        /// The misplaced label.
        span: Span,
    },
    /// A classification without a catch-all.
    #[error("classification `{rule}` has no `otherwise` label")]
    MissingOtherwise {
        /// The classification.
        rule: String,
        /// The rule's name.
        span: Span,
    },
    /// A label written twice.
    #[error("label `{label}` appears twice in `{rule}`")]
    DuplicateLabel {
        /// The label.
        label: String,
        /// The classification.
        rule: String,
        /// The second one.
        span: Span,
    },
    /// A share outside 0–100%.
    #[error("share {share} of quota `{quota}` is outside 0% to 100%")]
    ShareOutOfRange {
        /// The quota.
        quota: String,
        /// The share as written.
        share: String,
        /// Where.
        span: Span,
    },
    /// A rolling window of zero length.
    #[error("window of quota `{quota}` must be longer than zero")]
    EmptyWindow {
        /// The quota.
        quota: String,
        /// Where.
        span: Span,
    },
    /// Rules that read each other.
    #[error("rules depend on each other in a cycle: {cycle}")]
    Cycle {
        /// The cycle, `a → b → a`.
        cycle: String,
        /// The first rule of it.
        span: Span,
    },
    /// Two priority groups with one rank.
    #[error("priority `{id}` has rank {rank}, as `{other}` does")]
    DuplicateRank {
        /// The second group.
        id: String,
        /// The rank.
        rank: i64,
        /// The first group.
        other: String,
        /// Where.
        span: Span,
    },
    /// A rank below one.
    #[error("rank of priority `{id}` must be 1 or more")]
    RankTooLow {
        /// The group.
        id: String,
        /// Where.
        span: Span,
    },
    /// More than one `order` rule.
    #[error("the rule set has more than one `order`")]
    DuplicateOrder {
        /// The second one.
        span: Span,
    },
    /// Keys after `lottery` never decide anything.
    #[error("`lottery` must be the last key of `order`")]
    LotteryNotLast {
        /// The key after it.
        span: Span,
    },
    /// `priority` listed twice in `order`.
    #[error("`{key}` appears twice in `order`")]
    DuplicateOrderKey {
        /// The key.
        key: String,
        /// The second one.
        span: Span,
    },
    /// A period that ends before it starts.
    #[error("the period ends on {until}, before it starts on {from}")]
    ReversedPeriod {
        /// Start.
        from: String,
        /// End.
        until: String,
        /// Where.
        span: Span,
    },
    /// Hw2014 art. 9 lid 2 b: a gate that a higher income can pass where a
    /// lower one fails, however it is written.
    #[error(
        "gate `{gate}` lets a higher income pass where a lower one fails: a minimum-income requirement"
    )]
    MinimumIncome {
        /// The gate.
        gate: String,
        /// The income comparison.
        span: Span,
        /// The rule's name, when the part that breaks the limit is read
        /// from elsewhere (a named condition, a points rule, a label).
        rule_at: Option<Span>,
    },
    /// Wbmgp art. 8 lid 1 / Hw2014 art. 14 lid 4 b 2°.
    #[error("residence requirement of {found} exceeds the legal maximum of 6 years")]
    ResidenceAboveSix {
        /// The duration found.
        found: String,
        /// Where.
        span: Span,
        /// The article.
        article: &'static str,
    },
    /// Wbmgp art. 8 lid 1.
    #[error("income source `{source_word}` does not qualify under Wbmgp art. 8")]
    Art8IncomeSource {
        /// The source.
        source_word: String,
        /// Where.
        span: Span,
    },
    /// Wbmgp art. 8 lid 2.
    #[error("gate `{gate}` applies a Wbmgp art. 8 requirement without a hardship route")]
    Art8WithoutHardship {
        /// The gate.
        gate: String,
        /// The gate's name.
        span: Span,
    },
    /// Wbmgp art. 10b lid 2.
    #[error("screening looks back {found}, more than the 4 years Wbmgp art. 10b lid 2 allows")]
    ScreeningLookback {
        /// The lookback.
        found: String,
        /// Where.
        span: Span,
    },
    /// Hw2014 art. 14 lid 2.
    #[error("quota `{quota}` lets binding priority claim {share} of allocations, more than 50%")]
    BindingAboveHalf {
        /// The quota.
        quota: String,
        /// The share.
        share: String,
        /// Where.
        span: Span,
    },
    /// Hw2014 art. 14 lid 2.
    #[error("binding priority `{priority}` is not capped by any quota")]
    BindingUncapped {
        /// The priority group.
        priority: String,
        /// Its name.
        span: Span,
    },
    /// Hw2014 art. 14 lid 1 and art. 15 lid 2: binding earns priority, and
    /// refuses a house-seeker only in favour of a bound one who wants the
    /// dwelling, never as a condition of its own.
    #[error("gate `{gate}` refuses house-seekers without binding to the region")]
    BindingGate {
        /// The gate.
        gate: String,
        /// Where it reads the binding.
        span: Span,
        /// The rule's name, when the part that breaks the limit is read
        /// from elsewhere (a named condition, a points rule, a label).
        rule_at: Option<Span>,
    },
    /// Hw2014 art. 14 lid 2: the cap covers the priority wherever it applies.
    #[error(
        "binding priority `{priority}` is not capped everywhere it applies: no cap among {quotas} applies to a unit with {unit}"
    )]
    BindingCapScope {
        /// The priority group.
        priority: String,
        /// The caps that count it.
        quotas: String,
        /// A unit in the priority's scope outside every cap, in words.
        unit: String,
        /// Each cap with its `applies when` (or its name).
        caps: Vec<(String, Span)>,
        /// The priority's name.
        span: Span,
    },
    /// Hw2014 art. 14 lid 4 and art. 1: a region is made of Dutch
    /// municipalities.
    #[error("`{name}` in region `{region}` is not a Dutch municipality")]
    NotAMunicipality {
        /// The region.
        region: String,
        /// The member as written.
        name: String,
        /// Where.
        span: Span,
        /// The closest municipality.
        suggestion: Option<String>,
    },
    /// Hw2014 art. 4.
    #[error("the ordinance is in force for more than 4 years")]
    OrdinanceTooLong {
        /// The period.
        span: Span,
    },
    /// A parameter nothing reads.
    #[error("parameter `{name}` is never used")]
    UnusedParam {
        /// The parameter.
        name: String,
        /// Its name.
        span: Span,
    },
    /// A named condition that reads itself, directly or through others.
    #[error("named condition `{name}` reads itself: {cycle}")]
    DefineCycle {
        /// The condition.
        name: String,
        /// The cycle, `a → b → a`.
        cycle: String,
        /// Where it is read inside itself.
        span: Span,
    },
    /// Named conditions that read each other so deep, or so often, that
    /// written out they pass a bound.
    #[error("named condition `{name}` is too large written out: {what}")]
    DefineTooLarge {
        /// The condition.
        name: String,
        /// Which bound it passes.
        what: String,
        /// Where it is read.
        span: Span,
    },
    /// An `authority` outside the root file.
    #[error("`authority` belongs in the root file of the rule set")]
    AuthorityNotInRoot {
        /// The declaration.
        span: Span,
    },
    /// An `authority` without a clause a decision letter needs.
    #[error("`authority` has no `{missing}`")]
    AuthorityIncomplete {
        /// The clause.
        missing: &'static str,
        /// The declaration.
        span: Span,
    },
    /// A gate without a `letter` text in a rule set that writes letters.
    #[error("gate `{gate}` has no `letter` text")]
    GateWithoutLetter {
        /// The gate.
        gate: String,
        /// Its name.
        span: Span,
    },
    /// A named condition no rule reads.
    #[error("named condition `{name}` is never used")]
    UnusedDefine {
        /// The condition.
        name: String,
        /// Its name.
        span: Span,
    },
    /// A region nothing reads.
    #[error("region `{name}` is never used")]
    UnusedRegion {
        /// The region.
        name: String,
        /// Its name.
        span: Span,
    },
    /// Hw2014 art. 9 lid 2 a: selecting on the source of income is the
    /// power of Wbmgp art. 8 alone, in a designated complex.
    #[error("`{rule}` selects on the source of an income outside a Wbmgp art. 8 designation")]
    IncomeSourceOutsideArt8 {
        /// The gate or quota.
        rule: String,
        /// Where the source is read.
        span: Span,
        /// The rule's name, when the part that breaks the limit is read
        /// from elsewhere (a named condition, a points rule, a label).
        rule_at: Option<Span>,
    },
    /// Hw2014 art. 9 lid 2 b: an `at most` quota that counts by income
    /// refuses by income.
    #[error("quota `{quota}` limits allocations by income")]
    IncomeQuota {
        /// The quota.
        quota: String,
        /// Where the income is read.
        span: Span,
        /// The rule's name, when the part that breaks the limit is read
        /// from elsewhere (a named condition, a points rule, a label).
        rule_at: Option<Span>,
    },
    /// Grondwet art. 1; WGBH/CZ: a refusal that rests on a proxy of health
    /// or disability.
    #[error(
        "`{rule}` can refuse a house-seeker for being in an aandachtsgroep, for the care route or for a disability benefit"
    )]
    CareProxy {
        /// The gate or quota.
        rule: String,
        /// Where the proxy is read.
        span: Span,
        /// The rule's name, when the part that breaks the limit is read
        /// from elsewhere (a named condition, a points rule, a label).
        rule_at: Option<Span>,
    },
    /// A yearly-indexed figure with no value for a year the rule set runs into.
    #[error(
        "parameter `{param}` is set every year but has no value for {years}: decisions then read the {last} value"
    )]
    IndexedFigureMissing {
        /// The parameter.
        param: String,
        /// The years without a value.
        years: String,
        /// The last year with one.
        last: i32,
        /// The parameter's name.
        span: Span,
    },
    /// A parameter with no value in force on the first days of the rule
    /// set's term: a decision on those days is refused (E0601).
    #[error(
        "parameter `{param}` has no value from {from} through {last}, the start of the rule set's term"
    )]
    ParamTermGap {
        /// The parameter.
        param: String,
        /// The term's first day.
        from: String,
        /// The day before its first value.
        last: String,
        /// The parameter's first value.
        span: Span,
    },
    /// Hw2014 art. 12 lid 3.
    #[error("urgency leaves out {missing}")]
    UrgencyCategoriesIncomplete {
        /// The missing categories.
        missing: String,
        /// The set.
        span: Span,
    },
}

impl CheckError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        use CheckError::*;
        match self {
            UnknownName { .. } => "E0101",
            UnknownField { .. } => "E0102",
            UnknownFunction { .. } => "E0103",
            UnknownValue { .. } => "E0104",
            UnknownDesignation { .. } => "E0105",
            StatutoryKind { .. } => "E0319",
            TooManyKinds { .. } => "E0320",
            UnknownType { .. } => "E0106",
            UnknownOverride { .. } => "E0107",
            NotPointsRule { .. } => "E0108",
            DuplicateId { .. } => "E0109",
            NotARecord { .. } => "E0110",
            RecordAsValue { .. } => "E0111",
            NotAValue { .. } => "E0112",
            TypeMismatch { .. } => "E0201",
            OperatorTypes { .. } => "E0202",
            ArgumentCount { .. } => "E0203",
            NotConstant { .. } => "E0204",
            NotOrdered { .. } => "E0205",
            DivisionByZero { .. } => "E0206",
            MissingSource { .. } => "E0301",
            UnsortedPeriods { .. } => "E0302",
            OverlappingPeriods { .. } => "E0303",
            NoValues { .. } => "E0304",
            OtherwiseNotLast { .. } => "E0305",
            MissingOtherwise { .. } => "E0306",
            DuplicateLabel { .. } => "E0307",
            ShareOutOfRange { .. } => "E0308",
            EmptyWindow { .. } => "E0309",
            Cycle { .. } => "E0310",
            DuplicateRank { .. } => "E0311",
            RankTooLow { .. } => "E0312",
            DuplicateOrder { .. } => "E0313",
            LotteryNotLast { .. } => "E0314",
            DuplicateOrderKey { .. } => "E0315",
            ReversedPeriod { .. } => "E0316",
            DefineCycle { .. } => "E0317",
            DefineTooLarge { .. } => "E0318",
            AuthorityNotInRoot { .. } => "E0321",
            AuthorityIncomplete { .. } => "E0322",
            MinimumIncome { .. } => "E0401",
            ResidenceAboveSix { .. } => "E0402",
            Art8IncomeSource { .. } => "E0403",
            Art8WithoutHardship { .. } => "E0404",
            ScreeningLookback { .. } => "E0405",
            BindingAboveHalf { .. } => "E0406",
            BindingUncapped { .. } => "E0407",
            BindingGate { .. } => "E0413",
            BindingCapScope { .. } => "E0414",
            NotAMunicipality { .. } => "E0415",
            OrdinanceTooLong { .. } => "E0408",
            IncomeSourceOutsideArt8 { .. } => "E0409",
            UrgencyCategoriesIncomplete { .. } => "E0410",
            IncomeQuota { .. } => "E0411",
            CareProxy { .. } => "E0412",
            UnusedParam { .. } => "W0101",
            UnusedRegion { .. } => "W0102",
            UnusedDefine { .. } => "W0106",
            IndexedFigureMissing { .. } => "W0105",
            ParamTermGap { .. } => "W0107",
            GateWithoutLetter { .. } => "W0108",
        }
    }

    /// Error or warning.
    pub fn severity(&self) -> Severity {
        if self.code().starts_with('W') {
            Severity::Warning
        } else {
            Severity::Error
        }
    }

    /// Where the problem is.
    pub fn span(&self) -> Span {
        use CheckError::*;
        match self {
            UnknownName { span, .. }
            | UnknownField { span, .. }
            | UnknownFunction { span, .. }
            | UnknownValue { span, .. }
            | UnknownDesignation { span, .. }
            | StatutoryKind { span, .. }
            | TooManyKinds { span, .. }
            | UnknownType { span, .. }
            | UnknownOverride { span, .. }
            | NotPointsRule { span, .. }
            | DuplicateId { span, .. }
            | NotARecord { span, .. }
            | RecordAsValue { span, .. }
            | NotAValue { span, .. }
            | TypeMismatch { span, .. }
            | OperatorTypes { span, .. }
            | ArgumentCount { span, .. }
            | NotConstant { span, .. }
            | NotOrdered { span, .. }
            | DivisionByZero { span }
            | MissingSource { span, .. }
            | UnsortedPeriods { span, .. }
            | OverlappingPeriods { span, .. }
            | NoValues { span, .. }
            | OtherwiseNotLast { span, .. }
            | MissingOtherwise { span, .. }
            | DuplicateLabel { span, .. }
            | ShareOutOfRange { span, .. }
            | EmptyWindow { span, .. }
            | Cycle { span, .. }
            | DuplicateRank { span, .. }
            | RankTooLow { span, .. }
            | DuplicateOrder { span }
            | LotteryNotLast { span }
            | DuplicateOrderKey { span, .. }
            | ReversedPeriod { span, .. }
            | MinimumIncome { span, .. }
            | IncomeSourceOutsideArt8 { span, .. }
            | IncomeQuota { span, .. }
            | CareProxy { span, .. }
            | IndexedFigureMissing { span, .. }
            | ResidenceAboveSix { span, .. }
            | Art8IncomeSource { span, .. }
            | Art8WithoutHardship { span, .. }
            | ScreeningLookback { span, .. }
            | BindingAboveHalf { span, .. }
            | BindingUncapped { span, .. }
            | BindingGate { span, .. }
            | BindingCapScope { span, .. }
            | NotAMunicipality { span, .. }
            | OrdinanceTooLong { span }
            | UnusedParam { span, .. }
            | UnusedRegion { span, .. }
            | UnusedDefine { span, .. }
            | ParamTermGap { span, .. }
            | DefineCycle { span, .. }
            | DefineTooLarge { span, .. }
            | AuthorityNotInRoot { span }
            | AuthorityIncomplete { span, .. }
            | GateWithoutLetter { span, .. }
            | UrgencyCategoriesIncomplete { span, .. } => *span,
        }
    }

    /// The help line, when there is one.
    pub fn hint(&self) -> Option<String> {
        use CheckError::*;
        let did_you_mean = |s: &Option<String>| s.as_ref().map(|s| format!("did you mean `{s}`?"));
        match self {
            UnknownValue {
                suggestion, known, ..
            } => did_you_mean(suggestion).or_else(|| Some(format!("expected one of: {known}"))),
            UnknownName {
                name,
                suggestion,
                nearby,
                ..
            } => did_you_mean(suggestion).or_else(|| {
                Some(format!(
                    "a rule reads facts (`applicant.…`, `household.…`, `unit.…`; docs/facts.md), \
                     `reference_date`, and the rule set's parameters, regions and named conditions \
                     (nearest in spelling: {nearby}); a text is quoted: `\"{name}\"`"
                ))
            }),
            UnknownField {
                record,
                suggestion,
                nearby,
                ..
            } => did_you_mean(suggestion).or_else(|| {
                Some(format!(
                    "fields of `{record}` nearest in spelling: {nearby}; docs/facts.md (or \
                     `toewijzer schema`) lists every field with its meaning"
                ))
            }),
            UnknownFunction { suggestion, .. }
            | UnknownType { suggestion, .. }
            | UnknownOverride { suggestion, .. }
            | NotPointsRule { suggestion, .. } => did_you_mean(suggestion),
            UnknownDesignation {
                suggestion, known, ..
            } => Some(match did_you_mean(suggestion) {
                Some(guess) => format!("{guess} the kinds are {known}"),
                None => format!(
                    "the kinds are {known}; a new kind is declared in the rule set: \
                     `designation NAME \"title\" source \"…\"`"
                ),
            }),
            StatutoryKind { .. } => Some(
                "the checker knows the Wbmgp's kinds (`wbmgp_art8`, `wbmgp_art9`, `wbmgp_art10`) \
                 and their limits: remove the declaration, or give a local kind its own name"
                    .into(),
            ),
            TooManyKinds { .. } => Some(
                "a unit's designations are held as one set of 64; merge kinds that mean the same"
                    .into(),
            ),
            DuplicateId { first, .. } => Some(format!("first defined at {first}; rename one")),
            RecordAsValue { fields, .. } => Some(format!("pick a field: {fields}")),
            NotAValue { hint, .. } => Some(hint.clone()),
            OperatorTypes { hint, .. } | TypeMismatch { hint, .. } => hint.clone(),
            NotConstant { .. } => Some(
                "write a literal or declare a `param`, so the value is fixed per reference date"
                    .into(),
            ),
            MissingSource { .. } => Some(
                "cite the act and article or the local decision, e.g. `source \"Wbmgp art. 8\"`"
                    .into(),
            ),
            UnsortedPeriods { .. } => Some("list the values from the earliest date".into()),
            MissingOtherwise { .. } => {
                Some("end the labels with `LABEL otherwise` so every applicant gets one".into())
            }
            Cycle { .. } => Some("a points or classify rule may not read itself, even through another rule".into()),
            LotteryNotLast { .. } => Some("keys after the lottery never decide anything; move them before it".into()),
            MinimumIncome { .. } => Some(
                "Hw2014 art. 9 lid 2 b: the criteria may not exclude house-seekers below an income floor, inside a Wbmgp art. 8 designation too (art. 8 selects on the source of income, not its amount); an upper income limit is lawful: `require household.income <= …`"
                    .into(),
            ),
            IncomeSourceOutsideArt8 { .. } => Some(
                "Hw2014 art. 9 lid 2 a: a requirement on the source of income is Wbmgp art. 8's, only in a designated complex: a gate with `applies when unit.complex designated wbmgp_art8`, the six listed sources and `unless override hardship`"
                    .into(),
            ),
            CareProxy { .. } => Some(
                "Grondwet art. 1 and the Wet gelijke behandeling op grond van handicap of chronische ziekte: membership of an aandachtsgroep, the route from care and a disability benefit stand for health and disability; favour a group with a priority or a tailored ground, never refuse it"
                    .into(),
            ),
            IncomeQuota { .. } => Some(
                "Hw2014 art. 9 lid 2 b: a quota that refuses allocations by income is an income requirement; to watch the Woningwet's shares write an `at least` quota, which refuses no one"
                    .into(),
            ),
            ResidenceAboveSix { article, .. } => Some(format!("{article}: at most 6 years")),
            Art8IncomeSource { .. } => Some(
                "Wbmgp art. 8 lid 1 lists employment, self_employment, early_retirement, aow, pension and study_financing"
                    .into(),
            ),
            Art8WithoutHardship { .. } => Some(
                "Wbmgp art. 8 lid 2 requires a hardship clause: add `unless override hardship because \"…\"`"
                    .into(),
            ),
            ScreeningLookback { .. } => Some("Wbmgp art. 10b lid 2: police data over conduct of at most the 4 years before the application".into()),
            BindingGate { .. } => Some(
                "Hw2014 art. 14 lid 1 gives binding priority, not a condition; art. 15 lid 2 refuses a house-seeker only when a bound one who has priority wants the dwelling, which the ranking does: write `priority … when <category> and <binding>` with a quota of at most 50% over that category (art. 14 lid 2); Wbmgp art. 8 gates are apart".into(),
            ),
            NotAMunicipality { suggestion, .. } => Some(format!(
                "{}Hw2014 art. 14 lid 4: binding is to the municipality or the woningmarktregio (art. 1), made of Dutch municipalities as CBS names them ({}); a place abroad would select on origin (Grondwet art. 1, AWGB)",
                suggestion.as_ref().map_or_else(String::new, |s| format!("did you mean `{s}`? ")),
                crate::check::municipalities::AS_OF
            )),
            BindingCapScope { .. } => Some(
                "Hw2014 art. 14 lid 2: binding priority in at most 50% of the designated categories of housing; the cap's `applies when` must hold wherever the priority can: give both the same category, e.g. one `define` read by the priority and the cap".into(),
            ),
            BindingAboveHalf { .. } | BindingUncapped { .. } => Some(
                "Hw2014 art. 14 lid 2: priority for economic or social binding in at most 50% of the designated categories of housing; add `quota … at most 50% of allocations with priority_group = …`"
                    .into(),
            ),
            OrdinanceTooLong { .. } => Some("Hw2014 art. 4: a housing ordinance runs at most 4 years".into()),
            UnusedParam { .. } | UnusedRegion { .. } | UnusedDefine { .. } => Some("remove it, or use it in a rule".into()),
            ParamTermGap { from, .. } => Some(format!("every decision from {from} reads a value; give the parameter one from {from} (the figure in force then, or one that leaves the rule without effect, with `policy` saying so)")),
            AuthorityNotInRoot { .. } => Some("one rule set has one deciding body: declare it after the imports of the file with the `ruleset` header".into()),
            AuthorityIncomplete { .. } => Some("a decision letter names the body, what makes it competent (`source`), where to object (`objections to`, Awb art. 6:4 lid 1 and 3:45 lid 2) and who signs (`signed by`)".into()),
            GateWithoutLetter { .. } => Some("a refusal must state its reasons (Awb art. 3:46, 3:47): add `letter \"…\"` with the reason in plain Dutch and the facts it rests on".into()),
            DefineCycle { .. } => Some("a named condition may read other named conditions, never itself; write the shared part as its own `define`".into()),
            DefineTooLarge { .. } => Some(format!("named conditions may nest {} deep and expand to {} nodes; read a shared part once, or split the rule", crate::limits::DEFINE_DEPTH, crate::limits::DEFINE_NODES)),
            IndexedFigureMissing { .. } => Some("add `= … from YYYY-01-01` for each year; where the figure is not published yet, carry the last one forward with `unverified \"…\"` so every decision resting on it says so".into()),
            UrgencyCategoriesIncomplete { .. } => Some(
                "Hw2014 art. 12 lid 3: urgency includes in any case people in shelter after relational problems or violence and people giving or receiving mantelzorg; admit `shelter_after_violence` and `mantelzorg`".into(),
            ),
            _ => None,
        }
    }
}

impl CheckError {
    /// The other places the problem involves.
    pub fn labels(&self) -> Vec<Label> {
        use CheckError::*;
        match self {
            MinimumIncome {
                gate: rule,
                rule_at: Some(at),
                ..
            }
            | IncomeSourceOutsideArt8 {
                rule,
                rule_at: Some(at),
                ..
            }
            | IncomeQuota {
                quota: rule,
                rule_at: Some(at),
                ..
            }
            | CareProxy {
                rule,
                rule_at: Some(at),
                ..
            }
            | BindingGate {
                gate: rule,
                rule_at: Some(at),
                ..
            } => vec![Label {
                span: *at,
                message: format!("`{rule}` reads it"),
            }],
            BindingCapScope { caps, .. } => caps
                .iter()
                .map(|(quota, span)| Label {
                    span: *span,
                    message: format!("`{quota}` applies only where this holds"),
                })
                .collect(),
            _ => Vec::new(),
        }
    }
}

impl ToDiagnostic for CheckError {
    fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            code: self.code(),
            severity: self.severity(),
            message: self.to_string(),
            span: Some(self.span()),
            hint: self.hint(),
            labels: self.labels(),
        }
    }
}
