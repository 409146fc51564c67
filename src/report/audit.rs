//! The parts of an auditor's report that look at a run as a whole: the
//! summary of its decisions, the parameters in force on its reference date,
//! and the command that reproduces it. Markdown and HTML lay out the same
//! records, so both reports say the same thing.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::compile::Program;
use crate::eval::record::{DecisionRecord, Outcome};

/// What a run decided, counted: how many decisions, how many eligible, who
/// was refused under which rule and article, which unverified figures the
/// decisions rest on. Counts only: no applicant is named, so a summary is
/// the same redacted or not.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    /// Decisions in the run.
    pub(crate) decisions: usize,
    /// Of them eligible.
    pub(crate) eligible: usize,
    /// Refusals per failed gate, by gate id: the gate's title and source,
    /// and in how many decisions it failed.
    pub(crate) refused_by: BTreeMap<String, RefusedBy>,
    /// Decisions resting on each unverified parameter, by name.
    pub(crate) unverified: BTreeMap<String, usize>,
    /// Gates lifted by an exemption or a recorded override, by gate id.
    pub(crate) lifted: BTreeMap<String, usize>,
}

/// One gate's refusals.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct RefusedBy {
    /// The gate's title.
    pub title: String,
    /// The article or decision it rests on.
    pub source: String,
    /// Decisions it refused.
    pub count: usize,
}

impl Summary {
    /// The summary of `decisions`.
    pub(crate) fn of<'d>(decisions: impl IntoIterator<Item = &'d DecisionRecord>) -> Self {
        let mut summary = Summary::default();
        for d in decisions {
            summary.add(d);
        }
        summary
    }

    /// Counts one more decision in; the order decisions come in does not
    /// change the result, so a streamed run can count as it goes.
    pub(crate) fn add(&mut self, d: &DecisionRecord) {
        self.decisions = self.decisions.saturating_add(1);
        if d.eligible {
            self.eligible = self.eligible.saturating_add(1);
        }
        for id in &d.failed {
            let rule = d.rules.iter().find(|r| &r.id == id);
            let entry = self
                .refused_by
                .entry(id.clone())
                .or_insert_with(|| RefusedBy {
                    title: rule.map(|r| r.title.clone()).unwrap_or_default(),
                    source: rule.map(|r| r.source.clone()).unwrap_or_default(),
                    count: 0,
                });
            entry.count = entry.count.saturating_add(1);
        }
        for name in &d.unverified {
            let n = self.unverified.entry(name.clone()).or_default();
            *n = n.saturating_add(1);
        }
        for r in &d.rules {
            if matches!(
                r.outcome,
                Outcome::Exempt { .. } | Outcome::Overridden { .. }
            ) {
                let n = self.lifted.entry(r.id.clone()).or_default();
                *n = n.saturating_add(1);
            }
        }
    }

    /// Decisions not eligible.
    pub(crate) fn refused(&self) -> usize {
        self.decisions.saturating_sub(self.eligible)
    }

    /// The refusals as rows, the gate refusing most first, then by id.
    pub(crate) fn refusal_rows(&self) -> Vec<(&str, &RefusedBy)> {
        let mut rows: Vec<(&str, &RefusedBy)> = self
            .refused_by
            .iter()
            .map(|(id, r)| (id.as_str(), r))
            .collect();
        rows.sort_by(|a, b| b.1.count.cmp(&a.1.count).then(a.0.cmp(b.0)));
        rows
    }
}

/// A parameter as it stood on the reference date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParamRow {
    /// Its name in the rules.
    pub(crate) name: String,
    /// Its title.
    pub(crate) title: String,
    /// The value in force, as traces write it.
    pub(crate) value: String,
    /// First day of the period the value is in force.
    pub(crate) from: NaiveDate,
    /// Last day of that period, when a later value follows.
    pub(crate) until: Option<NaiveDate>,
    /// The legal source it rests on.
    pub(crate) source: String,
    /// Why the figure is a local policy choice, when it is one.
    pub(crate) policy: Option<String>,
    /// Why the value is unverified, when it is.
    pub(crate) unverified: Option<String>,
}

impl ParamRow {
    /// The period in words: `from 2026-01-01` or `2025-01-01 until 2025-12-31`.
    pub(crate) fn period(&self) -> String {
        match self.until {
            Some(until) => format!("{} until {until}", self.from),
            None => format!("from {}", self.from),
        }
    }

