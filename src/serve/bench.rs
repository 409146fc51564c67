//! `bench-serve`: the service on loopback under concurrent callers in the
//! same process: decisions per second and latency percentiles. Timings are
//! only ever printed; no test reads them.

use std::net::SocketAddr;
use std::time::{Duration, Instant};

use super::client::Client;

/// What one load run measured.
#[derive(Debug, Clone, PartialEq)]
pub struct Load {
    /// Requests answered 200.
    pub answered: usize,
    /// Requests answered otherwise, or lost.
    pub failed: usize,
    /// Wall time of the run.
    pub elapsed: Duration,
    /// Median latency.
    pub p50: Duration,
    /// 99th percentile latency.
    pub p99: Duration,
}

impl Load {
    /// Answered requests per second.
    pub fn per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            self.answered as f64 / secs
        } else {
            0.0
        }
    }
}

/// `clients` connections each post `each` bodies in turn (cycling through
/// `bodies`) to `path` at `addr`, all at once.
pub fn fire(
    addr: SocketAddr,
    path: &str,
    bodies: &[Vec<u8>],
    clients: usize,
    each: usize,
) -> std::io::Result<Load> {
    let start = Instant::now();
    let results: Vec<std::io::Result<(Vec<Duration>, usize)>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..clients)
            .map(|c| {
                scope.spawn(move || -> std::io::Result<(Vec<Duration>, usize)> {
                    let mut client = Client::connect(addr)?;
                    let mut times = Vec::with_capacity(each);
                    let mut failed = 0usize;
                    let mut body = bodies.iter().cycle().skip(c);
                    for _ in 0..each {
                        let Some(body) = body.next() else { break };
                        let asked = Instant::now();
                        let reply = client.post(path, body)?;
                        if reply.status == 200 {
                            times.push(asked.elapsed());
                        } else {
                            failed = failed.saturating_add(1);
                        }
                    }
                    Ok((times, failed))
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| {
                h.join()
                    .unwrap_or_else(|_| Err(std::io::Error::other("a client thread stopped")))
            })
            .collect()
    });
    let elapsed = start.elapsed();
    let mut times = Vec::new();
    let mut failed = 0usize;
    for result in results {
        let (t, f) = result?;
        times.extend(t);
        failed = failed.saturating_add(f);
    }
    times.sort_unstable();
    Ok(Load {
        answered: times.len(),
        failed,
        elapsed,
        p50: percentile(&times, 50),
        p99: percentile(&times, 99),
    })
}

/// The `p`th percentile of sorted `times` (nearest rank).
fn percentile(times: &[Duration], p: usize) -> Duration {
    let rank = times.len().saturating_mul(p).div_ceil(100);
    times
        .get(rank.saturating_sub(1))
        .copied()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let times: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&times, 50), Duration::from_millis(50));
        assert_eq!(percentile(&times, 99), Duration::from_millis(99));
        assert_eq!(percentile(&[], 99), Duration::ZERO);
    }
}
