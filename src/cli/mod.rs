//! The command line: one file per subcommand, each a thin layer over a
//! library function.

mod check;
mod check_data;
mod fmt;
mod generate;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// toewijzer: allocation rules for designated and fragile housing complexes.
#[derive(Debug, Parser)]
#[command(name = "toewijzer", version, about)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check rule files: syntax, names, types and the legal limits on rule sets.
    Check(check::CheckArgs),
    /// Rewrite rule files in the canonical layout.
    Fmt(fmt::FmtArgs),
    /// Load a data folder and report every problem in it.
    CheckData(check_data::CheckDataArgs),
    /// Write a synthetic data folder calibrated to Heerlen-Noord.
    Generate(generate::GenerateArgs),
}

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// For people at a terminal.
    Text,
    /// For editors, CI and other programs.
    Json,
}

/// The exit codes every command shares.
pub mod exit {
    /// Success.
    pub const OK: u8 = 0;
    /// A negative outcome: errors in rules, a failed test, a non-compliant allocation.
    pub const NEGATIVE: u8 = 1;
    /// Input that could not be read or understood.
    pub const BAD_INPUT: u8 = 2;
}

/// Runs the command line and returns the process's exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Fmt(args) => fmt::run(&args),
        Command::CheckData(args) => check_data::run(&args),
        Command::Generate(args) => generate::run(&args),
    };
    ExitCode::from(code)
}
