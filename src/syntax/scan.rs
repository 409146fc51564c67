//! A lexical pre-pass over a rule file: collects the comments and bounds the
//! nesting depth before pest sees the text.
//!
//! pest and the Pratt parser recurse once per parenthesis and per prefix
//! operator, so ten thousand `(` would overflow the stack. This pass walks the
//! text with an explicit stack, knows strings, message holes and comments the
//! way the grammar does, and stops at the first token nested too deep.

use crate::source::{FileId, Span};

use super::SyntaxError;
use super::ast::Comment;

/// How deep parentheses, braces, message holes and chains of prefix `not` /
/// `-` may nest.
pub const MAX_DEPTH: usize = 64;

/// What a frame on the scanner's stack is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// `(` or `{` in code; `level` is the nesting level before it opened.
    Open { level: usize },
    /// `{` of a message hole; returns to the message when closed.
    Hole { level: usize },
    /// Inside a string; `template` when it is a message with holes.
    Str { template: bool },
}

/// Scans `text`, returning its comments in file order, or the first place
/// nested deeper than [`MAX_DEPTH`].
pub fn scan(file: FileId, text: &str) -> Result<Vec<Comment>, SyntaxError> {
    let bytes = text.as_bytes();
    let mut comments = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    // Nesting level at the current point, and the level of the innermost
    // open bracket (the level an operand falls back to).
    let mut level = 0usize;
    let mut last_word: &str = "";
    let mut i = 0usize;
    while i < bytes.len() {
        let b = bytes[i];
        if let Some(Frame::Str { template }) = stack.last().copied() {
            match b {
                b'\\' => i += 2,
                b'"' | b'\n' | b'\r' => {
                    // A newline ends an unterminated string, as in the grammar.
                    stack.pop();
                    i += usize::from(b == b'"');
                }
                b'{' if template && bytes.get(i + 1) == Some(&b'{') => i += 2,
                b'}' if template && bytes.get(i + 1) == Some(&b'}') => i += 2,
                b'{' if template => {
                    stack.push(Frame::Hole { level });
                    level += 1;
                    check(file, level, i)?;
                    i += 1;
                }
                _ => i += 1,
            }
            continue;
        }
        match b {
            b'#' => {
                let end = text[i..].find('\n').map_or(text.len(), |n| i + n);
                let line = &text[i..end];
                let body = line.strip_suffix('\r').unwrap_or(line);
                comments.push(Comment {
                    text: body[1..].to_owned(),
                    span: Span::new(file, i, i + body.len()),
                });
                i = end;
            }
            b'"' => {
                stack.push(Frame::Str {
                    template: last_word == "message",
                });
                last_word = "";
                i += 1;
            }
            b'(' | b'{' => {
                stack.push(Frame::Open { level });
                level += 1;
                check(file, level, i)?;
                i += 1;
            }
            b')' | b'}' => {
                match stack.pop() {
                    Some(Frame::Open { level: before }) => level = before,
                    Some(Frame::Hole { level: before }) => {
                        level = before;
                        // Back inside the message the hole belongs to.
                        stack.push(Frame::Str { template: true });
                    }
                    Some(frame @ Frame::Str { .. }) => stack.push(frame),
                    None => {}
                }
                i += 1;
            }
            b'-' => {
                level += 1;
                check(file, level, i)?;
                i += 1;
            }
            b if b.is_ascii_alphabetic() || b == b'_' => {
                let end = text[i..]
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .map_or(text.len(), |n| i + n);
                let word = &text[i..end];
                if word == "not" && !followed_by_in(&text[end..]) {
                    level += 1;
                    check(file, level, i)?;
                } else {
                    level = operand_level(&stack);
                }
                last_word = word;
                i = end;
            }
            b if b.is_ascii_whitespace() => i += 1,
            _ => {
                level = operand_level(&stack);
                last_word = "";
                i += text
                    .get(i..)
                    .and_then(|s| s.chars().next())
                    .map_or(1, char::len_utf8);
            }
        }
    }
    Ok(comments)
}

/// The level an operand sits at: one inside the innermost open bracket.
fn operand_level(stack: &[Frame]) -> usize {
    stack
        .iter()
        .rev()
        .find_map(|f| match f {
            Frame::Open { level } | Frame::Hole { level } => Some(level + 1),
            Frame::Str { .. } => None,
        })
        .unwrap_or(0)
}

/// Whether the rest of the text starts (after blanks) with the word `in`,
/// making a preceding `not` the infix `not in`.
fn followed_by_in(rest: &str) -> bool {
    let rest = rest.trim_start();
    rest.strip_prefix("in")
        .is_some_and(|r| !r.starts_with(|c: char| c.is_ascii_alphanumeric() || c == '_'))
}

fn check(file: FileId, level: usize, at: usize) -> Result<(), SyntaxError> {
    if level > MAX_DEPTH {
        Err(SyntaxError::TooDeep {
            limit: MAX_DEPTH,
            span: Span::new(file, at, at + 1),
        })
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_error(text: &str) -> bool {
        matches!(scan(FileId(0), text), Err(SyntaxError::TooDeep { .. }))
    }

    #[test]
    fn comments_are_found_outside_strings_only() {
        let text = "gate a # one\n  message \"x # y {a # z}\"\n# two\r\n";
        let comments = scan(FileId(0), text).unwrap();
        let texts: Vec<_> = comments.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, [" one", " z}\"", " two"]);
    }

    #[test]
    fn plain_strings_have_no_holes() {
        let comments = scan(FileId(0), "source \"a { b\" # c\n").unwrap();
        assert_eq!(comments.len(), 1);
    }

    #[test]
    fn depth_counts_brackets_and_prefix_chains() {
        let ok = format!("{}x{}", "(".repeat(MAX_DEPTH), ")".repeat(MAX_DEPTH));
        assert!(!depth_error(&ok));
        let deep = format!(
            "{}x{}",
            "(".repeat(MAX_DEPTH + 1),
            ")".repeat(MAX_DEPTH + 1)
        );
        assert!(depth_error(&deep));
        assert!(depth_error(&"not ".repeat(MAX_DEPTH + 1)));
        assert!(!depth_error(&"a and not b ".repeat(1000)));
        assert!(!depth_error(&"a - b ".repeat(1000)));
        assert!(!depth_error(&"x not in y ".repeat(1000)));
    }
}
