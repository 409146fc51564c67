//! Reading a data folder's reactions into [`HeldReaction`]s: each id is
//! numbered as it is read (an applicant's id once, however often they
//! react), and once every file is read the numbers are turned into the
//! positions of the records named ([`ReadReactions::resolve`]).
//!
//! So the 60 million reactions of a national year never exist as records
//! with ids of their own. When a reference does not resolve, or a pair
//! reacts twice, the reactions are given back as [`Reaction`]s with their
//! ids ([`ReadReactions::to_records`]) and checked as any other records,
//! so every problem is worded as before.

use std::collections::{BTreeSet, HashMap};

use chrono::NaiveDate;

use crate::model::applicant::Applicant;
use crate::model::dataset::IdHash;
use crate::model::error::LoadError;
use crate::model::held::{ApplicantIx, HeldReaction, UnitIx};
use crate::model::reaction::{Reaction, Response};
use crate::model::read::{FileRecords, read_records};
use crate::model::shards::{self, Starts};
use crate::model::unit::Unit;
use crate::source::{FileId, SourceMap};

/// Ids numbered in the order first met.
#[derive(Debug, Default)]
struct Names {
    /// The ids of at most [`SHORT`] bytes, kept inside the table's slots: a
    /// lookup among a region's million applicant ids then compares the
    /// bytes of the slot it lands on instead of following the slot to a
    /// key elsewhere in memory, which waited on a cache miss per reaction.
    short: HashMap<ShortId, u32, IdHash>,
    /// The longer ids.
    long: HashMap<Box<str>, u32, IdHash>,
    /// The id numbered last met and its number: a file lists a unit's
    /// reactions together, so most units' ids are the last one again.
    last: String,
    last_number: Option<u32>,
}

/// The longest id a [`ShortId`] holds.
const SHORT: usize = 23;

/// An id of at most [`SHORT`] bytes, in place: its bytes, zero after its
/// end, and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct ShortId([u8; SHORT], u8);

impl ShortId {
    /// `id` in place, when it is short enough.
    fn of(id: &str) -> Option<Self> {
        let len = u8::try_from(id.len())
            .ok()
            .filter(|n| usize::from(*n) <= SHORT)?;
        let mut bytes = [0u8; SHORT];
        bytes.get_mut(..id.len())?.copy_from_slice(id.as_bytes());
        Some(ShortId(bytes, len))
    }

    /// The id (always the text it was made from).
    fn as_str(&self) -> &str {
        let bytes = self.0.get(..usize::from(self.1)).unwrap_or_default();
        std::str::from_utf8(bytes).unwrap_or_default()
    }
}

impl Names {
    /// How many ids are numbered.
    fn len(&self) -> usize {
        self.short.len().saturating_add(self.long.len())
    }

    /// The number of `id`, given a new one when it is new.
    ///
    /// There are fewer ids than reactions, and the reactions of a data
    /// folder, each at least 30 bytes of its 8 GiB at most
    /// ([`crate::limits::MAX_DATA_FOLDER_LIST_BYTES`]), are far fewer than
    /// `u32::MAX`; past that every id would share the last number, and the
    /// reactions would not resolve.
    fn number(&mut self, id: &str) -> u32 {
        if let Some(n) = self.last_number.filter(|_| self.last == id) {
            return n;
        }
        let next = u32::try_from(self.len()).unwrap_or(u32::MAX);
        let n = match ShortId::of(id) {
            Some(short) => *self.short.entry(short).or_insert(next),
            None => match self.long.get(id) {
                Some(&n) => n,
                None => {
                    self.long.insert(Box::from(id), next);
                    next
                }
            },
        };
        self.last.clear();
        self.last.push_str(id);
        self.last_number = Some(n);
        n
    }

