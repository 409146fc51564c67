//! What `allocate` and `validate` report: who got each vacancy and why,
//! who was passed over and why, and where each quota stood.

use std::sync::Arc;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where one quota stands for one allocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuotaState {
    /// The quota's id.
    pub quota: Arc<str>,
    /// `at most` or `at least`.
    pub bound: Arc<str>,
    /// The share in percent, as in force on the date.
    pub share: Arc<str>,
    /// The group counted together (`complex C-04`, `owner Wonen Heuvelland`,
    /// `all`). These four words are shared by every standing of a run that
    /// names the same quota, bound, share or group.
    pub scope: Arc<str>,
    /// First day of the window.
    pub from: NaiveDate,
    /// Last day of the window (the allocation's date).
    pub until: NaiveDate,
    /// Allocations counted against the share, this one included.
    pub counted: u32,
    /// Allocations in the whole, this one included.
    pub of: u32,
    /// An `at most` quota this allocation would exceed: it may not be made.
    pub exceeded: bool,
    /// An `at least` quota whose minimum the share would fall below: reported,
    /// not enforced, since the minimum is judged over the whole period.
    pub below_minimum: bool,
}

/// Why a candidate ranked above the one housed did not get the vacancy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum Skip {
    /// Not eligible: these gates failed.
    Ineligible {
        /// The applicant (the run names each applicant once: every record
        /// of them shares that one string).
        applicant: Arc<str>,
        /// The failing gates' ids (a run keeps each distinct list once).
        failed: Arc<[Arc<str>]>,
    },
    /// Eligible, but housing them would exceed a quota.
    Quota {
        /// The applicant (the run names each applicant once: every record
        /// of them shares that one string).
        applicant: Arc<str>,
        /// Their rank for the vacancy.
        rank: usize,
        /// The quotas exceeded, with their count and limit at that moment.
        quotas: Vec<QuotaState>,
    },
    /// Their priority group would exceed a quota that caps it (binding
    /// priority in at most 50% of allocations): they were ranked again
    /// without it.
    PriorityCapped {
        /// The applicant (the run names each applicant once: every record
        /// of them shares that one string).
        applicant: Arc<str>,
        /// Their rank with the priority.
        rank: usize,
        /// The group set aside.
        priority: String,
        /// The quotas the priority would have exceeded.
        quotas: Vec<QuotaState>,
    },
    /// Declined the offer, or did not respond: a recorded ground.
    Declined {
        /// The applicant (the run names each applicant once: every record
        /// of them shares that one string).
        applicant: Arc<str>,
        /// Their rank for the vacancy.
        rank: usize,
        /// `declined` or `no_response`.
        response: String,
    },
    /// Already housed earlier in the run.
    AlreadyHoused {
        /// The applicant (the run names each applicant once: every record
        /// of them shares that one string).
        applicant: Arc<str>,
        /// Their rank for the vacancy.
        rank: usize,
        /// The unit they got.
        unit: Arc<str>,
    },
}

/// One vacancy filled (or not) by `allocate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Vacancy {
    /// The unit.
    pub unit: String,
    /// Its complex.
    pub complex: String,
    /// The date it was filled on (its `available_from`).
    pub date: NaiveDate,
    /// Who got it; `None` when no candidate could be housed.
    pub allocated_to: Option<Arc<str>>,
    /// Their rank among the eligible.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    /// Their priority group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub priority: Option<String>,
    /// Their classifications, `rule: label`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub classifications: Vec<String>,
    /// The quotas guarding this vacancy, as they stand after the allocation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quotas: Vec<QuotaState>,
    /// Every candidate passed over, in rank order, with why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skipped: Vec<Skip>,
}

/// A run of `allocate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AllocationRun {
    /// The lottery seed.
    pub seed: u64,
    /// Whether applicant ids are pseudonyms (`--redact`).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub redacted: bool,
    /// Vacancies in date order.
    pub vacancies: Vec<Vacancy>,
}

