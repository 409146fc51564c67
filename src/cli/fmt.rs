//! `toewijzer fmt [--check] [PATH]...`: rewrite rule files in place in the
//! canonical layout, or with `--check` list the files that would change.

use std::io::Write as _;
use std::path::PathBuf;

use clap::Args;

use super::exit;
use toewijzer::render::diagnostics::SourceMap;
use toewijzer::render::diagnostics::{ToDiagnostic, render_text, summary};
use toewijzer::tools::fmt::SyntaxError;
use toewijzer::tools::fmt::find_rule_files;
use toewijzer::tools::fmt::format_text;

/// Arguments of `fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Change nothing; list the files that would change and exit with 1.
    #[arg(long)]
    check: bool,
    /// Rule files or folders (searched for `.rules` files).
    #[arg(default_value = "rules")]
    paths: Vec<PathBuf>,
}

/// Formats every rule file under the paths: exit 0 when done (or, with
/// `--check`, when nothing would change), 1 when `--check` finds files to
/// change, 2 when a file cannot be read or has syntax errors; such files
/// are left untouched.
pub fn run(args: &FmtArgs) -> u8 {
    let (files, mut problems) = find_rule_files(&args.paths);
    let mut sources = SourceMap::new();
    let mut would_change = Vec::new();
    for path in files {
        let text = match toewijzer::tools::fmt::read_text(
            &path,
            toewijzer::tools::fmt::MAX_RULE_FILE_BYTES,
            "a rule file",
        ) {
            Ok(text) => text,
            Err(e) => {
                problems.push(SyntaxError::unreadable(&path, &e));
                continue;
            }
        };
        let id = sources.add(&path, text.clone());
        match format_text(id, &text) {
            Ok(formatted) if formatted == text => {}
            Ok(formatted) => {
                if !args.check {
                    if let Err(e) = std::fs::write(&path, formatted) {
                        problems.push(SyntaxError::unwritable(&path, &e));
                        continue;
                    }
                }
                would_change.push(path);
            }
            Err(e) => problems.push(e),
        }
    }
    let mut stdout = std::io::stdout().lock();
    if args.check {
        for path in &would_change {
            let _ = writeln!(stdout, "{}", path.display());
        }
    }
    if !problems.is_empty() {
        let diagnostics: Vec<_> = problems.iter().map(ToDiagnostic::to_diagnostic).collect();
        let mut stderr = std::io::stderr().lock();
        let _ = write!(stderr, "{}", render_text(&sources, &diagnostics));
        let _ = writeln!(stderr, "{}", summary(&diagnostics));
        return exit::BAD_INPUT;
    }
    if args.check && !would_change.is_empty() {
        exit::NEGATIVE
    } else {
        exit::OK
    }
}
