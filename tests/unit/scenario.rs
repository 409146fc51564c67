//! The Heerlen-Noord scenario says what each file exercises; these tests hold
//! it to that, so a change to the data or to a derived fact cannot silently
//! move a boundary case off its boundary.

// Helpers outside `#[test]` functions unwrap too: a broken fixture should fail loudly.
use std::path::Path;

use crate::model::dates::{between, window_start};
use crate::model::{Dataset, load_dataset};
use crate::vocab::{IncomeSource, OverrideKind};
use chrono::{Datelike, NaiveDate};

/// The seven municipalities of Parkstad Limburg, as the generator knows them.
const PARKSTAD: &[&str] = &crate::model::generate::PARKSTAD;

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn reference() -> NaiveDate {
    d("2026-03-02")
}

fn scenario() -> Dataset {
    load_dataset(Path::new("fixtures/heerlen-noord"))
        .unwrap_or_else(|e| panic!("{}", e.render_text()))
}

#[test]
fn residence_boundaries() {
    let ds = scenario();
    // Whole years of the unbroken stretch that ends the day before the
    // reference date.
    let years = |id: &str| {
        ds.applicant(id)
            .unwrap()
            .residence_history()
            .stretch_before(PARKSTAD, reference())
            .and_then(|(from, until)| between(from, until))
            .map_or(0, |(months, _)| months / 12)
    };
    assert_eq!(years("A-001"), 6, "exactly six continuous years");
    assert_eq!(years("A-002"), 5, "one day short");
    assert_eq!(years("A-009"), 12);
    assert_eq!(years("A-007"), 0);
    // The longest unbroken stretch in the ten years before it.
    let of_ten = |id: &str| {
        let start = reference().with_year(2016).unwrap();
        ds.applicant(id)
            .unwrap()
            .residence_history()
            .longest_stretch(PARKSTAD, start, reference())
            .and_then(|(from, until)| between(from, until))
            .map_or(0, |(months, _)| months / 12)
    };
    assert_eq!(
        of_ten("A-003"),
        6,
        "exactly six unbroken years of the last ten"
    );
    assert_eq!(
        of_ten("A-004"),
        5,
        "one day short of six unbroken years of ten"
    );
}

#[test]
fn income_sources() {
    let ds = scenario();
    let sources = |id: &str| {
        ds.applicant(id)
            .unwrap()
            .household
            .income_sources_on(reference())
    };
    assert!(sources("A-005").contains(IncomeSource::Aow));
    assert!(sources("A-007").contains(IncomeSource::SocialAssistance));
    let art8 = crate::model::IncomeSources::of(IncomeSource::WBMGP_ART8);
    assert!(!sources("A-012").intersects(art8));
    assert!(sources("A-049").intersects(art8), "the partner works");
    let main_49 = ds.applicant("A-049").unwrap().household.main().unwrap();
    assert!(!main_49.income_sources_on(reference()).intersects(art8));
    let income = |id: &str| ds.applicant(id).unwrap().household.income_on(reference());
    assert_eq!(income("A-041").to_string(), "51537.00");
    assert_eq!(income("A-044").to_string(), "39925.00");
}

#[test]
fn work_and_study_boundaries() {
    let ds = scenario();
    let work = |id: &str| ds.applicant(id).unwrap().work_in(PARKSTAD, reference());
    let a14 = work("A-014").unwrap();
    assert_eq!(a14.since, window_start(reference(), 1).pred_opt().unwrap());
    let a15 = work("A-015").unwrap();
    assert!(a15.since > window_start(reference(), 1).pred_opt().unwrap());
    assert_eq!(work("A-017").unwrap().hours_per_week.to_string(), "18");
    assert!(work("A-013").is_some());
    let study = ds
        .applicant("A-019")
        .unwrap()
        .study_in(PARKSTAD, reference());
    assert_eq!(study.unwrap().hours_per_week.to_string(), "19");
    assert!(ds.applicant("A-018").unwrap().household.has_student());
    assert!(ds.applicant("A-035").unwrap().volunteers_on(reference()));
}

