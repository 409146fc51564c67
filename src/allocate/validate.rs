//! `validate`: is a proposed allocation compliant? Every reason it is not:
//! the applicant not eligible, higher-ranked eligible candidates passed
//! over, a quota exceeded, a claimed basis that does not hold, the unit
//! already let.
//!
//! Passing over a higher-ranked eligible candidate is justified only by a
//! recorded ground for that candidate (declined, no response, housed
//! already) or by a claimed `tailored` ground that holds for the pair; and a
//! candidate in an `urgent` priority group is never passed over without a
//! recorded ground, tailored ground or not (Hw2014 art. 12). A gate or
//! other rule claimed as the basis never justifies passing anyone over.

use std::collections::BTreeMap;

use thiserror::Error;

use super::engines::Engines;
use super::ledger::{Entry, Ledger};
use super::record::{Breach, Verdict};
use crate::check::CheckedRuleSet;
use crate::check::suggest::closest;
use crate::eval::EvalError;
use crate::eval::record::Outcome;
use crate::model::{Basis, Dataset, Proposal};
use crate::source::SourceMap;

/// Why `validate` could not judge the proposals at all.
#[derive(Debug, Error)]
pub enum ValidateError {
    /// The rules cannot be applied on a proposal's date.
    #[error(transparent)]
    Eval(#[from] EvalError),
    /// Proposals whose basis names nothing the rule set declares: a typo in
    /// the input, not a breach of the rules, so nothing is judged.
    #[error("{} proposal(s) claim a basis the rule set does not declare", .0.len())]
    UnknownBasis(Vec<UnknownBasis>),
}

/// A proposal whose basis names no priority group, tailored ground or rule
/// of the rule set.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
#[error("proposal `{proposal}` claims `{basis}`, but the rule set has no {kind} `{name}`")]
pub struct UnknownBasis {
    /// The proposal's id.
    pub proposal: String,
    /// The basis as written: `{tailored: referal}`.
    pub basis: String,
    /// What was looked for: `priority group`, `tailored ground`, `rule`.
    pub kind: &'static str,
    /// The name claimed.
    pub name: String,
    /// The help line: the closest declared name, or the basis it belongs to.
    pub hint: Option<String>,
}

/// Checks that every proposal's basis names something the rule set
/// declares; every one that does not is returned, with a suggestion.
pub fn check_bases(rules: &CheckedRuleSet, proposals: &[Proposal]) -> Vec<UnknownBasis> {
    let priorities: Vec<&str> = rules
        .priorities
        .iter()
        .map(|p| p.meta.id.as_str())
        .collect();
    let tailored: Vec<&str> = rules.tailored.iter().map(|t| t.meta.id.as_str()).collect();
    let rule_ids: Vec<&str> = rules
        .gates
        .iter()
        .map(|g| g.meta.id.as_str())
        .chain(priorities.iter().copied())
        .chain(rules.points.iter().map(|p| p.meta.id.as_str()))
        .chain(rules.classifications.iter().map(|c| c.meta.id.as_str()))
        .collect();
    let mut unknown = Vec::new();
    for p in proposals {
        let (key, name, kind, known): (&str, &str, &'static str, &[&str]) = match &p.basis {
            Basis::Priority(n) if n == "none" => continue,
            Basis::Priority(n) => ("priority", n, "priority group", &priorities),
            Basis::Tailored(n) => ("tailored", n, "tailored ground", &tailored),
            Basis::Rule(n) => ("rule", n, "rule", &rule_ids),
        };
        if known.contains(&name) {
            continue;
        }
        // The name may be declared, but as another kind of basis.
        let elsewhere = if tailored.contains(&name) {
            Some("tailored")
        } else if priorities.contains(&name) {
            Some("priority")
        } else if rule_ids.contains(&name) {
            Some("rule")
        } else {
            None
        };
        let hint = match elsewhere {
            Some(other) => Some(format!("`{name}` is declared: write `{{{other}: {name}}}`")),
            None => closest(name, known.iter().copied())
                .map(|s| format!("did you mean `{{{key}: {s}}}`?")),
        };
        unknown.push(UnknownBasis {
            proposal: p.id.clone(),
            basis: format!("{{{key}: {name}}}"),
            kind,
            name: name.to_owned(),
            hint,
        });
    }
    unknown
}

/// Validates every proposal of `proposals` in date order (then id); a
/// compliant one joins the ledger, so it counts for the quotas and takes
/// its unit for the proposals after it. A basis naming nothing the rule set
/// declares stops the run before anything is judged.
pub fn validate(
    rules: &CheckedRuleSet,
    sources: &SourceMap,
    data: &Dataset,
    proposals: &[Proposal],
    seed: u64,
) -> Result<Vec<Verdict>, ValidateError> {
    let unknown = check_bases(rules, proposals);
    if !unknown.is_empty() {
        return Err(ValidateError::UnknownBasis(unknown));
    }
    let mut engines = Engines::new(rules, sources, data, seed);
    let mut ledger = Ledger::from_history(rules, data);
    let mut order: Vec<&Proposal> = proposals.iter().collect();
    order.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let mut housed: BTreeMap<usize, String> = BTreeMap::new();
    let mut verdicts = Vec::with_capacity(order.len());
    for proposal in order {
        engines.release_before(proposal.date);
        verdicts.push(judge(&mut engines, &mut ledger, &mut housed, proposal)?);
    }
    engines.settled()?;
    Ok(verdicts)
}

fn basis_text(basis: &Basis) -> String {
    match basis {
        Basis::Priority(p) => format!("priority {p}"),
        Basis::Rule(r) => format!("rule {r}"),
        Basis::Tailored(t) => format!("tailored {t}"),
    }
}

fn judge(
    engines: &mut Engines<'_>,
    ledger: &mut Ledger,
    housed: &mut BTreeMap<usize, String>,
    proposal: &Proposal,
) -> Result<Verdict, EvalError> {
    let data = engines.data();
    let rules = engines.rules();
    let mut verdict = Verdict {
        proposal: proposal.id.clone(),
        unit: proposal.unit.clone(),
        applicant: proposal.applicant.clone(),
        date: proposal.date,
        basis: basis_text(&proposal.basis),
        compliant: false,
        breaches: Vec::new(),
        warnings: Vec::new(),
        decision: None,
    };
    let (Some(unit), Some(applicant)) = (
        data.unit_index(&proposal.unit),
        data.applicant_index(&proposal.applicant),
    ) else {
        // The loader rejects dangling references; nothing to judge.
        return Ok(verdict);
    };
    let Some(available) = data.units().get(unit).map(|u| u.available_from) else {
        return Ok(verdict);
    };
    if let Some(taken) = ledger.allocation_of(unit, available) {
        verdict.breaches.push(Breach::UnitTaken {
            applicant: data
                .applicants()
                .get(taken.applicant)
                .map_or_else(String::new, |a| a.id.clone()),
            date: taken.date,
        });
    }
    let engine = engines.on(proposal.date)?;
    let application = proposal.application_date.map_or_else(
        || engine.application(applicant, unit),
        |day| engine.recorded_application(day),
    );
    let decision = engine.decide_for(applicant, unit, application);
    let record = engine.record_for(applicant, unit, application, true);
    if !record.eligible {
        verdict.breaches.push(Breach::NotEligible {
            failed: record.failed.clone(),
        });
    }

    // Rank the unit's candidates, the proposed applicant among them.
    let mut candidates: Vec<usize> = data
        .candidates(unit)
        .iter()
        .filter_map(|a| data.applicant_index(&a.id))
        .collect();
    if !candidates.contains(&applicant) {
        candidates.push(applicant);
    }
    let ranking = engine.rank_for(unit, &candidates, applicant, application);
    let own_rank = ranking
        .candidates
        .iter()
        .find(|c| c.applicant == proposal.applicant)
        .and_then(|c| c.rank);
    // Who ranks above and has no recorded ground to be passed over:
    // housed already, declined the offer, or did not respond.
    let above: Vec<&str> = ranking
        .candidates
        .iter()
        .take_while(|c| c.applicant != proposal.applicant)
        .filter(|c| c.rank.is_some())
        .filter(|c| {
            data.applicant_index(&c.applicant)
                .is_none_or(|i| !housed.contains_key(&i))
                && data.response(unit, &c.applicant).is_none()
        })
        .map(|c| c.applicant.as_str())
        .collect();
    // A claimed tailored ground, and whether it holds for this pair.
    let tailored = match &proposal.basis {
        Basis::Tailored(name) => rules
            .tailored
            .iter()
            .position(|t| &t.meta.id == name)
            .map(|g| {
                (
                    g,
                    name,
                    engine.tailored_holds(g, applicant, unit, &decision),
                )
            }),
        _ => None,
    };
    if record.eligible && !above.is_empty() {
        match tailored {
            // The ground lets the ranking be set aside, except for urgency.
            Some((_, ground, true)) => {
                let urgent: Vec<String> = above
                    .iter()
                    .filter(|id| {
                        data.applicant_index(id).is_some_and(|i| {
                            engine
                                .decide(i, unit)
                                .derived
                                .priority
                                .and_then(|g| rules.priorities.get(usize::from(g)))
                                .is_some_and(|p| p.urgent)
                        })
                    })
                    .map(|id| (*id).to_owned())
                    .collect();
                if !urgent.is_empty() {
                    verdict.breaches.push(Breach::UrgentPassedOver {
                        ground: ground.clone(),
                        above: urgent,
                    });
                }
            }
            _ => verdict.breaches.push(Breach::PassedOver {
                rank: own_rank,
                above: above.iter().map(|id| (*id).to_owned()).collect(),
            }),
        }
    }

    // `check_bases` has made sure every claimed name is declared.
    match &proposal.basis {
        Basis::Priority(claimed) if claimed == "none" => {}
        Basis::Priority(claimed) => {
            if record.priority.as_ref() != Some(claimed) {
                verdict.breaches.push(Breach::PriorityNotMet {
                    claimed: claimed.clone(),
                    actual: record.priority.clone(),
                });
            }
        }
        Basis::Tailored(_) => {
            if let Some((_, ground, false)) = tailored {
                verdict.breaches.push(Breach::TailoredNotMet {
                    ground: ground.clone(),
                });
            }
        }
        Basis::Rule(rule) => match record.rules.iter().find(|r| &r.id == rule) {
            None => {}
            Some(r) => match &r.outcome {
                Outcome::NotApplicable => verdict
                    .breaches
                    .push(Breach::RuleNotApplicable { rule: rule.clone() }),
                Outcome::Failed | Outcome::NotMember => {
                    verdict
                        .breaches
                        .push(Breach::RuleNotMet { rule: rule.clone() });
                }
                _ => {}
            },
        },
    }
    // The decision shows the claimed tailored ground with its trace.
    let mut record = record;
    if let Some((g, _, _)) = tailored {
        if let Some(r) = engine.tailored_record(g, applicant, unit, &decision, true) {
            record.rules.push(r);
        }
    }

    let owner = data
        .complex_of_unit(unit)
        .map_or_else(String::new, |c| c.owner.name.clone());
    // A tailored allocation that holds does not rest on the applicant's
    // priority group, so a cap on that group (Hw2014 art. 14 lid 2) does not
    // bar it: it is judged, and joins the ledger, as made without the group,
    // the way `allocate` ranks a capped group again without it.
    let bare = matches!(tailored, Some((_, _, true))).then(|| {
        let mut bare = decision.clone();
        bare.derived.priority = None;
        engine.quota_flags(applicant, unit, &bare)
    });
    let flags = engine.quota_flags(applicant, unit, &decision);
    let mut entry = Entry::new(unit, applicant, proposal.date, owner.clone(), flags);
    let mut states = ledger.check(engines, &mut entry)?;
    if let Some(bare) = bare.filter(|_| states.iter().any(|s| s.exceeded)) {
        let mut without = Entry::new(unit, applicant, proposal.date, owner, bare);
        let bare_states = ledger.check(engines, &mut without)?;
        if !bare_states.iter().any(|s| s.exceeded) {
            entry = without;
            states = bare_states;
        }
    }
    for state in states {
        if state.exceeded {
            verdict.breaches.push(Breach::QuotaExceeded { state });
        } else if state.below_minimum {
            verdict.warnings.push(state);
        }
    }
    verdict.compliant = verdict.breaches.is_empty();
    verdict.decision = Some(record);
    if verdict.compliant {
        housed.insert(applicant, proposal.unit.clone());
        ledger.push(data, entry);
    }
    Ok(verdict)
}
