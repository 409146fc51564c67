//! Lists split over a folder of files: `reactions/*.yaml` in place of
//! `reactions.yaml`, so a data folder can hold more records than one file
//! may ([`crate::limits::MAX_DATA_FILE_BYTES`]): a national year's 60
//! million reactions are about 3.5 GB of YAML.
//!
//! A split file's text is read, turned into records and dropped, one file
//! at a time, so the texts never sit in memory together; only a failed load
//! reads them again, to show the problems in their lines ([`restore`]).

use std::path::{Path, PathBuf};

use crate::model::error::LoadError;
use crate::model::path::{Step, YamlPath};
use crate::model::read::FileRecords;
use crate::source::{FileId, SourceMap};

/// The [`crate::model::FILES`] entries whose list may be split over a
/// folder: applicants and reactions, the lists that grow with a region.
pub const SPLIT: [usize; 2] = [0, 5];

/// The folder that may hold the files of the list kept in `name`:
/// `reactions.yaml` → `reactions`.
pub fn folder_name(name: &str) -> &str {
    name.strip_suffix(".yaml").unwrap_or(name)
}

/// The data files in the folder `dir/<list folder of name>`, in file-name
/// order (byte order of the names, the same on every system), or `None`
/// when there is no such folder.
pub fn paths(dir: &Path, name: &str) -> Option<std::io::Result<Vec<PathBuf>>> {
    let folder = dir.join(folder_name(name));
    if !folder.is_dir() {
        return None;
    }
    let listed = std::fs::read_dir(&folder).and_then(|entries| {
        let mut found = Vec::new();
        for entry in entries {
            let path = entry?.path();
            if path.extension().is_some_and(|e| e == "yaml") {
                found.push(path);
            }
        }
        Ok(found)
    });
    Some(listed.map(|mut found| {
        found.sort();
        found
    }))
}

/// Every file of every list of `dir` split over a folder, in the order
/// they are read: what a run header hashes beside the folder's own files.
pub fn split_files(dir: &Path) -> Vec<PathBuf> {
    SPLIT
        .iter()
        .filter_map(|&kind| crate::model::FILES.get(kind))
        .filter_map(|(name, _, _)| paths(dir, name)?.ok())
        .flatten()
        .collect()
}

/// Where each split file's records start among the list's records, with
/// the file: a record's place in the list is turned back into its file and
/// its place in that file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Starts(Vec<(usize, FileId)>);

impl Starts {
    /// Notes that the records of `file` start at `start` of the list.
    pub fn push(&mut self, start: usize, file: FileId) {
        self.0.push((start, file));
    }

    /// Where the last file noted starts (0 before any).
    pub fn last_start(&self) -> usize {
        self.0.last().map_or(0, |(s, _)| *s)
    }

    /// The file and path within it of the record path `path`, which
    /// counts records over the whole list; `file` and `path` unchanged
    /// when the list is one file.
    pub fn place(&self, file: FileId, path: YamlPath) -> (FileId, YamlPath) {
        let Some(Step::Index(global)) = path.0.get(1).cloned() else {
            return (file, path);
        };
        // The last file starting at or before the record: an empty file
        // starts where the next one does.
        let after = self.0.partition_point(|(start, _)| *start <= global);
        let Some(&(start, shard)) = after.checked_sub(1).and_then(|i| self.0.get(i)) else {
            return (file, path);
        };
        let mut steps = path.0;
        if let Some(step) = steps.get_mut(1) {
            *step = Step::Index(global.saturating_sub(start));
        }
        (shard, YamlPath(steps))
    }
}

/// Appends the records of one split file (`part`, counted within its
/// file) to those of the list (`all`), counted over the whole list.
pub fn append<T>(
    all: &mut FileRecords<T>,
    starts: &mut Starts,
    file: FileId,
    part: FileRecords<T>,
) {
    // Past the last record read so far, and never before the file before.
    let after_last = all.records.last().map_or(0, |(i, _)| i.saturating_add(1));
    let start = after_last.max(starts.0.last().map_or(0, |(s, _)| *s));
    starts.0.push((start, file));
    all.records.extend(
        part.records
            .into_iter()
            .map(|(i, r)| (start.saturating_add(i), r)),
    );
    all.known_ids.extend(part.known_ids);
    all.complete &= part.complete;
}

