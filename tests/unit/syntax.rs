//! The parser on fixture files: every file under `fixtures/syntax/ok` parses,
//! and its AST is snapshotted as an S-expression; every file under
//! `fixtures/syntax/err` fails, and its rendered diagnostics are snapshotted.

use super::support;

use std::path::Path;

use crate::diagnostics::{ToDiagnostic, render_text};
use crate::source::{FileId, SourceMap};
use crate::syntax::ast::{ExprKind, Item};
use crate::syntax::{SyntaxError, parse_file, syntax_errors};

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
    insta::glob!("../../fixtures/syntax/ok", "*.rules", |path| {
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
    insta::glob!("../../fixtures/syntax/err", "*.rules", |path| {
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

/// One run reports every syntax error of a file: after each, the rule it
/// lies in is set aside and the rest parsed again; every error fixture
/// still reports its first error first.
#[test]
fn every_syntax_error_of_a_file_is_reported_in_one_run() {
    let path = Path::new("fixtures/syntax/many/three_errors.rules");
    let text = std::fs::read_to_string(path).unwrap();
    let mut sources = SourceMap::new();
    let file = sources.add(relative(path), text.clone());
    let errors = syntax_errors(file, &text);
    assert_eq!(errors.len(), 3, "{errors:?}");
    let diagnostics: Vec<_> = errors.iter().map(ToDiagnostic::to_diagnostic).collect();
    insta::assert_snapshot!(render_text(&sources, &diagnostics));
    for entry in std::fs::read_dir("fixtures/syntax/err").unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let first = parse_file(FileId(0), &text).err();
        let all = syntax_errors(FileId(0), &text);
        assert_eq!(all.first(), first.as_ref(), "{}", path.display());
    }
}

#[test]
fn nesting_up_to_the_limit_parses() {
    let depth = crate::syntax::MAX_DEPTH;
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

/// Cuts every rule file at `cuts_per_file` evenly spaced character
/// boundaries (all of them when `None`) and parses each prefix: it must
/// parse or give an error inside the text, never panic.
fn prefixes_parse_or_error(cuts_per_file: Option<usize>) -> Vec<String> {
    let mut failures = Vec::new();
    for path in support::rule_files() {
        let Ok(text) = std::fs::read_to_string(&path) else {
            failures.push(format!("{}: unreadable", path.display()));
            continue;
        };
        let mut cuts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
        cuts.push(text.len());
        let step = cuts_per_file.map_or(1, |n| cuts.len().div_ceil(n).max(1));
        for end in cuts.into_iter().step_by(step) {
            let prefix = &text[..end];
            if let Err(e) = parse_file(FileId(0), prefix) {
                if e.span().is_none_or(|span| span.end as usize > prefix.len()) {
                    failures.push(format!("{} cut at {end}: {e} has no place", path.display()));
                }
            }
        }
    }
    failures
}

/// Each prefix is parsed in full and a debug build of pest parses about
/// two hundred kilobytes a second, so the everyday test samples 300 cuts per
/// file; `every_prefix_…` below (`cargo test -- --ignored`) takes them all.
#[test]
fn sampled_prefixes_of_every_rule_file_parse_or_error() {
    assert!(!support::rule_files().is_empty());
    assert_eq!(prefixes_parse_or_error(Some(300)), Vec::<String>::new());
}

#[test]
#[ignore = "quadratic in file size; run with --ignored"]
fn every_prefix_of_every_rule_file_parses_or_errors() {
    assert_eq!(prefixes_parse_or_error(None), Vec::<String>::new());
}

#[test]
fn spans_stop_before_trailing_blanks_and_comments() {
    let text = "gate g\n  require a   # why\n\n# next\n";
    let ast = parse_file(FileId(0), text).unwrap();
    let Item::Gate(gate) = &ast.items[0] else {
        panic!("a gate")
    };
    assert_eq!(&text[gate.require.span.range()], "a");
    assert_eq!(&text[gate.span.range()], "gate g\n  require a");
    assert_eq!(ast.span.range(), 0..text.len());
}
