//! `toewijzer simulate`: a period's vacancies allocated under the baseline
//! and under each variant, every applicant followed through it, and what
//! that did to the mixing of fragile buurten and to the households the
//! designations and quotas refused (issue 11, part 2; Wbmgp art. 6 lid 2).
//!
//! The records here are the JSON layout of `simulate` (docs/json-format.md,
//! [`SIMULATE_SCHEMA_VERSION`]); the renderers read only them.

mod displacement;
mod explain;
mod follow;
mod mixing;
mod nl;
mod redact;
pub mod render_html;
pub mod render_json;
pub mod render_markdown;
pub mod render_text;
mod run;
mod shares;
mod tables;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use run::{SimulateRequest, run_simulate};

/// A key and how many have it: the same record as `diff`'s.
pub(crate) use crate::diff::Count;

use crate::allocate::record::QuotaState;
use crate::eval::record::DecisionRecord;

/// The version of the JSON layout of [`SimulateOutput`]; bump on any change.
pub const SIMULATE_SCHEMA_VERSION: u32 = 2;

/// A whole `simulate` run: the baseline first, then each variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SimulateOutput {
    /// [`SIMULATE_SCHEMA_VERSION`].
    pub schema_version: u32,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period.
    pub until: NaiveDate,
    /// The lottery seed, the same on every side.
    pub seed: u64,
    /// What the figures count, in words (the definitions of "refused",
    /// "housed elsewhere", "suitable", household types).
    pub notes: Vec<String>,
    /// The baseline, then each variant in the order given.
    pub sides: Vec<SideReport>,
    /// With `--explain-household`: that household's path on every side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub household: Option<HouseholdPaths>,
    /// With `--redact`: applicant ids are pseudonyms and the explained
    /// household's decisions are generalised as `eval --redact` does.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub redacted: bool,
    /// Redacted: the rules of the explained decisions whose outcome rests
    /// on a value shown only generalised.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generalised: Vec<String>,
}

/// What one side's allocation of the period did.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SideReport {
    /// `baseline`, or the variant's machine name.
    pub name: String,
    /// The rule set's or the variant's title.
    pub title: String,
    /// The variant file; absent for the baseline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file: Option<String>,
    /// Vacancies of the period.
    pub vacancies: usize,
    /// Of them let.
    pub let_units: usize,
    /// Households that reacted to a vacancy of the period.
    pub households: usize,
    /// Of them housed in the period.
    pub housed: usize,
    /// Of them still unhoused at its end.
    pub unhoused: usize,
    /// Inflow per buurt, then per fragile complex.
    pub mixing: Vec<Inflow>,
    /// Households refused per designation or quota and buurt.
    pub displacement: Vec<Refusals>,
    /// Every quota per scope group as it stood at its last allocation of
    /// the period (the law's portfolio shares among them).
    pub shares: Vec<QuotaState>,
}

/// The period's inflow into one buurt or fragile complex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inflow {
    /// `buurt` or `fragile complex`.
    pub place: String,
    /// `GMS` or `C-04 De Mijnwerkershof`.
    pub name: String,
    /// Households housed there in the period.
    pub allocations: usize,
    /// By classification label (`drager`, `vrager`), sorted by key.
    pub by_classification: Vec<Count>,
    /// By priority group (`none` for none), sorted by key.
    pub by_priority: Vec<Count>,
    /// By the main applicant's income sources, sorted by key.
    pub by_income: Vec<Count>,
    /// The current make-up: the data's recorded allocations before the
    /// period there, by classification label.
    pub make_up: Vec<Count>,
}

/// Refused, housed elsewhere later, or not: one group of households.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Figures {
    /// Households refused.
    pub refused: usize,
    /// Of them housed elsewhere in the region later in the period.
    pub housed_later: usize,
    /// Of them not housed by the period's end.
    pub not_housed: usize,
}

/// A group of households with its figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupFigures {
    /// The group (`single`, `urgent`).
    pub group: String,
    /// Its figures.
    #[serde(flatten)]
    pub figures: Figures,
}

/// The households one designation kind or quota refused in one buurt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Refusals {
    /// `designation` or `quota`.
    pub by: String,
    /// The designation kind (`wbmgp_art8`) or quota id (`binding_cap`).
    pub under: String,
    /// The buurt of the refusing complexes.
    pub buurt: String,
    /// The refusing complexes, by id.
    pub complexes: Vec<String>,
    /// All refused households.
    #[serde(flatten)]
    pub figures: Figures,
    /// Days from the first refusal to the later allocation: the median.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub median_wait_days: Option<i64>,
    /// The longest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_wait_days: Option<i64>,
    /// Where those housed later were housed, by buurt.
    pub housed_in: Vec<Count>,
    /// By household type.
    pub by_household: Vec<GroupFigures>,
    /// Urgent households, aandachtsgroepen and permit holders apart.
    pub apart: Vec<GroupFigures>,
}

/// One household's path through the period on every side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HouseholdPaths {
    /// The applicant id.
    pub applicant: String,
    /// Per side, in the order of [`SimulateOutput::sides`].
    pub sides: Vec<HouseholdPath>,
}

/// A household's path under one side.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HouseholdPath {
    /// The side's name.
    pub side: String,
    /// Every vacancy of the period it reacted to, in allocation order.
    pub steps: Vec<Step>,
    /// `housed in U-0101 (C-01, Vrieheide-De Stack) on 2026-03-02 after 3 days`
    /// or `still unhoused on 2026-12-31`.
    pub end: String,
}

/// One vacancy on a household's path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// The vacancy's date.
    pub date: NaiveDate,
    /// The unit.
    pub unit: String,
    /// Its complex.
    pub complex: String,
    /// What happened, in words.
    pub outcome: String,
    /// The household's decision for the unit on the date, with its trace.
    pub decision: DecisionRecord,
}
