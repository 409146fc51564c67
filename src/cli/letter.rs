//! `toewijzer letter`: the applicant's decision letter for one refusal, or
//! with `--out-dir` one file for every refusal of the run.

use std::path::PathBuf;

use clap::{Args, ValueEnum};

use super::exit;
use super::output::{fail, write};
use super::run_args::RunArgs;
use toewijzer::pipeline::{Inputs, SetupError, select_pairs};
use toewijzer::render::diagnostics::{ToDiagnostic, render_text};
use toewijzer::tools::letter::{self, Document, LetterError};

/// The formats of a letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LetterFormat {
    /// Markdown.
    Markdown,
    /// One self-contained HTML page, for screen and print.
    Html,
}

impl LetterFormat {
    fn render(self, doc: &Document) -> String {
        match self {
            LetterFormat::Markdown => letter::markdown(doc),
            LetterFormat::Html => letter::html(doc),
        }
    }

    fn extension(self) -> &'static str {
        match self {
            LetterFormat::Markdown => "md",
            LetterFormat::Html => "html",
        }
    }
}

/// Arguments of `letter`.
#[derive(Debug, Args)]
pub struct LetterArgs {
    #[command(flatten)]
    run: RunArgs,
    /// The applicant (required without `--out-dir`).
    #[arg(long, value_name = "ID", required_unless_present = "out_dir")]
    applicant: Option<String>,
    /// The unit (required without `--out-dir`).
    #[arg(long, value_name = "ID", required_unless_present = "out_dir")]
    unit: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = LetterFormat::Markdown)]
    format: LetterFormat,
    /// Write the one letter to this file instead of stdout.
    #[arg(long, value_name = "FILE", conflicts_with = "out_dir")]
    out: Option<PathBuf>,
    /// Write a letter for every refusal of the run into this folder, one
    /// file per applicant and unit.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
    /// Replace letters that already exist in `--out-dir`.
    #[arg(long, requires = "out_dir")]
    force: bool,
}

/// Writes the letter or letters asked.
pub fn run(args: &LetterArgs) -> u8 {
    match letters(args) {
        Ok(code) => code,
        Err(e) => fail(&e),
    }
}

fn letters(args: &LetterArgs) -> Result<u8, SetupError> {
    let inputs = args.run.load()?;
    let unit = args.unit.as_deref().map(|id| inputs.unit(id)).transpose()?;
    let applicant = args
        .applicant
        .as_deref()
        .map(|id| inputs.applicant(id))
        .transpose()?;
    let engine = inputs.engine(args.run.date, args.run.seed)?;
    let rules = inputs.rule_set().ok_or(SetupError::RuleSetCount {
        paths: args.run.rules.display().to_string(),
        count: 0,
    })?;
    let Some(dir) = &args.out_dir else {
        let (Some(a), Some(u)) = (applicant, unit) else {
            return Ok(exit::BAD_INPUT);
        };
        let doc = letter::for_pair(&engine, rules, a, u, args.run.date);
        // A pair a calculation left undecided gets an error, never a letter.
        inputs.settled(&engine)?;
        return Ok(match doc {
            Ok(doc) => write(&args.format.render(&doc), args.out.as_deref()),
            Err(errors) => report(&inputs, &errors),
        });
    };
    let pairs = select_pairs(
        &engine,
        &unit.into_iter().collect::<Vec<_>>(),
        &applicant.into_iter().collect::<Vec<_>>(),
    );
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for (a, u) in pairs {
        match letter::for_pair(&engine, rules, a, u, args.run.date) {
            Ok(doc) => {
                match letter::file_name(&doc.applicant, &doc.unit, args.format.extension()) {
                    Some(name) => files.push((name, args.format.render(&doc))),
                    None => {
                        eprintln!(
                            "error: applicant `{}` or unit `{}` cannot name a file; no letter written",
                            doc.applicant, doc.unit
                        );
                        return Ok(exit::BAD_INPUT);
                    }
                }
            }
            Err(e) => errors.extend(
                e.into_iter()
                    .filter(|e| !matches!(e, LetterError::NotRefused { .. })),
            ),
        }
    }
    inputs.settled(&engine)?;
    if !errors.is_empty() {
        return Ok(report(&inputs, &errors));
    }
    match letter::write(dir, &files, args.force) {
        Ok(written) => {
            eprintln!(
                "{} letters written to `{}` ({} new, {} replaced)",
                files.len(),
                dir.display(),
                written.created.len(),
                written.replaced.len()
            );
            for path in &written.replaced {
                eprintln!("replaced `{}`", path.display());
            }
            Ok(exit::OK)
        }
        Err(message) => {
            eprintln!("error: {message}");
            Ok(exit::BAD_INPUT)
        }
    }
}

/// Why no letter: rendered against the rule files; a pair that is not a
/// refusal is a negative outcome, anything else bad input.
fn report(inputs: &Inputs, errors: &[LetterError]) -> u8 {
    let diagnostics: Vec<_> = errors.iter().map(ToDiagnostic::to_diagnostic).collect();
    eprint!("{}", render_text(&inputs.rules.sources, &diagnostics));
    if errors
        .iter()
        .all(|e| matches!(e, LetterError::NotRefused { .. }))
    {
        exit::NEGATIVE
    } else {
        exit::BAD_INPUT
    }
}
