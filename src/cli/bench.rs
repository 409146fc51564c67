//! `toewijzer bench`: check the rules cold, load and compile once, then time
//! every applicant × unit pair with tracing off (in both pair orders) and
//! on, each figure printed with the machine it was measured on.

use std::time::Instant;

use clap::Args;

use super::exit;
use super::output::fail;
use super::run_args::RunArgs;
use toewijzer::pipeline::SetupError;
use toewijzer::tools::bench::{RENDER_STRIDE, Stats, machine, measure, untraced};

/// Arguments of `bench`.
#[derive(Debug, Args)]
pub struct BenchArgs {
    #[command(flatten)]
    run: RunArgs,
    /// How many times each measurement is repeated.
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u32).range(1..))]
    runs: u32,
    /// Threads to spread the pairs over.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    threads: u32,
}

/// Runs the benchmark and prints the timings.
pub fn run(args: &BenchArgs) -> u8 {
    match bench(args) {
        Ok(()) => exit::OK,
        Err(e) => fail(&e),
    }
}

fn line(label: &str, s: &Stats) {
    println!(
        "{label:<25} {:>10.1} ns/pair  {:>12.0} pairs/s  (min {:.1}, max {:.1} ns/pair)",
        s.median_ns,
        s.pairs_per_second(),
        s.min_ns,
        s.max_ns
    );
}

fn bench(args: &BenchArgs) -> Result<(), SetupError> {
    let start = Instant::now();
    toewijzer::pipeline::check_rule_set(&args.run.rules)?;
    println!("machine: {}", machine());
    println!(
        "check (rules, cold: the first time in this process): {:.1} ms",
        start.elapsed().as_secs_f64() * 1e3
    );
    let start = Instant::now();
    let inputs = args.run.load()?;
    let loaded = start.elapsed();
    let start = Instant::now();
    let engine = inputs.engine(args.run.date, args.run.seed)?;
    let compiled = start.elapsed();
    let (applicants, units) = (inputs.data.applicants().len(), inputs.data.units().len());
    let pairs: Vec<(usize, usize)> = (0..units)
        .flat_map(|u| (0..applicants).map(move |a| (a, u)))
        .collect();
    println!(
        "load (check rules, read data): {:.1} ms",
        loaded.as_secs_f64() * 1e3
    );
    println!(
        "compile (rules for {}): {:.1} ms",
        args.run.date,
        compiled.as_secs_f64() * 1e3
    );
    println!(
        "{} pairs ({applicants} applicants × {units} units), {} runs, {} thread{}",
        pairs.len(),
        args.runs,
        args.threads,
        if args.threads == 1 { "" } else { "s" }
    );
    let m = measure(&engine, &pairs, args.runs as usize, args.threads as usize);
    println!(
        "first pass (facts computed on first use): {:.1} ms",
        m.first_pass.as_secs_f64() * 1e3
    );
    line("trace off, per unit", &m.untraced);
    // The same pairs applicant by applicant: an applicant's facts stay in
    // the cache over all units.
    let by_applicant: Vec<(usize, usize)> = (0..applicants)
        .flat_map(|a| (0..units).map(move |u| (a, u)))
        .collect();
    let per_applicant = untraced(
        &engine,
        &by_applicant,
        args.runs as usize,
        args.threads as usize,
    );
    line("trace off, per applicant", &per_applicant);
    line("trace on, per unit", &m.traced);
    line(
        &format!("trace rendered, 1 in {RENDER_STRIDE}"),
        &m.rendered,
    );
    inputs.settled(&engine)?;
    Ok(())
}
