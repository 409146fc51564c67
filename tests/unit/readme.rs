//! The examples in `grammar/README.md` are real: each parses, and each is
//! already in the layout `fmt` writes. The README's library example is the
//! crate documentation's, which runs as a doctest.

use crate::fmt::format_text;
use crate::source::FileId;

#[test]
fn every_readme_example_parses_and_is_formatted() {
    let readme = include_str!("../../grammar/README.md");
    let mut examples = 0;
    let mut in_block = false;
    let mut block = String::new();
    for line in readme.lines() {
        if line.trim_start().starts_with("```") {
            if in_block {
                let formatted = format_text(FileId(0), &block)
                    .unwrap_or_else(|e| panic!("README example does not parse: {e}\n{block}"));
                assert_eq!(formatted, block, "README example is not in fmt layout");
                examples += 1;
                block.clear();
            }
            in_block = !in_block;
        } else if in_block {
            block.push_str(line);
            block.push('\n');
        }
    }
    assert!(examples >= 9, "found {examples} examples");
}

/// The library example in the README is the crate documentation's, which
/// runs as a doctest: so the README's example runs too.
#[test]
fn the_readme_library_example_is_the_crate_doc_example() {
    let readme = include_str!("../../README.md");
    let start = readme.find("```rust\n").expect("a rust block in README") + "```rust\n".len();
    let end = start + readme[start..].find("```").expect("the block ends");
    let example = &readme[start..end];
    let lib = include_str!("../../src/lib.rs");
    let doc: String = lib
        .lines()
        .filter_map(|l| l.strip_prefix("//!"))
        .map(|l| format!("{}\n", l.strip_prefix(' ').unwrap_or(l)))
        .collect();
    let start = doc.find("```\n").expect("an example in the crate doc") + "```\n".len();
    let end = start + doc[start..].find("```").expect("the example ends");
    let shown: String = doc[start..end]
        .lines()
        .filter(|l| !l.starts_with("# "))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(example, shown);
}
