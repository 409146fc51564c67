//! What every request shares: the snapshot in service, the workers, the
//! token and the limits; and the reload that replaces the snapshot whole.

use std::sync::{Arc, Mutex, PoisonError, RwLock};

use serde::Serialize;

use super::Limits;
use super::error::ServeError;
use super::snapshot::{Snapshot, Sources};
use super::token::Token;
use super::workers::Workers;
use crate::eval::record::{FileHash, RuleSetId};

/// The state behind every route.
pub struct Shared {
    current: RwLock<Arc<Snapshot>>,
    /// Where to load from on a reload.
    sources: Sources,
    /// Held while a reload loads, so two reloads do not race.
    reloading: Mutex<()>,
    /// The deciding threads.
    pub workers: Workers,
    /// The bearer token, when callers must give one.
    pub token: Option<Token>,
    /// Request size and time, cache size.
    pub limits: Limits,
}

/// The answer to a reload, and to `/health`.
#[derive(Serialize)]
struct Status<'a> {
    status: &'static str,
    generation: u64,
    ruleset: &'a RuleSetId,
    rule_files: &'a [FileHash],
}

impl Shared {
    /// The state over a first snapshot.
    pub fn new(
        first: Snapshot,
        sources: Sources,
        workers: Workers,
        token: Option<Token>,
        limits: Limits,
    ) -> Self {
        Shared {
            current: RwLock::new(Arc::new(first)),
            sources,
            reloading: Mutex::new(()),
            workers,
            token,
            limits,
        }
    }

    /// The snapshot in service now.
    pub fn current(&self) -> Arc<Snapshot> {
        Arc::clone(&self.current.read().unwrap_or_else(PoisonError::into_inner))
    }

    /// The body of `GET /health`.
    pub fn health(&self) -> String {
        status("ok", &self.current())
    }

    /// Loads the rules and data again and puts them in service, unless they
    /// do not check clean: then the snapshot in service stays, and the
    /// answer says why. Questions already asked finish on the snapshot
    /// they were asked on.
    pub fn reload(&self) -> Result<String, ServeError> {
        let _one = self
            .reloading
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let generation = self.current().generation().saturating_add(1);
        let next =
            Snapshot::load(&self.sources, generation).map_err(|e| ServeError::refused(&e))?;
        let next = Arc::new(next);
        *self.current.write().unwrap_or_else(PoisonError::into_inner) = Arc::clone(&next);
        Ok(status("reloaded", &next))
    }
}

fn status(word: &'static str, snapshot: &Snapshot) -> String {
    let (ruleset, rule_files) = snapshot.ruleset();
    let status = Status {
        status: word,
        generation: snapshot.generation(),
        ruleset,
        rule_files,
    };
    crate::report::json::render_value(&status).unwrap_or_else(|_| "{}\n".to_owned())
}
