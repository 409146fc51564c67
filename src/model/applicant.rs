//! The applicant file: one house-seeker's registration, household, history
//! and the decisions already taken on the file, read as facts on a date.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::dates::window_start;
use crate::model::household::Household;
use crate::model::income::IncomeSources;
use crate::model::registration::Registration;
use crate::model::residence::{Residence, ResidenceHistory};
use crate::model::screening::Screening;
use crate::model::urgency::Urgency;
use crate::model::work::{ActivityIn, activity_in};
use crate::vocab::{OverrideKind, Route};

/// Members this old or older count for a Wbmgp art. 10 screening.
pub const SCREENING_AGE: u32 = 16;

/// One applicant file. The id is pseudonymous; no field names a protected
/// ground, so no rule can read one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Applicant {
    /// Pseudonymous id, unique in the data folder.
    pub id: String,
    /// Whether the applicant is a Dutch national or a lawfully resident
    /// alien (Hw2014 art. 10 lid 2: only they may get a housing permit). A
    /// yes/no fact, never a nationality, and required: a default either
    /// way would silently grant or refuse.
    pub(crate) lawful_residence: bool,
    /// Whether the applicant is a permit holder (vergunninghouder,
    /// statushouder) seeking housing for the first time, whom a refusal on
    /// binding grounds never hits (Hw2014 art. 16 a). Absent: not one, as
    /// for `student`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) permit_holder_first_housing: bool,
    /// Whether the applicant lives in a shelter after relationship problems
    /// or violence (Hw2014 art. 16 b, art. 12 lid 2). An urgency of category
    /// `shelter_after_violence` may have lapsed and the aandachtsgroep route
    /// `shelter` covers every shelter, so neither says this; absent: not so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) in_shelter_after_violence: bool,
    /// Registration with Thuis in Limburg.
    pub registration: Registration,
    /// The household that would move in.
    pub household: Household,
    /// Residence history of the main applicant; periods may not overlap.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) residence: Vec<Residence>,
    /// Urgency declaration, if one was granted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) urgency: Option<Urgency>,
    /// Wbmgp art. 10 screening outcomes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) screenings: Vec<Screening>,
    /// Membership of an aandachtsgroep (a vulnerable group housed with
    /// support) and the route it came by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) aandachtsgroep: Option<Aandachtsgroep>,
    /// Discretionary decisions already taken on the file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) decisions: Vec<DiscretionaryDecision>,
}

/// Membership of an aandachtsgroep; the draagkrachttoets reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aandachtsgroep {
    /// How the applicant came to the housing market.
    pub route: Route,
    /// Since when the membership is recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<NaiveDate>,
}

/// A recorded discretionary decision, such as a hardship exemption under
/// Wbmgp art. 8 lid 2. A gate that admits it passes, and the trace shows who
/// decided, when and why.
///
/// The hardship clause grants a permit for *that* application, not an
/// exemption everywhere for ever: the decision names the unit or complex it
/// was taken for and the last day it may be used, and lifts a gate only
/// there and from `decided_on` to `valid_until`. Both are required; they are
/// optional here only so that a file without them is refused with its own
/// error (E0521) instead of a bare "missing field".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscretionaryDecision {
    /// What kind of override.
    pub kind: OverrideKind,
    /// The id of the rule it exempts from, e.g. `wbmgp_income`.
    pub rule: String,
    /// The application it was taken for: a unit or a complex.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scope: Option<Scope>,
    /// Who decided (an officer or a committee, not a person's name if the
    /// file is shared).
    pub decided_by: String,
    /// When; the decision holds from this day.
    pub decided_on: NaiveDate,
    /// The last day the decision may be used (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<NaiveDate>,
    /// The ground, in the decision's own words.
    pub ground: String,
}

/// What a decision was taken for: exactly one of a unit or a complex (the
/// loader refuses a scope with neither or both, E0521).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scope {
    /// The unit applied for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// The complex applied for (any unit in it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub complex: Option<String>,
}

impl Scope {
    /// Whether unit `unit` in complex `complex` is what the scope names.
    pub(crate) fn fits(&self, unit: &str, complex: &str) -> bool {
        match (&self.unit, &self.complex) {
            (Some(u), _) => u == unit,
            (None, Some(c)) => c == complex,
            (None, None) => false,
        }
    }
}

impl std::fmt::Display for Scope {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (&self.unit, &self.complex) {
            (Some(u), _) => write!(f, "unit {u}"),
            (None, Some(c)) => write!(f, "complex {c}"),
            (None, None) => f.write_str("no unit or complex"),
        }
    }
}

