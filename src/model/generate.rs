//! Synthetic populations for benchmarks and impact analysis: a valid data
//! folder of any size, deterministic for a seed.
//!
//! # Calibration
//!
//! The shares come from `domain.md` section 1 (Verwey-Jonker / Movisie 2024,
//! on adults who moved to Heerlen in 2021); where the report gives none, the
//! share is an assumption marked *(assumed)*.
//!
//! - **Main income source**: 18% social assistance, 10% disability benefit
//!   (the report's figures); of the other 72%: 42% employment, 9% AOW (with a
//!   pension half the time), 4% pension alone, 5% unemployment benefit, 4%
//!   self-employment, 5% study financing, 2% early retirement, 1% other
//!   *(assumed)*.
//! - **Origin of those on social assistance**: 42% from elsewhere in
//!   Parkstad, 24% from the rest of Limburg, 34% from outside Limburg (58%
//!   from outside Parkstad). Others: 60% Parkstad, 20% rest of Limburg, 20%
//!   outside Limburg *(assumed)*. Newcomers moved to Heerlen (70%) or another
//!   Parkstad municipality 0 to 6 years ago; people from Parkstad have lived
//!   there 1 to 40 years.
//! - **Household types**: 45% single, 25% couple, 15% couple with children,
//!   15% single parent *(assumed)*; a partner works in half of the couples.
//! - **Other traits** *(assumed)*: 4% urgency (half of them still valid on the
//!   reference date), 5% aandachtsgroep, 3% an art. 10 screening (two thirds
//!   with an objection), 3% a blocked registration, 1% a hardship decision,
//!   6% volunteering, 70% of workers working in Parkstad, of whom a third in
//!   care, education or public safety.
//! - **Units**: 75% owned by corporations, 25% by private landlords (the
//!   report's 40% corporation and 13% private rental stock). Rents are drawn
//!   from 400 to 1,250 euros, so every limit of domain.md section 3 has units
//!   on both sides; the segment follows the rent (social up to the 2026
//!   liberalisatiegrens of 932.93). About 25 units a complex.
//! - **Complexes** lie in the 16 buurten the report names, with synthetic
//!   scores around the municipal average; 15% are fragile, 10% designated
//!   Wbmgp art. 8, 5% art. 9 and 5% art. 10 *(assumed)*.
//! - **Registrations** *(assumed, after the shape of a regional waiting
//!   list such as Thuis in Limburg's)*: 35% registered under 2 years ago,
//!   35% 2 to 5 years, 20% 5 to 10 years, 10% 10 to 15 years; never before
//!   the applicant turned 18.
//! - **Inflow** (`inflow`, none by default): house-seekers who register
//!   during the period, calibrated in `model::inflow`.
//! - **Vacancies** come free on days spread evenly over the period
//!   ([`GenerateOptions::period_from`], [`GenerateOptions::period_days`]).
//! - **History**: one allocation per two units in the
//!   [`GenerateOptions::history_days`] before the period (a year by
//!   default: inside the Heerlen rule set's term and its parameters' first
//!   values, and as far back as the 12-month quotas look), so `allocate` and
//!   `report` can judge every past allocation on its own date.
//! - **Reactions**: [`GenerateOptions::reactions_per_vacancy`] distinct
//!   applicants per vacancy, drawn uniformly (about 300 a vacancy in
//!   Parkstad), each in the three weeks before the unit comes free; an
//!   applicant reacts to a unit at most once. **Proposals**: one per ten
//!   units, on the day the unit comes free.
//!
//! The generator uses its own SplitMix64 generator, so the same seed gives
//! the same folder on every platform and version of its dependencies.

use chrono::{Days, NaiveDate};
use rust_decimal::Decimal;

use crate::model::applicant::{Aandachtsgroep, Applicant, DiscretionaryDecision};
use crate::model::buurt::Buurt;
use crate::model::complex::{Complex, Designation, Owner};
use crate::model::dataset::Records;
use crate::model::history::Allocation;
use crate::model::household::{Household, Member};
use crate::model::income::Income;
use crate::model::proposal::{Basis, Proposal};
use crate::model::reaction::Reaction;
use crate::model::registration::{Block, Registration};
use crate::model::residence::Residence;
use crate::model::screening::Screening;
use crate::model::unit::Unit;
use crate::model::urgency::Urgency;
use crate::model::work::{Study, Volunteering, Work};
use crate::vocab::{
    BlockKind, EducationLevel, IncomeSource, OverrideKind, OwnerKind, Role, Route, Sector, Segment,
    UnitType, UrgencyCategory,
};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenerateOptions {
    /// Number of applicant files.
    pub applicants: usize,
    /// Number of units (complexes follow: about 25 units each).
    pub units: usize,
    /// The seed: the same seed gives the same folder.
    pub seed: u64,
    /// The reference date the population is built around: ages, incomes,
    /// registrations and urgencies are drawn as they stand on it.
    pub reference: NaiveDate,
    /// Applicants who react to each vacancy (at most all of them).
    pub reactions_per_vacancy: usize,
    /// The first day a vacancy comes free.
    pub period_from: NaiveDate,
    /// The days the vacancies are spread over, from `period_from` (at least 1).
    pub period_days: u32,
    /// The days before the period the allocation history covers.
    pub history_days: u32,
    /// House-seekers who register while the period runs (see
    /// `model::inflow`); none by default.
    pub inflow: usize,
}

