//! The schema: every fact a rule may read and every built-in function, each
//! with its type.
//!
//! Rules reach facts through records (`unit.complex.buurt.resilience`); a
//! path resolves once, in the checker, to a [`Fact`], so the evaluator
//! dispatches on a closed enum instead of looking names up.

use super::types::{EnumType, Record, Type, Vocab};

/// What a field of a record leads to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    /// A fact with a value.
    Fact(Fact),
    /// Another record.
    Record(Record),
}

macro_rules! facts {
    ( $( $variant:ident : $record:ident . $field:literal => $ty:expr, $optional:literal, $doc:literal; )+ ) => {
        /// A fact the rules can read, resolved from its path.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Fact {
            $( #[doc = $doc] $variant, )+
        }

        impl Fact {
            /// Every fact, in schema order.
            pub(crate) const ALL: &'static [Fact] = &[ $( Fact::$variant ),+ ];

            /// The record the fact belongs to.
            pub(crate) const fn record(self) -> Record {
                match self { $( Fact::$variant => Record::$record, )+ }
            }

            /// The field name within its record.
            pub(crate) const fn field(self) -> &'static str {
                match self { $( Fact::$variant => $field, )+ }
            }

            /// The fact's type.
            pub(crate) const fn ty(self) -> Type {
                match self { $( Fact::$variant => $ty, )+ }
            }

            /// Whether a file may lack the fact (no urgency, no work). A
            /// comparison with an absent fact is false, and the trace says
            /// the fact was absent.
            pub(crate) const fn optional(self) -> bool {
                match self { $( Fact::$variant => $optional, )+ }
            }

            /// What the fact means, for `check --schema` and the docs.
            pub(crate) const fn doc(self) -> &'static str {
                match self { $( Fact::$variant => $doc, )+ }
            }
        }
    };
}

const fn vocab(v: Vocab) -> Type {
    Type::Enum(EnumType::Vocab(v))
}

