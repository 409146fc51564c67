//! The records of the applicant's file behind a derived fact: the residence
//! periods a stretch is made of, the incomes behind a household income, the
//! screening behind an art. 10 outcome, the work behind economic binding.
//!
//! Only the trace recorder asks for these, and only for a fact it writes
//! down: finding them is two steps, first the references into the file
//! ([`Source`], indices only), then the records as the output shows them
//! ([`resolve`]). The untraced path never comes here.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::personal;
use super::record::{Day, Evidence, Shown};
use crate::check::schema::{Fact, Func};
use crate::compile::{CallSpec, Program};
use crate::model::residence::in_set;
use crate::model::{Applicant, Member};

/// A reference to one record of an applicant's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    /// `applicant.residence[i]`.
    Residence(usize),
    /// `household.members[member].incomes[income]`.
    Income {
        /// The member's index.
        member: usize,
        /// The income's index.
        income: usize,
    },
    /// `household.members[main].work[i]`.
    Work(usize),
    /// `household.members[main].study[i]`.
    Study(usize),
    /// `applicant.screenings[i]`.
    Screening(usize),
    /// `applicant.registration`.
    Registration,
    /// `applicant.urgency`.
    Urgency,
}

/// What a fact was read for: the day it counts up to and the unit (and its
/// complex) applied for, which a screening's scope must name.
#[derive(Debug, Clone, Copy)]
pub struct Reading<'u> {
    /// The reference date (peildatum).
    pub date: NaiveDate,
    /// The day of the application.
    pub application: NaiveDate,
    /// The unit and its complex.
    pub place: Option<(&'u str, &'u str)>,
}

/// The records behind fact `fact` of `a`, added to `out`.
pub fn of_fact(a: &Applicant, fact: Fact, at: Reading<'_>, out: &mut Vec<Source>) {
    let date = at.date;
    match fact {
        Fact::RegisteredOn | Fact::RegistrationDuration | Fact::RegistrationActive => {
            out.push(Source::Registration);
        }
        Fact::UrgencyValid
        | Fact::UrgencyCategory
        | Fact::UrgencyGrantedOn
        | Fact::UrgencyValidUntil => out.extend(a.urgency.iter().map(|_| Source::Urgency)),
        Fact::HouseholdIncome => incomes(a, date, |_, _| true, false, out),
        Fact::HouseholdIncomeSources => incomes(a, date, |m, _| m.income_counts(), true, out),
        Fact::ApplicantIncomeSources => incomes(a, date, |m, _| is_main(m), true, out),
        Fact::WorkSector | Fact::WorkHours | Fact::WorkMunicipality | Fact::WorkSince => {
            out.extend(current_work(a, date));
        }
        _ => {}
    }
}

