//! Writing letters into an output folder: one file per refusal, named by
//! applicant and unit, never outside the folder, and never over an
//! existing file unless asked.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::{Path, PathBuf};

/// What was written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Written {
    /// Files that did not exist before.
    pub created: Vec<PathBuf>,
    /// Files replaced (only with `force`).
    pub replaced: Vec<PathBuf>,
}

/// Writes each `(file name, body)` into `dir`, creating it when needed.
///
/// A name must be a plain file name (no separator, no `..`). Nothing is
/// written when any target already exists and `force` is off, or when a
/// target is a symbolic link (it could point outside the folder): the error
/// names every such file.
pub fn write(dir: &Path, files: &[(String, String)], force: bool) -> Result<Written, String> {
    std::fs::create_dir_all(dir)
        .map_err(|e| format!("cannot create `{}`: {}", dir.display(), e.kind()))?;
    let root = dir
        .canonicalize()
        .map_err(|e| format!("cannot read `{}`: {}", dir.display(), e.kind()))?;
    let mut problems = Vec::new();
    let mut targets = Vec::new();
    for (name, body) in files {
        let plain = Path::new(name).file_name().and_then(|n| n.to_str()) == Some(name.as_str())
            && name != ".."
            && name != ".";
        if !plain {
            problems.push(format!("`{name}` is not a plain file name; not written"));
            continue;
        }
        let path = root.join(name);
        let existing = std::fs::symlink_metadata(&path).ok();
        match existing {
            Some(meta) if meta.file_type().is_symlink() => problems.push(format!(
                "`{}` is a symbolic link; not written",
                path.display()
            )),
            Some(_) if !force => problems.push(format!(
                "`{}` exists; pass `--force` to replace it",
                path.display()
            )),
            Some(_) => targets.push((path, body, true)),
            None => targets.push((path, body, false)),
        }
    }
    if !problems.is_empty() {
        return Err(format!("nothing written:\n  {}", problems.join("\n  ")));
    }
    let mut written = Written::default();
    for (path, body, exists) in targets {
        let mut options = OpenOptions::new();
        options.write(true);
        if exists {
            options.truncate(true);
        } else {
            options.create_new(true);
        }
        options
            .open(&path)
            .and_then(|mut f| f.write_all(body.as_bytes()))
            .map_err(|e| format!("cannot write `{}`: {}", path.display(), e.kind()))?;
        if exists {
            written.replaced.push(path);
        } else {
            written.created.push(path);
        }
    }
    Ok(written)
}
