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
pub use scan::MAX_DEPTH;

use pest::Parser as _;

use crate::source::FileId;

use ast::RuleFile;
use grammar::{Rule, RuleParser};

/// Parses the text of one rule file.
///
/// Stops at the first syntax error: pest cannot resume after one, and a
/// second error after a misparse is more often noise than news.
pub fn parse_file(file: FileId, text: &str) -> Result<RuleFile, SyntaxError> {
    let comments = scan::scan(file, text)?;
    let mut pairs =
        RuleParser::parse(Rule::file, text).map_err(|e| expected::unexpected(file, text, &e))?;
    let Some(pair) = pairs.next() else {
        return Err(SyntaxError::Internal {
            what: "the grammar produced no file".into(),
            span: crate::source::Span::new(file, 0, text.len()),
        });
    };
    let mut rule_file = lower::Lowerer::new(file, text, &comments).file(pair)?;
    rule_file.comments = comments;
    Ok(rule_file)
}
