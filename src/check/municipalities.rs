//! The municipalities of the Netherlands, for the members of a region.
//!
//! A region is what binding is measured against: "de gemeente of regio"
//! (Hw2014 art. 14 lid 4), a woningmarktregio of municipalities (art. 1).
//! A member that is no Dutch municipality is a typo that silently empties
//! part of the region, or a place abroad that turns binding into a test of
//! origin (Grondwet art. 1; AWGB). The list ships with the project, with
//! its source and date in `municipalities.txt`.

use std::sync::LazyLock;

/// The official names, sorted.
static NAMES: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut names: Vec<&'static str> = include_str!("municipalities.txt")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| l.split_once('\t').map(|(_, name)| name))
        .collect();
    names.sort_unstable();
    names
});

/// Whether `name` is a Dutch municipality, spelled as CBS spells it.
pub fn is_municipality(name: &str) -> bool {
    NAMES.binary_search(&name).is_ok()
}

/// Every name, for suggestions.
pub fn names() -> impl Iterator<Item = &'static str> {
    NAMES.iter().copied()
}

/// The date and source line of the list, for messages.
pub const AS_OF: &str = "CBS gemeentelijke indeling, 1 January 2023 (342 municipalities)";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_holds_every_parkstad_municipality_and_no_place_abroad() {
        assert_eq!(names().count(), 342);
        // The generator's Parkstad is the one the scenario and the rules use.
        for m in crate::model::generate::PARKSTAD.into_iter().chain([
            "Sittard-Geleen",
            "'s-Gravenhage",
            "Beek (L.)",
        ]) {
            assert!(is_municipality(m), "{m}");
        }
        for m in [
            "Aachen",
            "Herzogenrath",
            "Antwerpen",
            "Herlen",
            "Weesp",
            "Brielle",
        ] {
            assert!(!is_municipality(m), "{m}");
        }
    }
}
