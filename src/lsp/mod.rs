//! `toewijzer lsp`: a language server, so an editor checks rule files as
//! they are typed, with the codes and hints of `toewijzer check`.
//!
//! One job per file: [`server`] runs the lifecycle and the loop,
//! [`transport`] frames messages on stdio, [`documents`] holds the unsaved
//! text of open files, [`analysis`] finds and checks a document's rule set
//! through the library's own loader and checker, [`diagnostics`] turns the
//! crate's diagnostics into LSP's, [`position`] converts byte offsets to
//! UTF-16 positions, [`symbols`] says what the cursor stands on, and
//! [`hover`], [`definition`] and [`completion`] answer those requests.

pub mod analysis;
pub mod completion;
pub mod definition;
pub(crate) mod diagnostics;
pub mod documents;
pub mod hover;
pub(crate) mod position;
pub(crate) mod server;
pub(crate) mod symbols;
pub mod transport;

pub use server::{Ending, Server};

/// Today's date (UTC) from the system clock: the day a parameter's value
/// "in force today" is read on.
pub fn today() -> chrono::NaiveDate {
    let seconds = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0));
    chrono::DateTime::from_timestamp(seconds, 0).map_or(chrono::NaiveDate::MIN, |d| d.date_naive())
}
