//! `eval`'s output decided and written in bounded chunks, in output order,
//! so memory does not grow with the number of pairs and any number of
//! threads writes the same bytes as one.
//!
//! The bytes are those of the in-memory renderers (`report::text`,
//! `report::json`, `report::markdown`) on the whole [`EvalOutput`]: each
//! chunk is rendered by the same functions, and the JSON around the chunks
//! is the layout `serde_json`'s pretty printer gives.

use std::io::Write;
use std::sync::Mutex;

use crate::eval::Engine;
use crate::eval::record::{EvalOutput, Ranking, RunHeader};
use crate::report::ReportFormat;
use crate::report::audit::Summary;
use crate::report::json::indented;
use crate::report::redact::redact;
use crate::report::{markdown, text};
use crate::run::{Inputs, SetupError};

/// Pairs one thread decides and renders per round. Small enough that a
/// round's records (traced ones are kilobytes) stay a few megabytes, large
/// enough that starting threads costs little next to deciding.
pub const CHUNK: usize = 1024;

/// Vacancies one thread ranks per round: a ranking holds every candidate
/// of its vacancy, so few at a time.
const RANK_CHUNK: usize = 4;

/// An `eval` run to stream: what to decide and how to write it.
pub struct EvalStream<'r, 'e> {
    /// The inputs, for candidates and for rendering faults.
    pub inputs: &'r Inputs,
    /// The engine that decides.
    pub engine: &'r Engine<'e>,
    /// The run's header; its `traced` says whether records carry traces.
    pub header: RunHeader,
    /// The pairs in output order; a unit's pairs are contiguous (as
    /// [`crate::run::select_pairs`] gives them).
    pub pairs: &'r [(usize, usize)],
    /// Whether each decided unit's ranking follows the decisions.
    pub rankings: bool,
    /// The pseudonym key when applicant ids are redacted.
    pub redact_key: Option<Vec<u8>>,
    /// Threads to decide and render on (at least one is used).
    pub threads: usize,
}

/// Why a stream stopped.
#[derive(Debug)]
pub enum StreamError {
    /// A decision could not be made: nothing after the last settled round
    /// was written.
    Setup(SetupError),
    /// The output could not be written.
    Write(std::io::Error),
    /// A record could not be rendered as JSON.
    Json(serde_json::Error),
    /// A worker thread stopped without a result.
    Worker,
}

impl From<std::io::Error> for StreamError {
    fn from(e: std::io::Error) -> Self {
        StreamError::Write(e)
    }
}

/// The output side: text is held back until the decisions before it are
/// known to be settled, so a run that cannot decide a pair writes nothing
/// it would have to take back (at most the rounds before the failing one).
struct Sink<'w> {
    out: &'w mut dyn Write,
    held: String,
    /// A round could not be decided: nothing more is written, but every
    /// pair is still decided so the error counts every undecided decision
    /// as the whole run in memory did.
    stopped: bool,
}

impl Sink<'_> {
    fn put(&mut self, text: &str) {
        if !self.stopped {
            self.held.push_str(text);
        }
    }

    fn release(&mut self) -> Result<(), StreamError> {
        if !self.stopped {
            self.out.write_all(self.held.as_bytes())?;
        }
        self.held.clear();
        Ok(())
    }
}

