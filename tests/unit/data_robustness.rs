//! No input makes loading panic or hang: the scenario's files cut short or
//! with a character removed at many places all load or fail with errors
//! that point inside their file. The applicants file is shortened to its
//! first twelve files to keep each load quick; references to the others then
//! dangle, which exercises the second, locating pass as well.

// Helpers outside `#[test]` functions unwrap too: a failure should be loud.
use std::path::{Path, PathBuf};

use crate::model::{FILES, load_dataset};

const SCENARIO: &str = "fixtures/heerlen-noord";

/// The text of a scenario file; applicants only up to the thirteenth file.
fn text(file: &str) -> String {
    let text = std::fs::read_to_string(Path::new(SCENARIO).join(file)).unwrap();
    if file != "applicants.yaml" {
        return text;
    }
    let end = text
        .match_indices("\n  # ")
        .nth(12)
        .map_or(text.len(), |(i, _)| i + 1);
    text[..end].to_owned()
}

fn scratch(name: &str) -> PathBuf {
    let dir = super::support::tmp().join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (file, _, _) in FILES {
        std::fs::write(dir.join(file), text(file)).unwrap();
    }
    dir
}

/// Loads `dir` and checks that every problem's span lies inside its file.
fn load_checked(dir: &Path) {
    if let Err(errors) = load_dataset(dir) {
        assert!(!errors.errors.is_empty());
        for e in &errors.errors {
            if let Some(span) = e.place().and_then(|p| p.span) {
                let file = errors.sources.get(span.file).unwrap();
                assert!(span.end as usize <= file.text.len(), "{e}");
                assert!(file.text.is_char_boundary(span.start as usize), "{e}");
            }
        }
        // Rendering never fails either.
        assert!(!errors.render_text().is_empty());
    }
}

/// Byte offsets spread over `text`, on character boundaries.
fn cuts(text: &str, count: usize) -> Vec<usize> {
    let step = (text.len() / count).max(1);
    (0..text.len())
        .step_by(step)
        .filter(|&i| text.is_char_boundary(i))
        .collect()
}

#[test]
fn truncated_files_never_panic() {
    for (file, count) in [("applicants.yaml", 40), ("complexes.yaml", 10)] {
        let text = text(file);
        let dir = scratch(&format!("truncated-{file}"));
        for cut in cuts(&text, count) {
            std::fs::write(dir.join(file), &text[..cut]).unwrap();
            load_checked(&dir);
        }
    }
}

#[test]
fn a_missing_character_anywhere_never_panics() {
    for (file, count) in [("applicants.yaml", 40), ("units.yaml", 10)] {
        let text = text(file);
        let dir = scratch(&format!("deleted-{file}"));
        for at in cuts(&text, count) {
            let Some(c) = text[at..].chars().next() else {
                continue;
            };
            let mut damaged = text.clone();
            damaged.replace_range(at..at + c.len_utf8(), "");
            std::fs::write(dir.join(file), damaged).unwrap();
            load_checked(&dir);
        }
    }
}
