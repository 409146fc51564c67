//! `--redact` leaves no way back to a person: every command that prints an
//! applicant is run redacted on the Heerlen-Noord scenario, in every
//! format, and its output searched for every applicant id, birth date (in
//! every spelling the renderers use), exact age, personal date, free-text
//! value, urgency ground and aandachtsgroep route of the data folder. None
//! may remain. One redacted explanation is snapshotted so a reviewer sees
//! what redaction looks like.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{Datelike, Months, NaiveDate};
use serde_yaml::Value;

mod support;

use support::cli::{SCENARIO, SIMULATED, run, shown};

const DATA: &str = "fixtures/heerlen-noord";
const REFERENCE: (i32, u32, u32) = (2026, 3, 2);
const FORMATS: [&str; 4] = ["text", "json", "markdown", "html"];

fn yaml(file: &str) -> Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(DATA).join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_default();
    if text.is_empty() {
        return Value::Null;
    }
    serde_yaml::from_str(&text).unwrap()
}

/// Every (key, string) pair anywhere below `v`.
fn strings<'v>(v: &'v Value, key: &str, out: &mut Vec<(String, &'v str)>) {
    match v {
        Value::String(s) => out.push((key.to_owned(), s)),
        Value::Sequence(items) => items.iter().for_each(|i| strings(i, key, out)),
        Value::Mapping(m) => {
            for (k, v) in m {
                let k = k.as_str().unwrap_or_default();
                strings(v, k, out);
            }
        }
        _ => {}
    }
}

fn date(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

/// What the data folder says of persons, as the outputs must not show it.
#[derive(Default, Debug)]
struct Personal {
    ids: BTreeSet<String>,
    birth_dates: BTreeSet<NaiveDate>,
    dates: BTreeSet<NaiveDate>,
    free_text: BTreeSet<String>,
    grounds: BTreeSet<String>,
}

/// Free-text fields of the data format (docs/data-format.md).
const FREE_TEXT: [&str; 6] = [
    "ground",
    "reason",
    "profession",
    "course",
    "organisation",
    "decided_by",
];

fn personal() -> Personal {
    let mut p = Personal::default();
    let applicants = yaml("applicants.yaml");
    let mut found = Vec::new();
    for a in applicants["applicants"].as_sequence().unwrap() {
        p.ids.insert(a["id"].as_str().unwrap().to_owned());
        if let Some(c) = a["urgency"]["category"].as_str() {
            p.grounds.insert(c.to_owned());
        }
        if let Some(r) = a["aandachtsgroep"]["route"].as_str() {
            // `other` is every other word's neighbour, not a ground.
            if r != "other" {
                p.grounds.insert(r.to_owned());
            }
        }
        strings(a, "", &mut found);
    }
    for (key, value) in &found {
        if FREE_TEXT.contains(&key.as_str()) {
            p.free_text.insert((*value).to_owned());
        }
    }
    // Dates serde_yaml reads as strings; keyed by field.
    let mut walk = Vec::new();
    dates_in(&applicants, "", &mut walk);
    for (key, d) in walk {
        if key == "birth_date" {
            p.birth_dates.insert(d);
        } else {
            p.dates.insert(d);
        }
    }
    for file in ["history.yaml", "reactions.yaml", "proposals.yaml"] {
        let v = yaml(file);
        let mut found = Vec::new();
        strings(&v, "", &mut found);
        for (key, value) in found {
            if key == "applicant" {
                p.ids.insert(value.to_owned());
            }
            if FREE_TEXT.contains(&key.as_str()) {
                p.free_text.insert(value.to_owned());
            }
        }
    }
    // A date the unit, the complex, the rules or the process also carry
    // (an allocation's day, a designation's) is not the file's to hide.
    let mut public = BTreeSet::new();
    for file in [
        "units.yaml",
        "complexes.yaml",
        "buurten.yaml",
        "history.yaml",
        "reactions.yaml",
        "proposals.yaml",
    ] {
        let mut walk = Vec::new();
        dates_in(&yaml(file), "", &mut walk);
        public.extend(walk.into_iter().map(|(_, d)| d));
    }
    // A rolling 12-month quota window ends on an allocation's day and
    // starts the day after the same day a year before.
    let windows: Vec<NaiveDate> = public
        .iter()
        .filter_map(|d| d.checked_sub_months(Months::new(12))?.succ_opt())
        .collect();
    public.extend(windows);
    for rules in rule_texts() {
        public.extend(
            rules
                .split(|c: char| !(c.is_ascii_digit() || c == '-'))
                .filter_map(date),
        );
    }
    let reference = NaiveDate::from_ymd_opt(REFERENCE.0, REFERENCE.1, REFERENCE.2).unwrap();
    for back in 0..=13 {
        // Quota windows and the days around the reference date.
        let d = reference.checked_sub_months(Months::new(back)).unwrap();
        public.insert(d);
        public.insert(d.pred_opt().unwrap());
        public.insert(d.succ_opt().unwrap());
    }
    p.dates
        .retain(|d| !public.contains(d) && !p.birth_dates.contains(d));
    p
}

fn dates_in(v: &Value, key: &str, out: &mut Vec<(String, NaiveDate)>) {
    let mut found = Vec::new();
    strings(v, key, &mut found);
    out.extend(
        found
            .into_iter()
            .filter_map(|(k, s)| date(s).map(|d| (k, d))),
    );
}

/// The text of every rule and variant file of the scenario.
fn rule_texts() -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules/heerlen");
    let mut out = Vec::new();
    for dir in [root.clone(), root.join("variants")] {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_file() {
                out.push(std::fs::read_to_string(path).unwrap_or_default());
            }
        }
    }
    out
}

