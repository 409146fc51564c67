//! `toewijzer lsp`: the language server on standard input and output.

use clap::Args;

use super::exit;
use toewijzer::tools::lsp::{Ending, Server, stdio, today};

/// Arguments of `lsp`.
#[derive(Debug, Args)]
pub struct LspArgs {
    /// Talk LSP over standard input and output (the only transport; editors
    /// pass it by convention).
    #[arg(long)]
    stdio: bool,
}

/// Serves one editor until it exits: 0 after `shutdown` and `exit`, 1 when
/// the editor went away without them.
pub fn run(_args: &LspArgs) -> u8 {
    let (connection, threads) = stdio();
    let ending = Server::new(today()).run(&connection);
    drop(connection);
    threads.join();
    match ending {
        Ending::Exit => exit::OK,
        Ending::Abandoned => exit::NEGATIVE,
    }
}
