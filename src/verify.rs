//! `verify`: recompute a recorded run on the rules and data at hand and
//! name everything that differs: files by hash, decisions by field,
//! rankings by candidate. An unchanged run proves its decisions reproducible.

use std::collections::BTreeMap;
use std::fmt;

use crate::eval::record::{DecisionRecord, EvalOutput, FileHash, Ranking};
use crate::report::header::RunSettings;
use crate::report::redact::{default_key, pseudonym, redact};
use crate::run::{Inputs, SetupError};

/// One thing that differs between a recorded run and its recomputation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// A file whose hash is not the recorded one.
    File {
        /// `rule` or `input`.
        kind: &'static str,
        /// The path.
        path: String,
        /// `added`, `removed` or `changed`.
        change: &'static str,
    },
    /// A file with the recorded bytes at another place in its folder: the
    /// same rules or data, so no change to what was decided.
    Moved {
        /// `rule` or `input`.
        kind: &'static str,
        /// The path as recorded.
        from: String,
        /// The path now.
        to: String,
    },
    /// A header field other than the files (engine, rule set, schema).
    Header {
        /// The field.
        field: &'static str,
        /// As recorded.
        recorded: String,
        /// As now.
        now: String,
    },
    /// A recorded decision that cannot be recomputed: its applicant or unit
    /// is no longer in the data.
    Missing {
        /// Applicant id as recorded.
        applicant: String,
        /// Unit id.
        unit: String,
    },
    /// A decision whose recomputation differs.
    Decision {
        /// Applicant id as recorded.
        applicant: String,
        /// Unit id.
        unit: String,
        /// Every field that differs (`eligible`, `rules.wbmgp_art8_income`, …).
        fields: Vec<String>,
    },
    /// A ranking whose recomputation differs.
    Ranking {
        /// The unit.
        unit: String,
        /// Applicants whose place, keys or reasons differ, or `keys`.
        fields: Vec<String>,
    },
}

impl fmt::Display for Difference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Difference::File { kind, path, change } => {
                write!(f, "{change} {kind} file `{path}`")
            }
            Difference::Moved { kind, from, to } => {
                write!(f, "moved {kind} file `{from}` to `{to}`, unchanged")
            }
            Difference::Header {
                field,
                recorded,
                now,
            } => write!(f, "{field} differs: recorded `{recorded}`, now `{now}`"),
            Difference::Missing { applicant, unit } => write!(
                f,
                "decision {applicant} → {unit} cannot be recomputed: not in the data"
            ),
            Difference::Decision {
                applicant,
                unit,
                fields,
            } => write!(
                f,
                "decision {applicant} → {unit} differs in {}",
                fields.join(", ")
            ),
            Difference::Ranking { unit, fields } => {
                write!(f, "ranking of {unit} differs for {}", fields.join(", "))
            }
        }
    }
}

impl Difference {
    /// Whether this difference changes what the run decided: a file that
    /// only moved inside its folder does not.
    pub fn is_change(&self) -> bool {
        !matches!(self, Difference::Moved { .. })
    }
}

/// Why a recorded run cannot be recomputed at all.
#[derive(Debug)]
pub enum VerifyError {
    /// The rules or data cannot be set up for its date.
    Setup(SetupError),
    /// A redacted run whose pseudonyms match no applicant under the key
    /// given (or the default key): the key is wrong, not every decision.
    WrongKey {
        /// How many pseudonyms the run records.
        pseudonyms: usize,
        /// Whether a key was given (else the seed's default key was used).
        given: bool,
    },
}

impl From<SetupError> for VerifyError {
    fn from(e: SetupError) -> Self {
        VerifyError::Setup(e)
    }
}