/// Why a proposed allocation does not comply.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "reason")]
pub enum Breach {
    /// The applicant is not eligible for the unit on the date.
    NotEligible {
        /// The failing gates.
        failed: Vec<String>,
    },
    /// Eligible candidates ranked higher were passed over without a recorded ground.
    PassedOver {
        /// The proposed applicant's rank.
        rank: Option<usize>,
        /// The candidates ranked above, in order.
        above: Vec<String>,
    },
    /// On a tailored ground that holds, candidates of an urgent priority
    /// group (Hw2014 art. 12) were passed over without a recorded ground: no
    /// tailored allocation sets urgency aside.
    UrgentPassedOver {
        /// The tailored ground claimed.
        ground: String,
        /// The urgent candidates ranked above, in order.
        above: Vec<String>,
    },
    /// The allocation would exceed a quota.
    QuotaExceeded {
        /// The quota as it would stand.
        state: QuotaState,
    },
    /// The claimed priority group does not hold.
    PriorityNotMet {
        /// The claimed group.
        claimed: String,
        /// The group the applicant is in, if any.
        actual: Option<String>,
    },
    /// The claimed rule does not apply: the unit lies outside the
    /// designation (or other condition) it relies on.
    RuleNotApplicable {
        /// The rule.
        rule: String,
    },
    /// The claimed rule does not hold for the applicant.
    RuleNotMet {
        /// The rule.
        rule: String,
    },
    /// The claimed tailored ground is declared, but its condition does not
    /// hold for the applicant and unit (its trace is in the decision).
    TailoredNotMet {
        /// The ground.
        ground: String,
    },
    /// The unit was allocated already.
    UnitTaken {
        /// To whom.
        applicant: String,
        /// On what date.
        date: NaiveDate,
    },
}

/// The verdict on one proposed allocation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Verdict {
    /// The proposal's id.
    pub proposal: String,
    /// The unit.
    pub unit: String,
    /// The applicant.
    pub applicant: String,
    /// The date.
    pub date: NaiveDate,
    /// The claimed basis, as written (`priority urgency`, `tailored referral`,
    /// `rule wbmgp_income`).
    pub basis: String,
    /// No breach.
    pub compliant: bool,
    /// Every breach.
    pub breaches: Vec<Breach>,
    /// Quotas the allocation would leave below their minimum (reported, not a breach).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<QuotaState>,
    /// The applicant's decision for the unit on the date, with its full trace.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<crate::eval::record::DecisionRecord>,
}

/// Allocations of a period counted per complex or per buurt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GroupCount {
    /// `C-04 De Mijnwerkershof` or `Meezenbroek`.
    pub group: String,
    /// Allocations in the period.
    pub allocations: u32,
    /// Per priority group (`none` for none), sorted by name.
    pub(crate) by_priority: Vec<(String, u32)>,
    /// Per classification label, sorted by label.
    pub(crate) by_classification: Vec<(String, u32)>,
}

/// One quota's standing at one allocation of the period.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct QuotaPoint {
    /// The allocation's date.
    pub date: NaiveDate,
    /// The unit let.
    pub unit: String,
    /// The quota as it stood with this allocation.
    pub state: QuotaState,
}

/// What a period of allocations did to each complex, buurt and quota.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodReport {
    /// First day.
    pub(crate) from: NaiveDate,
    /// Last day.
    pub(crate) until: NaiveDate,
    /// Per complex.
    pub complexes: Vec<GroupCount>,
    /// Per buurt.
    pub(crate) buurten: Vec<GroupCount>,
    /// Every quota's standing at every allocation it guarded, in date order.
    pub(crate) timeline: Vec<QuotaPoint>,
    /// Each quota per scope group as it stands at the end of the period:
    /// the portfolio shares against their legal minimums or caps.
    pub shares: Vec<QuotaState>,
}
