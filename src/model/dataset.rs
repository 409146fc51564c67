//! A loaded, validated data folder, with its lookups built once.
//!
//! Lookups go through `BTreeMap`s and positions in the file order, so nothing
//! that reaches a decision or a report depends on hash order.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::model::applicant::Applicant;
use crate::model::buurt::Buurt;
use crate::model::complex::Complex;
use crate::model::held::{ApplicantIx, HeldReaction, UnitIx};
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
    /// The reactions, in file order, naming applicant and unit by
    /// position (`records.reactions` stays empty).
    reactions: Vec<HeldReaction>,
    /// The reactions given to [`Dataset::new`] whose applicant or unit no
    /// record has (validation refuses them), by position among
    /// `reactions`, so that [`Dataset::records`] gives their ids back.
    strays: Vec<(usize, Reaction)>,
    /// The reactions to each unit, as positions among `reactions`: those
    /// to the unit at position `u` are `by_unit[starts[u]..starts[u + 1]]`.
    by_unit: ByUnit,
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

/// The reactions to each unit, all in one list (a national year has 200 000
/// units and 60 million reactions: a list per unit would cost twice that).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct ByUnit {
    /// Where each unit's reactions start in `reactions`, by unit position,
    /// and one past the last unit's end.
    starts: Vec<u32>,
    /// Positions of reactions, grouped by unit, each group in file order.
    reactions: Vec<u32>,
}

impl ByUnit {
    /// Groups `reactions` by unit. A data set holds fewer reactions than
    /// `u32::MAX` (see [`crate::limits::MAX_DATA_FOLDER_LIST_BYTES`]);
    /// past that the later ones would be left out of every group.
    fn of(units: usize, reactions: &[HeldReaction]) -> ByUnit {
        let mut counts = vec![0u32; units];
        for r in reactions {
            if let Some(count) = r.unit.position().and_then(|u| counts.get_mut(u)) {
                *count = count.saturating_add(1);
            }
        }
        let mut starts = Vec::with_capacity(units.saturating_add(1));
        let mut total = 0u32;
        starts.push(0);
        for count in &counts {
            total = total.saturating_add(*count);
            starts.push(total);
        }
        // `counts` becomes where each unit's next reaction goes.
        let mut next: Vec<u32> = starts.iter().take(units).copied().collect();
        let mut grouped = vec![u32::MAX; usize::try_from(total).unwrap_or(0)];
        for (i, r) in reactions.iter().enumerate() {
            let (Some(slot), Ok(i)) = (
                r.unit.position().and_then(|u| next.get_mut(u)),
                u32::try_from(i),
            ) else {
                continue;
            };
            if let Some(place) = usize::try_from(*slot).ok().and_then(|s| grouped.get_mut(s)) {
                *place = i;
            }
            *slot = slot.saturating_add(1);
        }
        ByUnit {
            starts,
            reactions: grouped,
        }
    }

    /// The positions of the reactions to the unit at position `unit`.
    fn of_unit(&self, unit: usize) -> &[u32] {
        let from = self.starts.get(unit).copied();
        let to = unit
            .checked_add(1)
            .and_then(|u| self.starts.get(u))
            .copied();
        match (from, to) {
            (Some(from), Some(to)) => usize::try_from(from)
                .ok()
                .zip(usize::try_from(to).ok())
                .and_then(|(from, to)| self.reactions.get(from..to))
                .unwrap_or_default(),
            _ => &[],
        }
    }
}

impl Dataset {
    /// Indexes `records`. Does not validate: use `load_dataset` for data
    /// from outside.
    pub fn new(mut records: Records) -> Self {
        let given = std::mem::take(&mut records.reactions);
        let mut held = Vec::with_capacity(given.len());
        let mut strays = Vec::new();
        {
            // The reactions look their unit and applicant up once, here, by
            // hash: the maps agree with the ordered ones `build` makes.
            let applicant_by_id = index(&records.applicants, |a| &a.id);
            let unit_by_id = index(&records.units, |u| &u.id);
            let (applicants, units) = (hashed(&applicant_by_id), hashed(&unit_by_id));
            for (i, r) in given.into_iter().enumerate() {
                let applicant = applicants.get(r.applicant.as_str()).copied();
                let unit = units.get(r.unit.as_str()).copied();
                held.push(HeldReaction {
                    applicant: applicant.map_or(ApplicantIx::NOWHERE, ApplicantIx::at),
                    unit: unit.map_or(UnitIx::NOWHERE, UnitIx::at),
                    date: r.date,
                    response: r.response,
                });
                if applicant.is_none() || unit.is_none() {
                    strays.push((i, r));
                }
            }
        }
        Dataset::build(records, held, strays)
    }

    /// Indexes `records` (whose own reactions are left out) with the
    /// reactions `held`, each naming its applicant and unit by position
    /// in `records`: what a load resolved.
    pub(crate) fn with_held(records: Records, held: Vec<HeldReaction>) -> Self {
        Dataset::build(records, held, Vec::new())
    }

