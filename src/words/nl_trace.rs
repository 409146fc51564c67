//! The trace in Dutch for `--lang nl`: outcomes, rule kinds, events and the
//! records behind facts, in the words of an auditor or a policy officer
//! (`voldaan`, `niet voldaan`, `gegeven: gewoond in Heerlen, sinds 3 maart
//! 2020`). Values go through [`nl_text`], so durations, dates and the
//! vocabularies read as the letter writes them.

use std::fmt::Display;

use super::nl_text::{expr, value};
use crate::eval::record::{Event, Evidence, Outcome, RuleKind};
use crate::report::words::Term;

/// A structure word in Dutch.
pub fn term(term: Term) -> &'static str {
    match term {
        Term::Eligible => "komt in aanmerking",
        Term::EligibleCount => "in aanmerking",
        Term::NotEligible => "komt niet in aanmerking",
        Term::Failed => "niet voldaan",
        Term::Source => "bron",
        Term::Message => "melding",
        Term::Priority => "voorrang",
        Term::Points => "punten",
        Term::Classification => "indeling",
        Term::Application => "aanvraag",
        Term::Unverified => "berust op niet-geverifieerde cijfers",
        Term::Trace => "verloop",
        Term::Nothing => "geen",
        Term::OrderBy => "volgorde op",
        Term::Out => "valt af",
        Term::By => "op",
        Term::ReferenceDate => "peildatum",
        Term::Seed => "loting",
        Term::Redacted => "geanonimiseerd",
        Term::RuleSet => "regelset",
        Term::FailingGates => "niet voldaan aan",
        Term::Rules => "Regels",
    }
}

/// `1 bestand`, `3 bestanden`; a thing this table does not know keeps its
/// English name.
pub fn count(n: usize, thing: &str) -> String {
    let (one, many) = match thing {
        "file" => ("bestand", "bestanden"),
        "input file" => ("invoerbestand", "invoerbestanden"),
        "candidate" => ("kandidaat", "kandidaten"),
        "pair" => ("paar", "paren"),
        _ => (thing, thing),
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// A rule's outcome in Dutch; the grounds are the rule set's and the
/// file's own words.
pub fn outcome(outcome: &Outcome) -> String {
    match outcome {
        Outcome::Passed => "voldaan".into(),
        Outcome::Failed => "niet voldaan".into(),
        Outcome::Exempt { because } => format!("uitgezonderd: {because}"),
        Outcome::Overridden {
            because,
            decided_by,
            decided_on,
            ground,
        } => format!(
            "opzijgezet: {because}; besloten door {} op {}: {}",
            value(decided_by),
            day(decided_on),
            value(ground)
        ),
        Outcome::NotApplicable => "niet van toepassing".into(),
        Outcome::Member => "hoort bij deze groep".into(),
        Outcome::NotMember => "hoort niet bij deze groep".into(),
        Outcome::Scored { total: 1 } => "1 punt".into(),
        Outcome::Scored { total } => format!("{total} punten"),
        Outcome::Labelled { label } => label.clone(),
    }
}

/// The name of a rule kind in Dutch.
pub fn kind(kind: RuleKind) -> &'static str {
    match kind {
        RuleKind::Gate => "eis",
        RuleKind::Priority => "voorrang",
        RuleKind::Points => "punten",
        RuleKind::Classify => "indeling",
        RuleKind::Tailored => "maatwerk",
    }
}

fn yes_no(b: bool) -> &'static str {
    if b { "ja" } else { "nee" }
}

/// A day of a record, or its month once redacted, in Dutch.
fn day(d: impl Display) -> String {
    value(&d.to_string())
}

/// A clause of a rule in Dutch.
fn clause(c: &str) -> String {
    match c {
        "applies when" => "van toepassing als".into(),
        "require" => "eis".into(),
        "unless" => "tenzij".into(),
        "unless override" => "tenzij een besluit".into(),
        "when" => "als".into(),
        other => other.into(),
    }
}

