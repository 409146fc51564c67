//! The facts of one applicant and of one unit on the reference date,
//! computed once and read by every decision that pairs them: the work of a
//! decision is then only the rules themselves.

use std::cell::Cell;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::calendar;
use super::fault::Fault;
use super::held::Held;
use super::machine::{Ctx, Derived, Silent, eval, points_total};
use super::record::Application;
use super::value::{Dur, Value};
use crate::check::schema::{Fact, Func};
use crate::compile::{
    CallSpec, DerivedCode, Node, Packing, Program, Side, StagedPart, Staging, fact_slot, slot_count,
};
use crate::model::residence::Stretch;
use crate::model::{Applicant, Buurt, Complex, IncomeSources, Member, Unit};
use crate::vocab::IncomeSource;

/// An applicant's facts on the reference date.
#[derive(Debug, Clone)]
pub struct ApplicantFacts<'d> {
    /// The file, for recorded decisions (overrides).
    pub applicant: &'d Applicant,
    /// Fact values by slot, on the day the facts were computed: read them
    /// with [`ApplicantFacts::fact`], which moves them to another day.
    pub(super) slots: Vec<Value<'d>>,
    /// Results of the program's built-in calls, by call slot, likewise
    /// ([`ApplicantFacts::call`]).
    pub(super) calls: Vec<Value<'d>>,
    /// Whether the file records screenings: an application on the
    /// reference date then still has calls of its own.
    pub screened: bool,
    /// The parts of the rules that read only this applicant; `None` when
    /// they were not computed ([`ApplicantFacts::unstaged`]): a decision
    /// then walks those parts as written, which the staged read equals.
    pub staged: Option<Packed>,
    /// The day these facts are on and the stretch of days they hold over
    /// ([`ApplicantFacts::held`]); `None` when they serve their day only.
    pub held: Option<(NaiveDate, Held)>,
    /// With `held`, the stretches of residence of each `longest_residence_in`
    /// call, by call slot: what reading that call on another day of the
    /// stretch computes it from.
    residences: Vec<(usize, Vec<Stretch>)>,
}

/// A unit's facts on the reference date.
#[derive(Debug, Clone)]
pub struct UnitFacts<'d> {
    /// The unit.
    pub unit: &'d Unit,
    /// Its complex.
    pub complex: &'d Complex,
    /// Fact values by slot.
    pub slots: Vec<Value<'d>>,
    /// Designations in force, one bit per kind.
    pub designations: u64,
    /// The parts of the rules that read only this unit.
    pub staged: Packed,
}

/// How many values that are not conditions a packed record keeps inline;
/// more go to its rare part. Four: the applicant's points totals come
/// first (two under the Heerlen rules) and every decision reads the value
/// after them too (the rent limit); the cost is 48 bytes in every facts
/// cell, which an allocation run did not measurably feel.
const INLINE_VALUES: usize = 4;

/// One side's staged parts for one applicant or unit in one fixed-width
/// record kept inline in its facts: conditions as bits, other values inline
/// ([`Packing`]), so a decision reads a few words it finds beside the
/// applicant's others instead of following pointers to three allocations.
#[derive(Debug, Clone)]
pub struct Packed {
    /// The conditions that hold, one bit each.
    truth: u64,
    /// The conditions that do not hold; a bit in neither word is absent.
    falsity: u64,
    /// The first values that are not conditions.
    values: [Value<'static>; INLINE_VALUES],
    /// Whether `rare` holds a fault or an odd condition: kept inline, so
    /// that a decision on a plain record never follows the pointer to
    /// learn that it need not have (every Heerlen applicant has more
    /// values than fit inline, and the rare part of each is a cache miss).
    unusual: bool,
    /// What few records have: more values, faults.
    rare: Option<Box<Rare>>,
}

/// The part of a packed record few records need.
#[derive(Debug, Clone, Default)]
struct Rare {
    /// The values after the inline ones.
    values: Vec<Value<'static>>,
    /// Conditions whose value was not true, false or absent (a checked rule
    /// set has none; kept so that such a value still reads back as itself).
    odd: Vec<(u8, Value<'static>)>,
    /// The staged slots whose calculation had no result.
    faults: Vec<(u16, Fault)>,
}

impl Packed {
    /// A record of nothing staged.
    fn empty() -> Self {
        Packed {
            truth: 0,
            falsity: 0,
            values: [Value::Absent; INLINE_VALUES],
            unusual: false,
            rare: None,
        }
    }

