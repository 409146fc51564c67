//! The HTML outputs as a reader opens them. Every HTML form of the
//! Heerlen-Noord scenario is written and checked to be one self-contained
//! page (nothing loaded, no script), deterministic, and citing its
//! articles; then opened in a real headless browser: the screenshot must
//! be a PNG with content, the console silent, and the DOM must hold the
//! citations. Without a browser the browser checks skip and say so,
//! unless `TOEWIJZER_REQUIRE_BROWSER` is set (CI sets it once it has
//! installed one). The text of two pages is snapshotted for review.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod support;

use support::browser;
use support::cli::{SCENARIO, run, scratch, shown};
use toewijzer::render::html::visible_text;

/// A page to write: its name, the command line, and what its text must
/// contain.
struct Page {
    name: &'static str,
    args: Vec<&'static str>,
    cites: &'static [&'static str],
}

/// The scenario as the workflow commands take it (no reference date).
const WORKFLOW: [&str; 4] = [
    "--rules",
    "rules/heerlen",
    "--data",
    "fixtures/heerlen-noord",
];

fn with(command: &'static str, base: &[&'static str], extra: &[&'static str]) -> Vec<&'static str> {
    let mut args = vec![command];
    args.extend(base);
    args.extend(extra);
    args.extend(["--format", "html"]);
    args
}

fn pages() -> Vec<Page> {
    vec![
        Page {
            name: "eval",
            args: with("eval", &SCENARIO, &["--trace"]),
            cites: &["Wbmgp art. 8", "Hw2014 art. 14", "Summary", "To reproduce"],
        },
        Page {
            name: "explain",
            args: with(
                "explain",
                &SCENARIO,
                &["--applicant", "A-002", "--unit", "U-0101"],
            ),
            cites: &[
                "Wbmgp art. 8",
                "not eligible",
                "Parameters in force on 2026-03-02",
            ],
        },
        Page {
            name: "rank",
            args: with("rank", &SCENARIO, &["--unit", "U-0101"]),
            cites: &["Wbmgp art. 8", "Unit U-0101"],
        },
        Page {
            name: "validate",
            args: with("validate", &WORKFLOW, &[]),
            cites: &["Wbmgp art. 8", "Proposed allocations"],
        },
        Page {
            name: "allocate",
            args: with("allocate", &WORKFLOW, &[]),
            cites: &["Allocation run", "quota"],
        },
        Page {
            name: "report",
            args: with(
                "report",
                &WORKFLOW,
                &["--from", "2025-01-01", "--until", "2026-12-31"],
            ),
            cites: &["Quotas over time", "Quota shares over time"],
        },
        Page {
            name: "diff",
            args: with(
                "diff",
                &SCENARIO,
                &[
                    "--variant",
                    "rules/heerlen/variants/art8_income_only.variant",
                    "--variant",
                    "rules/heerlen/variants/gms_art8.variant",
                    "--period",
                    "2026-01-01..2026-12-31",
                ],
            ),
            cites: &[
                "Wbmgp art. 8",
                "Changed decisions by rule",
                "Allocation 2026-01-01 through 2026-12-31",
            ],
        },
        Page {
            name: "simulate",
            args: with(
                "simulate",
                &WORKFLOW,
                &[
                    "--from",
                    "2026-01-01",
                    "--until",
                    "2026-12-31",
                    "--variant",
                    "rules/heerlen/variants/gms_art8.variant",
                    "--variant",
                    "rules/heerlen/variants/fragile_strict.variant",
                ],
            ),
            cites: &["Wbmgp art. 6 lid 2", "art. 8", "Inflow per buurt"],
        },
        Page {
            name: "letter",
            args: with(
                "letter",
                &SCENARIO,
                &["--applicant", "A-002", "--unit", "U-0101"],
            ),
            cites: &["Huisvestingswet", "art. 8"],
        },
    ]
}

/// Writes `page` and returns its HTML; the command must succeed (or, for
/// `validate`, report a negative outcome).
fn write(page: &Page) -> String {
    let r = run(&page.args);
    assert!(r.code == 0 || r.code == 1, "{}", shown(&page.args, &r));
    r.stdout
}

#[test]
fn every_html_output_is_one_self_contained_page_citing_its_sources() {
    for page in pages() {
        let html = write(&page);
        let name = page.name;
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang="), "{name}");
        assert!(html.ends_with("</body>\n</html>\n"), "{name}");
        for banned in [
            "<script", "<link", "<img", "<iframe", "src=", "href=", "url(", "@import",
        ] {
            assert!(!html.contains(banned), "{name} holds `{banned}`");
        }
        for tag in ["section", "table", "ul", "figure", "svg", "pre"] {
            assert_eq!(
                html.matches(&format!("<{tag}")).count(),
                html.matches(&format!("</{tag}>")).count(),
                "{name}: unbalanced <{tag}>"
            );
        }
        let text = visible_text(&html);
        for cite in page.cites {
            assert!(text.contains(cite), "{name} does not say `{cite}`");
        }
        assert_eq!(html, write(&page), "{name} is not deterministic");
    }
}

#[test]
fn simulate_draws_its_charts_inline() {
    let pages = pages();
    let page = pages.iter().find(|p| p.name == "simulate").unwrap();
    let html = write(page);
    assert!(html.matches("<svg ").count() >= 4, "{html}");
    assert!(html.contains("<figcaption>Inflow per buurt"));
}

/// `text` with every SHA-256 written as `<sha256>`.
fn hashes_out(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let words: Vec<&str> = line
            .split(' ')
            .map(|w| {
                if w.len() == 64 && w.chars().all(|c| c.is_ascii_hexdigit()) {
                    "<sha256>"
                } else {
                    w
                }
            })
            .collect();
        out.push_str(&words.join(" "));
        out.push('\n');
    }
    out
}

