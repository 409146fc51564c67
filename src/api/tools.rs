//! The tools around the rules: the formatter, the language server, rule
//! tests, the decision service, applicant letters, the benchmark, and the
//! reference pages of the language and its error codes. Each is what a
//! `toewijzer` subcommand runs.

/// `toewijzer fmt`: rule files in their one canonical layout.
pub mod fmt {
    pub use crate::fmt::format_text;
    pub use crate::limits::{MAX_RULE_FILE_BYTES, read_text};
    pub use crate::syntax::SyntaxError;
    pub use crate::syntax::imports::find_rule_files;
}

/// `toewijzer lsp`: the language server (diagnostics, hover, completion,
/// go to definition) over standard input and output.
pub mod lsp {
    pub use crate::lsp::transport::stdio;
    pub use crate::lsp::{Ending, Server, today};
}

/// `toewijzer test`: rule tests, each a case with its expected outcome.
pub mod ruletest {
    pub use crate::ruletest::export::{render_json, render_junit};
    pub use crate::ruletest::{load_suite, render_text, run_suite};
}

/// `toewijzer serve`: the decision service and its decision log, which
/// `verify` replays.
pub mod serve {
    pub use crate::serve::bench::{Load, fire};
    pub use crate::serve::client::{Client, Reply};
    pub use crate::serve::replay::{is_log, replay};
    pub use crate::serve::{Config, Limits, Redaction, ServeError, Service, Snapshot, Sources};
}

/// `toewijzer letter`: the applicant's letter for a decision, with its
/// reasons and the way to object.
pub mod letter {
    pub use crate::letter::folder::write;
    pub use crate::letter::html::render as html;
    pub use crate::letter::markdown::render as markdown;
    pub use crate::letter::{Document, LetterError, file_name, for_pair};
}

/// `toewijzer bench`: decisions per second, untraced and traced.
pub mod bench {
    pub use crate::bench::{RENDER_STRIDE, Stats, machine, measure, untraced};
}

/// `toewijzer schema` and `toewijzer check --explain`: the rule language's
/// reference and the pages of its error codes.
pub mod reference {
    pub use crate::check::explain::{PAGES, explanation};
    pub use crate::check::reference::{json, markdown};
}
