//! The parser on fixture files: every file under `fixtures/syntax/ok` parses,
//! and its AST is snapshotted as an S-expression; every file under
//! `fixtures/syntax/err` fails, and its rendered diagnostics are snapshotted.

mod support;

use std::path::{Path, PathBuf};

use toewijzer::diagnostics::{ToDiagnostic, render_text};
use toewijzer::source::{FileId, SourceMap};
use toewijzer::syntax::ast::{ExprKind, Item};
use toewijzer::syntax::{SyntaxError, parse_file};

/// A path relative to the crate, with `/` separators, so snapshots do not
/// depend on where the repository is checked out.
fn relative(path: &Path) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    path.strip_prefix(root)
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}

#[test]
fn ok_fixtures_parse() {
    insta::glob!("../fixtures/syntax/ok", "*.rules", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let mut sources = SourceMap::new();
        let file = sources.add(relative(path), text.clone());
        let ast = match parse_file(file, &text) {
            Ok(ast) => ast,
            Err(e) => panic!(
                "{} should parse:\n{}",
                path.display(),
                render_text(&sources, &[e.to_diagnostic()])
            ),
        };
        assert_eq!(
            ast.span.range(),
            0..text.len(),
            "the file span covers the file"
        );
        insta::assert_snapshot!(support::sexpr::dump(&ast));
    });
}

#[test]
fn err_fixtures_fail_with_a_located_error() {
    insta::glob!("../fixtures/syntax/err", "*.rules", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        let mut sources = SourceMap::new();
        let file = sources.add(relative(path), text.clone());
        let error = match parse_file(file, &text) {
            Ok(_) => panic!("{} should not parse", path.display()),
            Err(e) => e,
        };
        let diagnostic = error.to_diagnostic();
        let span = diagnostic.span.expect("a syntax error has a place");
        assert_eq!(span.file, file);
        assert!(
            span.end as usize <= text.len(),
            "the span lies inside the file"
        );
        insta::assert_snapshot!(render_text(&sources, &[diagnostic]));
    });
}

#[test]
fn nesting_up_to_the_limit_parses() {
    let depth = toewijzer::syntax::MAX_DEPTH;
    let parens = format!("gate g require {}x{}", "(".repeat(depth), ")".repeat(depth));
    let nots = format!("gate g require {}x", "not ".repeat(depth));
    let mixed = format!(
        "gate g require {}x{}",
        "not (".repeat(depth / 2),
        ")".repeat(depth / 2)
    );
    for text in [parens, nots, mixed] {
        assert!(parse_file(FileId(0), &text).is_ok(), "{text}");
    }
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let n = 10_000;
    let texts = [
        format!("gate g require {}x{}", "(".repeat(n), ")".repeat(n)),
        format!("gate g require {}x", "(".repeat(n)),
        format!("gate g require {}x", "not ".repeat(n)),
        format!("gate g require {}x", "-".repeat(n)),
        format!(
            "param p: set of x = {}{} from 2024-01-01",
            "{".repeat(n),
            "}".repeat(n)
        ),
        format!("gate g require true message \"{}\"", "{(".repeat(n)),
    ];
    for text in texts {
        match parse_file(FileId(0), &text) {
            Err(SyntaxError::TooDeep { span, .. }) => assert!(span.end as usize <= text.len()),
            other => panic!("expected a depth error, got {other:?}"),
        }
    }
}

#[test]
fn long_flat_chains_are_fine() {
    let text = format!("gate g require x{}", " or x and not y".repeat(5_000));
    let ast = parse_file(FileId(0), &text).unwrap();
    let Item::Gate(gate) = &ast.items[0] else {
        panic!("a gate")
    };
    let ExprKind::Logical { operands, .. } = &gate.require.kind else {
        panic!("an or chain")
    };
    assert_eq!(operands.len(), 5_001);
}

/// Every `.rules` file under `fixtures/` and `rules/`, sorted.
fn rule_files() -> Vec<PathBuf> {
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

#[test]
fn every_prefix_of_every_rule_file_parses_or_errors() {
    let files = rule_files();
    assert!(!files.is_empty());
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        for (end, _) in text.char_indices().chain([(text.len(), ' ')]) {
            let prefix = &text[..end];
            if let Err(e) = parse_file(FileId(0), prefix) {
                let span = e.span().expect("a parse error has a place");
                assert!(span.end as usize <= prefix.len(), "{}: {e}", path.display());
            }
        }
    }
}