#[test]
fn the_auditors_report_of_a_refusal_reads_so() {
    let pages = pages();
    for name in ["explain", "diff"] {
        let page = pages.iter().find(|p| p.name == name).unwrap();
        // Hashes change with every edit of a rule or data file; the
        // snapshot is of the page's shape and words.
        let text = hashes_out(&visible_text(&write(page)));
        insta::assert_snapshot!(
            format!("{name}_text"),
            format!("$ toewijzer {}\n{text}", page.args.join(" "))
        );
    }
}

#[test]
fn every_html_output_opens_in_a_headless_browser() {
    let Some(chromium) = browser::find() else {
        let required = std::env::var_os("TOEWIJZER_REQUIRE_BROWSER").is_some();
        assert!(
            !required,
            "TOEWIJZER_REQUIRE_BROWSER is set but no browser was found (chromium, google-chrome, or TOEWIJZER_BROWSER)"
        );
        eprintln!(
            "skipped: no headless browser found (install chromium, or run .ci/install-browser, \
             or name one in TOEWIJZER_BROWSER); the pages were checked without one"
        );
        return;
    };
    // The console check must catch what it looks for.
    let dir = scratch("html", "probe");
    let probe = dir.join("probe.html");
    std::fs::write(
        &probe,
        "<!DOCTYPE html><html><body><p>probe</p><script>console.error('probe-error')</script></body></html>",
    )
    .unwrap();
    let opened = browser::open(&chromium, &probe, &dir).unwrap();
    assert!(
        opened.console.iter().any(|l| l.contains("probe-error")),
        "the browser's console is not read: {:?}",
        opened.console
    );
    for page in pages() {
        let dir = scratch("html", page.name);
        let path = dir.join(format!("{}.html", page.name));
        std::fs::write(&path, write(&page)).unwrap();
        let opened =
            browser::open(&chromium, &path, &dir).unwrap_or_else(|e| panic!("{}: {e}", page.name));
        assert!(
            opened.png.starts_with(b"\x89PNG\r\n\x1a\n") && opened.png.len() > 10_000,
            "{}: the screenshot is empty ({} bytes)",
            page.name,
            opened.png.len()
        );
        assert!(
            opened.console.is_empty(),
            "{}: console messages: {:?}",
            page.name,
            opened.console
        );
        let text = visible_text(&opened.dom);
        for cite in page.cites {
            assert!(
                text.contains(cite),
                "{}: the browser's page does not say `{cite}`",
                page.name
            );
        }
    }
}
