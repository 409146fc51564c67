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
    pub lawful_residence: bool,
    /// Whether the applicant is a permit holder (vergunninghouder,
    /// statushouder) seeking housing for the first time, whom a refusal on
    /// binding grounds never hits (Hw2014 art. 16 a). Absent: not one, as
    /// for `student`.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub permit_holder_first_housing: bool,
    /// Whether the applicant lives in a shelter after relationship problems
    /// or violence (Hw2014 art. 16 b, art. 12 lid 2). An urgency of category
    /// `shelter_after_violence` may have lapsed and the aandachtsgroep route
    /// `shelter` covers every shelter, so neither says this; absent: not so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub in_shelter_after_violence: bool,
    /// Registration with Thuis in Limburg.
    pub registration: Registration,
    /// The household that would move in.
    pub household: Household,
    /// Residence history of the main applicant; periods may not overlap.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub residence: Vec<Residence>,
    /// Urgency declaration, if one was granted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgency: Option<Urgency>,
    /// Wbmgp art. 10 screening outcomes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub screenings: Vec<Screening>,
    /// Membership of an aandachtsgroep (a vulnerable group housed with
    /// support) and the route it came by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub aandachtsgroep: Option<Aandachtsgroep>,
    /// Discretionary decisions already taken on the file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<DiscretionaryDecision>,
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscretionaryDecision {
    /// What kind of override.
    pub kind: OverrideKind,
    /// The id of the rule it exempts from, e.g. `wbmgp_income`.
    pub rule: String,
    /// Who decided (an officer or a committee, not a person's name if the
    /// file is shared).
    pub decided_by: String,
    /// When.
    pub decided_on: NaiveDate,
    /// The ground, in the decision's own words.
    pub ground: String,
}

impl Applicant {
    /// The residence history as facts.
    pub fn residence_history(&self) -> ResidenceHistory<'_> {
        ResidenceHistory(&self.residence)
    }

    /// The day registration time counts from: the later of the registration
    /// date and the main applicant's 18th birthday (Thuis in Limburg
    /// registers from 18).
    pub fn registration_counts_from(&self) -> NaiveDate {
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
    pub fn income_sources_on(&self, date: NaiveDate) -> IncomeSources {
        self.household
            .main()
            .map_or(IncomeSources::EMPTY, |m| m.income_sources_on(date))
    }

    /// Whether the main applicant has income above zero from one of
    /// `sources` on `date`.
    pub fn has_income_from(&self, sources: IncomeSources, date: NaiveDate) -> bool {
        self.income_sources_on(date).intersects(sources)
    }

    /// Whether the main applicant does volunteer work on `date` (the
    /// Wbmgp art. 9 profile; [`Member::volunteers_on`] asks it of any member).
    ///
    /// [`Member::volunteers_on`]: crate::model::Member::volunteers_on
    pub fn volunteers_on(&self, date: NaiveDate) -> bool {
        self.household.main().is_some_and(|m| m.volunteers_on(date))
    }

    /// The screening objection that counts on `date` under Wbmgp art. 10: one
    /// dated within the `lookback_years` whole years ending on `date` (and not
    /// after it), naming a member who is 16 or older on `date`. The most
    /// recent such objection is returned.
    pub fn screening_objection_on(
        &self,
        date: NaiveDate,
        lookback_years: u32,
    ) -> Option<&Screening> {
        let start = window_start(date, lookback_years);
        self.screenings
            .iter()
            .filter(|s| s.objection && start <= s.date && s.date <= date)
            .filter(|s| {
                s.members.iter().any(|id| {
                    self.household
                        .member(id)
                        .is_some_and(|m| m.age_on(date) >= SCREENING_AGE)
                })
            })
            .max_by_key(|s| s.date)
    }

    /// The recorded override of `kind` for rule `rule`, if the file has one
    /// taken on or before `date`.
    pub fn decision_for(
        &self,
        kind: OverrideKind,
        rule: &str,
        date: NaiveDate,
    ) -> Option<&DiscretionaryDecision> {
        self.decisions
            .iter()
            .find(|d| d.kind == kind && d.rule == rule && d.decided_on <= date)
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
            screenings: vec![Screening {
                date: d(screening_on),
                objection: true,
                members: vec!["m1".into()],
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
        assert!(!a.has_income_from(work, d("2026-03-02")));
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
        assert!(!a.has_income_from(work, d("2026-03-02")), "€0 is no income");
        a.household.members[0].incomes[1] =
            income(IncomeSource::Employment, 12_000, Some("2026-03-02"));
        assert!(!a.has_income_from(work, d("2026-03-01")));
        assert!(a.has_income_from(work, d("2026-03-02")));
        assert!(a.has_income_from(work, d("2026-03-03")));
    }

    #[test]
    fn an_objection_counts_for_four_years() {
        // Four whole years before 2026-03-02 end on 2022-03-02: an objection
        // of that day is out of the window, one of the day after is in.
        let inside = applicant("1990-01-01", "2022-03-03");
        let edge = applicant("1990-01-01", "2022-03-02");
        let date = d("2026-03-02");
        assert!(inside.screening_objection_on(date, 4).is_some());
        assert!(edge.screening_objection_on(date, 4).is_none());
        assert!(edge.screening_objection_on(d("2026-03-01"), 4).is_some());
        // An objection dated after the reference date is not yet known.
        assert!(inside.screening_objection_on(d("2022-03-02"), 4).is_none());
    }

    #[test]
    fn an_objection_counts_only_for_members_aged_16() {
        let a = applicant("2010-03-02", "2025-01-01");
        assert!(a.screening_objection_on(d("2026-03-01"), 4).is_none());
        assert!(a.screening_objection_on(d("2026-03-02"), 4).is_some());
        assert!(a.screening_objection_on(d("2026-03-03"), 4).is_some());
    }
}
