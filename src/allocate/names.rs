//! The strings an allocation run's records share. A Parkstad year records
//! millions of candidates passed over; naming each with its own copy of
//! an applicant id and of a list of gate ids made those words most of the
//! run's allocations and memory. A run names each applicant and unit once
//! and keeps each distinct list of failing gates once; a record holds a
//! shared reference to them.

use std::collections::HashMap;
use std::sync::Arc;

use crate::eval::{Decision, Engine};
use crate::model::Dataset;

/// One run's shared names.
pub(super) struct Names {
    applicants: Vec<Arc<str>>,
    units: Vec<Arc<str>>,
    /// Each distinct list of failing gates, by the gates' positions.
    failed: HashMap<Vec<usize>, Arc<[Arc<str>]>>,
    /// The positions of the decision at hand, reused from one to the next.
    scratch: Vec<usize>,
}

impl Names {
    pub(super) fn new(data: &Dataset) -> Self {
        Names {
            applicants: data
                .applicants()
                .iter()
                .map(|a| Arc::from(a.id.as_str()))
                .collect(),
            units: data
                .units()
                .iter()
                .map(|u| Arc::from(u.id.as_str()))
                .collect(),
            failed: HashMap::new(),
            scratch: Vec::new(),
        }
    }

    /// The id of the applicant at position `a`.
    pub(super) fn applicant(&self, a: usize) -> Arc<str> {
        self.applicants
            .get(a)
            .cloned()
            .unwrap_or_else(|| Arc::from(""))
    }

    /// The id of the unit at position `u`.
    pub(super) fn unit(&self, u: usize) -> Arc<str> {
        self.units.get(u).cloned().unwrap_or_else(|| Arc::from(""))
    }

    /// The ids of the gates `decision` failed, in file order: the list
    /// [`Engine::failed_gates`] gives, shared with every other decision
    /// that failed the same gates.
    pub(super) fn failed(&mut self, engine: &Engine<'_>, decision: &Decision) -> Arc<[Arc<str>]> {
        self.scratch.clear();
        self.scratch.extend(engine.failed_gate_positions(decision));
        if let Some(list) = self.failed.get(self.scratch.as_slice()) {
            return Arc::clone(list);
        }
        let list: Arc<[Arc<str>]> = engine
            .failed_gates(decision)
            .into_iter()
            .map(Arc::from)
            .collect();
        self.failed.insert(self.scratch.clone(), Arc::clone(&list));
        list
    }
}
