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
use std::io;
use std::path::{Path, PathBuf};

use crate::source::{FileId, SourceMap};

use super::SyntaxError;
use super::ast::RuleFile;
use super::error::{ImportLimit, io_reason};
use super::{parse_file, syntax_errors};

/// The files of one rule set.
#[derive(Debug, Clone)]
pub struct RuleSetFiles {
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

/// Where the text of a rule file comes from. The command line reads the
/// disk ([`Disk`]); an editor's language server lays the unsaved text of
/// its open files over it, so a rule set is checked as it is being typed
/// by the same loader. Which files are read, and the confinement of
/// imports to the rule set's folder, stay the loader's: a source only
/// supplies the text of a file the loader has decided to read.
pub(crate) trait RuleTexts {
    /// The text of the rule file at `path`, at most
    /// [`crate::limits::MAX_RULE_FILE_BYTES`] long.
    fn read(&self, path: &Path) -> io::Result<String>;
}

/// The rule files as they are on disk.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Disk;

impl RuleTexts for Disk {
    fn read(&self, path: &Path) -> io::Result<String> {
        crate::limits::read_text(path, crate::limits::MAX_RULE_FILE_BYTES, "a rule file")
    }
}

/// Reads and parses the rule sets under `paths` (files or folders; folders
/// are searched recursively for `.rules` files, in sorted order).
///
/// Every file is read into `sources`, so each problem can be rendered.
/// Problems are collected across all files; a file with a syntax error is
/// left out of its rule set.
pub fn load_rule_sets(paths: &[PathBuf], sources: &mut SourceMap) -> LoadedRuleSets {
    load_rule_sets_from(paths, sources, &Disk)
}

/// [`load_rule_sets`] with the text of each file taken from `texts`.
pub(crate) fn load_rule_sets_from(
    paths: &[PathBuf],
    sources: &mut SourceMap,
    texts: &dyn RuleTexts,
) -> LoadedRuleSets {
    let (candidates, problems) = candidates(paths);
    let mut loader = Loader {
        sources,
        texts,
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
        let mut set = SetState {
            folder: candidate
                .identity
                .parent()
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            shown: candidate
                .path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .map_or_else(|| PathBuf::from("."), Path::to_path_buf),
            visited: HashSet::new(),
            files: Vec::new(),
        };
        set.visited.insert(candidate.identity.clone());
        loader.visit(&candidate.path, id, ast, &mut set, &mut Vec::new());
        imported.extend(set.visited.into_iter().filter(|p| p != &candidate.identity));
        rule_sets.push(RuleSetFiles { files: set.files });
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
    if rule_sets.is_empty()
        && !loader
            .problems
            .iter()
            .any(|p| p.severity() == crate::diagnostics::Severity::Error)
    {
        if let Some(lacking) = likely_root(&candidates, &loader.parsed) {
            loader.problems.insert(
                0,
                SyntaxError::NoRuleSet {
                    paths: paths
                        .iter()
                        .map(|p| p.display().to_string())
                        .collect::<Vec<_>>()
                        .join("`, `"),
                    lacking,
                },
            );
        }
    }
    LoadedRuleSets {
        rule_sets,
        problems: loader.problems,
    }
}

/// When no file has a `ruleset` header: the file that most likely lost it,
/// one that imports others and that none imports (else the first file).
/// `None` when no rule file was read at all.
fn likely_root(
    candidates: &[Candidate],
    parsed: &HashMap<PathBuf, Option<(FileId, RuleFile)>>,
) -> Option<PathBuf> {
    let asts: Vec<(&Candidate, &RuleFile)> = candidates
        .iter()
        .filter_map(|c| match parsed.get(&c.identity) {
            Some(Some((_, ast))) => Some((c, ast)),
            _ => None,
        })
        .collect();
    let imported: HashSet<PathBuf> = asts
        .iter()
        .flat_map(|(c, ast)| {
            let dir = c.identity.parent().unwrap_or(Path::new("")).to_path_buf();
            ast.imports
                .iter()
                .map(move |i| identity(&dir.join(&i.path.value)))
        })
        .collect();
    asts.iter()
        .find(|(c, ast)| !ast.imports.is_empty() && !imported.contains(&c.identity))
        .or(asts.first())
        .map(|(c, _)| c.path.clone())
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
            Ok(_) if !is_rule_file(path) => {
                problems.push(SyntaxError::Unreadable {
                    path: path.clone(),
                    reason: "it is not a rule file: a rule file's name ends in `.rules`".into(),
                });
                continue;
            }
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

/// The `.rules` files under `dir`, recursively, sorted by path: each file
/// once, however links lead to it, and the walk bounded
/// ([`crate::confine::walk`]).
fn folder(dir: &Path, problems: &mut Vec<SyntaxError>) -> Vec<(PathBuf, bool)> {
    let (files, trouble) = crate::confine::walk(dir, is_rule_file);
    problems.extend(
        trouble
            .into_iter()
            .map(|(path, reason)| SyntaxError::Unreadable { path, reason }),
    );
    files.into_iter().map(|path| (path, false)).collect()
}

/// Whether a path names a rule file: only those are parsed, so that no
/// other file's text is ever shown under a syntax error.
fn is_rule_file(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "rules")
}

/// A file to consider: named on the command line or found in a folder.
#[derive(Debug)]
struct Candidate {
    path: PathBuf,
    identity: PathBuf,
    named: bool,
}

/// The files gathered so far for one rule set.
struct SetState {
    /// The canonical folder of the root file: no import reaches outside it.
    folder: PathBuf,
    /// That folder as the user named it, for messages.
    shown: PathBuf,
    visited: HashSet<PathBuf>,
    files: Vec<(FileId, RuleFile)>,
}

struct Loader<'s> {
    sources: &'s mut SourceMap,
    texts: &'s dyn RuleTexts,
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
        let text = self.texts.read(path)?;
        let id = self.sources.add(path, text);
        let text = self.sources.get(id).map_or("", |f| f.text.as_str());
        let result = match parse_file(id, text) {
            Ok(ast) => Some((id, ast)),
            Err(_) => {
                // Every syntax error of the file, in one run.
                self.problems.extend(syntax_errors(id, text));
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
            let written = Path::new(&import.path.value);
            let target = dir.join(written);
            match confined(written, &target, &set.folder) {
                Confined::Yes => {}
                Confined::Refused(why) => {
                    self.problems.push(SyntaxError::ImportOutside {
                        path: import.path.value.clone(),
                        why,
                        folder: set.shown.clone(),
                        span: import.span,
                    });
                    continue;
                }
                Confined::Broken(reason) => {
                    self.problems.push(SyntaxError::MissingImport {
                        path: target,
                        reason,
                        span: import.span,
                    });
                    continue;
                }
            }
            let key = identity(&target);
            let from = chain.iter().position(|(k, _)| k == &key);
            if let Some(cycle) = from.and_then(|at| chain.get(at..)) {
                let names: Vec<String> = cycle
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

/// Whether an import may be followed.
enum Confined {
    /// It names a file inside the rule set's folder (or nothing: reading
    /// it will say so).
    Yes,
    /// It reaches outside the folder or names no rule file: why, in words.
    Refused(&'static str),
    /// It is a symbolic link that cannot be followed: why, in words.
    Broken(String),
}

/// Holds an import (as `written`, resolved to `target`) to the rule set's
/// canonical `folder`, after resolving every symbolic link on the way.
fn confined(written: &Path, target: &Path, folder: &Path) -> Confined {
    use crate::confine::Refusal;
    if written.has_root() || written.is_absolute() {
        return Confined::Refused("it is an absolute path");
    }
    match crate::confine::inside(folder, target) {
        Ok(file) if file.is_file() && !is_rule_file(&file) => {
            Confined::Refused("it is not a rule file: a rule file's name ends in `.rules`")
        }
        Ok(_) | Err(Refusal::Unreadable(_)) => Confined::Yes,
        Err(Refusal::Outside) => Confined::Refused("it lies outside the rule set's folder"),
        Err(Refusal::LinkOutside) => {
            Confined::Refused("it is a symbolic link to a file outside the rule set's folder")
        }
        Err(refusal @ (Refusal::Dangling | Refusal::Loop)) => Confined::Broken(refusal.to_string()),
    }
}

/// The path that says whether two paths are the same file.
fn identity(path: &Path) -> PathBuf {
    fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
