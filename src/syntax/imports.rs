//! Gathering rule sets from the paths a user names: files and folders in,
//! one [`RuleSetFiles`] per `ruleset` root out, with every imported file.
//!
//! A root file starts with a `ruleset` header; `import "x.rules"` paths are
//! relative to the importing file. Imports are followed transitively, each
//! file once per rule set; a cycle, a missing file or an imported file with
//! its own header is an error at the import. A `.rules` file in a named
//! folder that no rule set uses is a warning: it is probably meant to count.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

use crate::source::{FileId, SourceMap};

use super::SyntaxError;
use super::ast::RuleFile;
use super::error::{ImportLimit, io_reason};
use super::parse_file;

/// The files of one rule set.
#[derive(Debug, Clone)]
pub struct RuleSetFiles {
    /// The file with the `ruleset` header.
    pub root: FileId,
    /// Every file of the set with its AST, the root first, then imports in
    /// the order they are first reached.
    pub files: Vec<(FileId, RuleFile)>,
}

/// What [`load_rule_sets`] found.
#[derive(Debug, Clone, Default)]
pub struct LoadedRuleSets {
    /// One entry per root file, in the order the roots were named or listed.
    pub rule_sets: Vec<RuleSetFiles>,
    /// Every problem in every file, errors and warnings.
    pub problems: Vec<SyntaxError>,
}

/// Reads and parses the rule sets under `paths` (files or folders; folders
/// are searched recursively for `.rules` files, in sorted order).
///
/// Every file is read into `sources`, so each problem can be rendered.
/// Problems are collected across all files; a file with a syntax error is
/// left out of its rule set.
pub fn load_rule_sets(paths: &[PathBuf], sources: &mut SourceMap) -> LoadedRuleSets {
    let (candidates, problems) = candidates(paths);
    let mut loader = Loader {
        sources,
        parsed: HashMap::new(),
        problems,
    };
    let mut roots = Vec::new();
    for candidate in &candidates {
        match loader.load(&candidate.path) {
            Ok(Some((id, ast))) if ast.header.is_some() => roots.push((candidate, id, ast)),
            Ok(_) => {}
            Err(e) => loader
                .problems
                .push(SyntaxError::unreadable(&candidate.path, &e)),
        }
    }
    let mut imported = HashSet::new();
    let mut rule_sets = Vec::new();
    for (candidate, id, ast) in roots {
        let mut set = SetState::default();
        set.visited.insert(candidate.identity.clone());
        loader.visit(&candidate.path, id, ast, &mut set, &mut Vec::new());
        imported.extend(set.visited.into_iter().filter(|p| p != &candidate.identity));
        rule_sets.push(RuleSetFiles {
            root: id,
            files: set.files,
        });
    }
    for candidate in &candidates {
        let headerless = matches!(
            loader.parsed.get(&candidate.identity),
            Some(Some((_, ast))) if ast.header.is_none()
        );
        if headerless && !imported.contains(&candidate.identity) {
            let path = candidate.path.clone();
            loader.problems.push(if candidate.named {
                SyntaxError::NoHeader { path }
            } else {
                SyntaxError::Unused { path }
            });
        }
    }
    LoadedRuleSets {
        rule_sets,
        problems: loader.problems,
    }
}

/// The rule files under `paths`: files as named, folders searched
/// recursively for `.rules` files in sorted order; each file once. Paths
/// that cannot be read are returned as problems.
pub fn find_rule_files(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<SyntaxError>) {
    let (candidates, problems) = candidates(paths);
    (candidates.into_iter().map(|c| c.path).collect(), problems)
}

/// The files under `paths`, each once, in the order given.
fn candidates(paths: &[PathBuf]) -> (Vec<Candidate>, Vec<SyntaxError>) {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for path in paths {
        let files = match fs::metadata(path) {
            Ok(meta) if meta.is_dir() => folder(path, &mut problems),
            Ok(_) => vec![(path.clone(), true)],
            Err(e) => {
                problems.push(SyntaxError::unreadable(path, &e));
                continue;
            }
        };
        for (path, named) in files {
            let identity = identity(&path);
            if seen.insert(identity.clone()) {
                out.push(Candidate {
                    path,
                    identity,
                    named,
                });
            }
        }
    }
    (out, problems)
}

