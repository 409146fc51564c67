//! The words every renderer uses for outcomes, trace events and the
//! records behind facts, so text and Markdown say the same thing the same
//! way, in English or (through [`crate::words::nl_trace`]) in Dutch.

use crate::eval::record::{Event, Evidence, Outcome, RuleKind};
use crate::words::{Lang, nl_text, nl_trace};

/// The structure words of text and Markdown output, one per idea.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Term {
    /// `eligible`.
    Eligible,
    /// `eligible` after a count of candidates (`2 eligible`).
    EligibleCount,
    /// `not eligible`.
    NotEligible,
    /// `failed` (a gate in a decision's summary).
    Failed,
    /// `source`.
    Source,
    /// `message`.
    Message,
    /// `priority`.
    Priority,
    /// `points`.
    Points,
    /// `classification`.
    Classification,
    /// `application`.
    Application,
    /// `rests on unverified figures`.
    Unverified,
    /// `trace`.
    Trace,
    /// `none`.
    Nothing,
    /// `order by`.
    OrderBy,
    /// `out` (an ineligible candidate).
    Out,
    /// `by` (what separates neighbours).
    By,
    /// `reference date`.
    ReferenceDate,
    /// `seed`.
    Seed,
    /// `redacted`.
    Redacted,
    /// `rule set`.
    RuleSet,
    /// `failing gates`.
    FailingGates,
    /// `Rules`.
    Rules,
}

impl Term {
    fn english(self) -> &'static str {
        match self {
            Term::Eligible | Term::EligibleCount => "eligible",
            Term::NotEligible => "not eligible",
            Term::Failed => "failed",
            Term::Source => "source",
            Term::Message => "message",
            Term::Priority => "priority",
            Term::Points => "points",
            Term::Classification => "classification",
            Term::Application => "application",
            Term::Unverified => "rests on unverified figures",
            Term::Trace => "trace",
            Term::Nothing => "none",
            Term::OrderBy => "order by",
            Term::Out => "out",
            Term::By => "by",
            Term::ReferenceDate => "reference date",
            Term::Seed => "seed",
            Term::Redacted => "redacted",
            Term::RuleSet => "rule set",
            Term::FailingGates => "failing gates",
            Term::Rules => "Rules",
        }
    }
}

/// The words of one language. `Words::default()` is English.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Words(pub Lang);

impl Words {
    /// A structure word.
    pub(crate) fn term(self, term: Term) -> &'static str {
        match self.0 {
            Lang::En => term.english(),
            Lang::Nl => nl_trace::term(term),
        }
    }

    /// `eligible` or `not eligible`.
    pub(crate) fn verdict(self, eligible: bool) -> &'static str {
        self.term(if eligible {
            Term::Eligible
        } else {
            Term::NotEligible
        })
    }

    /// Where a decision's application day comes from.
    pub(crate) fn application_basis(
        self,
        basis: crate::eval::record::ApplicationBasis,
    ) -> &'static str {
        match self.0 {
            Lang::En => basis.words(),
            Lang::Nl => nl_trace::application_basis(basis),
        }
    }

    /// A value as a record holds it, in this language.
    pub(crate) fn value(self, text: &str) -> String {
        match self.0 {
            Lang::En => text.to_owned(),
            Lang::Nl => nl_text::value(text),
        }
    }

    /// `n thing` or `n things`, the thing in this language.
    pub(crate) fn count(self, n: usize, thing: &str) -> String {
        match self.0 {
            Lang::En => count(n, thing),
            Lang::Nl => nl_trace::count(n, thing),
        }
    }

    /// A rule's outcome in a few words.
    pub(crate) fn outcome(self, outcome: &Outcome) -> String {
        match self.0 {
            Lang::En => english_outcome(outcome),
            Lang::Nl => nl_trace::outcome(outcome),
        }
    }

    /// The name of a rule kind.
    pub(crate) fn kind(self, kind: RuleKind) -> &'static str {
        match self.0 {
            Lang::En => english_kind(kind),
            Lang::Nl => nl_trace::kind(kind),
        }
    }

    /// One trace event as a sentence an auditor can read.
    pub(crate) fn event(self, event: &Event) -> String {
        match self.0 {
            Lang::En => english_event(event),
            Lang::Nl => nl_trace::event(event),
        }
    }

    /// One record of the file behind a fact.
    pub(crate) fn evidence(self, record: &Evidence) -> String {
        match self.0 {
            Lang::En => english_evidence(record),
            Lang::Nl => nl_trace::evidence(record),
        }
    }

    /// A rule's trace as sentences with their nesting depth: a named
    /// condition's parts follow it one level deeper, and so do the records
    /// behind a fact.
    pub(crate) fn event_lines(self, events: &[Event]) -> Vec<(usize, String)> {
        let mut lines = Vec::new();
        // An explicit stack: named conditions nest at most as deep as the
        // checker allows, but the trace may come from a file (`verify`).
        let mut stack: Vec<(usize, std::slice::Iter<'_, Event>)> = vec![(0, events.iter())];
        while let Some((depth, iter)) = stack.last_mut() {
            let depth = *depth;
            let Some(e) = iter.next() else {
                stack.pop();
                continue;
            };
            lines.push((depth, self.event(e)));
            match e {
                Event::Named { parts, .. } if !parts.is_empty() => {
                    stack.push((depth.saturating_add(1), parts.iter()));
                }
                Event::Fact { evidence, .. } => {
                    for record in evidence {
                        lines.push((depth.saturating_add(1), self.evidence(record)));
                    }
                }
                _ => {}
            }
        }
        lines
    }
}

