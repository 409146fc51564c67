//! `--explain-household`: one household's path through the period under
//! one side, every vacancy it reacted to with what happened and the
//! decision's full trace, so each figure of the report can be traced.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::follow::Followed;
use super::{HouseholdPath, Step};
use crate::allocate::record::{AllocationRun, Skip, Vacancy};
use crate::check::CheckedRuleSet;
use crate::eval::{Engine, EvalError};
use crate::model::Dataset;
use crate::report::redact::Redactor;
use crate::source::SourceMap;
use crate::words::{Lang, nl};

/// What one side ran on.
pub struct SideInputs<'a> {
    /// The side's name.
    pub name: &'a str,
    /// Its rules.
    pub rules: &'a CheckedRuleSet,
    /// Their sources.
    pub sources: &'a SourceMap,
    /// Its data.
    pub data: &'a Dataset,
    /// The lottery seed.
    pub seed: u64,
}

/// What happened to household `id` at vacancy `v`; another household
/// housed there is named as `shown` names it (a pseudonym when redacted).
fn outcome(
    v: &Vacancy,
    id: &str,
    housed_before: Option<&str>,
    shown: &dyn Fn(&str) -> String,
    lang: Lang,
) -> String {
    if lang == Lang::Nl {
        return outcome_nl(v, id, housed_before, shown);
    }
    if v.allocated_to.as_deref() == Some(id) {
        let rank = v.rank.map_or_else(String::new, |r| format!(" at rank {r}"));
        let group = v.priority.as_deref().unwrap_or("none");
        return format!("housed{rank}, priority group {group}");
    }
    for skip in &v.skipped {
        match skip {
            Skip::Ineligible { applicant, failed } if &**applicant == id => {
                return format!("not eligible: failed {}", failed.join(", "));
            }
            Skip::Quota {
                applicant, quotas, ..
            } if &**applicant == id => {
                let q: Vec<&str> = quotas.iter().map(|q| &*q.quota).collect();
                return format!("passed over: would exceed {}", q.join(", "));
            }
            Skip::PriorityCapped {
                applicant,
                priority,
                quotas,
                ..
            } if &**applicant == id => {
                let q: Vec<&str> = quotas.iter().map(|q| &*q.quota).collect();
                return format!(
                    "priority group {priority} set aside for {}, ranked again without it",
                    q.join(", ")
                );
            }
            Skip::Declined {
                applicant,
                response,
                ..
            } if &**applicant == id => return format!("did not take it: {response}"),
            Skip::AlreadyHoused {
                applicant, unit, ..
            } if &**applicant == id => {
                return format!("already housed in {unit}");
            }
            _ => {}
        }
    }
    if let Some(unit) = housed_before {
        return format!("already housed in {unit}");
    }
    match (&v.allocated_to, v.rank) {
        (Some(other), Some(rank)) => {
            format!("not reached: let to {} at rank {rank}", shown(other))
        }
        _ => "not let".to_owned(),
    }
}

