//! The JSON renderer and reader: the records as they are, pretty printed,
//! fields in declaration order (see `docs/json-format.md`).

use crate::eval::record::EvalOutput;

/// Renders a run as pretty JSON ending in a newline. Field order follows
/// the record types and every list is in evaluation order, so the bytes
/// depend only on the run.
pub fn render(output: &EvalOutput) -> Result<String, serde_json::Error> {
    render_value(output)
}

/// Renders any record (verdicts, an allocation, a report) the same way:
/// pretty JSON ending in a newline.
pub fn render_value<T: serde::Serialize>(value: &T) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(value)?;
    text.push('\n');
    Ok(text)
}

/// `pretty` with every line after the first indented by `by`. A JSON
/// string holds no raw line break, so every break is the printer's.
pub(crate) fn indented(pretty: &str, by: &str) -> String {
    pretty.replace('\n', &format!("\n{by}"))
}

/// `value` as `serde_json`'s pretty printer lays it out `levels` deep in
/// a pretty printed whole (two spaces a level), appended to `out`: what
/// printing it alone and [`indented`] by `levels` levels gives, without
/// the copy and the search for line breaks (a streamed national year
/// writes gigabytes so).
pub(crate) fn nested<T: serde::Serialize + ?Sized>(
    out: &mut Vec<u8>,
    value: &T,
    levels: usize,
) -> Result<(), serde_json::Error> {
    let mut serializer = serde_json::Serializer::with_formatter(out, Nested::at(levels));
    value.serialize(&mut serializer)
}

/// The layout of `serde_json::ser::PrettyFormatter` with two spaces a
/// level, starting some levels deep; its one `has_value` flag is kept
/// as the pretty printer keeps it, so the bytes are the same.
struct Nested {
    level: usize,
    has_value: bool,
}

impl Nested {
    fn at(level: usize) -> Self {
        Nested {
            level,
            has_value: false,
        }
    }

    fn line<W: ?Sized + std::io::Write>(&self, writer: &mut W, lead: &[u8]) -> std::io::Result<()> {
        writer.write_all(lead)?;
        (0..self.level).try_for_each(|_| writer.write_all(b"  "))
    }

    /// A list's element or an object's key starts on a line of its own,
    /// after a comma unless it is the first.
    fn entry<W: ?Sized + std::io::Write>(
        &self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.line(writer, if first { b"\n" } else { b",\n" })
    }

    fn open<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level = self.level.saturating_add(1);
        self.has_value = false;
        writer.write_all(bracket)
    }

    fn close<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level = self.level.saturating_sub(1);
        if self.has_value {
            self.line(writer, b"\n")?;
        }
        writer.write_all(bracket)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.entry(writer, first)
    }

    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + std::io::Write>(&mut self, writer: &mut W) -> std::io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.entry(writer, first)
    }

    fn begin_object_value<W: ?Sized + std::io::Write>(
        &mut self,
        writer: &mut W,
    ) -> std::io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

/// Reads a run written by [`render`] (for `verify`); unknown fields are
/// refused, so a file of another schema is not silently half-read.
pub fn parse(text: &str) -> Result<EvalOutput, serde_json::Error> {
    serde_json::from_str(text)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;
    use crate::report::testdata::sample_output;

    #[test]
    fn json_round_trips() {
        let output = sample_output();
        let text = render(&output).unwrap();
        assert_eq!(parse(&text).unwrap(), output);
        assert!(text.ends_with("}\n"));
    }

    #[test]
    fn header_fields_come_first_in_declaration_order() {
        let text = render(&sample_output()).unwrap();
        let at = |s: &str| text.find(s).unwrap();
        assert!(at("\"schema_version\"") < at("\"engine\""));
        assert!(at("\"engine\"") < at("\"ruleset\""));
        assert!(at("\"header\"") < at("\"decisions\""));
        assert!(at("\"decisions\"") < at("\"rankings\""));
    }

    #[test]
    fn a_file_of_another_schema_is_refused() {
        let text = render(&sample_output())
            .unwrap()
            .replacen("\"seed\"", "\"lottery_seed\"", 1);
        assert!(parse(&text).is_err());
    }

    /// Laid out some levels deep, a record is what printing it alone and
    /// indenting every line after the first gives: nested lists and
    /// objects, empty ones, and strings with escaped line breaks.
    #[test]
    fn a_nested_record_is_the_pretty_print_indented() {
        let output = sample_output();
        let value = serde_json::json!({
            "a": [],
            "b": {},
            "c": [[], {}, [1, [2, {"d": "x\ny"}]]],
            "e": {"f": {"g": []}},
        });
        for levels in 0..4 {
            let by = "  ".repeat(levels);
            let mut out = Vec::new();
            nested(&mut out, &output, levels).unwrap();
            let pretty = serde_json::to_string_pretty(&output).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), indented(&pretty, &by));
            let mut out = Vec::new();
            nested(&mut out, &value, levels).unwrap();
            let pretty = serde_json::to_string_pretty(&value).unwrap();
            assert_eq!(String::from_utf8(out).unwrap(), indented(&pretty, &by));
        }
    }
}
