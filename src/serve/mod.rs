//! `toewijzer serve`: the rules and data loaded once and asked over
//! HTTP/JSON, every answer the JSON the CLI writes for the same question,
//! every answered request logged for `verify` to replay.
//!
//! A request goes: [`routes`] (token, size, JSON) → [`workers`] (a thread
//! with compiled [`engines`] for the [`snapshot`] in service) → [`answer`]
//! (the CLI's pipeline functions) → [`log`] → back to the caller.

pub(crate) mod answer;
pub mod bench;
mod body;
pub mod client;
mod engines;
pub(crate) mod error;
pub(crate) mod log;
pub(crate) mod question;
pub mod replay;
mod routes;
mod shared;
pub(crate) mod snapshot;
mod token;
mod workers;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tokio::runtime::Runtime;
use tokio::sync::oneshot;

pub use error::ServeError;
pub(crate) use log::DecisionLog;
pub use log::Redaction;
pub use snapshot::{Snapshot, Sources};

use shared::Shared;
use token::Token;
use workers::Workers;

/// What the service takes, and how long it waits.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest request body, in bytes.
    pub max_body: usize,
    /// The longest a request may take, queueing included.
    pub timeout: Duration,
    /// Reference dates each worker keeps compiled.
    pub engines: usize,
    /// Deciding threads.
    pub workers: usize,
}

impl Default for Limits {
    /// 1 MiB, 10 s, 16 dates, one deciding thread per core.
    fn default() -> Self {
        Limits {
            max_body: 1 << 20,
            timeout: Duration::from_secs(10),
            engines: 16,
            workers: std::thread::available_parallelism().map_or(1, usize::from),
        }
    }
}

/// How to start a service.
#[derive(Debug, Clone)]
pub struct Config {
    /// Where the rules and data are.
    pub sources: Sources,
    /// Where to listen; port 0 takes a free port.
    pub listen: SocketAddr,
    /// The bearer token callers must give, if any.
    pub token: Option<String>,
    /// The decision log, if any.
    pub log: Option<PathBuf>,
    /// How the log is redacted, if it is.
    pub redaction: Option<Redaction>,
    /// Request size and time.
    pub limits: Limits,
}

/// A running service, listening until stopped (or dropped).
pub struct Service {
    addr: SocketAddr,
    shared: Arc<Shared>,
    runtime: Option<Runtime>,
    stop: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<()>>,
}

impl Service {
    /// Loads the rules and data, opens the log, binds the address and
    /// starts answering.
    pub fn start(config: Config) -> Result<Service, ServeError> {
        let first =
            Snapshot::load(&config.sources, 1).map_err(|e| ServeError::Setup(e.render()))?;
        let log = match &config.log {
            Some(path) => Some(Arc::new(DecisionLog::open(path, config.redaction.clone())?)),
            None => None,
        };
        let limits = config.limits;
        let workers = Workers::start(limits.workers, limits.engines, log);
        let token = config.token.as_deref().map(Token::new);
        let shared = Arc::new(Shared::new(first, config.sources, workers, token, limits));
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(limits.workers.max(1))
            .thread_name("toewijzer-http")
            .enable_all()
            .build()
            .map_err(|e| ServeError::Setup(format!("error: cannot start: {e}\n")))?;
        let bind = |e: std::io::Error| ServeError::Bind {
            addr: config.listen.to_string(),
            reason: e.to_string(),
        };
        let listener = std::net::TcpListener::bind(config.listen).map_err(bind)?;
        listener.set_nonblocking(true).map_err(bind)?;
        let addr = listener.local_addr().map_err(bind)?;
        let listener = {
            let _inside = runtime.enter();
            tokio::net::TcpListener::from_std(listener).map_err(bind)?
        };
        let (stop, stopped) = oneshot::channel::<()>();
        let app = routes::router(Arc::clone(&shared));
        let server = runtime.spawn(async move {
            let _ = axum::serve(listener, app)
                .with_graceful_shutdown(async {
                    let _ = stopped.await;
                })
                .await;
        });
        Ok(Service {
            addr,
            shared,
            runtime: Some(runtime),
            stop: Some(stop),
            server: Some(server),
        })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Serves until Ctrl-C or SIGTERM; reloads on SIGHUP, saying on stderr
    /// whether the reload was taken.
    pub fn run_until_signalled(mut self) {
        let shared = Arc::clone(&self.shared);
        if let Some(runtime) = &self.runtime {
            runtime.block_on(signals(shared));
        }
        self.shutdown();
    }

    /// Stops listening, lets the requests under way finish, and stops.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let (Some(runtime), Some(server)) = (&self.runtime, self.server.take()) {
            let _ = runtime.block_on(server);
        }
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_timeout(Duration::from_secs(1));
        }
    }
}

impl Drop for Service {
    fn drop(&mut self) {
        self.shutdown();
    }
}

#[cfg(unix)]
async fn signals(shared: Arc<Shared>) {
    use tokio::signal::unix::{SignalKind, signal};
    let (Ok(mut hangup), Ok(mut terminate)) = (
        signal(SignalKind::hangup()),
        signal(SignalKind::terminate()),
    ) else {
        let _ = tokio::signal::ctrl_c().await;
        return;
    };
    loop {
        tokio::select! {
            _ = tokio::signal::ctrl_c() => return,
            _ = terminate.recv() => return,
            _ = hangup.recv() => {
                let shared = Arc::clone(&shared);
                match tokio::task::spawn_blocking(move || shared.reload()).await {
                    Ok(Ok(_)) => eprintln!("note: reloaded the rules and data"),
                    Ok(Err(e)) => eprint!("error: {e}\n{}", e.body()),
                    Err(_) => eprintln!("error: the reload stopped"),
                }
            }
        }
    }
}

#[cfg(not(unix))]
async fn signals(_shared: Arc<Shared>) {
    let _ = tokio::signal::ctrl_c().await;
}
