//! Reading one data file: the top-level `list: [...]` shape, one record at a
//! time, every record's problem kept and the read going on to the next.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;
use yaml_rust2::parser::Event;

use crate::model::de::{DeError, DeErrorKind, from_node};
use crate::model::error::{LoadError, Place, Refusal};
use crate::model::path::{Step, YamlPath};
use crate::model::quick;
use crate::model::yaml::{Node, NodeKind, ReadError, Reader};
use crate::source::{FileId, Span};
use crate::vocab;

/// The records read from one file, with what is known about the rest.
#[derive(Debug)]
pub struct FileRecords<T> {
    /// The records that read cleanly, with their index in the file.
    pub records: Vec<(usize, T)>,
    /// The ids (`id` or `code`) of every record, readable or not, so that a
    /// broken record does not also make every reference to it dangle.
    pub known_ids: BTreeSet<String>,
    /// Whether the whole file was read (no syntax error stopped it): only
    /// then can a reference into it be called dangling.
    pub complete: bool,
}

impl<T> Default for FileRecords<T> {
    fn default() -> Self {
        FileRecords {
            records: Vec::new(),
            known_ids: BTreeSet::new(),
            complete: true,
        }
    }
}

/// Reads `text` (the file `name` with list key `list`) into records.
pub fn read_records<T: DeserializeOwned + Send>(
    text: &str,
    file: FileId,
    name: &'static str,
    list: &'static str,
    errors: &mut Vec<LoadError>,
) -> FileRecords<T> {
    if let Some(quick) = read_quickly(text, file, list) {
        return quick;
    }
    let mut out = FileRecords::default();
    if let Err(e) = read_into(text, file, name, list, &mut out, errors) {
        out.complete = false;
        errors.push(e);
    }
    out
}

/// The records of a file in plain block YAML that reads without a single
/// problem, read by [`crate::model::quick`]; `None` sends the file to the
/// full reader, which finds and words every problem as it always has.
fn read_quickly<T: DeserializeOwned + Send>(
    text: &str,
    file: FileId,
    list: &'static str,
) -> Option<FileRecords<T>> {
    if text.len() >= TWO_PARTS_FROM {
        if let Some(split) = quick::middle_item(text, list) {
            return read_in_two(text, file, list, split);
        }
    }
    read_part(|each| quick::read_list(text, file, list, each))
}

/// The size from which a file is read quickly in two parts, one on a
/// thread of its own: the applicants of a region (28 MB for a Parkstad
/// year, 56 MB for 100 000) were the load's longest thread, twice as long
/// as all the other files together.
const TWO_PARTS_FROM: usize = 4 << 20;

/// [`read_quickly`] of the text before `split` beside the text from it
/// ([`quick::middle_item`]): the records, their indices and ids are those
/// of reading it whole, and either part declining declines the file.
fn read_in_two<T: DeserializeOwned + Send>(
    text: &str,
    file: FileId,
    list: &'static str,
    split: usize,
) -> Option<FileRecords<T>> {
    let head = text.get(..split)?;
    let (first, second) = std::thread::scope(|scope| {
        let second =
            scope.spawn(|| read_part(|each| quick::read_list_from(text, file, split, each)));
        let first = read_part(|each| quick::read_list(head, file, list, each));
        let second = second
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (first, second)
    });
    let (mut out, mut second) = (first?, second?);
    let offset = out.records.len();
    out.records.reserve(second.records.len());
    for (index, record) in second.records {
        out.records.push((index.checked_add(offset)?, record));
    }
    out.known_ids.append(&mut second.known_ids);
    Some(out)
}

/// The records a quick `read` hands over, deserialized as they come;
/// `None` when it declines or a record does not deserialize.
fn read_part<T: DeserializeOwned>(
    read: impl FnOnce(&mut dyn FnMut(usize, Node) -> bool) -> Option<()>,
) -> Option<FileRecords<T>> {
    let mut out = FileRecords::default();
    read(&mut |index, node| {
        if let Some(id) = record_id(&node) {
            out.known_ids.insert(id.to_owned());
        }
        match from_node::<T>(&node) {
            Ok(record) => {
                out.records.push((index, record));
                true
            }
            Err(_) => false,
        }
    })?;
    Some(out)
}

