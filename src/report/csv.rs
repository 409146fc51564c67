//! CSV reports for a corporation's own spreadsheets: one row per decision,
//! vacancy or verdict, RFC 4180 quoting, the columns of
//! `docs/csv-format.md`. Lists in a cell are separated by `; ` (failed
//! rules' sources, which hold `;` themselves, by ` | `).

use crate::allocate::record::{AllocationRun, Vacancy, Verdict};
use crate::eval::record::{DecisionRecord, EvalOutput};

/// A report could not be written (only a failing writer can cause it).
#[derive(Debug, thiserror::Error)]
#[error("cannot write CSV: {0}")]
pub struct CsvError(String);

fn table(header: &[&str], rows: impl IntoIterator<Item = Vec<String>>) -> Result<String, CsvError> {
    let err = |e: &dyn std::fmt::Display| CsvError(e.to_string());
    let mut writer = writer(Vec::new());
    writer.write_record(header).map_err(|e| err(&e))?;
    for row in rows {
        writer.write_record(&row).map_err(|e| err(&e))?;
    }
    let bytes = writer.into_inner().map_err(|e| err(&e))?;
    String::from_utf8(bytes).map_err(|e| err(&e))
}

/// The writer of every CSV report: RFC 4180 records ending in CRLF.
pub(crate) fn writer<W: std::io::Write>(out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out)
}

fn joined<T>(items: &[T], show: impl Fn(&T) -> String) -> String {
    items.iter().map(show).collect::<Vec<_>>().join("; ")
}

/// The columns of a decision, in [`DECISION_COLUMNS`] order, less the rank.
fn decision_cells(d: &DecisionRecord) -> Vec<String> {
    let sources = d
        .failed
        .iter()
        .map(|id| {
            let source = d
                .rules
                .iter()
                .find(|r| &r.id == id)
                .map_or("", |r| r.source.as_str());
            format!("{id}: {source}")
        })
        .collect::<Vec<_>>()
        // Sources hold `;` themselves.
        .join(" | ");
    vec![
        d.applicant.clone(),
        d.unit.clone(),
        d.eligible.to_string(),
        d.failed.join("; "),
        sources,
        d.priority.clone().unwrap_or_default(),
        joined(&d.classifications, |c| format!("{}={}", c.rule, c.label)),
        joined(&d.points, |p| format!("{}={}", p.rule, p.total)),
        d.application.date.to_string(),
    ]
}

/// The columns of a decision row.
pub(crate) const DECISION_COLUMNS: [&str; 10] = [
    "applicant",
    "unit",
    "eligible",
    "failed_rules",
    "failed_sources",
    "priority",
    "classifications",
    "points",
    "application_date",
    "rank",
];

/// `eval` and `rank`: one row per decision, with its rank where the run
/// ranked its unit.
pub fn decisions(output: &EvalOutput) -> Result<String, CsvError> {
    let rows = output.decisions.iter().map(|d| {
        let rank = output
            .rankings
            .iter()
            .filter(|r| r.unit == d.unit)
            .flat_map(|r| &r.candidates)
            .find(|c| c.applicant == d.applicant)
            .and_then(|c| c.rank)
            .map(|r| r.to_string())
            .unwrap_or_default();
        let mut cells = decision_cells(d);
        cells.push(rank);
        cells
    });
    table(&DECISION_COLUMNS, rows)
}

/// `allocate`: one row per vacancy.
pub fn allocation(run: &AllocationRun) -> Result<String, CsvError> {
    table(
        &ALLOCATION_COLUMNS,
        run.vacancies.iter().map(allocation_row),
    )
}

/// The columns of [`allocation`].
pub(crate) const ALLOCATION_COLUMNS: [&str; 8] = [
    "unit",
    "complex",
    "date",
    "allocated_to",
    "rank",
    "priority",
    "classifications",
    "quotas_exceeded",
];

/// One vacancy's row of [`allocation`], in [`ALLOCATION_COLUMNS`] order.
pub(crate) fn allocation_row(v: &Vacancy) -> Vec<String> {
    vec![
        v.unit.clone(),
        v.complex.clone(),
        v.date.to_string(),
        v.allocated_to.as_deref().unwrap_or_default().to_owned(),
        v.rank.map(|r| r.to_string()).unwrap_or_default(),
        v.priority.clone().unwrap_or_default(),
        v.classifications.join("; "),
        joined(
            &v.quotas.iter().filter(|q| q.exceeded).collect::<Vec<_>>(),
            |q| q.quota.to_string(),
        ),
    ]
}

/// `validate`: one row per proposal, with the decision it rests on.
pub fn verdicts(verdicts: &[Verdict]) -> Result<String, CsvError> {
    let rows = verdicts.iter().map(|v| {
        let breaches = v
            .breaches
            .iter()
            .map(|b| match serde_json::to_value(b) {
                Ok(serde_json::Value::Object(map)) => map
                    .get("reason")
                    .and_then(serde_json::Value::as_str)
                    .unwrap_or("breach")
                    .to_owned(),
                _ => "breach".to_owned(),
            })
            .collect::<Vec<_>>()
            .join("; ");
        let mut cells = vec![
            v.proposal.clone(),
            v.date.to_string(),
            v.basis.clone(),
            v.compliant.to_string(),
            breaches,
        ];
        match &v.decision {
            Some(d) => cells.extend(decision_cells(d)),
            None => {
                let mut empty = vec![String::new(); DECISION_COLUMNS.len().saturating_sub(1)];
                if let [applicant, unit, ..] = empty.as_mut_slice() {
                    applicant.clone_from(&v.applicant);
                    unit.clone_from(&v.unit);
                }
                cells.extend(empty);
            }
        }
        cells
    });
    let mut header = vec!["proposal", "date", "basis", "compliant", "breaches"];
    header.extend(
        DECISION_COLUMNS
            .iter()
            .take(DECISION_COLUMNS.len().saturating_sub(1)),
    );
    table(&header, rows)
}
