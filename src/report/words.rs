//! The words every renderer uses for outcomes and trace events, so text and
//! Markdown say the same thing the same way.

use crate::eval::record::{Event, Outcome, RuleKind};

/// A rule's outcome in a few words.
pub fn outcome(outcome: &Outcome) -> String {
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

/// The keyword a rule kind is written with.
pub fn kind(kind: RuleKind) -> &'static str {
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

/// One trace event as a sentence an auditor can read.
pub fn event(event: &Event) -> String {
    match event {
        Event::Fact { expr, value } => format!("read {expr} = {value}"),
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

/// A rule's trace as sentences with their nesting depth: a named
/// condition's parts follow it one level deeper.
pub fn event_lines(events: &[Event]) -> Vec<(usize, String)> {
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
        lines.push((depth, event(e)));
        if let Event::Named { parts, .. } = e {
            if !parts.is_empty() {
                stack.push((depth.saturating_add(1), parts.iter()));
            }
        }
    }
    lines
}

/// `n thing` or `n things`.
pub fn count(n: usize, thing: &str) -> String {
    if n == 1 {
        format!("1 {thing}")
    } else {
        format!("{n} {thing}s")
    }
}
