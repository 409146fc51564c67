//! The limits the law puts on rule sets, checked on the typed rules
//! (`domain.md` section 8). Each error cites its article.

use chrono::{Days, Months, NaiveDate};
use rust_decimal::Decimal;

use super::coverage::{Coverage, Scope};
use super::error::CheckError;
use super::influence::Analysis;
use super::ir::{
    ClassifyRule, Constant, ExemptionTest, GateRule, ParamDecl, PointsRule, PriorityRule,
    QuotaRule, RegionDecl, TExpr, TExprKind,
};
use super::schema::{Fact, Func};
use super::types::{EnumType, Vocab};
use crate::source::Span;
use crate::syntax::ast::{BinaryOp, Bound, Duration, LogicalOp};
use crate::vocab::{IncomeSource, OverrideKind, UrgencyCategory};

/// The typed parts of a rule set the legal checks read; a rule that failed
/// to type is `None` and skipped, so the other rules are still checked.
pub struct LegalInput<'r> {
    /// Parameters by index.
    pub params: &'r [Option<ParamDecl>],
    /// Gates.
    pub gates: &'r [Option<GateRule>],
    /// Priority groups.
    pub priorities: &'r [Option<PriorityRule>],
    /// Quotas.
    pub quotas: &'r [Option<QuotaRule>],
    /// Points rules, followed where a condition reads a total.
    pub points: &'r [Option<PointsRule>],
    /// Classifications, followed where a condition reads a label.
    pub classifications: &'r [Option<ClassifyRule>],
    /// Every other typed expression (points, classifications, order keys).
    pub other: Vec<&'r TExpr>,
    /// Regions by index.
    pub regions: &'r [RegionDecl],
    /// The designation kinds by [`super::ir::KindIx`].
    pub kinds: &'r [super::ir::KindDecl],
}

/// Runs every legal check.
pub fn check(input: &LegalInput<'_>, problems: &mut Vec<CheckError>) {
    for gate in input.gates.iter().flatten() {
        gate_limits(input, gate, problems);
    }
    share_ranges(input, problems);
    let mut all: Vec<&TExpr> = input.other.clone();
    let mut art8_requires: Vec<&TExpr> = Vec::new();
    for gate in input.gates.iter().flatten() {
        all.extend(gate.applies.iter());
        if gate.applies.as_ref().is_some_and(requires_art8) {
            // Its residence requirement is judged under Wbmgp art. 8 above.
            art8_requires.push(&gate.require);
        } else {
            all.push(&gate.require);
        }
    }
    for e in &art8_requires {
        walk(e, &mut |x| screening_lookback(input, x, problems));
    }
    for p in input.priorities.iter().flatten() {
        all.push(&p.when);
    }
    for q in input.quotas.iter().flatten() {
        all.extend(q.applies.iter().chain(q.among.iter()));
        all.push(&q.with);
    }
    for e in &all {
        walk(e, &mut |x| {
            screening_lookback(input, x, problems);
            residence_limit(input, x, "Hw2014 art. 14 lid 4 b 2°", problems);
        });
    }
    income_limits(input, problems);
    binding_caps(input, problems);
    urgency_categories(input, problems);
}