impl VerifyError {
    /// The error as a terminal user reads it.
    pub fn render(&self) -> String {
        match self {
            VerifyError::Setup(e) => e.render(),
            VerifyError::WrongKey { pseudonyms, given } => format!(
                "error: the redaction key does not fit this run: none of its {pseudonyms} pseudonyms is an applicant of the data under {}\n = help: {}\n",
                if *given {
                    "the key given"
                } else {
                    "the default key of its seed"
                },
                if *given {
                    "give the `--redact-key` the run was made with"
                } else {
                    "the run was made with a `--redact-key`; give the same one"
                }
            ),
        }
    }
}

/// Recomputes `recorded` on `inputs` with its date, seed, pairs, trace and
/// redaction (with `key`, or the key derived from its seed), and returns
/// every difference, files first.
pub fn verify(
    inputs: &Inputs,
    recorded: &EvalOutput,
    key: Option<&[u8]>,
) -> Result<Vec<Difference>, VerifyError> {
    let h = &recorded.header;
    let given = key.is_some();
    let engine = inputs.engine(h.reference_date, h.seed)?;
    let mut now = EvalOutput {
        header: inputs.header(RunSettings {
            date: h.reference_date,
            seed: h.seed,
            redacted: false,
            traced: h.traced,
        })?,
        decisions: Vec::new(),
        rankings: Vec::new(),
    };
    let key = key.map_or_else(|| default_key(h.seed), <[u8]>::to_vec);
    // Recorded applicant ids (pseudonyms when redacted) → positions.
    let applicants: BTreeMap<String, usize> = inputs
        .data
        .applicants()
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let id = if h.redacted {
                pseudonym(&key, &a.id)
            } else {
                a.id.clone()
            };
            (id, i)
        })
        .collect();
    if h.redacted {
        let pseudonyms: std::collections::BTreeSet<&str> = recorded
            .decisions
            .iter()
            .map(|d| d.applicant.as_str())
            .chain(
                recorded
                    .rankings
                    .iter()
                    .flat_map(|r| r.candidates.iter().map(|c| c.applicant.as_str())),
            )
            .collect();
        if !pseudonyms.is_empty() && !pseudonyms.iter().any(|p| applicants.contains_key(*p)) {
            return Err(VerifyError::WrongKey {
                pseudonyms: pseudonyms.len(),
                given,
            });
        }
    }
    let mut differences = Vec::new();
    let mut recomputed: Vec<&DecisionRecord> = Vec::new();
    for d in &recorded.decisions {
        match (
            applicants.get(&d.applicant),
            inputs.data.unit_index(&d.unit),
        ) {
            (Some(&a), Some(u)) => {
                now.decisions.push(engine.record(a, u, h.traced));
                recomputed.push(d);
            }
            _ => differences.push(Difference::Missing {
                applicant: d.applicant.clone(),
                unit: d.unit.clone(),
            }),
        }
    }
    for r in &recorded.rankings {
        if let Some(u) = inputs.data.unit_index(&r.unit) {
            now.rankings.push(engine.rank(u, &inputs.candidates(u)));
        } else {
            differences.push(Difference::Ranking {
                unit: r.unit.clone(),
                fields: vec!["unit not in the data".into()],
            });
        }
    }
    inputs.settled(&engine)?;
    if h.redacted {
        redact(&mut now, &key);
    }
    let mut all = header_differences(recorded, &now);
    all.append(&mut differences);
    results(&recomputed, &recorded.rankings, &now, &mut all);
    Ok(all)
}

