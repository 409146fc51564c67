//! Progress of a long run (`allocate`, `simulate`) on stderr, drawn only
//! when stderr is a terminal: a redirected or piped stderr (a log, a test,
//! a script) never gets a progress line, and stdout never does.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A progress bar counting vacancies, or nothing when no one is watching.
///
/// Dropping it takes the bar off the terminal, on an error path too.
#[derive(Debug, Default)]
pub struct Progress {
    bar: Option<ProgressBar>,
}

impl Progress {
    /// Draws nothing.
    pub(crate) fn hidden() -> Self {
        Progress { bar: None }
    }

    /// A bar on stderr when stderr is a terminal, else `Progress::hidden`.
    pub fn on_terminal() -> Self {
        if !std::io::stderr().is_terminal() {
            return Progress::hidden();
        }
        // Drawn from the first `start` on, when it has words and a length.
        let bar = ProgressBar::with_draw_target(Some(0), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template(
            // `wide_bar` takes what the terminal's width leaves, so the
            // line never wraps.
            "{msg} [{wide_bar}] {pos}/{len} vacancies, {elapsed}, about {eta} left",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        Progress { bar: Some(bar) }
    }

    /// Starts counting `len` vacancies under `what` (`allocating`,
    /// `simulating gms_art8 (2 of 3)`).
    pub(crate) fn start(&self, len: usize, what: &str) {
        if let Some(bar) = &self.bar {
            bar.set_draw_target(ProgressDrawTarget::hidden());
            bar.set_message(what.to_owned());
            bar.set_length(u64::try_from(len).unwrap_or(u64::MAX));
            bar.set_position(0);
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    /// One more vacancy done.
    pub(crate) fn step(&self) {
        if let Some(bar) = &self.bar {
            bar.inc(1);
        }
    }

    /// Takes the bar off the terminal.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hidden_progress_draws_nothing_and_counts_nothing() {
        let p = Progress::hidden();
        p.start(3, "allocating");
        p.step();
        assert!(p.bar.is_none());
    }
}
