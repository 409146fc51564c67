//! What an evaluation hands to renderers, `verify` and other programs: every
//! decision with its reasons, by id and in words, ready to serialise.
//!
//! These records are the JSON schema (`schema_version` in the run header);
//! renderers read only these, never the evaluator's internals.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub(crate) use super::shown::{Day, General, Generalised, Shown};

/// The version of the JSON layout of [`EvalOutput`]; bump on any change.
pub(crate) const SCHEMA_VERSION: u32 = 4;

/// A whole run: the header that makes it reproducible, then its results.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvalOutput {
    /// What was run, on what, with what.
    pub header: RunHeader,
    /// Decisions in (unit, applicant) order as asked.
    pub decisions: Vec<DecisionRecord>,
    /// Rankings of vacancies, when asked.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rankings: Vec<Ranking>,
}

/// Everything needed to reproduce a run and prove it unchanged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RunHeader {
    /// The version of this JSON layout (`SCHEMA_VERSION`), bumped on any
    /// change to it.
    pub schema_version: u32,
    /// `toewijzer x.y.z`.
    pub engine: String,
    /// The rule set's name, title and version.
    pub ruleset: RuleSetId,
    /// SHA-256 of every rule file, sorted by path.
    pub rule_files: Vec<FileHash>,
    /// SHA-256 of every input file, sorted by path.
    pub input_files: Vec<FileHash>,
    /// The reference date (peildatum) every fact and parameter is read on.
    pub reference_date: NaiveDate,
    /// The lottery seed.
    pub seed: u64,
    /// Whether the run is redacted: applicant ids are pseudonyms, and
    /// personal values are generalised or left out (see `Shown`).
    #[serde(default)]
    pub redacted: bool,
    /// Redacted runs: the rules whose outcome, for some decision, rests on
    /// a value the output shows only generalised (a residence of 5–10 years
    /// against a 6-year term). Their outcome and reason stand; the exact
    /// value that decided is not shown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub generalised: Vec<String>,
    /// Whether decisions carry their trace events, so `verify` recomputes
    /// them the same way.
    #[serde(default)]
    pub traced: bool,
}

/// A rule set's identity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSetId {
    /// Machine name.
    pub name: String,
    /// Human title.
    pub title: String,
    /// Version label.
    pub version: String,
}

/// A file and its SHA-256, hex encoded.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileHash {
    /// The path as given (relative where the user gave it so).
    pub path: String,
    /// Lowercase hex SHA-256 of the bytes.
    pub sha256: String,
}

/// One applicant measured against one unit on the reference date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DecisionRecord {
    /// Applicant id (a pseudonym when redacted).
    pub applicant: String,
    /// Unit id.
    pub unit: String,
    /// Every applicable gate passed, was exempted or overridden.
    pub eligible: bool,
    /// Ids of the gates that failed: every reason, not just the first.
    pub failed: Vec<String>,
    /// The priority group (the lowest rank that holds), if any.
    pub priority: Option<String>,
    /// Each points rule's total.
    pub points: Vec<Score>,
    /// Each classification's label.
    pub classifications: Vec<Label>,
    /// The application decided on: its day and where that day comes from.
    pub application: Application,
    /// Parameters marked `unverified` that this decision read: a decision
    /// resting on an unverified figure says so.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unverified: Vec<String>,
    /// Every rule, in evaluation order, with its outcome (and, when traced,
    /// what it read and compared).
    pub rules: Vec<RuleRecord>,
}

/// The application a decision answers, as the rules read it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Application {
    /// The day it was made.
    pub date: NaiveDate,
    /// Where that day comes from.
    pub basis: ApplicationBasis,
}

/// Where a decision's application date comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ApplicationBasis {
    /// The permit application recorded on a proposal or a rule test.
    Recorded,
    /// The applicant's reaction to the unit.
    Reaction,
    /// Nothing is recorded (or the reaction came after the reference
    /// date): the reference date stands in.
    ReferenceDate,
}

impl ApplicationBasis {
    /// In words, for text and Markdown.
    pub(crate) fn words(self) -> &'static str {
        match self {
            ApplicationBasis::Recorded => "the recorded permit application",
            ApplicationBasis::Reaction => "the reaction to the unit",
            ApplicationBasis::ReferenceDate => {
                "none recorded before the reference date, which stands in"
            }
        }
    }

    /// Whether a record gave the date.
    pub(crate) fn recorded(self) -> bool {
        self != ApplicationBasis::ReferenceDate
    }
}

