//! The checks a record cannot make alone or that serde cannot express:
//! negative amounts, hours above a week, reversed periods, overlapping
//! residence, duplicate ids, dangling references, the household's main
//! member. Every problem is collected; none stops the others.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::model::applicant::Applicant;
use crate::model::buurt::Buurt;
use crate::model::complex::Complex;
use crate::model::error::{LoadError, Place, nearest};
use crate::model::history::Allocation;
use crate::model::path::YamlPath;
use crate::model::proposal::Proposal;
use crate::model::reaction_read::ReadReactions;
use crate::model::read::FileRecords;
use crate::model::shards::Starts;
use crate::model::unit::Unit;
use crate::model::work::Activity;
use crate::source::FileId;
use crate::vocab::Role;

/// Hours in a week: no activity can take more.
pub const HOURS_PER_WEEK: u32 = 168;

/// Every record read from a folder, with the file each came from.
#[derive(Debug, Default)]
pub struct Loaded {
    /// `applicants.yaml`.
    pub applicants: FileRecords<Applicant>,
    /// `units.yaml`.
    pub units: FileRecords<Unit>,
    /// `complexes.yaml`.
    pub complexes: FileRecords<Complex>,
    /// `buurten.yaml`.
    pub buurten: FileRecords<Buurt>,
    /// `history.yaml`.
    pub history: FileRecords<Allocation>,
    /// `reactions.yaml`, by position once resolved.
    pub reactions: ReadReactions,
    /// `proposals.yaml`.
    pub proposals: FileRecords<Proposal>,
    /// The file of each kind, in the order above (`None`: absent); of a
    /// list split over a folder, its first file.
    pub files: [Option<FileId>; 7],
    /// Of a list split over a folder, where each file's records start.
    pub starts: [Starts; 7],
}

/// Collects problems with the place they were found at.
struct Check<'a> {
    errors: &'a mut Vec<LoadError>,
    file: FileId,
    /// Where the records of each file start, when the list is split.
    starts: &'a Starts,
    /// How many dangling references got a "did you mean": each looks at
    /// every id of the target file, so past [`MAX_SUGGESTIONS`] a file of
    /// thousands of broken references would take minutes to check.
    suggested: usize,
}

/// How many dangling references of one file get a suggestion: as many as
/// are rendered ([`crate::diagnostics::MAX_RENDERED_PER_FILE`]).
const MAX_SUGGESTIONS: usize = crate::diagnostics::MAX_RENDERED_PER_FILE;

impl Check<'_> {
    fn at(&self, path: YamlPath) -> Place {
        let (file, path) = self.starts.place(self.file, path);
        Place::path(file, path)
    }

    fn not_negative(
        &mut self,
        path: impl FnOnce() -> YamlPath,
        what: &'static str,
        value: Decimal,
    ) {
        if value.is_sign_negative() && !value.is_zero() {
            let at = self.at(path());
            self.errors.push(LoadError::Negative {
                at,
                what,
                value: value.to_string(),
            });
        }
    }

    /// An amount of money or an area: not negative, not above
    /// [`crate::limits::MAX_AMOUNT`], so sums of them cannot overflow.
    fn amount(&mut self, path: impl Fn() -> YamlPath, what: &'static str, value: Decimal) {
        self.not_negative(&path, what, value);
        self.bounded(path, what, value);
    }

    /// A number whose size, not sign, is bounded by
    /// [`crate::limits::MAX_AMOUNT`].
    fn bounded(&mut self, path: impl FnOnce() -> YamlPath, what: &'static str, value: Decimal) {
        if value.abs() > crate::limits::max_amount() {
            let at = self.at(path());
            self.errors.push(LoadError::TooLarge {
                at,
                what,
                value: value.to_string(),
                limit: crate::limits::MAX_AMOUNT,
            });
        }
    }

    fn hours(&mut self, path: impl Fn() -> YamlPath, hours: Decimal) {
        self.not_negative(&path, "hours per week", hours);
        if hours > Decimal::from(HOURS_PER_WEEK) {
            let at = self.at(path());
            self.errors.push(LoadError::TooManyHours {
                at,
                hours: hours.to_string(),
            });
        }
    }

    /// `path` is the record holding the period; `until_key` names its end.
    /// Paths are made only for a problem: a national year checks millions
    /// of periods, amounts and hours, and making each one's path cost more
    /// than the check.
    fn period(
        &mut self,
        path: impl FnOnce() -> YamlPath,
        from: NaiveDate,
        until: Option<NaiveDate>,
        until_key: &str,
    ) {
        if let Some(until) = until.filter(|&u| u < from) {
            let at = self.at(path().key(until_key));
            self.errors.push(LoadError::PeriodReversed {
                at,
                from: from.to_string(),
                until: until.to_string(),
            });
        }
    }

    fn activity<A: Activity>(&mut self, path: impl Fn() -> YamlPath, a: &A) {
        self.hours(|| path().key("hours_per_week"), a.hours_per_week());
        self.period(path, a.since(), a.until(), "until");
    }
}