    fn rare(&mut self) -> &mut Rare {
        self.rare.get_or_insert_with(Box::default)
    }

    /// Keeps a value that is not a part (a points total) at `packing`.
    fn put_value(&mut self, packing: Packing, value: Value<'static>) {
        if let Packing::Value(index) = packing {
            self.store(index, value);
        }
    }

    /// Notes that a calculation without a result went into this record
    /// outside its parts (a points total): the record is then not plain
    /// ([`Packed::bits`]), so a decision walks every line of the total
    /// itself and meets the fault in the line's own part.
    fn mark_unusual(&mut self) {
        self.unusual = true;
    }

    /// Keeps the value of staged slot `slot`.
    fn put(&mut self, slot: u16, packing: Packing, value: Value<'static>, fault: Option<Fault>) {
        if let Some(fault) = fault {
            self.unusual = true;
            self.rare().faults.push((slot, fault));
        }
        match packing {
            Packing::Bit(bit) => {
                let mask = 1u64.checked_shl(u32::from(bit)).unwrap_or(0);
                match value {
                    Value::Bool(true) => self.truth |= mask,
                    Value::Bool(false) => self.falsity |= mask,
                    Value::Absent => {}
                    other => {
                        self.unusual = true;
                        self.rare().odd.push((bit, other));
                    }
                }
            }
            Packing::Value(index) => self.store(index, value),
        }
    }

    /// Keeps `value` as value `index`: inline, or in the rare part.
    fn store(&mut self, index: u16, value: Value<'static>) {
        let index = usize::from(index);
        match self.values.get_mut(index) {
            Some(cell) => *cell = value,
            None => {
                let rest = &mut self.rare().values;
                let at = index.saturating_sub(INLINE_VALUES);
                if rest.len() <= at {
                    rest.resize(at.saturating_add(1), Value::Absent);
                }
                if let Some(cell) = rest.get_mut(at) {
                    *cell = value;
                }
            }
        }
    }

    /// The staged conditions as two words, when every one of them reads
    /// back as true, false or absent with no fault: what the untraced
    /// path's lowered conditions test ([`super::bits`]).
    pub fn bits(&self) -> Option<super::bits::SideBits> {
        (!self.unusual).then_some(super::bits::SideBits {
            truth: self.truth,
            falsity: self.falsity,
        })
    }

    /// The value of staged slot `slot`, and the calculation that had no
    /// result when it was staged, if one had none.
    #[inline]
    pub fn read(&self, slot: u16, packing: Packing) -> (Value<'static>, Option<Fault>) {
        let fault = if self.unusual {
            self.rare
                .as_deref()
                .and_then(|r| r.faults.iter().find(|(s, _)| *s == slot))
                .map(|(_, f)| *f)
        } else {
            None
        };
        (self.value(packing), fault)
    }

    /// The value kept at `packing`.
    #[inline]
    pub fn value(&self, packing: Packing) -> Value<'static> {
        let rare = self.rare.as_deref();
        match packing {
            Packing::Bit(bit) => {
                let mask = 1u64.checked_shl(u32::from(bit)).unwrap_or(0);
                if self.truth & mask != 0 {
                    Value::Bool(true)
                } else if self.falsity & mask != 0 {
                    Value::Bool(false)
                } else if self.unusual {
                    rare.and_then(|r| r.odd.iter().find(|(b, _)| *b == bit))
                        .map_or(Value::Absent, |(_, v)| *v)
                } else {
                    Value::Absent
                }
            }
            Packing::Value(index) => {
                let index = usize::from(index);
                match self.values.get(index) {
                    Some(v) => *v,
                    None => rare
                        .and_then(|r| r.values.get(index.saturating_sub(INLINE_VALUES)))
                        .copied()
                        .unwrap_or(Value::Absent),
                }
            }
        }
    }
}

/// The totals of the points rules that read only the applicant, in the
/// order the rules are derived, as a decision computes them (each line's
/// condition walked as written, the amounts added up saturating); the
/// other totals stay 0. The first calculation without a result goes to
/// `fault`.
fn applicant_points(
    program: &Program<'_>,
    facts: &ApplicantFacts<'_>,
    fault: &Cell<Option<Fault>>,
) -> Derived {
    let mut derived = Derived {
        points: vec![0; program.points.len()],
        ..Derived::default()
    };
    for step in &program.derived {
        let DerivedCode::Points(i) = *step else {
            continue;
        };
        let i = usize::from(i);
        if !matches!(program.staged_points.get(i), Some(Some(_))) {
            continue;
        }
        let lines = program.points.get(i).map_or(&[][..], Vec::as_slice);
        let total = points_total(lines, |cond| {
            let ctx = Ctx::applicant_only(facts, &derived, fault);
            eval(program, cond, &ctx, &mut Silent).truthy()
        });
        if let Some(slot) = derived.points.get_mut(i) {
            *slot = total;
        }
    }
    derived
}

/// Computes the staged parts of the rules for one side and packs them.
/// Staged parts are conditions, numbers, dates and durations, never text,
/// so their values borrow nothing; a part that had no result keeps its
/// fault (a pair that reads it is not decided).
fn pack<'d>(
    program: &Program<'_>,
    parts: &[StagedPart],
    ctx: impl Fn(&Cell<Option<Fault>>) -> Ctx<'_, 'd>,
) -> Packed {
    let mut packed = Packed::empty();
    for (slot, part) in parts.iter().enumerate() {
        let fault = Cell::new(None);
        let value = owned(eval(program, part.node, &ctx(&fault), &mut Silent));
        if let Ok(slot) = u16::try_from(slot) {
            packed.put(slot, part.packing, value, fault.get());
        }
    }
    packed
}