/// Whether a recorded decision lifts a gate for one unit on one date, and if
/// not, why not (the trace says it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionFit {
    /// In scope and in force: the decision applies.
    Applies,
    /// Taken after the date asked.
    NotYetTaken,
    /// Its last valid day lies before the date asked.
    Expired,
    /// Taken for another unit or complex.
    OutOfScope,
    /// Without a scope or validity (refused on loading; never applies).
    Incomplete,
}

impl DiscretionaryDecision {
    /// How the decision stands to unit `unit` in complex `complex` on `date`.
    pub fn fit(&self, date: NaiveDate, unit: &str, complex: &str) -> DecisionFit {
        let (Some(scope), Some(valid_until)) = (&self.scope, self.valid_until) else {
            return DecisionFit::Incomplete;
        };
        if date < self.decided_on {
            return DecisionFit::NotYetTaken;
        }
        if date > valid_until {
            return DecisionFit::Expired;
        }
        if scope.unit.is_none() && scope.complex.is_none() {
            return DecisionFit::Incomplete;
        }
        if scope.fits(unit, complex) {
            DecisionFit::Applies
        } else {
            DecisionFit::OutOfScope
        }
    }
}

impl Applicant {
    /// The residence history as facts.
    pub fn residence_history(&self) -> ResidenceHistory<'_> {
        ResidenceHistory(&self.residence)
    }

    /// The day registration time counts from: the later of the registration
    /// date and the main applicant's 18th birthday (Thuis in Limburg
    /// registers from 18).
    pub(crate) fn registration_counts_from(&self) -> NaiveDate {
        self.household
            .main()
            .map_or(self.registration.registered_on, |m| {
                self.registration.counts_from(m.birth_date)
            })
    }

    /// Whether an urgency declaration holds on `date`.
    pub fn urgency_valid_on(&self, date: NaiveDate) -> bool {
        self.urgency.as_ref().is_some_and(|u| u.valid_on(date))
    }

    /// Work of the main applicant in `set` on `date`: total hours and since
    /// when (economic binding reads this).
    pub fn work_in<S: AsRef<str>>(&self, set: &[S], date: NaiveDate) -> Option<ActivityIn> {
        self.household
            .main()
            .and_then(|m| activity_in(&m.work, set, date))
    }

    /// Study of the main applicant in `set` on `date`.
    pub fn study_in<S: AsRef<str>>(&self, set: &[S], date: NaiveDate) -> Option<ActivityIn> {
        self.household
            .main()
            .and_then(|m| activity_in(&m.study, set, date))
    }

    /// The sources the main applicant (the house-seeker) alone has income
    /// above zero from on `date`: Wbmgp art. 8 read for the applicant, where
    /// no partner's, co-resident's or child's income counts.
    pub(crate) fn income_sources_on(&self, date: NaiveDate) -> IncomeSources {
        self.household
            .main()
            .map_or(IncomeSources::EMPTY, |m| m.income_sources_on(date))
    }

    /// Whether the main applicant does volunteer work on `date` (the
    /// Wbmgp art. 9 profile; [`Member::volunteers_on`] asks it of any member).
    ///
    /// [`Member::volunteers_on`]: crate::model::Member::volunteers_on
    pub fn volunteers_on(&self, date: NaiveDate) -> bool {
        self.household.main().is_some_and(|m| m.volunteers_on(date))
    }

    /// The screening objection that counts for the application of `unit`
    /// (in `complex`) made on `application`, as known on `known_on`.
    ///
    /// Wbmgp art. 10b lid 2: the police data concern conduct "in de periode
    /// van ten hoogste vier jaren voor het tijdstip van de aanvraag". An
    /// objection counts only when the whole period it covered lies inside the
    /// `lookback_years` before the day of the application (conduct from that
    /// day `lookback_years` earlier on); a screening that looked further back
    /// rests on data the law does not allow and cannot ground a refusal. It
    /// must have been made for this application (its unit or complex), be
    /// known on `known_on`, and name a member who is 16 or older on the day
    /// of the application (art. 10 lid 1; art. 5 lid 3). The most recent
    /// such objection is returned.
    pub fn screening_objection_for(
        &self,
        application: NaiveDate,
        known_on: NaiveDate,
        lookback_years: u32,
        unit: &str,
        complex: &str,
    ) -> Option<&Screening> {
        let start = application
            .pred_opt()
            .map_or(application, |last| window_start(last, lookback_years));
        self.screenings
            .iter()
            .filter(|s| s.objection && s.date <= known_on)
            .filter(|s| {
                s.covers
                    .is_some_and(|c| start <= c.from && c.from <= c.until)
            })
            .filter(|s| {
                s.scope
                    .as_ref()
                    .is_some_and(|scope| scope.fits(unit, complex))
            })
            .filter(|s| {
                s.members.iter().any(|id| {
                    self.household
                        .member(id)
                        .is_some_and(|m| m.age_on(application) >= SCREENING_AGE)
                })
            })
            .max_by_key(|s| s.date)
    }

    /// The recorded override of `kind` for rule `rule` that applies to unit
    /// `unit` in complex `complex` on `date` (see [`DiscretionaryDecision::fit`]).
    pub fn decision_for(
        &self,
        kind: OverrideKind,
        rule: &str,
        date: NaiveDate,
        unit: &str,
        complex: &str,
    ) -> Option<&DiscretionaryDecision> {
        self.decisions.iter().find(|d| {
            d.kind == kind && d.rule == rule && d.fit(date, unit, complex) == DecisionFit::Applies
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::household::Member;
    use crate::vocab::Role;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn applicant(born: &str, screening_on: &str) -> Applicant {
        Applicant {
            id: "A1".into(),
            lawful_residence: true,
            permit_holder_first_housing: false,
            in_shelter_after_violence: false,
            registration: Registration {
                registered_on: d("2015-01-01"),
                blocks: vec![],
            },
            household: Household {
                members: vec![Member {
                    id: "m1".into(),
                    role: Role::Main,
                    birth_date: d(born),
                    education: None,
                    student: false,
                    incomes: vec![],
                    work: vec![],
                    study: vec![],
                    volunteering: vec![],
                }],
            },
            residence: vec![],
            urgency: None,
            // A screening made on 2026-02-25 for an application in C-02,
            // covering the conduct from `screening_on` up to 2026-02-24.
            screenings: vec![Screening {
                date: d("2026-02-25"),
                objection: true,
                members: vec!["m1".into()],
                covers: Some(crate::model::screening::Covered {
                    from: d(screening_on),
                    until: d("2026-02-24"),
                }),
                scope: Some(Scope {
                    unit: None,
                    complex: Some("C-02".into()),
                }),
            }],
            aandachtsgroep: None,
            decisions: vec![],
        }
    }

    #[test]
    fn the_applicant_reading_counts_the_house_seeker_alone() {
        use crate::model::income::Income;
        use crate::vocab::IncomeSource;
        let mut a = applicant("1990-01-01", "2020-01-01");
        let income = |source, yearly, from: Option<&str>| Income {
            source,
            yearly: rust_decimal::Decimal::new(yearly, 0),
            from: from.map(d),
            until: None,
        };
        a.household.members[0]
            .incomes
            .push(income(IncomeSource::SocialAssistance, 14_000, None));
        let mut child = a.household.members[0].clone();
        child.id = "m2".into();
        child.role = Role::Child;
        child.birth_date = d("2009-01-01");
        child.incomes = vec![income(IncomeSource::Employment, 3_000, None)];
        let mut partner = child.clone();
        partner.id = "m3".into();
        partner.role = Role::Partner;
        partner.birth_date = d("1991-01-01");
        partner.incomes = vec![income(IncomeSource::Pension, 9_000, None)];
        a.household.members.push(child);
        a.household.members.push(partner);
        let work = IncomeSources::of(&[IncomeSource::Employment, IncomeSource::Pension]);
        // Neither the child's job nor the partner's pension is the applicant's.
        assert!(!a.income_sources_on(d("2026-03-02")).intersects(work));
        assert!(
            a.household
                .income_sources_on(d("2026-03-02"))
                .contains(IncomeSource::Pension)
        );
        assert!(
            !a.household
                .income_sources_on(d("2026-03-02"))
                .contains(IncomeSource::Employment)
        );
        // The applicant's own job counts from its first day, and not before.
        a.household.members[0]
            .incomes
            .push(income(IncomeSource::Employment, 0, None));
        assert!(
            !a.income_sources_on(d("2026-03-02")).intersects(work),
            "€0 is no income"
        );
        a.household.members[0].incomes[1] =
            income(IncomeSource::Employment, 12_000, Some("2026-03-02"));
        assert!(!a.income_sources_on(d("2026-03-01")).intersects(work));
        assert!(a.income_sources_on(d("2026-03-02")).intersects(work));
        assert!(a.income_sources_on(d("2026-03-03")).intersects(work));
    }

    fn hardship(unit: Option<&str>, complex: Option<&str>) -> DiscretionaryDecision {
        DiscretionaryDecision {
            kind: OverrideKind::Hardship,
            rule: "wbmgp_income".into(),
            scope: Some(Scope {
                unit: unit.map(Into::into),
                complex: complex.map(Into::into),
            }),
            decided_by: "commissie".into(),
            decided_on: d("2026-02-15"),
            valid_until: Some(d("2026-03-02")),
            ground: "x".into(),
        }
    }

    #[test]
    fn a_hardship_decision_holds_for_its_application_and_period_only() {
        let for_unit = hardship(Some("U-0102"), None);
        let fit =
            |dec: &DiscretionaryDecision, date, unit, complex| dec.fit(d(date), unit, complex);
        // Its first day, the day before, its last day, the day after.
        assert_eq!(
            fit(&for_unit, "2026-02-14", "U-0102", "C-01"),
            DecisionFit::NotYetTaken
        );
        assert_eq!(
            fit(&for_unit, "2026-02-15", "U-0102", "C-01"),
            DecisionFit::Applies
        );
        assert_eq!(
            fit(&for_unit, "2026-03-02", "U-0102", "C-01"),
            DecisionFit::Applies
        );
        assert_eq!(
            fit(&for_unit, "2026-03-03", "U-0102", "C-01"),
            DecisionFit::Expired
        );
        // Another unit of the same complex is another application.
        assert_eq!(
            fit(&for_unit, "2026-03-02", "U-0101", "C-01"),
            DecisionFit::OutOfScope
        );
        let for_complex = hardship(None, Some("C-01"));
        assert_eq!(
            fit(&for_complex, "2026-03-02", "U-0101", "C-01"),
            DecisionFit::Applies
        );
        assert_eq!(
            fit(&for_complex, "2026-03-02", "U-0201", "C-02"),
            DecisionFit::OutOfScope
        );
        let mut unscoped = for_complex.clone();
        unscoped.scope = None;
        assert_eq!(
            fit(&unscoped, "2026-03-02", "U-0101", "C-01"),
            DecisionFit::Incomplete
        );
        let mut a = applicant("1990-01-01", "2020-01-01");
        a.decisions = vec![for_unit, for_complex];
        let found = |date, unit, complex| {
            a.decision_for(
                OverrideKind::Hardship,
                "wbmgp_income",
                d(date),
                unit,
                complex,
            )
            .map(|x| x.scope.as_ref().map(ToString::to_string))
        };
        assert_eq!(
            found("2026-03-02", "U-0101", "C-01"),
            Some(Some("complex C-01".into()))
        );
        assert_eq!(found("2026-03-02", "U-0201", "C-02"), None);
        assert_eq!(found("2026-03-03", "U-0102", "C-01"), None);
    }

    fn objection(a: &Applicant, application: &str, complex: &str) -> bool {
        let date = d(application).max(d("2026-02-25"));
        a.screening_objection_for(d(application), date, 4, "U-0201", complex)
            .is_some()
    }

    #[test]
    fn an_objection_counts_when_its_period_lies_in_the_four_years_before_the_application() {
        // The four years before an application of 2026-03-02 start on
        // 2022-03-02 (Wbmgp art. 10b lid 2).
        let edge = applicant("1990-01-01", "2022-03-02");
        let outside = applicant("1990-01-01", "2022-03-01");
        let inside = applicant("1990-01-01", "2022-03-03");
        assert!(objection(&edge, "2026-03-02", "C-02"));
        assert!(!objection(&outside, "2026-03-02", "C-02"));
        assert!(objection(&inside, "2026-03-02", "C-02"));
        // An application a day later moves the window past the first day.
        assert!(!objection(&edge, "2026-03-03", "C-02"));
        // A screening ending 4 years and a day before the application.
        let mut old = applicant("1990-01-01", "2021-01-01");
        old.screenings[0].covers = Some(crate::model::screening::Covered {
            from: d("2021-01-01"),
            until: d("2022-03-01"),
        });
        assert!(!objection(&old, "2026-03-02", "C-02"));
        // An outcome not known yet on the date asked does not count.
        assert!(
            inside
                .screening_objection_for(d("2026-02-24"), d("2026-02-24"), 4, "U-0201", "C-02")
                .is_none()
        );
    }

    #[test]
    fn an_objection_counts_only_for_the_application_it_was_made_for() {
        let a = applicant("1990-01-01", "2023-01-01");
        assert!(objection(&a, "2026-03-02", "C-02"));
        assert!(!objection(&a, "2026-03-02", "C-03"), "another complex");
        let mut unscoped = a.clone();
        unscoped.screenings[0].scope = None;
        assert!(!objection(&unscoped, "2026-03-02", "C-02"));
    }

    #[test]
    fn an_objection_counts_only_for_members_aged_16_on_the_application() {
        let mut a = applicant("1990-01-01", "2023-01-01");
        a.household.members[0].birth_date = d("2010-03-02");
        assert!(!objection(&a, "2026-03-01", "C-02"));
        assert!(objection(&a, "2026-03-02", "C-02"));
        assert!(objection(&a, "2026-03-03", "C-02"));
    }
}