/// The records behind a built-in call of `a` described by `spec`, added
/// to `out`.
pub fn of_call(
    program: &Program<'_>,
    a: &Applicant,
    spec: &CallSpec,
    dated: bool,
    at: Reading<'_>,
    out: &mut Vec<Source>,
) {
    let region: &[&str] = spec
        .region
        .and_then(|r| program.regions.get(usize::from(r)))
        .map_or(&[], Vec::as_slice);
    let date = at.date;
    let history = a.residence_history();
    match spec.func {
        Func::ResidenceIn => residences(a, region, history.stretch_before(region, date), out),
        Func::ResidenceBeforeApplication => {
            let until = if dated { at.application } else { date };
            residences(a, region, history.stretch_before(region, until), out);
        }
        Func::LongestResidenceIn => {
            let start = spec
                .duration
                .and_then(|w| super::calendar::sub(date, w.as_calendar()));
            let stretch = start.and_then(|s| history.longest_stretch(region, s, date));
            residences(a, region, stretch, out);
        }
        Func::WorkHoursIn | Func::WorkDurationIn => main_activities(a, date, region, false, out),
        Func::StudyHoursIn => main_activities(a, date, region, true, out),
        Func::IncomeFrom => {
            let asked = spec.sources;
            incomes(
                a,
                date,
                |m, s| m.income_counts() && asked_for(asked, s),
                false,
                out,
            );
        }
        // The incomes from the sources asked; with none, every income the
        // members have, which shows why none counts.
        Func::HasIncome => or_all(
            out,
            |out| {
                incomes(
                    a,
                    date,
                    |m, s| m.income_counts() && asked_for(spec.sources, s),
                    true,
                    out,
                );
            },
            |out| incomes(a, date, |m, _| m.income_counts(), true, out),
        ),
        Func::ApplicantHasIncome => or_all(
            out,
            |out| {
                incomes(
                    a,
                    date,
                    |m, s| is_main(m) && asked_for(spec.sources, s),
                    true,
                    out,
                );
            },
            |out| incomes(a, date, |m, _| is_main(m), true, out),
        ),
        Func::ScreeningObjectionWithin => {
            let found = spec
                .duration
                .and_then(|d| d.whole_years())
                .and_then(|years| {
                    let (unit, complex) = at.place.filter(|_| dated)?;
                    a.screening_objection_for(at.application, date, years, unit, complex)
                });
            let counting = found
                .and_then(|s| a.screenings.iter().position(|x| std::ptr::eq(x, s)))
                .map(Source::Screening);
            // No objection counts: the screenings made for this application
            // and known by now show why (none found one, or it looked too
            // far back, or named no member of age).
            or_all(
                out,
                |out| out.extend(counting),
                |out| screenings_for(a, date, at.place.filter(|_| dated), out),
            );
        }
        Func::YearsBetween => {}
    }
}

/// What `found` adds to `out`, or when it adds nothing what `all` adds.
fn or_all(
    out: &mut Vec<Source>,
    found: impl FnOnce(&mut Vec<Source>),
    all: impl FnOnce(&mut Vec<Source>),
) {
    let before = out.len();
    found(out);
    if out.len() == before {
        all(out);
    }
}

/// The screenings on `a`'s file made for the application of `place` and
/// known on `date`.
fn screenings_for(
    a: &Applicant,
    date: NaiveDate,
    place: Option<(&str, &str)>,
    out: &mut Vec<Source>,
) {
    let Some((unit, complex)) = place else {
        return;
    };
    out.extend(
        a.screenings
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                s.date <= date && s.scope.as_ref().is_some_and(|x| x.fits(unit, complex))
            })
            .map(|(i, _)| Source::Screening(i)),
    );
}

fn is_main(m: &Member) -> bool {
    m.role == crate::vocab::Role::Main
}

/// Whether `source` is among the sources of a call (one bit per source).
fn asked_for(bits: u64, source: crate::vocab::IncomeSource) -> bool {
    crate::vocab::IncomeSource::ALL
        .iter()
        .position(|s| *s == source)
        .is_some_and(|i| i < 64 && bits & (1 << i) != 0)
}

/// The incomes received on `date` of the members `keep` admits; with
/// `earning`, only amounts above zero (a source of €0 is no source).
fn incomes(
    a: &Applicant,
    date: NaiveDate,
    keep: impl Fn(&Member, crate::vocab::IncomeSource) -> bool,
    earning: bool,
    out: &mut Vec<Source>,
) {
    for (mi, m) in a.household.members.iter().enumerate() {
        for (ii, income) in m.incomes.iter().enumerate() {
            let counted = !earning || income.yearly > Decimal::ZERO;
            if income.received_on(date) && counted && keep(m, income.source) {
                out.push(Source::Income {
                    member: mi,
                    income: ii,
                });
            }
        }
    }
}

/// The periods of residence in `region` that make up `stretch` (its first
/// day and the day after its last): periods never overlap, so those that
/// touch the stretch are the ones it is made of.
fn residences(
    a: &Applicant,
    region: &[&str],
    stretch: Option<(NaiveDate, NaiveDate)>,
    out: &mut Vec<Source>,
) {
    let Some((from, end)) = stretch else {
        return;
    };
    let Some(last) = end.pred_opt() else {
        return;
    };
    out.extend(
        a.residence
            .iter()
            .enumerate()
            .filter(|(_, r)| r.from <= last && r.until.is_none_or(|u| u >= from))
            .filter(|(_, r)| in_set(region, &r.municipality))
            .map(|(i, _)| Source::Residence(i)),
    );
}