/// The `.rules` files under `dir`, recursively, sorted by path.
fn folder(dir: &Path, problems: &mut Vec<SyntaxError>) -> Vec<(PathBuf, bool)> {
    let mut files = Vec::new();
    let mut pending = vec![dir.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = match fs::read_dir(&dir) {
            Ok(entries) => entries,
            Err(e) => {
                problems.push(SyntaxError::unreadable(&dir, &e));
                continue;
            }
        };
        for entry in entries {
            match entry {
                Ok(entry) => {
                    let path = entry.path();
                    if path.is_dir() {
                        pending.push(path);
                    } else if path.extension().is_some_and(|e| e == "rules") {
                        files.push((path, false));
                    }
                }
                Err(e) => problems.push(SyntaxError::unreadable(&dir, &e)),
            }
        }
    }
    files.sort();
    files
}

/// A file to consider: named on the command line or found in a folder.
#[derive(Debug)]
struct Candidate {
    path: PathBuf,
    identity: PathBuf,
    named: bool,
}

/// The files gathered so far for one rule set.
#[derive(Default)]
struct SetState {
    visited: HashSet<PathBuf>,
    files: Vec<(FileId, RuleFile)>,
}

struct Loader<'s> {
    sources: &'s mut SourceMap,
    /// Parsed files by identity; `None` when the file had a syntax error
    /// (reported once, when it was parsed).
    parsed: HashMap<PathBuf, Option<(FileId, RuleFile)>>,
    problems: Vec<SyntaxError>,
}

impl Loader<'_> {
    /// Reads and parses a file once; `Ok(None)` when it has a syntax error
    /// (already recorded), `Err` with the system's reason when unreadable.
    fn load(&mut self, path: &Path) -> Result<Option<(FileId, RuleFile)>, std::io::Error> {
        let key = identity(path);
        if let Some(done) = self.parsed.get(&key) {
            return Ok(done.clone());
        }
        let text =
            crate::limits::read_text(path, crate::limits::MAX_RULE_FILE_BYTES, "a rule file")?;
        let id = self.sources.add(path, text);
        let text = self.sources.get(id).map_or("", |f| f.text.as_str());
        let result = match parse_file(id, text) {
            Ok(ast) => Some((id, ast)),
            Err(e) => {
                self.problems.push(e);
                None
            }
        };
        self.parsed.insert(key, result.clone());
        Ok(result)
    }

    /// Adds `ast` to the set and follows its imports depth first. `chain`
    /// holds the files from the root to here, to recognise a cycle.
    fn visit(
        &mut self,
        path: &Path,
        id: FileId,
        ast: RuleFile,
        set: &mut SetState,
        chain: &mut Vec<(PathBuf, PathBuf)>,
    ) {
        chain.push((identity(path), path.to_path_buf()));
        let imports = ast.imports.clone();
        set.files.push((id, ast));
        let dir = path.parent().unwrap_or(Path::new(""));
        for import in imports {
            let target = dir.join(&import.path.value);
            let key = identity(&target);
            if let Some(at) = chain.iter().position(|(k, _)| k == &key) {
                let names: Vec<String> = chain[at..]
                    .iter()
                    .map(|(_, p)| p.display().to_string())
                    .chain([target.display().to_string()])
                    .collect();
                self.problems.push(SyntaxError::ImportCycle {
                    cycle: names.join(" → "),
                    span: import.span,
                });
                continue;
            }
            if !set.visited.insert(key) {
                continue;
            }
            // Bounded before reading: a generated chain of thousands of
            // files would otherwise recurse once per file.
            let limit = if chain.len() >= crate::limits::MAX_IMPORT_DEPTH {
                Some(ImportLimit::Depth)
            } else if set.visited.len() > crate::limits::MAX_RULE_SET_FILES {
                Some(ImportLimit::Files)
            } else {
                None
            };
            if let Some(limit) = limit {
                self.problems.push(SyntaxError::TooManyImports {
                    limit,
                    span: import.span,
                });
                continue;
            }
            match self.load(&target) {
                Err(e) => self.problems.push(SyntaxError::MissingImport {
                    reason: io_reason(&e),
                    path: target,
                    span: import.span,
                }),
                Ok(None) => {}
                Ok(Some((_, imported))) if imported.header.is_some() => {
                    if let Some(header) = &imported.header {
                        self.problems.push(SyntaxError::HeaderInImport {
                            span: header.span,
                            importer: path.to_path_buf(),
                        });
                    }
                }
                Ok(Some((target_id, imported))) => {
                    self.visit(&target, target_id, imported, set, chain);
                }
            }
        }
        chain.pop();
    }
}

/// The path that says whether two paths are the same file.
fn identity(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
