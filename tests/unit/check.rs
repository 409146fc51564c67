//! The checker on fixture files: `fixtures/check/ok` and the real rule sets
//! check clean, every file under `fixtures/check/err` has at least one error
//! and every file under `fixtures/check/warn` only warnings; the rendered
//! diagnostics of each are snapshotted.

// Test helpers outside `#[test]` functions fail loudly too.
use std::path::{Path, PathBuf};

use crate::diagnostics::{Diagnostic, Severity, render_json, render_text};
use crate::run::{CheckReport, check_paths};
use crate::syntax::ast::{
    Exemption, ExemptionKind, Expr, ExprKind, Ident, Item, OrderKeyKind, TemplatePart, WindowKind,
};
use crate::syntax::parse_file;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Checks one path given relative to the crate, so rendered paths do not
/// depend on where the repository is checked out.
fn check(path: &Path) -> CheckReport {
    let relative = path.strip_prefix(root()).unwrap_or(path).to_path_buf();
    let cwd = std::env::current_dir().unwrap();
    assert_eq!(cwd, root(), "cargo runs tests in the crate root");
    check_paths(&[relative])
}

fn assert_spans_inside_files(report: &CheckReport) {
    for d in &report.diagnostics {
        let span = d.span.expect("a rule problem has a place");
        let file = report
            .sources
            .get(span.file)
            .expect("the span's file is loaded");
        assert!(span.start <= span.end && span.end as usize <= file.text.len());
    }
}

fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

#[test]
fn ok_fixtures_check_clean() {
    insta::glob!("../../fixtures/check/ok", "*.rules", |path| {
        let report = check(path);
        let text = render_text(&report.sources, &report.diagnostics);
        assert!(!report.has_errors(), "{}:\n{text}", path.display());
        assert_eq!(report.rule_sets.len(), 1);
    });
}

#[test]
fn err_fixtures_report_a_located_error() {
    insta::glob!("../../fixtures/check/err", "*.rules", |path| {
        let report = check(path);
        assert!(report.has_errors(), "{} should not check", path.display());
        assert!(report.rule_sets.is_empty());
        assert_spans_inside_files(&report);
        insta::assert_snapshot!(render_text(&report.sources, &report.diagnostics));
    });
}

#[test]
fn warn_fixtures_warn_without_errors() {
    insta::glob!("../../fixtures/check/warn", "*.rules", |path| {
        let report = check(path);
        assert_eq!(count(&report.diagnostics, Severity::Error), 0);
        assert!(count(&report.diagnostics, Severity::Warning) >= 1);
        assert_spans_inside_files(&report);
        insta::assert_snapshot!(render_text(&report.sources, &report.diagnostics));
    });
}

#[test]
fn the_heerlen_rules_check_clean() {
    let report = check(&root().join("rules/heerlen"));
    let text = render_text(&report.sources, &report.diagnostics);
    assert!(report.diagnostics.is_empty(), "{text}");
    assert_eq!(report.rule_sets.len(), 1);
}

#[test]
fn diagnostics_render_as_json_for_editors() {
    let report = check(&root().join("fixtures/check/err/unknown_field.rules"));
    insta::assert_snapshot!(render_json(&report.sources, &report.diagnostics));
}

#[test]
fn an_unreadable_path_is_bad_input() {
    let report = check(&root().join("fixtures/check/no-such-folder"));
    assert!(report.unreadable);
}

