//! Everything that can be wrong with a data folder, one variant per problem,
//! each with a stable code (`E0501`…) and the place it was found.

use std::fmt;

use thiserror::Error;

use crate::diagnostics::{Diagnostic, Severity, ToDiagnostic};
use crate::model::path::YamlPath;
use crate::source::{FileId, Span};

/// Where a problem sits: the file, the span where the YAML gives one, and the
/// path inside the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The data file.
    pub file: FileId,
    /// The exact place, once known.
    pub span: Option<Span>,
    /// The path from the top of the file.
    pub(crate) path: YamlPath,
}

impl Place {
    /// A place known by its path only; the loader finds its span later.
    pub(crate) fn path(file: FileId, path: YamlPath) -> Self {
        Place {
            file,
            span: None,
            path,
        }
    }
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.0.is_empty() {
            f.write_str("top level")
        } else {
            write!(f, "{}", self.path)
        }
    }
}

/// What a data file may not use, because it could make a read explode or
/// means something the format does not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// An anchor or alias (`&a`, `*a`).
    Alias,
    /// A YAML tag (`!!str`, `!x`).
    Tag,
    /// Nesting deeper than the reader allows.
    TooDeep,
    /// A second YAML document in one file.
    SecondDocument,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Refusal::Alias => {
                "anchors and aliases (`&name`, `*name`) are not accepted in data files"
            }
            Refusal::Tag => "YAML tags (`!name`) are not accepted in data files",
            Refusal::TooDeep => "the YAML is nested too deeply",
            Refusal::SecondDocument => {
                "a data file holds one YAML document, and a second starts here"
            }
        })
    }
}