impl GenerateOptions {
    /// A population around `reference`: vacancies in the 61 days centred on
    /// it, a year of history before them, 300 reactions a vacancy.
    pub fn new(applicants: usize, units: usize, seed: u64, reference: NaiveDate) -> Self {
        GenerateOptions {
            applicants,
            units,
            seed,
            reference,
            reactions_per_vacancy: 300,
            period_from: days_before(reference, 30),
            period_days: 61,
            history_days: 365,
            inflow: 0,
        }
    }

    /// A year of Parkstad Limburg (the scale issue 12 measures): 5,000
    /// vacancies over 2026, 300 reactions each, 50,000 applicants, the
    /// allocations of 2025 as history.
    pub fn parkstad_year(seed: u64) -> Self {
        let reference = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap_or_default();
        GenerateOptions {
            period_from: reference,
            period_days: 365,
            ..GenerateOptions::new(50_000, 5_000, seed, reference)
        }
    }
}

impl GenerateOptions {
    /// A national year (the scale issue 12 asks to hold on one machine):
    /// 200,000 vacancies over 2026 with 300 reactions each (60 million),
    /// 1,000,000 applicants, 2025's allocations as history. Its
    /// applicants and reactions are too many for one file each: `generate`
    /// splits them over folders.
    pub fn national_year(seed: u64) -> Self {
        GenerateOptions {
            applicants: 1_000_000,
            units: 200_000,
            ..GenerateOptions::parkstad_year(seed)
        }
    }
}

/// The municipalities of Parkstad Limburg.
pub const PARKSTAD: [&str; 7] = [
    "Beekdaelen",
    "Brunssum",
    "Heerlen",
    "Kerkrade",
    "Landgraaf",
    "Simpelveld",
    "Voerendaal",
];
const LIMBURG: [&str; 6] = [
    "Maastricht",
    "Sittard-Geleen",
    "Venlo",
    "Roermond",
    "Weert",
    "Stein",
];
const ELSEWHERE: [&str; 6] = [
    "Amsterdam",
    "Rotterdam",
    "Den Haag",
    "Utrecht",
    "Eindhoven",
    "Nijmegen",
];
const BUURTEN: [&str; 16] = [
    "Kasteelbuurt",
    "Slakhorst",
    "De Passart",
    "Vrieheide-De Stack",
    "Meezenbroek",
    "Weggebekker",
    "Maria Gewanden-Terschuren",
    "Mariarade",
    "Hoensbroek De Dem",
    "Nieuw Lotbroek",
    "De Koumen",
    "Heksenberg",
    "Rennemig-Beersdal",
    "Zeswegen-Nieuw-Husken",
    "Eikenderveld",
    "GMS",
];
const CORPORATIONS: [&str; 3] = [
    "Woonstichting Parkstad-Noord",
    "Wonen Heuvelland",
    "Mijnstreek Wonen",
];
const LANDLORDS: [&str; 3] = [
    "Stack Vastgoed BV",
    "Kasteelpoort Verhuur BV",
    "Oranje Nassau Beheer BV",
];

/// SplitMix64 (Steele, Lea, Flood 2014): tiny, fast, and fully specified, so
/// generated folders never change under a dependency update.
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    /// A generator for `seed`.
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0); the bias of the multiply-shift
    /// reduction is below 2^-32 for the ranges used here.
    pub fn below(&mut self, n: u64) -> u64 {
        // The product of two `u64` fits in `u128`: nothing saturates, and
        // the top 64 bits fit in a `u64`.
        (u128::from(self.next_u64()).saturating_mul(u128::from(n)) >> 64) as u64
    }

    /// True with probability `percent` / 100.
    pub fn percent(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// A number in `lo..=hi`.
    /// (`lo` when the range is empty or wider than `u64`.)
    pub fn between(&mut self, lo: i64, hi: i64) -> i64 {
        let count = (hi.checked_sub(lo))
            .and_then(|d| d.checked_add(1))
            .and_then(|n| u64::try_from(n).ok())
            .unwrap_or(1);
        // `offset < count`, so `lo + offset <= hi`: nothing saturates.
        lo.saturating_add(i64::try_from(self.below(count)).unwrap_or(0))
    }

    /// One of `items` (`None` when there are none).
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let i = usize::try_from(self.below(items.len() as u64)).ok()?;
        items.get(i)
    }

    /// A value chosen by weight (weights in any unit); the last when every
    /// weight is 0, `None` when there are none.
    pub fn weighted<T: Copy>(&mut self, table: &[(u64, T)]) -> Option<T> {
        let total = table
            .iter()
            .fold(0u64, |sum, (w, _)| sum.saturating_add(*w));
        let mut roll = self.below(total);
        for &(w, v) in table {
            match roll.checked_sub(w) {
                None => return Some(v),
                Some(left) => roll = left,
            }
        }
        table.last().map(|&(_, v)| v)
    }
}