#[test]
fn urgency_registration_and_age_boundaries() {
    let ds = scenario();
    let a = |id: &str| ds.applicant(id).unwrap();
    assert!(a("A-020").urgency_valid_on(reference()));
    assert!(!a("A-021").urgency_valid_on(reference()));
    assert!(!a("A-022").urgency_valid_on(reference()));
    assert!(a("A-023").urgency_valid_on(reference()));
    assert!(!a("A-023").registration.active_on(reference()));
    assert!(!a("A-047").registration.active_on(reference()));
    assert!(a("A-047").registration.active_on(d("2026-03-03")));
    assert!(a("A-048").registration.active_on(reference()));
    assert_eq!(
        a("A-046")
            .registration
            .days_on(reference(), a("A-046").household.main().unwrap().birth_date),
        0
    );
    assert_eq!(
        a("A-045")
            .registration
            .years_on(reference(), a("A-045").household.main().unwrap().birth_date),
        18
    );
    let main = |id: &str| a(id).household.main().unwrap().clone();
    assert_eq!(main("A-032").age_on(reference()), 18);
    assert_eq!(main("A-032").age_on(d("2026-03-01")), 17);
    assert!(main("A-033").is_adult_on(reference()));
    assert!(!main("A-033").is_adult_on(d("2026-02-28")));
    assert_eq!(a("A-034").household.adults_on(reference()), 1);
    assert_eq!(a("A-034").household.adults_on(d("2026-03-03")), 2);
}

#[test]
fn screening_and_decisions() {
    let ds = scenario();
    // Each applied for U-0201 in C-02; the day of the application is the
    // reaction's.
    let objection = |id: &str| {
        let application = ds
            .reactions()
            .iter()
            .find(|r| ds.applicant_id(r.applicant) == id && ds.unit_id(r.unit) == "U-0201")
            .unwrap()
            .date;
        ds.applicant(id)
            .unwrap()
            .screening_objection_for(application, reference(), 4, "U-0201", "C-02")
            .is_some()
    };
    assert!(
        objection("A-024"),
        "conduct from the first day of the lookback"
    );
    assert!(!objection("A-025"), "conduct from one day before it");
    assert!(
        objection("A-026"),
        "the child turns 16 on the day of the application"
    );
    assert!(
        !objection("A-027"),
        "the child is 15 on the day of the application"
    );
    assert!(!objection("A-028"), "no objection");
    let hardship = |id: &str, unit: &str, complex: &str| {
        ds.applicant(id)
            .unwrap()
            .decision_for(
                OverrideKind::Hardship,
                "wbmgp_income",
                reference(),
                unit,
                complex,
            )
            .is_some()
    };
    assert!(hardship("A-010", "U-0102", "C-01"));
    assert!(
        !hardship("A-010", "U-0201", "C-02"),
        "another complex; the one for U-0201 ended"
    );
    assert!(
        !hardship("A-011", "U-0102", "C-01"),
        "decided the day after"
    );
}

#[test]
fn designations_start_and_end_around_the_reference_date() {
    let ds = scenario();
    let on = |c: &str, kind: &str, date| ds.complex(c).unwrap().designated_on(kind, date);
    let day_before = d("2026-03-01");
    let day_after = d("2026-03-03");
    assert!(!on("C-01", "wbmgp_art8", day_before));
    assert!(on("C-01", "wbmgp_art8", reference()));
    assert!(on("C-02", "wbmgp_art8", reference()));
    assert!(!on("C-02", "wbmgp_art8", day_after));
    assert!(on("C-02", "wbmgp_art10", reference()));
    assert!(!on("C-05", "wbmgp_art10", reference()));
    assert!(on("C-05", "wbmgp_art10", day_after));
    assert!(!on("C-06", "wbmgp_art8", reference()));
    assert!(on("C-04", "fragile", reference()));
}

#[test]
fn lookups_follow_unit_to_complex_to_buurt() {
    let ds = scenario();
    let unit = ds.unit("U-0701").unwrap();
    let buurt = ds.buurt_of_unit(unit).unwrap();
    assert_eq!(buurt.name, "Eikenderveld");
    assert!(buurt.above_average());
    let dem = ds.buurt_of_unit(ds.unit("U-0801").unwrap()).unwrap();
    assert!(!dem.above_average(), "resilience exactly at the average");
    let i = ds.unit_index("U-0401").unwrap();
    assert_eq!(ds.complex_of_unit(i).unwrap().id, "C-04");
    let candidates: Vec<&str> = ds.candidates(i).iter().map(|a| a.id.as_str()).collect();
    assert_eq!(candidates, ["A-039", "A-013", "A-045"]);
}

#[test]
fn the_fragile_complex_stands_exactly_at_a_quarter_vragers() {
    let ds = scenario();
    let start = window_start(reference(), 1);
    let in_window: Vec<_> = ds
        .history()
        .iter()
        .filter(|a| {
            ds.unit(&a.unit).is_some_and(|u| u.complex == "C-04")
                && start <= a.date
                && a.date <= reference()
        })
        .collect();
    let vragers = in_window
        .iter()
        .filter(|a| a.classification == "vrager")
        .count();
    assert_eq!((in_window.len(), vragers), (8, 2));
}