/// Every difference between a recorded output and `now`, an output
/// recomputed for the same question (a decision log's entry asked again):
/// files and header first, then decisions and rankings.
pub(crate) fn compare(recorded: &EvalOutput, now: &EvalOutput) -> Vec<Difference> {
    let mut all = header_differences(recorded, now);
    let pair = |d: &DecisionRecord| (d.applicant.clone(), d.unit.clone());
    let old_pairs: Vec<_> = recorded.decisions.iter().map(pair).collect();
    let new_pairs: Vec<_> = now.decisions.iter().map(pair).collect();
    if old_pairs != new_pairs {
        // Another candidate set: the rankings below say who.
        for (applicant, unit) in old_pairs.iter().filter(|p| !new_pairs.contains(p)) {
            all.push(Difference::Missing {
                applicant: applicant.clone(),
                unit: unit.clone(),
            });
        }
    }
    let kept: Vec<&DecisionRecord> = recorded
        .decisions
        .iter()
        .filter(|d| new_pairs.contains(&pair(d)))
        .collect();
    let now_kept = EvalOutput {
        header: now.header.clone(),
        decisions: now
            .decisions
            .iter()
            .filter(|d| old_pairs.contains(&pair(d)))
            .cloned()
            .collect(),
        rankings: now.rankings.clone(),
    };
    results(&kept, &recorded.rankings, &now_kept, &mut all);
    for old in &recorded.rankings {
        if !now.rankings.iter().any(|r| r.unit == old.unit) {
            all.push(Difference::Ranking {
                unit: old.unit.clone(),
                fields: vec!["not ranked now".into()],
            });
        }
    }
    all
}

/// The differences of the decisions `recorded` (in the order of
/// `now.decisions`) and of the rankings, added to `all`.
fn results(
    recorded: &[&DecisionRecord],
    rankings: &[Ranking],
    now: &EvalOutput,
    all: &mut Vec<Difference>,
) {
    for (old, new) in recorded.iter().zip(&now.decisions) {
        let fields = decision_fields(old, new);
        if !fields.is_empty() {
            all.push(Difference::Decision {
                applicant: old.applicant.clone(),
                unit: old.unit.clone(),
                fields,
            });
        }
    }
    for old in rankings {
        if let Some(new) = now.rankings.iter().find(|r| r.unit == old.unit) {
            let fields = ranking_fields(old, new);
            if !fields.is_empty() {
                all.push(Difference::Ranking {
                    unit: old.unit.clone(),
                    fields,
                });
            }
        }
    }
}

fn header_differences(recorded: &EvalOutput, now: &EvalOutput) -> Vec<Difference> {
    let (old, new) = (&recorded.header, &now.header);
    let mut out = Vec::new();
    files("rule", &old.rule_files, &new.rule_files, &mut out);
    files("input", &old.input_files, &new.input_files, &mut out);
    let fields = [
        (
            "schema version",
            old.schema_version.to_string(),
            new.schema_version.to_string(),
        ),
        ("engine", old.engine.clone(), new.engine.clone()),
        (
            "rule set name",
            old.ruleset.name.clone(),
            new.ruleset.name.clone(),
        ),
        (
            "rule set version",
            old.ruleset.version.clone(),
            new.ruleset.version.clone(),
        ),
    ];
    for (field, recorded, now) in fields {
        if recorded != now {
            out.push(Difference::Header {
                field,
                recorded,
                now,
            });
        }
    }
    out
}

/// Compares the recorded files with the files now, each by its path inside
/// its folder (the rule set's or the data folder), so the same files named
/// `./rules/heerlen` or `rules/heerlen`, or from another working folder,
/// match. A file whose recorded bytes now lie at another path has moved.
pub(crate) fn files(
    kind: &'static str,
    old: &[FileHash],
    new: &[FileHash],
    out: &mut Vec<Difference>,
) {
    let old = inside_folder(old);
    let new = inside_folder(new);
    let paths: std::collections::BTreeSet<&String> = old.keys().chain(new.keys()).collect();
    let mut gone = Vec::new();
    let mut came = Vec::new();
    for path in paths {
        match (old.get(path), new.get(path)) {
            (Some(a), Some(b)) if a.sha256 == b.sha256 => {}
            (Some(a), Some(_)) => out.push(Difference::File {
                kind,
                path: a.path.clone(),
                change: "changed",
            }),
            (Some(a), None) => gone.push(*a),
            (None, Some(b)) => came.push(*b),
            (None, None) => {}
        }
    }
    for a in gone {
        match came.iter().position(|b| b.sha256 == a.sha256) {
            Some(at) => {
                let b = came.remove(at);
                out.push(Difference::Moved {
                    kind,
                    from: a.path.clone(),
                    to: b.path.clone(),
                });
            }
            None => out.push(Difference::File {
                kind,
                path: a.path.clone(),
                change: "removed",
            }),
        }
    }
    out.extend(came.into_iter().map(|b| Difference::File {
        kind,
        path: b.path.clone(),
        change: "added",
    }));
}

