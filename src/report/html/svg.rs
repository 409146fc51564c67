//! Charts drawn as inline SVG: grouped horizontal bars (a figure per group
//! and side) and lines over time (a quota's share at each allocation). No
//! script and no font files: the numbers are also written next to the bars
//! and in the report's tables, so a chart is never the only place a figure
//! is shown. Coordinates are rounded to one decimal, so the same figures
//! always draw the same bytes.

use std::fmt::Write as _;

use super::escape;

/// Colours per series, told apart in greyscale print as well.
const PALETTE: [&str; 8] = [
    "#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3", "#333333",
];

fn colour(i: usize) -> &'static str {
    PALETTE
        .get(i.checked_rem(PALETTE.len()).unwrap_or(0))
        .copied()
        .unwrap_or("#444")
}

/// Bars by group, one bar per series in each group.
pub struct Bars<'a> {
    /// What the chart shows.
    pub caption: &'a str,
    /// The series' names (the sides: baseline, variants).
    pub series: &'a [String],
    /// Each group's label and its value per series.
    pub groups: Vec<(String, Vec<u64>)>,
    /// How a value is written beside its bar.
    pub label: fn(u64) -> String,
}

/// A count as a bar's label.
pub fn count(n: u64) -> String {
    n.to_string()
}

/// A share in per mille as a bar's label: `92.5%`.
pub fn percent(permille: u64) -> String {
    format!(
        "{}.{}%",
        permille.checked_div(10).unwrap_or(0),
        permille.checked_rem(10).unwrap_or(0)
    )
}

/// Room for the group labels left of the bars: about 6.6 units per
/// character of the longest label at the labels' size.
fn label_width(groups: &[(String, Vec<u64>)]) -> f64 {
    let longest = groups
        .iter()
        .map(|(l, _)| l.chars().count())
        .max()
        .unwrap_or(0);
    (longest as f64 * 6.6 + 12.0).clamp(80.0, 420.0)
}

const BAR_AREA: f64 = 380.0;
const BAR_HEIGHT: f64 = 14.0;
const GAP: f64 = 10.0;

/// `x` with one decimal.
fn n(x: f64) -> String {
    format!("{x:.1}")
}

fn legend(out: &mut String, series: &[String], x: f64, y: f64) {
    let mut x = x;
    for (i, s) in series.iter().enumerate() {
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
            n(x),
            n(y),
            colour(i),
            n(x + 14.0),
            n(y + 9.0),
            escape(s)
        );
        x += 24.0 + 7.0 * s.chars().count() as f64;
    }
}

/// The chart as a `<figure>` with its caption; nothing when there is no
/// group to draw.
pub fn bars(out: &mut String, chart: &Bars<'_>) {
    if chart.groups.is_empty() || chart.series.is_empty() {
        return;
    }
    let max = chart
        .groups
        .iter()
        .flat_map(|(_, v)| v.iter().copied())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let per_group = BAR_HEIGHT * chart.series.len() as f64 + GAP;
    let height = 24.0 + per_group * chart.groups.len() as f64 + 8.0;
    let label_width = label_width(&chart.groups);
    let width = label_width + BAR_AREA + 60.0;
    let _ = writeln!(
        out,
        "<figure>\n<svg role=\"img\" aria-label=\"{}\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">",
        escape(chart.caption),
        n(width),
        n(height),
        n(width),
        n(height)
    );
    legend(out, chart.series, label_width, 4.0);
    let mut y = 24.0;
    for (label, values) in &chart.groups {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"11\" text-anchor=\"end\">{}</text>",
            n(label_width - 6.0),
            n(y + BAR_HEIGHT * chart.series.len() as f64 / 2.0 + 4.0),
            escape(label)
        );
        for (i, v) in values.iter().enumerate() {
            let w = BAR_AREA * (*v as f64) / max;
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"10\">{}</text>",
                n(label_width),
                n(y),
                n(w),
                n(BAR_HEIGHT - 2.0),
                colour(i),
                n(label_width + w + 4.0),
                n(y + BAR_HEIGHT - 4.0),
                escape(&(chart.label)(*v))
            );
            y += BAR_HEIGHT;
        }
        y += GAP;
    }
    let _ = writeln!(
        out,
        "</svg>\n<figcaption>{}</figcaption>\n</figure>",
        escape(chart.caption)
    );
}

/// Lines over a shared sequence of moments, values in per mille (a share
/// of 25.0% is 250), drawn on a 0–100% axis with an optional bound per line.
pub struct Lines<'a> {
    /// What the chart shows.
    pub caption: &'a str,
    /// The moments in order (dates), for the first and last axis label.
    pub moments: Vec<String>,
    /// The lines.
    pub lines: Vec<Line>,
}

