//! Syntax errors: what can be wrong with the text of a rule file or with how
//! rule files fit together, each with a stable code (grammar/README.md lists
//! them).

use std::path::PathBuf;

use crate::diagnostics::{Diagnostic, Severity, ToDiagnostic};
use crate::source::Span;

/// A problem found while reading rule files. Messages follow the house style:
/// lowercase, the user's text in backticks, no final period, advice in a hint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SyntaxError {
    /// The text does not fit the grammar at this place.
    #[error("expected {expected}, found {found}")]
    Unexpected {
        /// What would have fitted, in the user's words.
        expected: String,
        /// What was there instead, in the user's words.
        found: String,
        /// Advice for this case, if any.
        hint: Option<String>,
        /// The offending token (empty at the end of the file).
        span: Span,
    },
    /// A bracket the parser reached the end of a clause without closing:
    /// reported at the bracket, the place the parser gave up beside it.
    #[error("`{open}` is not closed")]
    Unclosed {
        /// The bracket.
        open: char,
        /// The bracket that closes it.
        close: char,
        /// What came instead of the closing bracket, in the user's words.
        found: String,
        /// The opening bracket.
        span: Span,
        /// Where the parser gave up.
        gave_up: Span,
    },
    /// A date literal that names no day of the calendar.
    #[error("`{text}` is not a date")]
    InvalidDate {
        /// The literal as written.
        text: String,
        /// Why not (`February 2024 has 29 days`).
        reason: String,
        /// The literal.
        span: Span,
    },
    /// A string without its closing quote on the same line.
    #[error("unterminated string")]
    UnterminatedString {
        /// From the opening quote to the end of the line.
        span: Span,
    },
    /// A backslash escape the language does not know.
    #[error("unknown escape `{escape}` in a string")]
    UnknownEscape {
        /// The escape as written.
        escape: String,
        /// The escape.
        span: Span,
    },
    /// A money literal in a shape other than `€1234` or `€1234.56`.
    #[error("`{text}` is not an amount of money")]
    InvalidMoney {
        /// The literal as written.
        text: String,
        /// The literal.
        span: Span,
    },
    /// A number too large for the place it stands in.
    #[error("the number `{text}` is too large")]
    NumberTooLarge {
        /// The number as written.
        text: String,
        /// The bound it exceeds, in words, for the hint.
        limit: String,
        /// The number.
        span: Span,
    },
    /// Parentheses, braces or prefix operators nested deeper than the limit.
    #[error("expression nested deeper than {limit} levels")]
    TooDeep {
        /// The limit.
        limit: usize,
        /// The token that went one level too deep.
        span: Span,
    },
    /// An expression whose tree nests deeper than the limit, most often a
    /// chain of hundreds of `+` or `-`.
    #[error("expression nests deeper than {limit} levels")]
    ExprTooDeep {
        /// The limit.
        limit: usize,
        /// The operator, call or set that went one level too deep.
        span: Span,
    },
    /// `a < b < c`: comparisons do not chain.
    #[error("comparisons cannot be chained")]
    ChainedComparison {
        /// The operator that chains.
        span: Span,
    },
    /// A `}` in a message that closes no `{expr}` hole.
    #[error("unmatched `}}` in a message")]
    StrayBrace {
        /// The brace.
        span: Span,
    },
    /// A file or folder that cannot be read.
    #[error("cannot read `{path}`: {reason}")]
    Unreadable {
        /// The path as given.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// A file that cannot be written (by `fmt`).
    #[error("cannot write `{path}`: {reason}")]
    Unwritable {
        /// The path.
        path: PathBuf,
        /// What the system said.
        reason: String,
    },
    /// An imported file that starts a rule set of its own.
    #[error("an imported file cannot have a `ruleset` header")]
    HeaderInImport {
        /// The header of the imported file.
        span: Span,
        /// The file that imports it.
        importer: PathBuf,
    },
    /// Files that import each other in a circle.
    #[error("import cycle: {cycle}")]
    ImportCycle {
        /// The files in the cycle, `a.rules → b.rules → a.rules`.
        cycle: String,
        /// The import that closes the circle.
        span: Span,
    },
    /// An import of a file that does not exist or cannot be read.
    #[error("cannot import `{path}`: {reason}")]
    MissingImport {
        /// The path the import resolves to.
        path: PathBuf,
        /// What the system said.
        reason: String,
        /// The import line.
        span: Span,
    },
    /// An import that reaches outside the rule set's folder (an absolute
    /// path, a `..` too many, a symbolic link pointing out) or names a file
    /// that is not a rule file. The file is not read, so nothing of it is
    /// shown.
    #[error("cannot import `{path}`: {why}")]
    ImportOutside {
        /// The path as written in the import.
        path: String,
        /// Why not, in words.
        why: &'static str,
        /// The rule set's folder, for the hint.
        folder: PathBuf,
        /// The import line.
        span: Span,
    },
    /// An import past the bound on a rule set's files or on the depth of
    /// its import chain.
    #[error("{limit}")]
    TooManyImports {
        /// Which bound.
        limit: ImportLimit,
        /// The import that goes past it.
        span: Span,
    },
    /// A file named on the command line that is no rule set's root and that
    /// no root imports.
    #[error("`{path}` has no `ruleset` header and no rule set imports it")]
    NoHeader {
        /// The file.
        path: PathBuf,
    },
    /// Rule files were read but none starts a rule set: most often the root
    /// file lost its header.
    #[error("no rule set found under `{paths}`: no file starts with a `ruleset` header")]
    NoRuleSet {
        /// The paths searched, as given.
        paths: String,
        /// The file that most likely lost its header.
        lacking: PathBuf,
    },
    /// A `.rules` file in a folder that no rule set uses.
    #[error("`{path}` is not part of any rule set")]
    Unused {
        /// The file.
        path: PathBuf,
    },
    /// The grammar produced something lowering did not expect: a bug in
    /// toewijzer, never in the rule file.
    #[error("internal error: {what}")]
    Internal {
        /// What went wrong, for the bug report.
        what: String,
        /// Where in the rule file.
        span: Span,
    },
}

