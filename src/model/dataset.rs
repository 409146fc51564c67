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
    pub(crate) complexes: Vec<Complex>,
    /// `buurten.yaml`.
    pub(crate) buurten: Vec<Buurt>,
    /// `history.yaml` (empty when absent).
    pub(crate) history: Vec<Allocation>,
    /// `reactions.yaml` (empty when absent).
    pub reactions: Vec<Reaction>,
    /// `proposals.yaml` (empty when absent).
    pub(crate) proposals: Vec<Proposal>,
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
    /// The position of each reaction's applicant, by reaction position.
    reaction_applicant: Vec<Option<usize>>,
    /// Each applicant's place in the order of their ids, by position:
    /// ranking ties go to the lower id, and comparing these compares no text.
    applicant_rank: Vec<u32>,
}

fn index<T>(items: &[T], key: impl Fn(&T) -> &str) -> BTreeMap<String, usize> {
    let mut map = BTreeMap::new();
    for (i, item) in items.iter().enumerate() {
        // The first record wins; validation reports any later duplicate.
        map.entry(key(item).to_owned()).or_insert(i);
    }
    map
}

/// A hash map over ids, for lookups only: nothing is ever read in its order.
pub(crate) type IdMap<'a, V> = std::collections::HashMap<&'a str, V, IdHash>;

/// `by_id` as an [`IdMap`].
fn hashed(by_id: &BTreeMap<String, usize>) -> IdMap<'_, usize> {
    let mut map = IdMap::with_capacity_and_hasher(by_id.len(), IdHash);
    map.extend(by_id.iter().map(|(k, v)| (k.as_str(), *v)));
    map
}

/// A quick hash for ids (the multiply-rotate hash of the Rust compiler's
/// own tables): ids are the data's, not an attacker's keys, and a lookup
/// of a million reactions' ids should not cost more than reading them.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct IdHash;

impl std::hash::BuildHasher for IdHash {
    type Hasher = IdHasher;

    fn build_hasher(&self) -> IdHasher {
        IdHasher(0)
    }
}

/// The state of an [`IdHash`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct IdHasher(u64);

impl IdHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for IdHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            for (to, from) in word.iter_mut().zip(rest) {
                *to = *from;
            }
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Each applicant's place among the distinct ids in id order, by position;
/// a duplicate id (validation refuses one) shares the first record's place.
fn id_ranks(applicants: &[Applicant], by_id: &BTreeMap<String, usize>) -> Vec<u32> {
    let mut ranks = vec![u32::MAX; applicants.len()];
    for (rank, &first) in by_id.values().enumerate() {
        if let Some(slot) = ranks.get_mut(first) {
            *slot = u32::try_from(rank).unwrap_or(u32::MAX);
        }
    }
    for (i, applicant) in applicants.iter().enumerate() {
        if ranks.get(i) != Some(&u32::MAX) {
            continue;
        }
        let first = by_id
            .get(&applicant.id)
            .and_then(|&f| ranks.get(f))
            .copied();
        if let (Some(first), Some(slot)) = (first, ranks.get_mut(i)) {
            *slot = first;
        }
    }
    ranks
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
        let mut reaction_applicant = Vec::with_capacity(records.reactions.len());
        {
            // Millions of reactions look their unit and applicant up once,
            // here, by hash: the maps agree with the ordered ones above.
            let units = hashed(&unit_by_id);
            let applicants = hashed(&applicant_by_id);
            for (i, r) in records.reactions.iter().enumerate() {
                let unit = units.get(r.unit.as_str()).copied();
                if let Some(list) = unit.and_then(|u| reactions_by_unit.get_mut(u)) {
                    list.push(i);
                }
                reaction_applicant.push(applicants.get(r.applicant.as_str()).copied());
            }
        }
        let applicant_rank = id_ranks(&records.applicants, &applicant_by_id);
        Dataset {
            records,
            applicant_rank,
            applicant_by_id,
            unit_by_id,
            complex_by_id,
            buurt_by_code,
            proposal_by_id,
            unit_complex,
            complex_buurt,
            reactions_by_unit,
            reaction_applicant,
        }
    }

    /// The records, in file order.
    pub fn records(&self) -> &Records {
        &self.records
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

    /// The place of the applicant at position `applicant` in the order of
    /// the ids: two applicants compare by this as their ids compare.
    pub(crate) fn applicant_rank(&self, applicant: usize) -> u32 {
        self.applicant_rank
            .get(applicant)
            .copied()
            .unwrap_or(u32::MAX)
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
    pub(crate) fn buurt(&self, code: &str) -> Option<&Buurt> {
        self.buurt_by_code
            .get(code)
            .and_then(|&i| self.records.buurten.get(i))
    }

    /// The complex of the unit at position `unit` (no lookup by name).
    pub fn complex_of_unit(&self, unit: usize) -> Option<&Complex> {
        self.unit_complex
            .get(unit)
            .copied()
            .flatten()
            .and_then(|c| self.records.complexes.get(c))
    }

    /// The complex a unit belongs to.
    pub(crate) fn complex_of(&self, unit: &Unit) -> Option<&Complex> {
        self.complex(&unit.complex)
    }

    /// The buurt a complex lies in.
    pub(crate) fn buurt_of(&self, complex: &Complex) -> Option<&Buurt> {
        self.buurt(&complex.buurt)
    }

    /// The buurt a unit lies in (unit → complex → buurt).
    pub fn buurt_of_unit(&self, unit: &Unit) -> Option<&Buurt> {
        self.complex_of(unit).and_then(|c| self.buurt_of(c))
    }

    /// The reactions to the unit at position `unit`, in file order.
    pub(crate) fn reactions_to(&self, unit: usize) -> impl Iterator<Item = &Reaction> {
        self.reactions_by_unit
            .get(unit)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.records.reactions.get(i))
    }

    /// The reactions to the unit at position `unit`, in file order, each
    /// with the position of its applicant (`None` for an id no applicant
    /// has, which validation refuses).
    pub(crate) fn reactions_with_applicants(
        &self,
        unit: usize,
    ) -> impl Iterator<Item = (Option<usize>, &Reaction)> {
        self.reactions_by_unit
            .get(unit)
            .into_iter()
            .flatten()
            .filter_map(|&i| {
                let applicant = self.reaction_applicant.get(i).copied().flatten();
                self.records.reactions.get(i).map(|r| (applicant, r))
            })
    }

    /// The recorded answer of `applicant` to an offer of the unit at
    /// position `unit`, if any.
    pub(crate) fn response(&self, unit: usize, applicant: &str) -> Option<crate::model::Response> {
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
