//! `toewijzer allocate`: fill the vacancies in date order under the quotas.

use chrono::NaiveDate;
use clap::Args;

use std::path::Path;

use super::output::{Stopped as OutputStopped, fail, write_through};
use super::workflow_args::WorkflowArgs;
use super::{ReportFormat, exit};
use toewijzer::pipeline::Progress;
use toewijzer::pipeline::{SetupError, load_inputs};
use toewijzer::pipeline::{Stopped, allocate_into};
use toewijzer::render::workflow::{AllocationStream, StreamWriteError, Streamed};

/// Arguments of `allocate`.
#[derive(Debug, Args)]
pub struct AllocateArgs {
    #[command(flatten)]
    common: WorkflowArgs,
    /// Only vacancies available from this date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = toewijzer::pipeline::parse_date_arg)]
    from: Option<NaiveDate>,
    /// Only vacancies available until this date.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = toewijzer::pipeline::parse_date_arg)]
    until: Option<NaiveDate>,
    /// Threads to decide each vacancy's candidates on (the output is the
    /// same for any number).
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=256))]
    threads: u32,
}

/// Runs the allocation; exit 0, or 2 on bad input.
pub fn run(args: &AllocateArgs) -> u8 {
    match body(args) {
        Ok(()) => exit::OK,
        Err(e) => fail(&e),
    }
}

fn body(args: &AllocateArgs) -> Result<(), SetupError> {
    let c = &args.common;
    let inputs = load_inputs(&c.rules, &c.data)?;
    let rules = inputs.rule_set().ok_or(SetupError::RuleSetCount {
        paths: c.rules.display().to_string(),
        count: 0,
    })?;
    let period = (args.from, args.until);
    let run_on = (c.seed, usize::try_from(args.threads).unwrap_or(1));
    let progress = Progress::on_terminal();
    let shown = (&progress, "allocating");
    let out = c.out.as_deref();
    let words = toewijzer::render::Words(c.lang.lang());
    let format = match c.format {
        ReportFormat::Json => Streamed::Json,
        ReportFormat::Csv => Streamed::Csv,
        ReportFormat::Text => Streamed::Text(words),
        ReportFormat::Markdown => Streamed::Markdown(words),
        ReportFormat::Html => Streamed::Html,
    };
    // Each vacancy is rendered as it is filled and then let go: a region's
    // year is written in memory that does not grow with its records.
    let written = write_through(out, |sink| -> Result<(), Halt> {
        let redactor = c.redact.redactor(c.seed);
        let mut stream = AllocationStream::begin(sink, format, c.seed, redactor);
        let mut take = |vacancy| stream.vacancy(vacancy);
        let sides = (rules, &inputs.rules.sources, &inputs.data);
        allocate_into(sides, period, run_on, shown, &mut take).map_err(|stop| match stop {
            Stopped::Undecided(e) => Halt::Setup(inputs.engine_error(&e)),
            Stopped::Sink(e) => Halt::Write(e),
        })?;
        Ok(stream.end()?)
    });
    progress.finish();
    written.map_err(|stopped| halted(stopped, out))
}

/// Why writing a run stopped.
enum Halt {
    /// A decision could not be made.
    Setup(SetupError),
    /// The output could not be written.
    Write(StreamWriteError),
}

impl From<StreamWriteError> for Halt {
    fn from(e: StreamWriteError) -> Self {
        Halt::Write(e)
    }
}

/// The error of a run whose writing to `out` stopped.
fn halted(stopped: OutputStopped<Halt>, out: Option<&Path>) -> SetupError {
    let place = out.map_or_else(
        || "the output".to_owned(),
        |path| format!("`{}`", path.display()),
    );
    match stopped {
        OutputStopped::Open(e) => SetupError::Output(format!("cannot write {place}: {}", e.kind())),
        OutputStopped::Writing(Halt::Setup(e)) => e,
        OutputStopped::Writing(Halt::Write(StreamWriteError::Io(e))) => {
            SetupError::Output(format!("cannot write {place}: {}", e.kind()))
        }
        OutputStopped::Writing(Halt::Write(e)) => SetupError::Output(e.to_string()),
    }
}

/// Pretty JSON with a final line break.
pub fn json<T: serde::Serialize>(value: &T) -> Result<String, SetupError> {
    toewijzer::render::json::render_value(value)
        .map_err(|e| SetupError::Engine(format!("error: cannot write JSON: {e}\n")))
}
