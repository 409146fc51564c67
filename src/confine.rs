//! Keeping reads inside a folder: an import stays inside its rule set's
//! folder and a data file inside its data folder, whatever symbolic links
//! say, and a walk over a folder sees each file once, however its links loop.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The most entries (files and folders) one walk over a folder looks at. A
/// rule folder or a test folder holds dozens; a walk that goes past this
/// was most often pointed at `/` or a home folder.
pub const MAX_WALK_ENTRIES: usize = 20_000;

/// The deepest a walk goes below the folder it starts from.
pub const MAX_WALK_DEPTH: usize = 32;

/// The most symbolic links followed one after the other in resolving a path.
const MAX_LINK_HOPS: usize = 40;

/// Why a path was not followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// A path whose `..` leads out of the folder.
    Outside,
    /// A symbolic link whose target lies outside the folder.
    LinkOutside,
    /// A symbolic link whose target does not exist.
    Dangling,
    /// Symbolic links that lead back to themselves.
    Loop,
    /// Any other reason the system gave, in the house style.
    Unreadable(String),
}

impl std::fmt::Display for Refusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Refusal::Outside => "it lies outside the folder",
            Refusal::LinkOutside => "it is a symbolic link that leads outside the folder",
            Refusal::Dangling => "it is a symbolic link whose target does not exist",
            Refusal::Loop => "it is a symbolic link that leads back to itself",
            Refusal::Unreadable(reason) => reason,
        })
    }
}

/// The canonical form of `folder`, the root later paths are held to; the
/// path as given when it cannot be resolved (reading it will then say why).
pub fn root(folder: &Path) -> PathBuf {
    fs::canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf())
}

/// Resolves `path` and holds it inside `root` (a canonical folder, from
/// [`root`]): the canonical path when it lies inside, else why not. A
/// symbolic link is followed to its target, and that target must lie
/// inside too. A path that does not exist is `Err(Unreadable)` with the
/// system's words; [`Refusal::Dangling`] when it is a link.
pub fn inside(root: &Path, path: &Path) -> Result<PathBuf, Refusal> {
    let resolved = resolve(path)?;
    if resolved.starts_with(root) {
        return Ok(resolved);
    }
    // Lexically inside but resolved outside: a link on the way points out.
    let lexical = normalize(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()));
    let lexical_root = normalize(&std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf()));
    if lexical.starts_with(&lexical_root) || lexical.starts_with(root) {
        Err(Refusal::LinkOutside)
    } else {
        Err(Refusal::Outside)
    }
}

/// The canonical path of `path`, telling a dangling link and a loop of
/// links apart from a path that simply does not exist.
pub fn resolve(path: &Path) -> Result<PathBuf, Refusal> {
    match fs::canonicalize(path) {
        Ok(resolved) => Ok(resolved),
        Err(e) => Err(link_trouble(path).unwrap_or_else(|| Refusal::Unreadable(reason(&e)))),
    }
}

/// Whether `path` is a symbolic link that cannot be followed, and why.
fn link_trouble(path: &Path) -> Option<Refusal> {
    let mut seen = HashSet::new();
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINK_HOPS {
        let meta = fs::symlink_metadata(&current).ok()?;
        if !meta.file_type().is_symlink() {
            return None;
        }
        if !seen.insert(current.clone()) {
            return Some(Refusal::Loop);
        }
        let target = fs::read_link(&current).ok()?;
        let next = match current.parent() {
            Some(dir) => dir.join(target),
            None => target,
        };
        match fs::symlink_metadata(&next) {
            Ok(_) => current = next,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Some(Refusal::Dangling),
            Err(_) => return None,
        }
    }
    Some(Refusal::Loop)
}

/// `path` with `.` and `..` taken out without asking the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// The system's reason in the house style: lowercase, no error number.
pub fn reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        io::ErrorKind::InvalidData => "not UTF-8 text".to_owned(),
        _ => {
            let text = e.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text).to_owned();
            let mut chars = text.chars();
            chars
                .next()
                .map(|c| c.to_lowercase().chain(chars).collect())
                .unwrap_or(text)
        }
    }
}