/// Reads the split files `files` (their texts left out of the source map)
/// one after the other with `read`, into one list of records. A file that
/// cannot be read is an error, and the list is then incomplete.
pub fn read_all<T>(
    sources: &SourceMap,
    files: &[FileId],
    mut read: impl FnMut(&str, FileId, &mut Vec<LoadError>) -> FileRecords<T>,
) -> (FileRecords<T>, Starts, Vec<LoadError>) {
    let mut all = FileRecords::default();
    let mut starts = Starts::default();
    let mut errors = Vec::new();
    let every_file = each_text(sources, files, &mut errors, |text, file, errors| {
        let part = read(text, file, errors);
        append(&mut all, &mut starts, file, part);
    });
    all.complete &= every_file;
    (all, starts, errors)
}

/// Hands the text of each split file of `files` to `read`, in order; a
/// file that cannot be read is an error in its place. Whether every file
/// was read.
pub fn each_text(
    sources: &SourceMap,
    files: &[FileId],
    errors: &mut Vec<LoadError>,
    mut read: impl FnMut(&str, FileId, &mut Vec<LoadError>),
) -> bool {
    let mut every_file = true;
    for &file in files {
        let Some(source) = sources.get(file) else {
            continue;
        };
        match text_of(&source.path) {
            Ok(text) => read(&text, file, errors),
            Err(e) => {
                every_file = false;
                errors.push(unreadable(&source.path, &e));
            }
        }
    }
    every_file
}

/// The text of a split file, held to the limit of one data file, without
/// its byte order mark.
pub fn text_of(path: &Path) -> std::io::Result<String> {
    let text = crate::limits::read_text(path, crate::limits::MAX_DATA_FILE_BYTES, "a data file")?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_owned(),
        None => text,
    })
}

/// A split file that could not be read, in the words of the other files'.
pub fn unreadable(path: &Path, e: &std::io::Error) -> LoadError {
    LoadError::Unreadable {
        path: path.display().to_string(),
        reason: if e.kind() == std::io::ErrorKind::InvalidData {
            "it is not UTF-8 text".into()
        } else {
            e.to_string()
        },
    }
}

/// `sources` with the texts of the split files `split` read again, so the
/// problems of a failed load show their lines.
pub fn restore(sources: &SourceMap, split: &[FileId]) -> SourceMap {
    let mut restored = SourceMap::new();
    for (id, source) in sources.iter() {
        let text = if split.contains(&id) {
            text_of(&source.path).unwrap_or_default()
        } else {
            source.text.clone()
        };
        restored.add(source.path.clone(), text);
    }
    restored
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(indices: &[usize]) -> FileRecords<u8> {
        FileRecords {
            records: indices.iter().map(|&i| (i, 0)).collect(),
            ..FileRecords::default()
        }
    }

    #[test]
    fn a_record_is_placed_back_in_its_file() {
        let mut all = FileRecords::default();
        let mut starts = Starts::default();
        append(&mut all, &mut starts, FileId(3), records(&[0, 1, 2]));
        append(&mut all, &mut starts, FileId(4), records(&[]));
        append(&mut all, &mut starts, FileId(5), records(&[0, 2]));
        let globals: Vec<usize> = all.records.iter().map(|(i, _)| *i).collect();
        assert_eq!(globals, [0, 1, 2, 3, 5]);
        let at = |g| starts.place(FileId(0), YamlPath::record("reactions", g).key("unit"));
        assert_eq!(
            at(1),
            (FileId(3), YamlPath::record("reactions", 1).key("unit"))
        );
        assert_eq!(
            at(5),
            (FileId(5), YamlPath::record("reactions", 2).key("unit"))
        );
        let one = Starts::default();
        let path = YamlPath::record("reactions", 7);
        assert_eq!(one.place(FileId(1), path.clone()), (FileId(1), path));
    }
}
