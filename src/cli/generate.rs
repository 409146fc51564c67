//! `toewijzer generate`: write a synthetic data folder for benchmarks and
//! impact analysis.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use super::exit;
use crate::model::{GenerateOptions, generate, write_dataset};

/// Arguments of `generate`.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// Number of applicant files.
    #[arg(long, default_value_t = 1000)]
    applicants: usize,
    /// Number of units (about 25 per complex).
    #[arg(long, default_value_t = 100)]
    units: usize,
    /// Seed of the random generator: the same seed writes the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The reference date the population is built around.
    #[arg(long, default_value = "2026-03-02", value_name = "YYYY-MM-DD", value_parser = crate::model::dates::parse_date_arg)]
    reference: NaiveDate,
    /// The folder to write (created if needed; its data files are replaced).
    #[arg(long)]
    out: PathBuf,
}

/// Generates and writes the folder; exit 0, or 2 when it cannot be written.
pub fn run(args: &GenerateArgs) -> u8 {
    let records = generate(&GenerateOptions {
        applicants: args.applicants,
        units: args.units,
        seed: args.seed,
        reference: args.reference,
    });
    match write_dataset(&records, &args.out) {
        Ok(()) => {
            println!(
                "wrote {} applicants, {} units, {} complexes to `{}`",
                records.applicants.len(),
                records.units.len(),
                records.complexes.len(),
                args.out.display()
            );
            exit::OK
        }
        Err(e) => {
            eprintln!("error: cannot write `{}`: {e}", args.out.display());
            exit::BAD_INPUT
        }
    }
}
