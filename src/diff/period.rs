//! A period's vacancies allocated both ways with the allocate library:
//! per vacancy who got it under each side, and how its quotas stand.

use chrono::NaiveDate;

use super::{AllocationDiff, FieldChange, Letting, VacancyDiff};
use crate::allocate::record::{AllocationRun, QuotaState, Vacancy};

/// Pairs the vacancies of two runs over the same period by unit.
pub fn compare_allocations(
    (from, until): (NaiveDate, NaiveDate),
    old: &AllocationRun,
    new: &AllocationRun,
) -> AllocationDiff {
    let mut units = Vec::with_capacity(old.vacancies.len());
    for o in &old.vacancies {
        let n = new.vacancies.iter().find(|v| v.unit == o.unit);
        units.push(vacancy(o, n));
    }
    // A vacancy only the other side has cannot arise (both allocate the
    // same units), but is shown rather than lost.
    for n in &new.vacancies {
        if !old.vacancies.iter().any(|v| v.unit == n.unit) {
            let mut v = vacancy(n, None);
            std::mem::swap(&mut v.baseline, &mut v.variant);
            units.push(v);
        }
    }
    AllocationDiff {
        from,
        until,
        vacancies: units.len(),
        changed: units.iter().filter(|v| v.changed).count(),
        quotas_changed: units.iter().filter(|v| !v.quotas.is_empty()).count(),
        units,
    }
}

fn letting(v: Option<&Vacancy>) -> Letting {
    Letting {
        applicant: v.and_then(|v| v.allocated_to.as_deref().map(str::to_owned)),
        rank: v.and_then(|v| v.rank),
        priority: v.and_then(|v| v.priority.clone()),
    }
}

fn vacancy(old: &Vacancy, new: Option<&Vacancy>) -> VacancyDiff {
    let baseline = letting(Some(old));
    let variant = letting(new);
    let mut quotas = Vec::new();
    let none = Vec::new();
    let new_quotas = new.map_or(&none, |n| &n.quotas);
    for q in &old.quotas {
        let other = new_quotas.iter().find(|x| x.quota == q.quota);
        let (a, b) = (standing(Some(q)), standing(other));
        if a != b {
            quotas.push(FieldChange {
                field: q.quota.to_string(),
                old: a,
                new: b,
            });
        }
    }
    for q in new_quotas {
        if !old.quotas.iter().any(|x| x.quota == q.quota) {
            quotas.push(FieldChange {
                field: q.quota.to_string(),
                old: standing(None),
                new: standing(Some(q)),
            });
        }
    }
    VacancyDiff {
        unit: old.unit.clone(),
        complex: old.complex.clone(),
        date: old.date,
        changed: baseline != variant,
        baseline,
        variant,
        quotas,
    }
}

/// A quota's standing in words: `1 of 4, at least 75%: below the minimum`.
fn standing(q: Option<&QuotaState>) -> String {
    let Some(q) = q else {
        return "not guarding".into();
    };
    let verdict = if q.exceeded {
        ": exceeded"
    } else if q.below_minimum {
        ": below the minimum"
    } else {
        ""
    };
    format!(
        "{} of {}, {} {}{verdict}",
        q.counted, q.of, q.bound, q.share
    )
}