/// One problem found while loading a data folder.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    /// The folder or a file cannot be read.
    #[error("cannot read `{path}`: {reason}")]
    Unreadable {
        /// The path as given.
        path: String,
        /// Why.
        reason: String,
    },
    /// A required file is absent.
    #[error("the data folder `{dir}` has no `{name}`")]
    MissingFile {
        /// The folder.
        dir: String,
        /// The file name.
        name: &'static str,
    },
    /// A file holds no YAML value at all.
    #[error("`{name}` holds no data")]
    Empty {
        /// The end of the file.
        at: Place,
        /// The file name.
        name: &'static str,
        /// Its list key.
        list: &'static str,
    },
    /// Not YAML.
    #[error("not valid YAML: {reason}")]
    Syntax {
        /// Where the parser stopped.
        at: Place,
        /// The parser's words.
        reason: String,
    },
    /// YAML the format refuses.
    #[error("{what}")]
    Refused {
        /// Where.
        at: Place,
        /// What.
        what: Refusal,
    },
    /// A value of the wrong type.
    #[error("{at}: expected {expected}, found {found}")]
    WrongType {
        /// Where.
        at: Place,
        /// What the format wants there.
        expected: String,
        /// What is there.
        found: String,
    },
    /// A key the format does not have.
    #[error("{at}: unknown field `{field}`")]
    UnknownField {
        /// Where.
        at: Place,
        /// The key.
        field: String,
        /// The keys allowed there.
        allowed: Vec<&'static str>,
    },
    /// A required key is absent.
    #[error("{at}: missing field `{field}`")]
    MissingField {
        /// The mapping that lacks it.
        at: Place,
        /// The key.
        field: String,
    },
    /// A key given twice in one mapping.
    #[error("{at}: field `{field}` is given twice")]
    DuplicateField {
        /// Where.
        at: Place,
        /// The key.
        field: String,
    },
    /// A word outside a closed vocabulary (a designation kind, an income
    /// source, …).
    #[error("{at}: unknown {vocabulary} `{word}`")]
    UnknownWord {
        /// Where.
        at: Place,
        /// Which vocabulary, in words (`income source`).
        vocabulary: String,
        /// The word.
        word: String,
        /// The words allowed.
        allowed: Vec<&'static str>,
    },
    /// A value of the right type that cannot be (no such date, not a number).
    #[error("{at}: expected {expected}, found {found}")]
    InvalidValue {
        /// Where.
        at: Place,
        /// What the format wants there.
        expected: String,
        /// What is there.
        found: String,
    },
    /// A negative amount, area or number of hours.
    #[error("{at}: {what} may not be negative, found `{value}`")]
    Negative {
        /// Where.
        at: Place,
        /// What it measures.
        what: &'static str,
        /// The value.
        value: String,
    },
    /// An amount or area larger than [`crate::limits::MAX_AMOUNT`].
    #[error("{at}: {what} `{value}` is larger than {limit}")]
    TooLarge {
        /// Where.
        at: Place,
        /// What it measures.
        what: &'static str,
        /// The value.
        value: String,
        /// The bound.
        limit: i64,
    },
    /// More hours a week than a week has.
    #[error("{at}: {hours} hours a week is more than a week has")]
    TooManyHours {
        /// Where.
        at: Place,
        /// The hours.
        hours: String,
    },
    /// A period whose end precedes its start.
    #[error("{at}: the period ends on {until}, before it starts on {from}")]
    PeriodReversed {
        /// The end field.
        at: Place,
        /// Start.
        from: String,
        /// End.
        until: String,
    },
    /// Two residence periods share a day.
    #[error("{at}: this residence period overlaps `{other}`")]
    OverlappingResidence {
        /// The later period.
        at: Place,
        /// The earlier one.
        other: YamlPath,
    },
    /// An id used twice.
    #[error("{at}: duplicate {kind} id `{id}`")]
    DuplicateId {
        /// The second use.
        at: Place,
        /// What kind of record.
        kind: &'static str,
        /// The id.
        id: String,
        /// The first use.
        first: YamlPath,
    },
    /// A second reaction of the same applicant to the same unit: it would
    /// make a ranking list them twice.
    #[error("{at}: `{}` reacts to `{}` a second time", pair.0, pair.1)]
    DuplicateReaction {
        /// The second reaction.
        at: Place,
        /// The applicant and the unit (boxed: every load error is as large
        /// as the largest).
        pair: Box<(String, String)>,
        /// The first reaction.
        first: YamlPath,
    },
    /// A reference to a record that does not exist.
    #[error("{at}: no {kind} with id `{id}`")]
    DanglingReference {
        /// The reference.
        at: Place,
        /// What kind of record it should name.
        kind: &'static str,
        /// The id.
        id: String,
        /// The nearest existing id, if one is close.
        nearest: Option<String>,
    },
    /// A household without exactly one `main` member.
    #[error("{at}: a household needs exactly one member with role `main`, found {count}")]
    MainMember {
        /// The member list.
        at: Place,
        /// How many there are.
        count: usize,
    },
    /// The main applicant born after registering.
    #[error(
        "{at}: the main applicant is born on {birth}, after the registration date {registered}"
    )]
    BornAfterRegistration {
        /// The birth date.
        at: Place,
        /// Birth date.
        birth: String,
        /// Registration date.
        registered: String,
    },
    /// A no-show block longer than Thuis in Limburg allows.
    #[error(
        "{at}: a block for a no-show lasts at most 3 months, from {from} until {last}, but this one {}",
        runs(*until)
    )]
    NoShowBlockTooLong {
        /// The block's end, or its kind when it has none.
        at: Place,
        /// First blocked day.
        from: chrono::NaiveDate,
        /// The last day it may run to.
        last: chrono::NaiveDate,
        /// Its end as recorded; `None`: until further notice.
        until: Option<chrono::NaiveDate>,
    },
    /// A discretionary decision that does not say which application it was
    /// taken for, or until when it holds.
    #[error("{at}: {what}")]
    DecisionUnscoped {
        /// The decision, or its scope.
        at: Place,
        /// What is missing or wrong, in words.
        what: &'static str,
    },
    /// A Wbmgp art. 10 screening that does not say which application it
    /// was made for, or which period of conduct it covered.
    #[error("{at}: {what}")]
    ScreeningIncomplete {
        /// The screening, or its scope.
        at: Place,
        /// What is missing or wrong, in words.
        what: &'static str,
    },
    /// A Wbmgp designation without an end, or longer than four years
    /// (Wbmgp art. 5 lid 4).
    #[error(
        "{at}: a `{kind}` designation runs {what}, longer than the 4 years Wbmgp art. 5 lid 4 allows"
    )]
    DesignationTooLong {
        /// The designation's end, or the designation.
        at: Place,
        /// The kind.
        kind: String,
        /// How long, in words.
        what: String,
    },
    /// Successive Wbmgp designations of one kind on one complex that run
    /// longer than twenty years together (Wbmgp art. 5 lid 4).
    #[error(
        "{at}: `{kind}` designations of this complex run from {from} through {until} without a break, longer than the 20 years Wbmgp art. 5 lid 4 allows"
    )]
    DesignationsTooLong {
        /// The designation that takes the run past twenty years.
        at: Place,
        /// The kind.
        kind: String,
        /// The first day of the unbroken run.
        from: chrono::NaiveDate,
        /// Its last day.
        until: chrono::NaiveDate,
    },
    /// A designation of a kind neither the Wbmgp nor the rule set declares.
    #[error("{at}: `{kind}` is not a designation kind of the rule set")]
    UndeclaredKind {
        /// The designation's `kind`.
        at: Place,
        /// The word.
        kind: String,
        /// What to write instead: the closest kind and every kind there is.
        hint: String,
    },
    /// A CSV file whose shape or cell cannot be read without guessing: its
    /// separator, a column, the number of cells in a row, an ambiguous
    /// number (`docs/csv-format.md`).
    #[error("{at}: {what}")]
    Csv {
        /// The header, row or cell.
        at: Place,
        /// What is wrong, in words.
        what: String,
        /// What to write instead.
        help: Option<String>,
    },
}