    fn build(
        records: Records,
        reactions: Vec<HeldReaction>,
        strays: Vec<(usize, Reaction)>,
    ) -> Self {
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
        let by_unit = ByUnit::of(records.units.len(), &reactions);
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
            reactions,
            strays,
            by_unit,
        }
    }

    /// The records, in file order, as they are written out: a copy, with
    /// each reaction's ids given back (the data set holds them by
    /// position).
    pub fn records(&self) -> Records {
        let mut strays = self.strays.iter().peekable();
        let reactions = self
            .reactions
            .iter()
            .enumerate()
            .map(|(i, r)| match strays.next_if(|(at, _)| *at == i) {
                Some((_, stray)) => stray.clone(),
                None => Reaction {
                    applicant: self.applicant_id(r.applicant).to_owned(),
                    unit: self.unit_id(r.unit).to_owned(),
                    date: r.date,
                    response: r.response,
                },
            })
            .collect();
        Records {
            reactions,
            ..self.records.clone()
        }
    }

    /// The id of the applicant at `applicant` (empty for none).
    pub fn applicant_id(&self, applicant: ApplicantIx) -> &str {
        applicant
            .position()
            .and_then(|a| self.records.applicants.get(a))
            .map_or("", |a| a.id.as_str())
    }

    /// The id of the unit at `unit` (empty for none).
    pub fn unit_id(&self, unit: UnitIx) -> &str {
        unit.position()
            .and_then(|u| self.records.units.get(u))
            .map_or("", |u| u.id.as_str())
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

    /// This data set with `complexes` in place of its own, when they are
    /// the same complexes (ids and buurten, in the same order) with other
    /// designations, as a variant makes them: every index stays valid, so
    /// the rest is copied as it is instead of being indexed again (a year's
    /// reactions resolved anew). Other complexes are handed back.
    pub(crate) fn with_complexes(&self, complexes: Vec<Complex>) -> Result<Dataset, Vec<Complex>> {
        let own = &self.records.complexes;
        let same = complexes.len() == own.len()
            && complexes
                .iter()
                .zip(own)
                .all(|(c, o)| c.id == o.id && c.buurt == o.buurt);
        if !same {
            return Err(complexes);
        }
        let mut amended = self.clone();
        amended.records.complexes = complexes;
        Ok(amended)
    }

    /// Every buurt, in file order.
    pub fn buurten(&self) -> &[Buurt] {
        &self.records.buurten
    }

    /// The allocation history, in file order.
    pub fn history(&self) -> &[Allocation] {
        &self.records.history
    }

    /// Every reaction, in file order, by position: an applicant or unit
    /// no record has (in records indexed without validation) is
    /// [`ApplicantIx::NOWHERE`] or [`UnitIx::NOWHERE`].
    pub fn reactions(&self) -> &[HeldReaction] {
        &self.reactions
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
    pub(crate) fn reactions_to(&self, unit: usize) -> impl Iterator<Item = &HeldReaction> {
        self.by_unit
            .of_unit(unit)
            .iter()
            .filter_map(|&i| usize::try_from(i).ok().and_then(|i| self.reactions.get(i)))
    }

    /// The reactions to the unit at position `unit`, in file order, each
    /// with the position of its applicant (`None` for an id no applicant
    /// has, which validation refuses).
    pub(crate) fn reactions_with_applicants(
        &self,
        unit: usize,
    ) -> impl Iterator<Item = (Option<usize>, &HeldReaction)> {
        self.reactions_to(unit).map(|r| (r.applicant.position(), r))
    }

    /// The recorded answer of `applicant` to an offer of the unit at
    /// position `unit`, if any.
    pub(crate) fn response(&self, unit: usize, applicant: &str) -> Option<crate::model::Response> {
        match self.applicant_index(applicant) {
            Some(a) => self
                .reactions_to(unit)
                .filter(|r| r.applicant.position() == Some(a))
                .find_map(|r| r.response),
            // Only a reaction no applicant's record has can name the id.
            None => self
                .strays
                .iter()
                .filter(|(i, r)| {
                    r.applicant == applicant
                        && self.reactions.get(*i).and_then(|h| h.unit.position()) == Some(unit)
                })
                .find_map(|(_, r)| r.response),
        }
    }

    /// The candidates for the unit at position `unit`: the applicants who
    /// reacted to it, or every applicant when the folder has no reactions at
    /// all (as the format promises).
    pub fn candidates(&self, unit: usize) -> Vec<&Applicant> {
        if self.reactions.is_empty() {
            return self.records.applicants.iter().collect();
        }
        self.reactions_to(unit)
            .filter_map(|r| {
                r.applicant
                    .position()
                    .and_then(|a| self.records.applicants.get(a))
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::generate::{GenerateOptions, generate};

    #[test]
    fn other_designations_are_the_data_set_indexed_anew() {
        let from = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
        let data = Dataset::new(generate(&GenerateOptions::new(60, 12, 3, from)));
        let mut complexes = data.complexes().to_vec();
        complexes[0].designations.clear();
        let mut records = data.records();
        records.complexes = complexes.clone();
        assert_eq!(data.with_complexes(complexes), Ok(Dataset::new(records)));
        // Another complex is no amendment of these: it is handed back.
        let mut other = data.complexes().to_vec();
        other[0].id = "C-other".into();
        assert_eq!(data.with_complexes(other.clone()), Err(other));
    }

    #[test]
    fn reactions_held_by_position_give_their_ids_back() {
        let from = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
        let mut records = generate(&GenerateOptions::new(30, 5, 1, from));
        // One reaction by an applicant no record has, one to no unit.
        let mut stray = records.reactions[0].clone();
        stray.applicant = "A-nobody".into();
        records.reactions.insert(1, stray);
        let mut nowhere = records.reactions[2].clone();
        nowhere.unit = "U-nowhere".into();
        records.reactions.push(nowhere);
        let data = Dataset::new(records.clone());
        assert_eq!(data.records(), records);
        assert_eq!(data.reactions()[1].applicant, ApplicantIx::NOWHERE);
        let last = data.reactions().last().map(|r| r.unit);
        assert_eq!(last, Some(UnitIx::NOWHERE));
        let unit = data.reactions()[0].unit.position().unwrap_or_default();
        assert!(
            data.reactions_to(unit)
                .all(|r| r.unit.position() == Some(unit))
        );
        assert!(data.candidates(unit).len() < data.reactions_to(unit).count());
    }
}