/// A points rule's total.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    /// The points rule.
    pub rule: String,
    /// Its total.
    pub total: i64,
}

/// A classification's label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Label {
    /// The classify rule.
    pub rule: String,
    /// The label given.
    pub label: String,
}

/// The kinds of rule a decision records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RuleKind {
    /// An eligibility gate.
    Gate,
    /// A priority group.
    Priority,
    /// A points rule.
    Points,
    /// A classification.
    Classify,
    /// A tailored allocation ground (passed: its condition holds).
    Tailored,
}

/// How a rule came out for this decision.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    /// A gate whose requirement holds.
    Passed,
    /// A gate whose requirement does not hold, with no exemption.
    Failed,
    /// A gate lifted by an `unless` exemption (legal "tenzij").
    Exempt {
        /// The exemption's ground.
        because: String,
    },
    /// A gate lifted by a recorded discretionary decision.
    Overridden {
        /// The exemption's ground in the rule.
        because: String,
        /// Who decided (`redacted` once redacted).
        decided_by: String,
        /// When (its month once redacted).
        decided_on: Day,
        /// On what ground (`redacted` once redacted).
        ground: String,
    },
    /// A gate whose `applies when` does not hold.
    NotApplicable,
    /// A priority group the applicant belongs to.
    Member,
    /// A priority group the applicant does not belong to.
    NotMember,
    /// A points rule's total.
    Scored {
        /// The total.
        total: i64,
    },
    /// A classification's label.
    Labelled {
        /// The label.
        label: String,
    },
}

/// One rule's part in a decision.
///
/// Not `deny_unknown_fields`: serde cannot combine it with the flattened
/// [`Outcome`] (every outcome field would count as unknown), and then no
/// output could be read back by `verify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleRecord {
    /// Rule id.
    pub id: String,
    /// What kind of rule.
    pub kind: RuleKind,
    /// Human title.
    pub title: String,
    /// Legal source.
    pub source: String,
    /// The outcome.
    #[serde(flatten)]
    pub outcome: Outcome,
    /// The rendered `message`, for gates that have one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<Shown>,
    /// Redacted runs: whether the outcome rests on a value the trace shows
    /// only generalised (see [`RunHeader::generalised`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub rests_on_generalised: bool,
    /// What the rule read and compared, in order; empty unless traced.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trace: Vec<Event>,
}

/// One step of a rule's evaluation, as an auditor reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "event")]
pub enum Event {
    /// A fact read from the file or the unit, as the rule wrote it.
    Fact {
        /// The expression as written (`applicant.residence_in(parkstad)`).
        expr: String,
        /// Its value (`4 years 2 months`, `€1234.56`, `absent`).
        value: Shown,
        /// The records of the file or the unit the value was derived from
        /// (the residence periods of a stretch, the incomes behind a
        /// household income), so an auditor can check it against the file.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        evidence: Vec<Evidence>,
    },
    /// A parameter and the period its value came from.
    Param {
        /// The parameter.
        name: String,
        /// The value in force.
        value: String,
        /// First day of the period.
        from: NaiveDate,
        /// Last day of the period, when a later value follows.
        until: Option<NaiveDate>,
        /// Why the value is unverified, if it is.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        unverified: Option<String>,
    },
    /// A designation of the unit's complex, checked on the reference date.
    Designation {
        /// The designation kind.
        kind: String,
        /// The complex.
        complex: String,
        /// Whether a designation of that kind is in force.
        valid: bool,
        /// The period of the designation in force, when there is one.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        period: Option<String>,
        /// The decision it rests on.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        decision: Option<String>,
    },
    /// A comparison and its result (`4 years 2 months >= 6 years: false`).
    Compare {
        /// The comparison as written.
        expr: Shown,
        /// Left value.
        lhs: Shown,
        /// The operator.
        op: String,
        /// Right value.
        rhs: Shown,
        /// The result.
        result: bool,
    },
    /// A recorded discretionary decision for the rule that does not lift it
    /// for this pair: a hardship decision holds for the application it was
    /// taken for and for its period only (Wbmgp art. 8 lid 2).
    OverrideNotApplied {
        /// The override kind (`hardship`).
        kind: String,
        /// Who decided (`redacted` once redacted).
        decided_by: String,
        /// When; it holds from this day (its month once redacted).
        decided_on: Day,
        /// Its last valid day, when recorded (its month once redacted).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        valid_until: Option<Day>,
        /// What it was taken for (`unit U-0102`, `complex C-01`).
        scope: String,
        /// Why it does not apply, in words.
        reason: Shown,
    },
    /// A named condition's outcome, with what its parts read and compared.
    Named {
        /// The condition's name.
        name: String,
        /// Its title.
        title: String,
        /// Its legal source.
        source: String,
        /// Its value (`true`, or a value for a named amount).
        value: Shown,
        /// The events of its parts, in the order they happened.
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        parts: Vec<Event>,
    },
    /// A condition's result (`applies when`, `require`, an exemption).
    Condition {
        /// Which clause.
        clause: String,
        /// Its result.
        result: bool,
    },
}

