//! An allocation run written vacancy by vacancy as the run fills them
//! ([`crate::allocate::allocate_into`]), so that writing a region's year
//! takes memory that does not grow with its vacancies and their candidates.
//!
//! The bytes are those of the whole-run renderers on the whole
//! [`AllocationRun`]: JSON as `serde_json`'s pretty printer lays out the
//! run, CSV as [`super::csv::allocation`] writes it. Text and Markdown lead
//! with counts of the whole run, so they are rendered from the run kept
//! whole, but written out as they are rendered ([`IoText`]).

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use crate::allocate::record::{AllocationRun, Vacancy};
use crate::report::redact::Redactor;

/// The formats an allocation run is streamed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Streamed {
    /// Pretty JSON, as `allocate --format json` writes a whole run.
    Json,
    /// One row per vacancy, as `allocate --format csv` writes a whole run.
    Csv,
}

/// Why a streamed run could not be written.
#[derive(Debug, thiserror::Error)]
pub enum StreamWriteError {
    /// The output refused the bytes.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// A record could not be put into JSON.
    #[error("cannot write JSON: {0}")]
    Json(#[from] serde_json::Error),
    /// A row could not be put into CSV.
    #[error("cannot write CSV: {0}")]
    Csv(#[from] csv::Error),
}

/// Writes a run's vacancies as they come: [`AllocationStream::begin`] with
/// the run's seed, [`AllocationStream::vacancy`] for each in the run's
/// order, then [`AllocationStream::end`]. Nothing is written before the
/// first vacancy or the end, so a run that stops before either writes
/// nothing at all.
pub struct AllocationStream<'w> {
    out: Out<'w>,
    /// The pseudonym key, with each pseudonym made so far: an applicant
    /// passed over in many vacancies is keyed once.
    redact: Option<(Redactor, Pseudonyms)>,
    /// The run's seed, for its head.
    seed: u64,
    /// The head is not written yet.
    first: bool,
}

/// Each applicant id with its pseudonym, made once per run.
type Pseudonyms = HashMap<Arc<str>, Arc<str>>;

enum Out<'w> {
    Json(&'w mut dyn Write),
    Csv(Box<csv::Writer<&'w mut dyn Write>>),
}

impl<'w> AllocationStream<'w> {
    /// The run of lottery `seed` on `out` in `format`; with a `redactor`
    /// every applicant id is its pseudonym, as [`Redactor::allocation`]
    /// makes them.
    pub fn begin(
        out: &'w mut dyn Write,
        format: Streamed,
        seed: u64,
        redactor: Option<Redactor>,
    ) -> Self {
        let out = match format {
            Streamed::Json => Out::Json(out),
            Streamed::Csv => Out::Csv(Box::new(super::csv::writer(out))),
        };
        AllocationStream {
            out,
            redact: redactor.map(|r| (r, HashMap::new())),
            seed,
            first: true,
        }
    }

    /// The run's head, before its first vacancy: the fields before the
    /// list, as the printer orders them ([`AllocationRun`]'s), or the
    /// column names.
    fn head(&mut self) -> Result<(), StreamWriteError> {
        match &mut self.out {
            Out::Json(out) => {
                let head = AllocationRun {
                    seed: self.seed,
                    redacted: self.redact.is_some(),
                    vacancies: Vec::new(),
                };
                let pretty = serde_json::to_string_pretty(&head)?;
                let open = pretty.strip_suffix("[]\n}").unwrap_or(&pretty);
                out.write_all(open.as_bytes())?;
                out.write_all(b"[")?;
            }
            Out::Csv(writer) => writer.write_record(super::csv::ALLOCATION_COLUMNS)?,
        }
        Ok(())
    }

    /// Writes the run's next vacancy.
    pub fn vacancy(&mut self, mut vacancy: Vacancy) -> Result<(), StreamWriteError> {
        if let Some((redactor, made)) = &mut self.redact {
            redactor.vacancy(&mut vacancy, made);
        }
        let first = std::mem::take(&mut self.first);
        if first {
            self.head()?;
        }
        match &mut self.out {
            Out::Json(out) => {
                if !first {
                    out.write_all(b",")?;
                }
                out.write_all(b"\n    ")?;
                let pretty = serde_json::to_string_pretty(&vacancy)?;
                out.write_all(super::json::indented(&pretty, "    ").as_bytes())?;
            }
            Out::Csv(writer) => writer.write_record(super::csv::allocation_row(&vacancy))?,
        }
        Ok(())
    }

    /// Closes the run and flushes the output.
    pub fn end(mut self) -> Result<(), StreamWriteError> {
        let empty = self.first;
        if empty {
            self.head()?;
        }
        match self.out {
            Out::Json(out) => {
                if !empty {
                    out.write_all(b"\n  ")?;
                }
                out.write_all(b"]\n}\n")?;
                out.flush()?;
            }
            Out::Csv(mut writer) => writer.flush()?,
        }
        Ok(())
    }
}

/// Text rendered straight into a byte output: what a renderer writes with
/// `write!` goes out as it is written, and the first failure is kept for
/// [`IoText::finish`] (a `fmt::Error` carries no reason).
pub struct IoText<'w> {
    out: &'w mut dyn Write,
    failed: Option<std::io::Error>,
}

impl<'w> IoText<'w> {
    /// Text into `out`.
    pub fn new(out: &'w mut dyn Write) -> Self {
        IoText { out, failed: None }
    }

    /// Flushes `out`; the first failure of any write, if there was one.
    pub fn finish(self) -> std::io::Result<()> {
        match self.failed {
            Some(e) => Err(e),
            None => self.out.flush(),
        }
    }
}

impl std::fmt::Write for IoText<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        if self.failed.is_some() {
            return Err(std::fmt::Error);
        }
        self.out.write_all(s.as_bytes()).map_err(|e| {
            self.failed = Some(e);
            std::fmt::Error
        })
    }
}
