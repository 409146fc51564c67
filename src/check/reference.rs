//! The reference of what a rule may read: every fact and function of the
//! schema, with its type, meaning, the data it comes from and an example.
//! Generated from the same tables the checker uses, so `docs/facts.md`
//! cannot drift from the checker (a test compares them).

use std::fmt::Write as _;

use serde::Serialize;

use super::schema::{Fact, Func, Params};
use super::types::{EnumNames, EnumType, Type};

/// Where a fact's value comes from in the data (`docs/data-format.md`).
fn data_field(fact: Fact) -> &'static str {
    use Fact::*;
    match fact {
        ApplicantId => "applicants.yaml: `id`",
        LawfulResidence => "applicants.yaml: `lawful_residence`",
        PermitHolderFirstHousing => {
            "applicants.yaml: `permit_holder_first_housing` (absent: false)"
        }
        InShelterAfterViolence => "applicants.yaml: `in_shelter_after_violence` (absent: false)",
        RegisteredOn => "applicants.yaml: `registration.registered_on`",
        RegistrationDuration => {
            "derived: `registration.registered_on` and the main member's `birth_date`"
        }
        RegistrationActive => "derived: `registration.blocks` on the reference date",
        BirthDate => "applicants.yaml: the main member's `birth_date`",
        Age => "derived: the main member's `birth_date`",
        Education => "applicants.yaml: the main member's `education`",
        StartQualification => "derived: the main member's `education` (havo, vwo, mbo 2+)",
        Student => "applicants.yaml: the main member's `student` (absent: false)",
        Volunteering => "derived: the main member's `volunteering` on the reference date",
        ApplicantIncomeSources => {
            "derived: the main member's `incomes` above zero on the reference date"
        }
        Aandachtsgroep => "derived: `aandachtsgroep` present",
        AandachtsgroepRoute => "applicants.yaml: `aandachtsgroep.route`",
        UrgencyValid => "derived: `urgency.granted` through `urgency.valid_until`",
        UrgencyCategory => "applicants.yaml: `urgency.category`",
        UrgencyGrantedOn => "applicants.yaml: `urgency.granted`",
        UrgencyValidUntil => "applicants.yaml: `urgency.valid_until`",
        WorkSector => "applicants.yaml: the main member's current `work[].sector`",
        WorkHours => "applicants.yaml: the main member's current `work[].hours_per_week`",
        WorkMunicipality => "applicants.yaml: the main member's current `work[].municipality`",
        WorkSince => "applicants.yaml: the main member's current `work[].since`",
        HouseholdSize => "derived: `household.members`",
        HouseholdAdults => "derived: the members' `birth_date`",
        HouseholdChildren => "derived: the members' `birth_date`",
        HouseholdOldestAge => "derived: the members' `birth_date`",
        HouseholdIncome => {
            "derived: the `incomes[].yearly` of every member but a `child`, on the reference date"
        }
        HouseholdIncomeSources => "derived: the `incomes` above zero of every member but a `child`",
        UnitId => "units.yaml: `id`",
        UnitRent => "units.yaml: `rent`",
        UnitRooms => "units.yaml: `rooms`",
        UnitFloorArea => "units.yaml: `floor_area`",
        UnitType => "units.yaml: `type`",
        UnitFloor => "units.yaml: `floor`",
        UnitAccessible => "units.yaml: `accessible`",
        UnitSegment => "units.yaml: `segment`",
        UnitAvailableFrom => "units.yaml: `available_from`",
        ComplexId => "complexes.yaml: `id`",
        ComplexName => "complexes.yaml: `name`",
        ComplexMunicipality => "complexes.yaml: `municipality`",
        ComplexOwner => "complexes.yaml: `owner.name`",
        ComplexOwnerKind => "complexes.yaml: `owner.kind`",
        BuurtCode => "buurten.yaml: `code`",
        BuurtName => "buurten.yaml: `name`",
        BuurtMunicipality => "buurten.yaml: `municipality`",
        Leefbaarometer => "buurten.yaml: `leefbaarometer`",
        LeefbaarometerAverage => "buurten.yaml: `leefbaarometer_average`",
        Resilience => "buurten.yaml: `resilience`",
        ResilienceAverage => "buurten.yaml: `resilience_average`",
        MeasuredOn => "buurten.yaml: `measured_on`",
        ApplicationDate => {
            "proposals.yaml `application_date`, else reactions.yaml `date`, else the reference date"
        }
        ApplicationRecorded => "derived: whether `application.date` comes from a record",
    }
}

