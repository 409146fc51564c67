//! The trace recorder: what each rule read and compared, written down as
//! [`Event`]s while the ordinary evaluator runs.

use std::collections::BTreeSet;

use super::evidence::{self, Reading};
use super::facts::UnitFacts;
use super::machine::Recorder;
use super::personal;
use super::record::{Event, Evidence, General, Generalised, Outcome, RuleKind, RuleRecord, Shown};
use super::show::show;
use super::value::{Dur, Value};
use crate::check::ir::KindIx;
use crate::compile::{Node, NodeId, Program, Side};
use crate::model::Applicant;
use crate::syntax::ast::BinaryOp;

/// The points where a decision's rules end; the fast path ignores them.
pub trait Steps: Recorder {
    /// A clause (`applies when`, `require`, `unless …`) came out so.
    fn condition(&mut self, clause: &str, result: bool);
    /// A rule is done; the outcome in words is only built when recorded.
    fn rule_done(&mut self, kind: RuleKind, index: usize, outcome: impl FnOnce() -> Outcome);
    /// Recorded decisions that do not lift the gate here; the events are
    /// only built when recorded.
    fn overrides_not_applied(&mut self, events: impl FnOnce() -> Vec<Event>);
}

impl Steps for super::machine::Silent {
    #[inline(always)]
    fn condition(&mut self, _: &str, _: bool) {}
    #[inline(always)]
    fn rule_done(&mut self, _: RuleKind, _: usize, _: impl FnOnce() -> Outcome) {}
    #[inline(always)]
    fn overrides_not_applied(&mut self, _: impl FnOnce() -> Vec<Event>) {}
}

/// Writes every step down, rule by rule.
pub struct TraceLog<'p, 'r, 'd> {
    program: &'p Program<'r>,
    unit: &'p UnitFacts<'d>,
    /// The applicant's file and the application's day, whose records the
    /// facts read are shown with ([`Evidence`]).
    file: Option<(&'d Applicant, chrono::NaiveDate)>,
    /// Whether to keep events (off: only outcomes and unverified parameters).
    keep_events: bool,
    events: Vec<Event>,
    /// The rules so far, with outcomes and events.
    pub rules: Vec<RuleRecord>,
    /// Parameters read whose value is marked unverified.
    pub unverified: BTreeSet<usize>,
}

impl<'p, 'r, 'd> TraceLog<'p, 'r, 'd> {
    /// A recorder for one decision on `unit`.
    pub fn new(program: &'p Program<'r>, unit: &'p UnitFacts<'d>, keep_events: bool) -> Self {
        TraceLog {
            program,
            unit,
            file: None,
            keep_events,
            events: Vec::new(),
            rules: Vec::new(),
            unverified: BTreeSet::new(),
        }
    }

    /// Shows the facts read with the records of `applicant`'s file they
    /// come from, for the application made on `application`.
    pub fn with_file(mut self, applicant: &'d Applicant, application: chrono::NaiveDate) -> Self {
        self.file = Some((applicant, application));
        self
    }

    /// The records of the file behind the value read at `node`: references
    /// first, then the records themselves; nothing for a fact that reads
    /// no record (an age, the unit's rent).
    fn evidence(&self, node: NodeId) -> Vec<Evidence> {
        let Some((applicant, application)) = self.file else {
            return Vec::new();
        };
        let at = Reading {
            date: self.program.date,
            application,
            place: Some((&self.unit.unit.id, &self.unit.complex.id)),
        };
        let call = |slot: u16, dated: bool| {
            self.program
                .calls
                .get(usize::from(slot))
                .map(|spec| evidence::of_call(self.program, applicant, spec, dated, at))
                .unwrap_or_default()
        };
        let sources = match self.program.node(node) {
            Node::Fact(fact, Side::Applicant, _) => evidence::of_fact(applicant, *fact, at),
            Node::Call(slot) => call(*slot, false),
            Node::DatedCall(slot) => call(*slot, true),
            _ => Vec::new(),
        };
        sources
            .into_iter()
            .filter_map(|s| evidence::resolve(applicant, s))
            .collect()
    }

    fn push(&mut self, event: Event) {
        if self.keep_events && !self.events.contains(&event) {
            self.events.push(event);
        }
    }

    fn text(&self, node: NodeId) -> String {
        self.program
            .texts
            .get(node.0 as usize)
            .map_or_else(String::new, |t| t.to_string())
    }

    fn show(&self, node: NodeId, value: Value<'_>) -> String {
        let ty = self.program.types.get(node.0 as usize).copied();
        ty.map_or_else(|| format!("{value:?}"), |ty| show(self.program, value, ty))
    }

    /// A value in words with its generalised form, when it is personal.
    fn shown(&self, node: NodeId, value: Value<'_>) -> Shown {
        personal::shown(self.program, node, self.show(node, value), value)
    }
}

impl TraceLog<'_, '_, '_> {
    /// Records a parameter's value and the period it came from.
    fn param(&mut self, i: usize) {
        let rules = self.program.rules;
        let (Some(decl), Some(in_force)) = (rules.params.get(i), self.program.params.get(i)) else {
            return;
        };
        let unverified = decl
            .values
            .iter()
            .find(|v| v.from == in_force.from)
            .and_then(|v| v.unverified.clone());
        if unverified.is_some() {
            self.unverified.insert(i);
        }
        let value = in_force.text.as_deref().map_or(in_force.value, Value::Text);
        let event = Event::Param {
            name: decl.meta.id.clone(),
            value: show(self.program, value, decl.ty),
            from: in_force.from,
            until: in_force.until,
            unverified,
        };
        self.push(event);
    }
}