impl SyntaxError {
    /// The stable code of this kind of problem.
    pub fn code(&self) -> &'static str {
        match self {
            SyntaxError::Unexpected { .. } => "E0001",
            SyntaxError::Unclosed { .. } => "E0020",
            SyntaxError::InvalidDate { .. } => "E0002",
            SyntaxError::UnterminatedString { .. } => "E0003",
            SyntaxError::UnknownEscape { .. } => "E0004",
            SyntaxError::InvalidMoney { .. } => "E0005",
            SyntaxError::NumberTooLarge { .. } => "E0006",
            SyntaxError::TooDeep { .. } => "E0007",
            SyntaxError::ExprTooDeep { .. } => "E0016",
            SyntaxError::ChainedComparison { .. } => "E0008",
            SyntaxError::StrayBrace { .. } => "E0009",
            SyntaxError::Unreadable { .. } => "E0010",
            SyntaxError::Unwritable { .. } => "E0015",
            SyntaxError::HeaderInImport { .. } => "E0011",
            SyntaxError::ImportCycle { .. } => "E0012",
            SyntaxError::MissingImport { .. } => "E0013",
            SyntaxError::NoHeader { .. } => "E0014",
            SyntaxError::NoRuleSet { .. } => "E0019",
            SyntaxError::TooManyImports { .. } => "E0017",
            SyntaxError::ImportOutside { .. } => "E0018",
            SyntaxError::Unused { .. } => "W0001",
            SyntaxError::Internal { .. } => "E0099",
        }
    }

    /// Where the problem is, if it has a place in a file.
    pub fn span(&self) -> Option<Span> {
        match self {
            SyntaxError::Unexpected { span, .. }
            | SyntaxError::Unclosed { span, .. }
            | SyntaxError::InvalidDate { span, .. }
            | SyntaxError::UnterminatedString { span }
            | SyntaxError::UnknownEscape { span, .. }
            | SyntaxError::InvalidMoney { span, .. }
            | SyntaxError::NumberTooLarge { span, .. }
            | SyntaxError::TooDeep { span, .. }
            | SyntaxError::ExprTooDeep { span, .. }
            | SyntaxError::ChainedComparison { span }
            | SyntaxError::StrayBrace { span }
            | SyntaxError::HeaderInImport { span, .. }
            | SyntaxError::ImportCycle { span, .. }
            | SyntaxError::MissingImport { span, .. }
            | SyntaxError::TooManyImports { span, .. }
            | SyntaxError::ImportOutside { span, .. }
            | SyntaxError::Internal { span, .. } => Some(*span),
            SyntaxError::Unreadable { .. }
            | SyntaxError::Unwritable { .. }
            | SyntaxError::NoHeader { .. }
            | SyntaxError::NoRuleSet { .. }
            | SyntaxError::Unused { .. } => None,
        }
    }

    /// Whether the rule set can still be used despite this problem.
    pub(crate) fn severity(&self) -> Severity {
        match self {
            SyntaxError::Unused { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }

    /// Advice shown under the message.
    pub(crate) fn hint(&self) -> Option<String> {
        match self {
            SyntaxError::Unexpected { hint, .. } => hint.clone(),
            SyntaxError::Unclosed { close, found, .. } => Some(format!(
                "close it with `{close}` where the expression it opens ends, before {found}"
            )),
            SyntaxError::InvalidDate { reason, .. } => Some(reason.clone()),
            SyntaxError::UnterminatedString { .. } => {
                Some("add a closing `\"`; a string ends on the line it starts".into())
            }
            SyntaxError::UnknownEscape { .. } => {
                Some("the escapes are `\\\"`, `\\\\`, `\\n` and `\\t`".into())
            }
            SyntaxError::InvalidMoney { .. } => Some(
                "write euros without thousands separators, with a point before two cents digits, like `€1234.56`"
                    .into(),
            ),
            SyntaxError::NumberTooLarge { limit, .. } => Some(limit.clone()),
            SyntaxError::TooDeep { .. } => Some(
                "split the condition into smaller rules or parameters".into(),
            ),
            SyntaxError::ExprTooDeep { .. } => Some(
                "each `+`, `-`, `*`, `/` in a chain nests one level; add up fewer terms in one expression, or name parts of it as parameters or points rules"
                    .into(),
            ),
            SyntaxError::ChainedComparison { .. } => {
                Some("add parentheses, or join two comparisons with `and`".into())
            }
            SyntaxError::StrayBrace { .. } => Some("write `}}` for a literal `}`".into()),
            SyntaxError::Unreadable { .. } | SyntaxError::Unwritable { .. } => None,
            SyntaxError::HeaderInImport { importer, .. } => Some(format!(
                "`{}` imports this file; remove this header, or stop importing it and check it as a rule set of its own",
                importer.display()
            )),
            SyntaxError::ImportCycle { .. } => {
                Some("a file may import another only if that one does not lead back to it".into())
            }
            SyntaxError::MissingImport { .. } => {
                Some("import paths are relative to the file that imports".into())
            }
            SyntaxError::ImportOutside { folder, .. } => Some(format!(
                "a rule set imports only `.rules` files inside its own folder `{}`, by a path relative to the importing file",
                folder.display()
            )),
            SyntaxError::TooManyImports { .. } => Some(
                "a rule set is a handful of files; this is most often a generated or looping set of imports"
                    .into(),
            ),
            SyntaxError::NoHeader { .. } => Some(
                "name the root file that imports it, or start it with a `ruleset` header".into(),
            ),
            SyntaxError::NoRuleSet { lacking, .. } => Some(format!(
                "`{}` has no `ruleset` header and no file imports it: if it is the root file, start it with `ruleset NAME \"TITLE\" version \"VERSION\"`",
                lacking.display()
            )),
            SyntaxError::Unused { .. } => Some(
                "import it from a rule set's root file, or give it a `ruleset` header".into(),
            ),
            SyntaxError::Internal { .. } => {
                Some("this is a bug in toewijzer, not in the rule file; please report it".into())
            }
        }
    }
}

/// The bounds on gathering a rule set through `import`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportLimit {
    /// [`crate::limits::MAX_IMPORT_DEPTH`] files from the root down.
    Depth,
    /// [`crate::limits::MAX_RULE_SET_FILES`] files in one rule set.
    Files,
}

