//! Deciding every pair both ways and keeping what changed.
//!
//! The fast path compares the engines' [`Decision`]s through index tables
//! built once per comparison (a gate, group, points rule or label of one
//! side to the same of the other, by name): no string is built and nothing
//! is looked up by name per pair. Only a pair that changed is decided again
//! with its full trace, on both sides, and put into words.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::lines::differing_lines;
use super::{ChangedDecision, FieldChange};
use crate::check::CheckedRuleSet;
use crate::check::ir::RuleMeta;
use crate::eval::record::{DecisionRecord, Outcome, RuleRecord};
use crate::eval::{Decision, Engine, GateOutcome};
use crate::model::Applicant;
use crate::report::redact::Redactor;

/// What a comparison of decisions found.
#[derive(Debug, Default)]
pub struct Compared {
    /// Pairs decided both ways.
    pub pairs: usize,
    /// The pairs that changed.
    pub changed: Vec<ChangedDecision>,
    /// Rules only the baseline has (`gate x`).
    pub only_baseline: Vec<String>,
    /// Rules only the other side has.
    pub only_variant: Vec<String>,
}

/// For each rule of one side, the index of the rule of the same name on
/// the other side.
struct Tables {
    gates: Vec<Option<usize>>,
    priorities: Vec<Option<usize>>,
    points: Vec<Option<usize>>,
    /// Per classification: the other side's classification, and per label
    /// the other side's label of the same name.
    labels: Vec<Option<(usize, Vec<Option<u16>>)>>,
}

fn position<T>(list: &[T], id: impl Fn(&T) -> &str, name: &str) -> Option<usize> {
    list.iter().position(|x| id(x) == name)
}

impl Tables {
    fn new(old: &CheckedRuleSet, new: &CheckedRuleSet) -> Self {
        Tables {
            gates: (old.gates.iter())
                .map(|g| position(&new.gates, |x| &x.meta.id, &g.meta.id))
                .collect(),
            priorities: (old.priorities.iter())
                .map(|p| position(&new.priorities, |x| &x.meta.id, &p.meta.id))
                .collect(),
            points: (old.points.iter())
                .map(|p| position(&new.points, |x| &x.meta.id, &p.meta.id))
                .collect(),
            labels: (old.classifications.iter())
                .map(|c| {
                    let j = position(&new.classifications, |x| &x.meta.id, &c.meta.id)?;
                    let other = new.classifications.get(j)?;
                    let map = (c.labels.iter())
                        .map(|(l, _)| {
                            position(&other.labels, |x| &x.0, l).and_then(|m| u16::try_from(m).ok())
                        })
                        .collect();
                    Some((j, map))
                })
                .collect(),
        }
    }

    /// Whether two decisions of one pair differ in eligibility, failing
    /// gates, priority group, points or labels (of rules both sides have).
    fn differ(&self, a: &Decision, b: &Decision) -> bool {
        if a.eligible != b.eligible {
            return true;
        }
        let failed = |o: &GateOutcome| *o == GateOutcome::Failed;
        let failed_new = b.gates.iter().filter(|o| failed(o)).count();
        let mut failed_old = 0usize;
        for (i, o) in a.gates.iter().enumerate() {
            if !failed(o) {
                continue;
            }
            failed_old = failed_old.saturating_add(1);
            let same = self
                .gates
                .get(i)
                .copied()
                .flatten()
                .and_then(|j| b.gates.get(j))
                .is_some_and(failed);
            if !same {
                return true;
            }
        }
        if failed_old != failed_new {
            return true;
        }
        let mapped = a.derived.priority.map(|p| {
            self.priorities
                .get(usize::from(p))
                .copied()
                .flatten()
                .and_then(|j| u16::try_from(j).ok())
        });
        match (mapped, b.derived.priority) {
            (None, None) => {}
            (Some(Some(x)), Some(y)) if x == y => {}
            _ => return true,
        }
        for (i, total) in a.derived.points.iter().enumerate() {
            if let Some(j) = self.points.get(i).copied().flatten() {
                if b.derived.points.get(j) != Some(total) {
                    return true;
                }
            }
        }
        for (i, label) in a.derived.labels.iter().enumerate() {
            if let Some(Some((j, map))) = self.labels.get(i) {
                let mapped = map.get(usize::from(*label)).copied().flatten();
                if mapped.is_none() || mapped != b.derived.labels.get(*j).copied() {
                    return true;
                }
            }
        }
        false
    }
}