/// A value that borrows nothing; text, which borrows, becomes absent.
pub(super) fn owned(value: Value<'_>) -> Value<'static> {
    match value {
        Value::Absent | Value::Text(_) => Value::Absent,
        Value::Bool(b) => Value::Bool(b),
        Value::Int(n) => Value::Int(n),
        Value::Dec(d) => Value::Dec(d),
        Value::Money(d) => Value::Money(d),
        Value::Percent(d) => Value::Percent(d),
        Value::Date(d) => Value::Date(d),
        Value::Dur(d) => Value::Dur(d),
        Value::Enum(e) => Value::Enum(e),
        Value::Set(s) => Value::Set(s),
        Value::Region(r) => Value::Region(r),
    }
}

/// Bits of income sources by their index in the vocabulary.
fn source_bits(sources: IncomeSources) -> u64 {
    sources
        .iter()
        .fold(0, |bits, s| bits | (1 << source_index(s)))
}

/// A source's index in the vocabulary: its declaration order, which
/// [`IncomeSource::ALL`] lists (a test holds the two together), found
/// without searching the list for every source of every applicant.
fn source_index(source: IncomeSource) -> usize {
    source as usize
}

fn enum_index<T: PartialEq + Copy>(all: &[T], value: T) -> Value<'static> {
    all.iter()
        .position(|x| *x == value)
        .and_then(|i| u16::try_from(i).ok())
        .map_or(Value::Absent, Value::Enum)
}

/// The stretch from `start` up to `date`; absent when `start` is later.
fn span(start: NaiveDate, date: NaiveDate) -> Value<'static> {
    if start > date {
        return Value::Absent;
    }
    Value::Dur(Dur::Span {
        from: start,
        until: date,
    })
}

/// A stretch found in the history, or an empty one on `date`.
fn stretch(found: Option<(NaiveDate, NaiveDate)>, date: NaiveDate) -> Value<'static> {
    Value::Dur(found.map_or(Dur::none_on(date), |(from, until)| Dur::Span {
        from,
        until,
    }))
}

/// Income sources from bits by vocabulary index.
fn sources_of(bits: u64) -> IncomeSources {
    IncomeSource::ALL
        .iter()
        .enumerate()
        .filter(|(i, _)| *i < 64 && bits & (1 << i) != 0)
        .fold(IncomeSources::EMPTY, |set, (_, s)| set.with(*s))
}

impl<'d> ApplicantFacts<'d> {
    /// Computes every applicant-side fact and call of `program` for
    /// `applicant`, and the parts of the rules that read only them.
    pub fn new(program: &Program<'_>, applicant: &'d Applicant) -> Self {
        let mut facts = Self::unstaged(program, applicant);
        facts.stage(program);
        facts
    }

