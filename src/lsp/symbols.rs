//! What the cursor stands on: the dotted name around a position, the
//! rule set's own declarations, and what a name resolves to (a fact, a
//! function, a declaration, a vocabulary word), shared by hover,
//! definition and completion.

use crate::check::schema::{self, Fact, Field, Func, ROOTS};
use crate::check::types::{Record, Vocab};
use crate::source::{FileId, Span};
use crate::syntax::ast::{Item, RuleFile};

/// A name a rule set declares, with the item that declares it.
#[derive(Debug, Clone, Copy)]
pub struct Decl<'a> {
    /// The name.
    pub name: &'a str,
    /// Where the name is written in its declaration.
    pub span: Span,
    /// What declares it.
    pub kind: DeclKind<'a>,
}

/// The kinds of declaration.
#[derive(Debug, Clone, Copy)]
pub enum DeclKind<'a> {
    /// A `param`, `region`, `designation`, `define`, rule or quota: the item itself.
    Item(&'a Item),
    /// A label of a classification: the classification (the label's own
    /// name and place are the declaration's).
    Label(&'a Item),
}

/// Every declaration in `files`, in file order.
pub fn declarations<'a>(files: &[(FileId, &'a RuleFile)]) -> Vec<Decl<'a>> {
    let mut out = Vec::new();
    for (_, file) in files {
        for item in &file.items {
            let id = match item {
                Item::Region(x) => &x.id,
                Item::Param(x) => &x.id,
                Item::Define(x) => &x.id,
                Item::Designation(x) => &x.id,
                Item::Gate(x) => &x.id,
                Item::Priority(x) => &x.id,
                Item::Tailored(x) => &x.id,
                Item::Points(x) => &x.id,
                Item::Classify(x) => &x.id,
                Item::Quota(x) => &x.id,
                Item::Order(_) => continue,
            };
            out.push(Decl {
                name: &id.name,
                span: id.span,
                kind: DeclKind::Item(item),
            });
            if let Item::Classify(c) = item {
                out.extend(c.labels.iter().map(|label| Decl {
                    name: &label.name.name,
                    span: label.name.span,
                    kind: DeclKind::Label(item),
                }));
            }
        }
    }
    out
}

/// The dotted name under a cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token<'t> {
    /// The parts up to and including the one under the cursor.
    pub parts: Vec<&'t str>,
    /// The byte range of the part under the cursor.
    pub start: usize,
    /// One past its last byte.
    pub end: usize,
    /// The name is called: `(` follows the part under the cursor, the last.
    pub called: bool,
}

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The dotted name at byte `offset` of `text` (the cursor may stand just
/// after its last character); `None` on anything else, in a comment or in
/// a string.
pub fn token_at(text: &str, offset: usize) -> Option<Token<'_>> {
    let offset = offset.min(text.len());
    if !matches!(place(text, offset), Place::Code) {
        return None;
    }
    let before = text.get(..offset)?;
    let after = text.get(offset..)?;
    let start = before
        .rfind(|c: char| !(name_char(c) || c == '.'))
        .map_or(0, |i| i.saturating_add(1));
    let end = after
        .find(|c: char| !(name_char(c) || c == '.'))
        .map_or(text.len(), |i| offset.saturating_add(i));
    let whole = text.get(start..end)?;
    let mut at = start;
    let mut parts = Vec::new();
    for part in whole.split('.') {
        let part_end = at.saturating_add(part.len());
        parts.push(part);
        if offset <= part_end && !part.is_empty() {
            let called = part_end == end
                && text
                    .get(end..)
                    .is_some_and(|rest| rest.trim_start_matches([' ', '\t']).starts_with('('));
            if parts.iter().any(|p| p.is_empty()) || part.starts_with(|c: char| c.is_ascii_digit())
            {
                return None;
            }
            return Some(Token {
                parts,
                start: at,
                end: part_end,
                called,
            });
        }
        at = part_end.saturating_add(1);
    }
    None
}

/// Whether a position lies in code, a string or a comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// Rule text.
    Code,
    /// Inside a string literal: from its opening quote on.
    String {
        /// The byte of the opening quote.
        open: usize,
    },
    /// After a `#` outside a string.
    Comment,
}