/// Every rule of a rule set with its kind word, in a fixed order.
pub(crate) fn rule_metas(
    rules: &CheckedRuleSet,
) -> impl Iterator<Item = (&'static str, &RuleMeta)> {
    (rules.gates.iter().map(|r| ("gate", &r.meta)))
        .chain(rules.priorities.iter().map(|r| ("priority", &r.meta)))
        .chain(rules.points.iter().map(|r| ("points", &r.meta)))
        .chain(rules.classifications.iter().map(|r| ("classify", &r.meta)))
        .chain(rules.quotas.iter().map(|r| ("quota", &r.meta)))
        .chain(rules.tailored.iter().map(|r| ("tailored", &r.meta)))
}

/// Each rule of `a` that `b` has no rule of the same kind and name for.
fn only_in(a: &CheckedRuleSet, b: &CheckedRuleSet) -> Vec<String> {
    rule_metas(a)
        .filter(|(kind, meta)| !rule_metas(b).any(|(k, m)| k == *kind && m.id == meta.id))
        .map(|(kind, meta)| format!("{kind} {}", meta.id))
        .collect()
}

/// Whether both rule sets name their gates, groups, points rules,
/// classifications and labels alike, in the same order: a comparison
/// pairs them by name, so programs that decide alike but name a rule
/// otherwise still differ for it.
fn same_names(a: &CheckedRuleSet, b: &CheckedRuleSet) -> bool {
    let labels = |r: &CheckedRuleSet| -> Vec<Vec<String>> {
        r.classifications
            .iter()
            .map(|c| c.labels.iter().map(|(l, _)| l.clone()).collect())
            .collect()
    };
    rule_metas(a)
        .map(|(k, m)| (k, &m.id))
        .eq(rule_metas(b).map(|(k, m)| (k, &m.id)))
        && labels(a) == labels(b)
}

/// One candidate of a unit on one side: applicant, rank (`None`: not
/// eligible), decision.
type Row<'l> = (usize, Option<usize>, &'l Decision);

fn rows(lineup: &crate::eval::Lineup) -> Vec<Row<'_>> {
    let mut rows: Vec<Row<'_>> = lineup
        .eligible()
        .enumerate()
        .map(|(i, (a, d))| (a, Some(i.saturating_add(1)), d))
        .chain(lineup.ineligible().map(|(a, d)| (a, None, d)))
        .collect();
    rows.sort_unstable_by_key(|(a, _, _)| *a);
    rows
}

/// Which pairs to decide both ways.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// Only these units (positions in the data); empty: every unit.
    pub units: Vec<usize>,
    /// Only these applicants, each with every unit selected, whether they
    /// reacted or not; empty: see `every_applicant`.
    pub applicants: Vec<usize>,
    /// Every applicant with each unit, not only those who reacted.
    pub every_applicant: bool,
    /// Threads to decide each unit's candidates on (the result is the same
    /// for any number); 0 counts as 1.
    pub threads: usize,
    /// Redact the changed decisions (`--redact`).
    pub redact: Option<Redactor>,
    /// The language of the trace lines.
    pub lang: crate::words::Lang,
}

/// Whether the decisions for `unit` cannot differ: both engines run the
/// same checked rules (the variant left them alone, so the baseline's are
/// reused), or programs that decide alike (a variant that changes only
/// what a quota or a trace reads, see [`crate::allocate::programs_alike`]),
/// over the same complex (a decision reads only its unit's complex and
/// buurt, and a variant changes designations only). `alike` says whether
/// the programs decide alike, found once for the comparison.
fn untouched(old: &Engine<'_>, new: &Engine<'_>, alike: bool, unit: usize) -> bool {
    alike && old.data().complex_of_unit(unit) == new.data().complex_of_unit(unit)
}