    /// Computes the staged parts of `program` from these facts, on its
    /// date: for new facts, or for facts carried into a program whose
    /// parameters or parts differ ([`Staging::Held`] parts keep their
    /// value over the stretch the facts hold over, so they may be computed
    /// on any day of it).
    pub fn stage(&mut self, program: &Program<'_>) {
        self.staged = None;
        let fault = Cell::new(None);
        let derived = applicant_points(program, self, &fault);
        let mut staged = pack(program, &program.applicant_staged, |fault| {
            Ctx::applicant_only(self, &derived, fault)
        });
        let totals = program.staged_points.iter().zip(&derived.points);
        for (packing, total) in totals {
            if let Some(packing) = packing {
                staged.put_value(*packing, Value::Int(*total));
            }
        }
        if fault.get().is_some() {
            staged.mark_unusual();
        }
        self.staged = Some(staged);
        self.turn(program);
    }

    /// Narrows the stretch these facts hold over, if they hold over one, to
    /// the days on which every turning comparison of `program`
    /// ([`Program::turning`]: an age or a residence up to the date against
    /// a parameter) gives what it gives on the program's date, the day its
    /// staged parts were computed on: a part staged over such a comparison
    /// holds only while it does.
    fn turn(&mut self, program: &Program<'_>) {
        let Some((on, mut held)) = self.held else {
            return;
        };
        let derived = Derived::default();
        for &node in &program.turning {
            let Node::Binary(_, a, b) = *program.node(node) else {
                continue;
            };
            let fault = Cell::new(None);
            let ctx = Ctx::applicant_only(self, &derived, &fault);
            let (x, y) = (
                eval(program, a, &ctx, &mut Silent),
                eval(program, b, &ctx, &mut Silent),
            );
            if let (Value::Dur(x), Value::Dur(y)) = (x, y) {
                held.turn(program.date, x, y);
            }
        }
        self.held = Some((on, held));
    }

    /// [`ApplicantFacts::new`] without the staged parts: what every part
    /// is walked over on every decision, as a test compares the staged
    /// parts with, and what [`ApplicantFacts::stage`] stages from.
    ///
    /// Only the facts some rule reads are computed, into the slots the
    /// program numbered for them ([`Program::applicant_facts`]), found once
    /// per program: walking the schema for each applicant was a tenth of
    /// an allocation run.
    pub fn unstaged(program: &Program<'_>, applicant: &'d Applicant) -> Self {
        let date = program.date;
        let main = applicant.household.main();
        let job = main.and_then(|m| m.current_work(date));
        let urgency = applicant.urgency.as_ref();
        let members = &applicant.household.members;
        let read = &program.applicant_facts;
        let mut slots = vec![Value::Absent; read.len()];
        for &(fact, slot) in read {
            let value = match fact {
                Fact::ApplicantId => Value::Text(&applicant.id),
                Fact::LawfulResidence => Value::Bool(applicant.lawful_residence),
                Fact::PermitHolderFirstHousing => {
                    Value::Bool(applicant.permit_holder_first_housing)
                }
                Fact::InShelterAfterViolence => Value::Bool(applicant.in_shelter_after_violence),
                Fact::RegisteredOn => Value::Date(applicant.registration.registered_on),
                Fact::RegistrationDuration => span(applicant.registration_counts_from(), date),
                Fact::RegistrationActive => Value::Bool(applicant.registration.active_on(date)),
                Fact::BirthDate => main.map_or(Value::Absent, |m| Value::Date(m.birth_date)),
                Fact::Age => main.map_or(Value::Absent, |m| span(m.birth_date, date)),
                Fact::Education => main.and_then(|m| m.education).map_or(Value::Absent, |e| {
                    enum_index(crate::vocab::EducationLevel::ALL, e)
                }),
                Fact::StartQualification => {
                    Value::Bool(main.is_some_and(Member::has_start_qualification))
                }
                Fact::Student => Value::Bool(main.is_some_and(|m| m.student)),
                Fact::Volunteering => Value::Bool(applicant.volunteers_on(date)),
                Fact::ApplicantIncomeSources => {
                    Value::Set(source_bits(applicant.income_sources_on(date)))
                }
                Fact::Aandachtsgroep => Value::Bool(applicant.aandachtsgroep.is_some()),
                Fact::AandachtsgroepRoute => applicant
                    .aandachtsgroep
                    .as_ref()
                    .map_or(Value::Absent, |g| {
                        enum_index(crate::vocab::Route::ALL, g.route)
                    }),
                Fact::UrgencyValid => Value::Bool(applicant.urgency_valid_on(date)),
                Fact::UrgencyCategory => urgency.map_or(Value::Absent, |u| {
                    enum_index(crate::vocab::UrgencyCategory::ALL, u.category)
                }),
                Fact::UrgencyGrantedOn => urgency.map_or(Value::Absent, |u| Value::Date(u.granted)),
                Fact::UrgencyValidUntil => {
                    urgency.map_or(Value::Absent, |u| Value::Date(u.valid_until))
                }
                Fact::WorkSector => job.map_or(Value::Absent, |w| {
                    enum_index(crate::vocab::Sector::ALL, w.sector)
                }),
                Fact::WorkHours => job.map_or(Value::Absent, |w| Value::Dec(w.hours_per_week)),
                Fact::WorkMunicipality => {
                    job.map_or(Value::Absent, |w| Value::Text(&w.municipality))
                }
                Fact::WorkSince => job.map_or(Value::Absent, |w| Value::Date(w.since)),
                Fact::HouseholdSize => Value::Int(i64::try_from(members.len()).unwrap_or(i64::MAX)),
                Fact::HouseholdAdults => Value::Int(
                    i64::try_from(applicant.household.adults_on(date)).unwrap_or(i64::MAX),
                ),
                Fact::HouseholdChildren => Value::Int(
                    i64::try_from(applicant.household.minors_on(date)).unwrap_or(i64::MAX),
                ),
                Fact::HouseholdOldestAge => applicant
                    .household
                    .members
                    .iter()
                    .map(|m| m.birth_date)
                    .min()
                    .map_or(Value::Absent, |born| span(born, date)),
                Fact::HouseholdIncome => Value::Money(applicant.household.income_on(date)),
                Fact::HouseholdIncomeSources => {
                    Value::Set(source_bits(applicant.household.income_sources_on(date)))
                }
                _ => Value::Absent,
            };
            if let Some(cell) = slots.get_mut(usize::from(slot)) {
                *cell = value;
            }
        }
        let calls = program
            .calls
            .iter()
            .map(|spec| call(program, spec, applicant, date, date, None))
            .collect();
        ApplicantFacts {
            applicant,
            slots,
            calls,
            screened: !applicant.screenings.is_empty(),
            staged: None,
            held: None,
            residences: Vec::new(),
        }
    }

