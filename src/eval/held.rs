//! The stretch of days over which an applicant's facts hold (issue 12): an
//! allocation run decides a candidate on every day they react, and their
//! facts change only on the days their file names, so the facts of one day
//! serve every other day of the stretch, read as moved to it (see
//! [`super::facts::ApplicantFacts::fact`]) instead of computed again from
//! the file.

use chrono::NaiveDate;

use crate::model::Applicant;
use crate::model::dates::anniversary;
use crate::model::household::ADULT_AGE;

/// The days around `on` on which every date-dependent fact of an
/// applicant's facts (apart from the stretches that run up to the reference
/// date itself, which move with it) has the value it has on `on`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    /// The first day of the stretch.
    pub from: NaiveDate,
    /// The last day of the stretch.
    pub through: NaiveDate,
}

impl Held {
    /// Whether the stretch covers `date`.
    pub fn covers(self, date: NaiveDate) -> bool {
        self.from <= date && date <= self.through
    }

    /// The stretch around `on` of `applicant`'s facts.
    ///
    /// Every fact the facts compute compares the reference date with dates
    /// of the file (`x <= date`, `date <= until`, a residence reaching the
    /// day before the date, a member's 18th birthday) or measures a
    /// stretch from one of them up to the date. Each such comparison turns
    /// on a file date or the day or two after it, so a stretch that no file
    /// date, its eve or its next two days cut leaves every comparison as it
    /// is on `on`. A day that is itself such a date holds only for itself:
    /// a value then never holds a file date equal to the reference date,
    /// which is what moving the facts to another day relies on.
    pub fn around(applicant: &Applicant, on: NaiveDate) -> Held {
        let mut held = Held {
            from: NaiveDate::MIN,
            through: NaiveDate::MAX,
        };
        let mut cut = |date: NaiveDate| held.cut(on, date);
        let registration = &applicant.registration;
        cut(registration.registered_on);
        for block in &registration.blocks {
            cut(block.from);
            block.until.map(&mut cut);
        }
        for member in &applicant.household.members {
            cut(member.birth_date);
            cut(anniversary(member.birth_date, ADULT_AGE));
            for income in &member.incomes {
                income.from.map(&mut cut);
                income.until.map(&mut cut);
            }
            for work in &member.work {
                cut(work.since);
                work.until.map(&mut cut);
            }
            for study in &member.study {
                cut(study.since);
                study.until.map(&mut cut);
            }
            for volunteering in &member.volunteering {
                cut(volunteering.since);
                volunteering.until.map(&mut cut);
            }
        }
        if let Some(urgency) = &applicant.urgency {
            cut(urgency.granted);
            cut(urgency.valid_until);
        }
        for residence in &applicant.residence {
            cut(residence.from);
            residence.until.map(&mut cut);
        }
        held
    }

