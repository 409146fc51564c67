//! `load_dataset`: a folder of YAML files in, a validated [`Dataset`] or every
//! problem found out, each placed at its file, line and column.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::Path;

use yaml_rust2::parser::Event;

use crate::diagnostics::{Diagnostic, ToDiagnostic, render_json, render_text};
use crate::model::dataset::{Dataset, Records};
use crate::model::error::LoadError;
use crate::model::path::Step;
use crate::model::reaction_read::ReadReactions;
use crate::model::read::{FileRecords, read_records};
use crate::model::shards::{self, Starts};
use crate::model::validate::{Loaded, validate};
use crate::model::yaml::{Node, NodeKind, Reader};
use crate::source::{FileId, SourceMap, Span};

/// The files of a data folder: file name, list key, required.
pub const FILES: [(&str, &str, bool); 7] = [
    ("applicants.yaml", "applicants", true),
    ("units.yaml", "units", true),
    ("complexes.yaml", "complexes", true),
    ("buurten.yaml", "buurten", true),
    ("history.yaml", "history", false),
    ("reactions.yaml", "reactions", false),
    ("proposals.yaml", "proposals", false),
];

/// Every problem of a load, with the files they point into.
#[derive(Debug)]
pub struct LoadErrors {
    /// The problems, in file order and then in the order found.
    pub errors: Vec<LoadError>,
    /// The YAML files read, to render the problems with their lines.
    pub sources: SourceMap,
}

impl LoadErrors {
    /// The problems as diagnostics.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        self.errors
            .iter()
            .map(ToDiagnostic::to_diagnostic)
            .collect()
    }

    /// The problems as a terminal user reads them.
    pub fn render_text(&self) -> String {
        render_text(&self.sources, &self.diagnostics())
    }

    /// The problems as JSON.
    pub fn render_json(&self) -> String {
        render_json(&self.sources, &self.diagnostics())
    }
}

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render_text())
    }
}

impl std::error::Error for LoadErrors {}

/// Loads and validates the data folder `dir`.
///
/// Reads `applicants.yaml`, `units.yaml`, `complexes.yaml` and `buurten.yaml`
/// (required) and `history.yaml`, `reactions.yaml`, `proposals.yaml`
/// (optional); see `docs/data-format.md`. Every problem in every file is
/// reported together; a dataset is returned only when there is none.
pub fn load_dataset(dir: &Path) -> Result<Dataset, LoadErrors> {
    load_dataset_with(dir, None)
}

/// Loads the data folder `dir` as [`load_dataset`] does, with the proposals
/// read from `proposals` instead of the folder's own `proposals.yaml`
/// (`validate --proposals FILE`); that file must then exist.
pub fn load_dataset_with(dir: &Path, proposals: Option<&Path>) -> Result<Dataset, LoadErrors> {
    load_dataset_for(dir, proposals, None)
}

