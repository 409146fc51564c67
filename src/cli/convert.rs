//! `toewijzer convert`: a data folder from YAML to CSV or back, read with
//! every check first, written into a new folder so nothing is overwritten.

use std::path::{Path, PathBuf};

use clap::{Args, ValueEnum};

use super::exit;
use toewijzer::pipeline::data::write_csv_dataset;
use toewijzer::pipeline::data::{load_dataset, write_dataset};

/// Arguments of `convert`.
#[derive(Debug, Args)]
pub struct ConvertArgs {
    /// The data folder to read (YAML or CSV).
    input: PathBuf,
    /// The folder to write: it must not exist, or be empty.
    output: PathBuf,
    /// The kind of folder to write.
    #[arg(long, value_enum)]
    to: Kind,
}

/// The kinds of data folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Kind {
    /// `applicants.csv`, `members.csv`, … (docs/csv-format.md).
    Csv,
    /// `applicants.yaml`, … (docs/data-format.md).
    Yaml,
}

/// Why `out` may not be written into: it holds files already.
fn occupied(out: &Path) -> Option<String> {
    if std::fs::symlink_metadata(out).is_err() {
        return None;
    }
    if !out.is_dir() {
        return Some(format!("`{}` exists and is not a folder", out.display()));
    }
    match std::fs::read_dir(out).map(|mut entries| entries.next().is_none()) {
        Ok(true) => None,
        Ok(false) => Some(format!(
            "`{}` is not empty; convert into a new or empty folder, so no file is overwritten",
            out.display()
        )),
        Err(e) => Some(format!("cannot read `{}`: {}", out.display(), e.kind())),
    }
}

/// Runs `convert`; returns the exit code.
pub fn run(args: &ConvertArgs) -> u8 {
    if let Some(message) = occupied(&args.output) {
        eprintln!("error: {message}");
        return exit::BAD_INPUT;
    }
    let dataset = match load_dataset(&args.input) {
        Ok(d) => d,
        Err(e) => {
            eprint!("{}", e.render_text());
            return exit::BAD_INPUT;
        }
    };
    let written = match args.to {
        Kind::Csv => write_csv_dataset(&dataset.records(), &args.output),
        Kind::Yaml => write_dataset(&dataset.records(), &args.output),
    };
    match written {
        Ok(()) => exit::OK,
        Err(e) => {
            eprintln!("error: cannot write `{}`: {e}", args.output.display());
            exit::BAD_INPUT
        }
    }
}
