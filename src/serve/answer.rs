//! Answering a question from a snapshot: the CLI's own pipeline functions
//! (`Engine::record`, `run::ranked`, `allocate::validate`) and renderers,
//! so an answer is byte for byte what the CLI writes. The
//! serving workers and `verify`'s replay of a decision log both call this.

use chrono::NaiveDate;
use serde::de::DeserializeOwned;
use serde_json::Value;
use yaml_rust2::parser::Event;

use super::body::{Header, Run};
use super::engines::Engines;
use super::error::{ServeError, located, raw};
use super::question::{Decide, Question, Rank, Record, Validate, date};
use super::snapshot::Snapshot;
use crate::allocate::record::Verdict;
use crate::allocate::{ValidateError, validate};
use crate::diagnostics::ToDiagnostic;
use crate::eval::Engine;
use crate::model::inline::{read_applicant, read_record};
use crate::model::yaml::{Node, ReadError, Reader};
use crate::model::{Applicant, Dataset, LoadError, Proposal, Unit, YamlPath};
use crate::report::redact::Redactor;
use crate::run::ranked;
use crate::source::{FileId, SourceMap};

/// What a question was answered with.
#[derive(Debug, Clone)]
pub enum Answer {
    /// `decide` and `rank`: the run `eval` and `rank` write.
    Run(Box<Run>),
    /// `validate`: the verdicts `validate` writes.
    Verdicts(Vec<Verdict>),
}

impl Answer {
    /// The answer as the CLI's `--format json` writes it.
    pub fn body(&self) -> Result<Vec<u8>, ServeError> {
        let bytes = match self {
            Answer::Run(run) => run.body(),
            Answer::Verdicts(verdicts) => {
                crate::report::json::render_value(verdicts).map(String::into_bytes)
            }
        };
        bytes.map_err(|e| ServeError::Setup(format!("cannot write JSON: {e}")))
    }

    /// The answer as a JSON value for the decision log, redacted by
    /// `redactor` as the CLI's `--redact` would when the log is redacted.
    pub fn logged(&self, redactor: Option<&Redactor>) -> Value {
        match self {
            Answer::Run(run) => {
                let mut output = run.output();
                if let Some(redactor) = redactor {
                    redactor.output(&mut output);
                }
                serde_json::to_value(output)
            }
            Answer::Verdicts(verdicts) => match redactor {
                Some(redactor) => {
                    let mut verdicts = verdicts.clone();
                    redactor.verdicts(&mut verdicts);
                    serde_json::to_value(verdicts)
                }
                None => serde_json::to_value(verdicts),
            },
        }
        .unwrap_or(Value::Null)
    }
}

/// Answers `question` on the snapshot of `engines`.
pub fn answer(engines: &mut Engines<'_>, question: &Question) -> Result<Answer, ServeError> {
    match question {
        Question::Decide(q) => decide(engines, q),
        Question::Rank(q) => rank(engines, q),
        Question::Validate(q) => validate_one(engines.snapshot(), q),
    }
}

fn decide(engines: &mut Engines<'_>, q: &Decide) -> Result<Answer, ServeError> {
    let on = date(&q.date)?;
    let snapshot = engines.snapshot();
    let (Record::Id(a), Record::Id(u)) = (&q.applicant, &q.unit) else {
        return decide_inline(snapshot, q, on);
    };
    let (a, u) = (snapshot.applicant(a)?, snapshot.unit(u)?);
    let compiled = engines.get(on, q.seed)?;
    let run = Run {
        header: compiled.header(q.trace),
        decisions: vec![compiled.engine.record(a, u, q.trace)],
        rankings: Vec::new(),
    };
    settled(engines, on, q.seed)?;
    Ok(Answer::Run(Box::new(run)))
}

fn rank(engines: &mut Engines<'_>, q: &Rank) -> Result<Answer, ServeError> {
    let on = date(&q.date)?;
    let snapshot = engines.snapshot();
    let unit = snapshot.unit(&q.unit)?;
    let compiled = engines.get(on, q.seed)?;
    let (decisions, ranking) = ranked(&snapshot.inputs().data, &compiled.engine, unit, false);
    let run = Run {
        header: compiled.header(false),
        decisions,
        rankings: vec![ranking],
    };
    settled(engines, on, q.seed)?;
    Ok(Answer::Run(Box::new(run)))
}

/// `Ok` when the question's engine decided everything asked of it; else
/// the engine is dropped (its fault log keeps the fault) and the question
/// is answered with the E0604 diagnostics.
fn settled(engines: &mut Engines<'_>, on: NaiveDate, seed: u64) -> Result<(), ServeError> {
    let sources = &engines.snapshot().inputs().rules.sources;
    let result = engines
        .get(on, seed)?
        .engine
        .faults()
        .settled()
        .map_err(|e| ServeError::eval(sources, &e));
    if result.is_err() {
        engines.forget(on, seed);
    }
    result
}

