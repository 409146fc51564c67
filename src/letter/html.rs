//! A letter as one self-contained HTML page: inline styles for screen and
//! print, no external assets, every value escaped; the page shell and the
//! escaping are the reports' ([`crate::report::html::page`]).

use std::fmt::Write as _;

use super::{Block, Document};
use crate::report::html::{escape, page};

const STYLE: &str = "\
body{font-family:Verdana,Arial,sans-serif;font-size:12pt;line-height:1.5;max-width:42em;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.4em;margin-bottom:1em}
h2{font-size:1.15em;margin-top:1.6em}
h3{font-size:1em;margin-bottom:0.2em}
dl.heading{display:grid;grid-template-columns:max-content 1fr;gap:0.1em 1em}
dl.heading dt{font-weight:bold}
dl.heading dd{margin:0}
.closing{margin-top:2em}
.notes{margin-top:2em;border-top:1px solid #999;font-size:0.85em;color:#333}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}h3{break-after:avoid}.closing{break-inside:avoid}}
";

/// Renders `doc` as a complete HTML document.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "<h1>{}</h1>", escape(&doc.title));
    out.push_str("<dl class=\"heading\">\n");
    for (label, value) in &doc.heading {
        let _ = writeln!(out, "<dt>{}</dt><dd>{}</dd>", escape(label), escape(value));
    }
    out.push_str("</dl>\n");
    for section in &doc.sections {
        let _ = writeln!(out, "<h2>{}</h2>", escape(&section.heading));
        for block in &section.blocks {
            match block {
                Block::Subheading(s) => {
                    let _ = writeln!(out, "<h3>{}</h3>", escape(s));
                }
                Block::Paragraph(p) => {
                    let _ = writeln!(out, "<p>{}</p>", escape(p));
                }
                Block::Bullets(items) => {
                    out.push_str("<ul>\n");
                    for item in items {
                        let _ = writeln!(out, "<li>{}</li>", escape(item));
                    }
                    out.push_str("</ul>\n");
                }
            }
        }
    }
    let closing: Vec<String> = doc.closing.iter().map(|l| escape(l)).collect();
    let _ = writeln!(out, "<p class=\"closing\">{}</p>", closing.join("<br>\n"));
    if !doc.notes.is_empty() {
        out.push_str("<div class=\"notes\">\n");
        for note in &doc.notes {
            let _ = writeln!(out, "<p>{}</p>", escape(note));
        }
        out.push_str("</div>\n");
    }
    page::document("nl", &doc.title, STYLE, &out)
}