    /// These facts of `program`'s date, knowing the stretch of days they
    /// hold over, so that they serve every day of it
    /// ([`ApplicantFacts::holds_on`]): facts computed unstaged, or staged
    /// for the stretch; facts staged for the day serve only their day.
    pub fn held(mut self, program: &Program<'_>) -> Self {
        // Parts staged for the day move with it; parts staged for the
        // stretch ([`Staging::Held`]) are those that do not.
        if self.staged.is_none() || program.staging == Staging::Held {
            let date = program.date;
            self.held = Some((date, Held::around(self.applicant, date)));
            let history = self.applicant.residence_history();
            self.residences = (program.calls.iter().enumerate())
                .filter(|(_, spec)| spec.func == Func::LongestResidenceIn)
                .map(|(slot, spec)| (slot, history.stretches(region_of(program, spec))))
                .collect();
            if self.staged.is_some() {
                self.turn(program);
            }
        }
        self
    }

    /// Whether these facts serve a decision on `date`: facts computed with
    /// the stretch they hold over ([`ApplicantFacts::held`]) serve every day
    /// of it, read through [`ApplicantFacts::fact`] and
    /// [`ApplicantFacts::call`]; others only their own day. The program
    /// must compute what theirs did (`alike`: its calls, regions and the
    /// facts it reads), which the engine checks when it moves to a day.
    pub fn holds_on(&self, date: NaiveDate) -> bool {
        self.held.is_some_and(|(_, held)| held.covers(date))
    }

