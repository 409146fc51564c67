//! Lists split over a folder (`applicants/*.yaml`, `reactions/*.yaml`):
//! a folder written split by the streaming generator loads to the same
//! dataset as the one written whole, a problem in a split file is placed
//! at that file's own line, and a folder beside the file of the same list
//! is refused.

use std::path::{Path, PathBuf};

use crate::model::stream::FolderSink;
use crate::model::{GenerateOptions, generate, generate_into, load_dataset, write_dataset};
use chrono::NaiveDate;

fn options() -> GenerateOptions {
    let reference = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    GenerateOptions {
        reactions_per_vacancy: 40,
        inflow: 20,
        ..GenerateOptions::new(300, 30, 7, reference)
    }
}

fn fresh(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("toewijzer-split-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

/// Writes the generated folder split at `bytes` a file.
fn write_split(dir: &Path, bytes: u64) {
    let mut sink = FolderSink::new(dir, Some(bytes)).unwrap();
    generate_into(&options(), &mut sink).unwrap();
    sink.finish().unwrap();
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn streamed_files_are_those_written_whole() {
    let (whole, streamed) = (fresh("whole"), fresh("streamed"));
    write_dataset(&generate(&options()), &whole).unwrap();
    let mut sink = FolderSink::new(&streamed, None).unwrap();
    generate_into(&options(), &mut sink).unwrap();
    sink.finish().unwrap();
    assert_eq!(files_in(&whole), files_in(&streamed));
    for name in files_in(&whole) {
        let (a, b) = (whole.join(&name), streamed.join(&name));
        assert!(
            std::fs::read(a).unwrap() == std::fs::read(b).unwrap(),
            "{name} differs"
        );
    }
    std::fs::remove_dir_all(&whole).unwrap();
    std::fs::remove_dir_all(&streamed).unwrap();
}

#[test]
fn a_split_folder_loads_as_the_whole_one() {
    let (whole, split) = (fresh("as-whole"), fresh("as-split"));
    write_dataset(&generate(&options()), &whole).unwrap();
    write_split(&split, 16 * 1024);
    let reactions = files_in(&split.join("reactions"));
    assert!(reactions.len() > 3, "{reactions:?}");
    assert!(files_in(&split.join("applicants")).len() > 3);
    assert!(!split.join("reactions.yaml").exists());
    let a = load_dataset(&whole).unwrap();
    let b = load_dataset(&split).unwrap_or_else(|e| panic!("{}", e.render_text()));
    assert!(a == b, "the split folder loads otherwise");
    // Written whole again into the same folder, the split files go.
    let mut sink = FolderSink::new(&split, None).unwrap();
    generate_into(&options(), &mut sink).unwrap();
    sink.finish().unwrap();
    assert!(!split.join("reactions").exists());
    assert!(load_dataset(&split).unwrap() == a);
    std::fs::remove_dir_all(&whole).unwrap();
    std::fs::remove_dir_all(&split).unwrap();
}

#[test]
fn a_split_file_read_by_the_full_reader_loads_as_the_others() {
    // A comment is outside what the quick reader takes: the second file of
    // reactions goes through the full reader, the others do not, and the
    // reactions still resolve to the same data set, in the same places.
    let (whole, split) = (fresh("full-whole"), fresh("full-split"));
    write_dataset(&generate(&options()), &whole).unwrap();
    write_split(&split, 16 * 1024);
    let names = files_in(&split.join("reactions"));
    let second = split.join("reactions").join(&names[1]);
    let text = std::fs::read_to_string(&second).unwrap();
    std::fs::write(&second, format!("# read in full\n{text}")).unwrap();
    let a = load_dataset(&whole).unwrap();
    let b = load_dataset(&split).unwrap_or_else(|e| panic!("{}", e.render_text()));
    assert!(a == b, "the split folder loads otherwise");
    // A problem in the file after it is still placed in its own file.
    let third = split.join("reactions").join(&names[2]);
    let text = std::fs::read_to_string(&third).unwrap();
    std::fs::write(&third, text.replacen("  unit: U-", "  unit: X-", 1)).unwrap();
    let errors = load_dataset(&split).unwrap_err();
    let rendered = errors.render_text();
    assert_eq!(errors.errors.len(), 1, "{rendered}");
    assert!(rendered.contains(&format!("{}:3:", names[2])), "{rendered}");
    std::fs::remove_dir_all(&whole).unwrap();
    std::fs::remove_dir_all(&split).unwrap();
}

#[test]
fn a_problem_in_a_split_file_is_placed_in_that_file() {
    let dir = fresh("problem");
    write_split(&dir, 16 * 1024);
    let names = files_in(&dir.join("reactions"));
    let third = dir.join("reactions").join(&names[2]);
    let text = std::fs::read_to_string(&third).unwrap();
    // The second reaction of the third file names an unknown unit.
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    let at = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.starts_with("  unit: "))
        .nth(1)
        .map(|(i, _)| i)
        .unwrap();
    lines[at] = "  unit: U-999999".into();
    std::fs::write(&third, lines.join("\n") + "\n").unwrap();
    let errors = load_dataset(&dir).unwrap_err();
    let text = errors.render_text();
    let line = format!("{}:{}:", names[2], at + 1);
    assert!(text.contains(&line), "expected {line} in:\n{text}");
    assert!(text.contains("U-999999"), "{text}");
    assert_eq!(errors.errors.len(), 1, "{text}");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_folder_beside_the_file_of_its_list_is_refused() {
    let dir = fresh("both");
    write_split(&dir, 16 * 1024);
    std::fs::write(dir.join("reactions.yaml"), "reactions: []\n").unwrap();
    let text = load_dataset(&dir).unwrap_err().render_text();
    assert!(
        text.contains("keep either the file or the folder"),
        "{text}"
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
