//! Writing a generated data folder as it is drawn ([`FolderSink`]): each
//! applicant and reaction goes to its file at once, so `generate` needs no
//! more memory for a national year than for a town, and a list too long
//! for one file is split over a folder (`reactions/reactions-00001.yaml`, …)
//! as `load_dataset` reads it (`crate::model::shards`).

use std::fs::File;
use std::io::{self, BufWriter, Write as _};
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::model::applicant::Applicant;
use crate::model::dataset::Records;
use crate::model::generate::Sink;
use crate::model::reaction::Reaction;

/// One list written record by record: into the file `name` of the folder,
/// or, with a size to split at, into files of the list's folder, each
/// begun anew once it holds that many bytes.
struct ListWriter {
    dir: PathBuf,
    name: &'static str,
    list: &'static str,
    split_at: Option<u64>,
    /// Bytes written to the current file.
    in_file: u64,
    /// Files begun.
    files: usize,
    out: Option<BufWriter<File>>,
}

impl ListWriter {
    /// A writer of the list `list` of `dir`, with stale files of either
    /// layout removed, so the folder holds only what is written now.
    fn new(
        dir: &Path,
        (name, list): (&'static str, &'static str),
        split_at: Option<u64>,
    ) -> io::Result<Self> {
        let single = dir.join(name);
        if single.exists() {
            std::fs::remove_file(&single)?;
        }
        if let Some(Ok(stale)) = crate::model::shards::paths(dir, name) {
            for path in stale {
                std::fs::remove_file(path)?;
            }
            // Left empty, the folder would still stand beside the file;
            // a folder holding anything else is the user's and stays.
            let _ = std::fs::remove_dir(dir.join(crate::model::shards::folder_name(name)));
        }
        Ok(ListWriter {
            dir: dir.to_path_buf(),
            name,
            list,
            split_at: split_at.filter(|&n| n > 0),
            in_file: 0,
            files: 0,
            out: None,
        })
    }

    /// Begins the next file, when there is none or the current one is full.
    fn file(&mut self) -> io::Result<&mut BufWriter<File>> {
        let full = self.split_at.is_some_and(|n| self.in_file >= n);
        if self.out.is_none() || full {
            if let Some(mut done) = self.out.take() {
                done.flush()?;
            }
            self.files = self.files.saturating_add(1);
            self.in_file = 0;
            let path = match self.split_at {
                None => self.dir.join(self.name),
                Some(_) => {
                    let folder = self.dir.join(crate::model::shards::folder_name(self.name));
                    std::fs::create_dir_all(&folder)?;
                    folder.join(format!("{}-{:05}.yaml", self.list, self.files))
                }
            };
            let mut out = BufWriter::with_capacity(1 << 20, File::create(path)?);
            writeln!(out, "{}:", self.list)?;
            self.out = Some(out);
        }
        // Set just above when it was not.
        self.out
            .as_mut()
            .ok_or_else(|| io::Error::other("no file to write to"))
    }

    /// Writes one record as an item of the list, as `serde_yaml` writes
    /// the whole list (`- key: value`, two spaces for what follows).
    fn record<T: Serialize>(&mut self, record: &T) -> io::Result<()> {
        let text = serde_yaml::to_string(std::slice::from_ref(record)).map_err(io::Error::other)?;
        self.file()?.write_all(text.as_bytes())?;
        let written = u64::try_from(text.len()).unwrap_or(u64::MAX);
        self.in_file = self.in_file.saturating_add(written);
        Ok(())
    }

    /// Ends the list: an empty list when nothing was written.
    fn finish(mut self) -> io::Result<()> {
        match self.out.take() {
            Some(mut out) => out.flush(),
            None => std::fs::write(self.dir.join(self.name), format!("{}: []\n", self.list)),
        }
    }
}

/// A `Sink` that writes the data folder `dir` as the records come.
pub struct FolderSink {
    dir: PathBuf,
    applicants: ListWriter,
    reactions: ListWriter,
}

impl FolderSink {
    /// Writes into `dir` (created if needed); with `split_at`, applicants
    /// and reactions are split over folders of files of about that many
    /// bytes (one record more at most).
    pub fn new(dir: &Path, split_at: Option<u64>) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        Ok(FolderSink {
            dir: dir.to_path_buf(),
            applicants: ListWriter::new(dir, ("applicants.yaml", "applicants"), split_at)?,
            reactions: ListWriter::new(dir, ("reactions.yaml", "reactions"), split_at)?,
        })
    }

    /// Flushes and closes the split lists; the folder is complete.
    pub fn finish(self) -> io::Result<()> {
        self.applicants.finish()?;
        self.reactions.finish()
    }
}

impl Sink for FolderSink {
    fn applicant(&mut self, applicant: Applicant) -> io::Result<()> {
        self.applicants.record(&applicant)
    }

    fn reaction(&mut self, reaction: Reaction) -> io::Result<()> {
        self.reactions.record(&reaction)
    }

    fn rest(&mut self, rest: Records) -> io::Result<()> {
        for (name, text) in crate::model::write::to_files(&rest)? {
            if name != "applicants.yaml" && name != "reactions.yaml" {
                std::fs::write(self.dir.join(name), text)?;
            }
        }
        Ok(())
    }
}
