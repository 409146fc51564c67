//! Rule text to AST: the pest grammar, lowering, and syntax errors.
//!
//! [`parse_file`] reads one file; [`imports::load_rule_sets`] gathers the
//! files of each rule set from the paths a user names.

pub mod ast;
mod error;
mod expected;
mod grammar;
pub mod imports;
mod lower;
mod scan;
pub(crate) mod variant;

pub use error::SyntaxError;
pub(crate) use expected::is_reserved;
pub use lower::MAX_EXPR_DEPTH;
#[cfg(test)]
pub use scan::MAX_DEPTH;

use pest::Parser as _;

use pest::iterators::Pair;

use crate::source::{FileId, Span};

use ast::{Comment, RuleFile};
use grammar::{Rule, RuleParser};

/// Parses the text of one rule file.
///
/// Stops at the first syntax error: pest cannot resume after one;
/// [`syntax_errors`] finds the others by setting the broken rule aside.
pub fn parse_file(file: FileId, text: &str) -> Result<RuleFile, SyntaxError> {
    scan::check_depth(file, text)?;
    let mut pairs =
        RuleParser::parse(Rule::file, text).map_err(|e| expected::unexpected(file, text, &e))?;
    let Some(pair) = pairs.next() else {
        return Err(SyntaxError::Internal {
            what: "the grammar produced no file".into(),
            span: Span::new(file, 0, text.len()),
        });
    };
    let comments = comments(file, &pair);
    let mut rule_file = lower::Lowerer::new(file, text, &comments).file(pair)?;
    rule_file.comments = comments;
    Ok(rule_file)
}

/// The most syntax errors reported for one file: past the first few, a
/// file is more likely broken as a whole than in so many places.
pub(crate) const MAX_SYNTAX_ERRORS: usize = 20;

/// Every syntax error of a file, not only the first: after an error the
/// item it lies in (from the line that starts it to the next line that
/// starts an item) is blanked out, keeping every offset, and the file is
/// parsed again, at most [`MAX_SYNTAX_ERRORS`] times. The first error is
/// the one [`parse_file`] reports.
pub fn syntax_errors(file: FileId, text: &str) -> Vec<SyntaxError> {
    let mut masked = text.to_owned();
    let mut errors: Vec<SyntaxError> = Vec::new();
    while errors.len() < MAX_SYNTAX_ERRORS {
        let Err(error) = parse_file(file, &masked) else {
            break;
        };
        let at = error
            .span()
            .map_or(masked.len(), |s| (s.start as usize).min(masked.len()));
        let (start, end) = item_around(&masked, at);
        let stuck = errors.last() == Some(&error) || start >= end;
        errors.push(error);
        // A depth error, an error outside any item, or one that does not
        // move: nothing further can be learnt.
        if stuck || matches!(errors.last(), Some(SyntaxError::TooDeep { .. })) {
            break;
        }
        blank(&mut masked, start, end);
    }
    errors
}

/// The item that holds byte `at`: from the start of the line that begins
/// it (an item keyword at the start of a line) to the start of the next
/// such line, or the end of the file.
fn item_around(text: &str, at: usize) -> (usize, usize) {
    let starts_item = |line: &str| {
        expected::ITEM_KEYWORDS.iter().any(|k| {
            line.strip_prefix(k)
                .is_some_and(|rest| rest.starts_with([' ', '\t']))
        })
    };
    let mut start = None;
    let mut end = text.len();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if starts_item(line) {
            if offset <= at {
                start = Some(offset);
            } else {
                end = offset;
                break;
            }
        }
        offset = offset.saturating_add(line.len());
    }
    (start.unwrap_or(end), end)
}

/// Replaces `text[start..end]` by spaces, keeping line breaks and the byte
/// length, so every later offset and line stays where it was.
fn blank(text: &mut String, start: usize, end: usize) {
    let Some(part) = text.get(start..end) else {
        return;
    };
    let spaces: String = part
        .chars()
        .map(|c| {
            if c == '\n' || c == '\r' {
                c.to_string()
            } else {
                " ".repeat(c.len_utf8())
            }
        })
        .collect();
    text.replace_range(start..end, &spaces);
}

/// Every comment pest skipped, in file order: the grammar alone decides what
/// a comment is, so fmt can never lose one that a scanner of its own missed.
fn comments(file: FileId, pair: &Pair<'_, Rule>) -> Vec<Comment> {
    pair.clone()
        .into_inner()
        .flatten()
        .filter(|p| p.as_rule() == Rule::COMMENT)
        .map(|p| {
            let span = p.as_span();
            Comment {
                text: p
                    .as_str()
                    .strip_prefix('#')
                    .unwrap_or(p.as_str())
                    .to_owned(),
                span: Span::new(file, span.start(), span.end()),
            }
        })
        .collect()
}