/// Finds duplicate ids among `records`, reporting each second use.
fn unique_ids<T>(
    records: &FileRecords<T>,
    list: &str,
    key: &str,
    kind: &'static str,
    id: impl Fn(&T) -> &str,
    check: &mut Check<'_>,
) {
    let mut first: BTreeMap<&str, usize> = BTreeMap::new();
    for (index, record) in &records.records {
        let this = id(record);
        match first.get(this) {
            Some(&earlier) => {
                let at = check.at(YamlPath::record(list, *index).key(key));
                check.errors.push(LoadError::DuplicateId {
                    at,
                    kind,
                    id: this.to_owned(),
                    first: YamlPath::record(list, earlier),
                });
            }
            None => {
                first.insert(this, *index);
            }
        }
    }
}

/// Reports a reference to a record of `target` that does not exist, unless
/// the target file could not be read whole (the record may be in the part
/// that was not read).
///
/// `path` is made only for a dangling reference: a Parkstad year checks
/// three million references, and building each one's path cost more than
/// the check.
fn reference<T>(
    check: &mut Check<'_>,
    path: impl FnOnce() -> YamlPath,
    kind: &'static str,
    id: &str,
    target: &FileRecords<T>,
) {
    if !target.complete || target.known_ids.contains(id) {
        return;
    }
    let path = path();
    let near = if check.suggested < MAX_SUGGESTIONS {
        check.suggested = check.suggested.saturating_add(1);
        nearest(id, target.known_ids.iter().map(String::as_str)).map(str::to_owned)
    } else {
        None
    };
    let at = check.at(path);
    check.errors.push(LoadError::DanglingReference {
        at,
        kind,
        id: id.to_owned(),
        nearest: near,
    });
}