facts! {
    ApplicantId: Applicant."id" => Type::Text, false, "The pseudonymous id of the applicant's file.";
    LawfulResidence: Applicant."lawful_residence" => Type::Bool, false, "The applicant is a Dutch national or a lawfully resident alien (Hw2014 art. 10 lid 2): a yes/no fact, never a nationality.";
    PermitHolderFirstHousing: Applicant."permit_holder_first_housing" => Type::Bool, false, "The applicant is a permit holder (vergunninghouder) seeking housing for the first time (Hw2014 art. 16 a: never refused on binding grounds).";
    InShelterAfterViolence: Applicant."in_shelter_after_violence" => Type::Bool, false, "The applicant lives in a shelter after relationship problems or violence (Hw2014 art. 16 b: never refused on binding grounds).";
    RegisteredOn: Applicant."registered_on" => Type::Date, false, "Registration date (inschrijfdatum) at Thuis in Limburg, as recorded; it may lie before the 18th birthday, from which registration time counts (see registration_duration).";
    RegistrationDuration: Applicant."registration_duration" => Type::Duration, false, "Registration time (inschrijfduur) on the reference date, counted from the later of the registration date and the main applicant's 18th birthday (Thuis in Limburg registers from 18).";
    RegistrationActive: Applicant."registration_active" => Type::Bool, false, "The registration is active and not blocked on the reference date.";
    BirthDate: Applicant."birth_date" => Type::Date, false, "The main applicant's birth date.";
    Age: Applicant."age" => Type::Duration, false, "The main applicant's age on the reference date, from the birth date: `applicant.age >= 18 years` holds from the 18th birthday (1 March for a 29 February birthday in a common year).";
    Education: Applicant."education" => vocab(Vocab::EducationLevel), true, "The main applicant's highest completed education.";
    StartQualification: Applicant."start_qualification" => Type::Bool, false, "The main applicant has a start qualification (havo, vwo, mbo 2+).";
    Student: Applicant."student" => Type::Bool, false, "The main applicant is a student.";
    Volunteering: Applicant."volunteering" => Type::Bool, false, "The main applicant does recorded volunteer work.";
    ApplicantIncomeSources: Applicant."income_sources" => Type::Set(EnumType::Vocab(Vocab::IncomeSource)), false, "Every source the main applicant (the house-seeker) alone has income above zero from on the reference date; no other member's income counts.";
    Aandachtsgroep: Applicant."aandachtsgroep" => Type::Bool, false, "The applicant belongs to an aandachtsgroep (a vulnerable group housed with support).";
    AandachtsgroepRoute: Applicant."route" => vocab(Vocab::Route), true, "The route by which the aandachtsgroep member comes (e.g. outflow from sheltered housing).";
    UrgencyValid: Urgency."valid" => Type::Bool, false, "An urgency declaration is in force on the reference date.";
    UrgencyCategory: Urgency."category" => vocab(Vocab::UrgencyCategory), true, "The ground of the urgency declaration.";
    UrgencyGrantedOn: Urgency."granted_on" => Type::Date, true, "The date the urgency was granted.";
    UrgencyValidUntil: Urgency."valid_until" => Type::Date, true, "The last day the urgency is valid.";
    WorkSector: Work."sector" => vocab(Vocab::Sector), true, "The sector of the main applicant's current work.";
    WorkHours: Work."hours" => Type::Decimal, true, "Hours per week of the main applicant's current work.";
    WorkMunicipality: Work."municipality" => Type::Text, true, "The municipality of the main applicant's current work.";
    WorkSince: Work."since" => Type::Date, true, "Since when the main applicant has this work.";
    HouseholdSize: Household."size" => Type::Integer, false, "Number of members.";
    HouseholdAdults: Household."adults" => Type::Integer, false, "Members aged 18 or over on the reference date.";
    HouseholdChildren: Household."children" => Type::Integer, false, "Members under 18 on the reference date.";
    HouseholdOldestAge: Household."oldest_age" => Type::Duration, false, "Age of the oldest member on the reference date, from the birth date, so it meets an age in years and months (the AOW age, 67 years 3 months from 2028).";
    HouseholdIncome: Household."income" => Type::Money, false, "The household income (huishoudinkomen, Woningwet art. 1) on the reference date: the yearly income of the main applicant, a partner and other adult co-residents together; the income of members with role `child` never counts (Awir art. 4).";
    HouseholdIncomeSources: Household."income_sources" => Type::Set(EnumType::Vocab(Vocab::IncomeSource)), false, "Every source the main applicant, a partner or another adult co-resident has income above zero from on the reference date; a member with role `child` never adds one.";
    UnitId: Unit."id" => Type::Text, false, "The unit's id.";
    UnitRent: Unit."rent" => Type::Money, false, "Net monthly rent (kale huur).";
    UnitRooms: Unit."rooms" => Type::Integer, false, "Number of rooms.";
    UnitFloorArea: Unit."floor_area" => Type::Decimal, false, "Floor area in m².";
    UnitType: Unit."type" => vocab(Vocab::UnitType), false, "Kind of dwelling.";
    UnitFloor: Unit."floor" => Type::Integer, false, "Floor (0 is the ground floor).";
    UnitAccessible: Unit."accessible" => Type::Bool, false, "The unit is accessible (step-free).";
    UnitSegment: Unit."segment" => vocab(Vocab::Segment), false, "Rent segment.";
    UnitAvailableFrom: Unit."available_from" => Type::Date, false, "The date the unit is available.";
    ComplexId: Complex."id" => Type::Text, false, "The complex's id.";
    ComplexName: Complex."name" => Type::Text, false, "The complex's name.";
    ComplexMunicipality: Complex."municipality" => Type::Text, false, "The municipality the complex lies in.";
    ComplexOwner: Complex."owner" => Type::Text, false, "The owner (corporation or landlord).";
    ComplexOwnerKind: Complex."owner_kind" => vocab(Vocab::OwnerKind), false, "Corporation or private landlord.";
    BuurtCode: Buurt."code" => Type::Text, false, "CBS buurt code.";
    BuurtName: Buurt."name" => Type::Text, false, "The buurt's name.";
    BuurtMunicipality: Buurt."municipality" => Type::Text, false, "The municipality of the buurt.";
    Leefbaarometer: Buurt."leefbaarometer" => Type::Decimal, false, "The buurt's Leefbaarometer score.";
    LeefbaarometerAverage: Buurt."leefbaarometer_average" => Type::Decimal, false, "The municipal average Leefbaarometer score it is compared with.";
    Resilience: Buurt."resilience" => Type::Decimal, false, "The buurt's social resilience score.";
    ResilienceAverage: Buurt."resilience_average" => Type::Decimal, false, "The municipal average resilience score.";
    MeasuredOn: Buurt."measured_on" => Type::Date, false, "When the buurt's indicators were measured.";
    ApplicationDate: Application."date" => Type::Date, false, "The day the application for a housing permit was made: the permit application recorded on a proposal, else the applicant's reaction to the unit, else (none recorded) the reference date. A reaction dated after the reference date has not been made on it: the reference date stands in.";
    ApplicationRecorded: Application."recorded" => Type::Bool, false, "Whether `application.date` comes from a record (a permit application or a reaction); false when the reference date stands in.";
}

impl Fact {
    /// The canonical dotted path (`unit.complex.buurt.resilience`).
    pub(crate) fn path(self) -> String {
        format!("{}.{}", record_path(self.record()), self.field())
    }
}