/// One trace event as a Dutch sentence.
pub fn event(event: &Event) -> String {
    match event {
        Event::Fact {
            expr: e, value: v, ..
        } => format!("gelezen {} = {}", expr(e), value(v)),
        Event::Param {
            name,
            value: v,
            from,
            until,
            unverified,
        } => {
            let period = match until {
                Some(until) => format!("geldig van {} t/m {}", day(from), day(until)),
                None => format!("geldig vanaf {}", day(from)),
            };
            let mut s = format!("parameter {name} = {} ({period})", value(v));
            if let Some(why) = unverified {
                s.push_str(&format!("; niet geverifieerd: {why}"));
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
                "aanwijzing {kind} van {complex} van kracht: {}",
                yes_no(*valid)
            );
            let period = period.as_deref().map(|p| {
                let p = p.replace(" until ", " t/m ");
                value(
                    &p.strip_prefix("from ")
                        .map_or(p.clone(), |d| format!("vanaf {d}")),
                )
            });
            let details: Vec<String> = [period, decision.clone()].into_iter().flatten().collect();
            if !details.is_empty() {
                s.push_str(&format!(" ({})", details.join("; ")));
            }
            s
        }
        Event::Compare {
            expr: e,
            lhs,
            op,
            rhs,
            result,
        } => format!(
            "vergelijking {} {op} {}: {} [{}]",
            value(lhs),
            value(rhs),
            yes_no(*result),
            expr(e)
        ),
        Event::Condition { clause: c, result } => format!("{}: {}", clause(c), yes_no(*result)),
        Event::Named {
            name,
            title,
            source,
            value: v,
            ..
        } => format!("voorwaarde {name} = {} ({title}; {source})", value(v)),
        Event::OverrideNotApplied {
            kind,
            decided_by,
            decided_on,
            valid_until,
            scope,
            reason,
        } => {
            let until = valid_until.map_or_else(String::new, |u| format!(" t/m {}", day(u)));
            format!(
                "besluit ({}) van {} op {}{until} voor {} geldt hier niet: {}",
                value(kind),
                value(decided_by),
                day(decided_on),
                place(scope),
                value(reason)
            )
        }
    }
}

/// `unit U-0102` as `woning U-0102`.
fn place(scope: &str) -> String {
    scope.replace("unit ", "woning ")
}

/// A period of the file: `van 3 maart 2020 t/m 31 mei 2024`, or `sinds 3
/// maart 2020` while it runs.
fn period(from: impl Display, until: Option<impl Display>) -> String {
    match until {
        Some(until) => format!("van {} t/m {}", day(from), day(until)),
        None => format!("sinds {}", day(from)),
    }
}

/// One record of the file behind a fact, in Dutch.
pub fn evidence(record: &Evidence) -> String {
    match record {
        Evidence::Residence {
            municipality,
            from,
            until,
        } => format!(
            "gegeven: gewoond in {municipality}, {}",
            period(from, *until)
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
            let mut s = format!(
                "gegeven: inkomen van {member} ({}): {}, {} per jaar",
                value(role),
                value(source),
                value(yearly)
            );
            match (from, until) {
                (None, None) => {}
                (Some(from), until) => s.push_str(&format!(", {}", period(from, *until))),
                (None, Some(until)) => s.push_str(&format!(", tot en met {}", day(until))),
            }
            if !counts {
                s.push_str("; telt niet mee in het huishoudinkomen (van een kind)");
            }
            s
        }
        Evidence::Activity {
            kind,
            municipality,
            hours_per_week,
            since,
            until,
        } => {
            let what = if kind == "study" { "studie" } else { "werk" };
            format!(
                "gegeven: {what} in {municipality}, {} uur per week, {}",
                hours_per_week.replace('.', ","),
                period(since, *until)
            )
        }
        Evidence::Screening {
            date,
            objection,
            covers_from,
            covers_until,
            members,
            scope,
        } => {
            let found = if *objection {
                "bezwaar"
            } else {
                "geen bezwaar"
            };
            let mut s = format!("gegeven: screening van {}: {found}", day(date));
            if let (Some(from), Some(until)) = (covers_from, covers_until) {
                s.push_str(&format!(", gedrag van {} t/m {}", day(from), day(until)));
            }
            s.push_str(&format!(", betreft {}", members.join(", ")));
            if !scope.is_empty() {
                s.push_str(&format!(", voor {}", place(scope)));
            }
            s
        }
        Evidence::Registration {
            registered_on,
            counts_from,
        } => {
            let mut s = format!("gegeven: ingeschreven op {}", day(registered_on));
            if let Some(d) = counts_from {
                s.push_str(&format!(", telt vanaf de 18e verjaardag ({})", day(d)));
            }
            s
        }
        Evidence::Urgency {
            category,
            granted,
            valid_until,
        } => format!(
            "gegeven: urgentie ({}) verleend op {}, geldig t/m {}",
            value(category),
            day(granted),
            day(valid_until)
        ),
    }
}

/// Where a decision's application day comes from, in Dutch.
pub fn application_basis(basis: crate::eval::record::ApplicationBasis) -> &'static str {
    use crate::eval::record::ApplicationBasis;
    match basis {
        ApplicationBasis::Recorded => "de vastgelegde aanvraag om een huisvestingsvergunning",
        ApplicationBasis::Reaction => "de reactie op de woning",
        ApplicationBasis::ReferenceDate => {
            "geen vastgelegd vóór de peildatum; de peildatum geldt als dag van de aanvraag"
        }
    }
}
