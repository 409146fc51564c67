//! The stretch of days over which an applicant's facts hold (issue 12): an
//! allocation run decides a candidate on every day they react, and their
//! facts change only on the days their file names, so the facts of one day
//! serve every other day of the stretch, read as moved to it (see
//! [`super::facts::ApplicantFacts::fact`]) instead of computed again from
//! the file.

use chrono::NaiveDate;

use super::value::Dur;
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

    /// Narrows the stretch around `on` to the days on which comparing the
    /// durations `x` and `y`, as read on `on`, gives what it gives on `on`:
    /// a span from a fixed day up to `on` (which moves with the date, see
    /// [`super::facts::ApplicantFacts::fact`]) against a written duration
    /// compares as the date against the day the span reaches it, so the
    /// answer is the same before that day, on it, and after it. A span
    /// fixed at both ends, or empty on the date (no residence: empty on
    /// every day), compares alike on every day; anything else holds only
    /// on `on`.
    pub fn turn(&mut self, on: NaiveDate, x: Dur, y: Dur) {
        let (span, written) = match (x, y) {
            (Dur::Calendar { .. }, Dur::Calendar { .. }) => return,
            (span @ Dur::Span { .. }, written @ Dur::Calendar { .. })
            | (written @ Dur::Calendar { .. }, span @ Dur::Span { .. }) => (span, written),
            (Dur::Span { .. }, Dur::Span { .. }) => return self.only(on),
        };
        let Dur::Span { from, until } = span else {
            return;
        };
        match (from == on, until == on) {
            (false, false) | (true, true) => {}
            (false, true) => {
                if let Some(reached) = span.reaches(written) {
                    self.turns_on(on, reached);
                }
            }
            (true, false) => self.only(on),
        }
    }

    /// Narrows the stretch around `on` to the days that compare with `day`
    /// as `on` does: before it, on it, or after it.
    fn turns_on(&mut self, on: NaiveDate, day: NaiveDate) {
        match on.cmp(&day) {
            std::cmp::Ordering::Less => {
                self.through = self.through.min(day.pred_opt().unwrap_or(on));
            }
            std::cmp::Ordering::Equal => self.only(on),
            std::cmp::Ordering::Greater => {
                self.from = self.from.max(day.succ_opt().unwrap_or(on));
            }
        }
    }

    /// Narrows the stretch to `on` alone.
    fn only(&mut self, on: NaiveDate) {
        self.from = self.from.max(on);
        self.through = self.through.min(on);
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
        let (days, pairs) = (days_around_the_turn(), every_pair(&data));
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

    /// A comparison staged for the stretch turns on its day: a year of
    /// work in Heerlen (economic binding) reached on 2026-03-02, and the
    /// main member's 67th birthday (the AOW age of the passend limits) on
    /// the same day, neither a file date. Facts staged before that day and
    /// carried over it decide, and weigh the quotas, as fresh ones do on
    /// the day before, the day itself and the days after.
    #[test]
    fn a_staged_comparison_turns_on_the_day_it_reaches_its_duration() {
        use crate::model::Dataset;
        use crate::model::generate::{GenerateOptions, generate};
        use crate::model::residence::Residence;
        use crate::model::work::Work;
        let report = crate::run::check_paths(&[std::path::PathBuf::from("rules")]);
        let rules = &report.rule_sets[0];
        let mut records = generate(&GenerateOptions::new(60, 6, 3, d("2026-03-02")));
        for applicant in &mut records.applicants {
            applicant.residence = vec![Residence {
                municipality: "Amsterdam".into(),
                from: d("2010-01-01"),
                until: None,
            }];
            for member in &mut applicant.household.members {
                member.study.clear();
                member.work.clear();
            }
            if let Some(main) = applicant.household.members.first_mut() {
                main.birth_date = d("1959-03-02");
                main.work = vec![Work {
                    municipality: "Heerlen".into(),
                    sector: crate::vocab::Sector::Care,
                    profession: "verzorgende".into(),
                    hours_per_week: rust_decimal::Decimal::from(24),
                    since: d("2025-03-02"),
                    until: None,
                }];
            }
        }
        let data = Dataset::new(records);
        let fresh_on = |date| Engine::new(rules, &report.sources, &data, date, 5).unwrap();
        let (days, pairs) = (days_around_the_turn(), every_pair(&data));
        let mut carried = carried_engine(rules, &report.sources, &data, days[0], Staging::Held);
        let mut moved = 0usize;
        for date in &days {
            let program = compile(rules, &report.sources, *date, Staging::Held).unwrap();
            carried = carried.reuse(program);
            moved += carried.carried_count();
            let fresh = fresh_on(*date);
            for &(a, u) in &pairs {
                let (decision, kept) = (fresh.decide(a, u), carried.decide(a, u));
                assert_eq!(decision, kept, "{a} for {u} on {date}");
                assert_eq!(
                    fresh.quota_flags(a, u, &decision),
                    carried.quota_flags(a, u, &kept),
                    "{a} for {u} on {date}"
                );
            }
        }
        assert!(moved > 0, "the facts were carried");
        // Both comparisons are staged for the stretch, and turn inside the
        // days compared: the test is not empty.
        assert!(carried.program().turning.len() >= 2);
        let (before, after) = (fresh_on(d("2026-03-01")), fresh_on(d("2026-03-02")));
        let turned = |f: &dyn Fn(&Engine<'_>, usize, usize) -> String| {
            pairs
                .iter()
                .any(|&(a, u)| f(&before, a, u) != f(&after, a, u))
        };
        assert!(turned(&|e, a, u| format!(
            "{:?}",
            e.decide(a, u).derived.priority
        )));
        assert!(turned(&|e, a, u| format!(
            "{:?}",
            e.quota_flags(a, u, &e.decide(a, u))
        )));
    }

    #[test]
    fn a_span_up_to_the_date_turns_on_the_day_it_reaches_a_written_duration() {
        let whole = || Held {
            from: NaiveDate::MIN,
            through: NaiveDate::MAX,
        };
        let year = Dur::Calendar {
            months: 12,
            days: 0,
        };
        let up_to = |on: &str| Dur::Span {
            from: d("2025-03-02"),
            until: d(on),
        };
        let turned = |on: &str, x: Dur, y: Dur| {
            let mut held = whole();
            held.turn(d(on), x, y);
            held
        };
        let stretch = |from: NaiveDate, through: NaiveDate| Held { from, through };
        // The day before, the day itself, the day after; either side.
        assert_eq!(
            turned("2026-03-01", up_to("2026-03-01"), year),
            stretch(NaiveDate::MIN, d("2026-03-01"))
        );
        assert_eq!(
            turned("2026-03-02", year, up_to("2026-03-02")),
            stretch(d("2026-03-02"), d("2026-03-02"))
        );
        assert_eq!(
            turned("2026-03-03", up_to("2026-03-03"), year),
            stretch(d("2026-03-03"), NaiveDate::MAX)
        );
        // A span fixed at both ends, or empty on the date, never turns.
        let ended = Dur::Span {
            from: d("2020-01-01"),
            until: d("2024-01-01"),
        };
        assert_eq!(turned("2026-03-01", ended, year), whole());
        assert_eq!(
            turned("2026-03-01", Dur::none_on(d("2026-03-01")), year),
            whole()
        );
        assert_eq!(turned("2026-03-01", year, year), whole());
        // A span that starts on the date and ends later holds on the day.
        let starting = Dur::Span {
            from: d("2026-03-01"),
            until: d("2026-06-01"),
        };
        assert_eq!(
            turned("2026-03-01", starting, year),
            stretch(d("2026-03-01"), d("2026-03-01"))
        );
    }

    /// 2026-02-24 through 2026-03-06: the days around the one the tests'
    /// comparisons turn on, 2026-03-02.
    fn days_around_the_turn() -> Vec<NaiveDate> {
        d("2026-02-24")
            .iter_days()
            .take_while(|day| *day <= d("2026-03-06"))
            .collect()
    }

    /// Every applicant of `data` with every unit.
    fn every_pair(data: &crate::model::Dataset) -> Vec<(usize, usize)> {
        (0..data.applicants().len())
            .flat_map(|a| (0..data.units().len()).map(move |u| (a, u)))
            .collect()
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
