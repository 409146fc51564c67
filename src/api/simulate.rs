//! [`Simulation`]: a period allocated under the baseline and each variant,
//! as `toewijzer simulate` runs it.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::error::SimulateError;
use crate::simulate::{SimulateOutput, SimulateRequest, run_simulate};
use crate::words::Lang;

/// A simulation to run: a rule set and its data folder, a period, and the
/// variants (`rules/heerlen/variants/*.variant`) to allocate beside the
/// baseline. It reads its own inputs, since each variant amends the rule
/// files as written.
///
/// ```
/// use chrono::NaiveDate;
/// use toewijzer::Simulation;
///
/// let from = NaiveDate::from_ymd_opt(2026, 1, 1).ok_or("date")?;
/// let until = NaiveDate::from_ymd_opt(2026, 6, 30).ok_or("date")?;
/// let output = Simulation::new("rules/heerlen", "fixtures/heerlen-noord", from, until)
///     .variant("rules/heerlen/variants/gms_art8.variant")
///     .run()?;
/// assert_eq!(output.sides.len(), 2);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone)]
pub struct Simulation {
    request: SimulateRequest,
}

impl Simulation {
    /// A simulation of the rule set under `rules` on the data folder
    /// `data` from `from` through `until`, with seed 0 and no variant.
    pub fn new(
        rules: impl AsRef<Path>,
        data: impl AsRef<Path>,
        from: NaiveDate,
        until: NaiveDate,
    ) -> Self {
        Simulation {
            request: SimulateRequest {
                rules: rules.as_ref().to_path_buf(),
                data: data.as_ref().to_path_buf(),
                from,
                until,
                variants: Vec::new(),
                seed: 0,
                threads: 1,
                explain: None,
                redact: None,
                lang: Lang::En,
            },
        }
    }

    /// Adds the variant file `path`, simulated beside the baseline.
    #[must_use]
    pub fn variant(mut self, path: impl Into<PathBuf>) -> Self {
        self.request.variants.push(path.into());
        self
    }

    /// The lottery seed, the same on every side.
    #[must_use]
    pub fn seed(mut self, seed: u64) -> Self {
        self.request.seed = seed;
        self
    }

    /// Allocates the period on every side and follows every household.
    pub fn run(&self) -> Result<SimulateOutput, SimulateError> {
        Ok(run_simulate(&self.request)?)
    }
}