/// [`outcome`] in Dutch.
fn outcome_nl(
    v: &Vacancy,
    id: &str,
    housed_before: Option<&str>,
    shown: &dyn Fn(&str) -> String,
) -> String {
    if v.allocated_to.as_deref() == Some(id) {
        let rank = v
            .rank
            .map_or_else(String::new, |r| format!(" op plaats {r}"));
        let group = v
            .priority
            .as_deref()
            .map_or_else(|| "geen voorrang".to_owned(), |g| format!("voorrang {g}"));
        return format!("woning gekregen{rank}, {group}");
    }
    for skip in &v.skipped {
        match skip {
            Skip::Ineligible { applicant, failed } if &**applicant == id => {
                return format!(
                    "komt niet in aanmerking: niet voldaan aan {}",
                    nl::list(failed)
                );
            }
            Skip::Quota {
                applicant, quotas, ..
            } if &**applicant == id => {
                let q: Vec<&str> = quotas.iter().map(|q| &*q.quota).collect();
                return format!(
                    "overgeslagen: het zou quotum {} overschrijden",
                    nl::list(&q)
                );
            }
            Skip::PriorityCapped {
                applicant,
                priority,
                quotas,
                ..
            } if &**applicant == id => {
                let q: Vec<&str> = quotas.iter().map(|q| &*q.quota).collect();
                return format!(
                    "voorrang {priority} valt weg door quotum {}; opnieuw gerangschikt zonder die voorrang",
                    nl::list(&q)
                );
            }
            Skip::Declined {
                applicant,
                response,
                ..
            } if &**applicant == id => {
                return match response.as_str() {
                    "declined" => "heeft de woning geweigerd".to_owned(),
                    "no_response" => "heeft niet gereageerd".to_owned(),
                    other => format!("heeft de woning niet genomen: {}", nl::word(other)),
                };
            }
            Skip::AlreadyHoused {
                applicant, unit, ..
            } if &**applicant == id => {
                return format!("heeft al woning {unit} gekregen");
            }
            _ => {}
        }
    }
    if let Some(unit) = housed_before {
        return format!("heeft al woning {unit} gekregen");
    }
    match (&v.allocated_to, v.rank) {
        (Some(other), Some(rank)) => {
            format!(
                "niet aan de beurt: verhuurd aan {} op plaats {rank}",
                shown(other)
            )
        }
        _ => "niet verhuurd".to_owned(),
    }
}

/// The path of applicant `a` through `run` up to `until`; with `redact`
/// every other household is named by its pseudonym and each decision is
/// redacted (the household's own id is left to [`super::redact`]).
pub fn path(
    side: &SideInputs<'_>,
    run: &AllocationRun,
    followed: &Followed,
    (a, until): (usize, NaiveDate),
    (redact, lang): (Option<&Redactor>, Lang),
) -> Result<HouseholdPath, EvalError> {
    let data = side.data;
    let shown = |other: &str| redact.map_or_else(|| other.to_owned(), |r| r.pseudonym(other));
    let id = data.applicants().get(a).map_or("", |f| f.id.as_str());
    let mut engines: BTreeMap<NaiveDate, Engine<'_>> = BTreeMap::new();
    let mut steps = Vec::new();
    let placed = followed.housed.get(&a);
    for (position, v) in run.vacancies.iter().enumerate() {
        let Some(unit) = data.unit_index(&v.unit) else {
            continue;
        };
        if !data
            .reactions_to(unit)
            .any(|r| data.applicant_id(r.applicant) == id)
        {
            continue;
        }
        let engine = match engines.entry(v.date) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => e.insert(Engine::new(
                side.rules,
                side.sources,
                data,
                v.date,
                side.seed,
            )?),
        };
        let before = placed.filter(|p| p.position < position).map(|p| p.unit);
        let mut decision = engine.record(a, unit, true);
        if let Some(r) = redact {
            r.decision(&mut decision);
        }
        steps.push(Step {
            date: v.date,
            unit: v.unit.clone(),
            complex: v.complex.clone(),
            outcome: outcome(v, id, before, &shown, lang),
            decision,
        });
    }
    let end = match (placed, steps.first()) {
        (Some(p), first) => {
            let dutch = lang == Lang::Nl;
            let buurt = data
                .complex(p.complex)
                .and_then(|c| data.buurt_of(c))
                .map_or(if dutch { "(geen buurt)" } else { "(no buurt)" }, |b| {
                    b.name.as_str()
                });
            let days = first.map_or(0, |s| p.date.signed_duration_since(s.date).num_days());
            if dutch {
                format!(
                    "woning {} gekregen ({}, {buurt}) op {}, {days} dagen na de eerste vrije woning waarop het reageerde",
                    p.unit,
                    p.complex,
                    nl::date(p.date)
                )
            } else {
                format!(
                    "housed in {} ({}, {buurt}) on {}, {days} days after the first vacancy it reacted to",
                    p.unit, p.complex, p.date
                )
            }
        }
        (None, _) if lang == Lang::Nl => format!("op {} nog zonder woning", nl::date(until)),
        (None, _) => format!("still unhoused on {until}"),
    };
    Ok(HouseholdPath {
        side: side.name.to_owned(),
        steps,
        end,
    })
}
