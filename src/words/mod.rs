//! Values and trace words in the language of the reader: the applicant's
//! decision letter, and `--lang nl|en` on every command's text output.
//!
//! English is the engineers' language and the default; Dutch is the
//! language of the letter, the policy officer and the auditor. JSON keeps
//! the stable machine names whatever the language.

pub mod nl;
pub(crate) mod nl_text;
pub(crate) mod nl_trace;

/// The language text and Markdown output is written in.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English, with the rules' machine names (the default).
    #[default]
    En,
    /// Dutch: labels, outcomes, durations and vocabulary words in Dutch.
    Nl,
}
