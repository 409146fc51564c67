//! HTML for the workflow reports (`allocate`, `validate`, `report`): their
//! Markdown laid out as a page ([`super::markup`]), and for a period report
//! each quota's share over time drawn as a chart.

use std::collections::BTreeMap;

use super::markup::to_html;
use super::page;
use super::svg::{Line, Lines, lines};
use crate::allocate::record::{AllocationRun, PeriodReport, Verdict};
use crate::report::workflow;

/// An allocation run as a page.
pub fn allocation(run: &AllocationRun) -> String {
    allocation_page(&workflow::allocation_markdown(run))
}

/// The page of an allocation run's auditor's report, `markdown`.
pub(crate) fn allocation_page(markdown: &str) -> String {
    page::report("Allocation run", &to_html(markdown))
}

/// The verdicts on proposed allocations as a page, each proposal's
/// decision on a page of its own in print.
pub fn verdicts(verdicts: &[Verdict]) -> String {
    page::report(
        "Proposed allocations",
        &to_html(&workflow::verdicts_markdown(verdicts)),
    )
}

/// A period report as a page, with each quota's share over time.
pub fn period(report: &PeriodReport) -> String {
    let mut body = to_html(&workflow::period_markdown(report));
    let chart = quota_lines(report);
    if !chart.lines.is_empty() {
        page::heading(&mut body, 2, Some("chart"), "Quota shares over time");
        lines(&mut body, &chart);
    }
    page::report(
        &format!("Allocations {} to {}", report.from, report.until),
        &body,
    )
}

/// Per mille of `counted` in `of`; `None` for an empty whole.
pub(crate) fn permille(counted: u32, of: u32) -> Option<u64> {
    u64::from(counted)
        .checked_mul(1000)?
        .checked_div(u64::from(of))
}

/// A bound such as `25%` or `92.5%` in per mille.
pub(crate) fn bound_permille(share: &str) -> Option<u64> {
    let number = share.trim().trim_end_matches('%').trim();
    let (whole, fraction) = number.split_once('.').unwrap_or((number, ""));
    let whole: u64 = whole.parse().ok()?;
    let tenth: u64 = fraction
        .chars()
        .next()
        .map_or(Some(0), |c| c.to_digit(10).map(u64::from))?;
    whole.checked_mul(10)?.checked_add(tenth)
}

/// One line per quota and scope, a point at every allocation of the
/// period that it guarded (dates in timeline order).
fn quota_lines(report: &PeriodReport) -> Lines<'static> {
    let mut moments: Vec<String> = Vec::new();
    let mut at: Vec<usize> = Vec::new();
    for p in &report.timeline {
        let key = format!("{} {}", p.date, p.unit);
        if moments.last() != Some(&key) {
            moments.push(key);
        }
        at.push(moments.len().saturating_sub(1));
    }
    let mut by_line: BTreeMap<(String, String), Line> = BTreeMap::new();
    for (p, i) in report.timeline.iter().zip(at) {
        let q = &p.state;
        let entry = by_line
            .entry((q.quota.to_string(), q.scope.to_string()))
            .or_insert_with(|| Line {
                name: format!("{} ({})", q.quota, q.scope),
                bound: bound_permille(&q.share),
                values: vec![None; moments.len()],
            });
        if let Some(slot) = entry.values.get_mut(i) {
            *slot = permille(q.counted, q.of);
        }
    }
    Lines {
        caption: "Each quota's share at every allocation it guarded (dashed: its bound)",
        moments: moments
            .into_iter()
            .map(|m| m.split(' ').next().unwrap_or_default().to_owned())
            .collect(),
        lines: by_line.into_values().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_read_as_per_mille() {
        assert_eq!(bound_permille("25%"), Some(250));
        assert_eq!(bound_permille("92.5%"), Some(925));
        assert_eq!(bound_permille("x"), None);
        assert_eq!(permille(1, 4), Some(250));
        assert_eq!(permille(1, 0), None);
    }
}
