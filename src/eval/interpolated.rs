//! Finding a key in a sorted list by where it should be: applicant
//! positions in a unit's reactions are spread about evenly, so the place
//! interpolated between the first and the last key is within a step or two
//! of the key. A plain binary search over a unit's 300 reactions reads nine
//! cache lines one after another; decided in applicant order (every unit's
//! list in turn), that was a third of a decision.
//!
//! From the guess the search gallops (1, 2, 4, … entries) to bracket the
//! key and finishes with a binary search inside the bracket, so a list
//! whose keys are not spread evenly costs at most about twice a binary
//! search.

/// The index of `key` in `list`, sorted by its first field, if it is there.
pub(super) fn find<T>(list: &[(u32, T)], key: u32) -> Option<usize> {
    let (low, high) = (list.first()?.0, list.last()?.0);
    if key < low || key > high {
        return None;
    }
    // None of the checked steps below can fail: the list is not empty,
    // `low <= key <= high`, and the guess is at most `last`. The keys are
    // 32-bit, so the product of two of them fits 64 bits (a 128-bit
    // division was a tenth of the search).
    let last = list.len().checked_sub(1)?;
    let span = u64::from(high.checked_sub(low)?);
    let guess = match span {
        0 => 0,
        span => {
            let ahead = u64::from(key.checked_sub(low)?);
            let within = u64::try_from(last).ok()?.min(u64::from(u32::MAX));
            usize::try_from(ahead.checked_mul(within)?.checked_div(span)?).ok()?
        }
    };
    let at = |i: usize| list.get(i).map(|(k, _)| *k);
    let (from, to) = match at(guess)? {
        k if k == key => return Some(guess),
        k if k < key => {
            // Forward: the key is after `guess`, at or before `guess + step`.
            let mut step = 1usize;
            while at(guess.saturating_add(step)).is_some_and(|k| k < key) {
                step = step.saturating_mul(2);
            }
            (guess.checked_add(1)?, guess.saturating_add(step).min(last))
        }
        _ => {
            // Backward likewise.
            let mut step = 1usize;
            while guess
                .checked_sub(step)
                .and_then(at)
                .is_some_and(|k| k > key)
            {
                step = step.saturating_mul(2);
            }
            (guess.saturating_sub(step), guess.checked_sub(1)?)
        }
    };
    let bracket = list.get(from..=to)?;
    let i = bracket.binary_search_by_key(&key, |(k, _)| *k).ok()?;
    from.checked_add(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every key of lists spread evenly, unevenly and in clumps is found
    /// where a binary search finds it, and no other key is.
    #[test]
    fn finds_what_a_binary_search_finds() {
        let mut seed = 7u64;
        let mut next = move || {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as u32
        };
        let mut lists: Vec<Vec<u32>> = vec![
            vec![],
            vec![5],
            vec![5, 6],
            vec![0, u32::MAX],
            (0..300).map(|i| i * 67).collect(),
            (0..300).map(|i| i * i * i).collect(),
            (0..100).chain(1_000_000..1_000_050).collect(),
        ];
        for _ in 0..50 {
            let len = next() % 400;
            let mut keys: Vec<u32> = (0..len).map(|_| next() % 50_000).collect();
            keys.sort_unstable();
            keys.dedup();
            lists.push(keys);
        }
        for keys in lists {
            let list: Vec<(u32, ())> = keys.iter().map(|k| (*k, ())).collect();
            let probes = keys
                .iter()
                .flat_map(|k| [k.wrapping_sub(1), *k, k.wrapping_add(1)])
                .chain([0, 1, u32::MAX, 25_000]);
            for probe in probes {
                let expected = list.binary_search_by_key(&probe, |(k, _)| *k).ok();
                assert_eq!(find(&list, probe), expected, "{probe} in {keys:?}");
            }
        }
    }
}
