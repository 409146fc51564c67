//! Variants: named changes to a baseline rule set and its data (issue 11),
//! written in `.variant` files and compared with the baseline by
//! `toewijzer diff`.
//!
//! A variant is applied by name to the rule files' AST and to the loaded
//! data, and the result is checked by the ordinary checker, so every legal
//! limit holds for a variant as for any rule set: a variant that breaks one
//! is refused with the checker's located error. The syntax is in
//! [`crate::syntax::variant`]; the format is described in `docs/variants.md`.

mod apply;
mod error;

use std::path::Path;

use serde::{Deserialize, Serialize};

pub use apply::{Touched, apply};
pub use error::VariantError;

use crate::check::{self, CheckedRuleSet};
use crate::diagnostics::{Diagnostic, Label, Severity, ToDiagnostic};
use crate::model::Dataset;
use crate::run::{SetupError, check_rule_set};
use crate::source::SourceMap;
use crate::syntax::SyntaxError;
use crate::syntax::imports::load_rule_sets;
use crate::syntax::variant::{Change, VariantFile, parse_variant};

/// What a variant is, as a report names it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VariantInfo {
    /// Machine name.
    pub name: String,
    /// Human title.
    pub title: String,
    /// The proposal it models.
    pub source: String,
    /// The variant file, as given.
    pub file: String,
}

/// The other side of a comparison: checked rules, the files they were read
/// from, and the data when the variant changed it.
#[derive(Debug)]
pub struct Side {
    /// The amended (or other) rule set, checked.
    pub rules: CheckedRuleSet,
    /// Every file read for it, the variant file among them.
    pub sources: SourceMap,
    /// The amended data; `None` when the baseline's data stands.
    pub data: Option<Dataset>,
    /// What differs from the baseline.
    pub touched: Touched,
    /// The variant, when the side is one.
    pub variant: Option<VariantInfo>,
}

/// Reads the variant `path`, applies it to the rule set under `rules` and
/// to `baseline` (the data loaded from the data folder), and checks the
/// result. Every problem, in the variant or in what it makes of the rules,
/// comes back as [`SetupError::Rules`], rendered against its file.
pub fn load_variant(rules: &Path, path: &Path, baseline: &Dataset) -> Result<Side, SetupError> {
    let mut sources = SourceMap::new();
    let loaded = load_rule_sets(&[rules.to_path_buf()], &mut sources);
    let refuse = |sources: SourceMap, diagnostics: Vec<Diagnostic>| SetupError::Rules {
        sources,
        diagnostics,
    };
    let errors: Vec<Diagnostic> = loaded
        .problems
        .iter()
        .filter(|p| p.severity() == Severity::Error)
        .map(ToDiagnostic::to_diagnostic)
        .collect();
    if !errors.is_empty() {
        return Err(refuse(sources, errors));
    }
    let [set] = loaded.rule_sets.as_slice() else {
        return Err(SetupError::RuleSetCount {
            paths: rules.display().to_string(),
            count: loaded.rule_sets.len(),
        });
    };
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(e) => {
            let error = SyntaxError::unreadable(path, &e);
            return Err(refuse(sources, vec![error.to_diagnostic()]));
        }
    };
    let id = sources.add(path, text.as_str());
    let variant = match parse_variant(id, &text) {
        Ok(v) => v,
        Err(e) => return Err(refuse(sources, vec![e.to_diagnostic()])),
    };
    let mut files: Vec<_> = set.files.iter().map(|(_, ast)| ast.clone()).collect();
    let mut problems = Vec::new();
    let actual = files
        .first()
        .and_then(|f| f.header.as_ref())
        .map_or_else(String::new, |h| h.name.name.clone());
    if variant.header.amends.name != actual {
        problems.push(VariantError::OtherRuleSet {
            name: variant.header.amends.name.clone(),
            actual,
            span: variant.header.amends.span,
        });
    }
    // Only the complexes are amended: the rest of the data (a year's
    // million reactions) is copied only when a designation changed.
    let mut complexes = baseline.complexes().to_vec();
    let touched = apply(&variant, &mut files, &mut complexes, &mut problems);
    if !problems.is_empty() {
        let diagnostics = problems.iter().map(ToDiagnostic::to_diagnostic).collect();
        return Err(refuse(sources, diagnostics));
    }
    let checked = check::check(&files, &sources);
    let Some(rule_set) = checked.rule_set else {
        let diagnostics = checked
            .problems
            .iter()
            .filter(|p| p.severity() == Severity::Error)
            .map(|p| switched_off_here(p, &variant))
            .collect();
        return Err(refuse(sources, diagnostics));
    };
    let h = &variant.header;
    Ok(Side {
        rules: rule_set,
        sources,
        data: touched.data.then(|| {
            baseline
                .with_complexes(complexes)
                .unwrap_or_else(|complexes| {
                    let mut records = baseline.records();
                    records.complexes = complexes;
                    Dataset::new(records)
                })
        }),
        touched,
        variant: Some(VariantInfo {
            name: h.name.name.clone(),
            title: h.title.value.clone(),
            source: h.source.text.value.clone(),
            file: path.display().to_string().replace('\\', "/"),
        }),
    })
}

/// The checker's diagnostic, with the clause that switched the name off
/// beside it when a rule still reads a name the variant took out.
fn switched_off_here(problem: &check::CheckError, variant: &VariantFile) -> Diagnostic {
    let mut diagnostic = problem.to_diagnostic();
    if let check::CheckError::UnknownName { name, .. } = problem {
        for change in &variant.changes {
            if let Change::SwitchOff {
                name: off, span, ..
            } = change
            {
                if &off.name == name {
                    diagnostic.labels.push(Label {
                        span: *span,
                        message: format!("the variant switches `{name}` off here"),
                    });
                    diagnostic.hint = Some(format!(
                        "switch off the rules that read `{name}` too, or keep `{name}`"
                    ));
                }
            }
        }
    }
    diagnostic
}

/// Checks another rule folder as the other side (`diff --rules-new DIR`):
/// the same data, other rules.
pub fn load_rules_new(rules: &Path) -> Result<Side, SetupError> {
    let report = check_rule_set(rules)?;
    let sources = report.sources;
    let rules = report
        .rule_sets
        .into_iter()
        .next()
        .ok_or(SetupError::RuleSetCount {
            paths: rules.display().to_string(),
            count: 0,
        })?;
    Ok(Side {
        rules,
        sources,
        data: None,
        touched: Touched {
            rules: true,
            data: false,
        },
        variant: None,
    })
}