/// Runs every check over what was read.
pub fn validate(loaded: &Loaded, kinds: Option<&[&str]>, errors: &mut Vec<LoadError>) {
    let [
        applicants,
        units,
        complexes,
        buurten,
        history,
        reactions,
        proposals,
    ] = loaded.files;
    if let Some(file) = applicants {
        let mut check = Check {
            errors,
            file,
            starts: &loaded.starts[0],
            suggested: 0,
        };
        unique_ids(
            &loaded.applicants,
            "applicants",
            "id",
            "applicant",
            |a| &a.id,
            &mut check,
        );
        for (index, applicant) in &loaded.applicants.records {
            let path = || YamlPath::record("applicants", *index);
            applicant_checks(&mut check, path, applicant);
            // A decision or a screening holds for the unit or complex it
            // names: that must exist.
            let decisions = applicant
                .decisions
                .iter()
                .enumerate()
                .map(|(j, d)| ("decisions", j, d.scope.as_ref()));
            let screenings = applicant
                .screenings
                .iter()
                .enumerate()
                .map(|(j, s)| ("screenings", j, s.scope.as_ref()));
            for (list, j, scope) in decisions.chain(screenings) {
                let Some(scope) = scope else { continue };
                let sp = path().key(list).index(j).key("scope");
                if let Some(unit) = &scope.unit {
                    reference(&mut check, || sp.key("unit"), "unit", unit, &loaded.units);
                }
                if let Some(complex) = &scope.complex {
                    reference(
                        &mut check,
                        || sp.key("complex"),
                        "complex",
                        complex,
                        &loaded.complexes,
                    );
                }
            }
        }
    }
    if let Some(file) = units {
        let mut check = Check {
            errors,
            file,
            starts: &loaded.starts[1],
            suggested: 0,
        };
        unique_ids(&loaded.units, "units", "id", "unit", |u| &u.id, &mut check);
        for (index, unit) in &loaded.units.records {
            let path = YamlPath::record("units", *index);
            check.amount(|| path.key("rent"), "the rent", unit.rent);
            check.amount(|| path.key("floor_area"), "the floor area", unit.floor_area);
            reference(
                &mut check,
                || path.key("complex"),
                "complex",
                &unit.complex,
                &loaded.complexes,
            );
        }
    }
    if let Some(file) = complexes {
        let mut check = Check {
            errors,
            file,
            starts: &loaded.starts[2],
            suggested: 0,
        };
        unique_ids(
            &loaded.complexes,
            "complexes",
            "id",
            "complex",
            |c| &c.id,
            &mut check,
        );
        for (index, complex) in &loaded.complexes.records {
            let path = YamlPath::record("complexes", *index);
            reference(
                &mut check,
                || path.key("buurt"),
                "buurt",
                &complex.buurt,
                &loaded.buurten,
            );
            for (j, d) in complex.designations.iter().enumerate() {
                let dp = path.key("designations").index(j);
                check.period(|| dp.clone(), d.from, d.until, "until");
                if let Some(kinds) = kinds.filter(|k| !k.contains(&d.kind.as_str())) {
                    let at = check.at(dp.key("kind"));
                    let known = kinds
                        .iter()
                        .map(|k| format!("`{k}`"))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let hint = match crate::check::suggest::closest(&d.kind, kinds.iter().copied())
                    {
                        Some(s) => format!("did you mean `{s}`? the kinds are {known}"),
                        None => format!(
                            "the kinds are {known}; a rule set declares a new one with \
                             `designation NAME \"title\" source \"…\"`"
                        ),
                    };
                    check.errors.push(LoadError::UndeclaredKind {
                        at,
                        kind: d.kind.clone(),
                        hint,
                    });
                }
            }
            wbmgp_terms(&mut check, &path, complex);
        }
    }
    if let Some(file) = buurten {
        let mut check = Check {
            errors,
            file,
            starts: &loaded.starts[3],
            suggested: 0,
        };
        unique_ids(
            &loaded.buurten,
            "buurten",
            "code",
            "buurt",
            |b| &b.code,
            &mut check,
        );
        for (index, b) in &loaded.buurten.records {
            let path = YamlPath::record("buurten", *index);
            for (key, value) in [
                ("leefbaarometer", b.leefbaarometer),
                ("leefbaarometer_average", b.leefbaarometer_average),
                ("resilience", b.resilience),
                ("resilience_average", b.resilience_average),
            ] {
                check.bounded(|| path.key(key), "a buurt score", value);
            }
        }
    }
    if let Some(file) = history {
        let mut check = Check {
            errors,
            file,
            starts: &loaded.starts[4],
            suggested: 0,
        };
        for (index, a) in &loaded.history.records {
            let path = YamlPath::record("history", *index);
            reference(
                &mut check,
                || path.key("unit"),
                "unit",
                &a.unit,
                &loaded.units,
            );
            reference(
                &mut check,
                || path.key("applicant"),
                "applicant",
                &a.applicant,
                &loaded.applicants,
            );
        }
    }
    // Resolved reactions name known records and no pair twice: the checks
    // below would find nothing in millions of them.
    if let Some(file) = reactions.filter(|_| !loaded.reactions.is_resolved()) {
        let mut check = Check {
            errors,
            file,
            starts: &loaded.starts[5],
            suggested: 0,
        };
        let reactions = loaded.reactions.to_records();
        let mut first = std::collections::HashMap::new();
        for (index, r) in &reactions.records {
            // Made only for a problem: there are millions of reactions.
            let path = || YamlPath::record("reactions", *index);
            if let Some(&earlier) = first.get(&(r.applicant.as_str(), r.unit.as_str())) {
                let at = check.at(path());
                check.errors.push(LoadError::DuplicateReaction {
                    at,
                    pair: Box::new((r.applicant.clone(), r.unit.clone())),
                    first: YamlPath::record("reactions", earlier),
                });
            } else {
                first.insert((r.applicant.as_str(), r.unit.as_str()), *index);
            }
            reference(
                &mut check,
                || path().key("unit"),
                "unit",
                &r.unit,
                &loaded.units,
            );
            reference(
                &mut check,
                || path().key("applicant"),
                "applicant",
                &r.applicant,
                &loaded.applicants,
            );
        }
    }
    if let Some(file) = proposals {
        let mut check = Check {
            errors,
            file,
            starts: &loaded.starts[6],
            suggested: 0,
        };
        unique_ids(
            &loaded.proposals,
            "proposals",
            "id",
            "proposal",
            |p| &p.id,
            &mut check,
        );
        for (index, p) in &loaded.proposals.records {
            let path = YamlPath::record("proposals", *index);
            if let Some(applied) = p.application_date {
                // The application comes first, the allocation after it.
                check.period(|| path.clone(), applied, Some(p.date), "date");
            }
            reference(
                &mut check,
                || path.key("unit"),
                "unit",
                &p.unit,
                &loaded.units,
            );
            reference(
                &mut check,
                || path.key("applicant"),
                "applicant",
                &p.applicant,
                &loaded.applicants,
            );
        }
    }
}

