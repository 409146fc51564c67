//! Text and Markdown for the allocation workflows: an allocation run, the
//! verdicts on proposed allocations, a period report.

use std::fmt::Write as _;

use super::words::{Term, Words};
use crate::allocate::record::{
    AllocationRun, Breach, GroupCount, PeriodReport, QuotaState, Skip, Vacancy, Verdict,
};
use crate::words::{Lang, nl};

/// A day: ISO in English, `2 maart 2026` in Dutch.
fn day(w: Words, d: chrono::NaiveDate) -> String {
    match w.0 {
        Lang::En => d.to_string(),
        Lang::Nl => nl::date(d),
    }
}

/// Names joined by commas in English, by `en` in Dutch.
fn names<S: AsRef<str>>(w: Words, items: &[S]) -> String {
    match w.0 {
        Lang::En => items
            .iter()
            .map(AsRef::as_ref)
            .collect::<Vec<_>>()
            .join(", "),
        Lang::Nl => nl::list(items),
    }
}

/// A quota's bound in this language.
fn bound(w: Words, bound: &str) -> String {
    match (w.0, bound) {
        (Lang::Nl, "at most") => "hoogstens".to_owned(),
        (Lang::Nl, "at least") => "minstens".to_owned(),
        _ => bound.to_owned(),
    }
}

/// A share in percent in this language: `92,5%` in Dutch.
fn share(w: Words, share: &str) -> String {
    match w.0 {
        Lang::En => share.to_owned(),
        Lang::Nl => share.replace('.', ","),
    }
}

/// The group a quota counts in, in this language.
fn scope(w: Words, scope: &str) -> String {
    match w.0 {
        Lang::En => scope.to_owned(),
        Lang::Nl => match scope.split_once(' ') {
            Some(("owner", owner)) => format!("verhuurder {owner}"),
            _ if scope == "all" => "alle woningen".to_owned(),
            _ => scope.to_owned(),
        },
    }
}

/// A priority in Dutch: `voorrang urgency`, or `geen voorrang`.
fn priority_nl(priority: Option<&str>) -> String {
    let word = Words(Lang::Nl).term(Term::Priority);
    priority.map_or_else(
        || format!("{} {word}", Words(Lang::Nl).term(Term::Nothing)),
        |p| format!("{word} {p}"),
    )
}

fn quota_line(q: &QuotaState, w: Words) -> String {
    if w.0 == Lang::Nl {
        let flag = if q.exceeded {
            "  OVERSCHREDEN"
        } else if q.below_minimum {
            "  onder het minimum"
        } else {
            ""
        };
        return format!(
            "{} ({} {}, {}): {} van de {} toewijzingen in de periode {} t/m {}{flag}",
            q.quota,
            bound(w, &q.bound),
            share(w, &q.share),
            scope(w, &q.scope),
            q.counted,
            q.of,
            day(w, q.from),
            day(w, q.until)
        );
    }
    let flag = if q.exceeded {
        "  EXCEEDED"
    } else if q.below_minimum {
        "  below minimum"
    } else {
        ""
    };
    format!(
        "{} ({} {}, {}): {} of {} from {} to {}{flag}",
        q.quota, q.bound, q.share, q.scope, q.counted, q.of, q.from, q.until
    )
}

