//! The portfolio shares: every quota per scope group as it stood at its
//! last allocation of the period (passend, DAEB and the binding caps among
//! them), read from the run's own vacancy records.

use std::collections::BTreeMap;

use crate::allocate::record::{AllocationRun, QuotaState};

/// The last standing of each (quota, scope) in `run`, by quota id, then scope.
pub fn shares(run: &AllocationRun) -> Vec<QuotaState> {
    let mut last: BTreeMap<(String, String), QuotaState> = BTreeMap::new();
    for v in run.vacancies.iter().filter(|v| v.allocated_to.is_some()) {
        for q in &v.quotas {
            last.insert((q.quota.to_string(), q.scope.to_string()), q.clone());
        }
    }
    last.into_values().collect()
}