/// Wbmgp art. 5 lid 4: a designation for at most four years, renewable
/// four times by at most four years: each Wbmgp designation has an end at
/// most four years on, and an unbroken run of them (one starting the day
/// after, or before, the last one ends) lasts at most twenty years.
fn wbmgp_terms(check: &mut Check<'_>, path: &YamlPath, complex: &Complex) {
    let last_day = |from: NaiveDate, years: u32| {
        from.checked_add_months(chrono::Months::new(years.saturating_mul(12)))
            .and_then(|d| d.pred_opt())
    };
    let mut by_kind: BTreeMap<&str, Vec<(usize, NaiveDate, NaiveDate)>> = BTreeMap::new();
    for (j, d) in complex.designations.iter().enumerate() {
        if !crate::vocab::is_wbmgp_kind(&d.kind) {
            continue;
        }
        let dp = path.key("designations").index(j);
        let kind = d.kind.as_str();
        let Some(until) = d.until else {
            let at = check.at(dp);
            check.errors.push(LoadError::DesignationTooLong {
                at,
                kind: kind.to_owned(),
                what: "without an end".into(),
            });
            continue;
        };
        if last_day(d.from, 4).is_some_and(|last| until > last) {
            let at = check.at(dp.key("until"));
            check.errors.push(LoadError::DesignationTooLong {
                at,
                kind: kind.to_owned(),
                what: format!("from {} through {until}", d.from),
            });
        }
        by_kind.entry(kind).or_default().push((j, d.from, until));
    }
    for (kind, mut periods) in by_kind {
        periods.sort_by_key(|(_, from, _)| *from);
        let mut run: Option<(NaiveDate, NaiveDate)> = None;
        for (j, from, until) in periods {
            let start = match run {
                Some((start, end)) if end.succ_opt().is_some_and(|next| from <= next) => start,
                _ => from,
            };
            let end = run
                .filter(|(s, _)| *s == start)
                .map_or(until, |(_, e)| e.max(until));
            if last_day(start, 20).is_some_and(|last| end > last) {
                let at = check.at(path.key("designations").index(j));
                check.errors.push(LoadError::DesignationsTooLong {
                    at,
                    kind: kind.to_owned(),
                    from: start,
                    until: end,
                });
            }
            run = Some((start, end));
        }
    }
}

