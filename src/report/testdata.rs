//! A hand-built run for the renderers' and redaction's unit tests: two
//! decisions on one unit (one refused by two gates, one eligible with an
//! exemption) and the unit's ranking, shaped like the Heerlen rules.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use chrono::NaiveDate;

use crate::eval::record::*;

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn rule(id: &str, kind: RuleKind, title: &str, source: &str, outcome: Outcome) -> RuleRecord {
    RuleRecord {
        id: id.into(),
        kind,
        title: title.into(),
        source: source.into(),
        outcome,
        message: None,
        rests_on_generalised: false,
        trace: Vec::new(),
    }
}

/// A small run of the kind the engine produces, traced.
pub fn sample_output() -> EvalOutput {
    let header = RunHeader {
        schema_version: SCHEMA_VERSION,
        engine: "toewijzer 0.1.0".into(),
        ruleset: RuleSetId {
            name: "heerlen".into(),
            title: "Toewijzingsregels Heerlen-Noord".into(),
            version: "2026.1".into(),
        },
        rule_files: vec![FileHash {
            path: "rules/heerlen/heerlen.rules".into(),
            sha256: "ab".repeat(32),
        }],
        input_files: vec![FileHash {
            path: "fixtures/heerlen-noord/units.yaml".into(),
            sha256: "cd".repeat(32),
        }],
        reference_date: date(2026, 3, 2),
        seed: 0,
        redacted: false,
        generalised: Vec::new(),
        traced: true,
    };
    let mut art8 = rule(
        "wbmgp_art8_income",
        RuleKind::Gate,
        "Inkomenseis in aangewezen complex",
        "Wbmgp art. 8 lid 1",
        Outcome::Failed,
    );
    art8.message =
        Some("5 years 364 days onafgebroken in Parkstad; inkomen uit social_assistance".into());
    art8.trace = vec![
        Event::Designation {
            kind: "wbmgp_art8".into(),
            complex: "C-01".into(),
            valid: true,
            period: Some("2026-03-02 – 2030-03-01".into()),
            decision: Some("Raadsbesluit 2025-09-24".into()),
        },
        Event::Condition {
            clause: "applies when".into(),
            result: true,
        },
        Event::Fact {
            expr: "applicant.residence_in(parkstad)".into(),
            value: "5 years 364 days".into(),
            evidence: vec![Evidence::Residence {
                municipality: "Heerlen".into(),
                from: Day::Date(date(2020, 3, 3)),
                until: None,
            }],
        },
        Event::Fact {
            expr: "applicant.birth_date".into(),
            value: "1990-05-01".into(),
            evidence: Vec::new(),
        },
        Event::Param {
            name: "wbmgp_residence".into(),
            value: "6 years".into(),
            from: date(2024, 1, 1),
            until: None,
            unverified: None,
        },
        Event::Compare {
            expr: "applicant.residence_in(parkstad) >= wbmgp_residence".into(),
            lhs: "5 years 364 days".into(),
            op: ">=".into(),
            rhs: "6 years".into(),
            result: false,
        },
        Event::Condition {
            clause: "require".into(),
            result: false,
        },
    ];
    let mut fit = rule(
        "household_fit",
        RuleKind::Gate,
        "Woning past bij het huishouden",
        "HVV Heerlen: passendheid van woning en huishouden",
        Outcome::Failed,
    );
    fit.message = Some("1 kamers voor een huishouden van 3".into());
    let refused = DecisionRecord {
        applicant: "A-001".into(),
        unit: "U-0101".into(),
        eligible: false,
        failed: vec!["wbmgp_art8_income".into(), "household_fit".into()],
        priority: None,
        points: vec![Score {
            rule: "profile".into(),
            total: 0,
        }],
        application: Application {
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default(),
            basis: ApplicationBasis::ReferenceDate,
        },
        classifications: vec![Label {
            rule: "capacity".into(),
            label: "vrager".into(),
        }],
        unverified: Vec::new(),
        rules: vec![
            art8,
            fit,
            rule(
                "urgency",
                RuleKind::Priority,
                "Urgentie",
                "Hw2014 art. 12",
                Outcome::NotMember,
            ),
            rule(
                "profile",
                RuleKind::Points,
                "Sociaaleconomisch profiel",
                "Wbmgp art. 9",
                Outcome::Scored { total: 0 },
            ),
            rule(
                "capacity",
                RuleKind::Classify,
                "Draagkracht van het huishouden",
                "Collegebrief Heerlen 20-06-2023",
                Outcome::Labelled {
                    label: "vrager".into(),
                },
            ),
        ],
    };
    let eligible = DecisionRecord {
        applicant: "A-010".into(),
        unit: "U-0101".into(),
        eligible: true,
        failed: Vec::new(),
        priority: Some("urgency".into()),
        points: vec![Score {
            rule: "profile".into(),
            total: 3,
        }],
        application: Application {
            date: NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default(),
            basis: ApplicationBasis::ReferenceDate,
        },
        classifications: vec![Label {
            rule: "capacity".into(),
            label: "drager".into(),
        }],
        unverified: vec!["daeb_income_limit_single".into()],
        rules: vec![
            rule(
                "wbmgp_art8_income",
                RuleKind::Gate,
                "Inkomenseis in aangewezen complex",
                "Wbmgp art. 8 lid 1",
                Outcome::Overridden {
                    because: "hardheidsclausule (art. 8 lid 2)".into(),
                    decided_by: "burgemeester".into(),
                    decided_on: date(2026, 2, 15).into(),
                    ground: "medische noodzaak".into(),
                },
            ),
            rule(
                "draagkrachttoets",
                RuleKind::Gate,
                "Draagkrachttoets buurt",
                "Beleidsregel Huisvesting aandachtsgroepen 2024 (Heerlen)",
                Outcome::NotApplicable,
            ),
            rule(
                "urgency",
                RuleKind::Priority,
                "Urgentie",
                "Hw2014 art. 12",
                Outcome::Member,
            ),
        ],
    };
    let ranking = Ranking {
        unit: "U-0101".into(),
        keys: vec![
            "priority".into(),
            "applicant.registration_duration desc".into(),
            "lottery".into(),
        ],
        candidates: vec![
            Candidate {
                applicant: "A-010".into(),
                rank: Some(1),
                failed: Vec::new(),
                keys: vec!["urgency".into(), "3 years 2 months".into(), "0.4172".into()],
                separated_by: None,
            },
            Candidate {
                applicant: "A-001".into(),
                rank: None,
                failed: vec!["wbmgp_art8_income".into(), "household_fit".into()],
                keys: Vec::new(),
                separated_by: None,
            },
        ],
    };
    EvalOutput {
        header,
        decisions: vec![refused, eligible],
        rankings: vec![ranking],
    }
}
