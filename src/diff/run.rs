//! A whole `diff` run as a library function: the baseline loaded and
//! compiled once, each variant applied and checked, every pair decided
//! both ways, and with a period the allocation both ways.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::group::groups;
use super::{Comparison, DIFF_SCHEMA_VERSION, DiffOutput, Selection, compare, compare_allocations};
use crate::allocate::allocate_on;
use crate::diagnostics::{ToDiagnostic, render_text};
use crate::eval::Engine;
use crate::report::header::{RunSettings, build_header};
use crate::report::redact::Redactor;
use crate::run::{SetupError, load_inputs};
use crate::source::SourceMap;
use crate::variant::{Side, load_rules_new, load_variant};

/// What to compare.
#[derive(Debug, Clone)]
pub struct DiffRequest {
    /// The baseline rule set's folder or root file.
    pub rules: PathBuf,
    /// The data folder.
    pub data: PathBuf,
    /// The reference date.
    pub date: NaiveDate,
    /// The lottery seed, the same on both sides.
    pub seed: u64,
    /// Variant files, each compared with the baseline.
    pub variants: Vec<PathBuf>,
    /// Another rule folder, compared with the baseline.
    pub rules_new: Option<PathBuf>,
    /// A period to allocate both ways (both days included).
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// Only these units (ids); empty: every unit.
    pub units: Vec<String>,
    /// Only these applicants (ids), each with every unit selected.
    pub applicants: Vec<String>,
    /// Every applicant with each unit, not only those who reacted.
    pub every_applicant: bool,
    /// Threads to decide each vacancy's candidates on, both in the
    /// comparison and the allocation; the output is the same for any number.
    pub threads: usize,
    /// Redact what is printed of applicants (`--redact`).
    pub redact: Option<Redactor>,
    /// The language of the changed decisions' trace lines (`--lang`; JSON
    /// asks English, the machine's words).
    pub lang: crate::words::Lang,
}

fn engine_error(sources: &SourceMap, e: &crate::eval::EvalError) -> SetupError {
    SetupError::Engine(render_text(sources, &[e.to_diagnostic()]))
}

/// Runs the comparisons `request` asks for.
pub fn run_diff(request: &DiffRequest) -> Result<DiffOutput, SetupError> {
    let inputs = load_inputs(&request.rules, &request.data)?;
    let base_rules = inputs.rule_set().ok_or(SetupError::RuleSetCount {
        paths: request.rules.display().to_string(),
        count: 0,
    })?;
    let settings = RunSettings {
        date: request.date,
        seed: request.seed,
        redacted: request.redact.is_some(),
        traced: true,
    };
    let selection = Selection {
        units: request
            .units
            .iter()
            .map(|id| inputs.unit(id))
            .collect::<Result<_, _>>()?,
        applicants: request
            .applicants
            .iter()
            .map(|id| inputs.applicant(id))
            .collect::<Result<_, _>>()?,
        every_applicant: request.every_applicant,
        threads: request.threads,
        redact: request.redact.clone(),
        lang: request.lang,
    };
    let base_engine = inputs.engine(request.date, request.seed)?;
    let baseline = inputs.header(settings)?;
    let redact = |mut run: crate::allocate::record::AllocationRun| {
        if let Some(redactor) = &request.redact {
            redactor.allocation(&mut run);
        }
        run
    };
    let base_allocation = match request.period {
        Some((from, until)) => Some(
            allocate_on(
                base_rules,
                &inputs.rules.sources,
                &inputs.data,
                (Some(from), Some(until)),
                request.seed,
                request.threads.max(1),
            )
            .map_err(|e| engine_error(&inputs.rules.sources, &e))
            .map(redact)?,
        ),
        None => None,
    };
    let mut sides: Vec<Side> = Vec::new();
    for path in &request.variants {
        sides.push(load_variant(&request.rules, path, &inputs.data)?);
    }
    if let Some(dir) = &request.rules_new {
        sides.push(load_rules_new(dir)?);
    }
    let mut comparisons = Vec::with_capacity(sides.len());
    for side in &sides {
        // What the variant left alone is the baseline's, unchanged.
        let (rules, sources) = if side.touched.rules {
            (&side.rules, &side.sources)
        } else {
            (base_rules, &inputs.rules.sources)
        };
        let data = side.data.as_ref().unwrap_or(&inputs.data);
        let engine = Engine::new(rules, sources, data, request.date, request.seed)
            .map_err(|e| engine_error(sources, &e))?;
        let compared = compare(&base_engine, &engine, &selection);
        let header = build_header(&side.rules, &side.sources, &request.data, settings)
            .map_err(SetupError::Header)?;
        let allocation = match (request.period, &base_allocation) {
            (Some(period), Some(old)) => {
                let new = allocate_on(
                    rules,
                    sources,
                    data,
                    (Some(period.0), Some(period.1)),
                    request.seed,
                    request.threads.max(1),
                )
                .map_err(|e| engine_error(sources, &e))
                .map(redact)?;
                Some(compare_allocations(period, old, &new))
            }
            _ => None,
        };
        comparisons.push(Comparison {
            variant: side.variant.clone(),
            header,
            only_baseline: compared.only_baseline,
            only_variant: compared.only_variant,
            pairs: compared.pairs,
            changed: compared.changed.len(),
            groups: groups(&compared.changed, base_rules, rules),
            decisions: compared.changed,
            allocation,
        });
    }
    Ok(DiffOutput {
        schema_version: DIFF_SCHEMA_VERSION,
        baseline,
        comparisons,
    })
}
