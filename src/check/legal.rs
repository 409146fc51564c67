//! The limits the law puts on rule sets, checked on the typed rules
//! (`domain.md` section 8). Each error cites its article.

use chrono::{Days, Months, NaiveDate};
use rust_decimal::Decimal;

use super::error::CheckError;
use super::ir::{
    Constant, ExemptionTest, GateRule, ParamDecl, PriorityRule, QuotaRule, TExpr, TExprKind,
};
use super::schema::{Fact, Func};
use super::types::{EnumType, Vocab};
use crate::source::Span;
use crate::syntax::ast::{BinaryOp, Bound, Duration, LogicalOp};
use crate::vocab::{DesignationKind, IncomeSource, OverrideKind, UrgencyCategory};

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
    /// Every other typed expression (points, classifications, order keys).
    pub other: Vec<&'r TExpr>,
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
    binding_caps(input, problems);
    urgency_categories(input, problems);
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
        if !art8 {
            if let Some(span) = minimum_income(x) {
                problems.push(CheckError::MinimumIncome {
                    gate: gate.meta.id.clone(),
                    span,
                });
            }
        }
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
}

/// Whether `applies when` holds only inside a Wbmgp art. 8 designation.
fn requires_art8(applies: &TExpr) -> bool {
    match &applies.kind {
        TExprKind::Designated(DesignationKind::WbmgpArt8) => true,
        TExprKind::Logical(LogicalOp::And, ops) => ops.iter().any(requires_art8),
        _ => false,
    }
}

/// A lower bound on income: `household.income >= X` or `X < household.income_from(…)`.
fn minimum_income(e: &TExpr) -> Option<Span> {
    let TExprKind::Binary(op, l, r) = &e.kind else {
        return None;
    };
    let income = |x: &TExpr| {
        matches!(
            x.kind,
            TExprKind::Fact(Fact::HouseholdIncome) | TExprKind::Call(Func::IncomeFrom, _)
        )
    };
    let lower_bound = match op {
        BinaryOp::Ge | BinaryOp::Gt => income(l),
        BinaryOp::Le | BinaryOp::Lt => income(r),
        _ => false,
    };
    lower_bound.then_some(e.span)
}

fn art8_sources(input: &LegalInput<'_>, e: &TExpr, problems: &mut Vec<CheckError>) {
    let TExprKind::Call(Func::HasIncome | Func::ApplicantHasIncome, args) = &e.kind else {
        return;
    };
    for arg in args {
        for (index, span) in enum_values(input, arg) {
            let word = Vocab::IncomeSource
                .words()
                .get(usize::from(index))
                .copied()
                .unwrap_or("");
            let listed = IncomeSource::from_word(word)
                .is_some_and(|s| IncomeSource::WBMGP_ART8.contains(&s));
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
    let TExprKind::Binary(op, l, r) = &e.kind else {
        return;
    };
    let residence = |x: &TExpr| {
        matches!(
            x.kind,
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
    let TExprKind::Call(Func::ScreeningObjectionWithin, args) = &e.kind else {
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
fn binding_caps(input: &LegalInput<'_>, problems: &mut Vec<CheckError>) {
    let binding: Vec<usize> = input
        .priorities
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.as_ref().filter(|p| reads_binding(&p.when)).map(|_| i))
        .collect();
    let mut capped = vec![false; input.priorities.len()];
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
            if let Some(c) = capped.get_mut(g) {
                *c = true;
            }
        }
    }
    for i in binding {
        if let (Some(false), Some(Some(p))) = (capped.get(i), input.priorities.get(i)) {
            problems.push(CheckError::BindingUncapped {
                priority: p.meta.id.clone(),
                span: p.meta.name_span,
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

fn reads_binding(e: &TExpr) -> bool {
    let mut found = false;
    walk(e, &mut |x| {
        if let TExprKind::Call(f, _) = &x.kind {
            found |= f.is_binding();
        }
    });
    found
}

/// Hw2014 art. 12 lid 3: urgency must cover shelter after violence and mantelzorg.
fn urgency_categories(input: &LegalInput<'_>, problems: &mut Vec<CheckError>) {
    for p in input.priorities.iter().flatten() {
        walk(&p.when, &mut |x| {
            let TExprKind::Binary(BinaryOp::In, l, r) = &x.kind else {
                return;
            };
            if !matches!(l.kind, TExprKind::Fact(Fact::UrgencyCategory)) {
                return;
            }
            let words = Vocab::UrgencyCategory.words();
            let present: Vec<&str> = enum_values(input, r)
                .into_iter()
                .filter_map(|(i, _)| words.get(usize::from(i)).copied())
                .collect();
            let missing: Vec<String> = [
                UrgencyCategory::ShelterAfterViolence,
                UrgencyCategory::Mantelzorg,
            ]
            .iter()
            .filter(|c| !present.contains(&c.as_str()))
            .map(|c| format!("`{c}`"))
            .collect();
            if !missing.is_empty() {
                problems.push(CheckError::UrgencyCategoriesIncomplete {
                    missing: missing.join(" and "),
                    span: r.span,
                });
            }
        });
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
        TExprKind::Not(x) | TExprKind::Neg(x) => walk(x, f),
        TExprKind::Binary(_, l, r) => {
            walk(l, f);
            walk(r, f);
        }
        _ => {}
    }
}

/// The constant values an expression can take: itself, or every value of a parameter.
fn constants<'r>(input: &LegalInput<'r>, e: &'r TExpr) -> Vec<&'r TExpr> {
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
    let limit = years * 12;
    let months = d.total_months();
    months > limit
        || (months == limit && d.days > 0)
        || (months < limit && u64::from(d.days) > (limit - months) * 31)
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
