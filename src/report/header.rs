//! The run header: what was run, on which files, for which date and seed, so
//! an auditor can reproduce a run and `verify` can prove it unchanged.

use std::path::Path;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};

use crate::check::CheckedRuleSet;
use crate::eval::record::{FileHash, RuleSetId, RunHeader, SCHEMA_VERSION};
use crate::model::FILES;
use crate::source::SourceMap;

/// The engine's name and version as the header states it.
pub(crate) fn engine_version() -> String {
    format!("toewijzer {}", env!("CARGO_PKG_VERSION"))
}

/// Lowercase hex SHA-256 of `bytes`.
pub(crate) fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

/// Lowercase hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len().saturating_mul(2));
    // A nibble is below 16, so the lookups cannot fail.
    let digit = |n: u8| DIGITS.get(usize::from(n)).map_or('0', |d| char::from(*d));
    for b in bytes {
        out.push(digit(b >> 4));
        out.push(digit(b & 0x0f));
    }
    out
}

/// The path as a header writes it: as the user gave it, with `/` between
/// parts, so a header reads the same on every system.
fn display_path(path: &Path) -> String {
    path.display().to_string().replace('\\', "/")
}

/// The hash of every rule file that was read, sorted by path.
///
/// Hashes the text the checker read rather than reading the files again, so
/// the hash is of exactly the rules that were evaluated.
pub(crate) fn rule_file_hashes(sources: &SourceMap) -> Vec<FileHash> {
    let mut hashes: Vec<FileHash> = sources
        .iter()
        .map(|(_, file)| FileHash {
            path: display_path(&file.path),
            sha256: sha256_hex(file.text.as_bytes()),
        })
        .collect();
    hashes.sort();
    hashes.dedup();
    hashes
}

/// The hash of every input file present in the data folder `dir` (the files
/// `load_dataset` reads, YAML or CSV), sorted by path.
pub(crate) fn input_file_hashes(dir: &Path) -> Result<Vec<FileHash>, HeaderError> {
    let mut hashes = Vec::new();
    let csv = crate::model::csv::layout::TABLES.iter().map(|t| t.file);
    let files = FILES.iter().map(|(name, _, _)| dir.join(name));
    let split = crate::model::split_files(dir);
    for path in files.chain(csv.map(|name| dir.join(name))).chain(split) {
        if !path.exists() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| HeaderError::Unreadable {
            path: display_path(&path),
            reason: e.kind().to_string(),
        })?;
        hashes.push(FileHash {
            path: display_path(&path),
            sha256: sha256_hex(&bytes),
        });
    }
    hashes.sort();
    Ok(hashes)
}

/// Why a header could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HeaderError {
    /// An input file could not be read to hash it.
    #[error("cannot read `{path}`: {reason}")]
    Unreadable {
        /// The file.
        path: String,
        /// The system's reason.
        reason: String,
    },
}

/// What a run was asked to do, beyond its files.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RunSettings {
    /// The reference date (peildatum).
    pub date: NaiveDate,
    /// The lottery seed.
    pub seed: u64,
    /// Whether applicant ids are replaced by pseudonyms.
    pub redacted: bool,
    /// Whether decisions carry their trace.
    pub traced: bool,
}

/// Builds the header of a run of `rules` (read into `rule_sources`) on the
/// data folder `data_dir`.
pub fn build_header(
    rules: &CheckedRuleSet,
    rule_sources: &SourceMap,
    data_dir: &Path,
    settings: RunSettings,
) -> Result<RunHeader, HeaderError> {
    Ok(RunHeader {
        schema_version: SCHEMA_VERSION,
        engine: engine_version(),
        ruleset: RuleSetId {
            name: rules.name.clone(),
            title: rules.title.clone(),
            version: rules.version.clone(),
        },
        rule_files: rule_file_hashes(rule_sources),
        input_files: input_file_hashes(data_dir)?,
        reference_date: settings.date,
        seed: settings.seed,
        redacted: settings.redacted,
        generalised: Vec::new(),
        traced: settings.traced,
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use std::path::PathBuf;

    use super::*;

    #[test]
    fn sha256_matches_the_standard_vectors() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn rule_files_are_sorted_by_path_as_given() {
        let mut sources = SourceMap::new();
        sources.add("rules/b.rules", "b");
        sources.add("rules/a.rules", "abc");
        let hashes = rule_file_hashes(&sources);
        let paths: Vec<_> = hashes.iter().map(|h| h.path.as_str()).collect();
        assert_eq!(paths, ["rules/a.rules", "rules/b.rules"]);
        assert_eq!(hashes[0].sha256, sha256_hex(b"abc"));
    }

    #[test]
    fn input_files_are_the_files_present_with_the_folder_as_given() {
        let dir = PathBuf::from("fixtures/heerlen-noord");
        let hashes = input_file_hashes(&dir).unwrap();
        let paths: Vec<_> = hashes.iter().map(|h| h.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "fixtures/heerlen-noord/applicants.yaml",
                "fixtures/heerlen-noord/buurten.yaml",
                "fixtures/heerlen-noord/complexes.yaml",
                "fixtures/heerlen-noord/history.yaml",
                "fixtures/heerlen-noord/proposals.yaml",
                "fixtures/heerlen-noord/reactions.yaml",
                "fixtures/heerlen-noord/units.yaml",
            ]
        );
        let bytes = std::fs::read(dir.join("units.yaml")).unwrap();
        assert_eq!(hashes[6].sha256, sha256_hex(&bytes));
    }

    #[test]
    fn the_header_names_the_rule_set_date_seed_and_engine() {
        let report = crate::run::check_paths(&[PathBuf::from("rules/heerlen")]);
        let rules = report.rule_sets.first().unwrap();
        let date = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let settings = RunSettings {
            date,
            seed: 7,
            redacted: false,
            traced: false,
        };
        let header = build_header(
            rules,
            &report.sources,
            Path::new("fixtures/heerlen-noord"),
            settings,
        )
        .unwrap();
        assert_eq!(
            header.engine,
            format!("toewijzer {}", env!("CARGO_PKG_VERSION"))
        );
        assert_eq!(header.ruleset.name, "heerlen");
        assert_eq!(header.reference_date, date);
        assert_eq!(header.seed, 7);
        assert!(!header.redacted);
        assert_eq!(header.rule_files.len(), 8);
        assert!(header.rule_files.windows(2).all(|w| w[0].path < w[1].path));
        assert!(
            header
                .rule_files
                .iter()
                .all(|h| h.path.starts_with("rules/heerlen/"))
        );
    }
}
