//! Nothing outside the folder: imports stay inside their rule set's folder
//! and data files inside their data folder, whatever paths and symbolic
//! links say; nothing of a refused file is ever shown; broken links are
//! named as such; a walk through looping links sees each file once.

#![cfg(unix)]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};

mod support;

use support::cli::{Run, shown};

/// What no output may ever show: it is written only into refused files.
const SECRET: &str = "SECRET-CONTENT-42";

/// Runs the binary in `dir`, failing if the output shows [`SECRET`].
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let run = support::cli::run_in(dir, args);
    assert!(
        !run.stdout.contains(SECRET) && !run.stderr.contains(SECRET),
        "a refused file's content is shown:\n{}",
        shown(args, &run)
    );
    run
}

fn scratch(name: &str) -> PathBuf {
    support::cli::scratch("confine", name)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

fn fixture(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

#[test]
fn imports_outside_the_rule_folder_are_refused_unread() {
    let dir = scratch("imports");
    std::fs::write(dir.join("outside.rules"), format!("{SECRET}\n")).unwrap();
    let set = dir.join("set");
    std::fs::create_dir_all(set.join("sub")).unwrap();
    std::fs::write(
        set.join("root.rules"),
        "ruleset r \"Regels\" version \"1\"\n\
         import \"/etc/passwd\"\n\
         import \"/proc/self/environ\"\n\
         import \"../outside.rules\"\n\
         import \"sub/../../outside.rules\"\n\
         import \"link.rules\"\n\
         import \"notes.txt\"\n\
         import \"dangling.rules\"\n\
         import \"loop.rules\"\n\
         import \"sub/inside.rules\"\n",
    )
    .unwrap();
    // `..` that stays inside the folder is fine.
    std::fs::write(set.join("sub/inside.rules"), "import \"../shared.rules\"\n").unwrap();
    std::fs::write(set.join("shared.rules"), "").unwrap();
    std::fs::write(set.join("notes.txt"), format!("{SECRET}\n")).unwrap();
    symlink("../outside.rules", set.join("link.rules")).unwrap();
    symlink("nothing-here.rules", set.join("dangling.rules")).unwrap();
    symlink("loop.rules", set.join("loop.rules")).unwrap();
    let args = ["check", "set"];
    let r = run_in(&dir, &args);
    insta::assert_snapshot!(shown(&args, &r));
    // The folder's broken links cannot be read: exit 2.
    assert_eq!(r.code, 2);
}

#[test]
fn a_rule_file_named_that_is_not_a_rule_file_is_not_shown() {
    let dir = scratch("named");
    std::fs::write(dir.join("secret.txt"), format!("{SECRET}\n")).unwrap();
    let args = ["check", "secret.txt"];
    let r = run_in(&dir, &args);
    assert_eq!(r.code, 2, "{}", shown(&args, &r));
    insta::assert_snapshot!(shown(&args, &r));
}

#[test]
fn data_files_linked_outside_the_folder_or_broken_are_refused() {
    let dir = scratch("data");
    let data = dir.join("data");
    copy_dir(&fixture("fixtures/heerlen-noord"), &data);
    std::fs::write(dir.join("secret.yaml"), format!("applicants: {SECRET}\n")).unwrap();
    std::fs::remove_file(data.join("applicants.yaml")).unwrap();
    symlink("../secret.yaml", data.join("applicants.yaml")).unwrap();
    std::fs::remove_file(data.join("units.yaml")).unwrap();
    symlink("gone.yaml", data.join("units.yaml")).unwrap();
    std::fs::remove_file(data.join("complexes.yaml")).unwrap();
    symlink("complexes.yaml", data.join("complexes.yaml")).unwrap();
    // A link inside the folder is fine.
    std::fs::rename(data.join("buurten.yaml"), data.join("b.yaml")).unwrap();
    symlink("b.yaml", data.join("buurten.yaml")).unwrap();
    let args = ["check-data", "data"];
    let r = run_in(&dir, &args);
    assert_eq!(r.code, 2);
    assert!(!r.stdout.contains("E0502") && !r.stderr.contains("E0502"));
    insta::assert_snapshot!(shown(&args, &r));
}

#[test]
fn a_test_folder_with_looping_links_reports_each_file_once() {
    let dir = scratch("suite");
    let suite = dir.join("suite");
    std::fs::create_dir_all(&suite).unwrap();
    std::fs::write(suite.join("a.yaml"), "rules: [\n").unwrap();
    symlink(".", suite.join("again")).unwrap();
    std::fs::create_dir_all(suite.join("deeper")).unwrap();
    symlink("..", suite.join("deeper/up")).unwrap();
    symlink("..", suite.join("out")).unwrap();
    symlink("a.yaml", suite.join("b.yaml")).unwrap();
    symlink("gone.yaml", suite.join("broken.yaml")).unwrap();
    let args = ["test", "suite"];
    let r = run_in(&dir, &args);
    insta::assert_snapshot!(shown(&args, &r));
    assert_eq!(r.code, 2);
    let all = format!("{}{}", r.stdout, r.stderr);
    assert_eq!(all.matches("a.yaml").count(), 1, "{all}");
}