impl EvalStream<'_, '_> {
    /// Decides every pair (and ranks every decided unit when asked) and
    /// writes the run in `format` to `out`. Returns the summary of the
    /// decisions for Markdown, whose auditor's sections follow them
    /// ([`markdown::audit_sections`]); empty for the other formats.
    pub fn write(
        mut self,
        format: ReportFormat,
        out: &mut dyn Write,
    ) -> Result<Summary, StreamError> {
        if let Some(key) = &self.redact_key {
            // Marks the header redacted exactly as a whole-run redaction does.
            let mut empty = self.empty();
            redact(&mut empty, key);
            self.header = empty.header;
        }
        let mut sink = Sink {
            out,
            held: String::new(),
            stopped: false,
        };
        let summary = Mutex::new(Summary::default());
        match format {
            ReportFormat::Text => self.text(&mut sink)?,
            ReportFormat::Json => self.json(&mut sink)?,
            ReportFormat::Markdown => self.markdown(&mut sink, &summary)?,
            // One row per decision, but written by the in-memory renderer:
            // `eval` decides a CSV run whole (not streamed yet), and an
            // HTML page, whose summary leads the page.
            ReportFormat::Csv | ReportFormat::Html => {
                return Err(StreamError::Setup(SetupError::Output(
                    "CSV and HTML output are written whole, not streamed".into(),
                )));
            }
        }
        if sink.stopped {
            self.inputs
                .settled(self.engine)
                .map_err(StreamError::Setup)?;
        }
        sink.release()?;
        sink.out.flush()?;
        summary.into_inner().map_err(|_| StreamError::Worker)
    }

    fn empty(&self) -> EvalOutput {
        EvalOutput {
            header: self.header.clone(),
            decisions: Vec::new(),
            rankings: Vec::new(),
        }
    }

    /// The decided units in order of first appearance.
    fn units(&self) -> Vec<usize> {
        let mut units: Vec<usize> = Vec::new();
        for &(_, u) in self.pairs {
            if units.last() != Some(&u) {
                units.push(u);
            }
        }
        units
    }

    /// The pairs grouped per unit, as ranges of `pairs`.
    fn unit_groups(&self) -> Vec<(usize, usize)> {
        let mut groups: Vec<(usize, usize)> = Vec::new();
        let mut start = 0;
        let mut current = None;
        for (i, &(_, u)) in self.pairs.iter().enumerate() {
            if current != Some(u) {
                if current.is_some() {
                    groups.push((start, i));
                }
                start = i;
                current = Some(u);
            }
        }
        if current.is_some() {
            groups.push((start, self.pairs.len()));
        }
        groups
    }

    /// The records of `part`, redacted when asked.
    fn decided(&self, part: &[(usize, usize)], ranked: &[usize]) -> EvalOutput {
        let mut chunk = self.empty();
        chunk.decisions = part
            .iter()
            .map(|&(a, u)| self.engine.record(a, u, self.header.traced))
            .collect();
        chunk.rankings = ranked.iter().map(|&u| self.ranking(u)).collect();
        if let Some(key) = &self.redact_key {
            redact(&mut chunk, key);
        }
        chunk
    }

    fn ranking(&self, unit: usize) -> Ranking {
        self.engine.rank(unit, &self.inputs.candidates(unit))
    }