    /// Why the figure is unverified and why it is a policy choice, where
    /// either applies; empty otherwise.
    pub(crate) fn note(&self) -> String {
        [
            self.unverified.as_ref().map(|u| format!("unverified: {u}")),
            self.policy.as_ref().map(|why| format!("policy: {why}")),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("; ")
    }
}

/// Every parameter of `program` with the value in force on its date, in
/// rule-set order. Read from the compiled program, so the table holds the
/// values the decisions were made with.
pub fn parameters(program: &Program<'_>) -> Vec<ParamRow> {
    program
        .rules
        .params
        .iter()
        .zip(&program.params)
        .map(|(decl, in_force)| {
            let value = in_force
                .text
                .as_deref()
                .map_or(in_force.value, crate::eval::value::Value::Text);
            ParamRow {
                name: decl.meta.id.clone(),
                title: decl.meta.title.clone(),
                value: crate::eval::show_value(program, value, decl.ty),
                from: in_force.from,
                until: in_force.until,
                source: decl.meta.source.clone(),
                policy: decl.policy.clone(),
                unverified: decl
                    .values
                    .iter()
                    .find(|v| v.from == in_force.from)
                    .and_then(|v| v.unverified.clone()),
            }
        })
        .collect()
}

/// What a whole-run report adds to the records: the parameters in force
/// and the command line that made it. Built by the command line, read by
/// the Markdown and HTML renderers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Audit {
    /// The parameters in force on the reference date.
    pub parameters: Vec<ParamRow>,
    /// The command as it was given, to run it again.
    pub command: Option<String>,
}

/// Options whose value names a person: a redacted report writes
/// `<redacted>` for them, so the command line does not undo the redaction.
const PERSONAL_OPTIONS: [&str; 2] = ["--applicant", "--explain-household"];

/// `args` (the program name first) as a shell command line that runs the
/// same: `toewijzer` for the program, each argument quoted where the shell
/// would split or expand it; with `redacted`, the values of options that
/// name a person are withheld.
pub fn command_line(args: &[String], redacted: bool) -> String {
    let mut words = vec!["toewijzer".to_owned()];
    let mut withhold_next = false;
    for arg in args.iter().skip(1) {
        if withhold_next {
            words.push("'<redacted>'".to_owned());
            withhold_next = false;
            continue;
        }
        if redacted {
            if PERSONAL_OPTIONS.contains(&arg.as_str()) {
                withhold_next = true;
            } else if let Some((option, _)) = arg.split_once('=') {
                if PERSONAL_OPTIONS.contains(&option) {
                    words.push(format!("{option}='<redacted>'"));
                    continue;
                }
            }
        }
        words.push(quoted(arg));
    }
    words.join(" ")
}

/// One shell word: as is when it holds only safe characters, else in
/// single quotes.
fn quoted(arg: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_./=:,@+".contains(c);
    if !arg.is_empty() && arg.chars().all(safe) {
        arg.to_owned()
    } else {
        format!("'{}'", arg.replace('\'', "'\\''"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testdata::sample_output;

    #[test]
    fn a_summary_counts_refusals_by_gate_with_its_source() {
        let output = sample_output();
        let s = Summary::of(&output.decisions);
        assert_eq!((s.decisions, s.eligible, s.refused()), (2, 1, 1));
        let rows = s.refusal_rows();
        assert!(
            rows.iter()
                .any(|(id, r)| *id == "wbmgp_art8_income" && r.source == "Wbmgp art. 8 lid 1")
        );
    }

    #[test]
    fn a_command_line_quotes_what_the_shell_would_split() {
        let args: Vec<String> = ["/bin/toewijzer", "eval", "--data", "my data", "it's"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            command_line(&args, false),
            "toewijzer eval --data 'my data' 'it'\\''s'"
        );
    }

    #[test]
    fn a_redacted_command_line_withholds_who_it_is_about() {
        let args: Vec<String> = ["t", "explain", "--applicant", "A-010", "--unit=U-1"]
            .map(String::from)
            .to_vec();
        let line = command_line(&args, true);
        assert_eq!(
            line,
            "toewijzer explain --applicant '<redacted>' --unit=U-1"
        );
        let args: Vec<String> = ["t", "--applicant=A-010"].map(String::from).to_vec();
        assert!(!command_line(&args, true).contains("A-010"));
    }
}
