//! The arguments every evaluating command shares: rules, data, date, seed.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::Args;

use toewijzer::pipeline::{Inputs, SetupError, load_inputs};

/// Where the rules and data are, and the date and seed to decide on.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// A rule set's folder or root file.
    #[arg(long, value_name = "DIR")]
    pub rules: PathBuf,
    /// The data folder (see docs/data-format.md).
    #[arg(long, value_name = "DIR")]
    pub data: PathBuf,
    /// The reference date (peildatum), YYYY-MM-DD.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = toewijzer::pipeline::parse_date_arg)]
    pub date: NaiveDate,
    /// The lottery seed; the same seed gives the same draw.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub seed: u64,
}

impl RunArgs {
    /// Checks the rules and loads the data.
    pub fn load(&self) -> Result<Inputs, SetupError> {
        load_inputs(&self.rules, &self.data)
    }
}