/// `$rng.pick(&$table)` for a table written in this file: `let [first, ..]`
/// does not compile for an empty array, so there is always an entry and the
/// fallback is never taken.
macro_rules! pick_fixed {
    ($rng:expr, $table:expr) => {{
        let table = &$table;
        let [first, ..] = table;
        $rng.pick(table).unwrap_or(first)
    }};
}

/// `$rng.weighted(&$table)` for a table written in this file, which has an
/// entry for the reason [`pick_fixed`] gives.
macro_rules! weighted_fixed {
    ($rng:expr, $table:expr) => {{
        let table = &$table;
        let [(_, first), ..] = table;
        $rng.weighted(table).unwrap_or(*first)
    }};
}

/// The 1-based number of the record at index `i`, for its id. An index is
/// below `usize::MAX`: nothing saturates.
fn ordinal(i: usize) -> usize {
    i.saturating_add(1)
}

pub(super) fn days_before(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_sub_days(Days::new(u64::try_from(days.max(0)).unwrap_or(0)))
        .unwrap_or(date)
}

pub(super) fn days_after(date: NaiveDate, days: i64) -> NaiveDate {
    date.checked_add_days(Days::new(u64::try_from(days.max(0)).unwrap_or(0)))
        .unwrap_or(date)
}

fn euros(rng: &mut SplitMix64, lo: i64, hi: i64) -> Decimal {
    // Amounts in this file are constants far below `i64::MAX / 100`.
    Decimal::new(
        rng.between(lo.saturating_mul(100), hi.saturating_mul(100)),
        2,
    )
}

/// Generates a data folder's records. Every reference resolves and every
/// record passes validation, so the folder loads clean. Only the tests
/// collect a whole folder in memory; `toewijzer generate` writes it
/// record by record with [`generate_into`].
#[cfg(test)]
pub fn generate(options: &GenerateOptions) -> Records {
    let mut records = Records::default();
    // Collecting into memory cannot fail.
    let _ = generate_into(options, &mut records);
    records
}

/// Where generated records go: into memory ([`Records`]) or straight to
/// files ([`crate::model::stream::FolderSink`]), so a national year's 60
/// million reactions never sit in memory together. Applicants and
/// reactions come one at a time, in file order; the small lists at the end.
pub trait Sink {
    /// The next applicant file.
    fn applicant(&mut self, applicant: Applicant) -> std::io::Result<()>;
    /// The next reaction.
    fn reaction(&mut self, reaction: Reaction) -> std::io::Result<()>;
    /// The other lists, whole.
    fn rest(&mut self, rest: Records) -> std::io::Result<()>;
}

impl Sink for Records {
    fn applicant(&mut self, applicant: Applicant) -> std::io::Result<()> {
        self.applicants.push(applicant);
        Ok(())
    }

    fn reaction(&mut self, reaction: Reaction) -> std::io::Result<()> {
        self.reactions.push(reaction);
        Ok(())
    }

    fn rest(&mut self, rest: Records) -> std::io::Result<()> {
        let Records {
            units,
            complexes,
            buurten,
            history,
            proposals,
            ..
        } = rest;
        (self.units, self.complexes, self.buurten) = (units, complexes, buurten);
        (self.history, self.proposals) = (history, proposals);
        Ok(())
    }
}

/// What the history and the proposals read of an applicant: kept instead
/// of the applicant, so the files can be written as they are drawn.
#[derive(Debug, Clone)]
struct Drawn {
    id: String,
    classification: &'static str,
    urgent: bool,
}

/// How many records [`generate_into`] gave its sink.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Applicant files, arrivals included.
    pub applicants: usize,
    /// Units.
    pub units: usize,
    /// Complexes.
    pub complexes: usize,
    /// Reactions.
    pub reactions: usize,
}

