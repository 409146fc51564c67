//! `toewijzer serve`: the decision service over HTTP/JSON (see README,
//! Service). Exit 0 when stopped by a signal, 2 when it cannot start.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Args;

use super::exit;
use super::redact_args::RedactArgs;
use toewijzer::tools::serve::{Config, Limits, Redaction, Service, Sources};

/// Arguments of `serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// A rule set's folder or root file.
    #[arg(long, value_name = "DIR")]
    rules: PathBuf,
    /// The data folder (see docs/data-format.md).
    #[arg(long, value_name = "DIR")]
    data: PathBuf,
    /// Where to listen. The service handles personal data: keep it on
    /// the loopback address unless a token and a trusted network guard it.
    #[arg(long, value_name = "ADDR", default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// A file holding the bearer token callers must send.
    #[arg(long, value_name = "FILE")]
    token_file: Option<PathBuf>,
    /// Append one JSON line per answered request to this file (`verify`
    /// replays it).
    #[arg(long, value_name = "FILE")]
    log: Option<PathBuf>,
    /// Redaction of the decision log (answers to callers are not redacted).
    #[command(flatten)]
    redact: RedactArgs,
    /// The largest request body, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 1 << 20)]
    max_body: usize,
    /// The longest a request may take, in milliseconds.
    #[arg(long, value_name = "MS", default_value_t = 10_000, value_parser = clap::value_parser!(u64).range(1..))]
    timeout_ms: u64,
    /// Deciding threads; default: one per core.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u32).range(1..=256))]
    workers: Option<u32>,
}

/// Starts the service and serves until stopped.
pub fn run(args: &ServeArgs) -> u8 {
    if args.redact.redact && args.log.is_none() {
        eprintln!(
            "error: `--redact` applies to the decision log\n = help: give `--log FILE`, or leave `--redact` out"
        );
        return exit::BAD_INPUT;
    }
    let token = match &args.token_file {
        Some(path) => match std::fs::read_to_string(path) {
            Ok(text) if !text.trim().is_empty() => Some(text),
            Ok(_) => {
                eprintln!("error: the token file `{}` is empty", path.display());
                return exit::BAD_INPUT;
            }
            Err(e) => {
                eprintln!("error: cannot read `{}`: {}", path.display(), e.kind());
                return exit::BAD_INPUT;
            }
        },
        None => None,
    };
    if !args.listen.ip().is_loopback() && token.is_none() {
        eprintln!(
            "warning: listening on `{}` without a token: anyone who can reach it can ask about applicants",
            args.listen
        );
    }
    let mut limits = Limits {
        max_body: args.max_body,
        timeout: Duration::from_millis(args.timeout_ms),
        ..Limits::default()
    };
    if let Some(n) = args.workers {
        limits.workers = usize::try_from(n).unwrap_or(1);
    }
    let config = Config {
        sources: Sources {
            rules: args.rules.clone(),
            data: args.data.clone(),
        },
        listen: args.listen,
        token,
        log: args.log.clone(),
        redaction: args.redact.redact.then(|| Redaction {
            key: args.redact.redact_key.clone(),
        }),
        limits,
    };
    match Service::start(config) {
        Ok(service) => {
            eprintln!(
                "note: serving on http://{} (POST /v1/reload or SIGHUP reloads; Ctrl-C stops)",
                service.addr()
            );
            service.run_until_signalled();
            exit::OK
        }
        Err(e) => {
            match e {
                toewijzer::tools::serve::ServeError::Setup(text) => eprint!("{text}"),
                other => eprintln!("error: {other}"),
            }
            exit::BAD_INPUT
        }
    }
}
