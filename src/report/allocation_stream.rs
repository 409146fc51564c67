//! An allocation run written vacancy by vacancy as the run fills them
//! ([`crate::allocate::allocate_into`]), so that writing a region's year
//! takes memory that does not grow with its vacancies and their candidates.
//!
//! The bytes are those of the whole-run renderers on the whole
//! [`AllocationRun`]: JSON as `serde_json`'s pretty printer lays out the
//! run, CSV as [`super::csv::allocation`] writes it, text, Markdown and
//! HTML as [`super::workflow`] and [`super::html::workflow`] render it.
//! Text, Markdown and HTML lead with counts of the whole run, so their
//! words are held until the run is done: a national year's text is a
//! fraction of the records it is rendered from.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use crate::allocate::record::{AllocationRun, Vacancy};
use crate::report::redact::Redactor;
use crate::report::words::Words;
use crate::report::workflow::{self, RunCounts};

/// The formats an allocation run is streamed in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Streamed {
    /// Pretty JSON, as `allocate --format json` writes a whole run.
    Json,
    /// One row per vacancy, as `allocate --format csv` writes a whole run.
    Csv,
    /// For a terminal, in these words; held until the run's counts are known.
    Text(Words),
    /// The auditor's report, in these words; held likewise.
    Markdown(Words),
    /// The auditor's report as a page (in English, as the whole run's);
    /// held likewise.
    Html,
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

/// Where a stream's words go: straight out, through a CSV writer, or held.
enum Out<'w> {
    /// The output, with the bytes of the vacancy at hand, reused from one
    /// to the next: a vacancy is written whole or not at all.
    Json(&'w mut dyn Write, Vec<u8>),
    Csv(Box<csv::Writer<&'w mut dyn Write>>),
    Held(&'w mut dyn Write, Held),
}

/// A report's words held until the run is done.
struct Held {
    format: Streamed,
    words: Words,
    counts: RunCounts,
    /// Text: the vacancies' lines; Markdown: the table's rows.
    body: Chunks,
    /// Markdown: the sections after the table.
    sections: Chunks,
}

/// Text held in blocks of about a mebibyte: a national year's gigabytes of
/// words are never copied over into a buffer twice their size, as one
/// `String` growing by doubling would.
#[derive(Default)]
struct Chunks(Vec<String>);

/// The size of one of [`Chunks`]' blocks.
const CHUNK: usize = 1 << 20;

impl Chunks {
    fn write(&self, out: &mut dyn Write) -> std::io::Result<()> {
        self.0.iter().try_for_each(|c| out.write_all(c.as_bytes()))
    }

    fn concat(&self) -> String {
        self.0.concat()
    }
}

impl std::fmt::Write for Chunks {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        match self.0.last_mut() {
            Some(last) if last.len().saturating_add(s.len()) <= last.capacity() => {
                last.push_str(s);
            }
            _ => {
                let mut block = String::with_capacity(CHUNK.max(s.len()));
                block.push_str(s);
                self.0.push(block);
            }
        }
        Ok(())
    }
}

impl Held {
    fn new(format: Streamed, words: Words) -> Self {
        Held {
            format,
            words,
            counts: RunCounts::default(),
            body: Chunks::default(),
            sections: Chunks::default(),
        }
    }

    fn vacancy(&mut self, v: &Vacancy) {
        self.counts.vacancies = self.counts.vacancies.saturating_add(1);
        if v.allocated_to.is_some() {
            self.counts.housed = self.counts.housed.saturating_add(1);
        }
        if let Streamed::Text(_) = self.format {
            workflow::vacancy_text(&mut self.body, v, self.words);
        } else {
            workflow::vacancy_markdown_row(&mut self.body, v, self.words);
            workflow::vacancy_markdown_section(&mut self.sections, v, self.words);
        }
    }

    /// The whole report.
    fn write(self, out: &mut dyn Write) -> std::io::Result<()> {
        let mut head = String::new();
        if let Streamed::Text(_) = self.format {
            workflow::allocation_text_head(&mut head, self.counts, self.words);
        } else {
            workflow::allocation_markdown_head(&mut head, self.counts, self.words);
        }
        if self.format == Streamed::Html {
            let markdown = [head, self.body.concat(), self.sections.concat()].concat();
            let page = super::html::workflow::allocation_page(&markdown);
            return out.write_all(page.as_bytes());
        }
        out.write_all(head.as_bytes())?;
        self.body.write(out)?;
        self.sections.write(out)
    }
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
            Streamed::Json => Out::Json(out, Vec::new()),
            Streamed::Csv => Out::Csv(Box::new(super::csv::writer(out))),
            Streamed::Text(words) | Streamed::Markdown(words) => {
                Out::Held(out, Held::new(format, words))
            }
            Streamed::Html => Out::Held(out, Held::new(format, Words::default())),
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
            Out::Json(out, _) => {
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
            Out::Held(..) => {}
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
            Out::Json(out, bytes) => {
                bytes.clear();
                if !first {
                    bytes.push(b',');
                }
                bytes.extend_from_slice(b"\n    ");
                super::json::nested(bytes, &vacancy, 2)?;
                out.write_all(bytes)?;
            }
            Out::Csv(writer) => writer.write_record(super::csv::allocation_row(&vacancy))?,
            Out::Held(_, held) => held.vacancy(&vacancy),
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
            Out::Json(out, _) => {
                if !empty {
                    out.write_all(b"\n  ")?;
                }
                out.write_all(b"]\n}\n")?;
                out.flush()?;
            }
            Out::Csv(mut writer) => writer.flush()?,
            Out::Held(out, mut held) => {
                held.counts.seed = self.seed;
                held.counts.redacted = self.redact.is_some();
                held.write(out)?;
                out.flush()?;
            }
        }
        Ok(())
    }
}
