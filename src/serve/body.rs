//! An answer's bytes, as `report::json::render` writes the same run, with
//! the part every answer on a date repeats (the run header: rule set, file
//! hashes, date, seed) rendered once when the date is compiled and copied
//! in as bytes, so a question costs the rendering of its own decisions only.

use std::sync::Arc;

use serde::Serialize;
use serde_json::value::RawValue;

use crate::eval::record::{DecisionRecord, EvalOutput, Ranking, RunHeader};

/// A run header and its JSON, indented as the header of a run renders.
#[derive(Debug)]
pub struct Header {
    /// The header itself, for the decision log and replay.
    pub run: RunHeader,
    /// Its pretty JSON one level in, as inside `{"header": …}`.
    json: Box<RawValue>,
}

impl Header {
    /// Renders `run` once.
    pub(crate) fn new(run: RunHeader) -> Result<Arc<Header>, serde_json::Error> {
        let text = serde_json::to_string_pretty(&run)?.replace('\n', "\n  ");
        let json = RawValue::from_string(text)?;
        Ok(Arc::new(Header { run, json }))
    }
}

/// A run as `eval` and `rank` write it: the header, the decisions in the
/// order asked, and the rankings.
#[derive(Debug, Clone)]
pub struct Run {
    /// The header of the question's date, seed and trace.
    pub header: Arc<Header>,
    /// The decisions.
    pub decisions: Vec<DecisionRecord>,
    /// The rankings (`rank`).
    pub rankings: Vec<Ranking>,
}

/// [`EvalOutput`]'s fields with the header as rendered bytes: serialised
/// with the same field names, order and skips, so the bytes are the same.
#[derive(Serialize)]
struct Layout<'a> {
    header: &'a RawValue,
    decisions: &'a [DecisionRecord],
    #[serde(skip_serializing_if = "<[Ranking]>::is_empty")]
    rankings: &'a [Ranking],
}

/// What a rendered decision takes, roughly, to size the buffer once.
const PER_DECISION: usize = 8 << 10;

impl Run {
    /// The run's JSON, byte for byte `report::json::render` of
    /// [`Run::output`].
    pub fn body(&self) -> Result<Vec<u8>, serde_json::Error> {
        let size = self
            .header
            .json
            .get()
            .len()
            .saturating_add(PER_DECISION.saturating_mul(self.decisions.len().max(1)));
        let mut out = Vec::with_capacity(size);
        let layout = Layout {
            header: &self.header.json,
            decisions: &self.decisions,
            rankings: &self.rankings,
        };
        serde_json::to_writer_pretty(&mut out, &layout)?;
        out.push(b'\n');
        Ok(out)
    }

    /// The run as one record, header included (the log, replay).
    pub fn output(&self) -> EvalOutput {
        // Every field named: a field added to `EvalOutput` stops the build
        // here, until `Layout` writes it too.
        EvalOutput {
            header: self.header.run.clone(),
            decisions: self.decisions.clone(),
            rankings: self.rankings.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use crate::report::testdata::sample_output;

    fn run_of(output: &EvalOutput) -> Run {
        Run {
            header: Header::new(output.header.clone()).unwrap(),
            decisions: output.decisions.clone(),
            rankings: output.rankings.clone(),
        }
    }

    #[test]
    fn the_body_is_the_json_renderers_bytes() {
        let mut output = sample_output();
        let rendered = crate::report::json::render(&output).unwrap();
        let run = run_of(&output);
        assert_eq!(String::from_utf8(run.body().unwrap()).unwrap(), rendered);
        assert_eq!(run.output(), output);

        output.rankings.clear();
        let rendered = crate::report::json::render(&output).unwrap();
        assert_eq!(
            String::from_utf8(run_of(&output).body().unwrap()).unwrap(),
            rendered
        );

        output.decisions.clear();
        let rendered = crate::report::json::render(&output).unwrap();
        assert_eq!(
            String::from_utf8(run_of(&output).body().unwrap()).unwrap(),
            rendered
        );
    }
}