/// Grondwet art. 1 and the WGBH/CZ: no gate lets membership of an
/// aandachtsgroep, the care route, or a disability benefit count against a
/// house-seeker, and no `at most` quota limits allocations to them; a
/// tailored ground or a priority that favours them is not a refusal.
///
/// Hw2014 art. 9 lid 2: no rule that can refuse lets its outcome depend on
/// an income amount in the direction of a floor (lid 2 b), or on the source
/// of an income outside a Wbmgp art. 8 designation (lid 2 a). Judged on
/// what the rule means ([`Analysis`]), whatever its spelling: a gate passes
/// when it does not apply, its requirement holds or an exemption lifts it;
/// an `at most` quota refuses by what it counts. `at least` quotas refuse no
/// one (the Woningwet's passend and DAEB shares read income by law).
fn income_limits(input: &LegalInput<'_>, problems: &mut Vec<CheckError>) {
    let analysis = Analysis::new(input.params, input.points, input.classifications);
    for gate in input.gates.iter().flatten() {
        let art8 = gate.applies.as_ref().is_some_and(requires_art8);
        let mut pass = analysis.condition(&gate.require);
        if let Some(applies) = &gate.applies {
            pass = pass.join(analysis.condition(applies).flip());
        }
        for exemption in &gate.exemptions {
            if let ExemptionTest::When(c) = &exemption.kind {
                pass = pass.join(analysis.condition(c));
            }
        }
        if pass.amount.dir.up {
            let (span, rule_at) = located(pass.amount.at, &gate.meta);
            problems.push(CheckError::MinimumIncome {
                gate: gate.meta.id.clone(),
                span,
                rule_at,
            });
        }
        if !art8 && pass.source.dir.any() {
            let (span, rule_at) = located(pass.source.at, &gate.meta);
            problems.push(CheckError::IncomeSourceOutsideArt8 {
                rule: gate.meta.id.clone(),
                span,
                rule_at,
            });
        }
        if pass.care.dir.down {
            let (span, rule_at) = located(pass.care.at, &gate.meta);
            problems.push(CheckError::CareProxy {
                rule: gate.meta.id.clone(),
                span,
                rule_at,
            });
        }
    }
    for quota in input.quotas.iter().flatten() {
        if quota.bound != Bound::AtMost || quota.applies.as_ref().is_some_and(requires_art8) {
            continue;
        }
        let counted = [
            quota.applies.as_ref(),
            quota.among.as_ref(),
            Some(&quota.with),
        ]
        .into_iter()
        .flatten()
        .fold(super::influence::Influence::default(), |acc, c| {
            acc.join(analysis.condition(c))
        });
        if counted.amount.dir.any() {
            let (span, rule_at) = located(counted.amount.at, &quota.meta);
            problems.push(CheckError::IncomeQuota {
                quota: quota.meta.id.clone(),
                span,
                rule_at,
            });
        }
        if counted.source.dir.any() {
            let (span, rule_at) = located(counted.source.at, &quota.meta);
            problems.push(CheckError::IncomeSourceOutsideArt8 {
                rule: quota.meta.id.clone(),
                span,
                rule_at,
            });
        }
        if counted.care.dir.up {
            let (span, rule_at) = located(counted.care.at, &quota.meta);
            problems.push(CheckError::CareProxy {
                rule: quota.meta.id.clone(),
                span,
                rule_at,
            });
        }
    }
}

/// A figure the law indexes every 1 January (the DAEB and passend income
/// limits, the rent limits) that has no value for a year the rule set runs
/// into: decisions in that year would silently read last year's figure.
/// A parameter counts as yearly when it has two or more values, each on a
/// 1 January of consecutive years.
pub fn indexed_figures(
    params: &[Option<ParamDecl>],
    until: NaiveDate,
    problems: &mut Vec<CheckError>,
) {
    use chrono::Datelike;
    for p in params.iter().flatten() {
        let years: Vec<i32> = p.values.iter().map(|v| v.from.year()).collect();
        let yearly = p.values.len() >= 2
            && p.values
                .iter()
                .all(|v| v.from.month() == 1 && v.from.day() == 1)
            && years
                .windows(2)
                .all(|w| matches!(w, [a, b] if a.checked_add(1) == Some(*b)));
        let Some(last) = years.last().copied().filter(|_| yearly) else {
            continue;
        };
        // A calendar year is far below `i32::MAX`: no saturation.
        let missing: Vec<String> = (last.saturating_add(1)..=until.year())
            .map(|y| y.to_string())
            .collect();
        if !missing.is_empty() {
            problems.push(CheckError::IndexedFigureMissing {
                param: p.meta.id.clone(),
                years: missing.join(", "),
                last,
                span: p.meta.name_span,
            });
        }
    }
}