/// Generates the records of `generate` into `sink`, in the same order
/// and from the same draws, so both give the same folder.
pub fn generate_into(options: &GenerateOptions, sink: &mut impl Sink) -> std::io::Result<Counts> {
    let mut rng = SplitMix64::new(options.seed);
    let reference = options.reference;
    let buurten = buurten(&mut rng, reference);
    let complex_count = options.units.div_ceil(25).max(1);
    let complexes: Vec<Complex> = (0..complex_count)
        .map(|i| complex(&mut rng, i, &buurten, reference))
        .collect();
    let units: Vec<Unit> = (0..options.units)
        .map(|i| unit(&mut rng, i, &complexes, options))
        .collect();
    let mut drawn = Vec::with_capacity(options.applicants);
    for i in 0..options.applicants {
        let applicant = applicant(&mut rng, i, complex_count, reference);
        drawn.push(Drawn {
            id: applicant.id.clone(),
            classification: classification(&applicant),
            urgent: applicant.urgency.is_some(),
        });
        sink.applicant(applicant)?;
    }
    let mut counts = Counts {
        applicants: drawn.len(),
        units: units.len(),
        complexes: complexes.len(),
        reactions: 0,
    };
    let (history, proposals) = if drawn.is_empty() || units.is_empty() {
        (Vec::new(), Vec::new())
    } else {
        let history = history(&mut rng, &units, &complexes, &drawn, options);
        counts.reactions = reactions(&mut rng, &units, &drawn, options, sink)?;
        (history, proposals(&mut rng, &units, &drawn))
    };
    if options.inflow > 0 {
        let (arrivals, their_reactions) =
            super::inflow::arrivals(options, &units, complex_count, drawn.len());
        counts.applicants = counts.applicants.saturating_add(arrivals.len());
        counts.reactions = counts.reactions.saturating_add(their_reactions.len());
        for applicant in arrivals {
            sink.applicant(applicant)?;
        }
        for reaction in their_reactions {
            sink.reaction(reaction)?;
        }
    }
    sink.rest(Records {
        units,
        complexes,
        buurten,
        history,
        proposals,
        ..Records::default()
    })?;
    Ok(counts)
}

fn buurten(rng: &mut SplitMix64, reference: NaiveDate) -> Vec<Buurt> {
    BUURTEN
        .iter()
        .enumerate()
        .map(|(i, name)| Buurt {
            code: format!("BU0917{:04}", ordinal(i)),
            name: (*name).to_owned(),
            municipality: "Heerlen".into(),
            leefbaarometer: Decimal::new(rng.between(330, 440), 2),
            leefbaarometer_average: Decimal::new(395, 2),
            resilience: Decimal::new(rng.between(30, 65), 2),
            resilience_average: Decimal::new(50, 2),
            measured_on: days_before(reference, 245),
        })
        .collect()
}

fn complex(rng: &mut SplitMix64, i: usize, buurten: &[Buurt], reference: NaiveDate) -> Complex {
    let corporate = rng.percent(75);
    let owner = Owner {
        name: (*if corporate {
            pick_fixed!(rng, CORPORATIONS)
        } else {
            pick_fixed!(rng, LANDLORDS)
        })
        .to_owned(),
        kind: if corporate {
            OwnerKind::Corporation
        } else {
            OwnerKind::Private
        },
    };
    let mut designations = Vec::new();
    let wbmgp_start = days_before(reference, rng.between(0, 700));
    for (percent, kind) in [
        (15, "fragile"),
        (10, "wbmgp_art8"),
        (5, "wbmgp_art9"),
        (5, "wbmgp_art10"),
    ] {
        if rng.percent(percent) {
            let (from, until) = if kind == "fragile" {
                (
                    NaiveDate::from_ymd_opt(2024, 6, 1).unwrap_or(reference),
                    None,
                )
            } else {
                // 1460 days, both ends included: within four years (Wbmgp art. 5 lid 4).
                (wbmgp_start, Some(days_after(wbmgp_start, 1459)))
            };
            designations.push(Designation {
                kind: kind.into(),
                from,
                until,
                decision: format!("Besluit {} (synthetisch)", i.saturating_add(1000)),
            });
        }
    }
    Complex {
        id: format!("C-{:05}", ordinal(i)),
        name: format!("Complex {}", ordinal(i)),
        // `BUURTEN` has entries; an empty code would be refused by the
        // loader as a dangling reference.
        buurt: rng
            .pick(buurten)
            .map_or_else(String::new, |b| b.code.clone()),
        municipality: "Heerlen".into(),
        owner,
        designations,
    }
}

fn unit(rng: &mut SplitMix64, i: usize, complexes: &[Complex], options: &GenerateOptions) -> Unit {
    // About 25 units to a complex; `generate` makes at least one complex
    // (an empty id would be refused by the loader as a dangling reference).
    let complex = complexes.get(i / 25).or(complexes.last());
    let complex = complex.map_or_else(String::new, |c| c.id.clone());
    let rooms = u32::try_from(rng.between(1, 5)).unwrap_or(1);
    let rent = euros(rng, 400, 1250);
    let liberalisation = Decimal::new(93293, 2);
    let segment = if rent <= liberalisation {
        Segment::Social
    } else if rent <= Decimal::new(1_200, 0) {
        Segment::MidRent
    } else {
        Segment::Free
    };
    let unit_type = match rooms {
        1 => UnitType::Studio,
        2 if rng.percent(30) => UnitType::Senior,
        2 | 3 => UnitType::Apartment,
        _ => UnitType::House,
    };
    Unit {
        id: format!("U-{:06}", ordinal(i)),
        complex,
        rent,
        rooms,
        // At most 20 + 5 × 18 + 12 m².
        floor_area: Decimal::from(
            rooms
                .saturating_mul(18)
                .saturating_add(20)
                .saturating_add(u32::try_from(rng.between(0, 12)).unwrap_or(0)),
        ),
        unit_type,
        floor: if unit_type == UnitType::House {
            0
        } else {
            i32::try_from(rng.between(0, 8)).unwrap_or(0)
        },
        accessible: unit_type == UnitType::Senior || rng.percent(15),
        segment,
        available_from: days_after(
            options.period_from,
            // A `u32` less one fits in an `i64`.
            rng.between(0, i64::from(options.period_days.max(1)).saturating_sub(1)),
        ),
    }
}

