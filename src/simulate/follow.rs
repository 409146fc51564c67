//! Every applicant followed through one side's allocation run: where and
//! when they were housed, and each time a designation's gate or a quota
//! refused them on the way.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;

use crate::allocate::record::{AllocationRun, Skip};
use crate::check::ir::{TExpr, TExprKind};
use crate::check::{CheckedRuleSet, walk};
use crate::model::Dataset;
use crate::model::dataset::{IdHash, IdMap};

/// Where a household was housed; the ids are the run's own.
#[derive(Debug, Clone)]
pub struct Placement<'r> {
    /// The vacancy's place in the run's order.
    pub position: usize,
    /// The day.
    pub date: NaiveDate,
    /// The unit.
    pub unit: &'r str,
    /// Its complex.
    pub complex: &'r str,
}

/// Whether a refusal came from a designation's gate or from a quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum RefusedBy {
    /// A gate that applies only under a designation kind.
    Designation,
    /// An `at most` quota, or a priority a quota capped.
    Quota,
}

impl RefusedBy {
    /// The word in the output.
    pub fn as_str(self) -> &'static str {
        match self {
            RefusedBy::Designation => "designation",
            RefusedBy::Quota => "quota",
        }
    }
}

/// One refusal of one household for one vacancy, borrowing its words from
/// the rules and the run: a year refuses households millions of times.
#[derive(Debug, Clone)]
pub struct Refusal<'r> {
    /// The applicant's index in the data.
    pub applicant: usize,
    /// The vacancy's place in the run's order.
    pub position: usize,
    /// The vacancy's day.
    pub date: NaiveDate,
    /// Designation or quota.
    pub by: RefusedBy,
    /// The designation kind or quota id.
    pub under: &'r str,
    /// The refusing unit's complex.
    pub complex: &'r str,
}

/// One side's run, followed household by household.
#[derive(Debug, Clone, Default)]
pub struct Followed<'r> {
    /// Every household that reacted to a vacancy of the period.
    pub households: BTreeSet<usize>,
    /// Where each housed household was housed.
    pub housed: BTreeMap<usize, Placement<'r>>,
    /// Every refusal, in run order.
    pub refusals: Vec<Refusal<'r>>,
}

/// The designation kinds an expression reads (`unit.complex designated K`).
pub fn kinds_read<'r>(rules: &'r CheckedRuleSet, e: Option<&TExpr>) -> Vec<&'r str> {
    let mut kinds = BTreeSet::new();
    if let Some(e) = e {
        walk(e, &mut |x| {
            if let TExprKind::Designated(k) = &x.kind {
                kinds.insert(rules.kind_name(*k));
            }
        });
    }
    kinds.into_iter().collect()
}

/// Follows every household through `run`. A refusal counts only while the
/// household is still unhoused: a candidate housed earlier who also fails
/// a gate was not refused a home.
pub fn follow<'r>(
    rules: &'r CheckedRuleSet,
    data: &Dataset,
    run: &'r AllocationRun,
) -> Followed<'r> {
    let gate_kinds: BTreeMap<&str, Vec<&'r str>> = rules
        .gates
        .iter()
        .map(|g| (g.meta.id.as_str(), kinds_read(rules, g.applies.as_ref())))
        .filter(|(_, k)| !k.is_empty())
        .collect();
    // A year's runs skip millions of candidates by id: one hashed lookup
    // each, where the data set's ordered index would compare ids.
    let mut applicant_of: IdMap<'_, usize> =
        IdMap::with_capacity_and_hasher(data.applicants().len(), IdHash);
    for (i, a) in data.applicants().iter().enumerate() {
        // The first record wins, as in the data set's own index.
        applicant_of.entry(a.id.as_str()).or_insert(i);
    }
    let mut out = Followed::default();
    // Who reacted, marked by position and gathered in order at the end: a
    // year has a million and a half reactions and fifty thousand households.
    let mut reacted = vec![false; data.applicants().len()];
    for (position, v) in run.vacancies.iter().enumerate() {
        if let Some(unit) = data.unit_index(&v.unit) {
            for (a, _) in data.reactions_with_applicants(unit) {
                if let Some(slot) = a.and_then(|a| reacted.get_mut(a)) {
                    *slot = true;
                }
            }
        }
        let refuse = |out: &mut Followed<'r>, id: &str, by: RefusedBy, under: &'r str| {
            let Some(&applicant) = applicant_of.get(id) else {
                return;
            };
            if out.housed.contains_key(&applicant) {
                return;
            }
            out.refusals.push(Refusal {
                applicant,
                position,
                date: v.date,
                by,
                under,
                complex: &v.complex,
            });
        };
        for skip in &v.skipped {
            match skip {
                Skip::Ineligible { applicant, failed } => {
                    let kinds: BTreeSet<&'r str> = failed
                        .iter()
                        .filter_map(|g| gate_kinds.get(&**g))
                        .flatten()
                        .copied()
                        .collect();
                    for kind in kinds {
                        refuse(&mut out, applicant, RefusedBy::Designation, kind);
                    }
                }
                Skip::Quota {
                    applicant, quotas, ..
                } => {
                    for q in quotas {
                        refuse(&mut out, applicant, RefusedBy::Quota, &q.quota);
                    }
                }
                Skip::PriorityCapped {
                    applicant, quotas, ..
                } if v.allocated_to.as_deref() != Some(&**applicant) => {
                    for q in quotas {
                        refuse(&mut out, applicant, RefusedBy::Quota, &q.quota);
                    }
                }
                _ => {}
            }
        }
        if let Some(id) = &v.allocated_to
            && let Some(&a) = applicant_of.get(&**id)
        {
            out.housed.insert(
                a,
                Placement {
                    position,
                    date: v.date,
                    unit: &v.unit,
                    complex: &v.complex,
                },
            );
        }
    }
    out.households = (reacted.iter().enumerate())
        .filter(|(_, r)| **r)
        .map(|(a, _)| a)
        .collect();
    out
}