/// A rule's trace as English sentences with their nesting depth.
pub(crate) fn event_lines(events: &[Event]) -> Vec<(usize, String)> {
    Words::default().event_lines(events)
}

fn english_outcome(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Passed => "passed".into(),
        Outcome::Failed => "failed".into(),
        Outcome::Exempt { because } => format!("exempt: {because}"),
        Outcome::Overridden {
            because,
            decided_by,
            decided_on,
            ground,
        } => format!("overridden: {because}; decided by {decided_by} on {decided_on}: {ground}"),
        Outcome::NotApplicable => "not applicable".into(),
        Outcome::Member => "member".into(),
        Outcome::NotMember => "not a member".into(),
        Outcome::Scored { total: 1 } => "1 point".into(),
        Outcome::Scored { total } => format!("{total} points"),
        Outcome::Labelled { label } => label.clone(),
    }
}

fn english_kind(kind: RuleKind) -> &'static str {
    match kind {
        RuleKind::Gate => "gate",
        RuleKind::Priority => "priority",
        RuleKind::Points => "points",
        RuleKind::Classify => "classify",
        RuleKind::Tailored => "tailored",
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "true" } else { "false" }
}

fn english_event(event: &Event) -> String {
    match event {
        Event::Fact { expr, value, .. } => format!("read {expr} = {value}"),
        Event::Param {
            name,
            value,
            from,
            until,
            unverified,
        } => {
            let period = match until {
                Some(until) => format!("in force {from} until {until}"),
                None => format!("in force from {from}"),
            };
            let mut s = format!("param {name} = {value} ({period})");
            if let Some(why) = unverified {
                s.push_str(&format!("; unverified: {why}"));
            }
            s
        }
        Event::Designation {
            kind,
            complex,
            valid,
            period,
            decision,
        } => {
            let mut s = format!(
                "designation {kind} of {complex} in force: {}",
                yes_no(*valid)
            );
            let details: Vec<&str> = [period.as_deref(), decision.as_deref()]
                .into_iter()
                .flatten()
                .collect();
            if !details.is_empty() {
                s.push_str(&format!(" ({})", details.join("; ")));
            }
            s
        }
        Event::Compare {
            expr,
            lhs,
            op,
            rhs,
            result,
        } => format!("compare {lhs} {op} {rhs}: {} [{expr}]", yes_no(*result)),
        Event::Condition { clause, result } => format!("{clause}: {}", yes_no(*result)),
        Event::Named {
            name,
            title,
            source,
            value,
            ..
        } => format!("condition {name} = {value} ({title}; {source})"),
        Event::OverrideNotApplied {
            kind,
            decided_by,
            decided_on,
            valid_until,
            scope,
            reason,
        } => {
            let until = valid_until.map_or_else(String::new, |u| format!(" until {u}"));
            format!(
                "{kind} decision by {decided_by} of {decided_on}{until} for {scope} does not apply: {reason}"
            )
        }
    }
}

/// A period of the file: `2020-03-03 through 2024-05-31`, or `since
/// 2020-03-03` while it runs.
fn english_period(from: impl std::fmt::Display, until: Option<impl std::fmt::Display>) -> String {
    match until {
        Some(until) => format!("{from} through {until}"),
        None => format!("since {from}"),
    }
}

fn english_evidence(record: &Evidence) -> String {
    match record {
        Evidence::Residence {
            municipality,
            from,
            until,
        } => format!(
            "record: residence in {municipality}, {}",
            english_period(from, *until)
        ),
        Evidence::Income {
            member,
            role,
            source,
            yearly,
            from,
            until,
            counts,
        } => {
            let mut s = format!("record: income of {member} ({role}): {source}, {yearly} a year");
            match (from, until) {
                (None, None) => {}
                (Some(from), until) => s.push_str(&format!(", {}", english_period(from, *until))),
                (None, Some(until)) => s.push_str(&format!(", until {until}")),
            }
            if !counts {
                s.push_str("; not household income (a child's)");
            }
            s
        }
        Evidence::Activity {
            kind,
            municipality,
            hours_per_week,
            since,
            until,
        } => format!(
            "record: {kind} in {municipality}, {hours_per_week} hours a week, {}",
            english_period(since, *until)
        ),
        Evidence::Screening {
            date,
            objection,
            covers_from,
            covers_until,
            members,
            scope,
        } => {
            let found = if *objection {
                "objection"
            } else {
                "no objection"
            };
            let mut s = format!("record: screening of {date}: {found}");
            if let (Some(from), Some(until)) = (covers_from, covers_until) {
                s.push_str(&format!(", conduct {from} through {until}"));
            }
            s.push_str(&format!(", members {}", members.join(", ")));
            if !scope.is_empty() {
                s.push_str(&format!(", for {scope}"));
            }
            s
        }
        Evidence::Registration {
            registered_on,
            counts_from,
        } => {
            let mut s = format!("record: registration of {registered_on}");
            if let Some(day) = counts_from {
                s.push_str(&format!(", counting from the 18th birthday ({day})"));
            }
            s
        }
        Evidence::Urgency {
            category,
            granted,
            valid_until,
        } => format!("record: urgency ({category}) granted {granted}, valid through {valid_until}"),
    }
}

/// `n thing` or `n things`.
pub(crate) fn count(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}
