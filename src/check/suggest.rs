//! "Did you mean …?": the closest known name by edit distance.

/// The candidate closest to `name`, if it is close enough to be a likely typo
/// (at most a third of the name's length, and at least one edit allowed).
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<String> {
    let limit = (name.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| (distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c.to_owned())
}

/// At most `n` candidates nearest to `name`, nearest first (ties in the
/// candidates' order), in backticks and joined by commas: what an error
/// lists when no candidate is close enough to be the one meant.
pub fn nearest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>, n: usize) -> String {
    let mut ranked: Vec<(usize, usize, &str)> = candidates
        .into_iter()
        .enumerate()
        .map(|(i, c)| (distance(name, c), i, c))
        .collect();
    ranked.sort_unstable();
    ranked.dedup_by(|a, b| a.2 == b.2);
    let mut shown: Vec<String> = ranked
        .iter()
        .take(n)
        .map(|(_, _, c)| format!("`{c}`"))
        .collect();
    if ranked.len() > n {
        shown.push("…".to_owned());
    }
    shown.join(", ")
}

/// Optimal string alignment distance: insertions, deletions, substitutions
/// and swaps of two neighbouring characters each cost one.
// Invariant: `rows` is `(a.len() + 1) × (b.len() + 1)` and `i`, `j` run over
// `1..=a.len()`, `1..=b.len()`, so every index (`i - 2`, `j - 2` only where
// `i, j > 1`) is in bounds; every cell is at most `max(a.len(), b.len())`,
// so `+ 1` cannot overflow. The textbook recurrence reads clearer than the
// same with `get` on every cell.
#[allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]
fn distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in rows.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in rows[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = best;
        }
    }
    rows[a.len()][b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_the_nearest_names_first() {
        let names = ["registered_on", "age", "born_on", "age"];
        assert_eq!(nearest("agx", names, 2), "`age`, `born_on`, …");
        assert_eq!(
            nearest("agx", names, 5),
            "`age`, `born_on`, `registered_on`"
        );
    }

    #[test]
    fn finds_typos_and_swaps() {
        let names = ["registered_on", "registration_active", "age"];
        assert_eq!(
            closest("regsitered_on", names).as_deref(),
            Some("registered_on")
        );
        assert_eq!(closest("agee", names).as_deref(), Some("age"));
        assert_eq!(closest("income", names), None);
    }
}
