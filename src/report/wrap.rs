//! Word wrapping for the text renderer, so every line fits an 80-column
//! terminal whatever the length of a message or a legal source.

/// The width text output is wrapped to.
pub const WIDTH: usize = 80;

/// Appends `text` to `out`, wrapped at [`WIDTH`]: the first line after
/// `indent` spaces, the following ones after `indent + hang`. A word longer
/// than a line (a hash, a path) stands on a line of its own, unbroken.
pub fn push_wrapped(out: &mut String, indent: usize, hang: usize, text: &str) {
    let mut column = indent;
    out.extend(std::iter::repeat_n(' ', indent));
    let mut at_line_start = true;
    // Spaces before the next word: runs of spaces are kept inside a line
    // (they align columns) and dropped at a break.
    let mut gap: usize = 0;
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            gap = gap.saturating_add(1);
        }
        if word.is_empty() {
            continue;
        }
        let len = word.chars().count();
        if !at_line_start && column.saturating_add(gap).saturating_add(len) > WIDTH {
            out.push('\n');
            column = indent.saturating_add(hang);
            out.extend(std::iter::repeat_n(' ', column));
            at_line_start = true;
        }
        if !at_line_start {
            out.extend(std::iter::repeat_n(' ', gap));
            column = column.saturating_add(gap);
        }
        out.push_str(word);
        column = column.saturating_add(len);
        gap = 0;
        at_line_start = false;
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_wraps_with_a_hanging_indent() {
        let mut out = String::new();
        let text = "word ".repeat(40);
        push_wrapped(&mut out, 2, 4, &text);
        let lines: Vec<&str> = out.lines().collect();
        assert!(lines.len() > 1);
        assert!(lines.iter().all(|l| l.chars().count() <= WIDTH));
        assert!(lines[0].starts_with("  word"));
        assert!(lines[1].starts_with("      word"));
    }

    #[test]
    fn a_word_longer_than_a_line_stands_alone() {
        let mut out = String::new();
        let long = "x".repeat(100);
        push_wrapped(&mut out, 0, 2, &format!("a {long} b"));
        assert_eq!(out, format!("a\n  {long}\n  b\n"));
    }
}