/// A parameter whose first value comes after the rule set's term begins:
/// on the days between, every decision that compiles the rule set fails
/// (E0601), although the ordinance is in force. A parameter whose first
/// value comes after the term ends is left to the other checks.
pub fn term_coverage(
    params: &[Option<ParamDecl>],
    from: NaiveDate,
    until: NaiveDate,
    problems: &mut Vec<CheckError>,
) {
    for p in params.iter().flatten() {
        let Some(first) = p.values.first() else {
            continue;
        };
        if first.from <= from || first.from > until {
            continue;
        }
        let last = first.from.pred_opt().unwrap_or(first.from);
        problems.push(CheckError::ParamTermGap {
            param: p.meta.id.clone(),
            from: from.to_string(),
            last: last.to_string(),
            span: first.span,
        });
    }
}

/// Hw2014 art. 14 lid 4 and art. 1: binding is to the municipality or the
/// woningmarktregio, so every member of a region is a Dutch municipality
/// (`municipalities.txt`); a place abroad would select on origin
/// (Grondwet art. 1; AWGB), a typo silently drops a municipality.
pub fn region_members(regions: &[&crate::syntax::ast::Region], problems: &mut Vec<CheckError>) {
    for region in regions {
        for member in &region.members {
            if super::municipalities::is_municipality(&member.value) {
                continue;
            }
            problems.push(CheckError::NotAMunicipality {
                region: region.id.name.clone(),
                name: member.value.clone(),
                span: member.span,
                suggestion: super::suggest::closest(&member.value, super::municipalities::names()),
            });
        }
    }
}

/// Hw2014 art. 4: an ordinance runs at most 4 years (both days included).
pub fn ordinance_period(
    from: NaiveDate,
    until: NaiveDate,
    span: Span,
    problems: &mut Vec<CheckError>,
) {
    if until < from {
        problems.push(CheckError::ReversedPeriod {
            from: from.to_string(),
            until: until.to_string(),
            span,
        });
        return;
    }
    let last_allowed = from
        .checked_add_months(Months::new(48))
        .and_then(|d| d.checked_sub_days(Days::new(1)));
    if last_allowed.is_some_and(|last| until > last) {
        problems.push(CheckError::OrdinanceTooLong { span });
    }
}

fn gate_limits(input: &LegalInput<'_>, gate: &GateRule, problems: &mut Vec<CheckError>) {
    let art8 = gate.applies.as_ref().is_some_and(requires_art8);
    walk(&gate.require, &mut |x| {
        if art8 {
            art8_sources(input, x, problems);
            residence_limit(input, x, "Wbmgp art. 8 lid 1", problems);
        }
    });
    let hardship = gate
        .exemptions
        .iter()
        .any(|e| matches!(e.kind, ExemptionTest::Override(OverrideKind::Hardship)));
    if art8 && !hardship {
        problems.push(CheckError::Art8WithoutHardship {
            gate: gate.meta.id.clone(),
            span: gate.meta.name_span,
        });
    }
    if !art8 {
        binding_gate(gate, problems);
    }
}

/// Hw2014 art. 14 lid 1 and art. 15 lid 2: outside a Wbmgp art. 8
/// designation (whose residence requirement is art. 8's own), no gate lets
/// its outcome turn on binding to the region, wherever in the gate it is
/// read: `applies when`, `require` or an exemption.
fn binding_gate(gate: &GateRule, problems: &mut Vec<CheckError>) {
    let mut parts: Vec<&TExpr> = gate.applies.iter().collect();
    parts.push(&gate.require);
    parts.extend(gate.exemptions.iter().filter_map(|e| match &e.kind {
        ExemptionTest::When(x) => Some(x),
        ExemptionTest::Override(_) => None,
    }));
    let mut at = None;
    for part in parts {
        walk(part, &mut |x| {
            if at.is_none() && is_binding_read(x) {
                at = Some(x.span);
            }
        });
    }
    if let Some(span) = at {
        problems.push(CheckError::BindingGate {
            gate: gate.meta.id.clone(),
            span,
            rule_at: elsewhere(span, &gate.meta),
        });
    }
}

