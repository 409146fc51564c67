//! Why a run could not start, and how a terminal user reads it.

use std::fmt::Write as _;

use crate::diagnostics::{Diagnostic, render_text};
use crate::model::LoadErrors;
use crate::report::header::HeaderError;
use crate::source::SourceMap;

/// Why a run could not start: always bad input (exit 2).
#[derive(Debug)]
pub enum SetupError {
    /// The rules could not be read or have errors.
    Rules {
        /// The rule files read.
        sources: SourceMap,
        /// Every problem.
        diagnostics: Vec<Diagnostic>,
    },
    /// The rule paths hold no rule set or more than one.
    RuleSetCount {
        /// The paths as given.
        paths: String,
        /// How many were found.
        count: usize,
    },
    /// The data folder could not be read or is invalid.
    Data(LoadErrors),
    /// The rules cannot be applied on the date, rendered against their files.
    Engine(String),
    /// An input file could not be hashed.
    Header(HeaderError),
    /// Proposals whose basis names nothing the rule set declares.
    Basis(Vec<crate::allocate::UnknownBasis>),
    /// The output could not be written or rendered.
    Output(String),
    /// An id asked for is not in the data.
    Unknown {
        /// `unit` or `applicant`.
        what: &'static str,
        /// The id.
        id: String,
        /// The data folder.
        dir: String,
    },
}

impl SetupError {
    /// The problem as a terminal user reads it.
    pub fn render(&self) -> String {
        match self {
            SetupError::Rules {
                sources,
                diagnostics,
            } => render_text(sources, diagnostics),
            SetupError::RuleSetCount { paths, count } => {
                let mut out = format!("error: {count} rule sets found under `{paths}`\n");
                let _ = writeln!(
                    out,
                    " = help: name the folder or root file of exactly one rule set"
                );
                out
            }
            SetupError::Data(errors) => errors.render_text(),
            SetupError::Engine(text) => text.clone(),
            SetupError::Header(e) => format!("error: {e}\n"),
            SetupError::Basis(unknown) => {
                let mut out = String::new();
                for u in unknown {
                    let _ = writeln!(out, "error: {u}");
                    if let Some(hint) = &u.hint {
                        let _ = writeln!(out, " = help: {hint}");
                    }
                }
                out
            }
            SetupError::Output(message) => format!("error: {message}\n"),
            SetupError::Unknown { what, id, dir } => {
                format!("error: {what} `{id}` is not in the data folder `{dir}`\n")
            }
        }
    }
}
