//! Checking each kind of item and lowering it into the checked rule set.

use std::collections::BTreeMap;

use super::error::CheckError;
use super::expr::{Dep, Typer};
use super::ir::{
    AuthorityDecl, ClassifyRule, Constant, DefineRule, ExemptionRule, ExemptionTest, GateRule,
    KindDecl, OrderKeyRule, OrderKeyTest, OrderRule, ParamDecl, ParamValueDecl, PointsRule,
    PriorityRule, QuotaRule, RegionDecl, RuleMeta, TExpr, TExprKind, TailoredRule, TemplatePiece,
};
use super::suggest::closest;
use super::types::{EnumType, Type, Vocab};
use crate::source::Span;
use crate::syntax::ast::{
    self, Direction, ExemptionKind, Ident, OrderKeyKind, TemplatePart, TypeNameKind, WindowKind,
};
use crate::vocab::OverrideKind;

const PRIMITIVES: &[(&str, Type)] = &[
    ("bool", Type::Bool),
    ("integer", Type::Integer),
    ("decimal", Type::Decimal),
    ("money", Type::Money),
    ("percent", Type::Percent),
    ("date", Type::Date),
    ("duration", Type::Duration),
    ("text", Type::Text),
];

/// Resolves a parameter's declared type.
pub fn param_type(ty: &ast::TypeName, problems: &mut Vec<CheckError>) -> Option<Type> {
    let (ident, set) = match &ty.kind {
        TypeNameKind::Named(i) => (i, false),
        TypeNameKind::SetOf(i) => (i, true),
    };
    let vocab = Vocab::from_type_name(&ident.name);
    let primitive = PRIMITIVES
        .iter()
        .find(|(n, _)| *n == ident.name)
        .map(|(_, t)| *t);
    match (set, vocab, primitive) {
        (true, Some(v), _) => Some(Type::Set(EnumType::Vocab(v))),
        (false, Some(v), _) => Some(Type::Enum(EnumType::Vocab(v))),
        (false, None, Some(t)) => Some(t),
        _ => {
            let vocabs = Vocab::ALL.iter().map(|v| v.type_name());
            let suggestion = if set {
                closest(&ident.name, vocabs)
            } else {
                closest(
                    &ident.name,
                    PRIMITIVES.iter().map(|(n, _)| *n).chain(vocabs),
                )
            };
            problems.push(CheckError::UnknownType {
                name: ident.name.clone(),
                span: ident.span,
                suggestion,
            });
            None
        }
    }
}

fn meta(
    kind: &str,
    id: &Ident,
    title: &Option<ast::Text>,
    source: &Option<ast::Source>,
    span: Span,
    problems: &mut Vec<CheckError>,
) -> RuleMeta {
    if source.is_none() {
        problems.push(CheckError::MissingSource {
            kind: kind.to_owned(),
            id: id.name.clone(),
            span: id.span,
        });
    }
    RuleMeta {
        id: id.name.clone(),
        title: title
            .as_ref()
            .map_or_else(|| id.name.clone(), |t| t.value.clone()),
        source: source
            .as_ref()
            .map_or_else(String::new, |s| s.text.value.clone()),
        span,
        name_span: id.span,
    }
}