/// The id (`id` or `code`) a record is known by, readable or not.
fn record_id(node: &Node) -> Option<&str> {
    node.get("id")
        .or_else(|| node.get("code"))
        .and_then(Node::as_str)
}

fn top(file: FileId, span: Span) -> Place {
    Place {
        file,
        span: Some(span),
        path: YamlPath::default(),
    }
}

fn read_error(file: FileId, (error, span): (ReadError, Span)) -> LoadError {
    let at = top(file, span);
    match error {
        // The scanner's own guard against deep flow nesting.
        ReadError::Syntax(reason) if reason == "recursion limit exceeded" => LoadError::Refused {
            at,
            what: Refusal::TooDeep,
        },
        ReadError::Syntax(reason) => LoadError::Syntax { at, reason },
        ReadError::TooDeep => LoadError::Refused {
            at,
            what: Refusal::TooDeep,
        },
        ReadError::Alias => LoadError::Refused {
            at,
            what: Refusal::Alias,
        },
        ReadError::Tag => LoadError::Refused {
            at,
            what: Refusal::Tag,
        },
    }
}

fn read_into<T: DeserializeOwned>(
    text: &str,
    file: FileId,
    name: &'static str,
    list: &'static str,
    out: &mut FileRecords<T>,
    errors: &mut Vec<LoadError>,
) -> Result<(), LoadError> {
    let mut reader = Reader::new(text, file);
    let fail = |e| read_error(file, e);
    let empty = |span| LoadError::Empty {
        at: top(file, span),
        name,
        list,
    };
    let shape = |span, found: &str| LoadError::WrongType {
        at: top(file, span),
        expected: format!("a mapping with the key `{list}`"),
        found: found.to_owned(),
    };
    // StreamStart, then a document or the end.
    let mut event = reader.next().map_err(fail)?;
    if event.0 == Event::StreamStart {
        event = reader.next().map_err(fail)?;
    }
    if event.0 == Event::StreamEnd {
        return Err(empty(event.1));
    }
    if event.0 == Event::DocumentStart {
        event = reader.next().map_err(fail)?;
    }
    match &event.0 {
        Event::MappingStart(..) => {}
        Event::Scalar(value, ..) if crate::model::yaml::is_null(value) => {
            return Err(empty(event.1));
        }
        Event::Scalar(..) => return Err(shape(event.1, "a single value")),
        Event::SequenceStart(..) => return Err(shape(event.1, "a list")),
        _ => {
            let node = reader.node(event, 0).map_err(fail)?;
            return Err(shape(node.span, "something else"));
        }
    }
    crate::model::yaml::refuse_collection_anchor(&event.0, event.1).map_err(fail)?;
    let map_span = event.1;
    let mut seen_list = false;
    // Top-level problems are only worth reporting once the file has proved
    // to be YAML: prose with a colon would otherwise read as a strange key.
    let mut top_errors = Vec::new();
    loop {
        let key_event = reader.next().map_err(fail)?;
        if key_event.0 == Event::MappingEnd {
            break;
        }
        let key = reader.node(key_event, 1).map_err(fail)?;
        if key.as_str() == Some(list) && !seen_list {
            seen_list = true;
            read_list(&mut reader, file, list, out, errors)?;
        } else {
            let value_event = reader.next().map_err(fail)?;
            reader.node(value_event, 1).map_err(fail)?;
            let field = key.as_str().unwrap_or("?").to_owned();
            let at = Place {
                file,
                span: Some(key.span),
                path: YamlPath(vec![Step::Key(field.clone())]),
            };
            top_errors.push(if seen_list && key.as_str() == Some(list) {
                LoadError::DuplicateField { at, field }
            } else {
                LoadError::UnknownField {
                    at,
                    field,
                    allowed: vec![list],
                }
            });
        }
    }
    if !seen_list {
        top_errors.push(LoadError::MissingField {
            at: top(file, map_span),
            field: list.to_owned(),
        });
    }
    // The document must be the only one.
    loop {
        let (event, span) = reader.next().map_err(fail)?;
        match event {
            Event::DocumentEnd => {}
            Event::StreamEnd => {
                errors.append(&mut top_errors);
                return Ok(());
            }
            _ => {
                return Err(LoadError::Refused {
                    at: top(file, span),
                    what: Refusal::SecondDocument,
                });
            }
        }
    }
}