/// The canonical path of a record from the roots.
pub fn record_path(record: Record) -> &'static str {
    match record {
        Record::Applicant => "applicant",
        Record::Urgency => "applicant.urgency",
        Record::Work => "applicant.work",
        Record::Household => "household",
        Record::Unit => "unit",
        Record::Complex => "unit.complex",
        Record::Buurt => "unit.complex.buurt",
        Record::Application => "application",
    }
}

/// The records a path may start with.
pub const ROOTS: &[(&str, Record)] = &[
    ("applicant", Record::Applicant),
    ("household", Record::Household),
    ("unit", Record::Unit),
    ("application", Record::Application),
];

/// The records nested inside a record.
fn sub_records(record: Record) -> &'static [(&'static str, Record)] {
    match record {
        Record::Applicant => &[("urgency", Record::Urgency), ("work", Record::Work)],
        Record::Unit => &[("complex", Record::Complex), ("buurt", Record::Buurt)],
        Record::Complex => &[("buurt", Record::Buurt)],
        Record::Urgency
        | Record::Work
        | Record::Household
        | Record::Buurt
        | Record::Application => &[],
    }
}

/// Looks up a field of a record.
pub fn field(record: Record, name: &str) -> Option<Field> {
    if let Some((_, sub)) = sub_records(record).iter().find(|(n, _)| *n == name) {
        return Some(Field::Record(*sub));
    }
    Fact::ALL
        .iter()
        .find(|f| f.record() == record && f.field() == name)
        .map(|f| Field::Fact(*f))
}

/// Every field name of a record, for "did you mean" hints.
pub fn field_names(record: Record) -> Vec<&'static str> {
    sub_records(record)
        .iter()
        .map(|(n, _)| *n)
        .chain(
            Fact::ALL
                .iter()
                .filter(|f| f.record() == record)
                .map(|f| f.field()),
        )
        .chain(
            Func::ALL
                .iter()
                .filter(|f| f.receiver() == Some(record))
                .map(|f| f.name()),
        )
        .collect()
}

/// What a built-in function takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Params {
    /// Exactly these argument types.
    Fixed(&'static [Type]),
    /// One or more values of this enumeration.
    OneOrMore(EnumType),
}

/// A built-in function.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Func {
    /// `applicant.residence_in(region)`: the unbroken stretch of residence
    /// in the region up to the reference date (Hw2014 art. 14 lid 4 b 2°:
    /// "ten minste zes jaar onafgebroken ingezetene is").
    ResidenceIn,
    /// `applicant.longest_residence_in(region, 10 years)`: the longest
    /// unbroken stretch of residence in the region within that period
    /// before the reference date, never a sum of stretches (Hw2014 art. 14
    /// lid 4 b 2°: "gedurende de voorafgaande tien jaar ten minste zes jaar
    /// onafgebroken ingezetene is geweest").
    LongestResidenceIn,
    /// `applicant.residence_before_application(region)`: the unbroken
    /// stretch of residence in the region up to the day of the application
    /// (Wbmgp art. 8 lid 1: "minder dan zes jaar voorafgaand aan de aanvraag
    /// van een huisvestingsvergunning onafgebroken ingezetene").
    ResidenceBeforeApplication,
    /// `applicant.work_hours_in(region)`: hours per week of current work in the region.
    WorkHoursIn,
    /// `applicant.work_duration_in(region)`: how long the current work in the region has lasted.
    WorkDurationIn,
    /// `applicant.study_hours_in(region)`: hours per week of a current course in the region.
    StudyHoursIn,
    /// `household.has_income(aow, pension)`: the main applicant, a partner
    /// or another adult co-resident has income above zero from one of these
    /// sources; a member with role `child` never counts (Woningwet art. 1).
    HasIncome,
    /// `household.income_from(employment)`: the yearly income from these
    /// sources of the main applicant, a partner and other adult co-residents
    /// together, without the income of members with role `child`.
    IncomeFrom,
    /// `applicant.has_income(employment, aow)`: the main applicant (the
    /// house-seeker) alone has income above zero from one of these sources.
    /// Wbmgp art. 8 reads the house-seeker; this is its applicant reading,
    /// `household.has_income` the household one.
    ApplicantHasIncome,
    /// `household.screening_objection_within(4 years)`: a Wbmgp art. 10
    /// objection names the applicant or a member aged 16 or over, within the
    /// period before the application (art. 10b lid 2).
    ScreeningObjectionWithin,
    /// `years_between(a, b)`: whole years from date `a` to date `b`.
    YearsBetween,
}

const REGION: &[Type] = &[Type::Region];
const INCOME: EnumType = EnumType::Vocab(Vocab::IncomeSource);