/// A parameter: values of the declared type, constant, in strict date order.
pub fn param(typer: &mut Typer<'_, '_>, p: &ast::Param, ty: Option<Type>) -> Option<ParamDecl> {
    let meta = meta(
        "parameter",
        &p.id,
        &p.title,
        &p.source,
        p.span,
        &mut typer.problems,
    );
    if p.values.is_empty() {
        typer.problems.push(CheckError::NoValues {
            param: p.id.name.clone(),
            span: p.id.span,
        });
    }
    let mut previous: Option<chrono::NaiveDate> = None;
    for v in &p.values {
        if let Some(prev) = previous {
            if v.from.date == prev {
                typer.problems.push(CheckError::OverlappingPeriods {
                    param: p.id.name.clone(),
                    date: v.from.date.to_string(),
                    span: v.from.span,
                });
            } else if v.from.date < prev {
                typer.problems.push(CheckError::UnsortedPeriods {
                    param: p.id.name.clone(),
                    date: v.from.date.to_string(),
                    span: v.from.span,
                });
            }
        }
        previous = Some(v.from.date);
    }
    let ty = ty?;
    let context = format!("a value of `{}`", p.id.name);
    let mut values = Vec::with_capacity(p.values.len());
    for v in &p.values {
        let value = typer.expect(&v.value, ty, &context)?;
        if !matches!(value.kind, TExprKind::Const(_) | TExprKind::Set(_)) {
            typer.problems.push(CheckError::NotConstant {
                what: format!("a value of `{}`", p.id.name),
                span: v.value.span,
            });
            return None;
        }
        values.push(ParamValueDecl {
            value,
            from: v.from.date,
            unverified: v.unverified.as_ref().map(|t| t.value.clone()),
            span: v.span,
        });
    }
    Some(ParamDecl {
        meta,
        ty,
        policy: p.policy.as_ref().map(|t| t.value.clone()),
        values,
    })
}

/// A region: its members, sorted and without repeats.
pub fn region(r: &ast::Region) -> RegionDecl {
    let mut members: Vec<String> = r.members.iter().map(|m| m.value.clone()).collect();
    members.sort();
    members.dedup();
    RegionDecl {
        meta: RuleMeta {
            id: r.id.name.clone(),
            title: r
                .title
                .as_ref()
                .map_or_else(|| r.id.name.clone(), |t| t.value.clone()),
            source: r
                .source
                .as_ref()
                .map_or_else(String::new, |s| s.text.value.clone()),
            span: r.span,
            name_span: r.id.span,
        },
        members,
    }
}

/// A gate.
pub fn gate(typer: &mut Typer<'_, '_>, g: &ast::Gate) -> Option<GateRule> {
    let meta = meta(
        "gate",
        &g.id,
        &g.title,
        &g.source,
        g.span,
        &mut typer.problems,
    );
    let applies = g
        .applies
        .as_ref()
        .map(|a| typer.condition(a, "`applies when`"));
    let require = typer.condition(&g.require, "`require`");
    let exemptions: Vec<Option<ExemptionRule>> =
        g.exemptions.iter().map(|e| exemption(typer, e)).collect();
    let message = g.message.as_ref().map(|m| template(typer, m));
    let letter = g.letter.as_ref().map(|m| template(typer, m));
    Some(GateRule {
        meta,
        applies: applies.map_or(Some(None), |a| a.map(Some))?,
        require: require?,
        exemptions: exemptions.into_iter().collect::<Option<Vec<_>>>()?,
        message: message.map_or(Some(None), |m| m.map(Some))?,
        letter: letter.map_or(Some(None), |m| m.map(Some))?,
    })
}

/// The deciding body of the root file; an `authority` in an imported file
/// (E0321) or with a clause missing (E0322) is refused.
pub fn authority(files: &[ast::RuleFile], problems: &mut Vec<CheckError>) -> Option<AuthorityDecl> {
    for other in files.iter().skip(1).filter_map(|f| f.authority.as_ref()) {
        problems.push(CheckError::AuthorityNotInRoot { span: other.span });
    }
    let a = files.first()?.authority.as_ref()?;
    let missing = |what: &'static str| CheckError::AuthorityIncomplete {
        missing: what,
        span: a.span,
    };
    let source = a.source.as_ref().map(|s| s.text.value.clone());
    let objections = a.objections.as_ref().map(|t| t.value.clone());
    let signed_by = a.signed_by.as_ref().map(|t| t.value.clone());
    if source.is_none() {
        problems.push(missing("source"));
    }
    if objections.is_none() {
        problems.push(missing("objections to"));
    }
    if signed_by.is_none() {
        problems.push(missing("signed by"));
    }
    Some(AuthorityDecl {
        name: a.name.value.clone(),
        source: source?,
        policy: a.policy.as_ref().map(|t| t.value.clone()),
        objections: objections?,
        signed_by: signed_by?,
    })
}