/// What a built-in function means.
fn func_doc(func: Func) -> &'static str {
    match func {
        Func::ResidenceIn => {
            "The unbroken stretch of residence in the region up to the reference date (Hw2014 art. 14 lid 4 b 2°: \"ten minste zes jaar onafgebroken ingezetene is\"). Reads `residence`."
        }
        Func::LongestResidenceIn => {
            "The longest unbroken stretch of residence in the region within the given period before the reference date, never a sum of stretches (Hw2014 art. 14 lid 4 b 2°). Reads `residence`."
        }
        Func::ResidenceBeforeApplication => {
            "The unbroken stretch of residence in the region up to the day of the application (Wbmgp art. 8 lid 1: \"voorafgaand aan de aanvraag\"). Reads `residence` and the application date."
        }
        Func::WorkHoursIn => {
            "Hours per week of the main member's current work in the region. Reads `work`."
        }
        Func::WorkDurationIn => {
            "How long the main member's current work in the region has lasted. Reads `work`."
        }
        Func::StudyHoursIn => {
            "Hours per week of the main member's current course in the region. Reads `study`."
        }
        Func::HasIncome => {
            "Whether the main applicant, a partner or another adult co-resident has income above zero from one of the sources; a `child` never counts (Woningwet art. 1). Reads `incomes`."
        }
        Func::IncomeFrom => {
            "The yearly income from the sources of every member but a `child`. Reads `incomes`."
        }
        Func::ApplicantHasIncome => {
            "Whether the main applicant (the house-seeker) alone has income above zero from one of the sources: Wbmgp art. 8's reading. Reads the main member's `incomes`."
        }
        Func::ScreeningObjectionWithin => {
            "Whether a Wbmgp art. 10 objection names the applicant or a member aged 16 or over, within the period before the application (art. 10b lid 2). Reads `screenings`."
        }
        Func::YearsBetween => "Whole years from the first date to the second.",
    }
}

/// A condition a fact is typically read in, one that checks clean in a
/// rule set with a region `parkstad` (a test holds every example to it).
fn example(fact: Fact) -> String {
    use Fact::*;
    let specific = match fact {
        ApplicantId => "applicant.id = \"A-001\"",
        Age => "applicant.age >= 18 years",
        HouseholdOldestAge => "household.oldest_age >= 67 years 3 months",
        RegistrationDuration => "applicant.registration_duration >= 2 years",
        WorkMunicipality => "applicant.work.municipality in parkstad",
        WorkHours => "applicant.work.hours >= 18",
        HouseholdIncome => "household.income <= €51537",
        UnitId => "unit.id = \"U-0101\"",
        UnitAvailableFrom => "reference_date - unit.available_from >= 91 days",
        ComplexId => "unit.complex.id = \"C-01\"",
        ComplexName => "unit.complex.name = \"Flat De Koempel\"",
        ComplexOwner => "unit.complex.owner = \"Stack Vastgoed BV\"",
        ComplexMunicipality => "unit.complex.municipality in parkstad",
        BuurtCode => "unit.complex.buurt.code = \"BU09170101\"",
        BuurtName => "unit.complex.buurt.name = \"Vrieheide-De Stack\"",
        BuurtMunicipality => "unit.complex.buurt.municipality in parkstad",
        Leefbaarometer => {
            "unit.complex.buurt.leefbaarometer > unit.complex.buurt.leefbaarometer_average"
        }
        Resilience => "unit.complex.buurt.resilience > unit.complex.buurt.resilience_average",
        _ => "",
    };
    if specific.is_empty() {
        generic(&fact.path(), fact.ty())
    } else {
        specific.to_owned()
    }
}

