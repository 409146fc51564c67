//! Helpers shared by the integration tests: a compact S-expression dump of
//! the AST that also checks every child span lies inside its parent's, and
//! the list of every rule file in the repository.

// Each test crate that includes this module uses only part of it.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

pub mod browser;
pub mod cli;
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