fn main_source(rng: &mut SplitMix64) -> IncomeSource {
    weighted_fixed!(
        rng,
        [
            (180, IncomeSource::SocialAssistance),
            (100, IncomeSource::DisabilityBenefit),
            (420, IncomeSource::Employment),
            (90, IncomeSource::Aow),
            (40, IncomeSource::Pension),
            (50, IncomeSource::UnemploymentBenefit),
            (40, IncomeSource::SelfEmployment),
            (50, IncomeSource::StudyFinancing),
            (20, IncomeSource::EarlyRetirement),
            (10, IncomeSource::Other),
        ]
    )
}

fn yearly(rng: &mut SplitMix64, source: IncomeSource) -> Decimal {
    match source {
        IncomeSource::Employment => euros(rng, 18_000, 62_000),
        IncomeSource::SelfEmployment => euros(rng, 12_000, 55_000),
        IncomeSource::SocialAssistance => euros(rng, 13_000, 19_500),
        IncomeSource::DisabilityBenefit => euros(rng, 14_000, 24_000),
        IncomeSource::UnemploymentBenefit => euros(rng, 15_000, 30_000),
        IncomeSource::Aow => euros(rng, 11_000, 17_000),
        IncomeSource::Pension => euros(rng, 3_000, 25_000),
        IncomeSource::StudyFinancing => euros(rng, 3_000, 6_000),
        IncomeSource::EarlyRetirement => euros(rng, 18_000, 30_000),
        IncomeSource::Other => euros(rng, 1_000, 8_000),
    }
}

/// Birth date for an age range on the reference date.
fn born(rng: &mut SplitMix64, reference: NaiveDate, min_age: i64, max_age: i64) -> NaiveDate {
    // Ages here are constants below 100.
    days_before(
        reference,
        rng.between(min_age.saturating_mul(366), max_age.saturating_mul(365)),
    )
}

#[derive(Clone, Copy)]
enum HouseholdType {
    Single,
    Couple,
    Family,
    SingleParent,
}

