//! `toewijzer bench-serve`: the service started on loopback and asked by
//! concurrent callers in this process, `decide` with tracing off and on.

use std::net::SocketAddr;

use clap::Args;

use super::exit;
use super::output::fail;
use super::run_args::RunArgs;
use toewijzer::tools::serve::{Config, Limits, Service, Sources};
use toewijzer::tools::serve::{Load, fire};

/// Arguments of `bench-serve`.
#[derive(Debug, Args)]
pub struct BenchServeArgs {
    #[command(flatten)]
    run: RunArgs,
    /// Concurrent callers, each on its own connection.
    #[arg(long, value_name = "N", default_value_t = 32, value_parser = clap::value_parser!(u32).range(1..=1024))]
    clients: u32,
    /// Requests each caller makes per measurement.
    #[arg(long, value_name = "N", default_value_t = 2000, value_parser = clap::value_parser!(u32).range(1..))]
    requests: u32,
    /// Deciding threads; default: one per core.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    workers: Option<u32>,
}

/// Runs the measurement and prints it.
pub fn run(args: &BenchServeArgs) -> u8 {
    let inputs = match args.run.load() {
        Ok(inputs) => inputs,
        Err(e) => return fail(&e),
    };
    let engine = match inputs.engine(args.run.date, args.run.seed) {
        Ok(engine) => engine,
        Err(e) => return fail(&e),
    };
    // Every default pair of the data, asked by id in turn.
    let pairs: Vec<(String, String)> = engine
        .default_pairs()
        .into_iter()
        .filter_map(|(a, u)| {
            let data = &inputs.data;
            Some((
                data.applicants().get(a)?.id.clone(),
                data.units().get(u)?.id.clone(),
            ))
        })
        .collect();
    let mut limits = Limits::default();
    if let Some(n) = args.workers {
        limits.workers = usize::try_from(n).unwrap_or(1);
    }
    let config = Config {
        sources: Sources {
            rules: args.run.rules.clone(),
            data: args.run.data.clone(),
        },
        listen: SocketAddr::from(([127, 0, 0, 1], 0)),
        token: None,
        log: None,
        redaction: None,
        limits,
    };
    let service = match Service::start(config) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return exit::BAD_INPUT;
        }
    };
    println!(
        "decide on {} pairs, {} clients × {} requests, {} deciding threads",
        pairs.len(),
        args.clients,
        args.requests,
        limits.workers
    );
    machine_line("before");
    let clients = usize::try_from(args.clients).unwrap_or(1);
    let each = usize::try_from(args.requests).unwrap_or(1);
    for trace in [false, true] {
        let bodies: Vec<Vec<u8>> = pairs
            .iter()
            .map(|(a, u)| {
                serde_json::json!({
                    "applicant": a, "unit": u,
                    "date": args.run.date.to_string(), "seed": args.run.seed, "trace": trace,
                })
                .to_string()
                .into_bytes()
            })
            .collect();
        // A warm-up round compiles the date on every worker and computes
        // the facts, so the measurement is of answering alone.
        let warm = fire(service.addr(), "/v1/decide", &bodies, clients, 50);
        let measured =
            warm.and_then(|_| fire(service.addr(), "/v1/decide", &bodies, clients, each));
        match measured {
            Ok(load) => line(if trace { "tracing on" } else { "tracing off" }, &load),
            Err(e) => {
                eprintln!("error: the load run stopped: {e}");
                return exit::BAD_INPUT;
            }
        }
    }
    service.stop();
    machine_line("after");
    exit::OK
}

/// The cores and the load average, before and after: the figures are of a
/// machine that may be shared.
fn machine_line(when: &str) {
    let cores = std::thread::available_parallelism().map_or(1, usize::from);
    let load = std::fs::read_to_string("/proc/loadavg").ok().map(|text| {
        text.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    });
    match load {
        Some(load) => println!("{when}: {cores} cores, load average {load} (1, 5, 15 min)"),
        None => println!("{when}: {cores} cores"),
    }
}

fn line(label: &str, load: &Load) {
    println!(
        "{label:<12} {:>9.0} decisions/s  p50 {:>7.3} ms  p99 {:>7.3} ms  ({} answered, {} failed, {:.2} s)",
        load.per_second(),
        load.p50.as_secs_f64() * 1e3,
        load.p99.as_secs_f64() * 1e3,
        load.answered,
        load.failed,
        load.elapsed.as_secs_f64()
    );
    let micros = |d: std::time::Duration| d.as_secs_f64() * 1e6;
    if let (Some(all), Some(server)) = (load.cpu_per_answer(), load.server_cpu_per_answer()) {
        println!(
            "{:<12} CPU per decision {:>6.1} µs, of which the service {:>6.1} µs and the clients {:>6.1} µs",
            "",
            micros(all),
            micros(server),
            micros(all.saturating_sub(server))
        );
    }
}