/// A condition on a fact of this type.
fn generic(path: &str, ty: Type) -> String {
    match ty {
        Type::Bool => path.to_owned(),
        Type::Integer => format!("{path} >= 2"),
        Type::Decimal => format!("{path} >= 3.5"),
        Type::Money => format!("{path} <= €932.93"),
        Type::Percent => format!("{path} <= 30%"),
        Type::Date => format!("{path} <= reference_date"),
        Type::Duration => format!("{path} >= 6 years"),
        Type::Text => format!("{path} = \"Heerlen\""),
        Type::Enum(EnumType::Vocab(v)) => {
            let word = v.words().first().copied().unwrap_or("");
            format!("{path} = {word}")
        }
        Type::Set(EnumType::Vocab(v)) => {
            let word = v.words().first().copied().unwrap_or("");
            format!("{word} in {path}")
        }
        _ => path.to_owned(),
    }
}

struct NoNames;

impl EnumNames for NoNames {
    fn classification_name(&self, _: usize) -> String {
        String::new()
    }
}

fn type_name(ty: Type) -> String {
    ty.display(&NoNames).to_string()
}

fn values(ty: Type) -> Option<Vec<&'static str>> {
    match ty {
        Type::Enum(EnumType::Vocab(v)) | Type::Set(EnumType::Vocab(v)) => Some(v.words()),
        _ => None,
    }
}

/// One fact in the reference: a row of `docs/facts.md`, and what an
/// editor shows when the pointer rests on the fact.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FactEntry {
    /// The canonical path (`unit.complex.buurt.resilience`).
    pub path: String,
    /// The type, as messages write it.
    #[serde(rename = "type")]
    pub ty: String,
    /// Whether a file may lack the fact.
    pub optional: bool,
    /// What the fact means.
    pub meaning: &'static str,
    /// Where its value comes from in the data.
    pub data: &'static str,
    /// A condition the fact is typically read in.
    pub example: String,
    /// The words of its vocabulary, when it has one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub values: Option<Vec<&'static str>>,
}

/// One function in the reference.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct FuncEntry {
    /// How it is called (`household.has_income(…)`).
    pub call: String,
    /// What it takes, in words.
    pub arguments: String,
    /// What it gives.
    pub result: String,
    /// What it means.
    pub meaning: &'static str,
}

#[derive(Serialize)]
struct Reference {
    facts: Vec<FactEntry>,
    functions: Vec<FuncEntry>,
    /// The designation kinds every rule set may read without declaring.
    designation_kinds: Vec<KindEntry>,
}

/// A designation kind of the Wbmgp.
#[derive(Serialize)]
struct KindEntry {
    name: &'static str,
    title: &'static str,
    source: &'static str,
}

/// The reference entry of one fact.
pub(crate) fn fact_entry(fact: Fact) -> FactEntry {
    FactEntry {
        path: fact.path(),
        example: example(fact),
        ty: type_name(fact.ty()),
        optional: fact.optional(),
        meaning: fact.doc(),
        data: data_field(fact),
        values: values(fact.ty()),
    }
}

/// The reference entry of one built-in function.
pub(crate) fn func_entry(func: Func) -> FuncEntry {
    let receiver = func
        .receiver()
        .map(|r| format!("{}.", super::schema::record_path(r)))
        .unwrap_or_default();
    let arguments = match func.params() {
        Params::Fixed(types) => types
            .iter()
            .map(|t| type_name(*t))
            .collect::<Vec<_>>()
            .join(", "),
        Params::OneOrMore(e) => format!("one or more {}", type_name(Type::Enum(e))),
    };
    FuncEntry {
        call: format!("{receiver}{}(…)", func.name()),
        arguments,
        result: type_name(func.result()),
        meaning: func_doc(func),
    }
}

fn reference() -> Reference {
    let designation_kinds = crate::vocab::WBMGP_KINDS
        .iter()
        .map(|k| KindEntry {
            name: k.name,
            title: k.title,
            source: k.source,
        })
        .collect();
    Reference {
        facts: Fact::ALL.iter().map(|f| fact_entry(*f)).collect(),
        functions: Func::ALL.iter().map(|f| func_entry(*f)).collect(),
        designation_kinds,
    }
}