/// Where a limit is broken: the part that breaks it (the rule's name when
/// the analysis has no place), and the rule's name beside it when that
/// part lies outside the rule.
fn located(at: Option<Span>, rule: &super::ir::RuleMeta) -> (Span, Option<Span>) {
    let span = at.unwrap_or(rule.name_span);
    (span, elsewhere(span, rule))
}

/// The rule's name, when `span` (what breaks a limit) lies outside the
/// rule: read through a named condition, so the diagnostic shows both.
fn elsewhere(span: Span, rule: &super::ir::RuleMeta) -> Option<Span> {
    let inside =
        span.file == rule.span.file && span.start >= rule.span.start && span.end <= rule.span.end;
    (!inside).then_some(rule.name_span)
}

/// Whether `applies when` holds only inside a Wbmgp art. 8 designation.
fn requires_art8(applies: &TExpr) -> bool {
    match &applies.inner().kind {
        TExprKind::Designated(super::ir::KindIx::WBMGP_ART8) => true,
        TExprKind::Logical(LogicalOp::And, ops) => ops.iter().any(requires_art8),
        _ => false,
    }
}

fn art8_sources(input: &LegalInput<'_>, e: &TExpr, problems: &mut Vec<CheckError>) {
    let TExprKind::Call(Func::HasIncome | Func::ApplicantHasIncome, args) = &e.inner().kind else {
        return;
    };
    for arg in args {
        for (index, span) in enum_values(input, arg) {
            let word = Vocab::IncomeSource
                .words()
                .get(usize::from(index))
                .copied()
                .unwrap_or("");
            let listed = word
                .parse::<IncomeSource>()
                .is_ok_and(|s| IncomeSource::WBMGP_ART8.contains(&s));
            if !listed {
                problems.push(CheckError::Art8IncomeSource {
                    source_word: word.to_owned(),
                    span,
                });
            }
        }
    }
}

/// A residence requirement (`residence_in(…) >= D`) above 6 years.
fn residence_limit(
    input: &LegalInput<'_>,
    e: &TExpr,
    article: &'static str,
    problems: &mut Vec<CheckError>,
) {
    let TExprKind::Binary(op, l, r) = &e.inner().kind else {
        return;
    };
    let residence = |x: &TExpr| {
        matches!(
            x.inner().kind,
            TExprKind::Call(
                Func::ResidenceIn | Func::LongestResidenceIn | Func::ResidenceBeforeApplication,
                _
            )
        )
    };
    let bound = match op {
        BinaryOp::Ge | BinaryOp::Gt if residence(l) => r,
        BinaryOp::Le | BinaryOp::Lt if residence(r) => l,
        _ => return,
    };
    for (d, span) in durations(input, bound) {
        if exceeds_years(d, 6) {
            let error = CheckError::ResidenceAboveSix {
                found: show_duration(d),
                span,
                article,
            };
            if !problems.contains(&error) {
                problems.push(error);
            }
        }
    }
}

fn screening_lookback(input: &LegalInput<'_>, e: &TExpr, problems: &mut Vec<CheckError>) {
    let TExprKind::Call(Func::ScreeningObjectionWithin, args) = &e.inner().kind else {
        return;
    };
    for arg in args {
        for (d, span) in durations(input, arg) {
            if exceeds_years(d, 4) {
                problems.push(CheckError::ScreeningLookback {
                    found: show_duration(d),
                    span,
                });
            }
        }
    }
}

