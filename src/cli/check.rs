//! `toewijzer check`: report every problem in rule files.

use std::path::PathBuf;

use clap::Args;

use super::{Format, exit};
use toewijzer::pipeline::check_paths;
use toewijzer::render::diagnostics::{render_json, render_text, summary};

/// Arguments of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Rule files or folders (searched for `.rules` files).
    #[arg(default_value = "rules")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Explain a legal-limit code (`E0401`): the article, the reasoning and
    /// a lawful rule.
    #[arg(long, value_name = "CODE")]
    explain: Option<String>,
}

/// Checks the rule files and prints the diagnostics; exit 0 when clean
/// (warnings allowed), 1 on errors, 2 when input cannot be read.
pub fn run(args: &CheckArgs) -> u8 {
    if let Some(code) = &args.explain {
        return explain(code);
    }
    let report = check_paths(&args.paths);
    match args.format {
        Format::Json => println!("{}", render_json(&report.sources, &report.diagnostics)),
        Format::Text => {
            print!("{}", render_text(&report.sources, &report.diagnostics));
            println!(
                "checked {} rule set{}: {}",
                report.rule_set_count,
                if report.rule_set_count == 1 { "" } else { "s" },
                summary(&report.diagnostics)
            );
        }
    }
    if report.unreadable {
        exit::BAD_INPUT
    } else if report.has_errors() || report.rule_set_count == 0 {
        exit::NEGATIVE
    } else {
        exit::OK
    }
}

/// Prints the page of `code`; an unknown code is bad input, with the list.
fn explain(code: &str) -> u8 {
    match toewijzer::tools::reference::explanation(code) {
        Some(page) => {
            print!("{page}");
            exit::OK
        }
        None => {
            let codes: Vec<&str> = toewijzer::tools::reference::PAGES
                .iter()
                .map(|(c, _)| *c)
                .collect();
            eprintln!("error: no explanation for `{code}`");
            eprintln!("  = help: codes with an explanation: {}", codes.join(", "));
            exit::BAD_INPUT
        }
    }
}