/// With a deciding body declared, every gate gives its reason in a letter:
/// a gate without a `letter` text is reported (W0108).
pub fn letters(files: &[ast::RuleFile], problems: &mut Vec<CheckError>) {
    if files.first().and_then(|f| f.authority.as_ref()).is_none() {
        return;
    }
    for file in files {
        for item in &file.items {
            if let ast::Item::Gate(g) = item {
                if g.letter.is_none() {
                    problems.push(CheckError::GateWithoutLetter {
                        gate: g.id.name.clone(),
                        span: g.id.span,
                    });
                }
            }
        }
    }
}

fn exemption(typer: &mut Typer<'_, '_>, e: &ast::Exemption) -> Option<ExemptionRule> {
    let kind = match &e.kind {
        ExemptionKind::When(cond) => ExemptionTest::When(typer.condition(cond, "`unless`")?),
        ExemptionKind::Override(kind) => {
            let Ok(k) = kind.name.parse::<OverrideKind>() else {
                typer.problems.push(CheckError::UnknownOverride {
                    kind: kind.name.clone(),
                    span: kind.span,
                    suggestion: closest(&kind.name, OverrideKind::ALL.iter().map(|k| k.as_str())),
                });
                return None;
            };
            ExemptionTest::Override(k)
        }
    };
    Some(ExemptionRule {
        kind,
        because: e.because.value.clone(),
    })
}

fn template(typer: &mut Typer<'_, '_>, t: &ast::Template) -> Option<Vec<TemplatePiece>> {
    let pieces: Vec<Option<TemplatePiece>> = t
        .parts
        .iter()
        .map(|part| match part {
            TemplatePart::Text(s) => Some(TemplatePiece::Text(s.clone())),
            TemplatePart::Hole(e) => typer.value(e).map(TemplatePiece::Hole),
        })
        .collect();
    pieces.into_iter().collect()
}

/// A priority group; `ranks` holds the ranks seen so far, which must be
/// unique and at least one.
pub fn priority<'p>(
    typer: &mut Typer<'_, '_>,
    p: &'p ast::Priority,
    ranks: &mut BTreeMap<i64, &'p str>,
) -> Option<PriorityRule> {
    let meta = meta(
        "priority",
        &p.id,
        &p.title,
        &p.source,
        p.span,
        &mut typer.problems,
    );
    if p.rank.value < 1 {
        typer.problems.push(CheckError::RankTooLow {
            id: p.id.name.clone(),
            span: p.rank.span,
        });
    } else if let Some(other) = ranks.insert(p.rank.value, &p.id.name) {
        typer.problems.push(CheckError::DuplicateRank {
            id: p.id.name.clone(),
            rank: p.rank.value,
            other: other.to_owned(),
            span: p.rank.span,
        });
    }
    let when = typer.condition(&p.when, "`when`")?;
    Some(PriorityRule {
        meta,
        rank: p.rank.value,
        urgent: p.urgent.is_some(),
        when,
    })
}

/// A named condition: a source (E0301 without one) and its body, typed
/// through the typer so that a rule reading it earlier and this
/// declaration share one typing.
pub fn define(typer: &mut Typer<'_, '_>, d: &ast::Define, index: usize) -> Option<DefineRule> {
    let meta = meta(
        "define",
        &d.id,
        &d.title,
        &d.source,
        d.span,
        &mut typer.problems,
    );
    // Typed for its problems; every reading carries the typed body itself.
    typer.define(index)?;
    Some(DefineRule { meta })
}

