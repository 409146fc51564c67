//! `toewijzer diff`: the decisions of a baseline and of a variant (or of
//! another rule folder) side by side, reporting only what changed, grouped
//! by rule, place, household and priority group; with a period, the
//! allocation of its vacancies both ways (issue 11).
//!
//! The records here are the JSON layout of `diff` (docs/json-format.md,
//! [`DIFF_SCHEMA_VERSION`]); the renderers read only them.

mod decisions;
mod group;
mod lines;
mod period;
pub mod render_html;
pub mod render_json;
pub mod render_markdown;
pub mod render_text;
mod run;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub(crate) use decisions::income_sources;
pub(crate) use decisions::{Selection, compare};
pub(crate) use group::sorted;
pub(crate) use period::compare_allocations;
pub use run::{DiffRequest, run_diff};

use crate::eval::record::RunHeader;
use crate::variant::VariantInfo;

/// The version of the JSON layout of [`DiffOutput`]; bump on any change.
pub(crate) const DIFF_SCHEMA_VERSION: u32 = 1;

/// A whole `diff` run: the baseline, then one comparison per variant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiffOutput {
    /// [`DIFF_SCHEMA_VERSION`].
    pub(crate) schema_version: u32,
    /// The baseline's run header: its rule files and data files with hashes.
    pub(crate) baseline: RunHeader,
    /// Each variant (or the other rule folder) against the baseline.
    pub comparisons: Vec<Comparison>,
}

/// One variant against the baseline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparison {
    /// The variant; absent for `--rules-new`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) variant: Option<VariantInfo>,
    /// The other side's run header (its rule files include the variant file).
    pub(crate) header: RunHeader,
    /// Rules only one side has (`gate wbmgp_income`), by side.
    pub(crate) only_baseline: Vec<String>,
    /// Rules only the other side has.
    pub(crate) only_variant: Vec<String>,
    /// How many pairs were decided both ways.
    pub(crate) pairs: usize,
    /// How many of them changed.
    pub changed: usize,
    /// The changed decisions counted by rule, place, household and group.
    pub(crate) groups: Groups,
    /// Every changed decision, by unit (data order), then applicant id.
    pub(crate) decisions: Vec<ChangedDecision>,
    /// With `--period`: the vacancies allocated both ways.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocation: Option<AllocationDiff>,
}

/// The changed decisions counted several ways; every list is sorted by
/// count (most first), then key.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Groups {
    /// By rule whose outcome changed, with the article it cites.
    pub rules: Vec<RuleCount>,
    /// By complex (`C-02 Residentie Schacht Oranje`).
    pub complexes: Vec<Count>,
    /// By buurt (`GMS (BU09170102)`).
    pub buurten: Vec<Count>,
    /// By household type (`single`, `couple with children`).
    pub households: Vec<Count>,
    /// By the applicant's income sources on the reference date.
    pub income_sources: Vec<Count>,
    /// By priority group, old → new.
    pub priorities: Vec<Count>,
}

/// A key and how many changed decisions have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Count {
    /// What is counted.
    pub key: String,
    /// How many.
    pub count: usize,
}

/// A rule whose outcome changed, and in how many decisions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleCount {
    /// Rule id; `(rank only)` for decisions whose only change is the rank.
    pub rule: String,
    /// The rule's legal source (of the variant's rule where both have it).
    pub source: String,
    /// How many decisions.
    pub count: usize,
}

/// One pair decided differently.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChangedDecision {
    /// Applicant id.
    pub applicant: String,
    /// Unit id.
    pub unit: String,
    /// The unit's complex.
    pub complex: String,
    /// The complex's buurt.
    pub buurt: String,
    /// The household type on the reference date.
    pub household: String,
    /// The applicant's income sources on the reference date.
    pub income_sources: String,
    /// Each field that changed, old → new.
    pub changes: Vec<FieldChange>,
    /// The rules whose outcome changed.
    pub rules: Vec<String>,
    /// The lines of the two traces that differ, in order.
    pub trace: Vec<TraceLine>,
}

/// A field of a decision, old → new.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FieldChange {
    /// `eligible`, `failed`, `priority`, `points profile`, `capacity`, `rank`.
    pub field: String,
    /// In the baseline.
    pub old: String,
    /// In the variant.
    pub new: String,
}

/// Which side a trace line is from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub(crate) enum LineSide {
    /// Only in the baseline's trace.
    Baseline,
    /// Only in the variant's trace.
    Variant,
}

/// A line of one trace that the other does not have.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TraceLine {
    /// Which trace.
    pub side: LineSide,
    /// The line as the text report shows it.
    pub text: String,
}

/// The vacancies of a period allocated both ways.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllocationDiff {
    /// First day of the period.
    pub(crate) from: NaiveDate,
    /// Last day.
    pub(crate) until: NaiveDate,
    /// How many vacancies fell in it.
    pub(crate) vacancies: usize,
    /// How many were let differently: another tenant, rank or group.
    pub changed: usize,
    /// How many had a quota standing differently (another count or limit).
    pub quotas_changed: usize,
    /// Every vacancy of the period, in allocation order.
    pub(crate) units: Vec<VacancyDiff>,
}

/// One vacancy under both sides.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VacancyDiff {
    /// The unit.
    pub unit: String,
    /// Its complex.
    pub complex: String,
    /// The day it was allocated on.
    pub date: NaiveDate,
    /// Under the baseline.
    pub baseline: Letting,
    /// Under the variant.
    pub variant: Letting,
    /// Whether it was let differently (tenant, rank or group).
    pub changed: bool,
    /// Quotas that stand differently, old → new.
    pub quotas: Vec<FieldChange>,
}

/// Who got a vacancy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Letting {
    /// The tenant; `None`: no eligible candidate took it.
    pub applicant: Option<String>,
    /// Their rank among the eligible.
    pub rank: Option<usize>,
    /// Their priority group.
    pub priority: Option<String>,
}
