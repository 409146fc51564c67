//! `validate`: is a proposed allocation compliant? Every reason it is not:
//! the applicant not eligible, higher-ranked eligible candidates passed
//! over, a quota exceeded, a claimed basis that does not hold, the unit
//! already let.

use std::collections::BTreeMap;

use super::engines::Engines;
use super::ledger::{Entry, Ledger};
use super::record::{Breach, Verdict};
use crate::check::CheckedRuleSet;
use crate::eval::EvalError;
use crate::eval::record::Outcome;
use crate::model::{Basis, Dataset, Proposal};
use crate::source::SourceMap;

/// Validates every proposal of `proposals` in date order (then id); a
/// compliant one joins the ledger, so it counts for the quotas and takes
/// its unit for the proposals after it.
pub fn validate(
    rules: &CheckedRuleSet,
    sources: &SourceMap,
    data: &Dataset,
    proposals: &[Proposal],
    seed: u64,
) -> Result<Vec<Verdict>, EvalError> {
    let mut engines = Engines::new(rules, sources, data, seed);
    let mut ledger = Ledger::from_history(data);
    let mut order: Vec<&Proposal> = proposals.iter().collect();
    order.sort_by(|a, b| (a.date, &a.id).cmp(&(b.date, &b.id)));
    let mut housed: BTreeMap<usize, String> = BTreeMap::new();
    let mut verdicts = Vec::with_capacity(order.len());
    for proposal in order {
        verdicts.push(judge(&mut engines, &mut ledger, &mut housed, proposal)?);
    }
    Ok(verdicts)
}

fn basis_text(basis: &Basis) -> String {
    match basis {
        Basis::Priority(p) => format!("priority {p}"),
        Basis::Rule(r) => format!("rule {r}"),
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
    let available = data.units()[unit].available_from;
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
    let decision = engine.decide(applicant, unit);
    let record = engine.record(applicant, unit, true);
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
    let ranking = engine.rank(unit, &candidates);
    let own_rank = ranking
        .candidates
        .iter()
        .find(|c| c.applicant == proposal.applicant)
        .and_then(|c| c.rank);
    let above: Vec<String> = ranking
        .candidates
        .iter()
        .take_while(|c| c.applicant != proposal.applicant)
        .filter(|c| c.rank.is_some())
        // A recorded ground lets a candidate be passed over: housed already,
        // declined the offer, or did not respond.
        .filter(|c| {
            data.applicant_index(&c.applicant)
                .is_none_or(|i| !housed.contains_key(&i))
                && data.response(unit, &c.applicant).is_none()
        })
        .map(|c| c.applicant.clone())
        .collect();
    // A proposal resting on a rule is a tailored allocation (maatwerk:
    // urgent cases, aandachtsgroepen) outside the offer model; one resting
    // on a priority group, or none, must respect the ranking.
    let offered = matches!(proposal.basis, Basis::Priority(_));
    if offered && record.eligible && !above.is_empty() {
        verdict.breaches.push(Breach::PassedOver {
            rank: own_rank,
            above,
        });
    }

    match &proposal.basis {
        Basis::Priority(claimed) if claimed == "none" => {}
        Basis::Priority(claimed) => {
            if !rules.priorities.iter().any(|p| &p.meta.id == claimed) {
                verdict.breaches.push(Breach::UnknownBasis {
                    basis: verdict.basis.clone(),
                });
            } else if record.priority.as_ref() != Some(claimed) {
                verdict.breaches.push(Breach::PriorityNotMet {
                    claimed: claimed.clone(),
                    actual: record.priority.clone(),
                });
            }
        }
        Basis::Rule(rule) => match record.rules.iter().find(|r| &r.id == rule) {
            None => verdict.breaches.push(Breach::UnknownBasis {
                basis: verdict.basis.clone(),
            }),
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

    let entry = Entry::new(
        unit,
        applicant,
        proposal.date,
        data.complex_of_unit(unit)
            .map_or_else(String::new, |c| c.owner.name.clone()),
        engine.quota_flags(applicant, unit, &decision),
    );
    for state in ledger.check(engines, &entry)? {
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
        ledger.push(entry);
    }
    Ok(verdict)
}
