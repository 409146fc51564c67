//! The threads that decide. Deciding is CPU work, so it runs on threads of
//! its own rather than on the async runtime's; each keeps compiled engines
//! for the snapshot its questions name, and takes up a new snapshot when a
//! question names one (after a reload), so questions already under way
//! finish on the rules they started with.

use std::sync::Arc;
use std::thread::JoinHandle;

use crossbeam_channel::{Receiver, Sender};
use tokio::sync::oneshot;

use super::answer::answer;
use super::engines::Engines;
use super::error::ServeError;
use super::log::DecisionLog;
use super::question::Question;
use super::snapshot::Snapshot;

/// A question on its way to a worker.
pub struct Job {
    /// The rules and data current when the request came in.
    pub snapshot: Arc<Snapshot>,
    /// What is asked.
    pub question: Question,
    /// Who the caller says they are.
    pub caller: Option<String>,
    /// Where the answer's body goes.
    pub reply: oneshot::Sender<Result<Vec<u8>, ServeError>>,
}

/// The pool of deciding threads.
pub struct Workers {
    queue: Option<Sender<Job>>,
    threads: Vec<JoinHandle<()>>,
}

impl Workers {
    /// Starts `count` (at least one) threads, each keeping up to
    /// `engines` compiled dates.
    pub fn start(count: usize, engines: usize, log: Option<Arc<DecisionLog>>) -> Self {
        let (queue, jobs) = crossbeam_channel::unbounded::<Job>();
        let threads = (0..count.max(1))
            .filter_map(|i| {
                let jobs = jobs.clone();
                let log = log.clone();
                std::thread::Builder::new()
                    .name(format!("toewijzer-decide-{i}"))
                    .spawn(move || work(&jobs, engines, log.as_deref()))
                    .ok()
            })
            .collect();
        Workers {
            queue: Some(queue),
            threads,
        }
    }

    /// Queues `job`; an error when the pool has stopped.
    pub fn submit(&self, job: Job) -> Result<(), ServeError> {
        match &self.queue {
            Some(queue) if !self.threads.is_empty() => {
                queue.send(job).map_err(|_| ServeError::Stopping)
            }
            _ => Err(ServeError::Stopping),
        }
    }
}

impl Drop for Workers {
    /// Lets every queued job finish, then stops the threads.
    fn drop(&mut self) {
        self.queue = None;
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

/// One worker: answers jobs while they name its snapshot; a job naming
/// another starts a new round with that snapshot's engines.
fn work(jobs: &Receiver<Job>, bound: usize, log: Option<&DecisionLog>) {
    let mut next = jobs.recv().ok();
    while let Some(first) = next.take() {
        let snapshot = Arc::clone(&first.snapshot);
        let mut engines = Engines::new(&snapshot, bound);
        let mut job = Some(first);
        while let Some(current) = job.take() {
            if !Arc::ptr_eq(&current.snapshot, &snapshot) {
                next = Some(current);
                break;
            }
            run(&mut engines, current, log);
            job = jobs.recv().ok();
        }
    }
}

fn run(engines: &mut Engines<'_>, job: Job, log: Option<&DecisionLog>) {
    if job.reply.is_closed() {
        // The caller has been told it timed out (or has gone): nothing is
        // answered, so nothing is logged.
        return;
    }
    let answered = answer(engines, &job.question);
    let body = answered.as_ref().map_err(Clone::clone).and_then(|a| {
        let body = a.body()?;
        if let Some(log) = log {
            log.append(engines.snapshot(), &job.question, job.caller.as_deref(), a)?;
        }
        Ok(body)
    });
    let _ = job.reply.send(body);
    // The answer's records are freed after the caller has its bytes.
    drop(answered);
}