/// Applicant `i` as they stand on `reference`.
pub(super) fn applicant(
    rng: &mut SplitMix64,
    i: usize,
    complexes: usize,
    reference: NaiveDate,
) -> Applicant {
    let source = main_source(rng);
    let (min_age, max_age) = match source {
        IncomeSource::Aow | IncomeSource::Pension => (67, 90),
        IncomeSource::EarlyRetirement => (60, 66),
        IncomeSource::StudyFinancing => (18, 27),
        _ => (19, 66),
    };
    let birth = born(rng, reference, min_age, max_age);
    let adult_on = days_after(birth, 18 * 366);
    let registered_on = registered_on(rng, reference).max(adult_on);
    let household_type = if source == IncomeSource::StudyFinancing {
        HouseholdType::Single
    } else {
        weighted_fixed!(
            rng,
            [
                (45, HouseholdType::Single),
                (25, HouseholdType::Couple),
                (15, HouseholdType::Family),
                (15, HouseholdType::SingleParent),
            ]
        )
    };

    let mut main = Member {
        id: "m1".into(),
        role: Role::Main,
        birth_date: birth,
        education: rng.pick(EducationLevel::ALL).copied(),
        student: source == IncomeSource::StudyFinancing,
        incomes: vec![Income {
            source,
            yearly: yearly(rng, source),
            from: None,
            until: None,
        }],
        work: Vec::new(),
        study: Vec::new(),
        volunteering: Vec::new(),
    };
    if source == IncomeSource::Aow && rng.percent(50) {
        main.incomes.push(Income {
            source: IncomeSource::Pension,
            yearly: yearly(rng, IncomeSource::Pension),
            from: None,
            until: None,
        });
    }
    if matches!(
        source,
        IncomeSource::Employment | IncomeSource::SelfEmployment
    ) {
        main.work.push(job(rng, reference));
    }
    if source == IncomeSource::StudyFinancing {
        main.study.push(Study {
            municipality: if rng.percent(80) {
                "Heerlen".into()
            } else {
                (*pick_fixed!(rng, LIMBURG)).to_owned()
            },
            course: "mbo-4 (synthetisch)".into(),
            hours_per_week: Decimal::from(rng.between(16, 32)),
            since: days_before(reference, rng.between(30, 1200)),
            until: None,
        });
    }
    if rng.percent(6) {
        main.volunteering.push(Volunteering {
            municipality: "Heerlen".into(),
            organisation: "Buurtkracht (synthetisch)".into(),
            hours_per_week: Decimal::from(rng.between(2, 12)),
            since: days_before(reference, rng.between(30, 2000)),
            until: None,
        });
    }
    let mut members = vec![main];
    if matches!(
        household_type,
        HouseholdType::Couple | HouseholdType::Family
    ) {
        let mut partner = Member {
            id: "m2".into(),
            role: Role::Partner,
            birth_date: born(rng, reference, min_age.max(19), max_age),
            education: None,
            student: false,
            incomes: Vec::new(),
            work: Vec::new(),
            study: Vec::new(),
            volunteering: Vec::new(),
        };
        if rng.percent(50) {
            partner.incomes.push(Income {
                source: IncomeSource::Employment,
                yearly: yearly(rng, IncomeSource::Employment),
                from: None,
                until: None,
            });
            partner.work.push(job(rng, reference));
        }
        members.push(partner);
    }
    if matches!(
        household_type,
        HouseholdType::Family | HouseholdType::SingleParent
    ) {
        // Children are at least 18 years younger than the main applicant.
        let parent_age = reference.signed_duration_since(birth).num_days() / 366;
        let oldest = parent_age.saturating_sub(18).clamp(0, 17);
        for _ in 0..rng.between(1, 3) {
            members.push(Member {
                id: format!("m{}", ordinal(members.len())),
                role: Role::Child,
                birth_date: born(rng, reference, 0, oldest),
                education: None,
                student: false,
                incomes: Vec::new(),
                work: Vec::new(),
                study: Vec::new(),
                volunteering: Vec::new(),
            });
        }
    }

    let residence = residence(rng, source, birth, reference);
    let urgency = rng.percent(4).then(|| {
        let granted = days_before(reference, rng.between(1, 360));
        rng.pick(UrgencyCategory::ALL).map(|&category| Urgency {
            category,
            granted,
            valid_until: days_after(granted, 182),
        })
    });
    let urgency = urgency.flatten();
    let screenings = if rng.percent(3) {
        let date = days_before(reference, rng.between(1, 2500));
        // Mostly the four years art. 10b lid 2 allows, now and then longer.
        let covered_from = days_before(date, rng.between(365, 1600));
        let complex = usize::try_from(rng.between(0, i64::try_from(complexes).unwrap_or(1)))
            .unwrap_or(0)
            .min(complexes.saturating_sub(1));
        vec![Screening {
            date,
            objection: rng.percent(67),
            members: vec!["m1".into()],
            covers: Some(crate::model::screening::Covered {
                from: covered_from,
                until: days_before(date, 1),
            }),
            scope: Some(crate::model::applicant::Scope {
                unit: None,
                complex: Some(format!("C-{:05}", ordinal(complex))),
            }),
        }]
    } else {
        Vec::new()
    };
    let blocks = if rng.percent(3) {
        let from = days_before(reference, rng.between(1, 120));
        vec![Block {
            kind: BlockKind::NoShow,
            from,
            until: Some(crate::model::dates::months_end(from, 3)),
            reason: "no-show bij bezichtiging".into(),
        }]
    } else {
        Vec::new()
    };
    let aandachtsgroep = rng.percent(5).then(|| {
        let route = rng.pick(Route::ALL).copied();
        let since = Some(days_before(reference, rng.between(1, 400)));
        route.map(|route| Aandachtsgroep { route, since })
    });
    let aandachtsgroep = aandachtsgroep.flatten();
    let decisions = if rng.percent(1) {
        // A hardship decision holds for the application it was taken for:
        // one complex, for half a year from the decision.
        let decided_on = days_before(reference, rng.between(1, 300));
        let complex = usize::try_from(rng.between(0, i64::try_from(complexes).unwrap_or(1)))
            .unwrap_or(0)
            .min(complexes.saturating_sub(1));
        vec![DiscretionaryDecision {
            kind: OverrideKind::Hardship,
            rule: "wbmgp_income".into(),
            scope: Some(crate::model::applicant::Scope {
                unit: None,
                complex: Some(format!("C-{:05}", ordinal(complex))),
            }),
            decided_by: "Commissie Hardheidsclausule (synthetisch)".into(),
            decided_on,
            valid_until: Some(days_after(decided_on, 182)),
            ground: "hardheidsclausule art. 8 lid 2 Wbmgp".into(),
        }]
    } else {
        Vec::new()
    };
    // Permit holders are lawfully resident; about 1 in 100 of the others is
    // not, so rules reading `lawful_residence` meet both values.
    let permit_holder_first_housing = rng.percent(2);
    let lawful_residence = permit_holder_first_housing || !rng.percent(1);
    // A shelter urgency means the applicant is in a shelter after violence.
    let in_shelter_after_violence = urgency
        .as_ref()
        .is_some_and(|u| u.category == UrgencyCategory::ShelterAfterViolence);
    Applicant {
        id: format!("A-{:07}", ordinal(i)),
        lawful_residence,
        permit_holder_first_housing,
        in_shelter_after_violence,
        registration: Registration {
            registered_on: registered_on.min(reference),
            blocks,
        },
        household: Household { members },
        residence,
        urgency,
        screenings,
        aandachtsgroep,
        decisions,
    }
}

