//! `--lang nl|en`: the language of text and Markdown output. JSON and CSV
//! keep the machine names whatever is asked.

use clap::{Args, ValueEnum};

use toewijzer::render::Lang;

/// The languages a reader can ask for.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum LangName {
    /// English, with the rules' machine names (for engineers).
    #[default]
    En,
    /// Dutch: outcomes, facts, durations and vocabulary words in Dutch.
    Nl,
}

/// The `--lang` argument of a command that writes decisions.
#[derive(Debug, Clone, Copy, Args)]
pub struct LangArgs {
    /// Language of text and Markdown output (JSON keeps machine names).
    #[arg(long, value_enum, default_value_t = LangName::En)]
    lang: LangName,
}

impl LangArgs {
    /// The language asked.
    pub fn lang(self) -> Lang {
        match self.lang {
            LangName::En => Lang::En,
            LangName::Nl => Lang::Nl,
        }
    }
}