/// Every string literal of the rules (titles, sources, messages): the
/// rules may name an urgency ground where they quote the law; only values
/// may not.
fn rule_quotes() -> Vec<String> {
    let mut out = Vec::new();
    for text in rule_texts() {
        for (i, piece) in text.split('"').enumerate() {
            if i % 2 == 1 && piece.len() > 3 {
                out.push(normal(piece));
            }
        }
    }
    out.sort_by_key(|q| std::cmp::Reverse(q.len()));
    out
}

const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Every spelling of a day the renderers (or a careless one) could use.
fn spellings(d: NaiveDate) -> Vec<String> {
    let (y, m, day) = (d.year(), d.month(), d.day());
    let i = (m - 1) as usize;
    vec![
        d.format("%Y-%m-%d").to_string(),
        d.format("%d-%m-%Y").to_string(),
        d.format("%d/%m/%Y").to_string(),
        d.format("%Y%m%d").to_string(),
        // The letters' Dutch (`3 april 2001`), as they spell it.
        format!("{day} {} {y}", MONTHS_NL[i]),
        format!("{day} {} {y}", MONTHS_EN[i]),
        format!("{} {day}, {y}", MONTHS_EN[i]),
        format!("{day}-{m}-{y}"),
    ]
}

/// The exact age on the reference date of someone born on `birth`, as a
/// measured duration is written (`37 years 7 months 16 days`), and its
/// Dutch forms.
fn ages(birth: NaiveDate) -> Vec<String> {
    let reference = NaiveDate::from_ymd_opt(REFERENCE.0, REFERENCE.1, REFERENCE.2).unwrap();
    let mut months = 0u32;
    while birth.checked_add_months(Months::new(months + 1)).unwrap() <= reference {
        months += 1;
    }
    let at = birth.checked_add_months(Months::new(months)).unwrap();
    let days = (reference - at).num_days();
    let (y, m) = (months / 12, months % 12);
    let mut out = vec![format!("leeftijd {y}"), format!("aged {y}")];
    // A birthday on the reference date reads `18 years` (`18 jaar`), as a
    // rule's own term does (`adult_age = 18 jaar` in a Dutch trace): only
    // its phrasings as an age tell it apart. Past a birthday the exact age
    // has months or days, in both languages.
    match (m, days) {
        (0, 0) => {
            out.push(format!("{y} jaar oud"));
            out.push(format!("leeftijd {y} jaar"));
        }
        (0, d) => {
            out.push(format!("{y} years {d} day"));
            out.push(format!("{y} jaar en {d} dag"));
        }
        (m, _) => {
            out.push(format!("{y} years {m} month"));
            out.push(format!("{y} jaar en {m} maand"));
            out.push(format!("{y} jaar, {m} maand"));
        }
    }
    out
}

