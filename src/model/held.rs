//! Reactions as a loaded data set holds them: the applicant and the unit
//! by their position in the data set, not by their ids.
//!
//! A national year has 60 million reactions; as [`Reaction`]s, each with
//! two heap-allocated ids, they took most of the 10 GiB its load needed.
//! Held by position a reaction is 16 bytes, and looking up its applicant
//! or unit compares no text. The ids are resolved once, at load; the
//! [`Reaction`] with ids is rebuilt only where a record is written out.
//!
//! [`Reaction`]: crate::model::Reaction

use chrono::NaiveDate;

use crate::model::reaction::Response;

/// The position of an applicant in [`crate::model::Dataset::applicants`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ApplicantIx(pub u32);

/// The position of a unit in [`crate::model::Dataset::units`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UnitIx(pub u32);

/// A position no record has: the id of a reaction given to
/// [`crate::model::Dataset::new`] without validation that names no record.
const NOWHERE: u32 = u32::MAX;

/// The position a raw index stands for; `None` for [`NOWHERE`].
fn position_of(raw: u32) -> Option<usize> {
    (raw != NOWHERE).then(|| usize::try_from(raw).ok())?
}

/// The raw index of `position`; [`NOWHERE`] past what a `u32` holds (a
/// data set's records are far fewer).
fn raw_of(position: usize) -> u32 {
    u32::try_from(position).unwrap_or(NOWHERE)
}

impl ApplicantIx {
    /// Of an id no applicant has.
    pub const NOWHERE: ApplicantIx = ApplicantIx(NOWHERE);

    /// The position, `None` for [`ApplicantIx::NOWHERE`].
    pub fn position(self) -> Option<usize> {
        position_of(self.0)
    }

    /// The index of the applicant at `position`.
    pub fn at(position: usize) -> ApplicantIx {
        ApplicantIx(raw_of(position))
    }
}

impl UnitIx {
    /// Of an id no unit has.
    pub const NOWHERE: UnitIx = UnitIx(NOWHERE);

    /// The position, `None` for [`UnitIx::NOWHERE`].
    pub fn position(self) -> Option<usize> {
        position_of(self.0)
    }

    /// The index of the unit at `position`.
    pub fn at(position: usize) -> UnitIx {
        UnitIx(raw_of(position))
    }
}

/// One applicant's response to one unit, by position.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeldReaction {
    /// The applicant who responded.
    pub applicant: ApplicantIx,
    /// The unit responded to.
    pub unit: UnitIx,
    /// The day of the response ("direct te huur" ranks by it).
    pub date: NaiveDate,
    /// How the applicant answered an offer of the unit, when recorded.
    pub response: Option<Response>,
}