fn skip_line(s: &Skip, w: Words) -> String {
    if w.0 == Lang::Nl {
        return skip_line_nl(s, w);
    }
    match s {
        Skip::Ineligible { applicant, failed } => {
            format!("{applicant}: not eligible ({})", failed.join(", "))
        }
        Skip::Quota {
            applicant,
            rank,
            quotas,
        } => format!(
            "{applicant} (rank {rank}): {}",
            quotas
                .iter()
                .map(|q| quota_line(q, w))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Skip::PriorityCapped {
            applicant,
            rank,
            priority,
            quotas,
        } => format!(
            "{applicant} (rank {rank}): priority {priority} capped by {}; ranked again without it",
            quotas
                .iter()
                .map(|q| &*q.quota)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        Skip::Declined {
            applicant,
            rank,
            response,
        } => format!("{applicant} (rank {rank}): {}", response.replace('_', " ")),
        Skip::AlreadyHoused {
            applicant,
            rank,
            unit,
        } => format!("{applicant} (rank {rank}): already housed in {unit}"),
    }
}

fn skip_line_nl(s: &Skip, w: Words) -> String {
    match s {
        Skip::Ineligible { applicant, failed } => format!(
            "{applicant}: {} ({} {})",
            w.term(Term::NotEligible),
            w.term(Term::FailingGates),
            names(w, failed)
        ),
        Skip::Quota {
            applicant,
            rank,
            quotas,
        } => format!(
            "{applicant} (plaats {rank}): {}",
            quotas
                .iter()
                .map(|q| quota_line(q, w))
                .collect::<Vec<_>>()
                .join("; ")
        ),
        Skip::PriorityCapped {
            applicant,
            rank,
            priority,
            quotas,
        } => {
            let article = if quotas.len() == 1 {
                "het quotum"
            } else {
                "de quota"
            };
            let quotas: Vec<&str> = quotas.iter().map(|q| &*q.quota).collect();
            format!(
                "{applicant} (plaats {rank}): voorrang {priority} valt weg door {article} {}; opnieuw gerangschikt zonder die voorrang",
                names(w, &quotas)
            )
        }
        Skip::Declined {
            applicant,
            rank,
            response,
        } => {
            let said = match response.as_str() {
                "declined" => "heeft de woning geweigerd".to_owned(),
                "no_response" => "heeft niet gereageerd".to_owned(),
                other => nl::word(other),
            };
            format!("{applicant} (plaats {rank}): {said}")
        }
        Skip::AlreadyHoused {
            applicant,
            rank,
            unit,
        } => format!("{applicant} (plaats {rank}): heeft al woning {unit} gekregen"),
    }
}

/// An allocation run for a terminal, in the words of `w`.
pub fn allocation_text_in(run: &AllocationRun, w: Words) -> String {
    let mut out = String::new();
    allocation_text_to(&mut out, run, w);
    out
}

/// What an allocation report leads with: counts of the whole run, known
/// only once it is done (a streamed run holds its words until then).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunCounts {
    /// The vacancies of the run.
    pub vacancies: usize,
    /// The vacancies allocated.
    pub housed: usize,
    /// The lottery seed.
    pub seed: u64,
    /// Whether applicant ids are pseudonyms.
    pub redacted: bool,
}

impl RunCounts {
    /// The counts of `run`.
    pub fn of(run: &AllocationRun) -> Self {
        RunCounts {
            vacancies: run.vacancies.len(),
            housed: run
                .vacancies
                .iter()
                .filter(|v| v.allocated_to.is_some())
                .count(),
            seed: run.seed,
            redacted: run.redacted,
        }
    }
}

/// [`allocation_text_in`] written into `out` as it is rendered.
pub(crate) fn allocation_text_to(out: &mut dyn std::fmt::Write, run: &AllocationRun, w: Words) {
    allocation_text_head(out, RunCounts::of(run), w);
    for v in &run.vacancies {
        vacancy_text(out, v, w);
    }
}

/// The first line of an allocation run for a terminal.
pub(crate) fn allocation_text_head(out: &mut dyn std::fmt::Write, counts: RunCounts, w: Words) {
    let RunCounts {
        vacancies: count,
        housed,
        seed,
        redacted,
    } = counts;
    if w.0 == Lang::Nl {
        let vacancies = if count == 1 {
            "vrije woning"
        } else {
            "vrije woningen"
        };
        let _ = writeln!(
            out,
            "{count} {vacancies} op volgorde van datum, {housed} toegewezen ({} {seed}{})",
            w.term(Term::Seed),
            if redacted {
                format!(", {}", w.term(Term::Redacted))
            } else {
                String::new()
            }
        );
    } else {
        let _ = writeln!(
            out,
            "{count} vacancies in date order, {housed} allocated (seed {seed}{})",
            if redacted { ", redacted" } else { "" }
        );
    }
}

/// One vacancy of an allocation run for a terminal: who got it, who was
/// passed over and why, and where its quotas stand.
pub(crate) fn vacancy_text(out: &mut dyn std::fmt::Write, v: &Vacancy, w: Words) {
    let nl = w.0 == Lang::Nl;
    let (on, rank, not_allocated) = if nl {
        ("op", "plaats", "niet toegewezen")
    } else {
        ("on", "rank", "not allocated")
    };
    let _ = writeln!(out);
    let _ = write!(out, "{} ({}) {on} {}: ", v.unit, v.complex, day(w, v.date));
    match &v.allocated_to {
        Some(a) => {
            let priority = if nl {
                priority_nl(v.priority.as_deref())
            } else {
                format!("priority {}", v.priority.as_deref().unwrap_or("none"))
            };
            let _ = writeln!(
                out,
                "{a}, {rank} {}, {priority}, {}",
                v.rank.map_or_else(|| "-".to_owned(), |r| r.to_string()),
                v.classifications.join(", ")
            );
        }
        None => {
            let _ = writeln!(out, "{not_allocated}");
        }
    }
    let (passed, quota) = if nl {
        ("  overgeslagen  ", "  quotum        ")
    } else {
        ("  passed over  ", "  quota        ")
    };
    for s in &v.skipped {
        let _ = writeln!(out, "{passed}{}", skip_line(s, w));
    }
    for q in &v.quotas {
        let _ = writeln!(out, "{quota}{}", quota_line(q, w));
    }
}

/// An allocation run as an auditor's report.
pub(crate) fn allocation_markdown(run: &AllocationRun) -> String {
    allocation_markdown_in(run, Words::default())
}

/// `allocation_markdown` in the words of `w`.
pub fn allocation_markdown_in(run: &AllocationRun, w: Words) -> String {
    let mut out = String::new();
    allocation_markdown_to(&mut out, run, w);
    out
}

/// [`allocation_markdown_in`] written into `out` as it is rendered.
pub(crate) fn allocation_markdown_to(out: &mut dyn std::fmt::Write, run: &AllocationRun, w: Words) {
    allocation_markdown_head(out, RunCounts::of(run), w);
    for v in &run.vacancies {
        vacancy_markdown_row(out, v, w);
    }
    for v in &run.vacancies {
        vacancy_markdown_section(out, v, w);
    }
}

/// The title, the seed and the head of the table of an auditor's report
/// of an allocation run.
pub(crate) fn allocation_markdown_head(out: &mut dyn std::fmt::Write, counts: RunCounts, w: Words) {
    let nl = w.0 == Lang::Nl;
    let _ = out.write_str(if nl {
        "# Toewijzingsronde\n\n"
    } else {
        "# Allocation run\n\n"
    });
    if nl {
        let _ = writeln!(out, "Loting: {}\n", counts.seed);
    } else {
        let _ = writeln!(out, "Lottery seed: {}\n", counts.seed);
    }
    if counts.redacted {
        let _ = out.write_str(if nl {
            "De nummers van woningzoekenden zijn schuilnamen (geanonimiseerd).\n\n"
        } else {
            "Applicant ids are pseudonyms (redacted).\n\n"
        });
    }
    let _ = out.write_str(if nl {
        "| woning | complex | datum | toegewezen aan | plaats | voorrang | indeling |\n"
    } else {
        "| unit | complex | date | allocated to | rank | priority | classification |\n"
    });
    let _ = out.write_str("|---|---|---|---|---|---|---|\n");
}

/// A vacancy's row in the table of an auditor's report.
pub(crate) fn vacancy_markdown_row(out: &mut dyn std::fmt::Write, v: &Vacancy, w: Words) {
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} |",
        v.unit,
        v.complex,
        day(w, v.date),
        v.allocated_to.as_deref().unwrap_or("—"),
        v.rank.map_or_else(|| "—".to_owned(), |r| r.to_string()),
        v.priority.as_deref().unwrap_or(w.term(Term::Nothing)),
        v.classifications.join(", ")
    );
}