    /// The ids by number.
    fn by_number(&self) -> Vec<&str> {
        let mut ids = vec![""; self.len()];
        let short = self.short.iter().map(|(id, &n)| (id.as_str(), n));
        let long = self.long.iter().map(|(id, &n)| (&**id, n));
        for (id, n) in short.chain(long) {
            if let Some(slot) = usize::try_from(n).ok().and_then(|n| ids.get_mut(n)) {
                *slot = id;
            }
        }
        ids
    }

    /// Of each number, the position of the record of that id in `records`
    /// (the first, should two share it), `None` when none has it.
    fn positions<T>(&self, records: &[(usize, T)], id: impl Fn(&T) -> &str) -> Vec<Option<u32>> {
        let mut by_id: HashMap<&str, u32, IdHash> =
            HashMap::with_capacity_and_hasher(records.len(), IdHash);
        for (position, (_, record)) in records.iter().enumerate() {
            if let Ok(position) = u32::try_from(position) {
                by_id.entry(id(record)).or_insert(position);
            }
        }
        self.by_number()
            .into_iter()
            .map(|name| by_id.get(name).copied())
            .collect()
    }
}

/// The reactions read from a data folder.
#[derive(Debug)]
pub struct ReadReactions {
    /// The reactions that read cleanly, in file order; until
    /// [`ReadReactions::resolve`] succeeds, each names its applicant and
    /// unit by their number in `applicants` and `units`.
    held: Vec<HeldReaction>,
    /// The index in the list of each reaction in `held`, when some
    /// reaction did not read and they are not simply `0, 1, 2, …`.
    indices: Option<Vec<usize>>,
    applicants: Names,
    units: Names,
    /// Whether every file was read whole (as [`FileRecords::complete`]).
    pub complete: bool,
    /// Whether `held` names records by position.
    resolved: bool,
}

impl Default for ReadReactions {
    fn default() -> Self {
        ReadReactions {
            held: Vec::new(),
            indices: None,
            applicants: Names::default(),
            units: Names::default(),
            complete: true,
            resolved: false,
        }
    }
}

impl ReadReactions {
    /// The index in the list one past the last reaction read.
    fn after_last(&self) -> usize {
        match &self.indices {
            Some(indices) => indices.last().map_or(0, |i| i.saturating_add(1)),
            None => self.held.len(),
        }
    }

    /// Adds one reaction at index `index` of the list.
    fn push(
        &mut self,
        index: usize,
        applicant: &str,
        unit: &str,
        date: NaiveDate,
        response: Option<Response>,
    ) {
        if self.indices.is_none() && index != self.held.len() {
            self.indices = Some((0..self.held.len()).collect());
        }
        if let Some(indices) = &mut self.indices {
            indices.push(index);
        }
        let reaction = HeldReaction {
            applicant: ApplicantIx(self.applicants.number(applicant)),
            unit: UnitIx(self.units.number(unit)),
            date,
            response,
        };
        self.held.push(reaction);
    }

    /// Reads one file's reactions (its text `text`), their indices in the
    /// list starting at `start`: straight from the text in the layout the
    /// writers write ([`crate::model::quick::read_reactions`]), else
    /// through the full reader, whose problems go to `errors`.
    fn read_file(&mut self, text: &str, file: FileId, start: usize, errors: &mut Vec<LoadError>) {
        let before = self.held.len();
        let quick = crate::model::quick::read_reactions(text, |applicant, unit, date, response| {
            let index = start.saturating_add(self.held.len().saturating_sub(before));
            self.push(index, applicant, unit, date, response);
        });
        if quick.is_some() {
            return;
        }
        // Declined part of the way: what it handed over is read again.
        self.held.truncate(before);
        if let Some(indices) = &mut self.indices {
            indices.truncate(before);
        }
        let records: FileRecords<Reaction> =
            read_records(text, file, "reactions.yaml", "reactions", errors);
        self.complete &= records.complete;
        for (i, r) in records.records {
            self.push(
                start.saturating_add(i),
                &r.applicant,
                &r.unit,
                r.date,
                r.response,
            );
        }
    }

