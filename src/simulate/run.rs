//! A whole `simulate` run as a library function: the baseline loaded and
//! checked once, each variant applied to it, the period allocated under
//! every side with the allocate library, and every household followed.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::displacement::displacement;
use super::explain::{SideInputs, path};
use super::follow::follow;
use super::mixing::mixing;
use super::redact::redact;
use super::shares::shares;
use super::{HouseholdPaths, SIMULATE_SCHEMA_VERSION, SideReport, SimulateOutput};
use crate::allocate::{SideSpec, allocate_alongside};
use crate::diagnostics::{ToDiagnostic, render_text};
use crate::progress::Progress;
use crate::report::redact::Redactor;
use crate::run::{SetupError, load_inputs};
use crate::source::SourceMap;
use crate::variant::{Side, load_variant};

/// What to simulate.
#[derive(Debug, Clone)]
pub struct SimulateRequest {
    /// The baseline rule set's folder or root file.
    pub rules: PathBuf,
    /// The data folder.
    pub data: PathBuf,
    /// First day of the period.
    pub from: NaiveDate,
    /// Last day of the period (included).
    pub until: NaiveDate,
    /// Variant files, each simulated beside the baseline.
    pub variants: Vec<PathBuf>,
    /// The lottery seed, the same on every side.
    pub seed: u64,
    /// Threads to decide each vacancy's candidates on; the output is the
    /// same for any number.
    pub threads: usize,
    /// The household to explain, by applicant id.
    pub explain: Option<String>,
    /// Redact what is printed of applicants (`--redact`).
    pub redact: Option<Redactor>,
    /// The language of an explained household's outcomes (`--lang`; JSON
    /// asks English, the machine's words).
    pub lang: crate::words::Lang,
}

fn engine_error(sources: &SourceMap, e: &crate::eval::EvalError) -> SetupError {
    SetupError::Engine(render_text(sources, &[e.to_diagnostic()]))
}

/// What every figure counts, said once in the output.
pub(super) fn notes() -> Vec<String> {
    [
        "every side allocates the same vacancies (available in the period) in date order with the same seed, as `toewijzer allocate` does",
        "refused under a designation: the household reacted to a vacancy and failed a gate that applies only under that designation kind (other gates may have failed too); passed over by a quota: it was eligible and ranked above the household housed, but housing it would have exceeded an `at most` quota, or its priority group was set aside for one and it did not get the unit; counted once per designation or quota and buurt, from its first refusal there, and only while it was still unhoused",
        "housed elsewhere in the region: allocated another unit of the data folder (the region) later in the same period; suitable: any allocation the rules allowed, since `allocate` houses only eligible candidates",
        "waiting time: days from the household's first refusal in the group to its later allocation (the median is the middle one, the upper for an even count)",
        "household type on the day of the refusal: family with children (a minor in the household), else senior (the oldest member 67 or over), else couple (two or more adults) or single",
        "apart: urgent (an urgency declaration valid on the day of the refusal, which the urgent priority group reads), aandachtsgroep (the file names one), permit holder (permit_holder_first_housing)",
        "mixing: the inflow per buurt and per complex designated `fragile` on any day of the period; income sources are the main applicant's on the allocation's day; the make-up is the data's recorded allocations there before the period, by classification",
        "shares: each quota per scope group as it stood at its last allocation in the period",
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect()
}

/// Runs the simulation `request` asks for.
pub fn run_simulate(request: &SimulateRequest) -> Result<SimulateOutput, SetupError> {
    let progress = Progress::on_terminal();
    let inputs = load_inputs(&request.rules, &request.data)?;
    let base_rules = inputs.rule_set().ok_or(SetupError::RuleSetCount {
        paths: request.rules.display().to_string(),
        count: 0,
    })?;
    let explained = match &request.explain {
        Some(id) => Some(inputs.applicant(id)?),
        None => None,
    };
    let mut variants: Vec<Side> = Vec::with_capacity(request.variants.len());
    for p in &request.variants {
        variants.push(load_variant(&request.rules, p, &inputs.data)?);
    }
    let mut sides = Vec::with_capacity(variants.len().saturating_add(1));
    sides.push(SideInputs {
        name: "baseline",
        rules: base_rules,
        sources: &inputs.rules.sources,
        data: &inputs.data,
        seed: request.seed,
    });
    for v in &variants {
        // What the variant left alone is the baseline's, unchanged.
        let (rules, sources) = if v.touched.rules {
            (&v.rules, &v.sources)
        } else {
            (base_rules, &inputs.rules.sources)
        };
        sides.push(SideInputs {
            name: v.variant.as_ref().map_or("variant", |i| i.name.as_str()),
            rules,
            sources,
            data: v.data.as_ref().unwrap_or(&inputs.data),
            seed: request.seed,
        });
    }
    let period = (request.from, request.until);
    let what = format!("simulating {} sides", sides.len());
    let specs: Vec<SideSpec<'_>> = sides
        .iter()
        .map(|s| SideSpec {
            rules: s.rules,
            sources: s.sources,
            data: s.data,
        })
        .collect();
    // Every side at once: what a variant leaves alone is decided once.
    let runs = allocate_alongside(
        &specs,
        (Some(request.from), Some(request.until)),
        (request.seed, request.threads.max(1)),
        (&progress, &what),
    );
    let mut reports = Vec::with_capacity(sides.len());
    let mut paths = Vec::new();
    for (i, (side, run)) in sides.iter().zip(runs).enumerate() {
        let run = run.map_err(|e| engine_error(side.sources, &e))?;
        let followed = follow(side.rules, side.data, &run);
        if let Some(a) = explained {
            paths.push(
                path(
                    side,
                    &run,
                    &followed,
                    (a, request.until),
                    (request.redact.as_ref(), request.lang),
                )
                .map_err(|e| engine_error(side.sources, &e))?,
            );
        }
        let info = i
            .checked_sub(1)
            .and_then(|v| variants.get(v))
            .and_then(|v| v.variant.as_ref());
        let housed = followed.housed.len();
        let households = followed.households.len();
        reports.push(SideReport {
            name: side.name.to_owned(),
            title: info.map_or_else(|| side.rules.title.clone(), |v| v.title.clone()),
            file: info.map(|v| v.file.clone()),
            vacancies: run.vacancies.len(),
            let_units: run
                .vacancies
                .iter()
                .filter(|v| v.allocated_to.is_some())
                .count(),
            households,
            housed,
            unhoused: households.saturating_sub(housed),
            mixing: mixing(side.data, &run, period),
            displacement: displacement(side.data, &followed),
            shares: shares(&run),
        });
    }
    progress.finish();
    let mut output = SimulateOutput {
        schema_version: SIMULATE_SCHEMA_VERSION,
        from: request.from,
        until: request.until,
        seed: request.seed,
        notes: notes(),
        sides: reports,
        household: request.explain.clone().map(|applicant| HouseholdPaths {
            applicant,
            sides: paths,
        }),
        redacted: false,
        generalised: Vec::new(),
    };
    if let Some(redactor) = &request.redact {
        redact(&mut output, redactor);
    }
    Ok(output)
}
