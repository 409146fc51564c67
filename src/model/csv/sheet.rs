//! One CSV file read into a header and rows of cells, each cell with its
//! span in the file, the separator found from the header line.

use crate::model::error::{LoadError, Place};
use crate::model::path::{Step, YamlPath};
use crate::source::{FileId, Span};

/// A cell's text and where it sits.
#[derive(Debug, Clone)]
pub struct Cell {
    /// The text, unquoted.
    pub text: String,
    /// Where it is written, quotes included.
    pub span: Span,
}

/// One data row.
#[derive(Debug, Clone)]
pub struct Row {
    /// Its number among the data rows, from 1 (the header is row 0).
    pub number: usize,
    /// Its cells, in header order.
    pub cells: Vec<Cell>,
}

/// A CSV file: its separator, header and rows.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// The file.
    pub file: FileId,
    /// Its name in the folder, for places.
    pub name: &'static str,
    /// `b','` or `b';'`.
    pub delimiter: u8,
    /// The header cells.
    pub header: Vec<Cell>,
    /// The data rows.
    pub rows: Vec<Row>,
}

/// The place of a cell: its span, and a path that names the file, row and
/// column (`members.csv row 3, column birth_date`) where a YAML file's
/// place would name its YAML path.
pub fn cell_place(file: FileId, span: Span, name: &str, row: usize, column: &str) -> Place {
    let label = if row == 0 {
        format!("{name} header, column {column}")
    } else {
        format!("{name} row {row}, column {column}")
    };
    Place {
        file,
        span: Some(span),
        path: YamlPath(vec![Step::Key(label)]),
    }
}

fn whole_file(file: FileId, name: &str, end: usize) -> Place {
    Place {
        file,
        span: Some(span(file, 0, end)),
        path: YamlPath(vec![Step::Key(format!("{name} header"))]),
    }
}

fn span(file: FileId, start: usize, end: usize) -> Span {
    Span {
        file,
        start: u32::try_from(start).unwrap_or(u32::MAX),
        end: u32::try_from(end).unwrap_or(u32::MAX),
    }
}

/// The separator of a file, from its header line: `,` or `;`; anything
/// else, or both, is refused rather than guessed.
fn delimiter(text: &str, file: FileId, name: &str) -> Result<u8, LoadError> {
    let line = text.lines().next().unwrap_or("");
    let commas = line.contains(',');
    let semicolons = line.contains(';');
    let refuse = |what: &str, help: &str| LoadError::Csv {
        at: whole_file(file, name, line.len()),
        what: what.to_owned(),
        help: Some(help.to_owned()),
    };
    match (commas, semicolons) {
        (true, false) => Ok(b','),
        (false, true) => Ok(b';'),
        (true, true) => Err(refuse(
            "the header line has both `,` and `;`, so the separator is unclear",
            "separate the column names with one of them, the one the rows use",
        )),
        (false, false) if line.contains('\t') => Err(refuse(
            "the columns are separated by tabs",
            "save the file as CSV, with `,` or `;` between the cells",
        )),
        (false, false) => Ok(b','),
    }
}

/// The raw spans of the cells of the record starting at byte `start`, as
/// written (quotes included): the `csv` crate gives a record's start only.
fn cell_spans(text: &str, start: usize, delimiter: u8, count: usize) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let at = |i: usize| bytes.get(i).copied();
    let mut spans = Vec::with_capacity(count);
    let mut i = start;
    for _ in 0..count {
        let begin = i;
        if at(i) == Some(b'"') {
            i = i.saturating_add(1);
            loop {
                match at(i) {
                    None => break,
                    Some(b'"') if at(i.saturating_add(1)) == Some(b'"') => {
                        i = i.saturating_add(2);
                    }
                    Some(b'"') => {
                        i = i.saturating_add(1);
                        break;
                    }
                    Some(_) => i = i.saturating_add(1),
                }
            }
        }
        while let Some(b) = at(i) {
            if b == delimiter || b == b'\n' || b == b'\r' {
                break;
            }
            i = i.saturating_add(1);
        }
        spans.push((begin, i));
        if at(i) == Some(delimiter) {
            i = i.saturating_add(1);
        }
    }
    spans
}

/// Reads `text` (BOM already removed) as the CSV file `name`.
pub fn read_sheet(text: &str, file: FileId, name: &'static str) -> Result<Sheet, LoadError> {
    let delimiter = delimiter(text, file, name)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut header = None;
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    let mut number = 0usize;
    loop {
        let start = reader.position().byte();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = e.position().map_or(0, |p| p.byte());
                let at = usize::try_from(at).unwrap_or(usize::MAX);
                return Err(LoadError::Csv {
                    at: Place {
                        file,
                        span: Some(span(file, at, at)),
                        path: YamlPath(vec![Step::Key(format!("{name} row {number}"))]),
                    },
                    what: format!("not valid CSV: {e}"),
                    help: None,
                });
            }
        }
        let start = record
            .position()
            .map_or(start, csv::Position::byte)
            .try_into()
            .unwrap_or(usize::MAX);
        let spans = cell_spans(text, start, delimiter, record.len());
        let cells = record
            .iter()
            .zip(spans)
            .map(|(text, (s, e))| Cell {
                text: text.to_owned(),
                span: span(file, s, e),
            })
            .collect();
        if header.is_none() {
            header = Some(cells);
        } else {
            number = number.saturating_add(1);
            rows.push(Row { number, cells });
        }
    }
    let Some(header) = header else {
        return Err(LoadError::Csv {
            at: whole_file(file, name, 0),
            what: format!("`{name}` has no header line"),
            help: Some("the first line names the columns (see `docs/csv-format.md`)".into()),
        });
    };
    Ok(Sheet {
        file,
        name,
        delimiter,
        header,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_placed_as_written_quotes_included() {
        let text = "a;b;c\n1;\"x;\"\"y\"\"\";3\n";
        let sheet = read_sheet(text, FileId(0), "t.csv").unwrap();
        let row = &sheet.rows[0];
        let written: Vec<&str> = row
            .cells
            .iter()
            .map(|c| &text[c.span.start as usize..c.span.end as usize])
            .collect();
        assert_eq!(written, ["1", "\"x;\"\"y\"\"\"", "3"]);
        assert_eq!(row.cells[1].text, "x;\"y\"");
    }

    #[test]
    fn a_header_with_both_separators_or_tabs_is_refused() {
        assert!(read_sheet("a,b;c\n", FileId(0), "t.csv").is_err());
        assert!(read_sheet("a\tb\n", FileId(0), "t.csv").is_err());
        assert_eq!(
            read_sheet("a;b\n", FileId(0), "t.csv").unwrap().delimiter,
            b';'
        );
    }
}