/// Every fact's example condition, for the test that holds them to the checker.
#[cfg(test)]
pub fn examples() -> Vec<String> {
    Fact::ALL.iter().map(|f| example(*f)).collect()
}

/// The reference as JSON.
pub fn json() -> String {
    let mut out = serde_json::to_string_pretty(&reference()).unwrap_or_else(|_| "{}".to_owned());
    out.push('\n');
    out
}

/// The reference as Markdown: `docs/facts.md`.
pub fn markdown() -> String {
    let r = reference();
    let mut out = String::from(
        "# What a rule may read\n\n\
         Generated by `toewijzer schema` from the checker's own tables; do not\n\
         edit by hand (`cargo test` fails when this page is stale: regenerate it\n\
         with `toewijzer schema > docs/facts.md`).\n\n\
         A rule reads facts by path (`unit.complex.owner_kind`) and calls the\n\
         functions below. A comparison with an absent optional fact is false,\n\
         and the trace says the fact was absent. Besides these: `reference_date`\n\
         (the peildatum), `priority_group`, `points(NAME)`, a classification by\n\
         its name, `unit.complex designated KIND`, and the rule set's own\n\
         parameters, regions and named conditions (`define`).\n\n\
         Not readable, on purpose: names, addresses, nationality or any other\n\
         protected ground (the data model has no field for them); the free-text\n\
         `profession`, `course`, `organisation` and decision grounds, which a rule\n\
         could not read reliably (the sector is the controlled vocabulary).\n\n\
         ## Facts\n\n",
    );
    let mut record = String::new();
    for f in &r.facts {
        let (head, _) = f.path.rsplit_once('.').unwrap_or((&f.path, ""));
        if head != record {
            record = head.to_owned();
            let _ = writeln!(out, "### `{record}`\n");
            out.push_str(
                "| fact | type | meaning | from the data | example |\n|---|---|---|---|---|\n",
            );
        }
        let optional = if f.optional { " (optional)" } else { "" };
        let values = f
            .values
            .as_ref()
            .map(|v| {
                format!(
                    " Values: {}.",
                    v.iter()
                        .map(|w| format!("`{w}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            })
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "| `{}` | {}{optional} | {}{values} | {} | `{}` |",
            f.path,
            f.ty,
            f.meaning.replace('|', "\\|"),
            f.data,
            f.example
        );
        // A table ends where the next record starts.
        if r.facts
            .iter()
            .skip_while(|x| x.path != f.path)
            .nth(1)
            .is_none_or(|next| next.path.rsplit_once('.').map(|(h, _)| h) != Some(head))
        {
            out.push('\n');
        }
    }
    out.push_str("## Functions\n\n| call | arguments | result | meaning |\n|---|---|---|---|\n");
    for func in &r.functions {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            func.call, func.arguments, func.result, func.meaning
        );
    }
    out.push_str(
        "\n## Designation kinds\n\n\
         `unit.complex designated KIND` holds when the unit's complex has a\n\
         designation of `KIND` in force on the reference date (`complexes.yaml`:\n\
         `designations[].kind`). The Wbmgp's own kinds need no declaration; the\n\
         checker knows them by name and applies their legal limits (a Wbmgp\n\
         designation runs at most four years a period and twenty in a row, and\n\
         only an art. 8 designation may carry an income-source requirement):\n\n\
         | kind | what | source |\n|---|---|---|\n",
    );
    for k in &r.designation_kinds {
        let _ = writeln!(out, "| `{}` | {} | {} |", k.name, k.title, k.source);
    }
    out.push_str(
        "\nAny other kind (a fragile complex under a regional agreement, a complex\n\
         for seniors) is declared in the rule set, with its title and the\n\
         decision it rests on, before a rule or the data may name it:\n\n\
         ```\n\
         designation seniors \"Complex voor ouderen\"\n  \
         source \"Huisvestingsverordening Heerlen 2024, art. 2.3 (voorbeeld)\"\n\
         ```\n\n\
         A rule set may use at most 64 kinds, the Wbmgp's three included. Data\n\
         naming a kind the rule set does not declare is refused at its place\n\
         (`E0527`), with the kinds there are.\n",
    );
    out
}