impl Recorder for TraceLog<'_, '_, '_> {
    const RECORDS: bool = true;

    fn read(&mut self, node: NodeId, value: Value<'_>) {
        match self.program.node(node) {
            Node::Param(i) => return self.param(usize::from(*i)),
            Node::Call(slot) | Node::DatedCall(slot) => {
                let params = self
                    .program
                    .calls
                    .get(usize::from(*slot))
                    .map(|c| c.params.clone())
                    .unwrap_or_default();
                for p in params {
                    self.param(usize::from(p));
                }
            }
            _ => {}
        }
        if !self.keep_events {
            return;
        }
        let event = Event::Fact {
            expr: self.text(node),
            value: self.shown(node, value),
            evidence: self.evidence(node),
        };
        self.push(event);
    }

    fn designation(&mut self, kind: KindIx, valid: bool) {
        if !self.keep_events {
            return;
        }
        let name = self.program.rules.kind_name(kind);
        let in_force = self.unit.complex.designation_on(name, self.program.date);
        let event = Event::Designation {
            kind: name.to_owned(),
            complex: self.unit.complex.id.clone(),
            valid,
            period: in_force.map(|d| match d.until {
                Some(until) => format!("{} until {}", d.from, until),
                None => format!("from {}", d.from),
            }),
            decision: in_force.map(|d| d.decision.clone()),
        };
        self.push(event);
    }

    fn enter_named(&mut self) -> usize {
        self.events.len()
    }

    fn leave_named(&mut self, node: NodeId, define: u16, mark: usize, value: Value<'_>) {
        if !self.keep_events {
            return;
        }
        let Some(decl) = self.program.rules.defines.get(usize::from(define)) else {
            return;
        };
        let parts = if mark <= self.events.len() {
            self.events.split_off(mark)
        } else {
            Vec::new()
        };
        let event = Event::Named {
            name: decl.meta.id.clone(),
            title: decl.meta.title.clone(),
            source: decl.meta.source.clone(),
            value: self.shown(node, value),
            parts,
        };
        self.push(event);
    }

    fn compare(&mut self, node: NodeId, lhs: Value<'_>, rhs: Value<'_>, result: bool) {
        if !self.keep_events {
            return;
        }
        let Node::Binary(op, l, r) = self.program.node(node) else {
            return;
        };
        let (op, l, r) = (*op, *l, *r);
        let general = personal::compare(self.program, op, (l, lhs), (r, rhs));
        let plain = self.show(r, rhs);
        let rhs_general = general.rhs.or_else(|| {
            // The day a personal stretch reaches the term tells where it
            // began (a birthday, a move): a redacted trace leaves it out.
            reached(lhs, rhs)?;
            general.lhs.as_ref()?;
            Some(General {
                text: plain.clone(),
                kind: Generalised::Withheld,
                decides: true,
            })
        });
        let event = Event::Compare {
            expr: Shown::with(self.text(node), general.expr),
            lhs: Shown::with(self.show(l, lhs), general.lhs),
            op: op_word(op).to_owned(),
            rhs: Shown::with(with_reached(plain, lhs, rhs), rhs_general),
            result,
        };
        self.push(event);
    }
}

impl Steps for TraceLog<'_, '_, '_> {
    fn condition(&mut self, clause: &str, result: bool) {
        self.push(Event::Condition {
            clause: clause.to_owned(),
            result,
        });
    }

    fn overrides_not_applied(&mut self, events: impl FnOnce() -> Vec<Event>) {
        if self.keep_events {
            for event in events() {
                self.push(event);
            }
        }
    }

    fn rule_done(&mut self, kind: RuleKind, index: usize, outcome: impl FnOnce() -> Outcome) {
        let rules = self.program.rules;
        let meta = match kind {
            RuleKind::Gate => rules.gates.get(index).map(|r| &r.meta),
            RuleKind::Priority => rules.priorities.get(index).map(|r| &r.meta),
            RuleKind::Points => rules.points.get(index).map(|r| &r.meta),
            RuleKind::Classify => rules.classifications.get(index).map(|r| &r.meta),
            RuleKind::Tailored => rules.tailored.get(index).map(|r| &r.meta),
        };
        let Some(meta) = meta else {
            return;
        };
        self.rules.push(RuleRecord {
            id: meta.id.clone(),
            kind,
            title: meta.title.clone(),
            source: meta.source.clone(),
            outcome: outcome(),
            message: None,
            rests_on_generalised: false,
            trace: std::mem::take(&mut self.events),
        });
    }
}

/// A written duration compared with a measured stretch, with the day the
/// stretch reaches it: "6 years (reached on 2026-03-03)" tells a reader
/// at once how far the stretch falls short or goes past, which "5 years 11
/// months 27 days" does not.
fn with_reached(shown: String, lhs: Value<'_>, rhs: Value<'_>) -> String {
    match reached(lhs, rhs) {
        Some(day) => format!("{shown} (reached on {day})"),
        None => shown,
    }
}

/// The day a measured stretch `lhs` reaches the written duration `rhs`.
fn reached(lhs: Value<'_>, rhs: Value<'_>) -> Option<chrono::NaiveDate> {
    match (lhs, rhs) {
        (
            Value::Dur(span @ Dur::Span { from, until }),
            Value::Dur(target @ Dur::Calendar { .. }),
        ) if from < until => span.reaches(target),
        _ => None,
    }
}

fn op_word(op: BinaryOp) -> &'static str {
    op.symbol()
}
