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
    let mut stack: Vec<Frame> = Vec::new();
    // Nesting level at the current point, and the level of the innermost
    // open bracket (the level an operand falls back to).
    let mut level = 0usize;
    let mut last_word: &str = "";
    // The text not yet scanned: always a suffix of `text`.
    let mut rest = text;
    let offset = |rest: &str| text.len().saturating_sub(rest.len());
    while let Some(c) = rest.chars().next() {
        let after = skip_char(rest);
        if let Some(Frame::Str { template }) = stack.last().copied() {
            rest = match c {
                // An escape: the backslash and the character it escapes.
                '\\' => skip_char(after),
                '"' => {
                    stack.pop();
                    after
                }
                '\n' | '\r' => {
                    // A newline ends an unterminated string, as in the
                    // grammar, and is read again as code.
                    stack.pop();
                    rest
                }
                '{' | '}' if template && after.starts_with(c) => skip_char(after),
                '{' if template => {
                    stack.push(Frame::Hole { level });
                    level = deeper(file, level, offset(rest))?;
                    after
                }
                _ => after,
            };
            continue;
        }
        rest = match c {
            // A comment runs to the end of its line.
            '#' => rest.split_once('\n').map_or("", |(_, next)| next),
            '"' => {
                stack.push(Frame::Str {
                    template: last_word == "message",
                });
                last_word = "";
                after
            }
            '(' | '{' => {
                stack.push(Frame::Open { level });
                level = deeper(file, level, offset(rest))?;
                after
            }
            ')' | '}' => {
                match stack.pop() {
                    Some(Frame::Open { level: before }) => level = before,
                    // Back inside the message, whose frame is below the hole's.
                    Some(Frame::Hole { level: before }) => level = before,
                    Some(frame @ Frame::Str { .. }) => stack.push(frame),
                    None => {}
                }
                after
            }
            '-' => {
                level = deeper(file, level, offset(rest))?;
                after
            }
            c if c.is_ascii_alphabetic() || c == '_' => {
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .unwrap_or(rest.len());
                let (word, after_word) = rest.split_at_checked(end).unwrap_or((rest, ""));
                if word == "not" && !followed_by_in(after_word) {
                    level = deeper(file, level, offset(rest))?;
                } else {
                    level = operand_level(&stack);
                }
                last_word = word;
                after_word
            }
            c if c.is_ascii_whitespace() => after,
            _ => {
                level = operand_level(&stack);
                last_word = "";
                after
            }
        };
    }
    Ok(())
}

/// `text` without its first character.
fn skip_char(text: &str) -> &str {
    let mut chars = text.chars();
    chars.next();
    chars.as_str()
}

/// The level an operand sits at: one inside the innermost open bracket.
fn operand_level(stack: &[Frame]) -> usize {
    stack
        .iter()
        .rev()
        .find_map(|f| match f {
            // A level on the stack is at most `MAX_DEPTH`: no saturation.
            Frame::Open { level } | Frame::Hole { level } => Some(level.saturating_add(1)),
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

/// The level one deeper than `level`, or the error at byte `at` when that
/// is past [`MAX_DEPTH`].
fn deeper(file: FileId, level: usize, at: usize) -> Result<usize, SyntaxError> {
    match level.checked_add(1) {
        Some(deeper) if deeper <= MAX_DEPTH => Ok(deeper),
        _ => Err(SyntaxError::TooDeep {
            limit: MAX_DEPTH,
            // `at` is an offset into the text: one more cannot overflow.
            span: Span::new(file, at, at.saturating_add(1)),
        }),
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