/// Loads the data folder `dir` for a rule set whose designation kinds are
/// `kinds` (the Wbmgp's and the rule set's own): a designation of any
/// other kind is an error at its place. Without `kinds` any word is taken.
pub fn load_dataset_for(
    dir: &Path,
    proposals: Option<&Path>,
    kinds: Option<&[&str]>,
) -> Result<Dataset, LoadErrors> {
    let mut sources = SourceMap::new();
    let mut errors = Vec::new();
    if !dir.is_dir() {
        errors.push(LoadError::Unreadable {
            path: dir.display().to_string(),
            reason: "not a folder".into(),
        });
        return Err(LoadErrors { errors, sources });
    }
    match crate::model::csv::folder_kind(dir) {
        Err(e) => {
            errors.push(e);
            return Err(LoadErrors { errors, sources });
        }
        Ok(crate::model::csv::FolderKind::Csv) => {
            return crate::model::csv::load(dir, proposals, kinds);
        }
        Ok(crate::model::csv::FolderKind::Yaml) => {}
    }
    let folder = crate::confine::root(dir);
    let mut texts: [Option<FileId>; 7] = [None; 7];
    let mut split: [Vec<FileId>; 7] = Default::default();
    for (kind, (slot, (name, _, required))) in texts.iter_mut().zip(FILES).enumerate() {
        let paths = shards::SPLIT
            .contains(&kind)
            .then(|| shards::paths(dir, name))
            .flatten();
        if let (Some(paths), Some(files)) = (paths, split.get_mut(kind)) {
            *files = add_split(
                &folder,
                dir,
                (name, required),
                paths,
                &mut sources,
                &mut errors,
            );
            *slot = files.first().copied();
            continue;
        }
        *slot = read_data_file(
            &folder,
            dir,
            (name, required),
            proposals.filter(|_| name == "proposals.yaml"),
            &mut sources,
            &mut errors,
        );
    }
    let mut loaded = Loaded {
        files: texts,
        ..Loaded::default()
    };
    let [split_applicants, _, _, _, _, split_reactions, _] = &split;
    // The two large files, applicants and reactions, are read on threads
    // of their own beside the rest. Each file's records and problems are
    // its own and its problems join the others in file order, so the
    // result is the one of reading the files one after the other.
    let mut found: [Vec<LoadError>; 7] = Default::default();
    std::thread::scope(|scope| {
        let sources = &sources;
        let applicants = scope.spawn(move || {
            if split_applicants.is_empty() {
                return (read_alone(sources, texts[0], FILES[0]), Starts::default());
            }
            let (records, starts, errors) =
                shards::read_all(sources, split_applicants, |text, file, errors| {
                    read_records(text, file, FILES[0].0, FILES[0].1, errors)
                });
            ((records, errors), starts)
        });
        let reactions = scope.spawn(move || {
            if split_reactions.is_empty() {
                let (read, errors) = ReadReactions::of_file(sources, texts[5]);
                return ((read, errors), Starts::default());
            }
            let (read, starts, errors) = ReadReactions::of_split(sources, split_reactions);
            ((read, errors), starts)
        });
        (loaded.units, found[1]) = read_alone(sources, texts[1], FILES[1]);
        (loaded.complexes, found[2]) = read_alone(sources, texts[2], FILES[2]);
        (loaded.buurten, found[3]) = read_alone(sources, texts[3], FILES[3]);
        (loaded.history, found[4]) = read_alone(sources, texts[4], FILES[4]);
        (loaded.proposals, found[6]) = read_alone(sources, texts[6], FILES[6]);
        ((loaded.applicants, found[0]), loaded.starts[0]) = joined(applicants);
        ((loaded.reactions, found[5]), loaded.starts[5]) = joined(reactions);
    });
    errors.extend(found.into_iter().flatten());
    let split: Vec<FileId> = split.into_iter().flatten().collect();
    finish(loaded, kinds, errors, sources, |sources, errors| {
        // Only a failed load reads the split files' texts again.
        if !split.is_empty() {
            *sources = shards::restore(sources, &split);
        }
        locate(sources, errors);
    })
}

