//! The changed decisions counted by rule and article, by complex and
//! buurt, by household type and income source, and by priority group.

use std::collections::BTreeMap;

use super::decisions::rule_metas;
use super::{ChangedDecision, Count, Groups, RuleCount};
use crate::check::CheckedRuleSet;

/// The key for decisions whose only change is their rank (another
/// candidate's change moved them).
pub const RANK_ONLY: &str = "(rank only)";

/// Counts `changed`; rule sources are read from `new`, else `old`.
pub fn groups(changed: &[ChangedDecision], old: &CheckedRuleSet, new: &CheckedRuleSet) -> Groups {
    let mut rules: BTreeMap<&str, usize> = BTreeMap::new();
    let mut complexes = BTreeMap::new();
    let mut buurten = BTreeMap::new();
    let mut households = BTreeMap::new();
    let mut incomes = BTreeMap::new();
    let mut priorities = BTreeMap::new();
    let bump = |map: &mut BTreeMap<String, usize>, key: &str| {
        let n = map.entry(key.to_owned()).or_insert(0);
        *n = n.saturating_add(1);
    };
    for d in changed {
        if d.rules.is_empty() {
            let n = rules.entry(RANK_ONLY).or_insert(0);
            *n = n.saturating_add(1);
        }
        for r in &d.rules {
            let n = rules.entry(r.as_str()).or_insert(0);
            *n = n.saturating_add(1);
        }
        bump(&mut complexes, &d.complex);
        bump(&mut buurten, &d.buurt);
        bump(&mut households, &d.household);
        bump(&mut incomes, &d.income_sources);
        let priority = d.changes.iter().find(|c| c.field == "priority");
        let key = priority.map_or_else(
            || "unchanged".to_owned(),
            |c| format!("{} → {}", c.old, c.new),
        );
        bump(&mut priorities, &key);
    }
    let mut rules: Vec<RuleCount> = rules
        .into_iter()
        .map(|(rule, count)| RuleCount {
            rule: rule.to_owned(),
            source: source_of(new, rule)
                .or_else(|| source_of(old, rule))
                .unwrap_or_default()
                .to_owned(),
            count,
        })
        .collect();
    rules.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.rule.cmp(&b.rule)));
    Groups {
        rules,
        complexes: sorted(complexes),
        buurten: sorted(buurten),
        households: sorted(households),
        income_sources: sorted(incomes),
        priorities: sorted(priorities),
    }
}

/// A map's counts, most first, then by key.
pub(crate) fn sorted(map: BTreeMap<String, usize>) -> Vec<Count> {
    let mut out: Vec<Count> = map
        .into_iter()
        .map(|(key, count)| Count { key, count })
        .collect();
    out.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.key.cmp(&b.key)));
    out
}

/// The legal source of the rule `id`, of whatever kind.
fn source_of<'r>(rules: &'r CheckedRuleSet, id: &str) -> Option<&'r str> {
    rule_metas(rules)
        .find(|(_, m)| m.id == id)
        .map(|(_, m)| m.source.as_str())
}
