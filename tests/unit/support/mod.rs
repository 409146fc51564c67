//! Helpers shared by the unit tests: a compact S-expression dump of the AST
//! that also checks every child span lies inside its parent's, mutators for
//! the fuzz targets, the list of every rule file in the repository, and
//! scratch folders to write inputs into.

pub mod mutate;
pub mod sexpr;

use std::path::{Path, PathBuf};

/// Every `.rules` file under `fixtures/` and `rules/`, sorted.
pub fn rule_files() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = Vec::new();
    let mut dirs = vec![root.join("fixtures"), root.join("rules")];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rules") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

/// The tests' temporary folder, `target/tmp` in the crate, created on
/// demand. (Cargo's `CARGO_TARGET_TMPDIR`, the same folder by default, is
/// set for integration tests only.)
pub fn tmp() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/tmp");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// An empty folder `group/name` under the tests' temporary folder.
pub fn scratch(group: &str, name: &str) -> PathBuf {
    let dir = tmp().join(group).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