/// Adds the files `paths` of the folder holding the list of `name` to
/// `sources`, each without its text (read later, one at a time): kept
/// inside the data folder, and all together within
/// [`crate::limits::MAX_DATA_FOLDER_LIST_BYTES`]. A folder beside the file
/// of the same list is refused, since either could be the stale one.
fn add_split(
    folder: &Path,
    dir: &Path,
    (name, required): (&'static str, bool),
    paths: std::io::Result<Vec<std::path::PathBuf>>,
    sources: &mut SourceMap,
    errors: &mut Vec<LoadError>,
) -> Vec<FileId> {
    let list_dir = dir.join(shards::folder_name(name));
    let refuse = |errors: &mut Vec<LoadError>, path: &Path, reason: String| {
        errors.push(LoadError::Unreadable {
            path: path.display().to_string(),
            reason,
        });
        Vec::new()
    };
    if std::fs::symlink_metadata(dir.join(name)).is_ok() {
        let reason = format!(
            "the folder `{}` beside it holds the same list; keep either the file or the folder",
            shards::folder_name(name)
        );
        return refuse(errors, &dir.join(name), reason);
    }
    let paths = match paths {
        Ok(paths) => paths,
        Err(e) => return refuse(errors, &list_dir, e.to_string()),
    };
    if paths.is_empty() && required {
        return refuse(errors, &list_dir, "it holds no `.yaml` file".into());
    }
    let mut total: u64 = 0;
    for path in &paths {
        if let Err(refusal) = crate::confine::inside(folder, path) {
            return refuse(errors, path, outside_reason(&refusal));
        }
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        total = total.saturating_add(size);
    }
    let limit = crate::limits::MAX_DATA_FOLDER_LIST_BYTES;
    if total > limit {
        let reason = format!(
            "its files hold {} MiB together, more than {} MiB, the limit for a list split over a folder",
            total / (1024 * 1024),
            limit / (1024 * 1024)
        );
        return refuse(errors, &list_dir, reason);
    }
    paths
        .into_iter()
        .map(|path| sources.add(path, String::new()))
        .collect()
}

/// Validates what was read and, when nothing is wrong, makes the dataset;
/// `locate` gives the problems found by path their spans, the way of the
/// folder's kind (YAML or CSV).
pub(crate) fn finish(
    mut loaded: Loaded,
    kinds: Option<&[&str]>,
    mut errors: Vec<LoadError>,
    mut sources: SourceMap,
    locate: impl FnOnce(&mut SourceMap, &mut [LoadError]),
) -> Result<Dataset, LoadErrors> {
    loaded.reactions.resolve(&loaded.applicants, &loaded.units);
    validate(&loaded, kinds, &mut errors);
    if !errors.is_empty() {
        locate(&mut sources, &mut errors);
        // Read in file order, top to bottom, whatever pass found them.
        errors.sort_by_key(|e| e.place().map(|p| (p.file, p.span.map_or(0, |s| s.start))));
        return Err(LoadErrors { errors, sources });
    }
    let records = Records {
        applicants: take(loaded.applicants),
        units: take(loaded.units),
        complexes: take(loaded.complexes),
        buurten: take(loaded.buurten),
        history: take(loaded.history),
        reactions: Vec::new(),
        proposals: take(loaded.proposals),
    };
    Ok(if loaded.reactions.is_resolved() {
        let held = loaded.reactions.take_resolved().unwrap_or_default();
        Dataset::with_held(records, held)
    } else {
        // Not reached: reactions that do not resolve are a problem above.
        // Should one be missed, the ids are looked up as given.
        let reactions = take(loaded.reactions.to_records());
        Dataset::new(Records {
            reactions,
            ..records
        })
    })
}

/// Reads the data file `name` of `dir` (or `named`, a file given on the
/// command line in its place) into `sources`: kept inside the folder,
/// bounded in size, UTF-8 without its byte order mark. `None` when it is
/// absent (an error if `required`) or cannot be read.
pub(crate) fn read_data_file(
    folder: &Path,
    dir: &Path,
    (name, required): (&'static str, bool),
    named: Option<&Path>,
    sources: &mut SourceMap,
    errors: &mut Vec<LoadError>,
) -> Option<FileId> {
    let path = named.map_or_else(|| dir.join(name), Path::to_path_buf);
    // A link counts as present, even when broken: it is refused below
    // with its reason rather than reported as a missing file.
    if std::fs::symlink_metadata(&path).is_err() {
        if named.is_some() {
            errors.push(LoadError::Unreadable {
                path: path.display().to_string(),
                reason: "no such file".into(),
            });
        } else if required {
            errors.push(LoadError::MissingFile {
                dir: dir.display().to_string(),
                name,
            });
        }
        return None;
    }
    // The folder's own files stay inside it, whatever links say; a file
    // named on the command line (`--proposals`) is the user's choice.
    if named.is_none() {
        if let Err(refusal) = crate::confine::inside(folder, &path) {
            errors.push(LoadError::Unreadable {
                path: path.display().to_string(),
                reason: outside_reason(&refusal),
            });
            return None;
        }
    }
    match crate::limits::read_text(&path, crate::limits::MAX_DATA_FILE_BYTES, "a data file") {
        // Spreadsheet tools on Windows start UTF-8 files with a byte
        // order mark; it is no part of the data.
        Ok(text) => {
            let text = match text.strip_prefix('\u{feff}') {
                Some(rest) => rest.to_owned(),
                None => text,
            };
            Some(sources.add(&path, text))
        }
        Err(e) => {
            errors.push(LoadError::Unreadable {
                path: path.display().to_string(),
                reason: if e.kind() == std::io::ErrorKind::InvalidData {
                    "it is not UTF-8 text".into()
                } else {
                    e.to_string()
                },
            });
            None
        }
    }
}

/// Why a data folder's file was not read, in the data folder's words.
fn outside_reason(refusal: &crate::confine::Refusal) -> String {
    use crate::confine::Refusal;
    match refusal {
        Refusal::Outside => "it lies outside the data folder".into(),
        Refusal::LinkOutside => {
            "it is a symbolic link to a file outside the data folder; copy the file into the folder instead".into()
        }
        other => other.to_string(),
    }
}

fn take<T>(records: FileRecords<T>) -> Vec<T> {
    records.records.into_iter().map(|(_, r)| r).collect()
}

/// [`read_file`] with the file's problems apart, for a thread of its own.
fn read_alone<T: serde::de::DeserializeOwned + Send>(
    sources: &SourceMap,
    file: Option<FileId>,
    spec: (&'static str, &'static str, bool),
) -> (FileRecords<T>, Vec<LoadError>) {
    let mut errors = Vec::new();
    let records = read_file(sources, file, spec, &mut errors);
    (records, errors)
}

/// What a reading thread returned; a panic in it goes on in the caller.
fn joined<T>(handle: std::thread::ScopedJoinHandle<'_, T>) -> T {
    handle
        .join()
        .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
}

fn read_file<T: serde::de::DeserializeOwned + Send>(
    sources: &SourceMap,
    file: Option<FileId>,
    (name, list, required): (&'static str, &'static str, bool),
    errors: &mut Vec<LoadError>,
) -> FileRecords<T> {
    match file.and_then(|f| sources.get(f).map(|s| (f, s))) {
        Some((id, source)) => read_records(&source.text, id, name, list, errors),
        // A required file that is missing or unreadable: references into it
        // are unknowable, not dangling.
        None => FileRecords {
            complete: !required,
            ..FileRecords::default()
        },
    }
}

/// Gives every problem found by path alone the span of its value, reading
/// the files concerned a second time: only a failed load pays for this.
fn locate(sources: &SourceMap, errors: &mut [LoadError]) {
    let mut wanted: BTreeMap<(FileId, String), BTreeSet<usize>> = BTreeMap::new();
    for e in errors.iter() {
        if let Some(place) = e.place().filter(|p| p.span.is_none()) {
            if let [Step::Key(list), Step::Index(i), ..] = place.path.0.as_slice() {
                wanted
                    .entry((place.file, list.clone()))
                    .or_default()
                    .insert(*i);
            }
        }
    }
    for ((file, list), indices) in wanted {
        let Some(source) = sources.get(file) else {
            continue;
        };
        let records = records_at(&source.text, file, &list, &indices);
        for e in errors.iter_mut() {
            let Some(place) = e.place_mut().filter(|p| p.file == file && p.span.is_none()) else {
                continue;
            };
            let after_list = place.path.0.get(1..).and_then(<[_]>::split_first);
            if let Some((Step::Index(i), inside)) = after_list {
                if let Some(node) = records.get(i) {
                    place.span = Some(walk(node, inside));
                }
            }
        }
    }
}

/// The nodes of the records at `indices` of the file's list `list`.
pub(crate) fn records_at(
    text: &str,
    file: FileId,
    list: &str,
    indices: &BTreeSet<usize>,
) -> BTreeMap<usize, Node> {
    let mut found = BTreeMap::new();
    let mut reader = Reader::new(text, file);
    // Up to the top-level mapping, then key by key to `list`.
    loop {
        match reader.next() {
            Ok((Event::MappingStart(..), _)) => break,
            Ok((Event::StreamEnd, _)) | Err(_) => return found,
            Ok(_) => {}
        }
    }
    loop {
        let Ok(event) = reader.next() else {
            return found;
        };
        if event.0 == Event::MappingEnd {
            return found;
        }
        let Ok(key) = reader.node(event, 1) else {
            return found;
        };
        if key.as_str() == Some(list) {
            break;
        }
        let skipped = reader.next().and_then(|value| reader.node(value, 1));
        if skipped.is_err() {
            return found;
        }
    }
    if !matches!(reader.next(), Ok((Event::SequenceStart(..), _))) {
        return found;
    }
    let mut index = 0;
    while let Ok(event) = reader.next() {
        if event.0 == Event::SequenceEnd {
            break;
        }
        let Ok(node) = reader.node(event, 2) else {
            break;
        };
        if indices.contains(&index) {
            found.insert(index, node);
        }
        // A count of records, each at least a byte of the file.
        index = index.saturating_add(1);
    }
    found
}

/// The span of the value at `steps` below `node`, or of the deepest node on
/// the way that exists (a missing key points at its mapping).
pub(crate) fn walk(node: &Node, steps: &[Step]) -> Span {
    let mut current = node;
    for step in steps {
        let next = match (step, &current.kind) {
            (Step::Key(k), NodeKind::Map(_)) => current.get(k),
            (Step::Index(i), NodeKind::Seq(items)) => items.get(*i),
            _ => None,
        };
        match next {
            Some(n) => current = n,
            None => break,
        }
    }
    current.span
}
