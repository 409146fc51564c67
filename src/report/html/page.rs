//! The page every HTML output is written in: doctype, language, title, the
//! shared styles for screen and print, and the body. Pages carry no script
//! and load nothing, so they open the same offline, in a mail client or
//! from an archive years later.

use std::fmt::Write as _;

use super::escape;

/// Styles every report shares: readable type, tables that fit the page,
/// decisions that start on a new page in print.
pub(crate) const REPORT_STYLE: &str = "\
body{font-family:Verdana,Arial,sans-serif;font-size:11pt;line-height:1.45;max-width:60em;margin:2em auto;padding:0 1em;color:#111}
h1{font-size:1.5em}
h2{font-size:1.25em;margin-top:1.8em;border-bottom:1px solid #bbb}
h3{font-size:1.1em;margin-top:1.4em}
h4{font-size:1em}
table{border-collapse:collapse;margin:0.6em 0;font-size:0.92em}
th,td{border:1px solid #bbb;padding:0.2em 0.5em;text-align:left;vertical-align:top}
th{background:#eee}
td.n,th.n{text-align:right}
code{font-family:Consolas,monospace;font-size:0.95em;overflow-wrap:anywhere}
pre{background:#f4f4f4;padding:0.5em;overflow-x:auto;white-space:pre-wrap}
ul.trace{font-size:0.92em}
ul.trace ul{margin:0}
.no{color:#a00;font-weight:bold}
.yes{color:#060}
.del{color:#a00}
.ins{color:#060}
.note{color:#444;font-size:0.92em}
figure{margin:1em 0}
figcaption{font-size:0.92em;color:#333}
svg text{font-family:Verdana,Arial,sans-serif}
section.decision{border-top:1px solid #ddd}
@media print{body{margin:0;max-width:none;font-size:10pt}section.decision{break-before:page;border-top:none}h2,h3,h4{break-after:avoid}table,figure,pre,section.change{break-inside:avoid}a{color:inherit;text-decoration:none}}
";

/// A complete HTML document: `lang` and `title` for the head, `style`
/// inline, `body` as given (already escaped by its writer).
pub(crate) fn document(lang: &str, title: &str, style: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len().saturating_add(style.len()).saturating_add(256));
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{}</title>\n<style>\n{style}</style>\n</head>\n<body>\n",
        escape(lang),
        escape(title)
    );
    out.push_str(body);
    out.push_str("</body>\n</html>\n");
    out
}

/// A report page in English with the shared report styles.
pub(crate) fn report(title: &str, body: &str) -> String {
    document("en", title, REPORT_STYLE, body)
}

/// A table: `header` cells, then `rows`; every cell is escaped. A column
/// whose every body cell is a number is right-aligned.
pub(crate) fn table(out: &mut String, header: &[String], rows: &[Vec<String>]) {
    let numeric: Vec<bool> = (0..header.len())
        .map(|i| {
            !rows.is_empty()
                && rows.iter().all(|r| {
                    r.get(i)
                        .is_some_and(|c| !c.is_empty() && c.chars().all(|ch| ch.is_ascii_digit()))
                })
        })
        .collect();
    let class = |i: usize| {
        if numeric.get(i).copied().unwrap_or(false) {
            " class=\"n\""
        } else {
            ""
        }
    };
    out.push_str("<table>\n<thead><tr>");
    for (i, h) in header.iter().enumerate() {
        let _ = write!(out, "<th{}>{}</th>", class(i), escape(h));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for row in rows {
        out.push_str("<tr>");
        for (i, c) in row.iter().enumerate() {
            let _ = write!(out, "<td{}>{}</td>", class(i), escape(c));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

/// A heading of `level` (1–4) with escaped text and an optional id.
pub(crate) fn heading(out: &mut String, level: u8, id: Option<&str>, text: &str) {
    let level = level.clamp(1, 6);
    match id {
        Some(id) => {
            let _ = writeln!(
                out,
                "<h{level} id=\"{}\">{}</h{level}>",
                escape(&anchor(id)),
                escape(text)
            );
        }
        None => {
            let _ = writeln!(out, "<h{level}>{}</h{level}>", escape(text));
        }
    }
}

/// A paragraph of escaped text.
pub(crate) fn paragraph(out: &mut String, text: &str) {
    let _ = writeln!(out, "<p>{}</p>", escape(text));
}

/// A list of escaped items.
pub(crate) fn list(out: &mut String, items: &[String]) {
    out.push_str("<ul>\n");
    for item in items {
        let _ = writeln!(out, "<li>{}</li>", escape(item));
    }
    out.push_str("</ul>\n");
}

/// Nested lists written item by item: an item one level deeper opens a
/// list inside the item above it; [`Nest::close`] closes what is open.
#[derive(Debug, Default)]
pub(crate) struct Nest {
    open: usize,
}

impl Nest {
    /// An item at `depth` (0 is the outer list) whose content is `html`,
    /// already escaped.
    pub fn item(&mut self, out: &mut String, depth: usize, html: &str) {
        let want = depth.saturating_add(1);
        if want > self.open {
            while self.open < want {
                out.push_str("\n<ul>");
                self.open = self.open.saturating_add(1);
            }
        } else {
            out.push_str("</li>");
            while self.open > want {
                out.push_str("</ul></li>");
                self.open = self.open.saturating_sub(1);
            }
        }
        let _ = write!(out, "\n<li>{html}");
    }

    /// Whether a list is open.
    pub fn is_open(&self) -> bool {
        self.open > 0
    }

    /// Closes every open item and list.
    pub fn close(&mut self, out: &mut String) {
        if self.open > 0 {
            out.push_str("</li>");
        }
        while self.open > 0 {
            out.push_str("</ul>");
            self.open = self.open.saturating_sub(1);
            if self.open > 0 {
                out.push_str("</li>");
            }
        }
    }
}

/// A definition list of label and value pairs, both escaped.
pub(crate) fn pairs(out: &mut String, rows: &[(String, String)]) {
    out.push_str("<table>\n<tbody>\n");
    for (k, v) in rows {
        let _ = writeln!(out, "<tr><th>{}</th><td>{}</td></tr>", escape(k), escape(v));
    }
    out.push_str("</tbody>\n</table>\n");
}

/// An id attribute value from any text: letters and digits kept, every
/// other run of characters one `-`.
pub(crate) fn anchor(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_owned()
}

/// The page's text without its tags and with entities read back, one line
/// per block: what a reader sees, for tests and snapshots.
pub fn visible_text(html: &str) -> String {
    let body = html
        .split_once("<body>")
        .map_or(html, |(_, b)| b)
        .split_once("</body>")
        .map_or(html, |(b, _)| b);
    let mut out = String::new();
    let mut in_tag = false;
    let mut tag = String::new();
    for c in body.chars() {
        match (in_tag, c) {
            (false, '<') => {
                in_tag = true;
                tag.clear();
            }
            (true, '>') => {
                in_tag = false;
                let closing = tag.starts_with('/');
                let name = tag.trim_start_matches('/');
                let name = name.split([' ', '/']).next().unwrap_or_default();
                if matches!(
                    name,
                    "p" | "li"
                        | "tr"
                        | "h1"
                        | "h2"
                        | "h3"
                        | "h4"
                        | "br"
                        | "pre"
                        | "figcaption"
                        | "section"
                        | "table"
                        | "ul"
                        | "text"
                ) && !out.ends_with('\n')
                {
                    out.push('\n');
                } else if !closing && matches!(name, "td" | "th") && !out.ends_with('\n') {
                    // A cell after the first of its row.
                    out.push_str(" | ");
                }
            }
            (true, c) => tag.push(c),
            (false, c) => out.push(c),
        }
    }
    let text = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut joined = lines.join("\n");
    joined.push('\n');
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_is_complete_and_escapes_its_title() {
        let page = report("a < b", "<p>x</p>\n");
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
        assert!(page.contains("<title>a &lt; b</title>"));
        assert!(page.ends_with("</body>\n</html>\n"));
        assert!(!page.contains("<script") && !page.contains("http"));
    }

    #[test]
    fn cells_are_escaped_and_numbers_aligned() {
        let mut out = String::new();
        table(
            &mut out,
            &["a".into(), "n".into()],
            &[vec!["<b>".into(), "12".into()]],
        );
        assert!(out.contains("<td>&lt;b&gt;</td><td class=\"n\">12</td>"));
    }

    #[test]
    fn visible_text_drops_tags_and_reads_entities() {
        let page = report("t", "<h1>A &amp; B</h1>\n<p>x <code>y</code></p>\n");
        assert_eq!(visible_text(&page), "A & B\nx y\n");
    }

    #[test]
    fn nested_lists_close_every_list_they_open() {
        let mut out = String::new();
        let mut nest = Nest::default();
        for (depth, text) in [(0, "a"), (1, "b"), (2, "c"), (0, "d"), (1, "e")] {
            nest.item(&mut out, depth, text);
        }
        nest.close(&mut out);
        assert_eq!(out.matches("<ul>").count(), 4);
        assert_eq!(out.matches("<ul>").count(), out.matches("</ul>").count());
        assert_eq!(out.matches("<li>").count(), out.matches("</li>").count());
        assert!(out.ends_with("e</li></ul></li></ul>"), "{out}");
    }

    #[test]
    fn an_anchor_is_a_safe_id() {
        assert_eq!(anchor("A-001 → U-0101"), "a-001-u-0101");
    }
}