    /// The fact in `slot` on `date`, a day these facts hold on: what a
    /// fresh computation on that date gives, without reading the file
    /// again or touching the other slots.
    ///
    /// Within the stretch every value is what it was, except the stretches
    /// that run up to the reference date (an age, a registration time, a
    /// residence up to the date, an empty stretch on it), which move with
    /// the date: no file date falls on a day of a stretch longer than one
    /// day ([`Held::around`]), so a stretch's end or start on the day the
    /// facts were computed can only be that day.
    pub fn fact(&self, slot: usize, date: NaiveDate) -> Value<'d> {
        let value = self.slots.get(slot).copied().unwrap_or(Value::Absent);
        self.moved(value, date)
    }

    /// The result of the built-in call in `slot` on `program`'s date, as
    /// [`ApplicantFacts::fact`]. The longest residence in a window before
    /// the date depends on where the window starts, so it is picked again
    /// from the stretches kept.
    pub fn call(&self, program: &Program<'_>, slot: usize) -> Value<'d> {
        let value = self.calls.get(slot).copied().unwrap_or(Value::Absent);
        let date = program.date;
        if self.held.is_none_or(|(on, _)| on == date) {
            return value;
        }
        match program.calls.get(slot) {
            Some(spec) if spec.func == Func::LongestResidenceIn => self
                .residences
                .iter()
                .find(|(at, _)| *at == slot)
                .map_or(value, |(_, stretches)| {
                    longest_residence(spec, stretches, date)
                }),
            _ => self.moved(value, date),
        }
    }

    /// `value`, computed on the day these facts were, on `date`.
    fn moved(&self, value: Value<'d>, date: NaiveDate) -> Value<'d> {
        match (self.held, value) {
            (Some((on, _)), Value::Dur(Dur::Span { from, until })) if on != date => {
                let to_date = |day: NaiveDate| if day == on { date } else { day };
                Value::Dur(Dur::Span {
                    from: to_date(from),
                    until: to_date(until),
                })
            }
            _ => value,
        }
    }
}

/// Where an application was made for: a unit's id and its complex's.
type Place<'p> = Option<(&'p str, &'p str)>;

/// The value of one built-in call for an applicant; `application` is the
/// day of the application, which calls that read it count up to, and
/// `place` the unit it was made for (none while only the applicant's own
/// facts are computed: a screening then counts for no application).
fn call<'d>(
    program: &Program<'_>,
    spec: &CallSpec,
    a: &'d Applicant,
    date: NaiveDate,
    application: NaiveDate,
    place: Place<'_>,
) -> Value<'d> {
    let region = region_of(program, spec);
    match spec.func {
        Func::ResidenceIn => stretch(a.residence_history().stretch_before(region, date), date),
        Func::ResidenceBeforeApplication => stretch(
            a.residence_history().stretch_before(region, application),
            application,
        ),
        Func::LongestResidenceIn => {
            longest_residence(spec, &a.residence_history().stretches(region), date)
        }
        Func::WorkHoursIn => Value::Dec(
            a.work_in(region, date)
                .map_or(Decimal::ZERO, |w| w.hours_per_week),
        ),
        Func::WorkDurationIn => a
            .work_in(region, date)
            .map_or(Value::Dur(Dur::none_on(date)), |w| span(w.since, date)),
        Func::StudyHoursIn => Value::Dec(
            a.study_in(region, date)
                .map_or(Decimal::ZERO, |s| s.hours_per_week),
        ),
        Func::HasIncome => {
            Value::Bool(source_bits(a.household.income_sources_on(date)) & spec.sources != 0)
        }
        Func::IncomeFrom => Value::Money(a.household.income_from(sources_of(spec.sources), date)),
        Func::ApplicantHasIncome => {
            Value::Bool(source_bits(a.income_sources_on(date)) & spec.sources != 0)
        }
        Func::ScreeningObjectionWithin => match spec.duration.and_then(Dur::whole_years) {
            Some(years) => Value::Bool(place.is_some_and(|(unit, complex)| {
                a.screening_objection_for(application, date, years, unit, complex)
                    .is_some()
            })),
            None => Value::Absent,
        },
        Func::YearsBetween => Value::Absent,
    }
}

/// The region argument of a built-in call (none when it takes none).
fn region_of<'p>(program: &'p Program<'_>, spec: &CallSpec) -> &'p [&'p str] {
    spec.region
        .and_then(|r| program.regions.get(usize::from(r)))
        .map_or(&[], Vec::as_slice)
}

/// `longest_residence_in` on `date` over the stretches of residence in its
/// region ([`crate::model::ResidenceHistory::stretches`]).
fn longest_residence(spec: &CallSpec, stretches: &[Stretch], date: NaiveDate) -> Value<'static> {
    match spec
        .duration
        .and_then(|w| calendar::sub(date, w.as_calendar()))
    {
        Some(start) => stretch(
            crate::model::residence::longest_of(stretches, start, date),
            date,
        ),
        None => Value::Absent,
    }
}

