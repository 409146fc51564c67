//! A rule-test file as read: cases, each with its date, data and expected
//! outcome, every name kept with its place in the file so a problem found
//! while running can still point at its line.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::model::path::YamlPath;
use crate::model::yaml::Node;
use crate::source::{FileId, Span};

/// A word of the test file (an id, a rule name, a label) and where it is.
#[derive(Debug, Clone)]
pub struct Word {
    /// The text.
    pub text: String,
    /// Its place in the test file.
    pub span: Span,
}

/// A path of the test file, resolved against the file's folder.
#[derive(Debug, Clone)]
pub struct PathValue {
    /// As written.
    pub written: String,
    /// Resolved against the test file's folder.
    pub path: PathBuf,
    /// Its place.
    pub span: Span,
}

/// One rule-test file.
#[derive(Debug, Clone)]
pub struct TestFile {
    /// The file.
    pub path: PathBuf,
    /// Its id in the suite's source map.
    pub(crate) file: FileId,
    /// The rule set the cases run against.
    pub(crate) rules: PathValue,
    /// The cases, in file order.
    pub(crate) cases: Vec<Case>,
}

/// An applicant or unit: by id from the data folder, or written out inline
/// in the data format.
#[derive(Debug, Clone)]
pub enum RecordRef {
    /// An id in the data folder.
    Id(Word),
    /// A record written in the data format.
    Inline(Node),
}

/// One named case.
#[derive(Debug, Clone)]
pub struct Case {
    /// The name shown in the report.
    pub name: Word,
    /// Where the case sits in its file (`cases[3]`), to name inline records.
    pub path: YamlPath,
    /// The reference date (peildatum).
    pub date: NaiveDate,
    /// The day of the permit application decided on; absent: the
    /// applicant's reaction to the unit in the data folder, or else the
    /// reference date.
    pub application: Option<NaiveDate>,
    /// The lottery seed, for ranks decided by lottery.
    pub seed: u64,
    /// The data folder, if any.
    pub data: Option<PathValue>,
    /// The applicant.
    pub applicant: RecordRef,
    /// Fields of the folder's applicant replaced for this case.
    pub overrides: Option<Node>,
    /// The unit.
    pub unit: RecordRef,
    /// Applicants written inline at the top of the file, for every case
    /// (added, or replacing the folder's by id).
    pub applicants: Vec<(YamlPath, Node)>,
    /// Units written inline at the top of the file, for every case.
    pub units: Vec<(YamlPath, Node)>,
    /// Complexes written inline (added, or replacing the folder's by id).
    pub complexes: Vec<(YamlPath, Node)>,
    /// Buurten written inline (added, or replacing the folder's by code).
    pub buurten: Vec<(YamlPath, Node)>,
    /// Other applicants competing for the unit, for `rank`.
    pub candidates: Vec<Word>,
    /// What the rules must decide.
    pub expect: Expect,
}

/// The expected outcome; every part is optional and only the parts given
/// are compared.
#[derive(Debug, Clone, Default)]
pub struct Expect {
    /// Whether every applicable gate lets the applicant through.
    pub eligible: Option<bool>,
    /// The gates that fail: exactly this set.
    pub failed: Option<Vec<Word>>,
    /// Gates that must pass.
    pub passed: Vec<Word>,
    /// Gates that must be lifted by an `unless` exemption.
    pub exempt: Vec<Word>,
    /// Gates that must be lifted by a recorded discretionary decision.
    pub overridden: Vec<Word>,
    /// Gates that must not apply.
    pub not_applicable: Vec<Word>,
    /// The priority group; `Some(None)` for `none`.
    pub priority: Option<Option<Word>>,
    /// Classification labels: (classify rule, label); the rule is `None`
    /// when written as a single label.
    pub classification: Vec<(Option<Word>, Word)>,
    /// Points totals: (points rule, total), the rule `None` when written as a
    /// single number.
    pub points: Vec<(Option<Word>, i64, Span)>,
    /// The rank among the candidates; `Some(None)` for `none` (not ranked:
    /// ineligible).
    pub rank: Option<(Option<usize>, Span)>,
    /// Where quotas would stand with this allocation, read against the data
    /// folder's history.
    pub quotas: Vec<(Word, QuotaExpect)>,
    /// The parameters marked `unverified` that the decision read: exactly
    /// this set (`[]`: none), so a test can hold where an open point of
    /// law or an unpublished figure starts to bear on a decision.
    pub unverified: Option<Vec<Word>>,
}

/// What a case expects of one quota; unset parts are not compared.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuotaExpect {
    /// `not_applicable: true`: the quota does not guard this vacancy.
    pub not_applicable: Option<bool>,
    /// Allocations counted against the share, this one included.
    pub counted: Option<i64>,
    /// Allocations in the whole, this one included.
    pub of: Option<i64>,
    /// Whether an `at most` quota would be exceeded.
    pub exceeded: Option<bool>,
    /// Whether an `at least` quota would fall below its minimum.
    pub below_minimum: Option<bool>,
}

impl Expect {
    /// Whether nothing is expected at all (a case that cannot fail).
    pub fn is_empty(&self) -> bool {
        self.eligible.is_none()
            && self.failed.is_none()
            && self.passed.is_empty()
            && self.exempt.is_empty()
            && self.overridden.is_empty()
            && self.not_applicable.is_empty()
            && self.priority.is_none()
            && self.classification.is_empty()
            && self.points.is_empty()
            && self.rank.is_none()
            && self.quotas.is_empty()
            && self.unverified.is_none()
    }
}
