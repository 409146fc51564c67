//! `toewijzer fmt`: the canonical layout of a rule file.
//!
//! The layout depends on the AST alone (never on how the input was laid
//! out, except that a blank line after a comment outside an item is kept),
//! which makes formatting idempotent; comments are put back beside the
//! clause they stood beside, in their original order, so the formatted file
//! parses to an AST equal to the input's, comments included.

mod expr;
mod items;
mod text;

use crate::source::{FileId, Span};
use crate::syntax::ast::{Comment, RuleFile};
use crate::syntax::{SyntaxError, parse_file};

use items::Block;

/// Formats a parsed file. `source_text` is the text `ast` was parsed from;
/// it tells where each comment stood.
pub fn format_file(ast: &RuleFile, source_text: &str) -> String {
    let mut blocks: Vec<Block> = Vec::new();
    if let Some(h) = &ast.header {
        blocks.push(items::header(h));
    }
    blocks.extend(items::imports(&ast.imports));
    if let Some(a) = &ast.authority {
        blocks.push(items::authority(a));
    }
    blocks.extend(ast.items.iter().map(items::item));

    let mut comments = ast.comments.iter().peekable();
    let mut out: Vec<String> = Vec::new();
    for block in &blocks {
        if !out.is_empty() {
            out.push(String::new());
        }
        let first_start = block.clauses.first().map_or(block.end, |c| c.start);
        while let Some(c) = comments.next_if(|c| (c.span.start as usize) < first_start) {
            out.push(comment(0, c));
            if blank_line_follows(source_text, c.span) {
                out.push(String::new());
            }
        }
        let mut clauses = block.clauses.iter().peekable();
        while let Some(clause) = clauses.next() {
            let next = clauses.peek();
            let region_end = next.map_or_else(|| line_end(source_text, block.end), |n| n.start);
            let own_indent = next.map_or(clause.indent, |n| n.indent);
            let mut lines = clause.lines.clone();
            let mut after = Vec::new();
            let mut first = true;
            while let Some(c) = comments.next_if(|c| (c.span.start as usize) < region_end) {
                match lines.last_mut() {
                    Some(last) if first && is_trailing(source_text, c.span) => {
                        last.push_str("  ");
                        last.push_str(&comment(0, c));
                    }
                    _ => after.push(comment(own_indent, c)),
                }
                first = false;
            }
            out.extend(lines);
            out.extend(after);
        }
    }
    if comments.peek().is_some() && !out.is_empty() {
        out.push(String::new());
    }
    while let Some(c) = comments.next() {
        out.push(comment(0, c));
        if comments.peek().is_some() && blank_line_follows(source_text, c.span) {
            out.push(String::new());
        }
    }
    if out.is_empty() {
        return String::new();
    }
    out.join("\n") + "\n"
}

/// Parses `text`, formats it, and checks that the result means the same:
/// it parses again to an equal AST. A difference is a bug in fmt, reported
/// as an internal error rather than written over the user's file.
pub fn format_text(file: FileId, text: &str) -> Result<String, SyntaxError> {
    let ast = parse_file(file, text)?;
    let formatted = format_file(&ast, text);
    let internal = |what: &str| SyntaxError::Internal {
        what: format!("fmt {what}"),
        span: Span::new(file, 0, 0),
    };
    match parse_file(file, &formatted) {
        Ok(again) if crate::source::same_meaning(&again, &ast) => Ok(formatted),
        Ok(_) => Err(internal("would change the meaning of this file")),
        Err(_) => Err(internal("produced text that does not parse")),
    }
}

fn comment(indent: usize, c: &Comment) -> String {
    format!("{}#{}", " ".repeat(indent), c.text)
}

/// Whether a blank line follows the comment's line, with more text after
/// it: outside items such blank lines are kept, so a file's opening comment
/// stays apart from the first rule.
fn blank_line_follows(source: &str, span: Span) -> bool {
    let after = line_end(source, span.end as usize);
    let rest = source.get(after..).unwrap_or("");
    let mut lines = rest.split('\n').skip(1);
    lines.next().is_some_and(|l| l.trim().is_empty()) && !rest.trim().is_empty()
}

/// Whether code precedes the comment on its line.
fn is_trailing(source: &str, span: Span) -> bool {
    source
        .get(..span.start as usize)
        .and_then(|before| before.rsplit('\n').next())
        .is_some_and(|line| !line.trim().is_empty())
}

/// The offset of the end of the line holding `pos`.
fn line_end(source: &str, pos: usize) -> usize {
    source
        .get(pos..)
        .and_then(|s| s.find('\n'))
        // `i` is an offset into `source[pos..]`: the sum is at most its length.
        .map_or(source.len(), |i| pos.saturating_add(i))
}
