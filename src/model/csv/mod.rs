//! Data folders of CSV files, as rental systems export them: reading them
//! into the same records and checks as YAML, writing records back as CSV,
//! and telling which kind a folder is (`docs/csv-format.md`).

mod assemble;
pub(crate) mod layout;
mod number;
mod sheet;
mod write;

use std::path::Path;

use crate::model::csv::assemble::{Assembled, assemble};
use crate::model::csv::layout::{Parent, TABLES};
use crate::model::dataset::Dataset;
use crate::model::de::from_node;
use crate::model::error::{LoadError, list};
use crate::model::load::{FILES, LoadErrors, finish, read_data_file, walk};
use crate::model::path::{Step, YamlPath};
use crate::model::read::{FileRecords, de_error};
use crate::model::validate::Loaded;
use crate::source::{FileId, SourceMap, Span};

#[cfg(test)]
pub use write::to_csv_files;
pub use write::write_csv_dataset;

/// Which files a data folder holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FolderKind {
    /// `applicants.yaml`, … (or nothing yet: the YAML loader reports what
    /// is missing).
    Yaml,
    /// `applicants.csv`, ….
    Csv,
}

fn present(dir: &Path, name: &str) -> bool {
    std::fs::symlink_metadata(dir.join(name)).is_ok()
}

/// The kind of the data folder `dir`, by the files in it; both kinds at
/// once is an error naming them, since either could be the stale one.
pub(crate) fn folder_kind(dir: &Path) -> Result<FolderKind, LoadError> {
    let yaml: Vec<&str> = FILES
        .iter()
        .map(|(name, _, _)| *name)
        .filter(|name| present(dir, name))
        .collect();
    let csv: Vec<&str> = TABLES
        .iter()
        .map(|t| t.file)
        .filter(|name| present(dir, name))
        .collect();
    match (yaml.is_empty(), csv.is_empty()) {
        (_, true) => Ok(FolderKind::Yaml),
        (true, false) => Ok(FolderKind::Csv),
        (false, false) => Err(LoadError::Unreadable {
            path: dir.display().to_string(),
            reason: format!(
                "it holds both YAML files ({}) and CSV files ({}); keep the files of one kind in a data folder",
                list(&yaml),
                list(&csv)
            ),
        }),
    }
}

/// Loads the CSV data folder `dir` as [`crate::model::load_dataset_for`]
/// loads a YAML one: the same records, the same checks, every problem at
/// its cell.
pub(crate) fn load(
    dir: &Path,
    proposals: Option<&Path>,
    kinds: Option<&[&str]>,
) -> Result<Dataset, LoadErrors> {
    let folder = crate::confine::root(dir);
    let mut sources = SourceMap::new();
    let mut errors = Vec::new();
    let mut files: Vec<Option<FileId>> = Vec::with_capacity(TABLES.len());
    for table in &TABLES {
        let required = match table.parent {
            Parent::Top(top) => FILES.get(top).is_some_and(|f| f.2),
            Parent::Child { .. } => false,
        };
        let named = proposals.filter(|_| table.file == "proposals.csv");
        files.push(read_data_file(
            &folder,
            dir,
            (table.file, required),
            named,
            &mut sources,
            &mut errors,
        ));
    }
    let mut sheets = Vec::with_capacity(TABLES.len());
    for (table, file) in TABLES.iter().zip(&files) {
        let sheet = file.and_then(|id| {
            let source = sources.get(id)?;
            sheet::read_sheet(&source.text, id, table.file)
                .map_err(|e| errors.push(e))
                .ok()
        });
        sheets.push(sheet);
    }
    let assembled = assemble(&sheets, &mut errors);
    let mut top_files = [None; 7];
    for (index, table) in TABLES.iter().enumerate() {
        if let (Parent::Top(top), Some(file)) = (table.parent, files.get(index).copied().flatten())
        {
            if let Some(slot) = top_files.get_mut(top) {
                *slot = Some(file);
            }
        }
    }
    let (a, e) = (&assembled, &mut errors);
    let loaded = Loaded {
        applicants: records(a, 0, top_files[0], e),
        units: records(a, 1, top_files[1], e),
        complexes: records(a, 2, top_files[2], e),
        buurten: records(a, 3, top_files[3], e),
        history: records(a, 4, top_files[4], e),
        reactions: crate::model::reaction_read::ReadReactions::of_records(records(
            a,
            5,
            top_files[5],
            e,
        )),
        proposals: records(a, 6, top_files[6], e),
        files: top_files,
        starts: Default::default(),
    };
    finish(loaded, kinds, errors, sources, |_, errors| {
        locate(&assembled, errors);
    })
}

/// The records of top-level file `top` deserialized from their trees.
fn records<T: serde::de::DeserializeOwned>(
    assembled: &Assembled,
    top: usize,
    file: Option<FileId>,
    errors: &mut Vec<LoadError>,
) -> FileRecords<T> {
    let (_, list, required) = FILES.get(top).copied().unwrap_or(("", "", false));
    let mut out = FileRecords {
        complete: assembled.complete.get(top).copied().unwrap_or(false),
        ..FileRecords::default()
    };
    let Some(file) = file else {
        // Missing or unreadable: references into it are unknowable.
        out.complete = !required;
        return out;
    };
    for (index, record) in assembled.records.get(top).into_iter().flatten().enumerate() {
        let node = &record.node;
        if let Some(id) = node
            .get("id")
            .or_else(|| node.get("code"))
            .and_then(|n| n.as_str())
        {
            out.known_ids.insert(id.to_owned());
        }
        if record.broken {
            continue;
        }
        match from_node::<T>(node) {
            Ok(r) => out.records.push((index, r)),
            Err(e) => errors.push(de_error(file, YamlPath::record(list, index), node, e)),
        }
    }
    out
}

/// Gives every problem its cell: those found by YAML path get the span of
/// the value there, and every place is renamed after the file, row and
/// column of its cell, in the file the cell is in.
fn locate(assembled: &Assembled, errors: &mut [LoadError]) {
    for e in errors.iter_mut() {
        // The first use of a duplicate, named by its cell too.
        if let LoadError::DuplicateId { first, .. }
        | LoadError::DuplicateReaction { first, .. }
        | LoadError::OverlappingResidence { other: first, .. } = e
        {
            if let Some((_, label)) = cell_of(assembled, first) {
                *first = label;
            }
        }
        let Some(place) = e.place_mut() else {
            continue;
        };
        if place.span.is_none() {
            place.span = value_span(assembled, &place.path);
        }
        if let Some(span) = place.span {
            place.file = span.file;
            if let Some(label) = assembled.labels.get(&(span.file, span.start)) {
                place.path = YamlPath(vec![Step::Key(label.clone())]);
            }
        }
    }
}

/// The span of the value at a YAML path (`applicants[3].household…`) in
/// the assembled records.
fn value_span(assembled: &Assembled, path: &YamlPath) -> Option<Span> {
    let [Step::Key(list), Step::Index(i), inside @ ..] = path.0.as_slice() else {
        return None;
    };
    let top = FILES.iter().position(|(_, l, _)| l == list)?;
    let record = assembled.records.get(top)?.get(*i)?;
    Some(walk(&record.node, inside))
}

/// The span at a YAML path and the name of its cell, as a path.
fn cell_of(assembled: &Assembled, path: &YamlPath) -> Option<(Span, YamlPath)> {
    let span = value_span(assembled, path)?;
    let label = assembled.labels.get(&(span.file, span.start))?;
    Some((span, YamlPath(vec![Step::Key(label.clone())])))
}
