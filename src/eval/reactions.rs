//! Each unit's reactions by applicant position, indexed once per run.

use chrono::NaiveDate;

use super::interpolated;
use crate::model::{Dataset, Response};

/// Each unit's reactions by applicant position: the same on every date, so
/// an allocation run builds this once and shares it among the engines of
/// its dates, and nothing on the way to a decision looks an id up.
///
/// Every unit's list lies in one flat array, cut by offsets: a Parkstad
/// year has 5 000 units and 1.5 M reactions, and a vector per unit grown
/// one push at a time spent more on growing (copies, fresh pages) than on
/// the reactions themselves.
#[derive(Debug, Default)]
pub struct Reactions {
    /// The applicants who reacted (sorted per unit, by their 32-bit
    /// position: eight bytes an entry keep a unit's list in fewer cache
    /// lines) and the day of their first reaction: the day of their
    /// application.
    first: Vec<(u32, NaiveDate)>,
    /// Where each unit's part of `first` starts; one more entry than units.
    first_starts: Vec<usize>,
    /// The applicants who reacted, in file order: each unit's candidates.
    candidates: Vec<usize>,
    /// Where each unit's part of `candidates` starts; one more than units.
    candidate_starts: Vec<usize>,
    /// Per unit, each applicant's first recorded answer to an offer, sorted
    /// (few reactions record one: an empty list allocates nothing).
    responses: Vec<Vec<(usize, Response)>>,
    /// Every applicant, when the folder has no reactions at all: each is
    /// then a candidate for every unit (as the format promises).
    everyone: Vec<usize>,
}

impl Reactions {
    /// Indexes the reactions of `data`.
    pub(crate) fn of(data: &Dataset) -> Self {
        let units = data.units().len();
        let reactions = data.reactions().len();
        let mut index = Reactions {
            first: Vec::with_capacity(reactions),
            first_starts: Vec::with_capacity(units.saturating_add(1)),
            candidates: Vec::with_capacity(reactions),
            candidate_starts: Vec::with_capacity(units.saturating_add(1)),
            responses: Vec::with_capacity(units),
            everyone: if reactions == 0 {
                (0..data.applicants().len()).collect()
            } else {
                Vec::new()
            },
        };
        let mut unit_first: Vec<(u32, NaiveDate)> = Vec::new();
        for u in 0..units {
            index.first_starts.push(index.first.len());
            index.candidate_starts.push(index.candidates.len());
            unit_first.clear();
            let mut responses: Vec<(usize, Response)> = Vec::new();
            for (a, r) in data.reactions_with_applicants(u) {
                let Some(a) = a else {
                    continue;
                };
                if let Ok(key) = u32::try_from(a) {
                    unit_first.push((key, r.date));
                }
                index.candidates.push(a);
                if let Some(response) = r.response {
                    if !responses.iter().any(|(b, _)| *b == a) {
                        responses.push((a, response));
                    }
                }
            }
            // The first reaction of an applicant to a unit is the application.
            unit_first.sort_unstable();
            unit_first.dedup_by_key(|(a, _)| *a);
            index.first.extend_from_slice(&unit_first);
            responses.sort_unstable_by_key(|(a, _)| *a);
            index.responses.push(responses);
        }
        index.first_starts.push(index.first.len());
        index.candidate_starts.push(index.candidates.len());
        index
    }

    /// The day `applicant` first reacted to `unit`.
    pub(super) fn day(&self, applicant: usize, unit: usize) -> Option<NaiveDate> {
        let list = part(&self.first, &self.first_starts, unit);
        let i = interpolated::find(list, u32::try_from(applicant).ok()?)?;
        list.get(i).map(|(_, date)| *date)
    }

    /// The candidates for `unit`, as [`Dataset::candidates`] gives them:
    /// the applicants who reacted to it, in file order, or every applicant
    /// when the folder has no reactions at all.
    pub(crate) fn candidates(&self, unit: usize) -> &[usize] {
        if self.everyone.is_empty() {
            part(&self.candidates, &self.candidate_starts, unit)
        } else {
            &self.everyone
        }
    }

    /// The first recorded answer of `applicant` to an offer of `unit`.
    pub(crate) fn response(&self, unit: usize, applicant: usize) -> Option<Response> {
        let list = self.responses.get(unit)?;
        let i = list.binary_search_by_key(&applicant, |(a, _)| *a).ok()?;
        list.get(i).map(|(_, r)| *r)
    }
}

/// Unit `unit`'s part of `flat`, cut by `starts` (empty for a unit past
/// the end).
fn part<'f, T>(flat: &'f [T], starts: &[usize], unit: usize) -> &'f [T] {
    let (Some(&from), Some(&to)) = (starts.get(unit), starts.get(unit.wrapping_add(1))) else {
        return &[];
    };
    flat.get(from..to).unwrap_or(&[])
}
