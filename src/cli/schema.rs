//! `toewijzer schema`: the reference of every fact and function a rule may
//! read, from the checker's own tables (`docs/facts.md` is its output).

use clap::Args;

use super::exit;
use toewijzer::tools::reference;

/// How the reference is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SchemaFormat {
    /// The page `docs/facts.md`.
    Markdown,
    /// For editors and programs.
    Json,
}

/// Arguments of `schema`.
#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Output format.
    #[arg(long, value_enum, default_value = "markdown")]
    format: SchemaFormat,
}

/// Prints the reference.
pub fn run(args: &SchemaArgs) -> u8 {
    let out = match args.format {
        SchemaFormat::Markdown => reference::markdown(),
        SchemaFormat::Json => reference::json(),
    };
    print!("{out}");
    exit::OK
}
