//! Strings and names as fmt writes them: escapes restored, and a name left
//! bare only where the grammar would read it back as the same text.

use crate::syntax::ast::Text;

/// The escaped body of a string, without quotes.
fn escape(value: &str, braces: bool) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '{' if braces => out.push_str("{{"),
            '}' if braces => out.push_str("}}"),
            c => out.push(c),
        }
    }
    out
}

/// A string literal.
pub(super) fn quote(value: &str) -> String {
    format!("\"{}\"", escape(value, false))
}

/// The text between holes of a message, with literal braces doubled.
pub(super) fn quote_template(value: &str) -> String {
    escape(value, true)
}

/// A `Text` node as a string literal.
pub(super) fn text(t: &Text) -> String {
    quote(&t.value)
}

/// A region member: bare when it is a valid, unreserved name.
pub(super) fn member(t: &Text) -> String {
    let mut chars = t.value.chars();
    let starts_well = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    let bare = starts_well
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && !crate::syntax::is_reserved(&t.value);
    if bare { t.value.clone() } else { text(t) }
}