/// Whitespace runs as one space, lower case: wrapped lines read as one.
fn normal(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether `needle` occurs in `hay` as a whole word (no letter, digit,
/// `_` or `-` on either side), or, for a phrase, at all.
fn contains_word(hay: &str, needle: &str) -> bool {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '-';
    hay.match_indices(needle).any(|(at, _)| {
        let before = hay[..at].chars().next_back();
        let after = hay[at + needle.len()..].chars().next();
        !before.is_some_and(word) && !after.is_some_and(word)
    })
}

/// Every way `id` could be written (`A-001`, `a001`, `A 001`).
fn id_spellings(id: &str) -> Vec<String> {
    let bare: String = id.chars().filter(|c| c.is_alphanumeric()).collect();
    vec![
        normal(id),
        bare.to_lowercase(),
        normal(&id.replace('-', " ")),
    ]
}

/// Everything in `output` that leads back to a person.
fn leaks(output: &str, p: &Personal, quotes: &[String]) -> Vec<String> {
    let text = normal(output);
    let mut found = Vec::new();
    for id in &p.ids {
        for s in id_spellings(id) {
            if contains_word(&text, &s) {
                found.push(format!("applicant id `{s}`"));
            }
        }
    }
    for d in p.birth_dates.iter().chain(&p.dates) {
        for s in spellings(*d) {
            if contains_word(&text, &s) {
                found.push(format!("date `{s}`"));
            }
        }
    }
    // The rules quote the law, which may name a ground or an age (`16
    // jaar en ouder`); take their quotes out before looking for those.
    let mut unquoted = text.clone();
    for q in quotes {
        unquoted = unquoted.replace(q.as_str(), " ");
    }
    for d in &p.birth_dates {
        for s in ages(*d) {
            if contains_word(&unquoted, &s)
                || [" day", " month", " dag", " maand"]
                    .iter()
                    .any(|e| s.ends_with(e))
                    && text.contains(&s)
            {
                found.push(format!("exact age `{s}`"));
            }
        }
    }
    // The rules' own words are public (a parameter titled "leraren,
    // politie, verpleegkundigen" is not a person's profession), so free
    // text is looked for outside their quotes too.
    for t in &p.free_text {
        let t = normal(t);
        if unquoted.contains(&t) {
            found.push(format!("free text `{t}`"));
        }
        // A part of it (`mantelzorg voor moeder in heerlen-noord` of a
        // longer ground) gives it away as well.
        for part in t
            .split([';', ',', '(', ')'])
            .map(str::trim)
            .filter(|s| s.len() >= 12)
        {
            if unquoted.contains(part) {
                found.push(format!("free text part `{part}`"));
            }
        }
    }
    for g in &p.grounds {
        for s in [normal(g), normal(&g.replace('_', " "))] {
            if contains_word(&unquoted, &s) {
                found.push(format!("ground `{s}`"));
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

fn scenario(command: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec![command.to_owned()];
    args.extend(SCENARIO.iter().map(|s| (*s).to_owned()));
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args
}

fn workflow(command: &str, extra: &[&str]) -> Vec<String> {
    let mut args = vec![command.to_owned()];
    args.extend(SCENARIO[..4].iter().map(|s| (*s).to_owned()));
    args.extend(extra.iter().map(|s| (*s).to_owned()));
    args
}

/// Every command that prints a person, redacted, in every format.
fn commands(p: &Personal) -> Vec<Vec<String>> {
    let mut all = Vec::new();
    let reactions = yaml("reactions.yaml");
    let pairs: Vec<(String, String)> = reactions["reactions"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["applicant"].as_str().unwrap().to_owned(),
                r["unit"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let units: BTreeSet<&str> = pairs.iter().map(|(_, u)| u.as_str()).collect();
    for f in FORMATS {
        all.push(scenario("eval", &["--format", f]));
        all.push(scenario("eval", &["--format", f, "--trace"]));
        all.push(workflow("validate", &["--format", f]));
        all.push(workflow("allocate", &["--format", f]));
        all.push(workflow(
            "report",
            &[
                "--from",
                "2025-01-01",
                "--until",
                "2026-12-31",
                "--format",
                f,
            ],
        ));
        for variant in ["art8_income_only", "fragile_strict", "gms_art8"] {
            let path = format!("rules/heerlen/variants/{variant}.variant");
            all.push(scenario("diff", &["--variant", &path, "--format", f]));
        }
        all.push(scenario(
            "diff",
            &[
                "--variant",
                "rules/heerlen/variants/art8_income_only.variant",
                "--every-applicant",
                "--period",
                "2026-01-01..2026-12-31",
                "--format",
                f,
            ],
        ));
    }
    // simulate: the figures, and the paths of the households with the most
    // to hide (urgency, hardship, aandachtsgroep, the art. 8 what-if).
    let simulate = |extra: &[&str]| {
        let mut args = SIMULATED.to_vec();
        args.extend(extra);
        workflow("simulate", &args)
    };
    for f in FORMATS {
        all.push(simulate(&["--format", f]));
        for a in ["A-054", "A-010", "A-030", "A-029", "A-046"] {
            all.push(simulate(&["--explain-household", a, "--format", f]));
        }
    }
    for u in &units {
        all.push(scenario("rank", &["--unit", u]));
        all.push(scenario("rank", &["--unit", u, "--format", "json"]));
    }
    // A rank's and an explanation's HTML page: its command line names the
    // applicant, and must not once redacted.
    all.push(scenario("rank", &["--unit", "U-0101", "--format", "html"]));
    // Explain every reaction; the files with the most to hide in every format.
    let telling = |a: &str| {
        p.ids.contains(a) && ["A-010", "A-029", "A-030", "A-031", "A-020", "A-013"].contains(&a)
    };
    for (a, u) in &pairs {
        all.push(scenario("explain", &["--applicant", a, "--unit", u]));
        if telling(a) {
            for f in ["json", "markdown", "html"] {
                all.push(scenario(
                    "explain",
                    &["--applicant", a, "--unit", u, "--format", f],
                ));
            }
            // Dutch spells days and amounts its own way.
            all.push(scenario(
                "explain",
                &["--applicant", a, "--unit", u, "--lang", "nl"],
            ));
        }
    }
    for args in &mut all {
        args.push("--redact".into());
    }
    all
}

#[test]
fn redaction_leaves_no_way_back_to_a_person() {
    let p = personal();
    // The search itself must find what it looks for.
    assert!(p.ids.contains("A-001") && p.ids.len() > 40, "{:?}", p.ids);
    assert!(
        p.free_text
            .iter()
            .any(|t| t.contains("mantelzorg voor moeder"))
    );
    assert!(p.grounds.contains("shelter_after_violence"));
    assert!(!p.dates.is_empty());
    let quotes = rule_quotes();
    let plain = run(
        &scenario("explain", &["--applicant", "A-001", "--unit", "U-0101"])
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
    );
    let found = leaks(&plain.stdout, &p, &quotes);
    assert!(
        found.iter().any(|l| l.contains("a-001"))
            && found.iter().any(|l| l.contains("37 years 7 month")),
        "the unredacted explanation names A-001 and their age: {found:?}"
    );
    let mut failures = Vec::new();
    let mut evidence = 0usize;
    for args in commands(&p) {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = run(&args);
        evidence += r.stdout.matches("record: ").count() + r.stdout.matches("gegeven: ").count();
        assert!(r.code == 0 || r.code == 1, "{}", shown(&args, &r));
        let found = leaks(&format!("{}\n{}", r.stdout, r.stderr), &p, &quotes);
        if !found.is_empty() {
            failures.push(format!(
                "toewijzer {}: {}",
                args.join(" "),
                found.join(", ")
            ));
        }
    }
    let kinds: BTreeSet<String> = failures
        .iter()
        .flat_map(|f| {
            f.split(": ")
                .nth(1)
                .unwrap_or_default()
                .split(", ")
                .map(str::to_owned)
                .collect::<Vec<_>>()
        })
        .collect();
    eprintln!("leak kinds: {kinds:?}");
    // The records behind facts are searched too: the traces carry them.
    assert!(evidence > 100, "only {evidence} evidence lines searched");
    assert!(
        failures.is_empty(),
        "redacted outputs lead back to a person:\n{}",
        failures.join("\n")
    );
}

#[test]
fn a_redacted_output_does_not_change_with_a_persons_ground() {
    // Another urgency ground or aandachtsgroep route on the same file
    // changes nothing a redacted reader sees (the input hashes aside).
    let dir = support::cli::scratch("redact", "grounds");
    let source = Path::new(env!("CARGO_MANIFEST_DIR")).join(DATA);
    for entry in std::fs::read_dir(&source).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let text = if path.ends_with("applicants.yaml") {
            text.replace("category: shelter_after_violence", "category: loss_of_home")
                .replace("route: shelter\n", "route: youth_care\n")
        } else {
            text
        };
        std::fs::write(dir.join(path.file_name().unwrap()), text).unwrap();
    }
    let data = dir.to_str().unwrap();
    for command in [
        vec!["eval", "--trace"],
        vec!["validate"],
        vec!["explain", "--applicant", "A-030", "--unit", "U-0701"],
    ] {
        let date: &[&str] = if command[0] == "validate" {
            &[]
        } else {
            &["--date", "2026-03-02"]
        };
        let with = |folder: &str| {
            let mut args = vec![command[0], "--rules", "rules/heerlen", "--data", folder];
            args.extend(date);
            args.extend(&command[1..]);
            args.push("--redact");
            run(&args).stdout.replace(folder, "DATA")
        };
        assert_eq!(with(DATA), with(data), "{command:?}");
    }
}

#[test]
fn a_redacted_explanation_reads_so() {
    let args = scenario(
        "explain",
        &["--applicant", "A-010", "--unit", "U-0102", "--redact"],
    );
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let r = run(&args);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("redacted"));
    insta::assert_snapshot!("explain_redacted", shown(&args, &r));
}