impl LoadError {
    /// The stable code of this problem (documented in `docs/data-format.md`).
    pub(crate) fn code(&self) -> &'static str {
        match self {
            LoadError::Unreadable { .. } => "E0501",
            LoadError::MissingFile { .. } => "E0502",
            LoadError::Empty { .. } => "E0503",
            LoadError::Syntax { .. } => "E0504",
            LoadError::Refused { .. } => "E0505",
            LoadError::WrongType { .. } => "E0506",
            LoadError::UnknownField { .. } => "E0507",
            LoadError::MissingField { .. } => "E0508",
            LoadError::UnknownWord { .. } => "E0509",
            LoadError::InvalidValue { .. } => "E0510",
            LoadError::Negative { .. } => "E0511",
            LoadError::TooManyHours { .. } => "E0512",
            LoadError::TooLarge { .. } => "E0525",
            LoadError::PeriodReversed { .. } => "E0513",
            LoadError::OverlappingResidence { .. } => "E0514",
            LoadError::DuplicateId { .. } => "E0515",
            LoadError::DuplicateReaction { .. } => "E0526",
            LoadError::DanglingReference { .. } => "E0516",
            LoadError::MainMember { .. } => "E0517",
            LoadError::BornAfterRegistration { .. } => "E0518",
            LoadError::DuplicateField { .. } => "E0519",
            LoadError::NoShowBlockTooLong { .. } => "E0520",
            LoadError::DecisionUnscoped { .. } => "E0521",
            LoadError::ScreeningIncomplete { .. } => "E0522",
            LoadError::DesignationTooLong { .. } => "E0523",
            LoadError::DesignationsTooLong { .. } => "E0524",
            LoadError::UndeclaredKind { .. } => "E0527",
            LoadError::Csv { .. } => "E0528",
        }
    }

    /// The place of this problem, if it has one.
    pub fn place(&self) -> Option<&Place> {
        match self {
            LoadError::Unreadable { .. } | LoadError::MissingFile { .. } => None,
            LoadError::Empty { at, .. }
            | LoadError::Syntax { at, .. }
            | LoadError::Refused { at, .. }
            | LoadError::WrongType { at, .. }
            | LoadError::UnknownField { at, .. }
            | LoadError::MissingField { at, .. }
            | LoadError::DuplicateField { at, .. }
            | LoadError::UnknownWord { at, .. }
            | LoadError::InvalidValue { at, .. }
            | LoadError::Negative { at, .. }
            | LoadError::TooManyHours { at, .. }
            | LoadError::TooLarge { at, .. }
            | LoadError::PeriodReversed { at, .. }
            | LoadError::OverlappingResidence { at, .. }
            | LoadError::DuplicateId { at, .. }
            | LoadError::DuplicateReaction { at, .. }
            | LoadError::DanglingReference { at, .. }
            | LoadError::MainMember { at, .. }
            | LoadError::BornAfterRegistration { at, .. }
            | LoadError::NoShowBlockTooLong { at, .. }
            | LoadError::DecisionUnscoped { at, .. }
            | LoadError::ScreeningIncomplete { at, .. }
            | LoadError::DesignationTooLong { at, .. }
            | LoadError::DesignationsTooLong { at, .. }
            | LoadError::UndeclaredKind { at, .. }
            | LoadError::Csv { at, .. } => Some(at),
        }
    }

    /// The place, for filling in its span.
    pub(crate) fn place_mut(&mut self) -> Option<&mut Place> {
        match self {
            LoadError::Unreadable { .. } | LoadError::MissingFile { .. } => None,
            LoadError::Empty { at, .. }
            | LoadError::Syntax { at, .. }
            | LoadError::Refused { at, .. }
            | LoadError::WrongType { at, .. }
            | LoadError::UnknownField { at, .. }
            | LoadError::MissingField { at, .. }
            | LoadError::DuplicateField { at, .. }
            | LoadError::UnknownWord { at, .. }
            | LoadError::InvalidValue { at, .. }
            | LoadError::Negative { at, .. }
            | LoadError::TooManyHours { at, .. }
            | LoadError::TooLarge { at, .. }
            | LoadError::PeriodReversed { at, .. }
            | LoadError::OverlappingResidence { at, .. }
            | LoadError::DuplicateId { at, .. }
            | LoadError::DuplicateReaction { at, .. }
            | LoadError::DanglingReference { at, .. }
            | LoadError::MainMember { at, .. }
            | LoadError::BornAfterRegistration { at, .. }
            | LoadError::NoShowBlockTooLong { at, .. }
            | LoadError::DecisionUnscoped { at, .. }
            | LoadError::ScreeningIncomplete { at, .. }
            | LoadError::DesignationTooLong { at, .. }
            | LoadError::DesignationsTooLong { at, .. }
            | LoadError::UndeclaredKind { at, .. }
            | LoadError::Csv { at, .. } => Some(at),
        }
    }

    fn hint(&self) -> Option<String> {
        match self {
            LoadError::Unreadable { reason, .. } if reason.contains("UTF-8") => {
                Some("save the file as UTF-8 (most spreadsheet and export tools offer it)".into())
            }
            LoadError::TooLarge { what, .. } if what.contains("score") => {
                Some("a Leefbaarometer or resilience score is a small number, like `3.8`".into())
            }
            LoadError::TooLarge { .. } => Some(
                "amounts are in euros (not cents) and areas in m²; a value this large is most often an export error"
                    .into(),
            ),
            LoadError::MissingFile { .. } => Some(
                "a data folder needs `applicants.yaml`, `units.yaml`, `complexes.yaml` and `buurten.yaml`; `history.yaml`, `reactions.yaml` and `proposals.yaml` are optional"
                    .into(),
            ),
            LoadError::Empty { list, .. } => Some(format!("a file without records reads `{list}: []`")),
            LoadError::Refused { what: Refusal::Alias, .. } => {
                Some("write the value out in full".into())
            }
            LoadError::Refused { what: Refusal::TooDeep, .. } => Some(format!(
                "data files nest at most {} levels deep",
                crate::model::yaml::MAX_DEPTH
            )),
            LoadError::Refused { what: Refusal::SecondDocument, .. } => {
                Some("remove the `---` line, or put the records in one list".into())
            }
            LoadError::WrongType { expected, found, .. }
                if expected == "text" && found.starts_with("the number") =>
            {
                Some("put it in quotes to read it as text, e.g. `'101'`".into())
            }
            LoadError::UnknownField { field, allowed, .. } => Some(match nearest(field, allowed.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("expected one of {}", list(allowed)),
            }),
            LoadError::UnknownWord { word, allowed, .. } => Some(match nearest(word, allowed.iter().copied()) {
                Some(near) => format!("did you mean `{near}`? expected one of {}", list(allowed)),
                None => format!("expected one of {}", list(allowed)),
            }),
            LoadError::InvalidValue { expected, found, .. } if expected == "a number" && found.contains(',') => {
                Some("write decimals with a point and without thousands separators, e.g. `1250.50`".into())
            }
            LoadError::InvalidValue { expected, found, .. } if expected == "a number" && found.contains('€') => {
                Some("write amounts without the euro sign, e.g. `650.43`".into())
            }
            LoadError::InvalidValue { expected, found, .. } if expected.contains("date") && date_meant(found).is_some() => {
                date_meant(found).map(|date| format!("did you mean `{date}`?"))
            }
            LoadError::InvalidValue { expected, .. } if expected.contains("date") => {
                Some("dates are written `YYYY-MM-DD` and must exist in the calendar".into())
            }
            LoadError::PeriodReversed { .. } => Some("a period runs from its first day to its last, both included".into()),
            LoadError::OverlappingResidence { .. } => {
                Some("a person lives in one place at a time: end the earlier period the day before the next starts".into())
            }
            LoadError::DuplicateId { first, .. } => Some(format!("first used at `{first}`")),
            LoadError::DuplicateReaction { first, .. } => Some(format!(
                "the first reaction is `{first}`; keep one reaction per applicant and unit, with the date of the first"
            )),
            LoadError::DanglingReference { nearest: Some(near), .. } => Some(format!("did you mean `{near}`?")),
            LoadError::DesignationTooLong { .. } => Some("Wbmgp art. 5 lid 4: the Minister designates for at most four years: give `until`, at most four years after `from` less a day, and record a renewal as a new designation".into()),
            LoadError::UndeclaredKind { hint, .. } => Some(hint.clone()),
            LoadError::Csv { help, .. } => help.clone(),
            LoadError::DesignationsTooLong { .. } => Some("Wbmgp art. 5 lid 4: a designation can be renewed at most four times by at most four years: twenty years in all".into()),
            LoadError::ScreeningIncomplete { .. } => Some("Wbmgp art. 10b lid 2 bounds a screening to the conduct of at most four years before the application it was made for: give `covers: {from: YYYY-MM-DD, until: YYYY-MM-DD}` and `scope: {unit: U-…}` or `scope: {complex: C-…}`".into()),
            LoadError::DecisionUnscoped { .. } => Some("a hardship decision (Wbmgp art. 8 lid 2) grants a permit for one application: give `scope: {unit: U-…}` or `scope: {complex: C-…}` and the last day it holds, `valid_until: YYYY-MM-DD`".into()),
            LoadError::NoShowBlockTooLong { .. } => Some("Thuis in Limburg blocks a registration for at most 3 months after a no-show; a longer block rests on another ground: give it that `kind` (`rent_arrears`, `nuisance` or `other`)".into()),
            LoadError::MissingField { field, .. } if field == "lawful_residence" => Some("write `lawful_residence: true` for a Dutch national or a lawfully resident alien, `false` otherwise (Hw2014 art. 10 lid 2); the file records this yes or no, never a nationality".into()),
            LoadError::MainMember { .. } => Some("the registered house-seeker has role `main`; others are `partner`, `child` or `other_adult`".into()),
            _ => None,
        }
    }
}

