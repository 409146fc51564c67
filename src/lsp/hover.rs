//! Hover: what the name under the cursor is. A fact or function shows its
//! entry of the reference `toewijzer schema` prints; a parameter its
//! title, source, type and the value in force today; a region its members;
//! a named condition or rule its title and source.

use std::fmt::Write as _;
use std::path::Path;

use chrono::NaiveDate;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};

use super::analysis::Analysis;
use super::position::LineIndex;
use super::symbols::{Decl, DeclKind, Target, declarations, resolve, token_at, vocabularies_of};
use crate::check::reference::{fact_entry, func_entry};
use crate::check::schema::{Fact, Func, field_names, record_path};
use crate::check::types::Record;
use crate::source::{SourceMap, Span};
use crate::syntax::ast::{Item, Param, Source, Text, TypeNameKind};

/// The hover for `position` in the document at `path`.
pub fn hover(
    analysis: &Analysis,
    path: &Path,
    position: Position,
    today: NaiveDate,
) -> Option<Hover> {
    let file = analysis.file(path)?;
    let text = &analysis.sources.get(file)?.text;
    let index = LineIndex::new(text);
    let token = token_at(text, index.offset(position))?;
    let files = analysis.files_for(Some(file));
    let decls = declarations(&files);
    let target = resolve(&token.parts, token.called, &decls)?;
    let value = match target {
        Target::Fact(fact) => fact_text(fact),
        Target::Func(func) => func_text(func),
        Target::Record(record) => record_text(record),
        Target::Decl(decl) => decl_text(&analysis.sources, &decl, today),
        Target::Word(word) => word_text(word),
        Target::Free(name) => free_text(name),
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value,
        }),
        range: Some(index.range(Span::new(file, token.start, token.end))),
    })
}

fn fact_text(fact: Fact) -> String {
    let e = fact_entry(fact);
    let optional = if e.optional { " (optional)" } else { "" };
    let mut out = format!(
        "`{}`: {}{optional}\n\n{}\n\nFrom the data: {}\n\nExample: `{}`",
        e.path, e.ty, e.meaning, e.data, e.example
    );
    if let Some(values) = e.values {
        let words: Vec<String> = values.iter().map(|w| format!("`{w}`")).collect();
        let _ = write!(out, "\n\nValues: {}", words.join(", "));
    }
    out
}

fn func_text(func: Func) -> String {
    let e = func_entry(func);
    format!(
        "`{}`: {}\n\nArguments: {}\n\n{}",
        e.call, e.result, e.arguments, e.meaning
    )
}

fn record_text(record: Record) -> String {
    let fields: Vec<String> = field_names(record)
        .iter()
        .map(|f| format!("`{f}`"))
        .collect();
    format!("`{}`\n\nFields: {}", record_path(record), fields.join(", "))
}

fn word_text(word: &str) -> String {
    let vocabularies: Vec<String> = vocabularies_of(word)
        .iter()
        .map(|v| format!("`{}`", v.type_name()))
        .collect();
    format!("`{word}`: a value of {}", vocabularies.join(", "))
}

fn free_text(name: &str) -> String {
    match name {
        "reference_date" => "`reference_date`: date\n\nThe reference date (peildatum) on which facts and parameters are read.".to_owned(),
        _ => "`priority_group`\n\nThe priority group the applicant falls in, tested as `priority_group = NAME`.".to_owned(),
    }
}

