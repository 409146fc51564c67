//! `simulate --redact`: the explained household by its pseudonym and the
//! run marked redacted, with the rules whose outcome rests on a value
//! shown only generalised. The figures are counts and stay as they are;
//! the decisions were redacted as they were recorded (see `explain`).

use std::collections::BTreeSet;

use super::SimulateOutput;
use crate::report::redact::Redactor;

/// Redacts `output` under `redactor`.
pub fn redact(output: &mut SimulateOutput, redactor: &Redactor) {
    output.redacted = true;
    let mut rests = BTreeSet::new();
    if let Some(household) = &mut output.household {
        household.applicant = redactor.pseudonym(&household.applicant);
        for step in household.sides.iter().flat_map(|p| &p.steps) {
            rests.extend(
                step.decision
                    .rules
                    .iter()
                    .filter(|r| r.rests_on_generalised)
                    .map(|r| r.id.clone()),
            );
        }
    }
    output.generalised = rests.into_iter().collect();
}
