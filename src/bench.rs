//! `bench`: how fast decisions are made, with tracing off (the fast path)
//! and on, measured apart from loading and compiling. Timings are only ever
//! printed; no test reads them.

use std::hint::black_box;
use std::time::{Duration, Instant};

use crate::eval::{Decision, Engine, Trace};

/// The spread of a number of timed runs, per pair.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Stats {
    /// Median nanoseconds per pair.
    pub median_ns: f64,
    /// Fastest run, nanoseconds per pair.
    pub min_ns: f64,
    /// Slowest run, nanoseconds per pair.
    pub max_ns: f64,
}

impl Stats {
    /// Pairs per second at the median.
    pub fn pairs_per_second(&self) -> f64 {
        if self.median_ns > 0.0 {
            1e9 / self.median_ns
        } else {
            0.0
        }
    }

    /// The spread of `runs` each timed whole (a workflow, not pairs): the
    /// figures are nanoseconds per run.
    pub fn of_runs(runs: &[Duration]) -> Stats {
        Stats::of(runs, 1)
    }

    fn of(runs: &[Duration], pairs: usize) -> Stats {
        let mut per_pair: Vec<f64> = runs
            .iter()
            .map(|d| d.as_nanos() as f64 / pairs.max(1) as f64)
            .collect();
        per_pair.sort_by(f64::total_cmp);
        // `len / 2 <= len`: the split cannot fail. The upper half is the
        // longer one, so its first run is the median of an odd count.
        let (lower, upper) = per_pair.split_at(per_pair.len() / 2);
        let median = match (lower.last(), upper.first()) {
            (_, None) => 0.0,
            (Some(a), Some(b)) if lower.len() == upper.len() => (a + b) / 2.0,
            (_, Some(b)) => *b,
        };
        Stats {
            median_ns: median,
            min_ns: per_pair.first().copied().unwrap_or(0.0),
            max_ns: per_pair.last().copied().unwrap_or(0.0),
        }
    }
}

/// The two measurements of a bench run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measured {
    /// The first, untimed-in-the-stats pass over every pair: the engine
    /// computes an applicant's facts on first use, so this pass pays for
    /// them and the runs after it measure the rules alone.
    pub first_pass: Duration,
    /// `decide_into`, tracing off.
    pub untraced: Stats,
    /// `trace_into`, tracing on: the whole trace built as data (every
    /// rule's outcome, fact read with the file's records behind it,
    /// parameter, designation, comparison and message value) into one
    /// reused buffer, not put into words.
    pub traced: Stats,
    /// `record(.., true)` on every [`RENDER_STRIDE`]th pair: the trace built
    /// and put into words as a [`DecisionRecord`](crate::eval::record::DecisionRecord),
    /// what every output of a traced run is written from.
    pub rendered: Stats,
}

/// [`measure`] renders one pair in this many: rendering is slow enough
/// that every pair would make the bench take minutes.
pub const RENDER_STRIDE: usize = 10;

/// Decides every pair once to warm up, then `runs` times untraced, then
/// `runs` times traced, then one pair in [`RENDER_STRIDE`] `runs` times
/// traced and rendered, on `threads` threads (1: the calling thread only).
pub fn measure(
    engine: &Engine<'_>,
    pairs: &[(usize, usize)],
    runs: usize,
    threads: usize,
) -> Measured {
    let threads = threads.max(1);
    let chunk = pairs.len().div_ceil(threads).max(1);
    let first_pass = timed(pairs, chunk, threads, |part| decide_untraced(engine, part));
    let untraced = untraced(engine, pairs, runs, threads);
    let traced: Vec<Duration> = (0..runs)
        .map(|_| {
            timed(pairs, chunk, threads, |part| {
                let mut trace = Trace::new();
                for &(a, u) in part {
                    engine.trace_into(a, u, &mut trace);
                    black_box(&trace);
                }
            })
        })
        .collect();
    let sample: Vec<(usize, usize)> = pairs.iter().step_by(RENDER_STRIDE).copied().collect();
    let chunk = sample.len().div_ceil(threads).max(1);
    let rendered: Vec<Duration> = (0..runs)
        .map(|_| {
            timed(&sample, chunk, threads, |part| {
                for &(a, u) in part {
                    black_box(engine.record(a, u, true));
                }
            })
        })
        .collect();
    Measured {
        first_pass,
        untraced,
        traced: Stats::of(&traced, pairs.len()),
        rendered: Stats::of(&rendered, sample.len()),
    }
}

/// Decides every pair `runs` times with tracing off, on `threads` threads;
/// the pairs' facts should already be computed (see [`measure`]).
pub fn untraced(
    engine: &Engine<'_>,
    pairs: &[(usize, usize)],
    runs: usize,
    threads: usize,
) -> Stats {
    let threads = threads.max(1);
    let chunk = pairs.len().div_ceil(threads).max(1);
    let runs: Vec<Duration> = (0..runs)
        .map(|_| timed(pairs, chunk, threads, |part| decide_untraced(engine, part)))
        .collect();
    Stats::of(&runs, pairs.len())
}

/// The machine a figure was measured on: its CPU model (where the system
/// says) and how many threads it runs at once.
pub fn machine() -> String {
    let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    let model = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines()
                .find_map(|l| l.strip_prefix("model name"))
                .and_then(|rest| rest.split_once(':'))
                .map(|(_, name)| name.trim().to_owned())
        })
        .unwrap_or_else(|| "an unknown CPU".to_owned());
    format!(
        "{model}, {cores} thread{} available",
        if cores == 1 { "" } else { "s" }
    )
}

/// Decides `pairs` with tracing off, one reused decision for all.
fn decide_untraced(engine: &Engine<'_>, pairs: &[(usize, usize)]) {
    let mut out = Decision::default();
    for &(a, u) in pairs {
        engine.decide_into(a, u, &mut out);
        black_box(&out);
    }
}

fn timed<F>(pairs: &[(usize, usize)], chunk: usize, threads: usize, work: F) -> Duration
where
    F: Fn(&[(usize, usize)]) + Sync,
{
    let start = Instant::now();
    if threads == 1 {
        work(pairs);
    } else {
        std::thread::scope(|s| {
            for part in pairs.chunks(chunk) {
                let work = &work;
                s.spawn(move || work(part));
            }
        });
    }
    start.elapsed()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stats_take_median_and_spread_per_pair() {
        let runs = [30, 10, 20].map(Duration::from_nanos);
        let s = Stats::of(&runs, 10);
        assert_eq!((s.min_ns, s.median_ns, s.max_ns), (1.0, 2.0, 3.0));
        assert_eq!(s.pairs_per_second(), 5e8);
    }
}