fn read_list<T: DeserializeOwned>(
    reader: &mut Reader<'_>,
    file: FileId,
    list: &'static str,
    out: &mut FileRecords<T>,
    errors: &mut Vec<LoadError>,
) -> Result<(), LoadError> {
    let fail = |e| read_error(file, e);
    let start = reader.next().map_err(fail)?;
    match &start.0 {
        Event::SequenceStart(..) => {}
        Event::Scalar(value, ..) if crate::model::yaml::is_null(value) => return Ok(()),
        _ => {
            let node = reader.node(start, 1).map_err(fail)?;
            errors.push(LoadError::WrongType {
                at: Place {
                    file,
                    span: Some(node.span),
                    path: YamlPath(vec![Step::Key(list.to_owned())]),
                },
                expected: "a list of records".into(),
                found: found_kind(&node),
            });
            return Ok(());
        }
    }
    let (_, seq_span) = start;
    crate::model::yaml::refuse_collection_anchor(&start.0, seq_span).map_err(fail)?;
    let mut index = 0;
    loop {
        let event = reader.next().map_err(fail)?;
        if event.0 == Event::SequenceEnd {
            return Ok(());
        }
        let node = reader.node(event, 2).map_err(fail)?;
        if let Some(id) = record_id(&node) {
            out.known_ids.insert(id.to_owned());
        }
        match from_node::<T>(&node) {
            Ok(record) => out.records.push((index, record)),
            Err(e) => errors.push(de_error(file, YamlPath::record(list, index), &node, e)),
        }
        // A count of records, each at least a byte of the file.
        index = index.saturating_add(1);
    }
}

fn found_kind(node: &Node) -> String {
    match &node.kind {
        NodeKind::Scalar { value, .. } => format!("`{value}`"),
        NodeKind::Seq(_) => "a list".into(),
        NodeKind::Map(_) => "a mapping".into(),
    }
}

/// The scalar text at `span` in the record, for messages that quote it.
fn text_at(node: &Node, span: Span) -> Option<String> {
    match &node.kind {
        NodeKind::Scalar { value, .. } if node.span.same_place(&span) => Some(value.clone()),
        NodeKind::Scalar { .. } => None,
        NodeKind::Seq(items) => items.iter().find_map(|n| text_at(n, span)),
        NodeKind::Map(entries) => entries
            .iter()
            .find_map(|(k, v)| text_at(k, span).or_else(|| text_at(v, span))),
    }
}

/// Turns a deserializer error into the clerk's words: no Rust type names,
/// the offending text quoted, closed vocabularies named.
pub(crate) fn de_error(file: FileId, record: YamlPath, node: &Node, e: DeError) -> LoadError {
    let mut path = record;
    path.0.extend(e.steps());
    let found_text = e.span.and_then(|s| text_at(node, s));
    let at = Place {
        file,
        span: e.span,
        path,
    };
    match e.kind {
        DeErrorKind::InvalidType { found, expected } => LoadError::WrongType {
            at,
            expected: plain_expected(&expected),
            found,
        },
        DeErrorKind::InvalidValue { found, expected } => LoadError::InvalidValue {
            at,
            expected: plain_expected(&expected),
            found,
        },
        DeErrorKind::UnknownField { field, expected } => LoadError::UnknownField {
            at,
            field,
            allowed: expected.to_vec(),
        },
        DeErrorKind::UnknownVariant { variant, expected } => LoadError::UnknownWord {
            at,
            vocabulary: vocabulary_of(expected).replace('_', " "),
            word: variant,
            allowed: expected.to_vec(),
        },
        DeErrorKind::MissingField(field) => LoadError::MissingField {
            at,
            field: field.to_owned(),
        },
        DeErrorKind::DuplicateField(field) => LoadError::DuplicateField {
            at,
            field: field.to_owned(),
        },
        DeErrorKind::Date(e) => LoadError::InvalidValue {
            at,
            // The suggestion goes in the hint.
            expected: format!(
                "a date `YYYY-MM-DD`{}",
                crate::model::dates::DateError {
                    suggestion: None,
                    ..e
                }
                .aside()
            ),
            found: found_text.map_or_else(|| "this value".into(), |t| format!("`{t}`")),
        },
        DeErrorKind::Custom(message) => match date_problem(&message) {
            Some(why) => LoadError::InvalidValue {
                at,
                expected: format!("a date `YYYY-MM-DD` ({why})"),
                found: found_text.map_or_else(|| "this value".into(), |t| format!("`{t}`")),
            },
            None => LoadError::InvalidValue {
                at,
                expected: "a valid value".into(),
                found: message,
            },
        },
    }
}