/// Decides the pairs `selection` names (by default each reaction, or every
/// applicant with every unit when there are none; named applicants with
/// every unit selected) on both engines and describes each pair that
/// changed, ranks included (units [`untouched`] by the variant are not
/// decided again): a unit's candidates
/// are ranked among the pairs decided for it. Both engines decide over
/// data sets with the same applicants and units in the same order (a
/// variant changes designations only).
pub fn compare(old: &Engine<'_>, new: &Engine<'_>, selection: &Selection) -> Compared {
    let old_rules = old.program().rules;
    let new_rules = new.program().rules;
    let tables = Tables::new(old_rules, new_rules);
    let data = old.data();
    let wanted = |u: &usize| selection.units.is_empty() || selection.units.contains(u);
    let mut by_unit: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    if selection.every_applicant || !selection.applicants.is_empty() {
        let mut named = selection.applicants.clone();
        named.sort_unstable();
        named.dedup();
        let everyone: Vec<usize> = if named.is_empty() {
            (0..data.applicants().len()).collect()
        } else {
            named
        };
        for u in (0..data.units().len()).filter(wanted) {
            by_unit.insert(u, everyone.clone());
        }
    } else {
        for (a, u) in old.default_pairs() {
            if wanted(&u) {
                by_unit.entry(u).or_default().push(a);
            }
        }
    }
    let mut out = Compared {
        only_baseline: only_in(old_rules, new_rules),
        only_variant: only_in(new_rules, old_rules),
        ..Compared::default()
    };
    let threads = selection.threads.max(1);
    let alike = std::ptr::eq(old_rules, new_rules)
        || (crate::allocate::programs_alike(old.program(), new.program())
            && crate::allocate::data_alike(old.data(), new.data())
            && same_names(old_rules, new_rules));
    for (unit, candidates) in &by_unit {
        if untouched(old, new, alike, *unit) {
            out.pairs = out.pairs.saturating_add(candidates.len());
            continue;
        }
        let lo = old.lineup_on(*unit, candidates, threads);
        let ln = new.lineup_on(*unit, candidates, threads);
        let (ro, rn) = (rows(&lo), rows(&ln));
        out.pairs = out.pairs.saturating_add(ro.len());
        let mut changed: Vec<(usize, Option<usize>, Option<usize>)> = Vec::new();
        for ((a, rank_o, d_o), (b, rank_n, d_n)) in ro.iter().zip(&rn) {
            if a == b && (rank_o != rank_n || tables.differ(d_o, d_n)) {
                changed.push((*a, *rank_o, *rank_n));
            }
        }
        changed.sort_by(|x, y| old.applicant_id(x.0).cmp(old.applicant_id(y.0)));
        let mut described: Vec<ChangedDecision> = changed
            .into_iter()
            .map(|(a, rank_o, rank_n)| {
                describe(
                    old,
                    new,
                    a,
                    *unit,
                    (rank_o, rank_n),
                    (selection.redact.as_ref(), selection.lang),
                )
            })
            .collect();
        if selection.redact.is_some() {
            // By pseudonym: the order of the ids would say something about them.
            described.sort_by(|x, y| x.applicant.cmp(&y.applicant));
        }
        out.changed.append(&mut described);
    }
    out
}

fn describe(
    old: &Engine<'_>,
    new: &Engine<'_>,
    applicant: usize,
    unit: usize,
    ranks: (Option<usize>, Option<usize>),
    (redact, lang): (Option<&Redactor>, crate::words::Lang),
) -> ChangedDecision {
    let mut ro = old.record(applicant, unit, true);
    let mut rn = new.record(applicant, unit, true);
    if let Some(redactor) = redact {
        redactor.decision(&mut ro);
        redactor.decision(&mut rn);
    }
    let data = new.data();
    let date = new.program().date;
    let complex = data.complex_of_unit(unit);
    let buurt = complex.and_then(|c| data.buurt(&c.buurt));
    let file = data.applicants().get(applicant);
    ChangedDecision {
        applicant: rn.applicant.clone(),
        unit: rn.unit.clone(),
        complex: complex.map_or_else(String::new, |c| format!("{} {}", c.id, c.name)),
        buurt: buurt.map_or_else(String::new, |b| format!("{} ({})", b.name, b.code)),
        household: file.map_or_else(String::new, |f| household_type(f, date)),
        income_sources: file.map_or_else(String::new, |f| income_sources(f, date)),
        changes: field_changes(&ro, &rn, ranks),
        rules: changed_rules(&ro, &rn),
        trace: differing_lines(&ro, &rn, crate::report::words::Words(lang)),
    }
}

