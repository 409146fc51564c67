//! The command line: one file per subcommand, each a thin layer over a
//! library function.

mod allocate;
mod bench;
mod bench_serve;
mod bench_workflows;
mod check;
mod check_data;
mod convert;
mod demo;
mod diff;
mod eval;
mod explain;
mod fmt;
mod generate;
mod lang_arg;
mod letter;
mod lsp;
mod output;
mod rank;
mod redact_args;
mod report;
mod run_args;
mod schema;
mod serve;
mod simulate;
mod test;
mod validate;
mod verify;
mod workflow_args;

use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};
pub use toewijzer::render::ReportFormat;

/// toewijzer: allocation rules for designated and fragile housing complexes.
#[derive(Debug, Parser)]
#[command(name = "toewijzer", version, about)]
pub struct Cli {
    /// Without a command: a tour of the bundled Heerlen-Noord scenario.
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check rule files: syntax, names, types and the legal limits on rule sets.
    Check(check::CheckArgs),
    /// Decide applicant × unit pairs on a reference date.
    Eval(eval::EvalArgs),
    /// Explain one decision with its full trace.
    Explain(explain::ExplainArgs),
    /// The applicant's decision letter for a refusal, in plain Dutch (never
    /// redacted: it is addressed to the applicant).
    Letter(letter::LetterArgs),
    /// Rank the candidates of one vacancy.
    Rank(rank::RankArgs),
    /// Fill the vacancies in date order under the quotas.
    Allocate(allocate::AllocateArgs),
    /// Judge the allocations a corporation proposes.
    Validate(validate::ValidateArgs),
    /// Report what a period of allocations did to each complex, buurt and quota.
    Report(report::ReportArgs),
    /// Recompute a JSON output and report whatever changed.
    Verify(verify::VerifyArgs),
    /// Decide every pair under the baseline and a variant; report what changed.
    Diff(diff::DiffArgs),
    /// Allocate a period under the baseline and each variant; follow every household.
    Simulate(simulate::SimulateArgs),
    /// Measure evaluation speed, with and without tracing.
    Bench(bench::BenchArgs),
    /// Rewrite rule files in the canonical layout.
    Fmt(fmt::FmtArgs),
    /// Load a data folder and report every problem in it.
    CheckData(check_data::CheckDataArgs),
    /// Write a synthetic data folder calibrated to Heerlen-Noord.
    Generate(generate::GenerateArgs),
    /// Convert a data folder between YAML and CSV (docs/csv-format.md).
    Convert(convert::ConvertArgs),
    /// Run rule tests: expected decisions written in YAML by policy officers.
    Test(test::TestArgs),
    /// List every fact and function a rule may read (docs/facts.md).
    Schema(schema::SchemaArgs),
    /// Answer decide, rank and validate over HTTP/JSON, with a decision log.
    Serve(serve::ServeArgs),
    /// Measure the service on loopback under concurrent callers.
    BenchServe(bench_serve::BenchServeArgs),
    /// Time allocating a period, and simulating and diffing variants.
    BenchWorkflows(bench_workflows::BenchWorkflowsArgs),
    /// Serve an editor as a language server over stdio (diagnostics as you type).
    Lsp(lsp::LspArgs),
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
        None => demo::run(),
        Some(Command::Check(args)) => check::run(&args),
        Some(Command::Eval(args)) => eval::run(&args),
        Some(Command::Explain(args)) => explain::run(&args),
        Some(Command::Letter(args)) => letter::run(&args),
        Some(Command::Rank(args)) => rank::run(&args),
        Some(Command::Allocate(args)) => allocate::run(&args),
        Some(Command::Validate(args)) => validate::run(&args),
        Some(Command::Report(args)) => report::run(&args),
        Some(Command::Verify(args)) => verify::run(&args),
        Some(Command::Diff(args)) => diff::run(&args),
        Some(Command::Simulate(args)) => simulate::run(&args),
        Some(Command::Bench(args)) => bench::run(&args),
        Some(Command::Fmt(args)) => fmt::run(&args),
        Some(Command::CheckData(args)) => check_data::run(&args),
        Some(Command::Generate(args)) => generate::run(&args),
        Some(Command::Convert(args)) => convert::run(&args),
        Some(Command::Test(args)) => test::run(&args),
        Some(Command::Schema(args)) => schema::run(&args),
        Some(Command::Lsp(args)) => lsp::run(&args),
        Some(Command::Serve(args)) => serve::run(&args),
        Some(Command::BenchServe(args)) => bench_serve::run(&args),
        Some(Command::BenchWorkflows(args)) => bench_workflows::run(&args),
    };
    ExitCode::from(code)
}
