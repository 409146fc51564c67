//! `toewijzer check-data`: load a data folder and report every problem.

use std::path::PathBuf;

use clap::Args;

use super::{Format, exit};
use crate::diagnostics::summary;
use crate::model::load_dataset;

/// Arguments of `check-data`.
#[derive(Debug, Args)]
pub struct CheckDataArgs {
    /// The data folder (`applicants.yaml`, `units.yaml`, …).
    #[arg(default_value = "fixtures/heerlen-noord")]
    dir: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// Loads the folder; exit 0 when it loads clean, 2 on any problem (data a
/// decision cannot rest on is bad input, not a negative outcome).
pub fn run(args: &CheckDataArgs) -> u8 {
    match load_dataset(&args.dir) {
        Ok(data) => {
            match args.format {
                Format::Json => println!("[]"),
                Format::Text => println!(
                    "`{}` loads clean: {} applicants, {} units, {} complexes, {} buurten, {} past allocations, {} reactions, {} proposals",
                    args.dir.display(),
                    data.applicants().len(),
                    data.units().len(),
                    data.complexes().len(),
                    data.buurten().len(),
                    data.history().len(),
                    data.reactions().len(),
                    data.proposals().len()
                ),
            }
            exit::OK
        }
        Err(errors) => {
            match args.format {
                Format::Json => println!("{}", errors.render_json()),
                Format::Text => {
                    print!("{}", errors.render_text());
                    println!(
                        "`{}`: {}",
                        args.dir.display(),
                        summary(&errors.diagnostics())
                    );
                }
            }
            exit::BAD_INPUT
        }
    }
}