/// The household's type on `date`, by its adults and minors.
pub(crate) fn household_type(applicant: &Applicant, date: NaiveDate) -> String {
    let h = &applicant.household;
    match (h.adults_on(date), h.minors_on(date)) {
        (1, 0) => "single".into(),
        (2, 0) => "couple".into(),
        (1, _) => "single parent".into(),
        (2, _) => "couple with children".into(),
        (adults, minors) => format!("{adults} adults, {minors} minors"),
    }
}

/// The applicant's own income sources on `date`, joined by `+`.
pub(crate) fn income_sources(applicant: &Applicant, date: NaiveDate) -> String {
    let sources: Vec<&str> = applicant
        .income_sources_on(date)
        .iter()
        .map(|s| s.as_str())
        .collect();
    if sources.is_empty() {
        "no income".into()
    } else {
        sources.join(" + ")
    }
}

fn or_none(items: &[String]) -> String {
    if items.is_empty() {
        "none".into()
    } else {
        items.join(", ")
    }
}

fn rank_words(rank: Option<usize>) -> String {
    rank.map_or_else(|| "not eligible".into(), |r| r.to_string())
}

/// Each field of the two records that differs, in a fixed order.
fn field_changes(
    old: &DecisionRecord,
    new: &DecisionRecord,
    (rank_old, rank_new): (Option<usize>, Option<usize>),
) -> Vec<FieldChange> {
    let mut out = Vec::new();
    let mut push = |field: String, o: String, n: String| {
        if o != n {
            out.push(FieldChange {
                field,
                old: o,
                new: n,
            });
        }
    };
    push(
        "eligible".into(),
        old.eligible.to_string(),
        new.eligible.to_string(),
    );
    push("failed".into(), or_none(&old.failed), or_none(&new.failed));
    let group = |p: &Option<String>| p.clone().unwrap_or_else(|| "none".into());
    push(
        "priority".into(),
        group(&old.priority),
        group(&new.priority),
    );
    for label in &old.classifications {
        if let Some(other) = new.classifications.iter().find(|l| l.rule == label.rule) {
            push(label.rule.clone(), label.label.clone(), other.label.clone());
        }
    }
    for score in &old.points {
        if let Some(other) = new.points.iter().find(|s| s.rule == score.rule) {
            push(
                format!("points {}", score.rule),
                score.total.to_string(),
                other.total.to_string(),
            );
        }
    }
    push("rank".into(), rank_words(rank_old), rank_words(rank_new));
    out
}

/// What of a rule's outcome counts for the decision: a gate's failing
/// (passing, being exempt or not applying all let the applicant through),
/// a group's membership, a total, a label.
fn weight(outcome: &Outcome) -> Option<String> {
    match outcome {
        Outcome::Failed => Some("failed".into()),
        Outcome::Passed
        | Outcome::Exempt { .. }
        | Outcome::Overridden { .. }
        | Outcome::NotApplicable
        | Outcome::NotMember => None,
        Outcome::Member => Some("member".into()),
        Outcome::Scored { total } => Some(total.to_string()),
        Outcome::Labelled { label } => Some(label.clone()),
    }
}

/// The ids of the rules whose outcome changes the decision (a gate that
/// fails on one side only, a group joined or left, a total or label that
/// differs), including rules only one side has that count there.
fn changed_rules(old: &DecisionRecord, new: &DecisionRecord) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let find = |rules: &[RuleRecord], r: &RuleRecord| {
        rules
            .iter()
            .find(|n| n.id == r.id && n.kind == r.kind)
            .and_then(|n| weight(&n.outcome))
    };
    for r in &old.rules {
        if weight(&r.outcome) != find(&new.rules, r) {
            out.push(r.id.clone());
        }
    }
    for n in &new.rules {
        if weight(&n.outcome) != find(&old.rules, n) && !out.contains(&n.id) {
            out.push(n.id.clone());
        }
    }
    out
}
