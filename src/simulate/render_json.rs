//! `simulate --format json`: the records as they are, pretty printed (see
//! `docs/json-format.md`, "simulate").

use super::SimulateOutput;

/// Renders a `simulate` run as pretty JSON ending in a newline; the bytes
/// depend only on the run.
pub fn render(output: &SimulateOutput) -> Result<String, serde_json::Error> {
    let mut text = serde_json::to_string_pretty(output)?;
    text.push('\n');
    Ok(text)
}

/// Reads what [`render`] wrote; unknown fields are refused.
pub fn parse(text: &str) -> Result<SimulateOutput, serde_json::Error> {
    serde_json::from_str(text)
}