/// The files under `dir` that `wanted` accepts, each once by its canonical
/// path, sorted by the path they were found under. Links are followed
/// inside `dir` only (a link out of it is a problem, and is not read); no
/// folder is entered twice, so a loop of links ends; the walk stops after
/// [`MAX_WALK_ENTRIES`] entries or [`MAX_WALK_DEPTH`] levels. Problems
/// come back as a path and a reason.
pub fn walk(dir: &Path, wanted: impl Fn(&Path) -> bool) -> (Vec<PathBuf>, Vec<(PathBuf, String)>) {
    let mut files = Vec::new();
    let mut problems = Vec::new();
    let mut seen_dirs = HashSet::new();
    let mut seen_files = HashSet::new();
    let mut entries = 0usize;
    let mut pending = vec![(dir.to_path_buf(), 0usize)];
    let top = root(dir);
    seen_dirs.insert(top.clone());
    while let Some((dir, depth)) = pending.pop() {
        let mut listing: Vec<_> = match fs::read_dir(&dir) {
            Ok(listing) => listing.collect(),
            Err(e) => {
                problems.push((dir, reason(&e)));
                continue;
            }
        };
        // Sorted, so that of two links to one file the same one is kept.
        listing.sort_by_key(|entry| entry.as_ref().ok().map(fs::DirEntry::path));
        for entry in listing {
            entries = entries.saturating_add(1);
            if entries > MAX_WALK_ENTRIES {
                problems.push((
                    dir.clone(),
                    format!(
                        "the folder holds more than {MAX_WALK_ENTRIES} files and folders; name a smaller one"
                    ),
                ));
                files.sort();
                return (files, problems);
            }
            let path = match entry {
                Ok(entry) => entry.path(),
                Err(e) => {
                    problems.push((dir.clone(), reason(&e)));
                    continue;
                }
            };
            let resolved = match resolve(&path) {
                Ok(resolved) if !resolved.starts_with(&top) => {
                    if wanted(&path) || resolved.is_dir() {
                        problems.push((path, Refusal::LinkOutside.to_string()));
                    }
                    continue;
                }
                Ok(resolved) => resolved,
                // A broken link only matters when it carries a wanted name.
                Err(refusal) => {
                    if wanted(&path) {
                        problems.push((path, refusal.to_string()));
                    }
                    continue;
                }
            };
            if resolved.is_dir() {
                if !seen_dirs.insert(resolved) {
                    continue;
                }
                if depth >= MAX_WALK_DEPTH {
                    problems.push((
                        path,
                        format!("folders nest deeper than {MAX_WALK_DEPTH} levels"),
                    ));
                    continue;
                }
                pending.push((path, depth.saturating_add(1)));
            } else if wanted(&path) && seen_files.insert(resolved) {
                files.push(path);
            }
        }
    }
    files.sort();
    (files, problems)
}

#[cfg(all(test, unix))]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;
    use std::os::unix::fs::symlink;

    fn scratch(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("toewijzer-confine-{}-{name}", std::process::id()));
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn links_out_loops_and_dangling_links_are_told_apart() {
        let dir = scratch("links");
        fs::write(dir.join("in.rules"), "").unwrap();
        fs::create_dir_all(dir.join("sub")).unwrap();
        symlink("/etc/hostname", dir.join("out.rules")).unwrap();
        symlink("nothing.rules", dir.join("dangling.rules")).unwrap();
        symlink("loop_b.rules", dir.join("loop_a.rules")).unwrap();
        symlink("loop_a.rules", dir.join("loop_b.rules")).unwrap();
        let root = root(&dir);
        assert!(inside(&root, &dir.join("sub/../in.rules")).is_ok());
        assert_eq!(
            inside(&root, &dir.join("out.rules")),
            Err(Refusal::LinkOutside)
        );
        assert_eq!(
            inside(&root, &dir.join("../x")).map_err(|r| matches!(r, Refusal::Unreadable(_))),
            Err(true)
        );
        assert_eq!(inside(&root, &dir.join("sub/../..")), Err(Refusal::Outside));
        assert_eq!(
            inside(&root, &dir.join("dangling.rules")),
            Err(Refusal::Dangling)
        );
        assert_eq!(inside(&root, &dir.join("loop_a.rules")), Err(Refusal::Loop));
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_walk_enters_each_folder_once() {
        let dir = scratch("walk");
        fs::create_dir_all(dir.join("a")).unwrap();
        fs::write(dir.join("a/t.yaml"), "").unwrap();
        symlink("..", dir.join("a/up")).unwrap();
        symlink(".", dir.join("a/self")).unwrap();
        symlink("t.yaml", dir.join("a/again.yaml")).unwrap();
        let (files, problems) = walk(&dir, |p| p.extension().is_some_and(|e| e == "yaml"));
        assert_eq!(files.len(), 1, "{files:?}");
        assert!(problems.is_empty(), "{problems:?}");
        fs::remove_dir_all(&dir).unwrap();
    }
}
