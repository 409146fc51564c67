//! CSV rows into the positioned trees the YAML reader makes: one tree per
//! record of a top-level file, its nested records (members, incomes, …)
//! gathered from their own files by key, every value keeping the span of
//! its cell, so the deserializer and every check run on CSV unchanged.

use std::collections::BTreeMap;

use crate::model::csv::layout::{Column, Kind, Parent, TABLES, Table};
use crate::model::csv::number::normalise;
use crate::model::csv::sheet::{Row, Sheet, cell_place};
use crate::model::error::{LoadError, list, nearest};
use crate::model::yaml::{Node, NodeKind};
use crate::source::{FileId, Span};

/// One record of a top-level file.
#[derive(Debug, Clone)]
pub struct Record {
    /// The record as a tree.
    pub node: Node,
    /// Whether one of its cells was refused (reported already): such a
    /// record is not read, so no second error follows from a guess.
    pub broken: bool,
}

/// What the CSV files of a folder make.
#[derive(Debug, Default)]
pub struct Assembled {
    /// The records of each top-level file, by [`crate::model::FILES`] index.
    pub records: [Vec<Record>; 7],
    /// Whether each top-level file was read whole (its header was sound).
    pub complete: [bool; 7],
    /// The place name of every cell, by file and first byte.
    pub labels: BTreeMap<(FileId, u32), String>,
}

/// A tree being built from one row's cells.
enum Tree {
    Leaf(Node),
    Map(Vec<(String, Span, Tree)>),
}

impl Tree {
    fn insert(&mut self, path: &[&str], span: Span, value: Node) {
        let Tree::Map(entries) = self else {
            return;
        };
        let Some((first, rest)) = path.split_first() else {
            return;
        };
        if rest.is_empty() {
            entries.push(((*first).to_owned(), span, Tree::Leaf(value)));
            return;
        }
        if !entries.iter().any(|(k, _, _)| k == first) {
            entries.push(((*first).to_owned(), span, Tree::Map(Vec::new())));
        }
        if let Some((_, _, sub)) = entries.iter_mut().find(|(k, _, _)| k == first) {
            sub.insert(rest, span, value);
        }
    }

    fn into_node(self, span: Span) -> Node {
        match self {
            Tree::Leaf(node) => node,
            Tree::Map(entries) => {
                let span = entries.first().map_or(span, |(_, s, _)| *s);
                let entries = entries
                    .into_iter()
                    // A key is no text of the file: an empty span at its
                    // cell, so no message quotes the cell as the key.
                    .map(|(key, at, tree)| {
                        let key_at = Span {
                            end: at.start,
                            ..at
                        };
                        (text(key, key_at), tree.into_node(at))
                    })
                    .collect();
                Node {
                    kind: NodeKind::Map(entries),
                    span,
                }
            }
        }
    }
}

fn text(value: String, span: Span) -> Node {
    Node {
        kind: NodeKind::Scalar {
            value,
            plain: false,
        },
        span,
    }
}

/// One row built: its tree, whether a cell of it (or of a record nested
/// in it) was refused, and for a nested record the key of its parent and
/// the cell that holds it.
struct Built {
    node: Node,
    broken: bool,
    key: Vec<String>,
    key_at: Span,
    row: usize,
    column: &'static str,
}

type Waiting = BTreeMap<Vec<String>, Vec<Built>>;

