//! The closed vocabularies of the domain (income sources, designation kinds, …).
//!
//! The data model and the rule checker both read this one list, so a value a
//! rule may name is always a value the loader accepts, and the other way round.
//! No vocabulary names a protected ground (Grondwet art. 1; AVG): none exists
//! here, so no rule can read one.

use serde::{Deserialize, Serialize};

/// Declares a closed vocabulary: a Rust enum whose snake_case names are the
/// words rule files and YAML input use, with the full list of those words.
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $name:ident as $word:literal { $( $(#[$vmeta:meta])* $variant:ident = $text:literal ),+ $(,)? }
    ) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(rename_all = "snake_case")]
        pub enum $name {
            $( $(#[$vmeta])* #[serde(rename = $text)] $variant ),+
        }

        impl $name {
            /// Every value, in declaration order.
            pub(crate) const ALL: &'static [$name] = &[ $( $name::$variant ),+ ];
            /// The word for this vocabulary in rules and messages.
            pub(crate) const WORD: &'static str = $word;

            /// The word rule files and YAML input use for this value.
            pub(crate) const fn as_str(self) -> &'static str {
                match self { $( $name::$variant => $text ),+ }
            }
        }

        /// Looks a value up by its word (a trait, so a vocabulary no code
        /// looks up by word carries no unused function).
        impl std::str::FromStr for $name {
            type Err = ();

            fn from_str(word: &str) -> Result<Self, ()> {
                match word { $( $text => Ok($name::$variant), )+ _ => Err(()) }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}

vocabulary! {
    /// A source of yearly income. Wbmgp art. 8 lists the six sources that
    /// qualify in a designated complex: employment up to study financing.
    IncomeSource as "income_source" {
        /// Loon uit dienstbetrekking.
        Employment = "employment",
        /// Winst uit onderneming (zelfstandige).
        SelfEmployment = "self_employment",
        /// Vrijwillige vervroegde uittreding (VUT, prepensioen).
        EarlyRetirement = "early_retirement",
        /// Algemene Ouderdomswet.
        Aow = "aow",
        /// Ouderdoms- of nabestaandenpensioen.
        Pension = "pension",
        /// Studiefinanciering.
        StudyFinancing = "study_financing",
        /// Bijstand (Participatiewet).
        SocialAssistance = "social_assistance",
        /// WW-uitkering.
        UnemploymentBenefit = "unemployment_benefit",
        /// Arbeidsongeschiktheidsuitkering (WIA, Wajong, WAO).
        DisabilityBenefit = "disability_benefit",
        /// Any other income.
        Other = "other",
    }
}

impl IncomeSource {
    /// The sources Wbmgp art. 8 lid 1 accepts in a designated complex.
    pub const WBMGP_ART8: &'static [IncomeSource] = &[
        IncomeSource::Employment,
        IncomeSource::SelfEmployment,
        IncomeSource::EarlyRetirement,
        IncomeSource::Aow,
        IncomeSource::Pension,
        IncomeSource::StudyFinancing,
    ];
}

/// A designation kind the Wbmgp itself defines: the Minister designates a
/// complex (art. 5) for the income requirement (art. 8), the priority by
/// profile (art. 9) or the screening (art. 10). The checker knows these by
/// name and applies their legal limits; every other kind (a fragile complex
/// under a regional agreement, a complex for seniors) is declared by the
/// rule set that uses it, with its own title and source.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct StatutoryKind {
    /// The word rules and data use.
    pub name: &'static str,
    /// What it stands for.
    pub title: &'static str,
    /// The article that allows it.
    pub source: &'static str,
}

/// The Wbmgp's kinds, in the order every rule set's kind table starts with.
pub(crate) const WBMGP_KINDS: [StatutoryKind; 3] = [
    StatutoryKind {
        name: "wbmgp_art8",
        title: "Inkomenseis in een aangewezen complex",
        source: "Wbmgp art. 5 lid 1 en art. 8",
    },
    StatutoryKind {
        name: "wbmgp_art9",
        title: "Voorrang naar sociaaleconomisch profiel",
        source: "Wbmgp art. 5 lid 2 en art. 9",
    },
    StatutoryKind {
        name: "wbmgp_art10",
        title: "Screening op overlast en criminaliteit",
        source: "Wbmgp art. 5 lid 3 en art. 10",
    },
];

/// Whether `kind` is one of the Wbmgp's own (a designation by the Minister,
/// at most four years a period).
pub(crate) fn is_wbmgp_kind(kind: &str) -> bool {
    WBMGP_KINDS.iter().any(|k| k.name == kind)
}

vocabulary! {
    /// The rent segment of a unit.
    Segment as "segment" {
        /// Social rent (DAEB), up to the liberalisatiegrens.
        Social = "social",
        /// Mid-rent (middenhuur).
        MidRent = "mid_rent",
        /// Free-sector rent.
        Free = "free",
    }
}

vocabulary! {
    /// The kind of dwelling.
    UnitType as "unit type" {
        /// Apartment (appartement, flat).
        Apartment = "apartment",
        /// Single-family house (eengezinswoning).
        House = "house",
        /// Studio or room with own facilities.
        Studio = "studio",
        /// Dwelling for older people (seniorenwoning).
        Senior = "senior",
    }
}

vocabulary! {
    /// Who owns a complex: a housing corporation or a private landlord.
    OwnerKind as "owner kind" {
        /// Toegelaten instelling (woningcorporatie).
        Corporation = "corporation",
        /// Private landlord.
        Private = "private",
    }
}

vocabulary! {
    /// A household member's place in the household.
    Role as "role" {
        /// The registered house-seeker (hoofdaanvrager); exactly one per household.
        Main = "main",
        /// Partner of the main applicant.
        Partner = "partner",
        /// Child living in the household.
        Child = "child",
        /// Any other adult co-resident.
        OtherAdult = "other_adult",
    }
}

vocabulary! {
    /// Ground of an urgency declaration. Hw2014 art. 12 requires the first two;
    /// the last three are Heerlen's grounds (woonurgentieheerlen.nl/voorwaarden).
    UrgencyCategory as "urgency category" {
        /// Temporary shelter after relationship problems or violence (Hw2014 art. 12 lid 2).
        ShelterAfterViolence = "shelter_after_violence",
        /// Giving or receiving informal care (Hw2014 art. 12 lid 2).
        Mantelzorg = "mantelzorg",
        /// Victim of serious structural violence.
        StructuralViolence = "structural_violence",
        /// Forced, unexpected loss of home not by own fault.
        LossOfHome = "loss_of_home",
        /// A distressing emergency.
        Emergency = "emergency",
    }
}

vocabulary! {
    /// The societal sector a job is in; Wbmgp art. 9 profiles and the
    /// "crucial professions" (teachers, police, nurses) read it.
    Sector as "sector" {
        /// Care (zorg): nurses and carers.
        Care = "care",
        /// Education (onderwijs): teachers.
        Education = "education",
        /// Public order and safety: police, fire brigade.
        PublicSafety = "public_safety",
        /// Government.
        Government = "government",
        /// Any other sector.
        Other = "other",
    }
}

vocabulary! {
    /// The highest completed education; havo, vwo and mbo level 2 and up are
    /// a start qualification (startkwalificatie), a Wbmgp art. 9 profile.
    EducationLevel as "education level" {
        /// No completed education beyond primary school.
        None = "none",
        /// vmbo or mbo level 1: no start qualification.
        Basic = "basic",
        /// mbo level 2 to 4.
        Mbo = "mbo",
        /// havo.
        Havo = "havo",
        /// vwo.
        Vwo = "vwo",
        /// hbo or university.
        Higher = "higher",
    }
}

impl EducationLevel {
    /// Whether this level is a start qualification (havo, vwo, mbo 2+).
    pub(crate) const fn is_start_qualification(self) -> bool {
        !matches!(self, EducationLevel::None | EducationLevel::Basic)
    }
}

vocabulary! {
    /// The route by which a member of an aandachtsgroep (a vulnerable group
    /// the municipality houses with support) comes to the housing market.
    Route as "route" {
        /// Outflow from sheltered housing (beschermd wonen).
        ShelteredHousing = "sheltered_housing",
        /// Outflow from a shelter (maatschappelijke opvang, vrouwenopvang).
        Shelter = "shelter",
        /// Outflow from youth care.
        YouthCare = "youth_care",
        /// Outflow from a care institution.
        CareInstitution = "care_institution",
        /// Any other route.
        Other = "other",
    }
}

vocabulary! {
    /// A recorded discretionary decision a gate can admit as an override.
    OverrideKind as "override" {
        /// A hardship exemption (hardheidsclausule), e.g. Wbmgp art. 8 lid 2.
        Hardship = "hardship",
    }
}

vocabulary! {
    /// Why Thuis in Limburg blocked a registration (spelregels): a no-show
    /// blocks for at most three months; rent arrears and repeated nuisance
    /// for as long as the platform decides.
    BlockKind as "block kind" {
        /// Not turning up for a viewing or an offer (no-show).
        NoShow = "no_show",
        /// Rent arrears (huurachterstand).
        RentArrears = "rent_arrears",
        /// Repeated nuisance (overlast).
        Nuisance = "nuisance",
        /// Any other ground the platform records.
        Other = "other",
    }
}
