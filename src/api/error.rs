//! The facade's error types, one per stage an embedder calls. Each carries
//! the problem as the command line reports it, so an embedder shows the
//! same located diagnostics (`file:line:col`, the line, a caret, a hint)
//! the CLI prints, and reads the message through `Display`.

use crate::diagnostics::Diagnostic;
use crate::run::SetupError;

/// Declares one stage's error: a wrapper over the run's own [`SetupError`],
/// which already knows how to render every way a stage can fail, so the
/// facade adds a name per stage without a second rendering.
macro_rules! stage_error {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, thiserror::Error)]
        #[error("{}", .0.render().trim_end())]
        pub struct $name(pub(crate) SetupError);

        impl $name {
            /// The problem as the command line prints it, every diagnostic
            /// with its file, line, column, caret and hint.
            pub fn render(&self) -> String {
                self.0.render()
            }
        }

        impl From<SetupError> for $name {
            fn from(e: SetupError) -> Self {
                Self(e)
            }
        }
    };
}

stage_error!(
    /// Why a rule set could not be loaded: a file could not be read, a rule
    /// has errors ([`RuleSetError::diagnostics`]), or the path holds no rule
    /// set or more than one.
    ///
    /// ```
    /// let error = toewijzer::RuleSet::load("fixtures/check/err/unknown_field.rules")
    ///     .err()
    ///     .ok_or("the rule set should not load")?;
    /// assert_eq!(error.diagnostics()[0].code, "E0102");
    /// assert!(error.render().contains("did you mean `registered_on`?"));
    /// # Ok::<(), &str>(())
    /// ```
    RuleSetError
);

stage_error!(
    /// Why a data folder could not be loaded: a file is unreadable or holds
    /// something the data format refuses, each problem at its file, line,
    /// column and YAML path (or CSV cell).
    DataError
);

stage_error!(
    /// Why a rule set cannot be compiled for a reference date: a parameter
    /// has no value in force on it, say.
    CompileError
);

stage_error!(
    /// Why a decision could not be given: the applicant or unit is not in
    /// the data, the rules could not decide (E0604), or an input file could
    /// not be hashed for the run header.
    DecideError
);

stage_error!(
    /// Why a unit's candidates could not be ranked: the unit is not in the
    /// data, a candidate could not be decided, or the run header could not
    /// be built.
    RankError
);

stage_error!(
    /// Why proposals could not be validated: a proposal's basis names
    /// nothing the rule set declares, or a decision could not be made.
    ValidateError
);

stage_error!(
    /// Why a period could not be allocated: a decision could not be made.
    AllocateError
);

stage_error!(
    /// Why a simulation could not run: its rules, data or a variant do not
    /// load, or a decision could not be made.
    SimulateError
);

impl RuleSetError {
    /// Every error found in the rules, in the order found; empty when the
    /// failure was the number of rule sets.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        match &self.0 {
            SetupError::Rules { diagnostics, .. } => diagnostics,
            _ => &[],
        }
    }
}