impl ToDiagnostic for LoadError {
    fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            code: self.code(),
            severity: Severity::Error,
            message: self.to_string(),
            span: self.place().and_then(|p| p.span),
            hint: self.hint(),
            labels: Vec::new(),
        }
    }
}

/// The date a refused date text most likely means (`2026-03-02` for
/// `02-03-2026` or `2026-3-2`), as [`crate::model::dates::parse_date`] says.
fn date_meant(found: &str) -> Option<String> {
    crate::model::dates::parse_date(found.trim_matches('`'))
        .err()
        .and_then(|e| e.suggestion)
}

/// How far a block runs, for its message.
fn runs(until: Option<chrono::NaiveDate>) -> String {
    until.map_or_else(|| "has no end".to_owned(), |u| format!("runs until {u}"))
}

/// Words in backticks, separated by commas, for a message.
pub(crate) fn list(words: &[&str]) -> String {
    words
        .iter()
        .map(|w| format!("`{w}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The candidate nearest to `word` by edit distance, if it is close enough to
/// be a likely typo (at most a third of the word's length, at least 1).
pub fn nearest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| c.len().abs_diff(word.len()) <= limit)
        .map(|c| (crate::diagnostics::edit_distance(word, c), c))
        .filter(|&(d, _)| d <= limit)
        .min()
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_only() {
        let fields = ["birth_date", "role", "incomes"];
        assert_eq!(nearest("birthdate", fields), Some("birth_date"));
        assert_eq!(nearest("colour", fields), None);
        assert_eq!(nearest("rol", fields), Some("role"));
    }
}
