//! Completion: after `applicant.` (or any record) its facts, records and
//! functions; elsewhere the records, the rule set's own names, the free
//! names and the vocabulary words. Nothing inside a comment or a string.

use std::path::Path;

use lsp_types::{
    CompletionItem, CompletionItemKind, Documentation, MarkupContent, MarkupKind, Position,
};

use super::analysis::Analysis;
use super::position::LineIndex;
use super::symbols::{Decl, DeclKind, Place, declarations, place, record_of, vocabularies_of};
use crate::check::reference::{fact_entry, func_entry};
use crate::check::schema::{self, Fact, Field, Func, ROOTS, field_names};
use crate::check::types::Vocab;
use crate::syntax::ast::Item;

/// The completions at `position` in the document at `path`.
pub fn completion(analysis: &Analysis, path: &Path, position: Position) -> Vec<CompletionItem> {
    let Some(file) = analysis.file(path) else {
        return Vec::new();
    };
    let Some(text) = analysis.sources.get(file).map(|f| f.text.as_str()) else {
        return Vec::new();
    };
    let offset = LineIndex::new(text).offset(position);
    if place(text, offset) != Place::Code {
        return Vec::new();
    }
    let before = text.get(..offset).unwrap_or("");
    let typed_start = before
        .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '.'))
        .map_or(0, |i| i.saturating_add(1));
    let typed = before.get(typed_start..).unwrap_or("");
    let (prefix, partial) = match typed.rsplit_once('.') {
        Some((head, partial)) => (Some(head), partial),
        None => (None, typed),
    };
    let items = match prefix {
        Some(head) => {
            let parts: Vec<&str> = head.split('.').collect();
            record_of(&parts).map_or_else(Vec::new, fields)
        }
        None => {
            let files = analysis.files_for(Some(file));
            names(&declarations(&files))
        }
    };
    items
        .into_iter()
        .filter(|item| item.label.starts_with(partial))
        .collect()
}

/// The fields of a record: its records, facts and functions.
fn fields(record: crate::check::types::Record) -> Vec<CompletionItem> {
    field_names(record)
        .into_iter()
        .filter_map(|name| match schema::field(record, name) {
            Some(Field::Fact(fact)) => Some(fact_item(fact)),
            Some(Field::Record(_)) => Some(item(name, CompletionItemKind::STRUCT, "record", None)),
            None => Func::lookup(Some(record), name).map(func_item),
        })
        .collect()
}

fn fact_item(fact: Fact) -> CompletionItem {
    let e = fact_entry(fact);
    item(
        fact.field(),
        CompletionItemKind::FIELD,
        &e.ty,
        Some(e.meaning),
    )
}

fn func_item(func: Func) -> CompletionItem {
    let e = func_entry(func);
    item(
        func.name(),
        CompletionItemKind::METHOD,
        &e.result,
        Some(e.meaning),
    )
}

/// Everything a name may start with outside a dotted path.
fn names(decls: &[Decl<'_>]) -> Vec<CompletionItem> {
    let mut out: Vec<CompletionItem> = ROOTS
        .iter()
        .map(|(name, _)| item(name, CompletionItemKind::STRUCT, "record", None))
        .collect();
    for decl in decls {
        let (kind, detail) = match decl.kind {
            DeclKind::Item(Item::Param(_)) => (CompletionItemKind::CONSTANT, "param"),
            DeclKind::Item(Item::Region(_)) => (CompletionItemKind::MODULE, "region"),
            DeclKind::Item(Item::Define(_)) => (CompletionItemKind::FUNCTION, "define"),
            DeclKind::Item(Item::Points(_)) => (CompletionItemKind::CLASS, "points"),
            DeclKind::Item(Item::Classify(_)) => (CompletionItemKind::CLASS, "classify"),
            DeclKind::Item(Item::Priority(_)) => {
                (CompletionItemKind::ENUM_MEMBER, "priority group")
            }
            DeclKind::Label(..) => (CompletionItemKind::ENUM_MEMBER, "label"),
            // Gates, tailored grounds and quotas are read by no rule.
            DeclKind::Item(_) => continue,
        };
        if !out.iter().any(|i| i.label == decl.name) {
            out.push(item(decl.name, kind, detail, None));
        }
    }
    out.push(item(
        "reference_date",
        CompletionItemKind::VARIABLE,
        "date",
        None,
    ));
    out.push(item(
        "priority_group",
        CompletionItemKind::VARIABLE,
        "priority group",
        None,
    ));
    out.extend(
        Func::ALL
            .iter()
            .filter(|f| f.receiver().is_none())
            .map(|f| func_item(*f)),
    );
    for vocab in Vocab::ALL {
        for word in vocab.words() {
            if out.iter().any(|i| i.label == word) {
                continue;
            }
            let vocabularies: Vec<&str> = vocabularies_of(word)
                .iter()
                .map(|v| v.type_name())
                .collect();
            out.push(item(
                word,
                CompletionItemKind::ENUM_MEMBER,
                &vocabularies.join(", "),
                None,
            ));
        }
    }
    out
}

fn item(label: &str, kind: CompletionItemKind, detail: &str, doc: Option<&str>) -> CompletionItem {
    CompletionItem {
        label: label.to_owned(),
        kind: Some(kind),
        detail: Some(detail.to_owned()),
        documentation: doc.map(|d| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::Markdown,
                value: d.to_owned(),
            })
        }),
        ..CompletionItem::default()
    }
}