impl std::fmt::Display for ImportLimit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportLimit::Depth => write!(
                f,
                "imports nest deeper than {} files",
                crate::limits::MAX_IMPORT_DEPTH
            ),
            ImportLimit::Files => write!(
                f,
                "a rule set has more than {} files",
                crate::limits::MAX_RULE_SET_FILES
            ),
        }
    }
}

impl SyntaxError {
    /// A file that cannot be written, with the system's reason.
    pub fn unwritable(path: &std::path::Path, error: &std::io::Error) -> Self {
        SyntaxError::Unwritable {
            path: path.to_path_buf(),
            reason: io_reason(error),
        }
    }

    /// A path that cannot be read, with the system's reason.
    pub fn unreadable(path: &std::path::Path, error: &std::io::Error) -> Self {
        SyntaxError::Unreadable {
            path: path.to_path_buf(),
            reason: io_reason(error),
        }
    }
}

pub(crate) use crate::confine::reason as io_reason;

impl ToDiagnostic for SyntaxError {
    fn to_diagnostic(&self) -> Diagnostic {
        Diagnostic {
            code: self.code(),
            severity: self.severity(),
            message: self.to_string(),
            span: self.span(),
            hint: self.hint(),
            labels: match self {
                SyntaxError::Unclosed { gave_up, close, .. } => vec![crate::diagnostics::Label {
                    span: *gave_up,
                    message: format!("the rule goes on here without a `{close}`"),
                }],
                _ => Vec::new(),
            },
        }
    }
}