impl Func {
    /// Every built-in function.
    pub(crate) const ALL: &'static [Func] = &[
        Func::ResidenceIn,
        Func::LongestResidenceIn,
        Func::ResidenceBeforeApplication,
        Func::WorkHoursIn,
        Func::WorkDurationIn,
        Func::StudyHoursIn,
        Func::HasIncome,
        Func::IncomeFrom,
        Func::ApplicantHasIncome,
        Func::ScreeningObjectionWithin,
        Func::YearsBetween,
    ];

    /// The name rules call it by.
    pub(crate) const fn name(self) -> &'static str {
        match self {
            Func::ResidenceIn => "residence_in",
            Func::LongestResidenceIn => "longest_residence_in",
            Func::ResidenceBeforeApplication => "residence_before_application",
            Func::WorkHoursIn => "work_hours_in",
            Func::WorkDurationIn => "work_duration_in",
            Func::StudyHoursIn => "study_hours_in",
            Func::HasIncome | Func::ApplicantHasIncome => "has_income",
            Func::IncomeFrom => "income_from",
            Func::ScreeningObjectionWithin => "screening_objection_within",
            Func::YearsBetween => "years_between",
        }
    }

    /// The record it is called on (`applicant.residence_in`), or none for a free function.
    pub(crate) const fn receiver(self) -> Option<Record> {
        match self {
            Func::ResidenceIn
            | Func::LongestResidenceIn
            | Func::ResidenceBeforeApplication
            | Func::WorkHoursIn
            | Func::WorkDurationIn
            | Func::StudyHoursIn
            | Func::ApplicantHasIncome => Some(Record::Applicant),
            Func::HasIncome | Func::IncomeFrom | Func::ScreeningObjectionWithin => {
                Some(Record::Household)
            }
            Func::YearsBetween => None,
        }
    }

    /// The argument types.
    pub(crate) const fn params(self) -> Params {
        match self {
            Func::ResidenceIn
            | Func::ResidenceBeforeApplication
            | Func::WorkHoursIn
            | Func::WorkDurationIn
            | Func::StudyHoursIn => Params::Fixed(REGION),
            Func::LongestResidenceIn => Params::Fixed(&[Type::Region, Type::Duration]),
            Func::HasIncome | Func::IncomeFrom | Func::ApplicantHasIncome => {
                Params::OneOrMore(INCOME)
            }
            Func::ScreeningObjectionWithin => Params::Fixed(&[Type::Duration]),
            Func::YearsBetween => Params::Fixed(&[Type::Date, Type::Date]),
        }
    }

    /// The result type.
    pub(crate) const fn result(self) -> Type {
        match self {
            Func::ResidenceIn
            | Func::LongestResidenceIn
            | Func::ResidenceBeforeApplication
            | Func::WorkDurationIn => Type::Duration,
            Func::WorkHoursIn | Func::StudyHoursIn => Type::Decimal,
            Func::HasIncome | Func::ApplicantHasIncome | Func::ScreeningObjectionWithin => {
                Type::Bool
            }
            Func::IncomeFrom => Type::Money,
            Func::YearsBetween => Type::Integer,
        }
    }

    /// Whether the arguments must be constants (literals, parameters,
    /// regions). Constant arguments let `check` test the legal limits and
    /// let the compiler fix them per reference date.
    pub(crate) const fn constant_args(self) -> bool {
        !matches!(self, Func::YearsBetween)
    }

    /// Whether the function measures binding to the region (Hw2014 art. 14),
    /// so a priority resting on it is a binding priority capped at 50%.
    pub(crate) const fn is_binding(self) -> bool {
        matches!(
            self,
            Func::ResidenceIn
                | Func::LongestResidenceIn
                | Func::ResidenceBeforeApplication
                | Func::WorkHoursIn
                | Func::WorkDurationIn
                | Func::StudyHoursIn
        )
    }

    /// Whether the function counts up to the day of the application rather
    /// than the reference date, so its value belongs to the pair: the
    /// Wbmgp art. 8 residence, and the art. 10b lid 2 screening lookback
    /// ("ten hoogste vier jaren voor het tijdstip van de aanvraag").
    pub(crate) const fn reads_application(self) -> bool {
        matches!(
            self,
            Func::ResidenceBeforeApplication | Func::ScreeningObjectionWithin
        )
    }

    /// Looks up a method of a record, or a free function when `receiver` is `None`.
    pub(crate) fn lookup(receiver: Option<Record>, name: &str) -> Option<Func> {
        Func::ALL
            .iter()
            .copied()
            .find(|f| f.receiver() == receiver && f.name() == name)
    }
}

/// Names that stand alone in an expression without a record.
pub const FREE_NAMES: &[&str] = &["reference_date", "priority_group", "points"];