/// Hw2014 art. 14 lid 2: every binding priority is capped by an `at most` quota of
/// at most 50%.
///
/// A priority is a binding priority in the periods in which its binding
/// read can decide it: one behind a parameter that is `false` until some
/// day (a statute that starts to ask for binding) needs its cap from that
/// day.
fn binding_caps(input: &LegalInput<'_>, problems: &mut Vec<CheckError>) {
    let scope = Scope {
        params: input.params,
        regions: input.regions,
        kinds: input.kinds,
    };
    let binding: Vec<usize> = input
        .priorities
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            p.as_ref()
                .filter(|p| scope.decides_ever(&p.when, &is_binding_read))
                .map(|_| i)
        })
        .collect();
    let mut caps_of: Vec<Vec<&QuotaRule>> = vec![Vec::new(); input.priorities.len()];
    for quota in input.quotas.iter().flatten() {
        if quota.bound != Bound::AtMost {
            continue;
        }
        let mut groups = Vec::new();
        walk(&quota.with, &mut |x| {
            if let TExprKind::Const(Constant::Enum(EnumType::PriorityGroup, i)) = x.kind {
                groups.push(usize::from(i));
            }
        });
        let binding_groups: Vec<usize> =
            groups.into_iter().filter(|g| binding.contains(g)).collect();
        if binding_groups.is_empty() {
            continue;
        }
        let half = Decimal::from(50);
        let over: Vec<(Decimal, Span)> = percents(input, &quota.share)
            .into_iter()
            .filter(|(p, _)| *p > half)
            .collect();
        for (p, span) in &over {
            problems.push(CheckError::BindingAboveHalf {
                quota: quota.meta.id.clone(),
                share: format!("{p}%"),
                span: *span,
            });
        }
        // A cap above 50% is reported above; the group is capped all the same.
        for g in binding_groups {
            if let Some(c) = caps_of.get_mut(g) {
                c.push(quota);
            }
        }
    }
    for i in binding {
        let Some(Some(p)) = input.priorities.get(i) else {
            continue;
        };
        let caps: Vec<&QuotaRule> = caps_of.get(i).cloned().unwrap_or_default();
        if caps.is_empty() {
            problems.push(CheckError::BindingUncapped {
                priority: p.meta.id.clone(),
                span: p.meta.name_span,
            });
            continue;
        }
        let scopes: Vec<Option<&TExpr>> = caps.iter().map(|q| q.applies.as_ref()).collect();
        if let Coverage::Uncovered(unit) = scope.covers(&p.when, &scopes, &is_binding_read) {
            let quotas: Vec<String> = caps.iter().map(|q| format!("`{}`", q.meta.id)).collect();
            problems.push(CheckError::BindingCapScope {
                priority: p.meta.id.clone(),
                quotas: quotas.join(", "),
                unit,
                span: p.meta.name_span,
                caps: caps
                    .iter()
                    .map(|q| {
                        let at = q.applies.as_ref().map_or(q.meta.name_span, |a| a.span);
                        (q.meta.id.clone(), at)
                    })
                    .collect(),
            });
        }
    }
}

/// Every value of a parameter that a quota takes its share from lies within
/// 0–100% (a share written as a literal is checked with the quota): the
/// ledger multiplies the share by a count, which a share of 10²⁸% overflows.
fn share_ranges(input: &LegalInput<'_>, problems: &mut Vec<CheckError>) {
    for quota in input.quotas.iter().flatten() {
        if !matches!(quota.share.kind, TExprKind::Param(_)) {
            continue;
        }
        for (p, span) in percents(input, &quota.share) {
            if p < Decimal::ZERO || p > Decimal::ONE_HUNDRED {
                problems.push(CheckError::ShareOutOfRange {
                    quota: quota.meta.id.clone(),
                    share: format!("{p}%"),
                    span,
                });
            }
        }
    }
}

/// Whether `x` itself reads binding to a region (Hw2014 art. 14 lid 4):
/// residence, work or study in it, or where the applicant works tested
/// against a region.
fn is_binding_read(x: &TExpr) -> bool {
    match &x.kind {
        TExprKind::Call(f, _) => f.is_binding(),
        TExprKind::Binary(BinaryOp::In | BinaryOp::NotIn, l, r) => {
            matches!(l.inner().kind, TExprKind::Fact(Fact::WorkMunicipality))
                && matches!(r.inner().kind, TExprKind::Region(_))
        }
        _ => false,
    }
}