/// The day of registration: years on the list like a regional waiting
/// list's (see the calibration above), not back to the applicant's 18th.
fn registered_on(rng: &mut SplitMix64, reference: NaiveDate) -> NaiveDate {
    let (lo, hi): (i64, i64) = weighted_fixed!(
        rng,
        [(35, (0, 2)), (35, (2, 5)), (20, (5, 10)), (10, (10, 15))]
    );
    // Years on the list: constants up to 15.
    let (first, last) = (
        lo.saturating_mul(365),
        hi.saturating_mul(365).saturating_sub(1),
    );
    days_before(reference, rng.between(first, last))
}

fn job(rng: &mut SplitMix64, reference: NaiveDate) -> Work {
    let in_region = rng.percent(70);
    let sector = if in_region && rng.percent(33) {
        *pick_fixed!(rng, [Sector::Care, Sector::Education, Sector::PublicSafety])
    } else {
        *pick_fixed!(rng, [Sector::Other, Sector::Government, Sector::Other])
    };
    let profession = match sector {
        Sector::Care => "verpleegkundige",
        Sector::Education => "leraar",
        Sector::PublicSafety => "agent van politie",
        Sector::Government => "beleidsmedewerker",
        Sector::Other => "medewerker",
    };
    Work {
        municipality: (*if in_region {
            pick_fixed!(rng, PARKSTAD)
        } else {
            pick_fixed!(rng, LIMBURG)
        })
        .to_owned(),
        sector,
        profession: profession.into(),
        hours_per_week: Decimal::from(rng.between(8, 40)),
        since: days_before(reference, rng.between(1, 4000)),
        until: None,
    }
}

/// A residence history without overlaps: an origin, then, for newcomers,
/// the move into Parkstad.
fn residence(
    rng: &mut SplitMix64,
    source: IncomeSource,
    birth: NaiveDate,
    reference: NaiveDate,
) -> Vec<Residence> {
    let origin = if source == IncomeSource::SocialAssistance {
        weighted_fixed!(rng, [(42, 0), (24, 1), (34, 2)])
    } else {
        weighted_fixed!(rng, [(60, 0), (20, 1), (20, 2)])
    };
    let parkstad_town = |rng: &mut SplitMix64| {
        if rng.percent(70) {
            "Heerlen".to_owned()
        } else {
            (*pick_fixed!(rng, PARKSTAD)).to_owned()
        }
    };
    if origin == 0 {
        let since = days_before(reference, rng.between(365, 40 * 365)).max(birth);
        return vec![Residence {
            municipality: parkstad_town(rng),
            from: since,
            until: None,
        }];
    }
    let from_place = if origin == 1 {
        pick_fixed!(rng, LIMBURG)
    } else {
        pick_fixed!(rng, ELSEWHERE)
    };
    let moved = days_before(reference, rng.between(0, 6 * 365));
    let lived_from = days_before(moved, rng.between(365, 20 * 365)).max(birth);
    if lived_from >= moved {
        return vec![Residence {
            municipality: (*from_place).to_owned(),
            from: lived_from,
            until: None,
        }];
    }
    vec![
        Residence {
            municipality: (*from_place).to_owned(),
            from: lived_from,
            until: moved.pred_opt(),
        },
        Residence {
            municipality: parkstad_town(rng),
            from: moved,
            until: None,
        },
    ]
}

fn classification(applicant: &Applicant) -> &'static str {
    let vulnerable = applicant.household.members.iter().all(|m| {
        m.incomes.iter().all(|i| {
            matches!(
                i.source,
                IncomeSource::SocialAssistance
                    | IncomeSource::DisabilityBenefit
                    | IncomeSource::UnemploymentBenefit
            )
        })
    });
    if vulnerable { "vrager" } else { "drager" }
}

fn history(
    rng: &mut SplitMix64,
    units: &[Unit],
    complexes: &[Complex],
    applicants: &[Drawn],
    options: &GenerateOptions,
) -> Vec<Allocation> {
    let days = i64::from(options.history_days.max(1));
    // `generate` makes a history only when there are units and applicants.
    let mut history: Vec<Allocation> = (0..units.len() / 2)
        .filter_map(|_| {
            let unit = rng.pick(units)?;
            let applicant = rng.pick(applicants)?;
            let owner = complexes
                .iter()
                .find(|c| c.id == unit.complex)
                .map_or_else(String::new, |c| c.owner.name.clone());
            Some(Allocation {
                unit: unit.id.clone(),
                applicant: applicant.id.clone(),
                date: days_before(options.period_from, rng.between(1, days)),
                owner,
                classification: applicant.classification.into(),
                priority: applicant.urgent.then(|| "urgency".to_owned()),
            })
        })
        .collect();
    history.sort_by(|a, b| (a.date, &a.unit).cmp(&(b.date, &b.unit)));
    history
}

