//! A loaded, validated data folder, with its lookups built once.
//!
//! Lookups go through `BTreeMap`s and positions in the file order, so nothing
//! that reaches a decision or a report depends on hash order.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::applicant::Applicant;
use crate::model::buurt::Buurt;
use crate::model::complex::Complex;
use crate::model::history::Allocation;
use crate::model::proposal::Proposal;
use crate::model::reaction::Reaction;
use crate::model::unit::Unit;

/// The records of a data folder, in file order. This is what
/// [`Dataset::new`] indexes and what is written back to files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Records {
    /// `applicants.yaml`.
    pub applicants: Vec<Applicant>,
    /// `units.yaml`.
    pub units: Vec<Unit>,
    /// `complexes.yaml`.
    pub complexes: Vec<Complex>,
    /// `buurten.yaml`.
    pub buurten: Vec<Buurt>,
    /// `history.yaml` (empty when absent).
    pub history: Vec<Allocation>,
    /// `reactions.yaml` (empty when absent).
    pub reactions: Vec<Reaction>,
    /// `proposals.yaml` (empty when absent).
    pub proposals: Vec<Proposal>,
}

/// A data folder ready for evaluation: the records and their indices.
///
/// Built by [`crate::model::load_dataset`] after validation, so every
/// reference resolves; the lookups still return `Option` rather than panic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Dataset {
    records: Records,
    applicant_by_id: BTreeMap<String, usize>,
    unit_by_id: BTreeMap<String, usize>,
    complex_by_id: BTreeMap<String, usize>,
    buurt_by_code: BTreeMap<String, usize>,
    proposal_by_id: BTreeMap<String, usize>,
    /// Position of each unit's complex, by unit position.
    unit_complex: Vec<Option<usize>>,
    /// Position of each complex's buurt, by complex position.
    complex_buurt: Vec<Option<usize>>,
    /// Positions of the reactions to each unit, by unit position.
    reactions_by_unit: Vec<Vec<usize>>,
}

fn index<T>(items: &[T], key: impl Fn(&T) -> &str) -> BTreeMap<String, usize> {
    let mut map = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        // The first record wins; validation reports any later duplicate.
        map.entry(key(item).to_owned()).or_insert(i);
    }
    map
}

impl Dataset {
    /// Indexes `records`. Does not validate: use `load_dataset` for data
    /// from outside.
    pub fn new(records: Records) -> Self {
        let applicant_by_id = index(&records.applicants, |a| &a.id);
        let unit_by_id = index(&records.units, |u| &u.id);
        let complex_by_id = index(&records.complexes, |c| &c.id);
        let buurt_by_code = index(&records.buurten, |b| &b.code);
        let proposal_by_id = index(&records.proposals, |p| &p.id);
        let unit_complex = records
            .units
            .iter()
            .map(|u| complex_by_id.get(&u.complex).copied())
            .collect();
        let complex_buurt = records
            .complexes
            .iter()
            .map(|c| buurt_by_code.get(&c.buurt).copied())
            .collect();
        let mut reactions_by_unit = vec![Vec::new(); records.units.len()];
        for (i, r) in records.reactions.iter().enumerate() {
            let unit = unit_by_id.get(&r.unit).copied();
            if let Some(list) = unit.and_then(|u| reactions_by_unit.get_mut(u)) {
                list.push(i);
            }
        }
        Dataset {
            records,
            applicant_by_id,
            unit_by_id,
            complex_by_id,
            buurt_by_code,
            proposal_by_id,
            unit_complex,
            complex_buurt,
            reactions_by_unit,
        }
    }

    /// The records, in file order.
    pub fn records(&self) -> &Records {
        &self.records
    }

    /// The records, giving up the indices.
    pub fn into_records(self) -> Records {
        self.records
    }

    /// Every applicant, in file order.
    pub fn applicants(&self) -> &[Applicant] {
        &self.records.applicants
    }

    /// Every unit, in file order.
    pub fn units(&self) -> &[Unit] {
        &self.records.units
    }

    /// Every complex, in file order.
    pub fn complexes(&self) -> &[Complex] {
        &self.records.complexes
    }

