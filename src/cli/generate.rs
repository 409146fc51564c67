//! `toewijzer generate`: write a synthetic data folder for benchmarks and
//! impact analysis.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::exit;
use toewijzer::pipeline::data::FolderSink;
use toewijzer::pipeline::data::{GenerateOptions, generate_into};

/// Arguments of `generate`. Every number left out comes from the preset,
/// or from the defaults shown when there is none.
#[derive(Debug, Args)]
pub struct GenerateArgs {
    /// A population of a known shape; the flags below change parts of it.
    #[arg(long, value_enum)]
    preset: Option<Preset>,
    /// Number of applicant files [default: 1000].
    #[arg(long)]
    applicants: Option<usize>,
    /// Number of units, one vacancy each (about 25 per complex) [default: 100].
    #[arg(long)]
    units: Option<usize>,
    /// Applicants reacting to each vacancy, at most all of them [default: 300].
    #[arg(long, value_name = "N")]
    reactions_per_vacancy: Option<usize>,
    /// Seed of the random generator: the same seed writes the same files.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The reference date the population is built around [default: 2026-03-02].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = toewijzer::pipeline::parse_date_arg)]
    reference: Option<NaiveDate>,
    /// The first day a vacancy comes free [default: 30 days before the reference date].
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = toewijzer::pipeline::parse_date_arg)]
    period_from: Option<NaiveDate>,
    /// The days the vacancies are spread over [default: 61].
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=36_600))]
    period_days: Option<u32>,
    /// House-seekers who register while the period runs, each reacting
    /// only to vacancies after their registration [default: 0]; about
    /// 17.5% of `--applicants` a year keeps the list's shape.
    #[arg(long, value_name = "N")]
    inflow: Option<usize>,
    /// The days before the period the allocation history covers [default: 365].
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(1..=36_600))]
    history_days: Option<u32>,
    /// Split applicants and reactions over folders (`reactions/*.yaml`) of
    /// files of about this many MiB each, as a list too long for one data
    /// file must be [national-year: 128; default: one file each].
    #[arg(long, value_name = "MIB", value_parser = clap::value_parser!(u64).range(1..=256))]
    split_at: Option<u64>,
    /// The folder to write (created if needed; its data files are replaced).
    #[arg(long)]
    out: PathBuf,
}

/// A population of a known shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Preset {
    /// A year of Parkstad Limburg: 5,000 vacancies over 2026 with 300
    /// reactions each, 50,000 applicants, 2025's allocations as history.
    ParkstadYear,
    /// A national year: 200,000 vacancies over 2026 with 300 reactions
    /// each, 1,000,000 applicants, 2025's allocations as history; written
    /// split over folders (about 4 GB).
    NationalYear,
}

impl GenerateArgs {
    /// The options: the preset's (or the defaults), then each flag given.
    fn options(&self) -> GenerateOptions {
        let default_reference = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap_or_default();
        let base = match self.preset {
            Some(Preset::ParkstadYear) => GenerateOptions::parkstad_year(self.seed),
            Some(Preset::NationalYear) => GenerateOptions::national_year(self.seed),
            None => GenerateOptions::new(1000, 100, self.seed, default_reference),
        };
        // A new reference date moves the default period with it.
        let base = match self.reference {
            Some(reference) if self.preset.is_none() => GenerateOptions {
                reference,
                ..GenerateOptions::new(base.applicants, base.units, self.seed, reference)
            },
            Some(reference) => GenerateOptions { reference, ..base },
            None => base,
        };
        GenerateOptions {
            applicants: self.applicants.unwrap_or(base.applicants),
            units: self.units.unwrap_or(base.units),
            reactions_per_vacancy: self
                .reactions_per_vacancy
                .unwrap_or(base.reactions_per_vacancy),
            period_from: self.period_from.unwrap_or(base.period_from),
            period_days: self.period_days.unwrap_or(base.period_days),
            history_days: self.history_days.unwrap_or(base.history_days),
            inflow: self.inflow.unwrap_or(base.inflow),
            ..base
        }
    }

    /// The size in bytes to split lists at: the flag's, or the preset's.
    fn split_at(&self) -> Option<u64> {
        const MIB: u64 = 1024 * 1024;
        let preset = (self.preset == Some(Preset::NationalYear)).then_some(128);
        self.split_at.or(preset).map(|mib| mib.saturating_mul(MIB))
    }
}

/// Generates and writes the folder as it is drawn; exit 0, or 2 when it
/// cannot be written.
pub fn run(args: &GenerateArgs) -> u8 {
    let written = FolderSink::new(&args.out, args.split_at()).and_then(|mut sink| {
        let counts = generate_into(&args.options(), &mut sink)?;
        sink.finish()?;
        Ok(counts)
    });
    match written {
        Ok(counts) => {
            println!(
                "wrote {} applicants, {} units, {} complexes, {} reactions to `{}`",
                counts.applicants,
                counts.units,
                counts.complexes,
                counts.reactions,
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