/// A vacancy's section after the table: who was passed over and where its
/// quotas stand; nothing for a vacancy with neither.
pub(crate) fn vacancy_markdown_section(out: &mut dyn std::fmt::Write, v: &Vacancy, w: Words) {
    if v.skipped.is_empty() && v.quotas.is_empty() {
        return;
    }
    let (passed, quota) = if w.0 == Lang::Nl {
        ("overgeslagen", "quotum")
    } else {
        ("passed over", "quota")
    };
    let _ = writeln!(out, "\n## {} ({}), {}\n", v.unit, v.complex, day(w, v.date));
    for s in &v.skipped {
        let _ = writeln!(out, "- {passed}: {}", skip_line(s, w));
    }
    for q in &v.quotas {
        let _ = writeln!(out, "- {quota}: {}", quota_line(q, w));
    }
}

fn breach_line(b: &Breach, w: Words) -> String {
    if w.0 == Lang::Nl {
        return breach_line_nl(b, w);
    }
    match b {
        Breach::NotEligible { failed } => format!("not eligible: {}", failed.join(", ")),
        Breach::PassedOver { rank, above } => format!(
            "passed over higher-ranked eligible candidates {} (proposed applicant ranks {})",
            above.join(", "),
            rank.map_or_else(|| "-".to_owned(), |r| r.to_string())
        ),
        Breach::QuotaExceeded { state } => format!("quota exceeded: {}", quota_line(state, w)),
        Breach::PriorityNotMet { claimed, actual } => format!(
            "claimed priority {claimed} does not hold (actual: {})",
            actual.as_deref().unwrap_or("none")
        ),
        Breach::RuleNotApplicable { rule } => {
            format!("claimed rule {rule} does not apply to this unit")
        }
        Breach::RuleNotMet { rule } => format!("claimed rule {rule} does not hold"),
        Breach::UrgentPassedOver { ground, above } => format!(
            "passed over urgent candidates {} on tailored ground {ground}: a tailored allocation never sets urgency aside",
            above.join(", ")
        ),
        Breach::TailoredNotMet { ground } => {
            format!("claimed tailored ground {ground} does not hold for this applicant and unit")
        }
        Breach::UnitTaken { applicant, date } => {
            format!("the unit was allocated to {applicant} on {date}")
        }
    }
}