    /// Every buurt, in file order.
    pub fn buurten(&self) -> &[Buurt] {
        &self.records.buurten
    }

    /// The allocation history, in file order.
    pub fn history(&self) -> &[Allocation] {
        &self.records.history
    }

    /// Every reaction, in file order.
    pub fn reactions(&self) -> &[Reaction] {
        &self.records.reactions
    }

    /// Every proposal, in file order.
    pub fn proposals(&self) -> &[Proposal] {
        &self.records.proposals
    }

    /// An applicant by id.
    pub fn applicant(&self, id: &str) -> Option<&Applicant> {
        self.applicant_by_id
            .get(id)
            .and_then(|&i| self.records.applicants.get(i))
    }

    /// The position of an applicant in [`Dataset::applicants`].
    pub fn applicant_index(&self, id: &str) -> Option<usize> {
        self.applicant_by_id.get(id).copied()
    }

    /// A unit by id.
    pub fn unit(&self, id: &str) -> Option<&Unit> {
        self.unit_by_id
            .get(id)
            .and_then(|&i| self.records.units.get(i))
    }

    /// The position of a unit in [`Dataset::units`].
    pub fn unit_index(&self, id: &str) -> Option<usize> {
        self.unit_by_id.get(id).copied()
    }

    /// A complex by id.
    pub fn complex(&self, id: &str) -> Option<&Complex> {
        self.complex_by_id
            .get(id)
            .and_then(|&i| self.records.complexes.get(i))
    }

    /// A buurt by code.
    pub fn buurt(&self, code: &str) -> Option<&Buurt> {
        self.buurt_by_code
            .get(code)
            .and_then(|&i| self.records.buurten.get(i))
    }

    /// A proposal by id.
    pub fn proposal(&self, id: &str) -> Option<&Proposal> {
        self.proposal_by_id
            .get(id)
            .and_then(|&i| self.records.proposals.get(i))
    }

    /// The complex of the unit at position `unit` (no lookup by name).
    pub fn complex_of_unit(&self, unit: usize) -> Option<&Complex> {
        self.unit_complex
            .get(unit)
            .copied()
            .flatten()
            .and_then(|c| self.records.complexes.get(c))
    }

    /// The buurt of the complex at position `complex`.
    pub fn buurt_of_complex(&self, complex: usize) -> Option<&Buurt> {
        self.complex_buurt
            .get(complex)
            .copied()
            .flatten()
            .and_then(|b| self.records.buurten.get(b))
    }

    /// The complex a unit belongs to.
    pub fn complex_of(&self, unit: &Unit) -> Option<&Complex> {
        self.complex(&unit.complex)
    }

    /// The buurt a complex lies in.
    pub fn buurt_of(&self, complex: &Complex) -> Option<&Buurt> {
        self.buurt(&complex.buurt)
    }

    /// The buurt a unit lies in (unit → complex → buurt).
    pub fn buurt_of_unit(&self, unit: &Unit) -> Option<&Buurt> {
        self.complex_of(unit).and_then(|c| self.buurt_of(c))
    }

    /// The reactions to the unit at position `unit`, in file order.
    pub fn reactions_to(&self, unit: usize) -> impl Iterator<Item = &Reaction> {
        self.reactions_by_unit
            .get(unit)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.records.reactions.get(i))
    }

    /// The recorded answer of `applicant` to an offer of the unit at
    /// position `unit`, if any.
    pub fn response(&self, unit: usize, applicant: &str) -> Option<crate::model::Response> {
        self.reactions_to(unit)
            .filter(|r| r.applicant == applicant)
            .find_map(|r| r.response)
    }

    /// The candidates for the unit at position `unit`: the applicants who
    /// reacted to it, or every applicant when the folder has no reactions at
    /// all (as the format promises).
    pub fn candidates(&self, unit: usize) -> Vec<&Applicant> {
        if self.records.reactions.is_empty() {
            return self.records.applicants.iter().collect();
        }
        self.reactions_to(unit)
            .filter_map(|r| self.applicant(&r.applicant))
            .collect()
    }
}