/// The main applicant's job that facts like `applicant.work.hours` read.
fn current_work(a: &Applicant, date: NaiveDate) -> Option<Source> {
    let main = a.household.main()?;
    let job = main.current_work(date)?;
    main.work
        .iter()
        .position(|w| std::ptr::eq(w, job))
        .map(Source::Work)
}

/// The main applicant's work (or study) running on `date` in `region`.
fn main_activities(
    a: &Applicant,
    date: NaiveDate,
    region: &[&str],
    study: bool,
    out: &mut Vec<Source>,
) {
    use crate::model::work::Activity;
    let Some(main) = a.household.main() else {
        return;
    };
    let runs = |x: &dyn Activity| x.active_on(date) && in_set(region, x.municipality());
    if study {
        let found = main.study.iter().enumerate().filter(|(_, s)| runs(*s));
        out.extend(found.map(|(i, _)| Source::Study(i)));
    } else {
        let found = main.work.iter().enumerate().filter(|(_, w)| runs(*w));
        out.extend(found.map(|(i, _)| Source::Work(i)));
    }
}

/// The record `source` points at, as the output shows it; `None` for a
/// reference the file does not have.
pub fn resolve(a: &Applicant, source: Source) -> Option<Evidence> {
    let day = |d: NaiveDate| Day::Date(d);
    Some(match source {
        Source::Residence(i) => {
            let r = a.residence.get(i)?;
            Evidence::Residence {
                municipality: r.municipality.clone(),
                from: day(r.from),
                until: r.until.map(day),
            }
        }
        Source::Income { member, income } => {
            let m = a.household.members.get(member)?;
            let i = m.incomes.get(income)?;
            Evidence::Income {
                member: m.id.clone(),
                role: m.role.as_str().to_owned(),
                source: i.source.as_str().to_owned(),
                yearly: Shown::with(
                    super::show::money_words(i.yearly),
                    Some(personal::amount_band(i.yearly)),
                ),
                from: i.from.map(day),
                until: i.until.map(day),
                counts: m.income_counts(),
            }
        }
        Source::Work(i) => {
            let w = a.household.main()?.work.get(i)?;
            activity("work", &w.municipality, w.hours_per_week, w.since, w.until)
        }
        Source::Study(i) => {
            let s = a.household.main()?.study.get(i)?;
            activity("study", &s.municipality, s.hours_per_week, s.since, s.until)
        }
        Source::Screening(i) => {
            let s = a.screenings.get(i)?;
            Evidence::Screening {
                date: day(s.date),
                objection: s.objection,
                covers_from: s.covers.map(|c| day(c.from)),
                covers_until: s.covers.map(|c| day(c.until)),
                members: s.members.clone(),
                scope: s
                    .scope
                    .as_ref()
                    .map_or_else(String::new, ToString::to_string),
            }
        }
        Source::Registration => {
            let counts = a.registration_counts_from();
            Evidence::Registration {
                registered_on: day(a.registration.registered_on),
                // The 18th birthday: even its month gives the birth away.
                counts_from: (counts != a.registration.registered_on)
                    .then(|| Shown::with(counts.to_string(), Some(personal::withheld()))),
            }
        }
        Source::Urgency => {
            let u = a.urgency.as_ref()?;
            Evidence::Urgency {
                category: Shown::with(u.category.as_str(), Some(personal::withheld())),
                granted: day(u.granted),
                valid_until: day(u.valid_until),
            }
        }
    })
}

fn activity(
    kind: &str,
    municipality: &str,
    hours: Decimal,
    since: NaiveDate,
    until: Option<NaiveDate>,
) -> Evidence {
    Evidence::Activity {
        kind: kind.to_owned(),
        municipality: municipality.to_owned(),
        hours_per_week: hours.normalize().to_string(),
        since: Day::Date(since),
        until: until.map(Day::Date),
    }
}