/// Where byte `offset` lies in its line: strings end on their line, so
/// one line is enough to tell.
pub fn place(text: &str, offset: usize) -> Place {
    let line_start = text
        .get(..offset)
        .and_then(|t| t.rfind('\n'))
        .map_or(0, |i| i.saturating_add(1));
    let line = text.get(line_start..offset).unwrap_or("");
    let mut open = None;
    let mut escaped = false;
    for (i, c) in line.char_indices() {
        match (open, c) {
            (Some(_), '\\') if !escaped => {
                escaped = true;
                continue;
            }
            (Some(_), '"') if !escaped => open = None,
            (None, '"') => open = Some(line_start.saturating_add(i)),
            (None, '#') => return Place::Comment,
            _ => {}
        }
        escaped = false;
    }
    match open {
        Some(open) => Place::String { open },
        None => Place::Code,
    }
}

/// What a dotted name stands for.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    /// A fact of the schema.
    Fact(Fact),
    /// A record of facts (`unit.complex`).
    Record(Record),
    /// A built-in function.
    Func(Func),
    /// A name the rule set declares.
    Decl(Decl<'a>),
    /// A word of one or more vocabularies.
    Word(&'static str),
    /// `reference_date` or `priority_group`.
    Free(&'static str),
}

/// Resolves the parts of a name against the schema and `decls`.
pub fn resolve<'a>(parts: &[&str], called: bool, decls: &[Decl<'a>]) -> Option<Target<'a>> {
    let (last, init) = parts.split_last()?;
    if init.is_empty() {
        return resolve_single(last, called, decls);
    }
    let record = record_of(init)?;
    if called {
        return Func::lookup(Some(record), last).map(Target::Func);
    }
    match schema::field(record, last)? {
        Field::Fact(fact) => Some(Target::Fact(fact)),
        Field::Record(sub) => Some(Target::Record(sub)),
    }
}

fn resolve_single<'a>(name: &str, called: bool, decls: &[Decl<'a>]) -> Option<Target<'a>> {
    if called {
        return Func::lookup(None, name).map(Target::Func);
    }
    if let Some(decl) = decls.iter().find(|d| d.name == name) {
        return Some(Target::Decl(*decl));
    }
    if let Some((_, record)) = ROOTS.iter().find(|(n, _)| *n == name) {
        return Some(Target::Record(*record));
    }
    if let Some(free) = ["reference_date", "priority_group"]
        .into_iter()
        .find(|f| *f == name)
    {
        return Some(Target::Free(free));
    }
    Vocab::ALL
        .iter()
        .flat_map(|v| v.words())
        .find(|w| *w == name)
        .map(Target::Word)
}

/// The vocabularies a word belongs to.
pub fn vocabularies_of(word: &str) -> Vec<Vocab> {
    Vocab::ALL
        .iter()
        .copied()
        .filter(|v| v.words().contains(&word))
        .collect()
}

/// The record a dotted prefix such as `unit.complex` names.
pub fn record_of(parts: &[&str]) -> Option<Record> {
    let (first, rest) = parts.split_first()?;
    let mut record = ROOTS.iter().find(|(n, _)| n == first).map(|(_, r)| *r)?;
    for part in rest {
        match schema::field(record, part)? {
            Field::Record(sub) => record = sub,
            Field::Fact(_) => return None,
        }
    }
    Some(record)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_token_ends_at_the_part_under_the_cursor() {
        let text = "  require unit.complex.buurt.code = \"x\" # unit.id\n";
        let at = text.find("complex").unwrap() + 2;
        let token = token_at(text, at).unwrap();
        assert_eq!(token.parts, ["unit", "complex"]);
        assert_eq!(&text[token.start..token.end], "complex");
        assert!(token_at(text, text.find("x\"").unwrap()).is_none());
        assert!(token_at(text, text.find("unit.id").unwrap()).is_none());
        let call = "household.has_income(aow)";
        let token = token_at(call, 12).unwrap();
        assert!(token.called);
        assert_eq!(token.parts, ["household", "has_income"]);
        // Just after the last character still counts.
        assert_eq!(token_at("x = abc", 7).unwrap().parts, ["abc"]);
    }
}
