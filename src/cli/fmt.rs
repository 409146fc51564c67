//! `toewijzer fmt [--check] [PATH]...`: rewrite rule files in place in the
//! canonical layout, or with `--check` list the files that would change.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use toewijzer::diagnostics::{ToDiagnostic, render_text, summary};
use toewijzer::fmt::format_text;
use toewijzer::source::SourceMap;
use toewijzer::syntax::SyntaxError;
use toewijzer::syntax::imports::find_rule_files;

use super::{EXIT_BAD_INPUT, EXIT_NEGATIVE};

/// Arguments of `toewijzer fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Change nothing; list the files that would change and exit with 1.
    #[arg(long)]
    pub check: bool,
    /// Rule files, or folders searched for `.rules` files (default: `.`).
    pub paths: Vec<PathBuf>,
}

/// Formats every rule file under the paths.
pub fn run(args: &FmtArgs) -> ExitCode {
    let paths = if args.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        args.paths.clone()
    };
    let (files, mut problems) = find_rule_files(&paths);
    let mut sources = SourceMap::new();
    let mut would_change = Vec::new();
    for path in files {
        let text = match std::fs::read_to_string(&path) {
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
        return ExitCode::from(EXIT_BAD_INPUT);
    }
    if args.check && !would_change.is_empty() {
        return ExitCode::from(EXIT_NEGATIVE);
    }
    ExitCode::SUCCESS
}