/// The pair's own facts: the application, and the built-in calls that
/// count up to it. Those calls are computed only when a rule reads one and
/// the applicant's own values (on the reference date, for no particular
/// unit) do not hold: a decision on a unit no such rule applies to pays
/// nothing for them.
#[derive(Debug, Clone)]
pub struct ApplicationFacts<'d> {
    /// The application.
    pub application: Application,
    /// `application.date`, `application.recorded` by slot.
    pub slots: [Value<'static>; 2],
    /// The file the calls read.
    applicant: &'d Applicant,
    /// The unit applied for, and its complex (a screening's scope).
    place: (&'d str, &'d str),
    /// Whether the applicant's own call values hold for this pair.
    own_hold: bool,
    /// The calls that read the application, by call slot, once computed.
    calls: std::cell::OnceCell<Vec<Value<'static>>>,
}

/// The slots of `application.date` and `application.recorded`: the only
/// facts of their side, in schema order (a test holds this to `fact_slot`,
/// which a decision must not walk the schema to compute).
const APPLICATION_SLOTS: [usize; 2] = [0, 1];

impl<'d> ApplicationFacts<'d> {
    /// The facts of `application` by `applicant` for the unit `unit` in
    /// complex `complex` under `program`.
    pub fn new(
        program: &Program<'_>,
        applicant: &ApplicantFacts<'d>,
        unit: &'d str,
        complex: &'d str,
        application: Application,
    ) -> Self {
        let mut slots = [Value::Absent; 2];
        let [date_slot, recorded_slot] = APPLICATION_SLOTS;
        if let Some(cell) = slots.get_mut(date_slot) {
            *cell = Value::Date(application.date);
        }
        if let Some(cell) = slots.get_mut(recorded_slot) {
            *cell = Value::Bool(application.basis.recorded());
        }
        // A screening belongs to one application, so with screenings on the
        // file its outcome is the pair's own even on the reference date.
        // (`screened` is read from the facts, not the file: a decision
        // touches no file.)
        let own_hold = application.date == program.date && !applicant.screened;
        ApplicationFacts {
            application,
            slots,
            applicant: applicant.applicant,
            place: (unit, complex),
            own_hold,
            calls: std::cell::OnceCell::new(),
        }
    }

