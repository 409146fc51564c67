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
    /// CPU time the whole process used during the run (server and
    /// clients), where the system says (Linux); with [`Load::client_cpu`]
    /// it tells the service's own cost per answer apart from the load it
    /// shared the machine with.
    pub(crate) cpu: Option<Duration>,
    /// CPU time the client threads used, likewise.
    pub(crate) client_cpu: Option<Duration>,
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

    /// CPU time per answered request, clients included.
    pub fn cpu_per_answer(&self) -> Option<Duration> {
        per(self.cpu?, self.answered)
    }

    /// CPU time per answered request the service itself spent: the whole
    /// process's less its clients'.
    pub fn server_cpu_per_answer(&self) -> Option<Duration> {
        per(self.cpu?.saturating_sub(self.client_cpu?), self.answered)
    }
}

fn per(total: Duration, answered: usize) -> Option<Duration> {
    let n = u32::try_from(answered).ok().filter(|n| *n > 0)?;
    total.checked_div(n)
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
    let cpu_at_start = process_cpu();
    type Measured = (Vec<Duration>, usize, Option<Duration>);
    let results: Vec<std::io::Result<Measured>> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..clients)
            .map(|c| {
                scope.spawn(move || -> std::io::Result<Measured> {
                    let cpu_at_start = thread_cpu();
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
                    let cpu = thread_cpu()
                        .zip(cpu_at_start)
                        .map(|(end, start)| end.saturating_sub(start));
                    Ok((times, failed, cpu))
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
    let cpu = process_cpu()
        .zip(cpu_at_start)
        .map(|(end, start)| end.saturating_sub(start));
    let mut times = Vec::new();
    let mut failed = 0usize;
    let mut client_cpu = Some(Duration::ZERO);
    for result in results {
        let (t, f, c) = result?;
        times.extend(t);
        failed = failed.saturating_add(f);
        client_cpu = client_cpu.zip(c).map(|(sum, c)| sum.saturating_add(c));
    }
    times.sort_unstable();
    Ok(Load {
        answered: times.len(),
        failed,
        elapsed,
        p50: percentile(&times, 50),
        p99: percentile(&times, 99),
        cpu,
        client_cpu,
    })
}

/// The CPU time (user and system) of every thread of this process so
/// far: fields 14 and 15 of `/proc/self/stat`, in the kernel's fixed 100
/// ticks a second. `None` where there is no such file.
fn process_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // The command name (field 2) is in parentheses and may hold spaces;
    // the fields after it start at field 3.
    let (_, after) = stat.rsplit_once(')')?;
    let mut fields = after.split_whitespace().skip(11);
    let user: u64 = fields.next()?.parse().ok()?;
    let system: u64 = fields.next()?.parse().ok()?;
    Some(Duration::from_millis(
        user.saturating_add(system).saturating_mul(10),
    ))
}

/// The CPU time of the calling thread so far, to the nanosecond: the
/// first field of `/proc/thread-self/schedstat`. `None` where there is
/// no such file.
fn thread_cpu() -> Option<Duration> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let nanos: u64 = stat.split_whitespace().next()?.parse().ok()?;
    Some(Duration::from_nanos(nanos))
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
