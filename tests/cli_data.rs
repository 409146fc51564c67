//! `toewijzer check-data` and `generate` from the outside: stdout, stderr and
//! the exit code, snapshotted together.

// Helpers outside `#[test]` functions unwrap too: a failure should be loud.
#![allow(
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

use std::path::Path;
use std::process::Command;

fn run(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_toewijzer"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    format!(
        "## exit\n{}\n## stdout\n{}## stderr\n{}",
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn the_scenario_checks_clean() {
    insta::assert_snapshot!(run(&["check-data", "fixtures/heerlen-noord"]));
}

#[test]
fn a_bad_folder_exits_2_with_every_problem() {
    insta::assert_snapshot!(run(&["check-data", "fixtures/data/err/many-problems"]));
}

#[test]
fn generate_writes_a_folder_that_checks_clean() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-generate");
    let _ = std::fs::remove_dir_all(&out);
    let out = out.to_str().unwrap();
    let generated = run(&[
        "generate",
        "--applicants",
        "50",
        "--units",
        "30",
        "--seed",
        "9",
        "--out",
        out,
    ]);
    assert!(generated.starts_with("## exit\n0\n"), "{generated}");
    let checked = run(&["check-data", out]);
    assert!(checked.starts_with("## exit\n0\n"), "{checked}");
}

/// `allocate --threads 2` writes the bytes `--threads 1` writes.
#[test]
fn allocate_writes_the_same_bytes_on_one_thread_and_two() {
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("cli-generate-threads");
    let _ = std::fs::remove_dir_all(&out);
    let out = out.to_str().unwrap();
    let generated = run(&[
        "generate",
        "--applicants",
        "400",
        "--units",
        "20",
        "--reactions-per-vacancy",
        "150",
        "--seed",
        "4",
        "--out",
        out,
    ]);
    assert!(generated.starts_with("## exit\n0\n"), "{generated}");
    let allocate = |threads: &str| {
        run(&[
            "allocate",
            "--rules",
            "rules/heerlen",
            "--data",
            out,
            "--format",
            "json",
            "--threads",
            threads,
        ])
    };
    let one = allocate("1");
    assert!(one.starts_with("## exit\n0\n"), "{one}");
    assert_eq!(one, allocate("2"));
}