    /// The reactions of the one file `file` of `sources`; none (an absent
    /// file is no reactions) when there is no such file.
    pub fn of_file(sources: &SourceMap, file: Option<FileId>) -> (ReadReactions, Vec<LoadError>) {
        let mut read = ReadReactions::default();
        let mut errors = Vec::new();
        if let Some((id, source)) = file.and_then(|f| sources.get(f).map(|s| (f, s))) {
            read.read_file(&source.text, id, 0, &mut errors);
        }
        (read, errors)
    }

    /// The reactions of the split files `files` (their texts left out of
    /// `sources`), read one after the other as [`shards::read_all`] reads
    /// other lists, with where each file's reactions start.
    pub fn of_split(
        sources: &SourceMap,
        files: &[FileId],
    ) -> (ReadReactions, Starts, Vec<LoadError>) {
        let mut read = ReadReactions::default();
        let mut starts = Starts::default();
        let mut errors = Vec::new();
        let every_file = shards::each_text(sources, files, &mut errors, |text, file, errors| {
            // Past the last reaction read so far, and never before the file
            // before (as `shards::append` places records).
            let start = read.after_last().max(starts.last_start());
            starts.push(start, file);
            read.read_file(text, file, start, errors);
        });
        read.complete &= every_file;
        (read, starts, errors)
    }

    /// The reactions of records read by another reader (a CSV folder's).
    pub fn of_records(records: FileRecords<Reaction>) -> ReadReactions {
        let mut read = ReadReactions {
            complete: records.complete,
            ..ReadReactions::default()
        };
        for (i, r) in records.records {
            read.push(i, &r.applicant, &r.unit, r.date, r.response);
        }
        read
    }

    /// Turns every reaction's numbers into the positions of its applicant
    /// in `applicants` and its unit in `units`, when that finds no problem:
    /// both lists read whole, every id a record's, no applicant reacting
    /// to a unit twice. Then the checks of the reactions, which would find
    /// nothing, are not run. Otherwise nothing changes, `false` is
    /// returned and [`ReadReactions::to_records`] gives the reactions to
    /// those checks.
    pub fn resolve(
        &mut self,
        applicants: &FileRecords<Applicant>,
        units: &FileRecords<Unit>,
    ) -> bool {
        if self.resolved {
            return true;
        }
        if !applicants.complete || !units.complete {
            return false;
        }
        let applicant_at = self.applicants.positions(&applicants.records, |a| &a.id);
        let unit_at = self.units.positions(&units.records, |u| &u.id);
        let position = |at: &[Option<u32>], n: u32| {
            usize::try_from(n)
                .ok()
                .and_then(|n| at.get(n).copied().flatten())
        };
        let mut pairs = Vec::with_capacity(self.held.len());
        for r in &self.held {
            let (Some(a), Some(u)) = (
                position(&applicant_at, r.applicant.0),
                position(&unit_at, r.unit.0),
            ) else {
                return false;
            };
            pairs.push(u64::from(u).checked_shl(32).unwrap_or(0) | u64::from(a));
        }
        pairs.sort_unstable();
        if pairs.windows(2).any(|w| w.first() == w.get(1)) {
            return false;
        }
        drop(pairs);
        for r in &mut self.held {
            // Every number resolved just above.
            r.applicant = ApplicantIx(position(&applicant_at, r.applicant.0).unwrap_or(u32::MAX));
            r.unit = UnitIx(position(&unit_at, r.unit.0).unwrap_or(u32::MAX));
        }
        self.resolved = true;
        true
    }

    /// Whether [`ReadReactions::resolve`] has succeeded.
    pub fn is_resolved(&self) -> bool {
        self.resolved
    }

    /// The reactions by position, once [`ReadReactions::resolve`] has
    /// succeeded.
    pub fn take_resolved(self) -> Option<Vec<HeldReaction>> {
        self.resolved.then_some(self.held)
    }

