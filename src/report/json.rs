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
}
