//! `toewijzer eval`: the decisions for the pairs asked, in text, JSON or
//! Markdown. Decisions are results, not failures: exit 0 whatever they say.

use std::io::Write;
use std::path::{Path, PathBuf};

use clap::Args;

use super::output::{Stopped, audit, emit, fail, write_through};
use super::redact_args::RedactArgs;
use super::run_args::RunArgs;
use super::{ReportFormat, exit};
use toewijzer::pipeline::{EvalStream, StreamError};
use toewijzer::pipeline::{SetupError, evaluate, evaluate_ranked, select_pairs};
use toewijzer::render::RunSettings;
use toewijzer::render::markdown;

/// Arguments of `eval`. Without `--applicant`, whole units are decided and
/// their rankings come with the decisions.
#[derive(Debug, Args)]
pub struct EvalArgs {
    #[command(flatten)]
    run: RunArgs,
    /// Only this unit (repeatable); default: every unit.
    #[arg(long = "unit", value_name = "ID")]
    units: Vec<String>,
    /// Only this applicant (repeatable); default: every applicant.
    #[arg(long = "applicant", value_name = "ID")]
    applicants: Vec<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ReportFormat::Text)]
    format: ReportFormat,
    /// Record every fact read and comparison made.
    #[arg(long)]
    trace: bool,
    #[command(flatten)]
    redact: RedactArgs,
    #[command(flatten)]
    lang: super::lang_arg::LangArgs,
    /// Write to this file instead of stdout.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Threads to decide on; the output is the same for any number.
    #[arg(long, value_name = "N", default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..))]
    threads: u32,
}

/// Decides the pairs asked and writes them.
pub fn run(args: &EvalArgs) -> u8 {
    match eval(args) {
        Ok(code) => code,
        Err(e) => fail(&e),
    }
}

fn eval(args: &EvalArgs) -> Result<u8, SetupError> {
    let inputs = args.run.load()?;
    let units = args
        .units
        .iter()
        .map(|id| inputs.unit(id))
        .collect::<Result<Vec<_>, _>>()?;
    let applicants = args
        .applicants
        .iter()
        .map(|id| inputs.applicant(id))
        .collect::<Result<Vec<_>, _>>()?;
    let engine = inputs.engine(args.run.date, args.run.seed)?;
    let header = inputs.header(RunSettings {
        date: args.run.date,
        seed: args.run.seed,
        redacted: false,
        traced: args.trace,
    })?;
    let pairs = select_pairs(&engine, &units, &applicants);
    if pairs.is_empty() {
        // Not an error, but an empty report needs a reason.
        eprintln!(
            "note: no reaction matches the units and applicants named; name both \
             `--unit` and `--applicant` to decide a pair without a reaction"
        );
    }
    // Redaction judges the whole run (which rules rest on a generalised
    // value, an order by pseudonym within each unit), so a redacted run is
    // decided in memory, as are CSV and Dutch (not streamed yet); every
    // other run streams.
    let redactor = args.redact.redactor(args.run.seed);
    let lang = args.lang.lang();
    let audit = audit(&engine, redactor.is_some());
    if redactor.is_some()
        || matches!(args.format, ReportFormat::Csv | ReportFormat::Html)
        || lang != toewijzer::render::Lang::En
    {
        let mut output = if applicants.is_empty() {
            evaluate_ranked(&inputs.data, &engine, header, &pairs)
        } else {
            evaluate(&engine, header, &pairs)
        };
        inputs.settled(&engine)?;
        if let Some(redactor) = redactor {
            redactor.output(&mut output);
        }
        return Ok(emit(
            &output,
            &audit,
            args.format,
            lang,
            args.out.as_deref(),
        ));
    }
    let stream_header = header.clone();
    let stream = EvalStream {
        inputs: &inputs,
        engine: &engine,
        header,
        pairs: &pairs,
        // Whole units were decided: their rankings come with them, so a
        // report can give each candidate's rank.
        rankings: applicants.is_empty(),
        redact_key: None,
        threads: usize::try_from(args.threads).unwrap_or(1),
    };
    // Markdown's auditor's sections follow the streamed decisions: only
    // then are the counts known.
    let format = args.format;
    let whole = move |out: &mut dyn Write| -> Result<(), StreamError> {
        let summary = stream.write(format, out)?;
        if format == ReportFormat::Markdown {
            let sections = markdown::audit_sections(&summary, &audit, &stream_header);
            out.write_all(sections.as_bytes())?;
            out.flush()?;
        }
        Ok(())
    };
    let out = args.out.as_deref();
    write_through(out, whole).map_err(|stopped| match stopped {
        Stopped::Open(e) => unwritable(out.unwrap_or(Path::new("-")), &e),
        Stopped::Writing(e) => self::stopped(e, out),
    })?;
    Ok(exit::OK)
}

fn unwritable(path: &Path, e: &std::io::Error) -> SetupError {
    SetupError::Output(format!("cannot write `{}`: {}", path.display(), e.kind()))
}

fn stopped(e: StreamError, path: Option<&Path>) -> SetupError {
    match (e, path) {
        (StreamError::Setup(e), _) => e,
        (StreamError::Write(e), Some(path)) => unwritable(path, &e),
        (StreamError::Write(e), None) => {
            SetupError::Output(format!("cannot write the output: {}", e.kind()))
        }
        (StreamError::Json(e), _) => SetupError::Output(e.to_string()),
        (StreamError::Worker, _) => SetupError::Output("a decision thread stopped".into()),
    }
}
