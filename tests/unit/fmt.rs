//! `fmt` on every rule file in the repository: the output is snapshotted for
//! the fmt fixtures, and for every file fmt must be idempotent and keep the
//! meaning (an equal AST, comments included).

use super::support;

use std::path::Path;

use crate::fmt::{format_file, format_text};
use crate::source::FileId;
use crate::syntax::parse_file;

#[test]
fn fmt_layout() {
    insta::glob!("../../fixtures", "{fmt,syntax/ok}/*.rules", |path| {
        let text = std::fs::read_to_string(path).unwrap();
        insta::assert_snapshot!(format_text(FileId(0), &text).unwrap());
    });
}

#[test]
fn fmt_is_idempotent_and_keeps_meaning_on_every_rule_file() {
    let mut checked = 0;
    for path in support::rule_files() {
        let text = std::fs::read_to_string(&path).unwrap();
        let Ok(ast) = parse_file(FileId(0), &text) else {
            continue; // error fixtures
        };
        let once = format_file(&ast, &text);
        let again = parse_file(FileId(0), &once).unwrap_or_else(|e| {
            panic!(
                "{}: formatted text does not parse: {e}\n{once}",
                path.display()
            )
        });
        assert!(
            crate::source::same_meaning(&again, &ast),
            "{}: fmt changed the meaning\n{again:?}\n{ast:?}",
            path.display()
        );
        let twice = format_file(&again, &once);
        assert_eq!(twice, once, "{}: fmt is not idempotent", path.display());
        checked += 1;
    }
    assert!(checked > 5);
}

/// Deleting a character of a valid file gives odd but often valid files;
/// fmt must keep the meaning of every one that parses. Every eleventh
/// character keeps the test quick in a debug build.
#[test]
fn fmt_keeps_meaning_after_a_character_is_deleted() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in ["fixtures/fmt/messy.rules"] {
        let text = std::fs::read_to_string(root.join(name)).unwrap();
        for (i, c) in text.char_indices().step_by(11) {
            let mutated = format!("{}{}", &text[..i], &text[i + c.len_utf8()..]);
            if parse_file(FileId(0), &mutated).is_err() {
                continue;
            }
            let once = format_text(FileId(0), &mutated)
                .unwrap_or_else(|e| panic!("{name} without byte {i}: {e}\n{mutated}"));
            let twice = format_text(FileId(0), &once).unwrap();
            assert_eq!(twice, once, "{name} without byte {i}: not idempotent");
        }
    }
}

/// The rule sets in `rules/` are kept in fmt layout (`toewijzer fmt rules`),
/// so a change to a rule shows in a diff as a change of meaning only.
#[test]
fn the_rules_folder_is_formatted() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for path in support::rule_files()
        .into_iter()
        .filter(|p| p.starts_with(root.join("rules")))
    {
        let text = std::fs::read_to_string(&path).unwrap();
        let formatted = format_text(FileId(0), &text).unwrap();
        assert!(
            formatted == text,
            "{} is not formatted; run `toewijzer fmt rules`",
            path.display()
        );
    }
}

/// Windows line endings and a byte-order mark change nothing but bytes:
/// the file means the same and formats to the same text.
#[test]
fn crlf_and_byte_order_mark_format_like_plain_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(root.join("fixtures/fmt/messy.rules")).unwrap();
    let windows = format!("\u{feff}{}", text.replace('\n', "\r\n"));
    assert!(crate::source::same_meaning(
        &parse_file(FileId(0), &windows).unwrap(),
        &parse_file(FileId(0), &text).unwrap()
    ));
    assert_eq!(
        format_text(FileId(0), &windows).unwrap(),
        format_text(FileId(0), &text).unwrap()
    );
}

/// A comment after every line and before every line of a file, wherever
/// that lands inside a clause: fmt keeps every comment in its order.
#[test]
fn fmt_keeps_comments_wherever_they_stand() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for name in [
        "fixtures/fmt/messy.rules",
        "fixtures/syntax/ok/all_constructs.rules",
    ] {
        let text = std::fs::read_to_string(root.join(name)).unwrap();
        let mut commented = String::new();
        for (i, line) in text.lines().enumerate() {
            commented += &format!("# before {i}\n{line} # after {i}\n");
        }
        let once = format_text(FileId(0), &commented)
            .unwrap_or_else(|e| panic!("{name}: {e}\n{commented}"));
        let twice = format_text(FileId(0), &once).unwrap();
        assert_eq!(twice, once, "{name}: not idempotent");
        for i in 0..text.lines().count() {
            for mark in [format!("# before {i}\n"), format!("# after {i}\n")] {
                assert!(
                    once.contains(&mark),
                    "{name}: `{}` was lost\n{once}",
                    mark.trim()
                );
            }
        }
    }
}
