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

pub use error::SyntaxError;
pub use expected::is_reserved;
pub use lower::MAX_EXPR_DEPTH;
pub use scan::MAX_DEPTH;

use pest::Parser as _;

use pest::iterators::Pair;

use crate::source::{FileId, Span};

use ast::{Comment, RuleFile};
use grammar::{Rule, RuleParser};

/// Parses the text of one rule file.
///
/// Stops at the first syntax error: pest cannot resume after one, and a
/// second error after a misparse is more often noise than news.
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
