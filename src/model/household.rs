//! The household: its members, their ages, and what they earn together.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use crate::model::dates::whole_years;
use crate::model::income::{Income, IncomeSources};
use crate::model::work::{Activity, Study, Volunteering, Work};
use crate::vocab::{EducationLevel, Role};

/// Age of majority: adults count toward household composition and income
/// limits, and TiL registration and urgency require it.
pub const ADULT_AGE: u32 = 18;

/// The household moving in together. Exactly one member is `main`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Household {
    /// Every member, the main applicant included.
    pub members: Vec<Member>,
}

/// One household member.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Id unique within the household (screenings name members by it).
    pub(crate) id: String,
    /// Place in the household.
    pub(crate) role: Role,
    /// Date of birth.
    pub birth_date: NaiveDate,
    /// Highest completed education (a start qualification is a Wbmgp art. 9
    /// profile); absent: not recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) education: Option<EducationLevel>,
    /// Whether the member is a student (excluded from cheap private rentals by
    /// the Heerlen HVV; a student in the household is an art. 9 profile).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub(crate) student: bool,
    /// Yearly incomes by source.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub incomes: Vec<Income>,
    /// Jobs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) work: Vec<Work>,
    /// Courses.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) study: Vec<Study>,
    /// Volunteer work.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) volunteering: Vec<Volunteering>,
}

impl Member {
    /// Age in whole years on `date`. A 29 February birthday falls on 1 March
    /// in a common year (see [`whole_years`]).
    pub fn age_on(&self, date: NaiveDate) -> u32 {
        whole_years(self.birth_date, date)
    }

    /// Whether the member is 18 or older on `date`.
    pub fn is_adult_on(&self, date: NaiveDate) -> bool {
        self.birth_date <= date && self.age_on(date) >= ADULT_AGE
    }

    /// Total yearly income received on `date`.
    pub(crate) fn income_on(&self, date: NaiveDate) -> Decimal {
        self.incomes
            .iter()
            .filter(|i| i.received_on(date))
            .map(|i| i.yearly)
            .fold(Decimal::ZERO, total)
    }

    /// Sources of the incomes received on `date` with an amount above zero:
    /// a recorded income of €0 (a benefit applied for, a job without pay
    /// yet) is no income from that source.
    pub fn income_sources_on(&self, date: NaiveDate) -> IncomeSources {
        self.incomes
            .iter()
            .filter(|i| i.received_on(date) && i.yearly > Decimal::ZERO)
            .fold(IncomeSources::EMPTY, |set, i| set.with(i.source))
    }

    /// Whether the member's income counts in the household income
    /// (huishoudinkomen, Woningwet art. 1): everyone's but a child's. The
    /// income of children living at home (kinderen in the sense of Awir
    /// art. 4) never counts, whatever their age, so a 17-year-old's holiday
    /// job never moves a household across an income limit.
    pub(crate) fn income_counts(&self) -> bool {
        self.role != Role::Child
    }

    /// The member's current work on `date`: the running job with the most
    /// hours (the earliest started on a tie), which rules read as "the" job.
    pub(crate) fn current_work(&self, date: NaiveDate) -> Option<&Work> {
        self.work
            .iter()
            .filter(|w| w.active_on(date))
            .max_by(|a, b| {
                a.hours_per_week
                    .cmp(&b.hours_per_week)
                    .then_with(|| b.since.cmp(&a.since))
            })
    }

    /// Whether the member does volunteer work on `date`.
    pub(crate) fn volunteers_on(&self, date: NaiveDate) -> bool {
        self.volunteering.iter().any(|v| v.active_on(date))
    }

    /// Whether the member has a start qualification (havo, vwo, mbo 2+).
    pub(crate) fn has_start_qualification(&self) -> bool {
        self.education
            .is_some_and(EducationLevel::is_start_qualification)
    }
}

impl Household {
    /// The main applicant (validation guarantees exactly one).
    pub fn main(&self) -> Option<&Member> {
        self.members.iter().find(|m| m.role == Role::Main)
    }

    /// A member by id.
    pub(crate) fn member(&self, id: &str) -> Option<&Member> {
        self.members.iter().find(|m| m.id == id)
    }

    /// Members aged 18 or more on `date`.
    pub fn adults_on(&self, date: NaiveDate) -> usize {
        self.members.iter().filter(|m| m.is_adult_on(date)).count()
    }

    /// Members under 18 on `date` (whatever their role).
    pub(crate) fn minors_on(&self, date: NaiveDate) -> usize {
        self.members.iter().filter(|m| !m.is_adult_on(date)).count()
    }

    /// The members whose income is household income (Woningwet art. 1
    /// huishoudinkomen): the main applicant, a partner and other adult
    /// co-residents, never a member with role `child` (see
    /// [`Member::income_counts`]).
    pub(crate) fn earners(&self) -> impl Iterator<Item = &Member> {
        self.members.iter().filter(|m| m.income_counts())
    }

