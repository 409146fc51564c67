//! The legal limits judge what a rule means, not how it is spelled: lawful
//! and unlawful conditions, rewritten at random into equivalent forms
//! (negations pushed in and out, terms moved across a comparison, the
//! condition moved into `applies when` or into a classification the gate
//! reads), keep their verdict.

use std::path::PathBuf;

use crate::run::check_paths;

/// A condition built from atoms whose legal verdict is known.
#[derive(Debug, Clone)]
enum Cond {
    /// An atom as rule text.
    Atom(Atom),
    Not(Box<Cond>),
    And(Box<Cond>, Box<Cond>),
    Or(Box<Cond>, Box<Cond>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Atom {
    /// `household.income >= €20000`: a floor when it lets a gate pass.
    IncomeAtLeast,
    /// `household.income <= €50000`: a ceiling, lawful.
    IncomeAtMost,
    /// `household.has_income(employment)`: a source.
    HasWork,
    /// `applicant.age >= 18 years`: neither.
    Adult,
    /// `unit.rooms <= 4`: neither.
    SmallUnit,
    /// `unit.complex.owner_kind = corporation`: on the unit.
    Corporation,
    /// `unit.rent <= €900`: on the unit.
    CheapRent,
    /// `unit.complex designated fragile`: on the unit.
    Fragile,
}

/// The atoms that read only the unit, each an independent fact.
const UNIT_ATOMS: [Atom; 4] = [
    Atom::SmallUnit,
    Atom::Corporation,
    Atom::CheapRent,
    Atom::Fragile,
];

/// A deterministic generator (SplitMix64), so a failure reproduces.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// The atom written in one of its equivalent forms.
fn atom_text(atom: Atom, rng: &mut Rng) -> String {
    let forms: &[&str] = match atom {
        Atom::IncomeAtLeast => &[
            "household.income >= €20000",
            "not (household.income < €20000)",
            "household.income - €20000 >= €0",
            "€20000 <= household.income",
            "€0 <= household.income - €20000",
            "-household.income <= -€20000",
            "household.income * 2 >= €40000",
        ],
        Atom::IncomeAtMost => &[
            "household.income <= €50000",
            "not (household.income > €50000)",
            "€50000 - household.income >= €0",
            "€50000 >= household.income",
            "household.income - €50000 <= €0",
        ],
        Atom::HasWork => &[
            "household.has_income(employment)",
            "not (not household.has_income(employment))",
            "employment in household.income_sources",
            "not (employment not in household.income_sources)",
        ],
        Atom::Adult => &[
            "applicant.age >= 18 years",
            "not (applicant.age < 18 years)",
        ],
        Atom::SmallUnit => &["unit.rooms <= 4", "not (unit.rooms > 4)", "4 >= unit.rooms"],
        Atom::Corporation => &[
            "unit.complex.owner_kind = corporation",
            "not (unit.complex.owner_kind != corporation)",
            "unit.complex.owner_kind in { corporation }",
        ],
        Atom::CheapRent => &[
            "unit.rent <= €900",
            "not (unit.rent > €900)",
            "€900 >= unit.rent",
            "unit.rent < €900.01",
        ],
        Atom::Fragile => &[
            "unit.complex designated fragile",
            "not (not unit.complex designated fragile)",
        ],
    };
    let i = usize::try_from(rng.below(forms.len() as u64)).unwrap();
    forms[i].to_owned()
}

/// The condition as text, with equivalences applied at random; now and
/// then a part becomes a named condition, declared in `defines`.
fn text(c: &Cond, rng: &mut Rng, defines: &mut Vec<String>) -> String {
    if !matches!(c, Cond::Atom(_)) && rng.below(5) == 0 {
        let body = shape(c, rng, defines);
        let name = format!("part_{}", defines.len());
        defines.push(format!(
            "define {name} \"Deel\" source \"test\" = {body}\n\n"
        ));
        return name;
    }
    shape(c, rng, defines)
}

/// One of the equivalent spellings of `c`.
fn shape(c: &Cond, rng: &mut Rng, defines: &mut Vec<String>) -> String {
    match c {
        Cond::Atom(a) => format!("({})", atom_text(*a, rng)),
        Cond::Not(x) => match (x.as_ref(), rng.below(3)) {
            // De Morgan.
            (Cond::And(a, b), 0) => text(
                &Cond::Or(
                    Box::new(Cond::Not(a.clone())),
                    Box::new(Cond::Not(b.clone())),
                ),
                rng,
                defines,
            ),
            (Cond::Or(a, b), 0) => text(
                &Cond::And(
                    Box::new(Cond::Not(a.clone())),
                    Box::new(Cond::Not(b.clone())),
                ),
                rng,
                defines,
            ),
            // Double negation.
            (Cond::Not(inner), 1) => text(inner, rng, defines),
            _ => format!("(not {})", text(x, rng, defines)),
        },
        Cond::And(a, b) => {
            if rng.below(4) == 0 {
                format!(
                    "(not (not {} or not {}))",
                    text(a, rng, defines),
                    text(b, rng, defines)
                )
            } else {
                format!("({} and {})", text(a, rng, defines), text(b, rng, defines))
            }
        }
        Cond::Or(a, b) => {
            if rng.below(4) == 0 {
                format!(
                    "(not (not {} and not {}))",
                    text(a, rng, defines),
                    text(b, rng, defines)
                )
            } else {
                format!("({} or {})", text(a, rng, defines), text(b, rng, defines))
            }
        }
    }
}

fn random_cond(rng: &mut Rng, depth: u32) -> Cond {
    let atoms = [
        Atom::IncomeAtLeast,
        Atom::IncomeAtMost,
        Atom::HasWork,
        Atom::Adult,
        Atom::SmallUnit,
    ];
    if depth == 0 || rng.below(3) == 0 {
        let i = usize::try_from(rng.below(atoms.len() as u64)).unwrap();
        return Cond::Atom(atoms[i]);
    }
    match rng.below(3) {
        0 => Cond::Not(Box::new(random_cond(rng, depth - 1))),
        1 => Cond::And(
            Box::new(random_cond(rng, depth - 1)),
            Box::new(random_cond(rng, depth - 1)),
        ),
        _ => Cond::Or(
            Box::new(random_cond(rng, depth - 1)),
            Box::new(random_cond(rng, depth - 1)),
        ),
    }
}

/// A random condition over the unit atoms only.
fn random_unit_cond(rng: &mut Rng, depth: u32) -> Cond {
    if depth == 0 || rng.below(3) == 0 {
        let i = usize::try_from(rng.below(UNIT_ATOMS.len() as u64)).unwrap();
        return Cond::Atom(UNIT_ATOMS[i]);
    }
    let part = |rng: &mut Rng| Box::new(random_unit_cond(rng, depth - 1));
    match rng.below(3) {
        0 => Cond::Not(part(rng)),
        1 => Cond::And(part(rng), part(rng)),
        _ => Cond::Or(part(rng), part(rng)),
    }
}

/// `c` on a unit where atom `UNIT_ATOMS[i]` holds when bit `i` is set.
fn holds(c: &Cond, bits: u32) -> bool {
    match c {
        Cond::Atom(a) => UNIT_ATOMS
            .iter()
            .position(|x| x == a)
            .is_some_and(|i| bits & (1 << i) != 0),
        Cond::Not(x) => !holds(x, bits),
        Cond::And(a, b) => holds(a, bits) && holds(b, bits),
        Cond::Or(a, b) => holds(a, bits) || holds(b, bits),
    }
}

/// Which directions raising the income can move the condition: the
/// expected verdict, computed on the structure, never on the text.
fn income_polarity(c: &Cond) -> (bool, bool) {
    match c {
        Cond::Atom(Atom::IncomeAtLeast) => (true, false),
        Cond::Atom(Atom::IncomeAtMost) => (false, true),
        Cond::Atom(_) => (false, false),
        Cond::Not(x) => {
            let (up, down) = income_polarity(x);
            (down, up)
        }
        Cond::And(a, b) | Cond::Or(a, b) => {
            let (u1, d1) = income_polarity(a);
            let (u2, d2) = income_polarity(b);
            (u1 || u2, d1 || d2)
        }
    }
}

fn reads_source(c: &Cond) -> bool {
    match c {
        Cond::Atom(a) => *a == Atom::HasWork,
        Cond::Not(x) => reads_source(x),
        Cond::And(a, b) | Cond::Or(a, b) => reads_source(a) || reads_source(b),
    }
}

/// The gate's requirement `c` written in one of three equivalent places,
/// with the named conditions its spelling introduced.
fn rule_file(c: &Cond, rng: &mut Rng) -> String {
    let header = "ruleset test \"Test\" version \"1\"\n\n\
                  designation fragile \"Kwetsbaar\" source \"test\"\n\n";
    let mut defines = Vec::new();
    let rule = match rng.below(3) {
        0 => format!(
            "gate g \"Poort\"\n  source \"test\"\n  require {}\n",
            text(c, rng, &mut defines)
        ),
        // A gate passes where it does not apply: `applies when not C` with
        // `require false` passes exactly where C holds.
        1 => format!(
            "gate g \"Poort\"\n  source \"test\"\n  applies when not {}\n  require false\n",
            text(c, rng, &mut defines)
        ),
        _ => format!(
            "classify k \"Label\" source \"test\"\n  yes when {}\n  no otherwise\n\n\
             gate g \"Poort\"\n  source \"test\"\n  require k = yes\n",
            text(c, rng, &mut defines)
        ),
    };
    format!("{header}{}{rule}", defines.concat())
}

fn codes(path: &PathBuf) -> (bool, bool) {
    let report = check_paths(std::slice::from_ref(path));
    let has = |code: &str| report.diagnostics.iter().any(|d| d.code == code);
    (has("E0401"), has("E0409"))
}

#[test]
fn equivalent_rewrites_keep_the_legal_verdict() {
    let dir = std::env::temp_dir().join(format!("toewijzer-rewrites-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("rule.rules");
    let mut rng = Rng(20_260_302);
    let mut seen = [0usize; 5];
    for round in 0..300 {
        let c = random_cond(&mut rng, 3);
        let (up, down) = income_polarity(&c);
        let source = reads_source(&c);
        let file = rule_file(&c, &mut rng);
        std::fs::write(&path, &file).unwrap();
        let (floor, outside_art8) = codes(&path);
        // A label goes both ways: any income reading in a classification
        // the gate reads is judged as a possible floor.
        let through_label = file.contains("classify");
        let expected_floor = up || (through_label && down);
        assert_eq!(
            floor, expected_floor,
            "round {round}: E0401 expected {expected_floor} for\n{file}"
        );
        assert_eq!(
            outside_art8, source,
            "round {round}: E0409 expected {source} for\n{file}"
        );
        seen[usize::from(floor)] += 1;
        seen[2 + usize::from(outside_art8)] += 1;
        seen[4] += usize::from(file.contains("define "));
    }
    std::fs::remove_dir_all(&dir).ok();
    // Both verdicts of both limits occurred often enough to mean something.
    assert!(seen.iter().all(|n| *n >= 30), "{seen:?}");
}

/// Every legal-limit code in README's table has an `--explain` page, and
/// the lawful rule each page shows checks clean.
#[test]
fn every_legal_limit_is_explained_with_a_lawful_rule_that_checks_clean() {
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/README.md")).unwrap();
    for line in readme.lines().filter(|l| l.starts_with("| E04")) {
        let cell = line.split('|').nth(1).unwrap_or("");
        for code in cell.split(',').map(str::trim) {
            assert!(
                crate::check::explain::explanation(code).is_some(),
                "{code} has no --explain page"
            );
        }
    }
    let dir = std::env::temp_dir().join(format!("toewijzer-explain-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (code, page) in crate::check::explain::PAGES {
        let example: String = page
            .split("```rules")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .unwrap_or_else(|| panic!("{code}: the page shows no ```rules example"))
            .to_owned();
        let path = dir.join(format!("{code}.rules"));
        std::fs::write(&path, example).unwrap();
        let report = check_paths(std::slice::from_ref(&path));
        assert!(
            report.diagnostics.is_empty(),
            "{code}: the lawful example does not check clean: {:?}",
            report.diagnostics
        );
        assert!(
            page.contains("**Law.**") || page.contains("**Why.**"),
            "{code}"
        );
    }
    std::fs::remove_dir_all(&dir).ok();
}

/// E0414 is decided on what the priority's and the cap's scopes mean: a
/// cap over the same scope, however it is spelled (negations, named parts,
/// reordered comparisons), covers the priority; a cap narrowed by one more
/// unit condition leaves it uncapped exactly where some unit satisfies the
/// scope but not the extra condition, which the test decides by trying
/// every combination of the independent unit facts.
#[test]
fn binding_cap_coverage_is_decided_on_meaning() {
    let dir = std::env::temp_dir().join(format!("toewijzer-coverage-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("rule.rules");
    let mut rng = Rng(20_261_201);
    let mut seen = [0usize; 2];
    for round in 0..200 {
        let scope = random_unit_cond(&mut rng, 3);
        let narrowed = rng.below(2) == 0;
        let cap = if narrowed {
            let i = usize::try_from(rng.below(UNIT_ATOMS.len() as u64)).unwrap();
            Cond::And(Box::new(scope.clone()), Box::new(Cond::Atom(UNIT_ATOMS[i])))
        } else {
            scope.clone()
        };
        let uncovered = (0..16u32).any(|bits| holds(&scope, bits) && !holds(&cap, bits));
        let mut defines = Vec::new();
        let priority = text(&scope, &mut rng, &mut defines);
        let applies = text(&cap, &mut rng, &mut defines);
        let file = format!(
            "ruleset test \"Test\" version \"1\"\n\n\
             designation fragile \"Kwetsbaar\" source \"test\"\n\n\
             region parkstad \"Parkstad\" source \"test\" = {{ Heerlen }}\n\n{}\
             priority bound \"Gebonden\" source \"test\" rank 1\n  \
             when {priority} and applicant.work_hours_in(parkstad) >= 18\n\n\
             quota cap \"Ten hoogste de helft\" source \"test\"\n  applies when {applies}\n  \
             at most 50% of allocations with priority_group = bound\n  overall over the calendar year\n",
            defines.concat()
        );
        std::fs::write(&path, &file).unwrap();
        let report = check_paths(std::slice::from_ref(&path));
        let flagged = report.diagnostics.iter().any(|d| d.code == "E0414");
        assert_eq!(
            flagged, uncovered,
            "round {round}: E0414 expected {uncovered} for\n{file}"
        );
        seen[usize::from(flagged)] += 1;
    }
    std::fs::remove_dir_all(&dir).ok();
    assert!(seen.iter().all(|n| *n >= 30), "{seen:?}");
}
