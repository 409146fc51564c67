//! Writing a run's output in the format asked, to stdout or a file, and
//! setup problems to stderr.

use std::io::Write as _;
use std::path::Path;

use super::{ReportFormat, exit};
use toewijzer::EvalOutput;
use toewijzer::pipeline::Engine;
use toewijzer::pipeline::SetupError;
use toewijzer::render::Lang;
use toewijzer::render::Words;
use toewijzer::render::{Audit, audit};
use toewijzer::render::{html, json, markdown, text};

/// Renders `output` in `format`, the decisions' words in `lang` (text,
/// Markdown, HTML); the auditor's reports (Markdown, HTML) add `audit`'s
/// parameters and command.
pub fn render(
    output: &EvalOutput,
    audit: &Audit,
    format: ReportFormat,
    lang: Lang,
) -> Result<String, String> {
    match format {
        ReportFormat::Text => Ok(text::render_in(output, lang)),
        ReportFormat::Markdown => Ok(markdown::render_audit(output, audit, lang)),
        ReportFormat::Html => Ok(html::decisions(output, audit, lang)),
        ReportFormat::Json => json::render(output).map_err(|e| e.to_string()),
        ReportFormat::Csv => toewijzer::render::csv::decisions(output).map_err(|e| e.to_string()),
    }
}

/// What an auditor's report of a run of `engine` adds to its records: the
/// parameters in force and this process's command line (with the values
/// that name a person withheld when `redacted`).
pub fn audit(engine: &Engine<'_>, redacted: bool) -> Audit {
    let args: Vec<String> = std::env::args().collect();
    Audit {
        parameters: audit::parameters(engine.program()),
        command: Some(audit::command_line(&args, redacted)),
    }
}

/// Writes `body` to `out`, or to stdout; returns the exit code.
pub fn write(body: &str, out: Option<&Path>) -> u8 {
    let written = match out {
        Some(path) => std::fs::write(path, body)
            .map_err(|e| format!("cannot write `{}`: {}", path.display(), e.kind())),
        None => std::io::stdout()
            .write_all(body.as_bytes())
            .map_err(|e| format!("cannot write the output: {}", e.kind())),
    };
    match written {
        Ok(()) => exit::OK,
        Err(message) => {
            eprintln!("error: {message}");
            exit::BAD_INPUT
        }
    }
}

/// Why [`write_through`] stopped.
pub enum Stopped<E> {
    /// The file could not be created, finished or given its name.
    Open(std::io::Error),
    /// The writing stopped with this.
    Writing(E),
}

/// Runs `whole` on `out` (a file, or stdout if none) through a buffer. A
/// file is written beside its place under a temporary name and takes its
/// name only once `whole` has finished, so a run that stops leaves neither
/// a half-written file nor a lost earlier one: what was at `out` before is
/// still there. A device or a pipe is written directly.
pub fn write_through<E>(
    out: Option<&Path>,
    whole: impl FnOnce(&mut dyn std::io::Write) -> Result<(), E>,
) -> Result<(), Stopped<E>> {
    let Some(path) = out else {
        let stdout = std::io::stdout();
        let mut buffered = std::io::BufWriter::new(stdout.lock());
        return whole(&mut buffered).map_err(Stopped::Writing);
    };
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file()) {
        // A device or a pipe (`/dev/stdout`) is written as it is: it cannot
        // be replaced, and there is nothing on it to keep.
        let file = std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .map_err(Stopped::Open)?;
        let mut buffered = std::io::BufWriter::new(file);
        return whole(&mut buffered).map_err(Stopped::Writing);
    }
    let name = path.file_name().map_or_else(
        || "output".into(),
        |name| name.to_string_lossy().into_owned(),
    );
    let partial = path.with_file_name(format!(".{name}.partial"));
    let file = std::fs::File::create(&partial).map_err(Stopped::Open)?;
    let mut buffered = std::io::BufWriter::new(file);
    let written = whole(&mut buffered).map_err(Stopped::Writing);
    let finished = written.and_then(|()| {
        let file = buffered
            .into_inner()
            .map_err(|e| Stopped::Open(e.into_error()))?;
        drop(file);
        std::fs::rename(&partial, path).map_err(Stopped::Open)
    });
    if finished.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    finished
}

/// Renders and writes `output`, the decisions' words in `lang`; returns
/// the exit code.
pub fn emit(
    output: &EvalOutput,
    audit: &Audit,
    format: ReportFormat,
    lang: Lang,
    out: Option<&Path>,
) -> u8 {
    match render(output, audit, format, lang) {
        Ok(body) => write(&body, out),
        Err(message) => {
            eprintln!("error: {message}");
            exit::BAD_INPUT
        }
    }
}

/// Reports a setup problem on stderr; returns the exit code (bad input).
pub fn fail(error: &SetupError) -> u8 {
    eprint!("{}", error.render());
    exit::BAD_INPUT
}

/// The renderers of a report that has text, Markdown, HTML and JSON but
/// no CSV form (`diff`, `simulate`).
pub struct Renderers<T> {
    /// The command's name, for the refusal of CSV.
    pub command: &'static str,
    /// For a terminal, in the words asked (`--lang`).
    pub text: fn(&T, Words) -> String,
    /// For a document.
    pub markdown: fn(&T) -> String,
    /// For a browser or print.
    pub html: fn(&T) -> String,
    /// For programs.
    pub json: fn(&T) -> Result<String, serde_json::Error>,
}

impl<T> Renderers<T> {
    /// `output` in `format`, text in `lang`, or the exit code after saying
    /// why not. Only text speaks `lang`: the other formats' words end up in
    /// documents and records that keep their machine names.
    pub fn render(&self, output: &T, format: ReportFormat, lang: Lang) -> Result<String, u8> {
        match format {
            ReportFormat::Text => Ok((self.text)(output, Words(lang))),
            ReportFormat::Markdown => Ok((self.markdown)(output)),
            ReportFormat::Html => Ok((self.html)(output)),
            ReportFormat::Json => (self.json)(output).map_err(|e| {
                eprintln!("error: cannot write JSON: {e}");
                exit::BAD_INPUT
            }),
            ReportFormat::Csv => {
                eprintln!(
                    "error: `{}` writes text, JSON, Markdown or HTML, not CSV",
                    self.command
                );
                Err(exit::BAD_INPUT)
            }
        }
    }
}