/// One record of the applicant's file behind a derived fact, with its
/// values as the file has them (redaction shows dates as months, amounts
/// as bands, member ids as pseudonyms and leaves free text out).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "record", deny_unknown_fields)]
pub enum Evidence {
    /// A period of residence in one municipality.
    Residence {
        /// The municipality.
        municipality: String,
        /// First day.
        from: Day,
        /// Last day; absent: lives there still.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until: Option<Day>,
    },
    /// One income of one household member.
    Income {
        /// The member's id in the file (a pseudonym once redacted).
        member: String,
        /// The member's role (`main`, `partner`, `child`, …).
        role: String,
        /// The source (`social_assistance`).
        source: String,
        /// The yearly amount (a band once redacted).
        yearly: Shown,
        /// First day received, when recorded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        from: Option<Day>,
        /// Last day received, when recorded.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until: Option<Day>,
        /// Whether it counts in the household income (a child's never does).
        counts: bool,
    },
    /// A work or study record of the main applicant (economic binding).
    Activity {
        /// `work` or `study`.
        kind: String,
        /// The municipality of the workplace or school.
        municipality: String,
        /// Hours per week.
        hours_per_week: String,
        /// First day.
        since: Day,
        /// Last day, when it ended.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        until: Option<Day>,
    },
    /// The outcome of a Wbmgp art. 10 screening (never the police data).
    Screening {
        /// The day of the outcome.
        date: Day,
        /// Whether it found an objection.
        objection: bool,
        /// First day of the conduct it covered.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        covers_from: Option<Day>,
        /// Last day of the conduct it covered.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        covers_until: Option<Day>,
        /// The members it concerns (pseudonyms once redacted).
        members: Vec<String>,
        /// The application it was made for (`unit U-0102`, `complex C-01`).
        scope: String,
    },
    /// The registration as a house-seeker.
    Registration {
        /// The registration date.
        registered_on: Day,
        /// The day registration time counts from, when later than the
        /// registration date: the 18th birthday (withheld once redacted).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        counts_from: Option<Shown>,
    },
    /// An urgency declaration.
    Urgency {
        /// Its ground (withheld once redacted).
        category: Shown,
        /// The day it was granted.
        granted: Day,
        /// Its last valid day.
        valid_until: Day,
    },
}

/// The candidates of one vacancy in rank order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ranking {
    /// The unit.
    pub unit: String,
    /// The order rule's keys, as written (`priority`, `applicant.registration_duration desc`, `lottery`).
    pub keys: Vec<String>,
    /// Eligible candidates first in rank order, then the ineligible.
    pub candidates: Vec<Candidate>,
}

/// One candidate of a vacancy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Candidate {
    /// Applicant id (a pseudonym when redacted).
    pub applicant: String,
    /// 1-based rank among the eligible; `None` for the ineligible.
    pub rank: Option<usize>,
    /// Why an ineligible candidate is out: the failing gates.
    pub failed: Vec<String>,
    /// The value of each order key (`urgency`, `8 years 3 months`, the draw).
    pub keys: Vec<Shown>,
    /// The first key on which this candidate differs from the one ranked
    /// just above (what separates neighbours).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub separated_by: Option<String>,
}
