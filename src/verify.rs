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

/// Recomputes `recorded` on `inputs` with its date, seed, pairs, trace and
/// redaction (with `key`, or the key derived from its seed), and returns
/// every difference, files first.
pub fn verify(
    inputs: &Inputs,
    recorded: &EvalOutput,
    key: Option<&[u8]>,
) -> Result<Vec<Difference>, SetupError> {
    let h = &recorded.header;
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
    if h.redacted {
        redact(&mut now, &key);
    }
    let mut all = header_differences(recorded, &now);
    all.append(&mut differences);
    for (old, new) in recomputed.iter().zip(&now.decisions) {
        let fields = decision_fields(old, new);
        if !fields.is_empty() {
            all.push(Difference::Decision {
                applicant: old.applicant.clone(),
                unit: old.unit.clone(),
                fields,
            });
        }
    }
    for old in &recorded.rankings {
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
    Ok(all)
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

fn files(kind: &'static str, old: &[FileHash], new: &[FileHash], out: &mut Vec<Difference>) {
    let old: BTreeMap<&str, &str> = old
        .iter()
        .map(|f| (f.path.as_str(), f.sha256.as_str()))
        .collect();
    let new: BTreeMap<&str, &str> = new
        .iter()
        .map(|f| (f.path.as_str(), f.sha256.as_str()))
        .collect();
    let paths: std::collections::BTreeSet<&str> = old.keys().chain(new.keys()).copied().collect();
    for path in paths {
        let change = match (old.get(path), new.get(path)) {
            (Some(a), Some(b)) if a == b => continue,
            (Some(_), Some(_)) => "changed",
            (Some(_), None) => "removed",
            (None, _) => "added",
        };
        out.push(Difference::File {
            kind,
            path: path.to_owned(),
            change,
        });
    }
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
