//! Running the binary as a user does, and scratch folders to run it in.

use std::path::{Path, PathBuf};
use std::process::Command;

/// What one run of the binary did.
pub struct Run {
    /// The exit code (-1 when killed by a signal).
    pub code: i32,
    /// Everything written to stdout.
    pub stdout: String,
    /// Everything written to stderr.
    pub stderr: String,
}

/// The Heerlen-Noord scenario as every evaluating command takes it.
pub const SCENARIO: [&str; 6] = [
    "--rules",
    "rules/heerlen",
    "--data",
    "fixtures/heerlen-noord",
    "--date",
    "2026-03-02",
];

/// The rules, the data and the lottery seed as `allocate`, `validate` and
/// `report` take them (each vacancy or proposal brings its own date).
pub const WORKFLOW: [&str; 6] = [
    "--rules",
    "rules/heerlen",
    "--data",
    "fixtures/heerlen-noord",
    "--seed",
    "20260302",
];

/// The period and the two variants `simulate` is tested with: the first
/// half of 2026 under an art. 8 designation of the GMS complex and a
/// stricter fragile share.
pub const SIMULATED: [&str; 8] = [
    "--from",
    "2026-01-01",
    "--until",
    "2026-06-30",
    "--variant",
    "rules/heerlen/variants/gms_art8.variant",
    "--variant",
    "rules/heerlen/variants/fragile_strict.variant",
];

/// `eval` of the scenario's data under a rule file with an unknown field:
/// the rule error every way into the rules reports alike.
pub const EVAL_BAD_RULES: [&str; 7] = [
    "eval",
    "--rules",
    "fixtures/check/err/unknown_field.rules",
    "--data",
    "fixtures/heerlen-noord",
    "--date",
    "2026-03-02",
];

/// Runs the binary with `args` in the repository's root.
pub fn run(args: &[&str]) -> Run {
    run_in(Path::new(env!("CARGO_MANIFEST_DIR")), args)
}

/// Runs the binary with `args` in `dir`.
pub fn run_in(dir: &Path, args: &[&str]) -> Run {
    let out = Command::new(env!("CARGO_BIN_EXE_toewijzer"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the binary runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// Command line, exit code, stdout and stderr as one snapshot.
pub fn shown(args: &[&str], r: &Run) -> String {
    format!(
        "$ toewijzer {}\nexit: {}\n--- stdout\n{}--- stderr\n{}",
        args.join(" "),
        r.code,
        r.stdout,
        r.stderr
    )
}

/// The bundled Heerlen-Noord data folder, by its absolute path.
#[allow(dead_code)] // not every test file that includes `support` uses it
pub fn scenario_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/heerlen-noord")
}

/// An empty folder `group/name` under the tests' temporary folder.
pub fn scratch(group: &str, name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join(group)
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