/// Checks a header against its table: the column each header cell is, or
/// the problems (unknown, twice, required but absent).
fn columns(table: &Table, sheet: &Sheet, errors: &mut Vec<LoadError>) -> Option<Vec<&'static str>> {
    let names = table.header();
    let mut found = Vec::new();
    let mut sound = true;
    for cell in &sheet.header {
        let at = cell_place(sheet.file, cell.span, sheet.name, 0, &cell.text);
        match names.iter().find(|n| **n == cell.text) {
            Some(name) if found.contains(name) => {
                sound = false;
                errors.push(LoadError::Csv {
                    at,
                    what: format!("column `{name}` is named twice"),
                    help: Some("keep one column of each name".into()),
                });
            }
            Some(name) => found.push(*name),
            None => {
                sound = false;
                let help = match nearest(&cell.text, names.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => format!("the columns of `{}` are {}", sheet.name, list(&names)),
                };
                errors.push(LoadError::Csv {
                    at,
                    what: format!("unknown column `{}`", cell.text),
                    help: Some(help),
                });
            }
        }
    }
    let required = table
        .key()
        .iter()
        .copied()
        .chain(table.columns.iter().filter(|c| c.required).map(|c| c.name));
    for name in required {
        if !found.contains(&name)
            && sheet
                .header
                .iter()
                .all(|c| nearest(&c.text, [name]).is_none())
        {
            sound = false;
            let end = sheet.header.last().map_or(0, |c| c.span.end);
            errors.push(LoadError::Csv {
                at: crate::model::error::Place {
                    file: sheet.file,
                    span: Some(Span {
                        file: sheet.file,
                        start: 0,
                        end,
                    }),
                    path: crate::model::path::YamlPath(vec![crate::model::path::Step::Key(
                        format!("{} header", sheet.name),
                    )]),
                },
                what: format!("missing column `{name}`"),
                help: Some(format!(
                    "the header of `{}` names {}",
                    sheet.name,
                    list(&names)
                )),
            });
        }
    }
    sound.then_some(found)
}

/// The value a cell gives its column, or `None` when the field is absent.
fn cell_node(
    column: &Column,
    cell: &str,
    span: Span,
    delimiter: u8,
) -> Result<Option<Node>, (String, String)> {
    if cell.is_empty() && !column.required {
        return Ok(None);
    }
    let scalar = |value: String, plain: bool| Node {
        kind: NodeKind::Scalar { value, plain },
        span,
    };
    Ok(Some(match column.kind {
        Kind::Text => scalar(cell.to_owned(), false),
        Kind::Flag => scalar(cell.to_owned(), true),
        Kind::Number => scalar(
            normalise(cell, delimiter).map_err(|a| (a.what, a.help))?,
            true,
        ),
        Kind::List => Node {
            kind: NodeKind::Seq(
                cell.split_whitespace()
                    .map(|id| text(id.to_owned(), span))
                    .collect(),
            ),
            span,
        },
    }))
}

/// Builds the trees of all files; `sheets` is by [`TABLES`] index.
pub fn assemble(sheets: &[Option<Sheet>], errors: &mut Vec<LoadError>) -> Assembled {
    let mut out = Assembled {
        complete: [true; 7],
        ..Assembled::default()
    };
    let mut pending: Vec<Waiting> = TABLES.iter().map(|_| BTreeMap::new()).collect();
    // A file whose header is refused leaves its parent records incomplete:
    // they are not read (their ids are known), so no error follows from
    // the missing part, and its own nested rows wait for nothing.
    let mut unsound = [false; TABLES.len()];
    let mut tainted = [false; TABLES.len()];
    // Children first, so each parent row finds its nested records waiting.
    for (index, table) in TABLES.iter().enumerate().rev() {
        let Some(sheet) = sheets.get(index).and_then(Option::as_ref) else {
            continue;
        };
        for row in &sheet.rows {
            for (cell, name) in row.cells.iter().zip(&sheet.header) {
                let label = format!("{} row {}, column {}", sheet.name, row.number, name.text);
                out.labels.insert((sheet.file, cell.span.start), label);
            }
        }
        let header = columns(table, sheet, errors);
        let broken = header.is_none() || tainted.get(index).copied().unwrap_or(false);
        if broken {
            if let Parent::Child { of, .. } = table.parent {
                if let Some(t) = tainted.get_mut(of) {
                    *t = true;
                }
            }
        }
        let Some(header) = header else {
            if let Some(u) = unsound.get_mut(index) {
                *u = true;
            }
            if let Parent::Top(top) = table.parent {
                if let Some(c) = out.complete.get_mut(top) {
                    *c = false;
                }
            }
            continue;
        };
        for row in &sheet.rows {
            let Some(mut built) =
                build_row(index, table, sheet, &header, row, &mut pending, errors)
            else {
                continue;
            };
            built.broken = built.broken || broken;
            match table.parent {
                Parent::Top(top) => {
                    if let Some(list) = out.records.get_mut(top) {
                        list.push(Record {
                            node: built.node,
                            broken: built.broken,
                        });
                    }
                }
                Parent::Child { .. } => {
                    if let Some(waiting) = pending.get_mut(index) {
                        waiting.entry(built.key.clone()).or_default().push(built);
                    }
                }
            }
        }
    }
    // Rows whose parent never came: a dangling reference across files.
    for (index, waiting) in pending.into_iter().enumerate() {
        let Some(Parent::Child { of, what, .. }) = TABLES.get(index).map(|t| t.parent) else {
            continue;
        };
        if unsound.get(of).copied().unwrap_or(true) {
            continue;
        }
        let parent = TABLES.get(of).map_or("", |t| t.file);
        for (key, rows) in waiting {
            for row in rows {
                let Some(sheet) = sheets.get(index).and_then(Option::as_ref) else {
                    continue;
                };
                errors.push(LoadError::Csv {
                    at: cell_place(sheet.file, row.key_at, sheet.name, row.row, row.column),
                    what: format!("no {what} `{}` in `{parent}`", key.join("/")),
                    help: Some(format!(
                        "a row of `{}` belongs to a record of `{parent}`: use the id of one",
                        sheet.name
                    )),
                });
            }
        }
    }
    out
}

