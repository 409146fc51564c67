//! The lines in which two traces of one pair differ: each decision is put
//! into words as `eval --trace` shows it, and the lines outside their
//! longest common subsequence are kept, in order, with their side.

use super::{LineSide, TraceLine};
use crate::eval::record::DecisionRecord;
use crate::report::text::render_decision_in;
use crate::report::words::Words;

/// The most lines of one trace compared line by line; past it (a trace
/// that long is not read by anyone) the lines are compared as sets.
const MAX_LINES: usize = 2_000;

/// The lines of the rendered traces of `old` and `new` (in the words of
/// `w`) that the other does not have, in order: baseline and variant lines interleaved as a diff
/// shows them.
pub fn differing_lines(old: &DecisionRecord, new: &DecisionRecord, w: Words) -> Vec<TraceLine> {
    let mut a = String::new();
    render_decision_in(&mut a, old, w);
    let mut b = String::new();
    render_decision_in(&mut b, new, w);
    let a: Vec<&str> = a.lines().collect();
    let b: Vec<&str> = b.lines().collect();
    if a.len() > MAX_LINES || b.len() > MAX_LINES {
        let only = |x: &[&str], y: &[&str], side| {
            x.iter()
                .filter(|l| !y.contains(l))
                .map(|l| line(side, l))
                .collect::<Vec<_>>()
        };
        let mut out = only(&a, &b, LineSide::Baseline);
        out.extend(only(&b, &a, LineSide::Variant));
        return out;
    }
    lcs_diff(&a, &b)
}

fn line(side: LineSide, text: &str) -> TraceLine {
    TraceLine {
        side,
        text: text.to_owned(),
    }
}

/// The classic longest-common-subsequence diff: a table of suffix lengths,
/// then one walk from the start.
fn lcs_diff(a: &[&str], b: &[&str]) -> Vec<TraceLine> {
    let width = b.len().saturating_add(1);
    let mut table = vec![0u32; a.len().saturating_add(1).saturating_mul(width)];
    let at = |i: usize, j: usize| i.saturating_mul(width).saturating_add(j);
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            let value = if a.get(i) == b.get(j) {
                table
                    .get(at(i.saturating_add(1), j.saturating_add(1)))
                    .map_or(0, |v| v.saturating_add(1))
            } else {
                let down = table.get(at(i.saturating_add(1), j)).copied().unwrap_or(0);
                let right = table.get(at(i, j.saturating_add(1))).copied().unwrap_or(0);
                down.max(right)
            };
            if let Some(cell) = table.get_mut(at(i, j)) {
                *cell = value;
            }
        }
    }
    let mut out = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a.get(i) == b.get(j) {
            i = i.saturating_add(1);
            j = j.saturating_add(1);
            continue;
        }
        let down = table.get(at(i.saturating_add(1), j)).copied().unwrap_or(0);
        let right = table.get(at(i, j.saturating_add(1))).copied().unwrap_or(0);
        if down >= right {
            out.extend(a.get(i).map(|l| line(LineSide::Baseline, l)));
            i = i.saturating_add(1);
        } else {
            out.extend(b.get(j).map(|l| line(LineSide::Variant, l)));
            j = j.saturating_add(1);
        }
    }
    out.extend(a.iter().skip(i).map(|l| line(LineSide::Baseline, l)));
    out.extend(b.iter().skip(j).map(|l| line(LineSide::Variant, l)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_lines_outside_the_common_part_are_kept() {
        let out = lcs_diff(&["a", "b", "c", "d"], &["a", "x", "c", "d", "e"]);
        let shown: Vec<(LineSide, &str)> = out.iter().map(|l| (l.side, l.text.as_str())).collect();
        assert_eq!(
            shown,
            vec![
                (LineSide::Baseline, "b"),
                (LineSide::Variant, "x"),
                (LineSide::Variant, "e")
            ]
        );
        assert!(lcs_diff(&["a", "b"], &["a", "b"]).is_empty());
    }
}