    /// The value of the application-dated call in `slot` for this pair;
    /// `None` when the applicant's own value holds.
    pub fn dated_call(&self, program: &Program<'_>, slot: usize) -> Option<Value<'static>> {
        if self.own_hold {
            return None;
        }
        let calls = self.calls.get_or_init(|| {
            program
                .calls
                .iter()
                .map(|spec| {
                    if spec.func.reads_application() {
                        owned(call(
                            program,
                            spec,
                            self.applicant,
                            program.date,
                            self.application.date,
                            Some(self.place),
                        ))
                    } else {
                        Value::Absent
                    }
                })
                .collect()
        });
        Some(calls.get(slot).copied().unwrap_or(Value::Absent))
    }
}

impl<'d> UnitFacts<'d> {
    /// Computes every unit-side fact for `unit` in `complex` and `buurt`.
    pub fn new(
        program: &Program<'_>,
        unit: &'d Unit,
        complex: &'d Complex,
        buurt: &'d Buurt,
    ) -> Self {
        let date = program.date;
        let mut slots = vec![Value::Absent; slot_count(Side::Unit)];
        for fact in Fact::ALL {
            let (side, slot) = fact_slot(*fact);
            if side != Side::Unit {
                continue;
            }
            let value = match fact {
                Fact::UnitId => Value::Text(&unit.id),
                Fact::UnitRent => Value::Money(unit.rent),
                Fact::UnitRooms => Value::Int(i64::from(unit.rooms)),
                Fact::UnitFloorArea => Value::Dec(unit.floor_area),
                Fact::UnitType => enum_index(crate::vocab::UnitType::ALL, unit.unit_type),
                Fact::UnitFloor => Value::Int(i64::from(unit.floor)),
                Fact::UnitAccessible => Value::Bool(unit.accessible),
                Fact::UnitSegment => enum_index(crate::vocab::Segment::ALL, unit.segment),
                Fact::UnitAvailableFrom => Value::Date(unit.available_from),
                Fact::ComplexId => Value::Text(&complex.id),
                Fact::ComplexName => Value::Text(&complex.name),
                Fact::ComplexMunicipality => Value::Text(&complex.municipality),
                Fact::ComplexOwner => Value::Text(&complex.owner.name),
                Fact::ComplexOwnerKind => {
                    enum_index(crate::vocab::OwnerKind::ALL, complex.owner.kind)
                }
                Fact::BuurtCode => Value::Text(&buurt.code),
                Fact::BuurtName => Value::Text(&buurt.name),
                Fact::BuurtMunicipality => Value::Text(&buurt.municipality),
                Fact::Leefbaarometer => Value::Dec(buurt.leefbaarometer),
                Fact::LeefbaarometerAverage => Value::Dec(buurt.leefbaarometer_average),
                Fact::Resilience => Value::Dec(buurt.resilience),
                Fact::ResilienceAverage => Value::Dec(buurt.resilience_average),
                Fact::MeasuredOn => Value::Date(buurt.measured_on),
                _ => Value::Absent,
            };
            if let Some(cell) = slots.get_mut(usize::from(slot)) {
                *cell = value;
            }
        }
        // One bit per kind of the rule set's table (at most 64, the checker
        // says so), so a decision tests a designation with one mask.
        let designations = program
            .rules
            .designation_kinds
            .iter()
            .enumerate()
            .filter(|(_, k)| complex.designated_on(&k.name, date))
            .fold(0u64, |bits, (i, _)| {
                bits | u32::try_from(i)
                    .ok()
                    .and_then(|i| 1u64.checked_shl(i))
                    .unwrap_or(0)
            });
        let mut facts = UnitFacts {
            unit,
            complex,
            slots,
            designations,
            staged: Packed::empty(),
        };
        facts.staged = pack(program, &program.unit_staged, |fault| {
            Ctx::unit_only(&facts, fault)
        });
        facts
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_income_source_s_index_is_its_place_in_the_vocabulary() {
        for (i, source) in IncomeSource::ALL.iter().enumerate() {
            assert_eq!(source_index(*source), i);
        }
        assert!(IncomeSource::ALL.len() < 64);
    }

    #[test]
    fn the_application_slots_are_the_schema_s() {
        let slots =
            [Fact::ApplicationDate, Fact::ApplicationRecorded].map(|f| usize::from(fact_slot(f).1));
        assert_eq!(slots, APPLICATION_SLOTS);
        assert_eq!(slot_count(Side::Application), 2);
    }

    #[test]
    fn a_packed_record_reads_back_every_value_and_fault() {
        use super::super::fault::FaultKind;
        use crate::compile::NodeId;
        let fault = Fault {
            node: NodeId(7),
            kind: FaultKind::Overflow,
        };
        let date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let parts = [
            (Packing::Bit(0), Value::Bool(true), None),
            (Packing::Bit(1), Value::Bool(false), None),
            (Packing::Bit(2), Value::Absent, Some(fault)),
            (Packing::Bit(63), Value::Int(4), None),
            (Packing::Value(0), Value::Int(-3), None),
            (Packing::Value(1), Value::Date(date), None),
            (
                Packing::Value(2),
                Value::Money(Decimal::new(93293, 2)),
                None,
            ),
            (
                Packing::Value(5),
                Value::Dur(Dur::none_on(date)),
                Some(fault),
            ),
        ];
        let mut packed = Packed::empty();
        for (slot, (packing, value, fault)) in (0u16..).zip(parts) {
            packed.put(slot, packing, value, fault);
        }
        for (slot, (packing, value, fault)) in (0u16..).zip(parts) {
            assert_eq!(packed.read(slot, packing), (value, fault), "slot {slot}");
        }
        // A value never put is absent, and a record without faults has no
        // rare part to follow.
        assert_eq!(packed.read(9, Packing::Value(4)), (Value::Absent, None));
        assert_eq!(packed.read(9, Packing::Bit(5)), (Value::Absent, None));
        let mut plain = Packed::empty();
        plain.put(0, Packing::Bit(0), Value::Bool(true), None);
        plain.put(1, Packing::Value(1), Value::Int(2), None);
        assert!(plain.rare.is_none());
        assert!(plain.bits().is_some());
        assert!(
            packed.bits().is_none(),
            "a record with a fault has no plain bits"
        );
        // Values past the inline ones go to the rare part, which a plain
        // record still does not call unusual.
        plain.put(2, Packing::Value(INLINE_VALUES as u16), Value::Int(7), None);
        assert!(plain.rare.is_some() && !plain.unusual);
        assert!(plain.bits().is_some());
        assert_eq!(
            plain.read(2, Packing::Value(INLINE_VALUES as u16)),
            (Value::Int(7), None)
        );
    }
}
