//! `allocate` and `validate` on the Heerlen-Noord scenario: who gets each
//! vacancy under the quotas, and which proposed allocations comply.

use std::path::{Path, PathBuf};

use crate::allocate::record::{Breach, Skip};
use crate::allocate::{allocate, validate};
use crate::model::{Dataset, load_dataset};
use crate::run::{CheckReport, check_paths};

const SEED: u64 = 20_260_302;

/// The whole scenario allocated.
fn allocate_all(report: &CheckReport, data: &Dataset) -> crate::allocate::record::AllocationRun {
    allocate(
        &report.rule_sets[0],
        &report.sources,
        data,
        None,
        None,
        SEED,
    )
    .unwrap()
}

fn setup() -> (CheckReport, Dataset) {
    let report = check_paths(&[PathBuf::from("rules")]);
    assert!(!report.has_errors());
    let data = load_dataset(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/heerlen-noord"))
        .unwrap_or_else(|_| panic!("the scenario loads"));
    (report, data)
}

#[test]
fn proposals_are_judged_with_every_reason() {
    let (report, data) = setup();
    let verdicts = validate(
        &report.rule_sets[0],
        &report.sources,
        &data,
        data.proposals(),
        SEED,
    )
    .unwrap();
    let verdict = |id: &str| verdicts.iter().find(|v| v.proposal == id).unwrap();
    // The referral holds (the draagkrachttoets passes in Eikenderveld), but
    // no tailored ground passes over A-030, urgent (shelter after violence).
    assert_eq!(
        verdict("P-01").breaches,
        vec![Breach::UrgentPassedOver {
            ground: "referral".to_owned(),
            above: vec!["A-030".to_owned()]
        }]
    );
    // Weggebekker is below average: the referral is no valid ground.
    assert!(!verdict("P-02").compliant, "Weggebekker is below average");
    assert!(
        verdict("P-03").compliant,
        "urgency valid through its last day"
    );
    assert!(
        verdict("P-04")
            .breaches
            .iter()
            .any(|b| matches!(b, Breach::PriorityNotMet { .. })),
        "urgency expired the day before"
    );
    assert!(!verdict("P-05").compliant);
    // The hardship override lifts art. 8 and A-010 is eligible; but C-01 is
    // a cheap private rental and A-010 has no binding, so a bound candidate
    // with the HVV's priority ranks first (Hw2014 art. 15 lid 2: refused in
    // favour of a bound seeker who wants the dwelling). The fragile quota
    // is a minimum share of dragers that refuses no one.
    let p06 = verdict("P-06");
    assert!(
        matches!(p06.breaches.as_slice(), [Breach::PassedOver { .. }]),
        "{:?}",
        p06.breaches
    );
    assert!(
        !verdict("P-07")
            .breaches
            .iter()
            .any(|b| matches!(b, Breach::QuotaExceeded { .. })),
        "the fragile quota never refuses a vrager"
    );
    assert!(!verdict("P-07").compliant, "A-013 and A-045 rank higher");
    assert!(
        verdict("P-08").compliant,
        "a teacher (drager) in De Mijnwerkershof"
    );
    // "voorkeur verhuurder" citing a gate that passes: no ground at all;
    // and A-029's binding priority would take the year's binding allocations
    // over half (Hw2014 art. 14 lid 2, urgent bound seekers counted, lid 5).
    let p09 = &verdict("P-09").breaches;
    assert_eq!(
        p09.first(),
        Some(&Breach::PassedOver {
            rank: Some(2),
            above: vec!["A-030".to_owned()]
        })
    );
    assert!(
        p09.iter().skip(1).all(|b| matches!(
            b,
            Breach::QuotaExceeded { state } if &*state.quota == "binding_cap"
        )) && p09.len() == 2,
        "{p09:?}"
    );
    // A referral that holds passes over A-029, never the urgent A-030.
    assert_eq!(
        verdict("P-10").breaches,
        vec![Breach::UrgentPassedOver {
            ground: "referral".to_owned(),
            above: vec!["A-030".to_owned()]
        }]
    );
    assert!(
        verdict("P-11").compliant,
        "a referral that holds, nobody urgent above: {:?}",
        verdict("P-11").breaches
    );
    insta::assert_yaml_snapshot!(verdicts);
}

#[test]
fn allocation_fills_vacancies_under_the_quotas() {
    let (report, data) = setup();
    let run = allocate_all(&report, &data);
    let mut housed = std::collections::BTreeSet::new();
    for v in &run.vacancies {
        if let Some(a) = &v.allocated_to {
            assert!(housed.insert(a.clone()), "{a} housed twice");
            assert!(
                v.quotas.iter().all(|q| !q.exceeded),
                "{} breaks a quota",
                v.unit
            );
        }
    }
    let again = allocate_all(&report, &data);
    assert_eq!(run, again, "deterministic");
    insta::assert_yaml_snapshot!(run);
}

/// Over generated populations: no quota `at most` is exceeded by an
/// allocation the run makes, nobody is housed twice, nobody ineligible is
/// housed.
#[test]
fn allocation_laws_hold_over_generated_populations() {
    use crate::model::generate::{GenerateOptions, generate};
    let report = check_paths(&[PathBuf::from("rules")]);
    let rules = &report.rule_sets[0];
    for seed in [1, 2, 3, 4] {
        let records = generate(&GenerateOptions::new(
            300,
            40,
            seed,
            "2026-03-02".parse().unwrap(),
        ));
        let data = Dataset::new(records);
        let run = allocate(rules, &report.sources, &data, None, None, seed).unwrap();
        let mut housed = std::collections::BTreeSet::new();
        let mut allocations = 0;
        for v in &run.vacancies {
            let Some(a) = &v.allocated_to else { continue };
            allocations += 1;
            assert!(housed.insert(a.clone()), "seed {seed}: {a} housed twice");
            assert!(
                v.quotas.iter().all(|q| !q.exceeded),
                "seed {seed}: {} exceeds a quota",
                v.unit
            );
            let engine =
                crate::eval::Engine::new(rules, &report.sources, &data, v.date, seed).unwrap();
            let decision = engine.decide(
                data.applicant_index(a).unwrap(),
                data.unit_index(&v.unit).unwrap(),
            );
            assert!(
                decision.eligible,
                "seed {seed}: {a} is not eligible for {}",
                v.unit
            );
        }
        assert!(allocations > 0, "seed {seed}: the run housed someone");
    }
}

#[test]
fn a_period_report_shows_each_quota_over_time() {
    let (report, data) = setup();
    let period = crate::allocate::period_report(
        &report.rule_sets[0],
        &report.sources,
        &data,
        "2025-03-01".parse().unwrap(),
        "2026-03-02".parse().unwrap(),
    )
    .unwrap();
    let c04 = period
        .complexes
        .iter()
        .find(|c| c.group.starts_with("C-04"))
        .unwrap();
    assert_eq!(
        c04.allocations, 9,
        "one outside the 12 months, eight inside, all in the period"
    );
    let spare = period
        .shares
        .iter()
        .find(|s| &*s.quota == "spare_fragile" && &*s.scope == "complex C-04")
        .unwrap();
    // On 2026-03-02 the 12 months start on 2025-03-03, leaving out the
    // vrager of 2025-03-02: 6 dragers of 8, exactly the 75% minimum.
    assert_eq!((spare.counted, spare.of), (6, 8));
    assert!(!spare.exceeded);
    insta::assert_yaml_snapshot!(period);
}

/// A fragile complex under its minimum share of dragers refuses no one: a
/// vrager is housed on 2026-03-02 and again on 2026-09-15 (a second vacancy
/// in De Mijnwerkershof with the same candidates); only the share is reported.
#[test]
fn a_fragile_complex_under_its_minimum_refuses_no_one() {
    let (report, data) = setup();
    let mut records = data.records().clone();
    let mut later = records
        .units
        .iter()
        .find(|u| u.id == "U-0401")
        .unwrap()
        .clone();
    later.id = "U-0405".to_owned();
    later.available_from = "2026-09-15".parse().unwrap();
    records.units.push(later);
    for reaction in records
        .reactions
        .clone()
        .iter()
        .filter(|r| r.unit == "U-0401")
    {
        let mut again = reaction.clone();
        again.unit = "U-0405".to_owned();
        records.reactions.push(again);
    }
    let data = Dataset::new(records);
    let run = allocate_all(&report, &data);
    let vacancy = |id: &str| run.vacancies.iter().find(|v| v.unit == id).unwrap();

    // 2026-03-02: the vrager A-045 (ranked first once the teacher is housed
    // elsewhere) makes 6 dragers of 9, under the minimum: housed all the same.
    let first = vacancy("U-0401");
    assert_eq!(first.allocated_to.as_deref(), Some("A-045"));
    assert!(
        !first
            .skipped
            .iter()
            .any(|s| matches!(s, Skip::Quota { .. }))
    );
    let spare = first
        .quotas
        .iter()
        .find(|q| &*q.quota == "spare_fragile")
        .unwrap();
    assert!(spare.below_minimum && !spare.exceeded);
    let later = vacancy("U-0405");
    assert!(later.allocated_to.is_some());
    assert!(
        !later
            .skipped
            .iter()
            .any(|s| matches!(s, Skip::Quota { .. }))
    );
    insta::assert_yaml_snapshot!((first, later));
}

fn proposal(
    id: &str,
    unit: &str,
    applicant: &str,
    basis: crate::model::Basis,
) -> crate::model::Proposal {
    crate::model::Proposal {
        id: id.to_owned(),
        unit: unit.to_owned(),
        applicant: applicant.to_owned(),
        date: "2026-03-02".parse().unwrap(),
        application_date: None,
        basis,
        ground: "test".to_owned(),
    }
}

#[test]
fn every_kind_of_breach_is_named() {
    use crate::model::Basis;
    let (report, data) = setup();
    let proposals = [
        // C-07 holds no art. 8 designation: the claimed rule does not apply.
        proposal("X-1", "U-0701", "A-029", Basis::Rule("wbmgp_income".into())),
        // A tailored ground whose condition does not hold: no fact says
        // yet who is a permit holder, so the ground never holds.
        proposal(
            "X-2",
            "U-0701",
            "A-030",
            Basis::Tailored("permit_holder".into()),
        ),
        // Compliant, and takes the unit …
        proposal(
            "X-3",
            "U-0702",
            "A-034",
            Basis::Priority("regional_binding".into()),
        ),
        // … so a second proposal for it finds the unit let.
        proposal("X-4", "U-0702", "A-032", Basis::Priority("none".into())),
    ];
    let verdicts = validate(
        &report.rule_sets[0],
        &report.sources,
        &data,
        &proposals,
        SEED,
    )
    .unwrap();
    let breaches = |id: &str| &verdicts.iter().find(|v| v.proposal == id).unwrap().breaches;
    assert!(breaches("X-1").contains(&Breach::RuleNotApplicable {
        rule: "wbmgp_income".into()
    }));
    assert_eq!(
        breaches("X-2"),
        &vec![Breach::TailoredNotMet {
            ground: "permit_holder".into()
        }]
    );
    assert!(breaches("X-3").is_empty(), "{:?}", breaches("X-3"));
    assert!(
        breaches("X-4")
            .iter()
            .any(|b| matches!(b, Breach::UnitTaken { applicant, .. } if applicant == "A-034"))
    );
    insta::assert_yaml_snapshot!(verdicts);
}

/// A basis naming nothing the rule set declares is bad input, reported
/// with a suggestion before anything is judged: never a breach.
#[test]
fn an_unknown_basis_is_bad_input_with_a_suggestion() {
    use crate::allocate::ValidateError;
    use crate::model::Basis;
    let (report, data) = setup();
    let proposals = [
        proposal("X-6", "U-0701", "A-031", Basis::Tailored("referal".into())),
        proposal("X-7", "U-0701", "A-030", Basis::Priority("vip".into())),
        proposal("X-8", "U-0701", "A-029", Basis::Rule("referral".into())),
    ];
    let Err(ValidateError::UnknownBasis(unknown)) = validate(
        &report.rule_sets[0],
        &report.sources,
        &data,
        &proposals,
        SEED,
    ) else {
        panic!("an unknown basis is an input error");
    };
    let hints: Vec<_> = unknown.iter().map(|u| u.hint.clone()).collect();
    assert_eq!(
        hints,
        vec![
            Some("did you mean `{tailored: referral}`?".to_owned()),
            None,
            Some("`referral` is declared: write `{tailored: referral}`".to_owned()),
        ]
    );
}

/// A candidate who declined the offer, or did not respond, may be passed
/// over: the ground is recorded with the reaction.
#[test]
fn a_recorded_response_is_a_ground_to_pass_over() {
    use crate::model::{Basis, Response};
    let (report, data) = setup();
    let mut records = data.records().clone();
    for r in records.reactions.iter_mut().filter(|r| r.unit == "U-0401") {
        match r.applicant.as_str() {
            "A-013" => r.response = Some(Response::Declined),
            "A-045" => r.response = Some(Response::NoResponse),
            _ => {}
        }
    }
    let data = Dataset::new(records);
    let p = [proposal(
        "X-5",
        "U-0401",
        "A-039",
        Basis::Priority("none".into()),
    )];
    let verdicts = validate(&report.rule_sets[0], &report.sources, &data, &p, SEED).unwrap();
    assert!(
        !verdicts[0]
            .breaches
            .iter()
            .any(|b| matches!(b, Breach::PassedOver { .. })),
        "{:?}",
        verdicts[0].breaches
    );
    let run = allocate_all(&report, &data);
    let u0401 = run.vacancies.iter().find(|v| v.unit == "U-0401").unwrap();
    assert!(u0401.skipped.iter().any(|s| matches!(s, Skip::Declined { applicant, response, .. } if &**applicant == "A-045" && response == "no_response")));
}

/// A generated population's history lies inside the rule set's term and
/// its parameters' first values, so its whole history can be reported on
/// and its period allocated (E0601 / E0602 before).
#[test]
fn a_generated_population_can_be_reported_on_and_allocated() {
    let (report, options, data) = generated(400, 60, 40, 11);
    let rules = &report.rule_sets[0];
    let first = data.history().iter().map(|h| h.date).min().unwrap();
    let period =
        crate::allocate::period_report(rules, &report.sources, &data, first, options.period_from);
    assert!(period.is_ok(), "{:?}", period.err());
    let run = allocate(rules, &report.sources, &data, None, None, 11).unwrap();
    assert_eq!(run.vacancies.len(), 60);
}

/// Deciding a vacancy's candidates on two threads gives the run one thread
/// gives, on a population with enough candidates a vacancy for both, and
/// with days of several vacancies (decided side by side).
#[test]
fn allocation_is_the_same_on_one_thread_and_two() {
    use crate::allocate::allocate_on;
    let (report, _, data) = generated(600, 30, 200, 5);
    let mut days: Vec<_> = data.units().iter().map(|u| u.available_from).collect();
    days.sort();
    assert!(days.windows(2).any(|w| w[0] == w[1]));
    let rules = &report.rule_sets[0];
    let run = |threads| allocate_on(rules, &report.sources, &data, (None, None), 5, threads);
    let one = run(1).unwrap();
    assert_eq!(one, run(2).unwrap());
    assert_eq!(one, run(3).unwrap());
    assert!(one.vacancies.iter().any(|v| v.allocated_to.is_some()));
}

/// With more than one thread, a day's vacancies are filled while the next
/// day's candidates are decided beside them, on an engine of its own: the
/// run is still the one a single thread gives, on days of one vacancy and
/// of several, with the history judged on engines of its own days, and
/// in a folder without reactions (every applicant a candidate).
#[test]
fn deciding_the_next_day_while_filling_this_one_changes_nothing() {
    use crate::allocate::allocate_on;
    for (applicants, units, reactions, seed) in [(500, 40, 120, 13), (120, 16, 0, 3)] {
        let (report, _, data) = generated(applicants, units, reactions, seed);
        assert_eq!(data.reactions().is_empty(), reactions == 0);
        assert!(!data.history().is_empty());
        let mut days: Vec<_> = data.units().iter().map(|u| u.available_from).collect();
        days.sort();
        days.dedup();
        assert!(days.len() > 2, "{days:?}");
        let rules = &report.rule_sets[0];
        let run = |threads| allocate_on(rules, &report.sources, &data, (None, None), seed, threads);
        let one = run(1).unwrap();
        assert!(one.vacancies.iter().any(|v| v.allocated_to.is_some()));
        for threads in [2, 4] {
            assert_eq!(
                one,
                run(threads).unwrap(),
                "{threads} threads, {reactions} reactions"
            );
        }
    }
}

/// An allocation run's engines stage an applicant's parts for the stretch
/// their facts hold over (only the parts that keep their value over it,
/// walking the others while deciding), and an engine may compute them
/// unstaged and walk every part: every pair of every vacancy's day, with
/// and without a reaction, is decided and ranked by both as with the
/// parts staged for the day.
#[test]
fn unstaged_and_held_applicant_facts_decide_as_staged_ones() {
    use crate::eval::Engine;
    let (report, _, data) = generated(300, 30, 100, 7);
    let rules = &report.rule_sets[0];
    let everyone: Vec<usize> = (0..data.applicants().len()).collect();
    let mut eligible = 0usize;
    for (u, unit) in data.units().iter().enumerate() {
        let date = unit.available_from;
        let staged = Engine::new(rules, &report.sources, &data, date, 5).unwrap();
        let unstaged = Engine::new(rules, &report.sources, &data, date, 5)
            .unwrap()
            .applicants_unstaged();
        let held = (date, crate::compile::Staging::Held);
        let held = Engine::staged(rules, &report.sources, &data, held, 5).unwrap();
        for &a in &everyone {
            let decision = staged.decide(a, u);
            eligible += usize::from(decision.eligible);
            assert_eq!(decision, unstaged.decide(a, u), "{a} for {u} on {date}");
            assert_eq!(decision, held.decide(a, u), "held: {a} for {u} on {date}");
        }
        let ranking = staged.rank(u, &everyone);
        assert_eq!(ranking, unstaged.rank(u, &everyone), "{u} on {date}");
        assert_eq!(ranking, held.rank(u, &everyone), "held: {u} on {date}");
    }
    assert!(eligible > 0);
}

/// The Heerlen rules and a generated population around 2026-03-02.
fn generated(
    applicants: usize,
    units: usize,
    reactions: usize,
    seed: u64,
) -> (CheckReport, crate::model::GenerateOptions, Dataset) {
    use crate::model::generate::{GenerateOptions, generate};
    let report = check_paths(&[PathBuf::from("rules")]);
    let mut options = GenerateOptions::new(applicants, units, seed, "2026-03-02".parse().unwrap());
    options.reactions_per_vacancy = reactions;
    let data = Dataset::new(generate(&options));
    (report, options, data)
}

/// A run written vacancy by vacancy as it is filled gives the bytes the
/// whole-run renderers give: in every format and both languages, redacted
/// or not, and for the run of no vacancy at all.
#[test]
fn a_streamed_run_writes_what_the_whole_run_renders() {
    use crate::allocate::record::AllocationRun;
    use crate::allocate::{allocate_into, allocate_on};
    use crate::progress::Progress;
    use crate::report::allocation_stream::{AllocationStream, Streamed};
    use crate::report::redact::Redactor;
    use crate::report::words::Words;
    use crate::report::workflow;
    use crate::words::Lang;
    let (report, _, data) = generated(400, 30, 120, 3);
    let rules = &report.rule_sets[0];
    let none = "2020-01-01".parse().ok();
    for period in [(None, None), (none, none)] {
        let whole = allocate_on(rules, &report.sources, &data, period, 3, 1).unwrap();
        assert_eq!(whole.vacancies.is_empty(), period.0.is_some());
        for redact in [false, true] {
            let redactor = || redact.then(|| Redactor::with_key(Some("k"), 3));
            let mut expected: AllocationRun = whole.clone();
            if let Some(r) = redactor() {
                r.allocation(&mut expected);
            }
            let (en, nl) = (Words(Lang::En), Words(Lang::Nl));
            let formats = [
                Streamed::Json,
                Streamed::Csv,
                Streamed::Text(en),
                Streamed::Text(nl),
                Streamed::Markdown(en),
                Streamed::Markdown(nl),
                Streamed::Html,
            ];
            for format in formats {
                let mut bytes = Vec::new();
                let mut stream = AllocationStream::begin(&mut bytes, format, 3, redactor());
                let mut take = |v| stream.vacancy(v);
                let shown = (&Progress::hidden(), "");
                let sides = (rules, &report.sources, &data);
                let run = allocate_into(sides, period, (3, 2), shown, &mut take);
                assert!(run.is_ok(), "{run:?}");
                stream.end().unwrap();
                let rendered = match format {
                    Streamed::Json => crate::report::json::render_value(&expected).unwrap(),
                    Streamed::Csv => crate::report::csv::allocation(&expected).unwrap(),
                    Streamed::Text(w) => workflow::allocation_text_in(&expected, w),
                    Streamed::Markdown(w) => workflow::allocation_markdown_in(&expected, w),
                    Streamed::Html => crate::report::html::workflow::allocation(&expected),
                };
                assert_eq!(
                    String::from_utf8(bytes).unwrap(),
                    rendered,
                    "{format:?} {redact}"
                );
            }
        }
    }
}

/// A vacancy's lineup puts its eligible candidates in the order `rank`
/// gives (every key compared, then the applicant id), whether the keys
/// before the draw are sorted as words (whole numbers, measured stretches,
/// with and without a draw, several of them) or compared as values (a date).
#[test]
fn a_lineup_ranks_as_the_ranking_does() {
    use crate::eval::Engine;
    let dir = std::env::temp_dir().join(format!("toewijzer-lineup-{}", std::process::id()));
    let heerlen = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/heerlen");
    let written = "  by priority, applicant.registration_duration desc, lottery";
    let orders = [
        written,
        "  by priority, applicant.registration_duration desc",
        "  by points(profile) desc, priority, applicant.registration_duration asc, lottery",
        "  by priority, applicant.registered_on asc, lottery",
    ];
    let (_, _, data) = generated(400, 12, 120, 17);
    for (k, order) in orders.iter().enumerate() {
        let to = dir.join(k.to_string());
        std::fs::create_dir_all(&to).unwrap();
        for file in std::fs::read_dir(&heerlen).unwrap() {
            let path = file.unwrap().path();
            if path.extension().is_some_and(|e| e == "rules") {
                let text = std::fs::read_to_string(&path).unwrap();
                assert!(!path.ends_with("heerlen.rules") || text.contains(written));
                let text = text.replace(written, order);
                std::fs::write(to.join(path.file_name().unwrap()), text).unwrap();
            }
        }
        let report = check_paths(&[to]);
        assert!(!report.has_errors(), "{order}: {:?}", report.diagnostics);
        let rules = &report.rule_sets[0];
        let mut ranked = 0usize;
        for (u, unit) in data.units().iter().enumerate() {
            let engine =
                Engine::new(rules, &report.sources, &data, unit.available_from, 3).unwrap();
            let candidates: Vec<usize> = data
                .candidates(u)
                .iter()
                .filter_map(|a| data.applicant_index(&a.id))
                .collect();
            let lineup = engine.lineup_on(u, &candidates, 1);
            let by_lineup: Vec<&str> = (0..)
                .map_while(|i| lineup.eligible_at(i))
                .map(|(a, _)| data.applicants()[a].id.as_str())
                .collect();
            let ranking = engine.rank(u, &candidates);
            let by_rank: Vec<&str> = ranking
                .candidates
                .iter()
                .filter(|c| c.rank.is_some())
                .map(|c| c.applicant.as_str())
                .collect();
            assert_eq!(by_lineup, by_rank, "{order}, unit {}", unit.id);
            ranked += by_rank.len();
        }
        assert!(ranked > 100, "{order}: {ranked} ranked");
    }
    std::fs::remove_dir_all(&dir).ok();
}
