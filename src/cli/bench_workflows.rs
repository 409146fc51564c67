//! `toewijzer bench-workflows`: the workflows timed as issues 11 and 12
//! state their targets. Over a period: the data loaded, the period
//! allocated with the loading apart and as one command, and, with
//! variants, the period simulated beside the baseline as `simulate` runs
//! it (loading included). On a date, with variants: `diff` of every
//! reaction under the baseline and the variants (loading included). Each
//! figure is the median of `--runs`, printed with the machine and the
//! process's peak memory; no test reads them.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use clap::Args;

use super::exit;
use super::output::fail;
use toewijzer::pipeline::{
    DiffRequest, SetupError, SimulateRequest, allocate_on, load_inputs, run_diff, run_simulate,
};
use toewijzer::render::Lang;
use toewijzer::tools::bench::{Stats, machine};

/// Arguments of `bench-workflows`.
#[derive(Debug, Args)]
pub struct BenchWorkflowsArgs {
    /// A rule set's folder or root file.
    #[arg(long, value_name = "DIR")]
    rules: PathBuf,
    /// The data folder (see docs/data-format.md).
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// The period whose vacancies are allocated (and simulated, given
    /// variants), both days included.
    #[arg(long, value_name = "FROM..UNTIL", value_parser = super::diff::parse_period, required_unless_present = "date")]
    period: Option<(NaiveDate, NaiveDate)>,
    /// The reference date to `diff` the variants on.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = toewijzer::pipeline::parse_date_arg)]
    date: Option<NaiveDate>,
    /// A variant to simulate or diff beside the baseline (repeatable);
    /// without one, neither is timed.
    #[arg(long = "variant", value_name = "FILE")]
    variants: Vec<PathBuf>,
    /// The lottery seed, as `allocate --seed`.
    #[arg(long, value_name = "N", default_value_t = 0)]
    seed: u64,
    /// How many times each measurement is repeated.
    #[arg(long, value_name = "N", default_value_t = 3, value_parser = clap::value_parser!(u32).range(1..))]
    runs: u32,
    /// Threads to decide each vacancy's candidates on.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    threads: u32,
}

/// Runs the measurements and prints them.
pub fn run(args: &BenchWorkflowsArgs) -> u8 {
    match bench(args) {
        Ok(()) => exit::OK,
        Err(e) => fail(&e),
    }
}

fn line(label: &str, runs: &[Duration]) {
    let s = Stats::of_runs(runs);
    let secs = |ns: f64| ns / 1e9;
    println!(
        "{label:<42} {:>8.3} s  (min {:.3}, max {:.3})",
        secs(s.median_ns),
        secs(s.min_ns),
        secs(s.max_ns)
    );
}

fn bench(args: &BenchWorkflowsArgs) -> Result<(), SetupError> {
    let threads = usize::try_from(args.threads).unwrap_or(1);
    println!("machine: {}", machine());
    println!(
        "seed {}, {} run{}, {threads} thread{}",
        args.seed,
        args.runs,
        if args.runs == 1 { "" } else { "s" },
        if threads == 1 { "" } else { "s" }
    );
    if let Some(period) = args.period {
        allocation(args, period, threads)?;
    }
    if let Some(date) = args.date.filter(|_| !args.variants.is_empty()) {
        let request = DiffRequest {
            rules: args.rules.clone(),
            data: args.data.clone(),
            date,
            seed: args.seed,
            variants: args.variants.clone(),
            rules_new: None,
            period: None,
            units: Vec::new(),
            applicants: Vec::new(),
            every_applicant: false,
            threads,
            redact: None,
            lang: Lang::En,
        };
        let mut diffs = Vec::new();
        for _ in 0..args.runs {
            let start = Instant::now();
            run_diff(&request)?;
            diffs.push(start.elapsed());
        }
        line(
            &format!("diff on {date}, {} variant(s)", args.variants.len()),
            &diffs,
        );
    }
    match peak_memory() {
        Some(kib) => println!("peak memory of this process: {} MiB", kib / 1024),
        None => println!("peak memory of this process: not readable here"),
    }
    Ok(())
}

/// The allocation of `period` timed, and its simulation with the variants.
fn allocation(
    args: &BenchWorkflowsArgs,
    (from, until): (NaiveDate, NaiveDate),
    threads: usize,
) -> Result<(), SetupError> {
    println!("period {from} .. {until}");
    let (mut loads, mut allocations, mut whole) = (Vec::new(), Vec::new(), Vec::new());
    let mut vacancies = 0;
    for _ in 0..args.runs {
        let start = Instant::now();
        let inputs = load_inputs(&args.rules, &args.data)?;
        let loaded = start.elapsed();
        let rules = inputs.rule_set().ok_or(SetupError::RuleSetCount {
            paths: args.rules.display().to_string(),
            count: 0,
        })?;
        let start = Instant::now();
        let run = allocate_on(
            rules,
            &inputs.rules.sources,
            &inputs.data,
            (Some(from), Some(until)),
            args.seed,
            threads,
        )
        .map_err(|e| inputs.engine_error(&e))?;
        let allocated = start.elapsed();
        vacancies = run.vacancies.len();
        loads.push(loaded);
        allocations.push(allocated);
        whole.push(loaded.saturating_add(allocated));
    }
    println!("{vacancies} vacancies");
    line("load (check rules, read data)", &loads);
    line("allocate, loading apart", &allocations);
    line("allocate as one command (load + allocate)", &whole);
    if args.variants.is_empty() {
        return Ok(());
    }
    let request = SimulateRequest {
        rules: args.rules.clone(),
        data: args.data.clone(),
        from,
        until,
        variants: args.variants.clone(),
        seed: args.seed,
        threads,
        explain: None,
        redact: None,
        lang: Lang::En,
    };
    let mut simulations = Vec::new();
    for _ in 0..args.runs {
        let start = Instant::now();
        run_simulate(&request)?;
        simulations.push(start.elapsed());
    }
    line(
        &format!("simulate, baseline + {} variant(s)", args.variants.len()),
        &simulations,
    );
    Ok(())
}

/// The process's peak resident memory in KiB (`VmHWM`, Linux only).
fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
