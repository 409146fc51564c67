//! A letter as Markdown: a heading per section, the reasons as
//! subheadings, every value from the rules or the data escaped.

use std::fmt::Write as _;

use super::{Block, Document};

/// Renders `doc` as Markdown.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&doc.title));
    for (label, value) in &doc.heading {
        let _ = writeln!(out, "**{}:** {}  ", escape(label), escape(value));
    }
    for section in &doc.sections {
        let _ = writeln!(out, "\n## {}", escape(&section.heading));
        for block in &section.blocks {
            match block {
                Block::Subheading(s) => {
                    let _ = writeln!(out, "\n### {}", escape(s));
                }
                Block::Paragraph(p) => {
                    let _ = writeln!(out, "\n{}", escape(p));
                }
                Block::Bullets(items) => {
                    out.push('\n');
                    for item in items {
                        let _ = writeln!(out, "- {}", escape(item));
                    }
                }
            }
        }
    }
    out.push('\n');
    let last = doc.closing.len().saturating_sub(1);
    for (i, line) in doc.closing.iter().enumerate() {
        let end = if i < last { "  " } else { "" };
        let _ = writeln!(out, "{}{end}", escape(line));
    }
    if !doc.notes.is_empty() {
        out.push_str("\n---\n");
        for note in &doc.notes {
            let _ = writeln!(out, "\n*{}*", escape(note));
        }
    }
    out
}

/// Text with Markdown's markup characters escaped, so a value from a rule
/// or a data file is shown as written and never read as markup.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}