    /// The household income (huishoudinkomen, Woningwet art. 1) on `date`:
    /// the yearly income of the main applicant, a partner and other adult
    /// co-residents; children's income does not count.
    pub fn income_on(&self, date: NaiveDate) -> Decimal {
        self.earners()
            .map(|m| m.income_on(date))
            .fold(Decimal::ZERO, total)
    }

    /// The household income from `sources` on `date`, of the same members
    /// as [`Household::income_on`].
    pub(crate) fn income_from(&self, sources: IncomeSources, date: NaiveDate) -> Decimal {
        self.earners()
            .flat_map(|m| &m.incomes)
            .filter(|i| sources.contains(i.source) && i.received_on(date))
            .map(|i| i.yearly)
            .fold(Decimal::ZERO, total)
    }

    /// Age of the oldest member on `date` (0 for an empty household).
    pub(crate) fn oldest_age_on(&self, date: NaiveDate) -> u32 {
        self.members
            .iter()
            .map(|m| m.age_on(date))
            .max()
            .unwrap_or(0)
    }

    /// Every source the household has income from on `date`: the sources of
    /// the members of [`Household::income_on`] (children's income does not
    /// count), with an amount above zero.
    pub fn income_sources_on(&self, date: NaiveDate) -> IncomeSources {
        self.earners().fold(IncomeSources::EMPTY, |set, m| {
            set.union(m.income_sources_on(date))
        })
    }

    /// Whether any member is a student.
    pub fn has_student(&self) -> bool {
        self.members.iter().any(|m| m.student)
    }
}