/// Each vacancy's reactions: `reactions_per_vacancy` distinct applicants
/// (Floyd's sampling, so no applicant reacts to a unit twice), in
/// applicant order, dated in the three weeks before the unit comes free,
/// given to `sink` one at a time; how many there were.
fn reactions(
    rng: &mut SplitMix64,
    units: &[Unit],
    applicants: &[Drawn],
    options: &GenerateOptions,
    sink: &mut impl Sink,
) -> std::io::Result<usize> {
    let n = applicants.len();
    let k = options.reactions_per_vacancy.min(n);
    let mut count: usize = 0;
    let mut chosen = std::collections::BTreeSet::new();
    for unit in units {
        chosen.clear();
        // `k <= n`; `j < n`, so `j + 1` fits.
        for j in n.saturating_sub(k)..n {
            let t = usize::try_from(rng.below((j as u64).saturating_add(1))).unwrap_or(j);
            if !chosen.insert(t) {
                chosen.insert(j);
            }
        }
        // Every index chosen is below `n`, the number of applicants.
        for applicant in chosen.iter().filter_map(|&a| applicants.get(a)) {
            sink.reaction(Reaction {
                applicant: applicant.id.clone(),
                unit: unit.id.clone(),
                date: days_before(unit.available_from, rng.between(0, 20)),
                response: None,
            })?;
            count = count.saturating_add(1);
        }
    }
    Ok(count)
}

fn proposals(rng: &mut SplitMix64, units: &[Unit], applicants: &[Drawn]) -> Vec<Proposal> {
    // Every tenth unit, as many as there are whole tens.
    (units.iter().step_by(10).take(units.len() / 10))
        .enumerate()
        .filter_map(|(i, unit)| {
            let applicant = rng.pick(applicants)?;
            Some(Proposal {
                id: format!("P-{:06}", ordinal(i)),
                unit: unit.id.clone(),
                applicant: applicant.id.clone(),
                date: unit.available_from,
                application_date: None,
                basis: if applicant.urgent {
                    Basis::Priority("urgency".into())
                } else {
                    Basis::Priority("none".into())
                },
                ground: "synthetisch voorstel".into(),
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix_is_the_published_sequence() {
        // First outputs for seed 0 from the reference implementation.
        let mut rng = SplitMix64::new(0);
        assert_eq!(rng.next_u64(), 0xE220_A839_7B1D_CDAF);
        assert_eq!(rng.next_u64(), 0x6E78_9E6A_A1B9_65F4);
    }

    #[test]
    fn shares_follow_the_calibration() {
        let options = GenerateOptions::new(20_000, 100, 7, "2026-03-02".parse().unwrap());
        let records = generate(&options);
        let n = records.applicants.len() as f64;
        let share = |source| {
            records
                .applicants
                .iter()
                .filter(|a| a.household.main().unwrap().incomes[0].source == source)
                .count() as f64
                / n
        };
        assert!((share(IncomeSource::SocialAssistance) - 0.18).abs() < 0.01);
        assert!((share(IncomeSource::DisabilityBenefit) - 0.10).abs() < 0.01);
        let assisted: Vec<_> = records
            .applicants
            .iter()
            .filter(|a| {
                a.household.main().unwrap().incomes[0].source == IncomeSource::SocialAssistance
            })
            .collect();
        let from_outside = assisted
            .iter()
            .filter(|a| !PARKSTAD.contains(&a.residence[0].municipality.as_str()))
            .count() as f64
            / assisted.len() as f64;
        assert!((from_outside - 0.58).abs() < 0.03, "{from_outside}");
    }

    #[test]
    fn vacancies_reactions_and_history_keep_to_the_period() {
        let mut options = GenerateOptions::new(2_000, 200, 3, "2026-03-02".parse().unwrap());
        options.reactions_per_vacancy = 150;
        options.period_from = "2026-01-01".parse().unwrap();
        options.period_days = 365;
        let records = generate(&options);
        let last: NaiveDate = "2026-12-31".parse().unwrap();
        assert!(
            records
                .units
                .iter()
                .all(|u| options.period_from <= u.available_from && u.available_from <= last)
        );
        assert_eq!(records.reactions.len(), 200 * 150);
        let mut pairs = std::collections::BTreeSet::new();
        for r in &records.reactions {
            assert!(
                pairs.insert((&r.applicant, &r.unit)),
                "{} twice",
                r.applicant
            );
        }
        let history_from: NaiveDate = "2025-01-01".parse().unwrap();
        assert!(
            records
                .history
                .iter()
                .all(|h| history_from <= h.date && h.date < options.period_from)
        );
        // Registrations like a waiting list's: none older than 15 years,
        // most under five.
        let years =
            |a: &Applicant| (options.reference - a.registration.registered_on).num_days() / 365;
        assert!(records.applicants.iter().all(|a| years(a) < 15));
        let recent = records.applicants.iter().filter(|a| years(a) < 5).count();
        assert!(recent * 100 / records.applicants.len() >= 65, "{recent}");
    }

    #[test]
    fn a_vacancy_never_has_more_reactions_than_applicants() {
        let records = generate(&GenerateOptions::new(
            7,
            5,
            1,
            "2026-03-02".parse().unwrap(),
        ));
        assert_eq!(records.reactions.len(), 5 * 7);
    }
}
