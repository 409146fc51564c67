//! Writing records as a CSV data folder, the layout [`super::layout`]
//! gives, so that reading it back gives the same records.

use std::io;
use std::path::Path;

use serde_json::{Map, Value};

use crate::model::csv::layout::{Kind, Parent, TABLES, Table};
use crate::model::dataset::Records;

/// One file's text being written.
struct Out {
    writer: csv::Writer<Vec<u8>>,
}

fn other(e: impl std::fmt::Display) -> io::Error {
    io::Error::other(e.to_string())
}

/// Takes the value at the dotted `name` out of `record`, leaving the rest
/// to be checked for anything unwritten.
fn take(record: &mut Map<String, Value>, name: &str) -> Value {
    match name.split_once('.') {
        None => record.remove(name).unwrap_or(Value::Null),
        Some((head, rest)) => match record.get_mut(head) {
            Some(Value::Object(inner)) => {
                let value = take(inner, rest);
                if inner.is_empty() {
                    record.remove(head);
                }
                value
            }
            _ => Value::Null,
        },
    }
}

fn take_path(record: &mut Map<String, Value>, path: &[&str]) -> Value {
    take(record, &path.join("."))
}

fn cell(value: &Value, kind: Kind, file: &str, column: &str) -> io::Result<String> {
    Ok(match (value, kind) {
        (Value::Null, _) => String::new(),
        (Value::String(s), Kind::List) if s.contains(char::is_whitespace) => {
            return Err(other(format!(
                "`{s}` in `{file}` column `{column}` holds a space"
            )));
        }
        (Value::String(s), _) => s.clone(),
        (Value::Bool(b), _) => b.to_string(),
        (Value::Number(n), _) => n.to_string(),
        (Value::Array(items), Kind::List) => {
            let mut words = Vec::with_capacity(items.len());
            for item in items {
                words.push(cell(item, Kind::List, file, column)?);
            }
            words.join(" ")
        }
        (other_value, _) => {
            return Err(other(format!(
                "`{file}` column `{column}` cannot hold {other_value}"
            )));
        }
    })
}

/// Anything left in a record once its columns and nested lists are taken
/// is a field the layout lacks: refused, since writing it would lose it.
fn nothing_left(record: &Map<String, Value>, file: &str) -> io::Result<()> {
    for (key, value) in record {
        let empty = match value {
            Value::Null | Value::Bool(false) => true,
            Value::Array(items) => items.is_empty(),
            Value::Object(map) => map.is_empty(),
            _ => false,
        };
        if !empty {
            return Err(other(format!("`{file}` has no column for `{key}`")));
        }
    }
    Ok(())
}

fn write_record(
    index: usize,
    mut record: Map<String, Value>,
    key: &[String],
    outs: &mut [Out],
) -> io::Result<()> {
    let table: &Table = TABLES.get(index).ok_or_else(|| other("no such table"))?;
    let mut row: Vec<String> = key.to_vec();
    let mut own = key.to_vec();
    for column in table.columns {
        let value = take(&mut record, column.name);
        let text = cell(&value, column.kind, table.file, column.name)?;
        if Some(column.name) == table.id {
            own.push(text.clone());
        }
        row.push(text);
    }
    outs.get_mut(index)
        .ok_or_else(|| other("no such table"))?
        .writer
        .write_record(&row)
        .map_err(other)?;
    for (child, table) in TABLES.iter().enumerate() {
        let Parent::Child { of, at, .. } = table.parent else {
            continue;
        };
        if of != index {
            continue;
        }
        match take_path(&mut record, at) {
            Value::Array(items) => {
                for item in items {
                    let Value::Object(item) = item else {
                        return Err(other(format!("a row of `{}` is not a record", table.file)));
                    };
                    write_record(child, item, &own, outs)?;
                }
            }
            Value::Null => {}
            _ => return Err(other(format!("`{}` rows are not a list", table.file))),
        }
    }
    nothing_left(&record, table.file)
}

/// The text of each CSV file for `records`: `(file name, CSV)`, every file
/// of the layout, `,`-separated with a decimal point, in UTF-8.
pub fn to_csv_files(records: &Records) -> io::Result<Vec<(&'static str, String)>> {
    let mut outs = Vec::with_capacity(TABLES.len());
    for table in &TABLES {
        let mut writer = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        writer.write_record(table.header()).map_err(other)?;
        outs.push(Out { writer });
    }
    let all = serde_json::to_value(records).map_err(other)?;
    for (index, table) in TABLES.iter().enumerate() {
        let Parent::Top(top) = table.parent else {
            continue;
        };
        let list = crate::model::FILES.get(top).map_or("", |f| f.1);
        let Some(Value::Array(items)) = all.get(list) else {
            continue;
        };
        for item in items {
            let Value::Object(item) = item else {
                return Err(other(format!("a record of `{list}` is not a record")));
            };
            write_record(index, item.clone(), &[], &mut outs)?;
        }
    }
    let mut files = Vec::with_capacity(TABLES.len());
    for (table, out) in TABLES.iter().zip(outs) {
        let bytes = out.writer.into_inner().map_err(other)?;
        files.push((table.file, String::from_utf8(bytes).map_err(other)?));
    }
    Ok(files)
}

/// Writes `records` as a CSV data folder `dir` (created if needed).
pub fn write_csv_dataset(records: &Records, dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in to_csv_files(records)? {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}