fn breach_line_nl(b: &Breach, w: Words) -> String {
    match b {
        Breach::NotEligible { failed } => format!(
            "{}: {} {}",
            w.term(Term::NotEligible),
            w.term(Term::FailingGates),
            names(w, failed)
        ),
        Breach::PassedOver { rank, above } => format!(
            "slaat kandidaten over die in aanmerking komen en hoger staan: {} (de voorgestelde woningzoekende staat op plaats {})",
            names(w, above),
            rank.map_or_else(|| "-".to_owned(), |r| r.to_string())
        ),
        Breach::QuotaExceeded { state } => {
            format!("quotum overschreden: {}", quota_line(state, w))
        }
        Breach::PriorityNotMet { claimed, actual } => match actual {
            Some(actual) => format!(
                "de genoemde voorrang {claimed} geldt niet (de voorrang die wel geldt: {actual})"
            ),
            None => format!("de genoemde voorrang {claimed} geldt niet (er geldt geen voorrang)"),
        },
        Breach::RuleNotApplicable { rule } => {
            format!("de genoemde regel {rule} geldt niet voor deze woning")
        }
        Breach::RuleNotMet { rule } => {
            format!("aan de genoemde regel {rule} is niet voldaan")
        }
        Breach::UrgentPassedOver { ground, above } => format!(
            "slaat kandidaten met urgentie over ({}) op de maatwerkgrond {ground}: maatwerk gaat nooit voor urgentie",
            names(w, above)
        ),
        Breach::TailoredNotMet { ground } => format!(
            "de genoemde maatwerkgrond {ground} geldt niet voor deze woningzoekende en deze woning"
        ),
        Breach::UnitTaken { applicant, date } => format!(
            "de woning is op {} al toegewezen aan {applicant}",
            day(w, *date)
        ),
    }
}

/// The basis of a proposal as written (`priority urgency`), its first word
/// in this language.
fn basis(w: Words, basis: &str) -> String {
    if w.0 == Lang::En {
        return basis.to_owned();
    }
    let (kind, rest) = basis.split_once(' ').unwrap_or((basis, ""));
    if basis == "priority none" {
        return priority_nl(None);
    }
    let kind = match kind {
        "priority" => "voorrang",
        "tailored" => "maatwerk",
        "rule" => "regel",
        other => other,
    };
    if rest.is_empty() {
        kind.to_owned()
    } else {
        format!("{kind} {rest}")
    }
}

