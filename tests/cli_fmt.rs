//! `toewijzer fmt` end to end: exit code, stdout and stderr together.

#![allow(clippy::indexing_slicing, clippy::arithmetic_side_effects)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("toewijzer-cli-fmt-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Runs `toewijzer ARGS` in `dir` and describes what it did.
fn run(dir: &Path, args: &[&str]) -> std::io::Result<String> {
    let out = Command::new(env!("CARGO_BIN_EXE_toewijzer"))
        .args(args)
        .current_dir(dir)
        .output()?;
    Ok(format!(
        "exit: {:?}\n--- stdout\n{}--- stderr\n{}",
        out.status.code(),
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    ))
}

#[test]
fn check_lists_files_that_would_change_then_fmt_rewrites_them() {
    let dir = scratch("rewrite").unwrap();
    std::fs::create_dir_all(dir.join("rules")).unwrap();
    std::fs::write(dir.join("rules/a.rules"), "gate a   require x # why\n").unwrap();
    std::fs::write(dir.join("rules/b.rules"), "gate b\n  require y\n").unwrap();
    let report = [
        run(&dir, &["fmt", "--check", "rules"]).unwrap(),
        run(&dir, &["fmt", "rules"]).unwrap(),
        std::fs::read_to_string(dir.join("rules/a.rules")).unwrap(),
        run(&dir, &["fmt", "--check", "rules"]).unwrap(),
    ]
    .join("\n=====\n");
    insta::assert_snapshot!(report);
}

#[test]
fn syntax_errors_and_missing_paths_exit_with_2() {
    let dir = scratch("errors").unwrap();
    std::fs::write(dir.join("bad.rules"), "gate g\n  require (x\n").unwrap();
    let report = [
        run(&dir, &["fmt", "bad.rules"]).unwrap(),
        run(&dir, &["fmt", "--check", "missing.rules"]).unwrap(),
    ]
    .join("\n=====\n");
    assert_eq!(
        std::fs::read_to_string(dir.join("bad.rules")).unwrap(),
        "gate g\n  require (x\n",
        "a file with errors is left alone"
    );
    insta::assert_snapshot!(report);
}