/// Hw2014 art. 12 lid 3: where the rule set gives urgency, it includes in
/// any case shelter after violence and mantelzorg. Decided by evaluating
/// each priority that reads the urgency declaration for each of those
/// categories (with a valid declaration, every other fact unknown): a
/// category no urgency priority can admit is left out, whatever the
/// condition's form (`= loss_of_home`, `not in {…}`, a parameter).
fn urgency_categories(input: &LegalInput<'_>, problems: &mut Vec<CheckError>) {
    let urgent: Vec<&PriorityRule> = input
        .priorities
        .iter()
        .flatten()
        .filter(|p| {
            let mut reads = false;
            walk(&p.when, &mut |x| {
                reads |= matches!(
                    x.kind,
                    TExprKind::Fact(Fact::UrgencyCategory | Fact::UrgencyValid)
                );
            });
            reads
        })
        .collect();
    let Some(first) = urgent.first() else {
        return;
    };
    let missing: Vec<String> = [
        UrgencyCategory::ShelterAfterViolence,
        UrgencyCategory::Mantelzorg,
    ]
    .iter()
    .filter(|c| {
        let index = UrgencyCategory::ALL
            .iter()
            .position(|x| x == *c)
            .and_then(|i| u16::try_from(i).ok());
        !urgent
            .iter()
            .any(|p| admits(input, &p.when, index) != Some(false))
    })
    .map(|c| format!("`{c}`"))
    .collect();
    if !missing.is_empty() {
        // Point at the test of the category, where there is one.
        let mut span = None;
        for p in &urgent {
            walk(&p.when, &mut |x| {
                if let TExprKind::Binary(_, l, r) = &x.kind {
                    let category = |e: &TExpr| {
                        matches!(e.inner().kind, TExprKind::Fact(Fact::UrgencyCategory))
                    };
                    if span.is_none() && (category(l) || category(r)) {
                        span = Some(x.span);
                    }
                }
            });
        }
        problems.push(CheckError::UrgencyCategoriesIncomplete {
            missing: missing.join(" and "),
            span: span.unwrap_or(first.when.span),
        });
    }
}

/// Whether condition `e` holds for an urgency of category `category` with
/// a valid declaration: `Some(true)`, `Some(false)`, or `None` when it turns
/// on other facts (three-valued: `false and unknown` is false).
fn admits(input: &LegalInput<'_>, e: &TExpr, category: Option<u16>) -> Option<bool> {
    let is_category = |x: &TExpr| matches!(x.inner().kind, TExprKind::Fact(Fact::UrgencyCategory));
    let member = |set: &TExpr| -> Option<bool> {
        let values = enum_values(input, set);
        category.map(|c| values.iter().any(|(i, _)| *i == c))
    };
    let equal = |value: &TExpr| -> Option<bool> {
        match value.inner().kind {
            TExprKind::Const(Constant::Enum(_, i)) => category.map(|c| c == i),
            _ => None,
        }
    };
    match &e.kind {
        TExprKind::Defined(_, x) => admits(input, x, category),
        TExprKind::Fact(Fact::UrgencyValid) => Some(true),
        TExprKind::Not(x) => admits(input, x, category).map(|b| !b),
        TExprKind::Logical(LogicalOp::And, items) => {
            let results: Vec<Option<bool>> =
                items.iter().map(|x| admits(input, x, category)).collect();
            if results.contains(&Some(false)) {
                Some(false)
            } else if results.iter().all(|r| *r == Some(true)) {
                Some(true)
            } else {
                None
            }
        }
        TExprKind::Logical(LogicalOp::Or, items) => {
            let results: Vec<Option<bool>> =
                items.iter().map(|x| admits(input, x, category)).collect();
            if results.contains(&Some(true)) {
                Some(true)
            } else if results.iter().all(|r| *r == Some(false)) {
                Some(false)
            } else {
                None
            }
        }
        TExprKind::Binary(op, l, r) => {
            let result = match op {
                BinaryOp::In | BinaryOp::NotIn if is_category(l) => member(r),
                BinaryOp::Eq | BinaryOp::Ne if is_category(l) => equal(r),
                BinaryOp::Eq | BinaryOp::Ne if is_category(r) => equal(l),
                _ => return None,
            };
            if matches!(op, BinaryOp::NotIn | BinaryOp::Ne) {
                result.map(|b| !b)
            } else {
                result
            }
        }
        _ => None,
    }
}