/// Verdicts for a terminal, in the words of `w`: one short block per
/// proposal.
pub fn verdicts_text_in(verdicts: &[Verdict], w: Words) -> String {
    let nl = w.0 == Lang::Nl;
    let (ok, not_ok, indent, note) = if nl {
        ("voldoet     ", "VOLDOET NIET", "               ", "let op")
    } else {
        ("ok    ", "NOT OK", "         ", "note")
    };
    let on = if nl { "op" } else { "on" };
    let mut out = String::new();
    for v in verdicts {
        let _ = writeln!(
            out,
            "{} {}: {} → {} {on} {} ({})",
            if v.compliant { ok } else { not_ok },
            v.proposal,
            v.unit,
            v.applicant,
            day(w, v.date),
            basis(w, &v.basis)
        );
        for b in &v.breaches {
            let _ = writeln!(out, "{indent}- {}", breach_line(b, w));
        }
        for q in &v.warnings {
            let _ = writeln!(out, "{indent}{note}: {}", quota_line(q, w));
        }
    }
    let compliant = verdicts.iter().filter(|v| v.compliant).count();
    let not = verdicts.len().saturating_sub(compliant);
    if nl {
        let verb = |n: usize| if n == 1 { "voldoet" } else { "voldoen" };
        let _ = writeln!(
            out,
            "\n{compliant} {}, {not} {} niet",
            verb(compliant),
            verb(not)
        );
    } else {
        let _ = writeln!(out, "\n{compliant} compliant, {not} not compliant");
    }
    out
}

/// Verdicts as an auditor's report.
pub(crate) fn verdicts_markdown(verdicts: &[Verdict]) -> String {
    verdicts_markdown_in(verdicts, Words::default())
}

/// `verdicts_markdown` in the words of `w`.
pub fn verdicts_markdown_in(verdicts: &[Verdict], w: Words) -> String {
    let nl = w.0 == Lang::Nl;
    let mut out = String::from(if nl {
        "# Voorgestelde toewijzingen\n\n| voorstel | woning | woningzoekende | datum | grond | voldoet |\n|---|---|---|---|---|---|\n"
    } else {
        "# Proposed allocations\n\n| proposal | unit | applicant | date | basis | compliant |\n|---|---|---|---|---|---|\n"
    });
    let (yes, no) = if nl {
        ("ja", "**nee**")
    } else {
        ("yes", "**no**")
    };
    for v in verdicts {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            v.proposal,
            v.unit,
            v.applicant,
            day(w, v.date),
            basis(w, &v.basis),
            if v.compliant { yes } else { no }
        );
    }
    let note = if nl { "let op" } else { "note" };
    for v in verdicts {
        let _ = writeln!(out, "\n## {}\n", v.proposal);
        if v.breaches.is_empty() {
            out.push_str(if nl { "Voldoet.\n" } else { "Compliant.\n" });
        }
        for b in &v.breaches {
            let _ = writeln!(out, "- {}", breach_line(b, w));
        }
        for q in &v.warnings {
            let _ = writeln!(out, "- {note}: {}", quota_line(q, w));
        }
        if let Some(d) = &v.decision {
            super::markdown::decision_in(&mut out, d, w);
        }
    }
    out
}

fn group_table(out: &mut String, title: &str, groups: &[GroupCount], w: Words) {
    let _ = writeln!(out, "\n## {title}\n");
    out.push_str(match w.0 {
        Lang::En => {
            "| group | allocations | by priority | by classification |\n|---|---|---|---|\n"
        }
        Lang::Nl => "| groep | toewijzingen | per voorrang | per indeling |\n|---|---|---|---|\n",
    });
    for g in groups {
        let pairs = |xs: &[(String, u32)]| {
            xs.iter()
                .map(|(k, n)| {
                    let k = if k == "none" {
                        w.term(Term::Nothing)
                    } else {
                        k.as_str()
                    };
                    format!("{k} {n}")
                })
                .collect::<Vec<_>>()
                .join(", ")
        };
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            g.group,
            g.allocations,
            pairs(&g.by_priority),
            pairs(&g.by_classification)
        );
    }
}

