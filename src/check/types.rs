//! The types of the rule language.
//!
//! Types are checked before anything runs, so an evaluation can never fail
//! on a type: money only meets money, a date minus a date is a duration.

use std::fmt;

use crate::vocab::{
    EducationLevel, IncomeSource, OverrideKind, OwnerKind, Role, Route, Sector, Segment, UnitType,
    UrgencyCategory,
};

/// A closed vocabulary from [`crate::vocab`], as a type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Vocab {
    /// [`IncomeSource`].
    IncomeSource,
    /// [`Segment`].
    Segment,
    /// [`UnitType`].
    UnitType,
    /// [`OwnerKind`].
    OwnerKind,
    /// [`Role`].
    Role,
    /// [`UrgencyCategory`].
    UrgencyCategory,
    /// [`Sector`].
    Sector,
    /// [`EducationLevel`].
    EducationLevel,
    /// [`Route`].
    Route,
    /// [`OverrideKind`].
    OverrideKind,
}

impl Vocab {
    /// Every vocabulary a parameter type may name.
    pub const ALL: &'static [Vocab] = &[
        Vocab::IncomeSource,
        Vocab::Segment,
        Vocab::UnitType,
        Vocab::OwnerKind,
        Vocab::Role,
        Vocab::UrgencyCategory,
        Vocab::Sector,
        Vocab::EducationLevel,
        Vocab::Route,
        Vocab::OverrideKind,
    ];

    /// The type name rule files use (`set of sector`).
    pub fn type_name(self) -> &'static str {
        match self {
            Vocab::IncomeSource => "income_source",
            Vocab::Segment => "segment",
            Vocab::UnitType => "unit_type",
            Vocab::OwnerKind => "owner_kind",
            Vocab::Role => "role",
            Vocab::UrgencyCategory => "urgency_category",
            Vocab::Sector => "sector",
            Vocab::EducationLevel => "education_level",
            Vocab::Route => "route",
            Vocab::OverrideKind => "override_kind",
        }
    }

    /// The words of this vocabulary, in declaration order.
    pub fn words(self) -> Vec<&'static str> {
        fn words_of<T: Copy>(all: &[T], word: fn(T) -> &'static str) -> Vec<&'static str> {
            all.iter().map(|v| word(*v)).collect()
        }
        match self {
            Vocab::IncomeSource => words_of(IncomeSource::ALL, IncomeSource::as_str),
            Vocab::Segment => words_of(Segment::ALL, Segment::as_str),
            Vocab::UnitType => words_of(UnitType::ALL, UnitType::as_str),
            Vocab::OwnerKind => words_of(OwnerKind::ALL, OwnerKind::as_str),
            Vocab::Role => words_of(Role::ALL, Role::as_str),
            Vocab::UrgencyCategory => words_of(UrgencyCategory::ALL, UrgencyCategory::as_str),
            Vocab::Sector => words_of(Sector::ALL, Sector::as_str),
            Vocab::EducationLevel => words_of(EducationLevel::ALL, EducationLevel::as_str),
            Vocab::Route => words_of(Route::ALL, Route::as_str),
            Vocab::OverrideKind => words_of(OverrideKind::ALL, OverrideKind::as_str),
        }
    }

    /// Looks a vocabulary up by its type name.
    pub fn from_type_name(name: &str) -> Option<Vocab> {
        Vocab::ALL.iter().copied().find(|v| v.type_name() == name)
    }
}

/// An enumeration: a vocabulary, the labels of a `classify` rule, or the
/// priority groups of the rule set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EnumType {
    /// A closed vocabulary of the domain.
    Vocab(Vocab),
    /// The labels of the `classify` rule with this index.
    Labels(usize),
    /// The `priority` rules of the rule set, by id.
    PriorityGroup,
}

/// A record of facts the rules can reach into with `.`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Record {
    /// The applicant's file.
    Applicant,
    /// The applicant's urgency declaration.
    Urgency,
    /// The main applicant's current work.
    Work,
    /// The household as a whole.
    Household,
    /// The vacant unit.
    Unit,
    /// The unit's complex.
    Complex,
    /// The complex's buurt (neighbourhood).
    Buurt,
    /// The application for a housing permit this decision answers: one
    /// applicant's for one unit (Wbmgp art. 8 counts residence up to it).
    Application,
}

/// The type of an expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Type {
    /// `true` / `false`.
    Bool,
    /// Whole numbers.
    Integer,
    /// Exact decimal numbers.
    Decimal,
    /// Euro amounts.
    Money,
    /// Percentages.
    Percent,
    /// Calendar dates.
    Date,
    /// Calendar durations.
    Duration,
    /// Free text (names, ids, municipalities).
    Text,
    /// One value of an enumeration.
    Enum(EnumType),
    /// A set of values of an enumeration.
    Set(EnumType),
    /// A named set of municipalities.
    Region,
}

impl Type {
    /// Whether `<`, `>` and sorting make sense for this type.
    pub(crate) fn is_ordered(self) -> bool {
        matches!(
            self,
            Type::Integer
                | Type::Decimal
                | Type::Money
                | Type::Percent
                | Type::Date
                | Type::Duration
        )
    }

    /// Integers and decimals mix freely; every other type only meets itself.
    pub(crate) fn is_number(self) -> bool {
        matches!(self, Type::Integer | Type::Decimal)
    }
}

/// Names rule sets give their own enumerations, for messages.
pub trait EnumNames {
    /// The name of a `classify` rule by index.
    fn classification_name(&self, index: usize) -> String;
}

/// A type together with the names needed to print it.
pub struct Display<'a> {
    ty: Type,
    names: &'a dyn EnumNames,
}

impl Type {
    /// Displays this type the way messages show it (`money`, `set of sector`).
    pub(crate) fn display<'a>(self, names: &'a dyn EnumNames) -> Display<'a> {
        Display { ty: self, names }
    }
}

fn enum_name(e: EnumType, names: &dyn EnumNames) -> String {
    match e {
        EnumType::Vocab(v) => v.type_name().to_owned(),
        EnumType::Labels(i) => format!("label of `{}`", names.classification_name(i)),
        EnumType::PriorityGroup => "priority group".to_owned(),
    }
}

impl fmt::Display for Display<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.ty {
            Type::Bool => f.write_str("bool"),
            Type::Integer => f.write_str("integer"),
            Type::Decimal => f.write_str("decimal"),
            Type::Money => f.write_str("money"),
            Type::Percent => f.write_str("percent"),
            Type::Date => f.write_str("date"),
            Type::Duration => f.write_str("duration"),
            Type::Text => f.write_str("text"),
            Type::Enum(e) => f.write_str(&enum_name(e, self.names)),
            Type::Set(e) => write!(f, "set of {}", enum_name(e, self.names)),
            Type::Region => f.write_str("region"),
        }
    }
}