    /// Renders `items` in rounds of `per` items per thread and writes each
    /// round in order once its decisions are known to be settled.
    fn in_order<T, F>(
        &self,
        items: &[T],
        per: usize,
        sink: &mut Sink<'_>,
        mut write: impl FnMut(&mut Sink<'_>, String),
        render: F,
    ) -> Result<(), StreamError>
    where
        T: Sync,
        F: Fn(&[T]) -> Result<String, serde_json::Error> + Sync,
    {
        let threads = self.threads.max(1);
        let per = per.max(1);
        for round in items.chunks(per.saturating_mul(threads)) {
            let rendered: Vec<Result<String, serde_json::Error>> = if threads == 1 {
                vec![render(round)]
            } else {
                std::thread::scope(|s| {
                    let render = &render;
                    let handles: Vec<_> = round
                        .chunks(per)
                        .map(|part| s.spawn(move || render(part)))
                        .collect();
                    handles
                        .into_iter()
                        .map(|h| h.join().ok())
                        .collect::<Option<Vec<_>>>()
                })
                .ok_or(StreamError::Worker)?
            };
            if self.inputs.settled(self.engine).is_err() {
                sink.stopped = true;
            }
            sink.release()?;
            for part in rendered {
                write(sink, part.map_err(StreamError::Json)?);
            }
        }
        Ok(())
    }

    fn text(&self, sink: &mut Sink<'_>) -> Result<(), StreamError> {
        sink.put(&text::render(&self.empty()));
        let put = |sink: &mut Sink<'_>, s: String| sink.put(&s);
        self.in_order(self.pairs, CHUNK, sink, put, |part| {
            let mut out = String::new();
            for d in &self.decided(part, &[]).decisions {
                out.push('\n');
                text::render_decision(&mut out, d);
            }
            Ok(out)
        })?;
        if self.rankings {
            self.in_order(&self.units(), RANK_CHUNK, sink, put, |units| {
                let mut out = String::new();
                for r in &self.decided(&[], units).rankings {
                    out.push('\n');
                    text::render_ranking(&mut out, r, &[]);
                }
                Ok(out)
            })?;
        }
        Ok(())
    }

    fn json(&self, sink: &mut Sink<'_>) -> Result<(), StreamError> {
        let header = serde_json::to_string_pretty(&self.header).map_err(StreamError::Json)?;
        sink.put("{\n  \"header\": ");
        sink.put(&indented(&header, "  "));
        sink.put(",\n  \"decisions\": [");
        self.json_list(self.pairs, CHUNK, sink, |part| {
            elements(&self.decided(part, &[]).decisions)
        })?;
        if self.rankings && !self.pairs.is_empty() {
            sink.put(",\n  \"rankings\": [");
            self.json_list(&self.units(), RANK_CHUNK, sink, |units| {
                elements(&self.decided(&[], units).rankings)
            })?;
        }
        sink.put("\n}\n");
        Ok(())
    }

    /// The elements of one JSON list, then its closing bracket.
    fn json_list<T, F>(
        &self,
        items: &[T],
        per: usize,
        sink: &mut Sink<'_>,
        render: F,
    ) -> Result<(), StreamError>
    where
        T: Sync,
        F: Fn(&[T]) -> Result<String, serde_json::Error> + Sync,
    {
        let mut first = true;
        let put = |sink: &mut Sink<'_>, s: String| {
            if !std::mem::take(&mut first) {
                sink.put(",");
            }
            sink.put(&s);
        };
        self.in_order(items, per, sink, put, render)?;
        if !items.is_empty() {
            sink.put("\n  ");
        }
        sink.put("]");
        Ok(())
    }

    fn markdown(&self, sink: &mut Sink<'_>, summary: &Mutex<Summary>) -> Result<(), StreamError> {
        sink.put(&markdown::render(&self.empty()));
        let put = |sink: &mut Sink<'_>, s: String| sink.put(&s);
        // One unit's table joins its ranking with its decisions: a round
        // holds whole units, and the decision sections decide again.
        self.in_order(&self.unit_groups(), 1, sink, put, |groups| {
            let mut out = String::new();
            for &(start, end) in groups {
                let part = self.pairs.get(start..end).unwrap_or_default();
                let ranked: Vec<usize> = match (self.rankings, part.first()) {
                    (true, Some(&(_, u))) => vec![u],
                    _ => Vec::new(),
                };
                markdown::units(&mut out, &self.decided(part, &ranked));
            }
            Ok(out)
        })?;
        if !self.pairs.is_empty() {
            sink.put("\n## Decisions\n");
        }
        self.in_order(self.pairs, CHUNK, sink, put, |part| {
            let mut out = String::new();
            let chunk = self.decided(part, &[]);
            // Counting is commutative: the rounds' order does not matter.
            if let Ok(mut summary) = summary.lock() {
                for d in &chunk.decisions {
                    summary.add(d);
                }
            }
            for d in &chunk.decisions {
                markdown::decision(&mut out, d);
            }
            Ok(out)
        })
    }
}

/// Each of `records` as an element of a pretty JSON list nested one deep:
/// a line break, four spaces, the record; joined by commas.
fn elements<T: serde::Serialize>(records: &[T]) -> Result<String, serde_json::Error> {
    let mut out = Vec::new();
    for (i, record) in records.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        out.extend_from_slice(b"\n    ");
        crate::report::json::nested(&mut out, record, 2)?;
    }
    // The printer writes UTF-8: the check cannot fail.
    String::from_utf8(out).map_err(serde::ser::Error::custom)
}