/// A period report in Markdown, with tables.
pub(crate) fn period_markdown(report: &PeriodReport) -> String {
    period_markdown_in(report, Words::default())
}

/// `period_markdown` in the words of `w`.
pub fn period_markdown_in(report: &PeriodReport, w: Words) -> String {
    let nl = w.0 == Lang::Nl;
    let mut out = if nl {
        format!(
            "# Toewijzingen van {} t/m {}\n",
            day(w, report.from),
            day(w, report.until)
        )
    } else {
        format!("# Allocations {} to {}\n", report.from, report.until)
    };
    group_table(&mut out, "Per complex", &report.complexes, w);
    group_table(&mut out, "Per buurt", &report.buurten, w);
    out.push_str(if nl {
        "\n## Quota aan het eind van de periode\n\n| quotum | grens | aandeel | groep | geteld | van | periode | stand |\n|---|---|---|---|---|---|---|---|\n"
    } else {
        "\n## Quotas at the end of the period\n\n| quota | bound | share | scope | counted | of | window | status |\n|---|---|---|---|---|---|---|---|\n"
    });
    let to = if nl { "t/m" } else { "to" };
    for q in &report.shares {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} {to} {} | {} |",
            q.quota,
            bound(w, &q.bound),
            share(w, &q.share),
            scope(w, &q.scope),
            q.counted,
            q.of,
            day(w, q.from),
            day(w, q.until),
            status(q, w)
        );
    }
    out.push_str(if nl {
        "\n## Quota in de loop van de tijd\n\n| datum | woning | quotum | groep | geteld | van | stand |\n|---|---|---|---|---|---|---|\n"
    } else {
        "\n## Quotas over time\n\n| date | unit | quota | scope | counted | of | status |\n|---|---|---|---|---|---|---|\n"
    });
    for p in &report.timeline {
        let q = &p.state;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            day(w, p.date),
            p.unit,
            q.quota,
            scope(w, &q.scope),
            q.counted,
            q.of,
            status(q, w)
        );
    }
    out
}

/// A period report for a terminal, in the words of `w`: the Markdown
/// report's headings as plain lines and its tables as aligned columns,
/// without Markdown's marks.
pub fn period_text_in(report: &PeriodReport, w: Words) -> String {
    let markdown = period_markdown_in(report, w);
    let mut out = String::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    for line in markdown.lines().chain([""]) {
        if let Some(row) = line.strip_prefix('|') {
            let cells: Vec<String> = row
                .trim_end_matches('|')
                .split('|')
                .map(|c| c.trim().replace("**", ""))
                .collect();
            // The line under a table's head.
            if !cells
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|ch| ch == '-'))
            {
                table.push(cells);
            }
            continue;
        }
        if !table.is_empty() {
            aligned(&mut out, &std::mem::take(&mut table));
        }
        let heading = line.trim_start_matches('#').trim_start();
        if heading.len() < line.len() {
            let _ = writeln!(out, "{heading}");
        } else if !line.is_empty() || !out.ends_with("\n\n") {
            let _ = writeln!(out, "{line}");
        }
    }
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// Rows as columns padded to their widest cell, two spaces apart.
fn aligned(out: &mut String, rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = Vec::new();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            let width = cell.chars().count();
            match widths.get_mut(i) {
                Some(w) => *w = (*w).max(width),
                None => widths.push(width),
            }
        }
    }
    for row in rows {
        let line: Vec<String> = row
            .iter()
            .zip(&widths)
            .map(|(cell, &w)| format!("{cell:<w$}"))
            .collect();
        let _ = writeln!(out, "{}", line.join("  ").trim_end());
    }
}

fn status(q: &QuotaState, w: Words) -> &'static str {
    match (w.0, q.exceeded, q.below_minimum) {
        (Lang::En, true, _) => "**exceeded**",
        (Lang::En, false, true) => "below minimum",
        (Lang::En, false, false) => "within",
        (Lang::Nl, true, _) => "**overschreden**",
        (Lang::Nl, false, true) => "onder het minimum",
        (Lang::Nl, false, false) => "binnen de grens",
    }
}