/// Every name a rule file *refers to* (not the names it declares): a typo in
/// any of them must be caught, located and given a hint.
fn references(items: &[Item]) -> Vec<Ident> {
    fn expr(e: &Expr, out: &mut Vec<Ident>) {
        match &e.kind {
            ExprKind::Literal(_) => {}
            ExprKind::Path(segs) => out.extend(segs.iter().cloned()),
            ExprKind::Call { callee, args } => {
                out.extend(callee.iter().cloned());
                args.iter().for_each(|a| expr(a, out));
            }
            ExprKind::Designated { subject, kind } => {
                expr(subject, out);
                out.push(kind.clone());
            }
            ExprKind::Unary { operand, .. } => expr(operand, out),
            ExprKind::Binary { lhs, rhs, .. } => {
                expr(lhs, out);
                expr(rhs, out);
            }
            ExprKind::Logical { operands: xs, .. } | ExprKind::Set(xs) => {
                xs.iter().for_each(|x| expr(x, out));
            }
        }
    }
    let mut out = Vec::new();
    for item in items {
        let mut exprs: Vec<&Expr> = Vec::new();
        match item {
            Item::Region(_) => {}
            Item::Param(p) => exprs.extend(p.values.iter().map(|v| &v.value)),
            Item::Gate(g) => {
                exprs.extend(g.applies.iter());
                exprs.push(&g.require);
                for Exemption { kind, .. } in &g.exemptions {
                    match kind {
                        ExemptionKind::When(e) => exprs.push(e),
                        ExemptionKind::Override(i) => out.push(i.clone()),
                    }
                }
                for part in g.message.iter().flat_map(|m| &m.parts) {
                    if let TemplatePart::Hole(e) = part {
                        exprs.push(e);
                    }
                }
            }
            Item::Priority(p) => exprs.push(&p.when),
            Item::Tailored(t) => exprs.push(&t.when),
            Item::Define(d) => exprs.push(&d.body),
            Item::Designation(_) => {}
            Item::Points(p) => exprs.extend(p.contributions.iter().map(|c| &c.when)),
            Item::Classify(c) => exprs.extend(c.labels.iter().filter_map(|l| l.when.as_ref())),
            Item::Quota(q) => {
                exprs.extend(q.applies.iter().chain(q.among.iter()));
                exprs.push(&q.share);
                exprs.push(&q.with);
                if let WindowKind::Rolling(e) = &q.window.kind {
                    exprs.push(e);
                }
            }
            Item::Order(o) => exprs.extend(o.keys.iter().filter_map(|k| match &k.kind {
                OrderKeyKind::Expr(e) => Some(e),
                _ => None,
            })),
        }
        exprs.into_iter().for_each(|e| expr(e, &mut out));
    }
    out
}

/// Copies a folder of rule files to a fresh scratch folder.
fn scratch_copy(from: &Path, name: &str) -> PathBuf {
    let to = std::env::temp_dir().join(format!("toewijzer-typo-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&to);
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(from).unwrap().flatten() {
        if entry.path().extension().is_some_and(|e| e == "rules") {
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    to
}

#[test]
fn a_typo_in_any_referenced_name_is_located_and_hinted() {
    let rules = root().join("rules/heerlen");
    let scratch = scratch_copy(&rules, "heerlen");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&scratch)
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .collect();
    files.sort();
    let mut tried = 0;
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let ast = parse_file(crate::source::FileId(0), &text).unwrap();
        for ident in references(&ast.items) {
            // Double the middle letter: `registered_on` → `registeered_on`.
            let (start, end) = (ident.span.start as usize, ident.span.end as usize);
            let middle = start + ident.name.len() / 2;
            let typo = format!(
                "{}{}{}",
                &text[..middle],
                &text[middle..middle + 1],
                &text[middle..]
            );
            std::fs::write(file, &typo).unwrap();
            let report = check_paths(std::slice::from_ref(&scratch));
            std::fs::write(file, &text).unwrap();
            let located = report.diagnostics.iter().find(|d| {
                d.severity == Severity::Error
                    && d.span.is_some_and(|s| {
                        report.sources.get(s.file).is_some_and(|f| &f.path == file)
                            && (s.start as usize) <= middle
                            && middle <= s.end as usize
                    })
            });
            let Some(d) = located else {
                panic!(
                    "a typo in `{}` at {}:{start}..{end} was not caught:\n{}",
                    ident.name,
                    file.display(),
                    render_text(&report.sources, &report.diagnostics)
                );
            };
            assert!(
                d.hint.is_some(),
                "no hint for a typo in `{}`: {}",
                ident.name,
                d.message
            );
            tried += 1;
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(tried > 100, "only {tried} names were tried");
}
