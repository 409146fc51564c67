//! `--redact` and `--redact-key`, shared by every command that prints a
//! person (all but `letter`, which is addressed to the applicant).

use clap::Args;

use toewijzer::render::Redactor;

/// Whether to redact, and under which key.
#[derive(Debug, Clone, Args)]
pub struct RedactArgs {
    /// Leave no way back to a person: applicant ids become keyed
    /// pseudonyms, ages and durations bands, dates from the file months;
    /// free text, urgency grounds and aandachtsgroep membership are left
    /// out (see README, Redaction).
    #[arg(long)]
    pub redact: bool,
    /// The pseudonym key; default: derived from the seed. Give a secret
    /// key when sharing outside the corporation.
    #[arg(long, value_name = "KEY", requires = "redact")]
    pub redact_key: Option<String>,
}

impl RedactArgs {
    /// The redactor asked for, if any, for a run with `seed`.
    pub fn redactor(&self, seed: u64) -> Option<Redactor> {
        self.redact
            .then(|| Redactor::with_key(self.redact_key.as_deref(), seed))
    }
}
