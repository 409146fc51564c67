//! The examples in `grammar/README.md` are real: each parses, and each is
//! already in the layout `fmt` writes.

#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use toewijzer::fmt::format_text;
use toewijzer::source::FileId;

#[test]
fn every_readme_example_parses_and_is_formatted() {
    let readme = include_str!("../grammar/README.md");
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