/// A tailored allocation ground: a source (E0301 without one) and a
/// condition on the pair, typed like any rule condition.
pub fn tailored(typer: &mut Typer<'_, '_>, t: &ast::Tailored) -> Option<TailoredRule> {
    let meta = meta(
        "tailored",
        &t.id,
        &t.title,
        &t.source,
        t.span,
        &mut typer.problems,
    );
    let when = typer.condition(&t.when, "`when`")?;
    Some(TailoredRule { meta, when })
}

/// A points rule.
pub fn points(typer: &mut Typer<'_, '_>, p: &ast::Points) -> Option<PointsRule> {
    let meta = meta(
        "points",
        &p.id,
        &p.title,
        &p.source,
        p.span,
        &mut typer.problems,
    );
    let contributions: Vec<Option<(i64, TExpr)>> = p
        .contributions
        .iter()
        .map(|c| {
            typer
                .condition(&c.when, "`when`")
                .map(|w| (c.amount.value, w))
        })
        .collect();
    Some(PointsRule {
        meta,
        contributions: contributions.into_iter().collect::<Option<Vec<_>>>()?,
    })
}

/// A classification: unique labels, `otherwise` last and present.
pub fn classify(typer: &mut Typer<'_, '_>, c: &ast::Classify) -> Option<ClassifyRule> {
    let meta = meta(
        "classify",
        &c.id,
        &c.title,
        &c.source,
        c.span,
        &mut typer.problems,
    );
    let mut seen: Vec<&str> = Vec::new();
    let mut labels = Vec::with_capacity(c.labels.len());
    let mut rest = c.labels.iter();
    while let Some(label) = rest.next() {
        if seen.contains(&label.name.name.as_str()) {
            typer.problems.push(CheckError::DuplicateLabel {
                label: label.name.name.clone(),
                rule: c.id.name.clone(),
                span: label.name.span,
            });
        }
        seen.push(&label.name.name);
        if label.when.is_none() && !rest.as_slice().is_empty() {
            typer.problems.push(CheckError::OtherwiseNotLast {
                rule: c.id.name.clone(),
                span: label.span,
            });
        }
        let when = label.when.as_ref().map(|w| typer.condition(w, "`when`"));
        labels.push(match when {
            Some(Some(w)) => Some((label.name.name.clone(), Some(w))),
            Some(None) => None,
            None => Some((label.name.name.clone(), None)),
        });
    }
    if c.labels.iter().all(|l| l.when.is_some()) {
        typer.problems.push(CheckError::MissingOtherwise {
            rule: c.id.name.clone(),
            span: c.id.span,
        });
    }
    Some(ClassifyRule {
        meta,
        labels: labels.into_iter().collect::<Option<Vec<_>>>()?,
    })
}

/// A quota: a constant share within 0–100% and a constant, non-empty window.
pub fn quota(typer: &mut Typer<'_, '_>, q: &ast::Quota) -> Option<QuotaRule> {
    let meta = meta(
        "quota",
        &q.id,
        &q.title,
        &q.source,
        q.span,
        &mut typer.problems,
    );
    let applies = q
        .applies
        .as_ref()
        .map(|a| typer.condition(a, "`applies when`"));
    let share = typer.expect(&q.share, Type::Percent, "a quota share");
    let among = q.among.as_ref().map(|a| typer.condition(a, "`among`"));
    let with = typer.condition(&q.with, "`with`");
    let rolling = match &q.window.kind {
        WindowKind::CalendarYear => Some(None),
        WindowKind::Rolling(d) => Some(typer.expect(d, Type::Duration, "a quota window")),
    };
    for constant in [share.as_ref(), rolling.as_ref().and_then(|r| r.as_ref())]
        .into_iter()
        .flatten()
    {
        if !matches!(constant.kind, TExprKind::Const(_) | TExprKind::Param(_)) {
            typer.problems.push(CheckError::NotConstant {
                what: "a quota share or window".into(),
                span: constant.span,
            });
            return None;
        }
    }
    if let Some(TExprKind::Const(Constant::Percent(p))) = share.as_ref().map(|s| &s.kind) {
        if *p < rust_decimal::Decimal::ZERO || *p > rust_decimal::Decimal::ONE_HUNDRED {
            typer.problems.push(CheckError::ShareOutOfRange {
                quota: q.id.name.clone(),
                share: format!("{p}%"),
                span: q.share.span,
            });
        }
    }
    if let Some(Some(TExpr {
        kind: TExprKind::Const(Constant::Duration(d)),
        span,
        ..
    })) = &rolling
    {
        if d.total_months() == 0 && d.days == 0 {
            typer.problems.push(CheckError::EmptyWindow {
                quota: q.id.name.clone(),
                span: *span,
            });
        }
    }
    Some(QuotaRule {
        meta,
        applies: applies.map_or(Some(None), |a| a.map(Some))?,
        bound: q.bound,
        share: share?,
        among: among.map_or(Some(None), |a| a.map(Some))?,
        with: with?,
        scope: q.scope.kind,
        rolling: rolling?,
    })
}

