//! `toewijzer check --explain CODE`: the article behind a legal-limit
//! diagnostic, the reasoning, and a lawful rule, as `rustc --explain` does.
//! The pages live in `docs/codes/`, one per code, and a test keeps every
//! lawful example checking clean.

/// Every code with a page, and the page.
pub const PAGES: &[(&str, &str)] = &[
    ("E0401", include_str!("../../docs/codes/E0401.md")),
    ("E0402", include_str!("../../docs/codes/E0402.md")),
    ("E0403", include_str!("../../docs/codes/E0403.md")),
    ("E0404", include_str!("../../docs/codes/E0404.md")),
    ("E0405", include_str!("../../docs/codes/E0405.md")),
    ("E0406", include_str!("../../docs/codes/E0406.md")),
    ("E0407", include_str!("../../docs/codes/E0407.md")),
    ("E0408", include_str!("../../docs/codes/E0408.md")),
    ("E0409", include_str!("../../docs/codes/E0409.md")),
    ("E0410", include_str!("../../docs/codes/E0410.md")),
    ("E0411", include_str!("../../docs/codes/E0411.md")),
    ("E0412", include_str!("../../docs/codes/E0412.md")),
    ("E0413", include_str!("../../docs/codes/E0413.md")),
    ("E0414", include_str!("../../docs/codes/E0414.md")),
    ("E0415", include_str!("../../docs/codes/E0415.md")),
    ("W0105", include_str!("../../docs/codes/W0105.md")),
];

/// The page of `code` (case-insensitive), if it has one.
pub fn explanation(code: &str) -> Option<&'static str> {
    PAGES
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code.trim()))
        .map(|(_, page)| *page)
}