/// Adds two amounts. The loader refuses amounts above
/// [`crate::limits::MAX_AMOUNT`], so a household's sum stays many orders of
/// magnitude inside the decimal range; saturating says so instead of
/// `Decimal`'s `+`, which panics on overflow (data built by hand, not read by
/// the loader, could otherwise crash a run).
fn total(sum: Decimal, amount: Decimal) -> Decimal {
    sum.saturating_add(amount)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vocab::IncomeSource;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn member(id: &str, role: Role, born: &str) -> Member {
        Member {
            id: id.into(),
            role,
            birth_date: d(born),
            education: None,
            student: false,
            incomes: vec![],
            work: vec![],
            study: vec![],
            volunteering: vec![],
        }
    }

    #[test]
    fn age_turns_on_the_birthday() {
        let m = member("m1", Role::Main, "2008-03-02");
        assert_eq!(m.age_on(d("2026-03-01")), 17);
        assert_eq!(m.age_on(d("2026-03-02")), 18);
        assert_eq!(m.age_on(d("2026-03-03")), 18);
        assert!(!m.is_adult_on(d("2026-03-01")));
        assert!(m.is_adult_on(d("2026-03-02")));
    }

    #[test]
    fn a_leap_day_child_comes_of_age_on_1_march() {
        let m = member("m1", Role::Main, "2008-02-29");
        assert!(!m.is_adult_on(d("2026-02-28")));
        assert!(m.is_adult_on(d("2026-03-01")));
    }

    #[test]
    fn composition_and_income_on_a_date() {
        let mut main = member("m1", Role::Main, "1990-01-01");
        main.incomes.push(Income {
            source: IncomeSource::Employment,
            yearly: Decimal::new(30_000, 0),
            from: None,
            until: Some(d("2026-03-02")),
        });
        let mut partner = member("m2", Role::Partner, "1991-01-01");
        partner.incomes.push(Income {
            source: IncomeSource::SocialAssistance,
            yearly: Decimal::new(12_000, 0),
            from: Some(d("2026-03-02")),
            until: None,
        });
        let child = member("m3", Role::Child, "2008-03-02");
        let h = Household {
            members: vec![main, partner, child],
        };
        assert_eq!(h.adults_on(d("2026-03-01")), 2);
        assert_eq!(h.adults_on(d("2026-03-02")), 3);
        assert_eq!(h.income_on(d("2026-03-01")), Decimal::new(30_000, 0));
        assert_eq!(h.income_on(d("2026-03-02")), Decimal::new(42_000, 0));
        assert_eq!(h.income_on(d("2026-03-03")), Decimal::new(12_000, 0));
        let sources = h.income_sources_on(d("2026-03-02"));
        assert!(sources.contains(IncomeSource::Employment));
        assert!(sources.contains(IncomeSource::SocialAssistance));
        assert_eq!(
            h.income_sources_on(d("2026-03-03")),
            IncomeSources::of(&[IncomeSource::SocialAssistance])
        );
        assert_eq!(h.main().map(|m| m.id.as_str()), Some("m1"));
        let assistance = IncomeSources::of(&[IncomeSource::SocialAssistance]);
        assert_eq!(h.income_from(assistance, d("2026-03-01")), Decimal::ZERO);
        assert_eq!(
            h.income_from(assistance, d("2026-03-02")),
            Decimal::new(12_000, 0)
        );
        assert_eq!(h.oldest_age_on(d("2026-03-02")), 36);
    }

    fn income(source: IncomeSource, yearly: i64, from: Option<&str>) -> Income {
        Income {
            source,
            yearly: Decimal::new(yearly, 0),
            from: from.map(d),
            until: None,
        }
    }

    #[test]
    fn incomes_beyond_the_decimal_range_saturate_instead_of_panicking() {
        // The loader refuses such amounts (E0525); data built by hand still
        // must not crash a run.
        let mut main = member("m1", Role::Main, "1985-06-01");
        for _ in 0..2 {
            main.incomes.push(Income {
                yearly: Decimal::MAX,
                ..income(IncomeSource::Employment, 0, None)
            });
        }
        let h = Household {
            members: vec![main],
        };
        assert_eq!(h.income_on(d("2026-03-02")), Decimal::MAX);
        let employment = IncomeSources::of(&[IncomeSource::Employment]);
        assert_eq!(h.income_from(employment, d("2026-03-02")), Decimal::MAX);
    }

    /// A single parent exactly at the passend limit 2026 for two or more
    /// persons (39,925), with a 17-year-old whose holiday job starts on the
    /// date asked.
    fn parent_and_working_child() -> Household {
        let mut main = member("m1", Role::Main, "1985-06-01");
        main.incomes
            .push(income(IncomeSource::Employment, 39_925, None));
        let mut child = member("m2", Role::Child, "2008-09-01");
        child
            .incomes
            .push(income(IncomeSource::Employment, 4_000, Some("2026-03-02")));
        Household {
            members: vec![main, child],
        }
    }

    #[test]
    fn a_childs_income_is_never_household_income() {
        let h = parent_and_working_child();
        let limit = Decimal::new(39_925, 0);
        for day in ["2026-03-01", "2026-03-02", "2026-03-03"] {
            assert_eq!(h.income_on(d(day)), limit, "{day}");
            assert_eq!(
                h.income_from(IncomeSources::of(&[IncomeSource::Employment]), d(day)),
                limit
            );
        }
        assert_eq!(
            h.income_sources_on(d("2026-03-02")),
            IncomeSources::of(&[IncomeSource::Employment])
        );
    }

    #[test]
    fn a_childs_only_source_is_not_the_households() {
        let mut h = parent_and_working_child();
        h.members[0].incomes[0].source = IncomeSource::SocialAssistance;
        let sources = h.income_sources_on(d("2026-03-02"));
        assert!(!sources.contains(IncomeSource::Employment));
        assert!(sources.contains(IncomeSource::SocialAssistance));
        // The same member as an adult co-resident counts.
        h.members[1].role = Role::OtherAdult;
        assert!(
            h.income_sources_on(d("2026-03-01"))
                .contains(IncomeSource::SocialAssistance)
        );
        assert!(
            !h.income_sources_on(d("2026-03-01"))
                .contains(IncomeSource::Employment)
        );
        assert!(
            h.income_sources_on(d("2026-03-02"))
                .contains(IncomeSource::Employment)
        );
        assert_eq!(h.income_on(d("2026-03-02")), Decimal::new(43_925, 0));
    }

    #[test]
    fn an_income_of_nothing_is_no_source() {
        let mut m = member("m1", Role::Main, "1990-01-01");
        m.incomes.push(income(IncomeSource::Employment, 0, None));
        assert_eq!(m.income_sources_on(d("2026-03-02")), IncomeSources::EMPTY);
        m.incomes[0].yearly = Decimal::new(1, 2);
        assert!(
            m.income_sources_on(d("2026-03-02"))
                .contains(IncomeSource::Employment)
        );
    }

    #[test]
    fn current_work_is_the_running_job_with_most_hours() {
        let job = |hours, since: &str, until: Option<&str>| Work {
            municipality: "Heerlen".into(),
            sector: crate::vocab::Sector::Other,
            profession: "x".into(),
            hours_per_week: Decimal::from(hours),
            since: d(since),
            until: until.map(d),
        };
        let mut m = member("m1", Role::Main, "1990-01-01");
        m.work = vec![
            job(12, "2020-01-01", None),
            job(30, "2024-01-01", Some("2026-03-02")),
        ];
        let hours = |date| m.current_work(d(date)).map(|w| w.hours_per_week);
        assert_eq!(hours("2023-12-31"), Some(Decimal::from(12)));
        assert_eq!(hours("2026-03-02"), Some(Decimal::from(30)));
        assert_eq!(hours("2026-03-03"), Some(Decimal::from(12)));
        assert_eq!(hours("2019-12-31"), None);
    }
}