/// One line of a [`Lines`] chart.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// Its name in the legend.
    pub name: String,
    /// Its bound in per mille, drawn dashed.
    pub bound: Option<u64>,
    /// Per moment its value in per mille, or nothing where it has no point.
    pub values: Vec<Option<u64>>,
}

/// The chart as a `<figure>`; nothing when there are fewer than two moments.
pub fn lines(out: &mut String, chart: &Lines<'_>) {
    if chart.moments.len() < 2 || chart.lines.is_empty() {
        return;
    }
    let (left, top, w, h) = (40.0, 10.0, 520.0, 160.0);
    let legend_y = top + h + 28.0;
    let height = legend_y + 18.0 * chart.lines.len() as f64 + 6.0;
    let step = w / (chart.moments.len() as f64 - 1.0);
    let y_of = |permille: u64| top + h - h * (permille.min(1000) as f64) / 1000.0;
    let _ = writeln!(
        out,
        "<figure>\n<svg role=\"img\" aria-label=\"{}\" width=\"{}\" height=\"{}\" viewBox=\"0 0 {} {}\">",
        escape(chart.caption),
        n(left + w + 20.0),
        n(height),
        n(left + w + 20.0),
        n(height)
    );
    for pct in [0u64, 50, 100] {
        let y = y_of(pct.saturating_mul(10));
        let _ = writeln!(
            out,
            "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#ccc\"/><text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\">{pct}%</text>",
            n(left),
            n(y),
            n(left + w),
            n(y),
            n(left - 4.0),
            n(y + 3.0)
        );
    }
    if let (Some(first), Some(last)) = (chart.moments.first(), chart.moments.last()) {
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" font-size=\"10\">{}</text><text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\">{}</text>",
            n(left),
            n(top + h + 14.0),
            escape(first),
            n(left + w),
            n(top + h + 14.0),
            escape(last)
        );
    }
    for (
        i,
        Line {
            name,
            bound,
            values,
        },
    ) in chart.lines.iter().enumerate()
    {
        if let Some(b) = bound {
            let y = y_of(*b);
            let _ = writeln!(
                out,
                "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"{}\" stroke-dasharray=\"4 3\"/>",
                n(left),
                n(y),
                n(left + w),
                n(y),
                colour(i)
            );
        }
        let points: Vec<String> = values
            .iter()
            .enumerate()
            .filter_map(|(x, v)| v.map(|v| format!("{},{}", n(left + step * x as f64), n(y_of(v)))))
            .collect();
        if !points.is_empty() {
            let _ = writeln!(
                out,
                "<polyline fill=\"none\" stroke=\"{}\" stroke-width=\"2\" points=\"{}\"/>",
                colour(i),
                points.join(" ")
            );
        }
        let y = legend_y + 18.0 * i as f64;
        let _ = writeln!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"10\" height=\"10\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" font-size=\"11\">{}</text>",
            n(left),
            n(y),
            colour(i),
            n(left + 14.0),
            n(y + 9.0),
            escape(name)
        );
    }
    let _ = writeln!(
        out,
        "</svg>\n<figcaption>{}</figcaption>\n</figure>",
        escape(chart.caption)
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_draw_one_bar_per_series_and_group_with_its_value() {
        let series = ["baseline".to_owned(), "strict".to_owned()];
        let draw = || {
            let mut out = String::new();
            bars(
                &mut out,
                &Bars {
                    caption: "inflow <per buurt>",
                    series: &series,
                    groups: vec![
                        ("GMS".into(), vec![3, 0]),
                        ("Meezenbroek".into(), vec![1, 2]),
                    ],
                    label: count,
                },
            );
            out
        };
        let out = draw();
        assert_eq!(out.matches("<rect").count(), 2 + 4);
        assert!(out.contains(">3</text>") && out.contains("inflow &lt;per buurt&gt;"));
        assert_eq!(out, draw(), "the same figures draw the same bytes");
    }

    #[test]
    fn a_share_reads_as_a_percentage() {
        assert_eq!(percent(925), "92.5%");
        assert_eq!(percent(1000), "100.0%");
    }

    #[test]
    fn nothing_is_drawn_without_data() {
        let mut out = String::new();
        bars(
            &mut out,
            &Bars {
                caption: "x",
                series: &[],
                groups: Vec::new(),
                label: count,
            },
        );
        lines(
            &mut out,
            &Lines {
                caption: "x",
                moments: vec!["2026-01-01".into()],
                lines: Vec::new(),
            },
        );
        assert!(out.is_empty());
    }
}