fn decl_text(sources: &SourceMap, decl: &Decl<'_>, today: NaiveDate) -> String {
    let mut out = String::new();
    match decl.kind {
        DeclKind::Item(Item::Param(p)) => param_text(&mut out, sources, p, today),
        DeclKind::Item(Item::Region(r)) => {
            let _ = write!(out, "**region** `{}`", r.id.name);
            title_and_source(&mut out, r.title.as_ref(), r.source.as_ref());
            let members: Vec<&str> = r.members.iter().map(|m| m.value.as_str()).collect();
            let _ = write!(out, "\n\nMembers: {}", members.join(", "));
        }
        DeclKind::Item(Item::Define(d)) => {
            let _ = write!(out, "**define** `{}`", d.id.name);
            title_and_source(&mut out, d.title.as_ref(), d.source.as_ref());
            let _ = write!(out, "\n\n`= {}`", written(sources, d.body.span, 300));
        }
        DeclKind::Item(item) => {
            let (word, title, source) = match item {
                Item::Gate(x) => ("gate", &x.title, &x.source),
                Item::Priority(x) => ("priority", &x.title, &x.source),
                Item::Tailored(x) => ("tailored", &x.title, &x.source),
                Item::Points(x) => ("points", &x.title, &x.source),
                Item::Classify(x) => ("classify", &x.title, &x.source),
                Item::Quota(x) => ("quota", &x.title, &x.source),
                Item::Order(x) => ("order", &x.title, &x.source),
                Item::Param(x) => ("param", &x.title, &x.source),
                Item::Region(x) => ("region", &x.title, &x.source),
                Item::Define(x) => ("define", &x.title, &x.source),
                Item::Designation(x) => ("designation", &x.title, &x.source),
            };
            let _ = write!(out, "**{word}** `{}`", decl.name);
            title_and_source(&mut out, title.as_ref(), source.as_ref());
        }
        DeclKind::Label(Item::Classify(c)) => {
            let _ = write!(
                out,
                "**label** `{}` of **classify** `{}`",
                decl.name, c.id.name
            );
            title_and_source(&mut out, c.title.as_ref(), c.source.as_ref());
        }
        DeclKind::Label(..) => {}
    }
    if let Some(file) = sources.get(decl.span.file) {
        let name = file
            .path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        let _ = write!(
            out,
            "\n\nDeclared in `{name}`, line {}",
            file.line_col(decl.span.start as usize).line
        );
    }
    out
}

fn param_text(out: &mut String, sources: &SourceMap, p: &Param, today: NaiveDate) {
    let ty = match &p.ty.kind {
        TypeNameKind::Named(name) => name.name.clone(),
        TypeNameKind::SetOf(name) => format!("set of {}", name.name),
    };
    let _ = write!(out, "**param** `{}`: {ty}", p.id.name);
    title_and_source(out, p.title.as_ref(), p.source.as_ref());
    if let Some(policy) = &p.policy {
        let _ = write!(out, "\n\nPolicy: {}", policy.value);
    }
    let in_force = p.values.iter().rev().find(|v| v.from.date <= today);
    match in_force {
        Some(v) => {
            let _ = write!(
                out,
                "\n\nIn force on {today}: `{}`, from {}",
                written(sources, v.value.span, 200),
                v.from.date
            );
            if let Some(why) = &v.unverified {
                let _ = write!(out, " (unverified: {})", why.value);
            }
        }
        None => {
            let _ = write!(out, "\n\nNo value in force on {today}");
        }
    }
    if p.values.len() > 1 {
        out.push_str("\n\nValues:");
        for v in &p.values {
            let _ = write!(
                out,
                "\n- `{}` from {}",
                written(sources, v.value.span, 200),
                v.from.date
            );
        }
    }
}

fn title_and_source(out: &mut String, title: Option<&Text>, source: Option<&Source>) {
    if let Some(title) = title {
        let _ = write!(out, "\n\n{}", title.value);
    }
    if let Some(source) = source {
        let _ = write!(out, "\n\nSource: {}", source.text.value);
    }
}

/// The text of a span on one line, cut after `max` characters.
fn written(sources: &SourceMap, span: Span, max: usize) -> String {
    let text = sources.get(span.file).map_or("", |f| f.slice(span));
    let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if joined.chars().count() > max {
        let cut: String = joined.chars().take(max).collect();
        format!("{cut}…")
    } else {
        joined
    }
}