    /// The reactions as records with their ids, each with its index in
    /// the list, before [`ReadReactions::resolve`] (after it, empty).
    pub fn to_records(&self) -> FileRecords<Reaction> {
        let mut out = FileRecords {
            complete: self.complete,
            known_ids: BTreeSet::new(),
            records: Vec::new(),
        };
        if self.resolved {
            return out;
        }
        let (applicants, units) = (self.applicants.by_number(), self.units.by_number());
        let name = |ids: &[&str], n: u32| {
            usize::try_from(n)
                .ok()
                .and_then(|n| ids.get(n).copied())
                .unwrap_or_default()
                .to_owned()
        };
        out.records = self
            .held
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let index = self
                    .indices
                    .as_ref()
                    .and_then(|ix| ix.get(i).copied())
                    .unwrap_or(i);
                let reaction = Reaction {
                    applicant: name(&applicants, r.applicant.0),
                    unit: name(&units, r.unit.0),
                    date: r.date,
                    response: r.response,
                };
                (index, reaction)
            })
            .collect();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WRITTEN: &str = "reactions:\n- applicant: A-1\n  unit: U-1\n  date: 2026-03-02\n- applicant: A-2\n  unit: U-1\n  date: 2026-03-03\n  response: declined\n";

    /// Ids of up to 23 bytes are kept in place, longer ones boxed: both
    /// kinds share one numbering, in the order first met, and each id keeps
    /// its number however it is met again.
    #[test]
    fn short_and_long_ids_share_one_numbering() {
        let long = "WZ-2026-PARKSTAD-0000001234";
        let edge = "A".repeat(SHORT);
        let past = "A".repeat(SHORT + 1);
        let mut names = Names::default();
        let met = [
            "A-1",
            long,
            edge.as_str(),
            "A-1",
            past.as_str(),
            long,
            "é-ü",
        ];
        let numbers: Vec<u32> = met.iter().map(|id| names.number(id)).collect();
        assert_eq!(numbers, [0, 1, 2, 0, 3, 1, 4]);
        assert_eq!(names.short.len(), 3);
        assert_eq!(names.long.len(), 2);
        assert_eq!(
            names.by_number(),
            ["A-1", long, edge.as_str(), past.as_str(), "é-ü"]
        );
    }

    fn read(text: &str) -> (ReadReactions, Vec<LoadError>) {
        let mut sources = SourceMap::new();
        let file = sources.add("reactions.yaml", text);
        ReadReactions::of_file(&sources, Some(file))
    }

    fn full(text: &str) -> FileRecords<Reaction> {
        read_records(
            text,
            FileId(0),
            "reactions.yaml",
            "reactions",
            &mut Vec::new(),
        )
    }

    #[test]
    fn the_writers_layout_gives_what_the_full_reader_gives() {
        let (read, errors) = read(WRITTEN);
        assert!(errors.is_empty());
        assert_eq!(read.to_records().records, full(WRITTEN).records);
    }

    #[test]
    fn a_file_the_quick_reader_declines_half_way_is_read_once_in_full() {
        // A comment after the first two reactions sends the file to the
        // full reader: the two are not counted twice.
        let text = format!("{WRITTEN}# more\n- applicant: A-3\n  unit: U-2\n  date: 2026-03-04\n");
        let (read, errors) = read(&text);
        assert!(errors.is_empty());
        let records = read.to_records().records;
        assert_eq!(records.len(), 3);
        assert_eq!(records, full(&text).records);
    }

    #[test]
    fn a_reaction_that_does_not_read_keeps_the_indices_of_the_rest() {
        let text = format!(
            "{WRITTEN}- applicant: A-3\n  unit: U-2\n  date: 2026-02-30\n- applicant: A-4\n  unit: U-2\n  date: 2026-03-04\n"
        );
        let (read, errors) = read(&text);
        assert_eq!(errors.len(), 1);
        let indices: Vec<usize> = read.to_records().records.iter().map(|(i, _)| *i).collect();
        assert_eq!(indices, [0, 1, 3]);
    }
}
