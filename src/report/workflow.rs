//! Text and Markdown for the allocation workflows: an allocation run, the
//! verdicts on proposed allocations, a period report.

use std::fmt::Write as _;

use crate::allocate::record::{
    AllocationRun, Breach, GroupCount, PeriodReport, QuotaState, Skip, Verdict,
};

fn quota_line(q: &QuotaState) -> String {
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

fn skip_line(s: &Skip) -> String {
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
            quotas.iter().map(quota_line).collect::<Vec<_>>().join("; ")
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
                .map(|q| q.quota.as_str())
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

/// An allocation run for a terminal.
pub fn allocation_text(run: &AllocationRun) -> String {
    let mut out = String::new();
    let housed = run
        .vacancies
        .iter()
        .filter(|v| v.allocated_to.is_some())
        .count();
    let _ = writeln!(
        out,
        "{} vacancies in date order, {housed} allocated (seed {}{})",
        run.vacancies.len(),
        run.seed,
        if run.redacted { ", redacted" } else { "" }
    );
    for v in &run.vacancies {
        let _ = writeln!(out);
        match &v.allocated_to {
            Some(a) => {
                let _ = writeln!(
                    out,
                    "{} ({}) on {}: {a}, rank {}, priority {}, {}",
                    v.unit,
                    v.complex,
                    v.date,
                    v.rank.map_or_else(|| "-".to_owned(), |r| r.to_string()),
                    v.priority.as_deref().unwrap_or("none"),
                    v.classifications.join(", ")
                );
            }
            None => {
                let _ = writeln!(
                    out,
                    "{} ({}) on {}: not allocated",
                    v.unit, v.complex, v.date
                );
            }
        }
        for s in &v.skipped {
            let _ = writeln!(out, "  passed over  {}", skip_line(s));
        }
        for q in &v.quotas {
            let _ = writeln!(out, "  quota        {}", quota_line(q));
        }
    }
    out
}

/// An allocation run as an auditor's report.
pub fn allocation_markdown(run: &AllocationRun) -> String {
    let mut out = String::from("# Allocation run\n\n");
    let _ = writeln!(out, "Lottery seed: {}\n", run.seed);
    if run.redacted {
        out.push_str("Applicant ids are pseudonyms (redacted).\n\n");
    }
    out.push_str("| unit | complex | date | allocated to | rank | priority | classification |\n");
    out.push_str("|---|---|---|---|---|---|---|\n");
    for v in &run.vacancies {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            v.unit,
            v.complex,
            v.date,
            v.allocated_to.as_deref().unwrap_or("—"),
            v.rank.map_or_else(|| "—".to_owned(), |r| r.to_string()),
            v.priority.as_deref().unwrap_or("none"),
            v.classifications.join(", ")
        );
    }
    for v in &run.vacancies {
        if v.skipped.is_empty() && v.quotas.is_empty() {
            continue;
        }
        let _ = writeln!(out, "\n## {} ({}), {}\n", v.unit, v.complex, v.date);
        for s in &v.skipped {
            let _ = writeln!(out, "- passed over: {}", skip_line(s));
        }
        for q in &v.quotas {
            let _ = writeln!(out, "- quota: {}", quota_line(q));
        }
    }
    out
}

fn breach_line(b: &Breach) -> String {
    match b {
        Breach::NotEligible { failed } => format!("not eligible: {}", failed.join(", ")),
        Breach::PassedOver { rank, above } => format!(
            "passed over higher-ranked eligible candidates {} (proposed applicant ranks {})",
            above.join(", "),
            rank.map_or_else(|| "-".to_owned(), |r| r.to_string())
        ),
        Breach::QuotaExceeded { state } => format!("quota exceeded: {}", quota_line(state)),
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

/// Verdicts for a terminal: one short block per proposal.
pub fn verdicts_text(verdicts: &[Verdict]) -> String {
    let mut out = String::new();
    for v in verdicts {
        let _ = writeln!(
            out,
            "{} {}: {} → {} on {} ({})",
            if v.compliant { "ok    " } else { "NOT OK" },
            v.proposal,
            v.unit,
            v.applicant,
            v.date,
            v.basis
        );
        for b in &v.breaches {
            let _ = writeln!(out, "         - {}", breach_line(b));
        }
        for w in &v.warnings {
            let _ = writeln!(out, "         note: {}", quota_line(w));
        }
    }
    let compliant = verdicts.iter().filter(|v| v.compliant).count();
    let _ = writeln!(
        out,
        "\n{compliant} compliant, {} not compliant",
        verdicts.len().saturating_sub(compliant)
    );
    out
}

/// Verdicts as an auditor's report.
pub fn verdicts_markdown(verdicts: &[Verdict]) -> String {
    let mut out = String::from(
        "# Proposed allocations\n\n| proposal | unit | applicant | date | basis | compliant |\n|---|---|---|---|---|---|\n",
    );
    for v in verdicts {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} |",
            v.proposal,
            v.unit,
            v.applicant,
            v.date,
            v.basis,
            if v.compliant { "yes" } else { "**no**" }
        );
    }
    for v in verdicts {
        let _ = writeln!(out, "\n## {}\n", v.proposal);
        if v.breaches.is_empty() {
            out.push_str("Compliant.\n");
        }
        for b in &v.breaches {
            let _ = writeln!(out, "- {}", breach_line(b));
        }
        for w in &v.warnings {
            let _ = writeln!(out, "- note: {}", quota_line(w));
        }
        if let Some(d) = &v.decision {
            super::markdown::decision(&mut out, d);
        }
    }
    out
}

fn group_table(out: &mut String, title: &str, groups: &[GroupCount]) {
    let _ = writeln!(out, "\n## {title}\n");
    out.push_str("| group | allocations | by priority | by classification |\n|---|---|---|---|\n");
    for g in groups {
        let pairs = |xs: &[(String, u32)]| {
            xs.iter()
                .map(|(k, n)| format!("{k} {n}"))
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
pub fn period_markdown(report: &PeriodReport) -> String {
    let mut out = format!("# Allocations {} to {}\n", report.from, report.until);
    group_table(&mut out, "Per complex", &report.complexes);
    group_table(&mut out, "Per buurt", &report.buurten);
    out.push_str("\n## Quotas at the end of the period\n\n| quota | bound | share | scope | counted | of | window | status |\n|---|---|---|---|---|---|---|---|\n");
    for q in &report.shares {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} to {} | {} |",
            q.quota,
            q.bound,
            q.share,
            q.scope,
            q.counted,
            q.of,
            q.from,
            q.until,
            status(q)
        );
    }
    out.push_str("\n## Quotas over time\n\n| date | unit | quota | scope | counted | of | status |\n|---|---|---|---|---|---|---|\n");
    for p in &report.timeline {
        let q = &p.state;
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} |",
            p.date,
            p.unit,
            q.quota,
            q.scope,
            q.counted,
            q.of,
            status(q)
        );
    }
    out
}

/// A period report for a terminal: the Markdown report's headings as plain
/// lines and its tables as aligned columns, without Markdown's marks.
pub fn period_text(report: &PeriodReport) -> String {
    let markdown = period_markdown(report);
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

fn status(q: &QuotaState) -> &'static str {
    if q.exceeded {
        "**exceeded**"
    } else if q.below_minimum {
        "below minimum"
    } else {
        "within"
    }
}