/// chrono's reasons for refusing a date, in plainer words.
fn date_problem(message: &str) -> Option<&'static str> {
    match message {
        "input is out of range" => Some("no such day in the calendar"),
        "input contains invalid characters" | "premature end of input" | "trailing input" => {
            Some("not in that form")
        }
        "no possible date and time matching input"
        | "input is not enough for unique date and time" => Some("not a whole date"),
        _ => None,
    }
}

/// What serde says a type expects, in a clerk's words.
fn plain_expected(expected: &str) -> String {
    match expected {
        "a string" => "text".into(),
        "a boolean" => "`true` or `false`".into(),
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more".into(),
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number".into(),
        "a formatted date string" => "a date `YYYY-MM-DD`".into(),
        "a sequence" => "a list".into(),
        e if e.starts_with("a Decimal") => "a number".into(),
        e if e.starts_with("struct ") => "a mapping".into(),
        e if e.starts_with("enum ") => "a word, or a mapping with one key".into(),
        e => e.into(),
    }
}

/// Which closed vocabulary a list of allowed words belongs to.
fn vocabulary_of(expected: &[&str]) -> &'static str {
    fn same(words: impl Iterator<Item = &'static str>, expected: &[&str]) -> bool {
        words.eq(expected.iter().copied())
    }
    macro_rules! find {
        ($($t:ty),*) => {
            $(if same(<$t>::ALL.iter().map(|v| v.as_str()), expected) {
                return <$t>::WORD;
            })*
        };
    }
    find!(
        vocab::IncomeSource,
        vocab::Segment,
        vocab::UnitType,
        vocab::OwnerKind,
        vocab::Role,
        vocab::UrgencyCategory,
        vocab::Sector,
        vocab::EducationLevel,
        vocab::Route,
        vocab::OverrideKind,
        vocab::BlockKind
    );
    if expected == ["priority", "rule", "tailored"] {
        return "basis";
    }
    "value"
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Applicant;

    fn applicants_text() -> String {
        let date = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let options = crate::model::GenerateOptions::new(400, 20, 1, date);
        let records = crate::model::generate(&options);
        let files = crate::model::to_files(&records).unwrap();
        files
            .into_iter()
            .find(|(name, _)| *name == "applicants.yaml")
            .map(|(_, text)| text)
            .unwrap()
    }

    #[test]
    fn a_file_read_in_two_parts_gives_what_it_gives_whole() {
        let text = applicants_text();
        let split = quick::middle_item(&text, "applicants").unwrap();
        let whole: FileRecords<Applicant> =
            read_part(|each| quick::read_list(&text, FileId(0), "applicants", each)).unwrap();
        let parts: FileRecords<Applicant> =
            read_in_two(&text, FileId(0), "applicants", split).unwrap();
        assert_eq!(whole.records.len(), 400);
        assert_eq!(parts.records, whole.records);
        assert_eq!(parts.known_ids, whole.known_ids);
        assert!(parts.complete);
    }

    #[test]
    fn a_record_the_quick_reader_refuses_in_either_part_declines_the_file() {
        let text = applicants_text();
        let split = quick::middle_item(&text, "applicants").unwrap();
        for at in [text.len() / 4, split + (text.len() - split) / 2] {
            // The next record's id starts with a flow bracket, which the
            // quick reader leaves to the full reader, whichever part it is in.
            let id = at + text[at..].find("\n- id: ").unwrap() + "\n- id: ".len();
            let broken = format!("{}[]{}", &text[..id], &text[id..]);
            let split = quick::middle_item(&broken, "applicants").unwrap();
            let read: Option<FileRecords<Applicant>> =
                read_in_two(&broken, FileId(0), "applicants", split);
            assert!(read.is_none(), "broken at {at}");
        }
    }
}
