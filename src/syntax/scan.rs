//! A lexical pre-pass over a rule file that bounds the nesting depth before
//! pest sees the text.
//!
//! pest and the Pratt parser recurse once per parenthesis and per prefix
//! operator, so ten thousand `(` would overflow the stack. This pass walks the
//! text with an explicit stack, knows strings, message holes and comments the
//! way the grammar does, and stops at the first token nested too deep.

use crate::source::{FileId, Span};

use super::SyntaxError;

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

/// Scans `text` for the first place nested deeper than [`MAX_DEPTH`].
pub fn check_depth(file: FileId, text: &str) -> Result<(), SyntaxError> {
    let bytes = text.as_bytes();
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
                i = text
                    .get(i..)
                    .and_then(|rest| rest.find('\n'))
                    .map_or(text.len(), |n| i + n);
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
                    // Back inside the message, whose frame is below the hole's.
                    Some(Frame::Hole { level: before }) => level = before,
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
    Ok(())
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
        matches!(
            check_depth(FileId(0), text),
            Err(SyntaxError::TooDeep { .. })
        )
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

    #[test]
    fn strings_comments_and_message_holes_are_skipped_as_the_grammar_does() {
        let parens = "(".repeat(MAX_DEPTH + 1);
        // Inside a plain string, a comment, or a message's text: not nesting.
        assert!(!depth_error(&format!("source \"{parens}\"")));
        assert!(!depth_error(&format!("# {parens}")));
        assert!(!depth_error(&format!("message \"{{{{ {parens}\"")));
        // After a message with a hole, code is code again.
        assert!(depth_error(&format!(
            "message \"{{a}} b\" require {parens}"
        )));
        // Inside a hole, code is code.
        assert!(depth_error(&format!("message \"{{{parens}")));
    }
}