/// Visits an expression and all its sub-expressions.
pub fn walk(e: &TExpr, f: &mut dyn FnMut(&TExpr)) {
    f(e);
    match &e.kind {
        TExprKind::Set(items) | TExprKind::Call(_, items) | TExprKind::Logical(_, items) => {
            for item in items {
                walk(item, f);
            }
        }
        TExprKind::Not(x) | TExprKind::Neg(x) | TExprKind::Defined(_, x) => walk(x, f),
        TExprKind::Binary(_, l, r) => {
            walk(l, f);
            walk(r, f);
        }
        _ => {}
    }
}

/// The constant values an expression can take: itself, or every value of a parameter.
fn constants<'r>(input: &LegalInput<'r>, e: &'r TExpr) -> Vec<&'r TExpr> {
    let e = e.inner();
    match &e.kind {
        TExprKind::Param(i) => input
            .params
            .get(*i)
            .and_then(Option::as_ref)
            .map(|p| p.values.iter().map(|v| &v.value).collect())
            .unwrap_or_default(),
        _ => vec![e],
    }
}

fn durations(input: &LegalInput<'_>, e: &TExpr) -> Vec<(Duration, Span)> {
    constants(input, e)
        .into_iter()
        .filter_map(|c| match &c.kind {
            TExprKind::Const(Constant::Duration(d)) => Some((*d, c.span)),
            _ => None,
        })
        .collect()
}

fn percents(input: &LegalInput<'_>, e: &TExpr) -> Vec<(Decimal, Span)> {
    constants(input, e)
        .into_iter()
        .filter_map(|c| match &c.kind {
            TExprKind::Const(Constant::Percent(p)) => Some((*p, c.span)),
            _ => None,
        })
        .collect()
}

/// Every enumeration value an expression can stand for, with where it was written.
fn enum_values(input: &LegalInput<'_>, e: &TExpr) -> Vec<(u16, Span)> {
    let mut out = Vec::new();
    for c in constants(input, e) {
        walk(c, &mut |x| {
            if let TExprKind::Const(Constant::Enum(_, i)) = x.kind {
                out.push((i, x.span));
            }
        });
    }
    out
}

/// Whether a duration is certainly longer than `years` (a month counts at most 31 days).
fn exceeds_years(d: Duration, years: u64) -> bool {
    let Some(limit) = years.checked_mul(12) else {
        // More months than `u64` holds: no duration is that long.
        return false;
    };
    let months = d.total_months();
    months > limit
        || (months == limit && d.days > 0)
        || (limit.checked_sub(months))
            .and_then(|left| left.checked_mul(31))
            .is_some_and(|max_days| u64::from(d.days) > max_days)
}

fn show_duration(d: Duration) -> String {
    let mut parts = Vec::new();
    for (n, one, many) in [
        (d.years, "year", "years"),
        (d.months, "month", "months"),
        (d.days, "day", "days"),
    ] {
        if n > 0 {
            parts.push(format!("{n} {}", if n == 1 { one } else { many }));
        }
    }
    if parts.is_empty() {
        "0 days".into()
    } else {
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn six_years_is_allowed_and_a_day_more_is_not() {
        let d = |years, months, days| Duration {
            years,
            months,
            days,
        };
        assert!(!exceeds_years(d(6, 0, 0), 6));
        assert!(exceeds_years(d(6, 0, 1), 6));
        assert!(exceeds_years(d(5, 13, 0), 6));
        assert!(!exceeds_years(d(0, 0, 2190), 6));
        assert!(exceeds_years(d(0, 0, 2233), 6));
    }

    #[test]
    fn an_ordinance_runs_four_years_both_days_included() {
        let date = |s: &str| s.parse::<NaiveDate>().unwrap();
        let span = Span::new(crate::source::FileId(0), 0, 1);
        let mut problems = Vec::new();
        ordinance_period(date("2024-03-26"), date("2028-03-25"), span, &mut problems);
        assert!(problems.is_empty());
        ordinance_period(date("2024-03-26"), date("2028-03-26"), span, &mut problems);
        assert_eq!(problems.len(), 1);
    }
}
