//! Writing a run's output in the format asked, to stdout or a file, and
//! setup problems to stderr.

use std::io::Write as _;
use std::path::Path;

use super::{ReportFormat, exit};
use crate::eval::record::EvalOutput;
use crate::report::{json, markdown, text};
use crate::run::SetupError;
use crate::words::Lang;

/// Renders `output` in `format`, its words in `lang` (text and Markdown).
pub fn render_in(output: &EvalOutput, format: ReportFormat, lang: Lang) -> Result<String, String> {
    match format {
        ReportFormat::Text => Ok(text::render_in(output, lang)),
        ReportFormat::Markdown => Ok(markdown::render_in(output, lang)),
        ReportFormat::Json => json::render(output).map_err(|e| e.to_string()),
        ReportFormat::Csv => crate::report::csv::decisions(output).map_err(|e| e.to_string()),
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

/// Renders and writes `output`, its words in `lang`; returns the exit code.
pub fn emit_in(output: &EvalOutput, format: ReportFormat, lang: Lang, out: Option<&Path>) -> u8 {
    match render_in(output, format, lang) {
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

/// The renderers of a report that has text, Markdown and JSON but no CSV
/// form (`diff`, `simulate`).
pub struct Renderers<T> {
    /// The command's name, for the refusal of CSV.
    pub command: &'static str,
    /// For a terminal.
    pub text: fn(&T) -> String,
    /// For a document.
    pub markdown: fn(&T) -> String,
    /// For programs.
    pub json: fn(&T) -> Result<String, serde_json::Error>,
}

impl<T> Renderers<T> {
    /// `output` in `format`, or the exit code after saying why not.
    pub fn render(&self, output: &T, format: ReportFormat) -> Result<String, u8> {
        match format {
            ReportFormat::Text => Ok((self.text)(output)),
            ReportFormat::Markdown => Ok((self.markdown)(output)),
            ReportFormat::Json => (self.json)(output).map_err(|e| {
                eprintln!("error: cannot write JSON: {e}");
                exit::BAD_INPUT
            }),
            ReportFormat::Csv => {
                eprintln!(
                    "error: `{}` writes text, JSON or Markdown, not CSV",
                    self.command
                );
                Err(exit::BAD_INPUT)
            }
        }
    }
}