/// The files by their path inside the folder they share: the deepest folder
/// holding them all, which for rule files is the root file's folder (imports
/// stay inside it) and for input files the data folder.
fn inside_folder(files: &[FileHash]) -> BTreeMap<String, &FileHash> {
    let split: Vec<Vec<&str>> = files.iter().map(|f| parts(&f.path)).collect();
    let folder = split
        .iter()
        .map(|p| p.split_last().map_or(&[][..], |(_, dirs)| dirs))
        .reduce(|a, b| {
            let common = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            a.get(..common).unwrap_or(a)
        })
        .map_or(0, <[&str]>::len);
    files
        .iter()
        .zip(&split)
        .map(|(f, p)| (p.get(folder..).unwrap_or(&[]).join("/"), f))
        .collect()
}

/// The parts of a header's path (`/` between them), without empty and `.`
/// parts: `./rules//x.rules` and `rules/x.rules` are the same.
fn parts(path: &str) -> Vec<&str> {
    path.split('/')
        .filter(|p| !p.is_empty() && *p != ".")
        .collect()
}

fn decision_fields(old: &DecisionRecord, new: &DecisionRecord) -> Vec<String> {
    let mut fields = Vec::new();
    let mut check = |name: &str, same: bool| {
        if !same {
            fields.push(name.to_owned());
        }
    };
    check("eligible", old.eligible == new.eligible);
    check("failed", old.failed == new.failed);
    check("priority", old.priority == new.priority);
    check("points", old.points == new.points);
    check(
        "classifications",
        old.classifications == new.classifications,
    );
    check("unverified", old.unverified == new.unverified);
    let ids = |d: &DecisionRecord| d.rules.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    if ids(old) != ids(new) {
        fields.push("rules".into());
    } else {
        for (a, b) in old.rules.iter().zip(&new.rules) {
            if a != b {
                fields.push(format!("rules.{}", a.id));
            }
        }
    }
    fields
}

fn ranking_fields(old: &Ranking, new: &Ranking) -> Vec<String> {
    let mut fields = Vec::new();
    if old.keys != new.keys {
        fields.push("keys".into());
    }
    let len = old.candidates.len().max(new.candidates.len());
    for i in 0..len {
        match (old.candidates.get(i), new.candidates.get(i)) {
            (Some(a), Some(b)) if a == b => {}
            (Some(a), _) => fields.push(a.applicant.clone()),
            (None, Some(b)) => fields.push(b.applicant.clone()),
            (None, None) => {}
        }
    }
    fields
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata::sample_output;

    #[test]
    fn an_edited_decision_is_named_with_its_fields() {
        let old = sample_output();
        let mut new = old.clone();
        new.decisions[0].eligible = true;
        new.decisions[0].rules[1].message = None;
        assert_eq!(
            decision_fields(&old.decisions[0], &new.decisions[0]),
            ["eligible", "rules.household_fit"]
        );
    }

    #[test]
    fn files_are_added_removed_or_changed() {
        let old = sample_output();
        let mut new = old.clone();
        new.header.rule_files[0].sha256 = "00".repeat(32);
        new.header.input_files.clear();
        new.header.input_files.push(FileHash {
            path: "x.yaml".into(),
            sha256: String::new(),
        });
        let found: Vec<String> = header_differences(&old, &new)
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(
            found,
            [
                "changed rule file `rules/heerlen/heerlen.rules`",
                "removed input file `fixtures/heerlen-noord/units.yaml`",
                "added input file `x.yaml`",
            ]
        );
    }
}