/// The checks of one applicant, `path` making its place (for a problem only).
fn applicant_checks(check: &mut Check<'_>, path: impl Fn() -> YamlPath + Copy, a: &Applicant) {
    let registration = || path().key("registration");
    for (j, block) in a.registration.blocks.iter().enumerate() {
        let bp = || registration().key("blocks").index(j);
        check.period(bp, block.from, block.until, "until");
        if let (true, Some(last)) = (block.too_long(), block.longest_until()) {
            let key = if block.until.is_some() {
                "until"
            } else {
                "kind"
            };
            let at = check.at(bp().key(key));
            check.errors.push(LoadError::NoShowBlockTooLong {
                at,
                from: block.from,
                last,
                until: block.until,
            });
        }
    }

    let members_path = || path().key("household").key("members");
    let mains = a
        .household
        .members
        .iter()
        .filter(|m| m.role == Role::Main)
        .count();
    if mains != 1 {
        let at = check.at(members_path());
        check
            .errors
            .push(LoadError::MainMember { at, count: mains });
    }
    let mut member_ids: BTreeMap<&str, usize> = BTreeMap::new();
    for (k, m) in a.household.members.iter().enumerate() {
        let mp = || members_path().index(k);
        if let Some(&first) = member_ids.get(m.id.as_str()) {
            let at = check.at(mp().key("id"));
            check.errors.push(LoadError::DuplicateId {
                at,
                kind: "household member",
                id: m.id.clone(),
                first: members_path().index(first),
            });
        } else {
            member_ids.insert(&m.id, k);
        }
        // Children born after their parent registered are normal; the main
        // applicant, who registered, cannot have been born after it.
        if m.role == Role::Main && m.birth_date > a.registration.registered_on {
            let at = check.at(mp().key("birth_date"));
            check.errors.push(LoadError::BornAfterRegistration {
                at,
                birth: m.birth_date.to_string(),
                registered: a.registration.registered_on.to_string(),
            });
        }
        for (j, income) in m.incomes.iter().enumerate() {
            let ip = || mp().key("incomes").index(j);
            check.amount(|| ip().key("yearly"), "a yearly income", income.yearly);
            if let (Some(from), until) = (income.from, income.until) {
                check.period(ip, from, until, "until");
            }
        }
        for (j, w) in m.work.iter().enumerate() {
            check.activity(|| mp().key("work").index(j), w);
        }
        for (j, s) in m.study.iter().enumerate() {
            check.activity(|| mp().key("study").index(j), s);
        }
        for (j, v) in m.volunteering.iter().enumerate() {
            check.activity(|| mp().key("volunteering").index(j), v);
        }
    }

    let mut periods: Vec<(usize, &crate::model::residence::Residence)> =
        a.residence.iter().enumerate().collect();
    for (j, r) in &periods {
        check.period(
            || path().key("residence").index(*j),
            r.from,
            r.until,
            "until",
        );
    }
    periods.sort_by_key(|(j, r)| (r.from, *j));
    for pair in periods.windows(2) {
        let [(earlier_index, earlier), (later_index, later)] = pair else {
            continue;
        };
        if earlier.until.is_none_or(|u| u >= later.from) {
            let at = check.at(path().key("residence").index(*later_index));
            check.errors.push(LoadError::OverlappingResidence {
                at,
                other: path().key("residence").index(*earlier_index),
            });
        }
    }

    if let Some(u) = &a.urgency {
        check.period(
            || path().key("urgency"),
            u.granted,
            Some(u.valid_until),
            "valid_until",
        );
    }
    for (j, d) in a.decisions.iter().enumerate() {
        let dp = || path().key("decisions").index(j);
        let mut unscoped = |at: YamlPath, what| {
            let at = check.at(at);
            check.errors.push(LoadError::DecisionUnscoped { at, what });
        };
        match &d.scope {
            None => unscoped(
                dp(),
                "a discretionary decision needs the `scope` of the application it was taken for",
            ),
            Some(scope) if scope.unit.is_some() == scope.complex.is_some() => unscoped(
                dp().key("scope"),
                "a decision's `scope` names either one `unit` or one `complex`",
            ),
            Some(_) => {}
        }
        match d.valid_until {
            None => unscoped(
                dp(),
                "a discretionary decision needs `valid_until`, the last day it holds",
            ),
            Some(until) => check.period(dp, d.decided_on, Some(until), "valid_until"),
        }
    }
    for (j, s) in a.screenings.iter().enumerate() {
        let sp = || path().key("screenings").index(j);
        let mut incomplete = |at: YamlPath, what| {
            let at = check.at(at);
            check
                .errors
                .push(LoadError::ScreeningIncomplete { at, what });
        };
        match &s.scope {
            None => incomplete(
                sp(),
                "a screening needs the `scope` of the application it was made for",
            ),
            Some(scope) if scope.unit.is_some() == scope.complex.is_some() => incomplete(
                sp().key("scope"),
                "a screening's `scope` names either one `unit` or one `complex`",
            ),
            Some(_) => {}
        }
        match s.covers {
            None => incomplete(
                sp(),
                "a screening needs `covers`, the period of conduct it looked at",
            ),
            Some(c) => check.period(|| sp().key("covers"), c.from, Some(c.until), "until"),
        }
        for (k, id) in s.members.iter().enumerate() {
            if !member_ids.contains_key(id.as_str()) {
                let near = nearest(id, member_ids.keys().copied()).map(str::to_owned);
                let at = check.at(sp().key("members").index(k));
                check.errors.push(LoadError::DanglingReference {
                    at,
                    kind: "household member",
                    id: id.clone(),
                    nearest: near,
                });
            }
        }
    }
}