fn build_row(
    index: usize,
    table: &Table,
    sheet: &Sheet,
    header: &[&'static str],
    row: &Row,
    pending: &mut [Waiting],
    errors: &mut Vec<LoadError>,
) -> Option<Built> {
    let first = row.cells.first().map(|c| c.span)?;
    if row.cells.len() != header.len() {
        errors.push(LoadError::Csv {
            at: cell_place(sheet.file, first, sheet.name, row.number, header.first().copied().unwrap_or("")),
            what: format!(
                "row {} has {} cells, the header has {}",
                row.number,
                row.cells.len(),
                header.len()
            ),
            help: Some("every row has one cell per column; a cell with the separator in it is quoted (`\"…\"`)".into()),
        });
        return None;
    }
    let mut key = Vec::new();
    let mut key_at = first;
    let mut key_column = "";
    for name in table.key() {
        if let Some((_, cell)) = header.iter().zip(&row.cells).find(|(h, _)| *h == name) {
            key.push(cell.text.clone());
            key_at = cell.span;
            key_column = name;
        }
    }
    let mut tree = Tree::Map(Vec::new());
    let mut broken = false;
    let mut own = key.clone();
    for (name, cell) in header.iter().zip(&row.cells) {
        if Some(*name) == table.id {
            own.push(cell.text.clone());
        }
        let Some(column) = table.columns.iter().find(|c| c.name == *name) else {
            continue;
        };
        let path: Vec<&str> = name.split('.').collect();
        match cell_node(column, &cell.text, cell.span, sheet.delimiter) {
            Ok(Some(node)) => tree.insert(&path, cell.span, node),
            Ok(None) => {}
            Err((what, help)) => {
                broken = true;
                errors.push(LoadError::Csv {
                    at: cell_place(sheet.file, cell.span, sheet.name, row.number, name),
                    what,
                    help: Some(help),
                });
            }
        }
    }
    for (child, table) in TABLES.iter().enumerate() {
        let Parent::Child { of, at, always, .. } = table.parent else {
            continue;
        };
        if of != index {
            continue;
        }
        let rows = pending
            .get_mut(child)
            .and_then(|w| w.remove(&own))
            .unwrap_or_default();
        if rows.is_empty() && !always {
            continue;
        }
        broken = broken || rows.iter().any(|r| r.broken);
        let items = rows.into_iter().map(|r| r.node).collect();
        tree.insert(
            at,
            first,
            Node {
                kind: NodeKind::Seq(items),
                span: first,
            },
        );
    }
    Some(Built {
        node: tree.into_node(first),
        broken,
        key,
        key_at,
        row: row.number,
        column: key_column,
    })
}