/// The ranking: ordered keys, `priority` at most once, `lottery` last.
pub fn order(typer: &mut Typer<'_, '_>, o: &ast::Order) -> Option<OrderRule> {
    if o.source.is_none() {
        typer.problems.push(CheckError::MissingSource {
            kind: "order".into(),
            id: "order".into(),
            span: o.span,
        });
    }
    let mut keys = Vec::with_capacity(o.keys.len());
    let mut seen_priority = false;
    let mut seen_lottery = false;
    for key in &o.keys {
        if seen_lottery {
            typer
                .problems
                .push(CheckError::LotteryNotLast { span: key.span });
        }
        let kind = match &key.kind {
            OrderKeyKind::Priority => {
                if seen_priority {
                    typer.problems.push(CheckError::DuplicateOrderKey {
                        key: "priority".into(),
                        span: key.span,
                    });
                }
                seen_priority = true;
                typer.deps.insert(Dep::Priority);
                Some(OrderKeyTest::Priority)
            }
            OrderKeyKind::Lottery => {
                seen_lottery = true;
                Some(OrderKeyTest::Lottery)
            }
            OrderKeyKind::Expr(e) => typer.value(e).and_then(|t| {
                if t.ty.is_ordered() {
                    Some(OrderKeyTest::Expr(t))
                } else {
                    typer.problems.push(CheckError::NotOrdered {
                        ty: typer.show(t.ty),
                        span: e.span,
                    });
                    None
                }
            }),
        };
        keys.push(kind.map(|kind| OrderKeyRule {
            kind,
            direction: key.direction.unwrap_or(Direction::Asc),
        }));
    }
    Some(OrderRule {
        keys: keys.into_iter().collect::<Option<Vec<_>>>()?,
    })
}

/// The kind table: the Wbmgp's kinds, then each declared one with its title
/// and source (a kind without a source is an error, as a rule is).
pub fn designation_kinds(
    declared: &[&ast::DesignationKind],
    problems: &mut Vec<CheckError>,
) -> Vec<KindDecl> {
    let mut kinds: Vec<KindDecl> = crate::vocab::WBMGP_KINDS
        .iter()
        .map(|k| KindDecl {
            name: k.name.to_owned(),
            title: k.title.to_owned(),
            source: k.source.to_owned(),
            statutory: true,
            span: None,
        })
        .collect();
    for d in declared {
        if kinds.len() == crate::limits::MAX_DESIGNATION_KINDS {
            problems.push(CheckError::TooManyKinds {
                max: crate::limits::MAX_DESIGNATION_KINDS,
                span: d.id.span,
            });
            break;
        }
        let meta = meta("designation", &d.id, &d.title, &d.source, d.span, problems);
        kinds.push(KindDecl {
            name: meta.id,
            title: meta.title,
            source: meta.source,
            statutory: false,
            span: Some(d.span),
        });
    }
    kinds
}
