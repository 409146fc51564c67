//! The command line: one clap `Command` per subcommand, each run by its own
//! module, which turns the library's results into output and an exit code.

mod fmt;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Exit code for a negative outcome (a failed check, a file `fmt --check`
/// would change).
pub const EXIT_NEGATIVE: u8 = 1;
/// Exit code for bad input (unreadable files, syntax errors).
pub const EXIT_BAD_INPUT: u8 = 2;

/// A rules engine for tenancy allocation in designated fragile housing
/// complexes.
#[derive(Debug, Parser)]
#[command(name = "toewijzer", version, about)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rewrite rule files in the canonical layout.
    Fmt(fmt::FmtArgs),
}

/// Parses the arguments and runs the chosen subcommand.
pub fn run() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Fmt(args) => fmt::run(&args),
    }
}