    /// Narrows the stretch around `on` so that no comparison with `date`
    /// (on its eve, itself, or the two days after) turns inside it.
    fn cut(&mut self, on: NaiveDate, date: NaiveDate) {
        let eve = date.pred_opt();
        let next = date.succ_opt();
        let after = next.and_then(|d| d.succ_opt());
        for turn in [eve, Some(date), next, after].into_iter().flatten() {
            if turn <= on {
                self.from = self.from.max(turn);
            } else {
                // `turn` is after `on`, so its eve is `on` or later.
                self.through = self.through.min(turn.pred_opt().unwrap_or(on));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{Staging, compile};
    use crate::eval::Engine;
    use crate::eval::engine::staged_alike;

    /// Facts carried from day to day decide as facts computed afresh on
    /// each day: every applicant of a generated population with every
    /// vacancy on its own day, and with a few units on days every nine days
    /// over two years (crossing birthdays, incomes, jobs, residences and
    /// urgency ends), forward and then backward in time, as an allocation
    /// run's engines move (the ledger's past days go back).
    #[test]
    fn facts_carried_over_their_stretch_decide_as_fresh_ones() {
        use crate::model::Dataset;
        use crate::model::generate::{GenerateOptions, generate};
        let report = crate::run::check_paths(&[std::path::PathBuf::from("rules")]);
        let rules = &report.rule_sets[0];
        let mut options = GenerateOptions::new(300, 30, 7, d("2026-03-02"));
        options.reactions_per_vacancy = 100;
        let data = Dataset::new(generate(&options));
        let mut days: Vec<(NaiveDate, Vec<usize>)> = data
            .units()
            .iter()
            .enumerate()
            .map(|(u, unit)| (unit.available_from, vec![u]))
            .collect();
        let mut day = d("2025-09-01");
        let mut n = 0usize;
        while day <= d("2027-06-30") {
            days.push((day, vec![n % 30, (n + 11) % 30, (n + 23) % 30]));
            day = day.checked_add_days(chrono::Days::new(9)).unwrap();
            n += 1;
        }
        days.sort();
        let backward: Vec<_> = days.iter().rev().cloned().collect();
        days.extend(backward);
        let everyone: Vec<usize> = (0..data.applicants().len()).collect();
        let fresh_on = |date| Engine::new(rules, &report.sources, &data, date, 5).unwrap();
        for staging in [Staging::Day, Staging::Held] {
            let carried_on = |date| carried_engine(rules, &report.sources, &data, date, staging);
            let mut carried = carried_on(days[0].0);
            let mut moved = 0usize;
            let mut eligible = 0usize;
            for (date, units) in &days {
                let program = compile(rules, &report.sources, *date, staging).unwrap();
                carried = carried.reuse(program);
                moved += carried.carried_count();
                let fresh = fresh_on(*date);
                for &u in units {
                    for &a in &everyone {
                        let decision = fresh.decide(a, u);
                        eligible += usize::from(decision.eligible);
                        let carried = carried.decide(a, u);
                        assert_eq!(decision, carried, "{staging:?}: {a} for {u} on {date}");
                    }
                    assert_eq!(
                        fresh.rank(u, &everyone),
                        carried.rank(u, &everyone),
                        "{staging:?}: {u} on {date}"
                    );
                }
            }
            assert!(eligible > 0);
            // Most days move most facts: the test compares carried facts.
            assert!(moved > everyone.len() * days.len() / 4, "{moved} moved");
        }
        // The days cross a change of parameters, on which facts staged for
        // their stretch are staged again.
        let held_on = |day| compile(rules, &report.sources, d(day), Staging::Held).unwrap();
        assert!(!staged_alike(
            &held_on("2026-06-30"),
            &held_on("2026-07-01")
        ));
        assert!(staged_alike(&held_on("2026-06-29"), &held_on("2026-06-30")));
    }

    /// An engine whose facts are carried from day to day, as an allocation
    /// run's: unstaged under a program staged for the day, or staged for
    /// the stretch under one staged so.
    fn carried_engine<'a>(
        rules: &'a crate::check::CheckedRuleSet,
        sources: &crate::source::SourceMap,
        data: &'a crate::model::Dataset,
        date: NaiveDate,
        staging: Staging,
    ) -> Engine<'a> {
        let engine = Engine::staged(rules, sources, data, (date, staging), 5).unwrap();
        match staging {
            Staging::Day => engine.applicants_unstaged(),
            Staging::Held => engine,
        }
    }

    /// The longest residence in the ten years before the date is picked
    /// again as the window moves, on days no file date cuts: six years in
    /// Heerlen that ended in 2022 bind an applicant up to the day their
    /// first day leaves the window (2026-03-01) and no longer after it,
    /// and facts carried over those days say so as fresh ones do.
    #[test]
    fn a_carried_longest_residence_follows_its_window() {
        use crate::model::Dataset;
        use crate::model::generate::{GenerateOptions, generate};
        use crate::model::residence::Residence;
        let report = crate::run::check_paths(&[std::path::PathBuf::from("rules")]);
        let rules = &report.rule_sets[0];
        let mut records = generate(&GenerateOptions::new(60, 6, 3, d("2026-03-02")));
        for applicant in &mut records.applicants {
            applicant.residence = vec![
                Residence {
                    municipality: "Heerlen".into(),
                    from: d("2016-03-01"),
                    until: Some(d("2022-03-01")),
                },
                Residence {
                    municipality: "Amsterdam".into(),
                    from: d("2022-03-02"),
                    until: None,
                },
            ];
        }
        let data = Dataset::new(records);
        let fresh_on = |date| Engine::new(rules, &report.sources, &data, date, 5).unwrap();
        let days: Vec<NaiveDate> = d("2026-02-24")
            .iter_days()
            .take_while(|day| *day <= d("2026-03-06"))
            .collect();
        let pairs: Vec<(usize, usize)> = (0..data.applicants().len())
            .flat_map(|a| (0..data.units().len()).map(move |u| (a, u)))
            .collect();
        for staging in [Staging::Day, Staging::Held] {
            let mut carried = carried_engine(rules, &report.sources, &data, days[0], staging);
            let mut moved = 0usize;
            for date in &days {
                let program = compile(rules, &report.sources, *date, staging).unwrap();
                carried = carried.reuse(program);
                moved += carried.carried_count();
                let fresh = fresh_on(*date);
                for &(a, u) in &pairs {
                    assert_eq!(
                        fresh.decide(a, u),
                        carried.decide(a, u),
                        "{staging:?}: {a} for {u} on {date}"
                    );
                }
            }
            assert!(moved > 0, "the facts were carried");
        }
        // The binding turns inside the days compared: the test is not empty.
        let (before, after) = (fresh_on(d("2026-02-27")), fresh_on(d("2026-03-03")));
        assert!(
            pairs
                .iter()
                .any(|&(a, u)| before.decide(a, u) != after.decide(a, u)),
            "no decision changed with the window"
        );
    }

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_file_date_cuts_the_stretch_on_its_eve_and_the_days_after() {
        let mut held = Held {
            from: NaiveDate::MIN,
            through: NaiveDate::MAX,
        };
        held.cut(d("2026-03-10"), d("2026-03-01"));
        held.cut(d("2026-03-10"), d("2026-03-20"));
        assert_eq!(
            held,
            Held {
                from: d("2026-03-03"),
                through: d("2026-03-18"),
            }
        );
        // On a file date itself the facts hold for that day only.
        let mut on_the_day = Held {
            from: NaiveDate::MIN,
            through: NaiveDate::MAX,
        };
        on_the_day.cut(d("2026-03-10"), d("2026-03-10"));
        assert!(on_the_day.covers(d("2026-03-10")));
        assert!(!on_the_day.covers(d("2026-03-09")));
        assert!(!on_the_day.covers(d("2026-03-11")));
    }
}
