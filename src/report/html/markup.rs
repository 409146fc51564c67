//! The Markdown the workflow reports write (`allocate`, `validate`,
//! `report`), laid out as HTML: headings, pipe tables, nested lists, code
//! blocks and paragraphs, with `code` and **strong** inline. Only that
//! subset, because only our own renderers feed it; every piece of text is
//! escaped, so a value that looks like markup stays text.
//!
//! One Markdown renderer per report stays the single place its content is
//! decided; the HTML follows it and cannot drift.

use std::fmt::Write as _;

use super::escape;
use super::page::Nest;

/// The blocks of `markdown` as HTML body content. Every level-3 heading
/// that names a decision (`A-001 → U-0101: …`) opens a section that
/// starts a new page in print.
pub fn to_html(markdown: &str) -> String {
    let mut out = String::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut lists = Nest::default();
    let mut code = false;
    let mut in_section = false;
    for line in markdown.lines().chain([""]) {
        if code {
            if line.starts_with("```") {
                out.push_str("</code></pre>\n");
                code = false;
            } else {
                let class = match line.chars().next() {
                    Some('-') => " class=\"del\"",
                    Some('+') => " class=\"ins\"",
                    _ => "",
                };
                let _ = writeln!(out, "<span{class}>{}</span>", escape(line));
            }
            continue;
        }
        let is_row = line.starts_with('|');
        let item = list_item(line);
        if !is_row && !table.is_empty() {
            write_table(&mut out, &std::mem::take(&mut table));
        }
        let block_starts = line.trim().is_empty()
            || is_row
            || item.is_some()
            || line.starts_with('#')
            || line.starts_with("```");
        if !paragraph.is_empty() && block_starts {
            let _ = writeln!(out, "<p>{}</p>", inline(&paragraph.join(" ")));
            paragraph.clear();
        }
        if item.is_none() && lists.is_open() && !line.starts_with("  ") {
            lists.close(&mut out);
            out.push('\n');
        }
        if line.starts_with("```") {
            out.push_str("<pre><code>");
            code = true;
        } else if is_row {
            let cells = cells(line);
            let rule = cells
                .iter()
                .all(|c| !c.is_empty() && c.chars().all(|ch| matches!(ch, '-' | ':')));
            if !rule {
                table.push(cells);
            }
        } else if let Some((depth, text)) = item {
            lists.item(&mut out, depth, &inline(text));
        } else if let Some((level, text)) = heading(line) {
            if level <= 3 && in_section {
                out.push_str("</section>\n");
                in_section = false;
            }
            if level == 3 && text.contains(" → ") {
                out.push_str("<section class=\"decision\">\n");
                in_section = true;
            }
            let _ = writeln!(out, "<h{level}>{}</h{level}>", inline(text));
        } else if !line.trim().is_empty() {
            paragraph.push(line.trim());
        }
    }
    if code {
        out.push_str("</code></pre>\n");
    }
    lists.close(&mut out);
    if in_section {
        out.push_str("</section>\n");
    }
    out
}

/// `- text` at an indent of two spaces per level.
fn list_item(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start_matches(' ');
    let indent = line.len().saturating_sub(trimmed.len());
    trimmed
        .strip_prefix("- ")
        .map(|text| (indent.checked_div(2).unwrap_or(0), text))
}

fn heading(line: &str) -> Option<(usize, &str)> {
    let text = line.trim_start_matches('#');
    let level = line.len().saturating_sub(text.len());
    let text = text.strip_prefix(' ')?;
    (1..=6).contains(&level).then_some((level, text))
}

/// A pipe table row's cells, with `\|` read back as a pipe.
fn cells(line: &str) -> Vec<String> {
    let inner = line.trim().trim_start_matches('|');
    let inner = inner.strip_suffix('|').unwrap_or(inner);
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut chars = inner.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek() == Some(&'|') => {
                cell.push('|');
                chars.next();
            }
            '|' => cells.push(std::mem::take(&mut cell).trim().to_owned()),
            c => cell.push(c),
        }
    }
    cells.push(cell.trim().to_owned());
    cells
}

fn write_table(out: &mut String, rows: &[Vec<String>]) {
    let Some((head, body)) = rows.split_first() else {
        return;
    };
    out.push_str("<table>\n<thead><tr>");
    for h in head {
        let _ = write!(out, "<th>{}</th>", inline(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in body {
        out.push_str("<tr>");
        for c in row {
            let _ = write!(out, "<td>{}</td>", inline(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// Escaped text with `code` and **strong** spans.
fn inline(text: &str) -> String {
    let mut out = String::new();
    for (i, piece) in text.split('`').enumerate() {
        if i.checked_rem(2) == Some(1) {
            let _ = write!(out, "<code>{}</code>", escape(piece));
            continue;
        }
        for (j, part) in piece.split("**").enumerate() {
            if j.checked_rem(2) == Some(1) {
                let _ = write!(out, "<strong>{}</strong>", escape(part));
            } else {
                out.push_str(&escape(part));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_lists_and_headings_become_html() {
        let html = to_html(
            "# Title\n\n| a | b |\n|---|---|\n| x\\|y | `z` |\n\n- one\n  - two\n- three\n\ntext **bold**\n",
        );
        assert!(html.contains("<h1>Title</h1>"));
        assert!(html.contains("<td>x|y</td><td><code>z</code></td>"));
        assert!(html.contains("<p>text <strong>bold</strong></p>"));
        assert_eq!(html.matches("<ul>").count(), html.matches("</ul>").count());
        assert_eq!(html.matches("<li>").count(), html.matches("</li>").count());
    }

    #[test]
    fn markup_in_values_stays_text() {
        let html = to_html("| <script> |\n|---|\n| <b> |\n");
        assert!(!html.contains("<script>") && html.contains("&lt;b&gt;"));
    }

    #[test]
    fn a_decision_heading_opens_a_section_for_print() {
        let html = to_html("## V\n\n### A-1 → U-1: eligible\n\n- x\n\n## Next\n");
        assert_eq!(html.matches("<section").count(), 1);
        assert_eq!(html.matches("</section>").count(), 1);
    }
}