/// A question with a record written out: the folder's records with it
/// added (or put in place of the record with its id), decided by an engine
/// of their own.
fn decide_inline(snapshot: &Snapshot, q: &Decide, on: NaiveDate) -> Result<Answer, ServeError> {
    let inputs = snapshot.inputs();
    let mut records = inputs.data.records();
    let applicant = match &q.applicant {
        Record::Id(id) => {
            snapshot.applicant(id)?;
            id.clone()
        }
        Record::Inline(value) => {
            let a: Applicant = inline(value, "applicant", |node, file, path| {
                read_applicant(node, file, path)
            })?;
            let id = a.id.clone();
            put(&mut records.applicants, a, |a| &a.id);
            id
        }
    };
    let unit = match &q.unit {
        Record::Id(id) => {
            snapshot.unit(id)?;
            id.clone()
        }
        Record::Inline(value) => {
            let u: Unit = inline(value, "unit", read_record)?;
            let id = u.id.clone();
            put(&mut records.units, u, |u| &u.id);
            id
        }
    };
    let data = Dataset::new(records);
    let pair = match (data.applicant_index(&applicant), data.unit_index(&unit)) {
        (Some(a), Some(u)) => (a, u),
        _ => return Err(ServeError::Setup("an inline record was lost".into())),
    };
    let sources = &inputs.rules.sources;
    let engine = Engine::new(snapshot.rule_set()?, sources, &data, on, q.seed)
        .map_err(|e| ServeError::eval(sources, &e))?;
    let run = Run {
        header: Header::new(snapshot.header(on, q.seed, q.trace))
            .map_err(|e| ServeError::Setup(format!("cannot write JSON: {e}")))?,
        decisions: vec![engine.record(pair.0, pair.1, q.trace)],
        rankings: Vec::new(),
    };
    engine
        .faults()
        .settled()
        .map_err(|e| ServeError::eval(sources, &e))?;
    Ok(Answer::Run(Box::new(run)))
}

fn validate_one(snapshot: &Snapshot, q: &Validate) -> Result<Answer, ServeError> {
    let proposal: Proposal = inline(&q.proposal, "proposal", read_record)?;
    snapshot.unit(&proposal.unit)?;
    snapshot.applicant(&proposal.applicant)?;
    let inputs = snapshot.inputs();
    let sources = &inputs.rules.sources;
    let verdicts = validate(
        snapshot.rule_set()?,
        sources,
        &inputs.data,
        std::slice::from_ref(&proposal),
        q.seed,
    )
    .map_err(|e| match e {
        ValidateError::Eval(e) => ServeError::eval(sources, &e),
        ValidateError::UnknownBasis(unknown) => ServeError::Invalid {
            what: "proposal",
            diagnostics: raw(&unknown
                .iter()
                .map(|u| serde_json::json!({ "message": u.to_string(), "hint": u.hint }))
                .collect()),
        },
    })?;
    Ok(Answer::Verdicts(verdicts))
}

/// Puts `record` in `list`, in place of the one with its id.
fn put<T>(list: &mut Vec<T>, record: T, id: impl Fn(&T) -> &str) {
    match list.iter().position(|r| id(r) == id(&record)) {
        Some(at) => {
            if let Some(slot) = list.get_mut(at) {
                *slot = record;
            }
        }
        None => list.push(record),
    }
}

/// Reads a record written out in a request by the data format's own
/// reader, so it meets the same checks as a folder's and its problems are
/// located the same way: in the record's JSON (as the source `request`)
/// and by its YAML path (`applicant.household.members[0].birth_date`).
fn inline<T: DeserializeOwned>(
    value: &Value,
    what: &'static str,
    read: impl Fn(&Node, FileId, &YamlPath) -> Result<T, Vec<LoadError>>,
) -> Result<T, ServeError> {
    let mut sources = SourceMap::new();
    let text = serde_json::to_string_pretty(value).unwrap_or_default();
    let file = sources.add("request", text.clone());
    let refuse = |problems: Vec<LoadError>, sources: &SourceMap| ServeError::Invalid {
        what,
        diagnostics: located(
            sources,
            &problems
                .iter()
                .map(ToDiagnostic::to_diagnostic)
                .collect::<Vec<_>>(),
        ),
    };
    let node = document(&text, file).map_err(|(error, _)| ServeError::BadJson {
        message: match error {
            ReadError::Syntax(reason) => reason,
            _ => format!("the {what} is not a plain record"),
        },
    })?;
    read(&node, file, &YamlPath(Vec::new()).key(what)).map_err(|p| refuse(p, &sources))
}

/// The one document of `text` as a tree (JSON is YAML, so the data
/// format's reader reads it).
fn document(text: &str, file: FileId) -> Result<Node, (ReadError, crate::source::Span)> {
    let mut reader = Reader::new(text, file);
    let mut first = reader.next()?;
    while matches!(first.0, Event::StreamStart | Event::DocumentStart) {
        first = reader.next()?;
    }
    reader.node(first, 0)
}
