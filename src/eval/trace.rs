//! The trace: what each rule read and compared, written down as data while
//! the ordinary evaluator runs, and put into words only when a record is
//! asked for.
//!
//! A [`Trace`] holds node ids, parameter, rule and record indices, the
//! values themselves (`Copy`, borrowing from the program and the data) and
//! references into the applicant's file, in buffers that one decision after
//! another reuses. [`Trace::words`] turns it into [`RuleRecord`]s and
//! [`Event`]s against the same program and data: every shown value, gate
//! message, evidence record and parameter period is written there, never
//! while deciding.

use std::collections::BTreeSet;

use chrono::NaiveDate;

use super::engine::{Decision, GateOutcome};
use super::evidence::{self, Reading, Source};
use super::facts::UnitFacts;
use super::machine::Recorder;
use super::personal;
use super::record::{
    Application, Event, General, Generalised, Outcome, RuleKind, RuleRecord, Shown,
};
use super::show::show;
use super::value::{Dur, Value};
use crate::check::ir::KindIx;
use crate::compile::{ExemptionCode, Node, NodeId, Piece, Program, Side};
use crate::model::{Applicant, DecisionFit, DiscretionaryDecision};
use crate::syntax::ast::BinaryOp;
use crate::vocab::OverrideKind;

/// How a rule came out, as the evaluator knows it: indices and numbers,
/// put into an [`Outcome`] only when a record is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Done {
    /// A gate.
    Gate(GateOutcome),
    /// A priority group: whether the applicant belongs to it.
    Member(bool),
    /// A points rule's total.
    Scored(i64),
    /// A classification's label, by index.
    Labelled(u16),
    /// A tailored allocation ground: whether its condition holds.
    Holds(bool),
}

/// The points where a decision's rules end; the fast path ignores them.
pub trait Steps<'a>: Recorder<'a> {
    /// A clause (`applies when`, `require`, `unless …`) came out so.
    fn condition(&mut self, clause: &'static str, result: bool);
    /// A rule is done.
    fn rule_done(&mut self, kind: RuleKind, index: usize, outcome: Done);
    /// Gate `gate`'s exemption by a recorded decision of `kind` does not
    /// lift it: the recorded decisions of that kind that do not apply here
    /// are written down.
    fn overrides_not_applied(&mut self, gate: usize, kind: OverrideKind);
}

impl Steps<'_> for super::machine::Silent {
    #[inline(always)]
    fn condition(&mut self, _: &'static str, _: bool) {}
    #[inline(always)]
    fn rule_done(&mut self, _: RuleKind, _: usize, _: Done) {}
    #[inline(always)]
    fn overrides_not_applied(&mut self, _: usize, _: OverrideKind) {}
}

/// One step of a traced decision, as data.
#[derive(Debug, Clone, Copy)]
enum Step<'e> {
    /// A parameter was read (directly or as a call's argument).
    Param(u16),
    /// A fact, call, points total, label or group was read at `node`; the
    /// records of the file behind it are `evidence` in [`Log::sources`].
    Read {
        node: NodeId,
        value: Value<'e>,
        evidence: (u32, u32),
    },
    /// A designation was checked; `in_force` is the complex's designation
    /// of that kind in force, by index.
    Designation {
        kind: KindIx,
        valid: bool,
        in_force: Option<u32>,
    },
    /// The comparison at `node` came out `result`.
    Compare {
        node: NodeId,
        lhs: Value<'e>,
        rhs: Value<'e>,
        result: bool,
    },
    /// A named condition begins: what follows nests under it.
    Enter,
    /// The named condition `define`, read at `node`, came out `value`.
    Leave {
        node: NodeId,
        define: u16,
        value: Value<'e>,
    },
    /// A clause's result.
    Condition { clause: &'static str, result: bool },
    /// Recorded decision `decision` of the file, of `kind`, does not lift
    /// the gate, for the reason `fit`.
    NotApplied {
        kind: OverrideKind,
        decision: u32,
        fit: DecisionFit,
    },
    /// Rule `index` of `kind` is done; a gate overridden names the
    /// recorded decision that lifted it.
    Done {
        kind: RuleKind,
        index: u32,
        outcome: Done,
        decision: Option<u32>,
    },
}

/// The buffers a recording writes to.
#[derive(Debug, Default)]
struct Log<'e> {
    /// Whether to keep events (off: only outcomes and parameters read).
    events: bool,
    steps: Vec<Step<'e>>,
    /// The file's records behind facts read, referred to by [`Step::Read`].
    sources: Vec<Source>,
    /// The values of the gate messages' holes, in order.
    holes: Vec<Value<'e>>,
    /// Per gate with a message: its index and its holes in [`Log::holes`].
    messages: Vec<(u32, u32, u32)>,
}

impl Log<'_> {
    fn clear(&mut self, events: bool) {
        self.events = events;
        self.steps.clear();
        self.sources.clear();
        self.holes.clear();
        self.messages.clear();
    }
}

/// A decision with everything it read, compared and concluded, as data: no
/// word of it is written until [`Engine::render`](super::Engine::render)
/// asks. Borrows the engine that traced it (`'e`), and is reused from one
/// decision to the next without allocating again.
#[derive(Debug, Default)]
pub struct Trace<'e> {
    /// The applicant and unit, by index; `None` when the pair had no facts.
    pub(super) pair: Option<(usize, usize)>,
    /// The application decided on.
    pub(super) application: Option<Application>,
    /// The decision itself.
    pub(super) decision: Decision,
    log: Log<'e>,
}

impl<'e> Trace<'e> {
    /// An empty trace, with room for a decision of the usual size.
    pub fn new() -> Self {
        let mut trace = Trace::default();
        trace.log.steps.reserve(256);
        trace.log.sources.reserve(32);
        trace.log.holes.reserve(16);
        trace.log.messages.reserve(16);
        trace
    }

    /// Empties the trace for the decision of `pair`, keeping its buffers.
    pub(super) fn start(
        &mut self,
        pair: Option<(usize, usize)>,
        application: Application,
        events: bool,
    ) {
        self.pair = pair;
        self.application = Some(application);
        self.log.clear(events);
    }

    /// A recorder writing into this trace, and the decision to decide into.
    pub(super) fn recorder<'t>(
        &'t mut self,
        program: &'e Program<'e>,
        unit: &'e UnitFacts<'e>,
        file: &'e Applicant,
        application: NaiveDate,
    ) -> (TraceLog<'t, 'e>, &'t mut Decision) {
        let log = TraceLog {
            program,
            unit,
            file,
            application,
            log: &mut self.log,
        };
        (log, &mut self.decision)
    }

    /// The decision, and where to note the values of its gates' message
    /// holes (evaluated on that decision's points, labels and group).
    pub(super) fn holes(&mut self) -> (&Decision, Holes<'_, 'e>) {
        (&self.decision, Holes(&mut self.log))
    }

    /// The trace in words: every rule's record with its events, and the
    /// parameters read whose value is unverified.
    pub(super) fn words(
        &self,
        program: &Program<'_>,
        unit: &UnitFacts<'_>,
        file: &Applicant,
    ) -> (Vec<RuleRecord>, BTreeSet<usize>) {
        let mut w = Words {
            program,
            unit,
            file,
            keep_events: self.log.events,
            events: Vec::new(),
            marks: Vec::new(),
            rules: Vec::with_capacity(program.gates.len().saturating_add(8)),
            unverified: BTreeSet::new(),
        };
        for step in &self.log.steps {
            w.step(*step, &self.log);
        }
        (w.rules, w.unverified)
    }
}

/// Where the values of gate messages' holes are noted.
pub(super) struct Holes<'t, 'e>(&'t mut Log<'e>);

impl<'e> Holes<'_, 'e> {
    /// Notes the values of gate `gate`'s message holes.
    pub(super) fn message(&mut self, gate: usize, holes: impl Iterator<Item = Value<'e>>) {
        let log = &mut *self.0;
        let start = len32(&log.holes);
        log.holes.extend(holes);
        let end = len32(&log.holes);
        log.messages
            .push((u32::try_from(gate).unwrap_or(u32::MAX), start, end));
    }
}

/// A length as a `u32` index (a trace never holds four billion of anything).
fn len32<T>(v: &[T]) -> u32 {
    u32::try_from(v.len()).unwrap_or(u32::MAX)
}

/// Writes every step of a decision into a [`Trace`].
pub(super) struct TraceLog<'t, 'e> {
    program: &'e Program<'e>,
    unit: &'e UnitFacts<'e>,
    /// The applicant's file, whose records the facts read are shown with.
    file: &'e Applicant,
    /// The day of the application.
    application: NaiveDate,
    log: &'t mut Log<'e>,
}

impl<'e> TraceLog<'_, 'e> {
    fn reading(&self) -> Reading<'e> {
        Reading {
            date: self.program.date,
            application: self.application,
            place: Some((&self.unit.unit.id, &self.unit.complex.id)),
        }
    }

    /// The gate's id, which recorded decisions name.
    fn gate_id(&self, gate: usize) -> Option<&'e str> {
        self.program
            .rules
            .gates
            .get(gate)
            .map(|g| g.meta.id.as_str())
    }

    /// The recorded decision that lifts gate `gate` through exemption `ei`.
    fn override_of(&self, gate: usize, ei: u16) -> Option<u32> {
        let kind = match self
            .program
            .gates
            .get(gate)?
            .exemptions
            .get(usize::from(ei))?
        {
            ExemptionCode::Override(k) => *k,
            ExemptionCode::When(_) => return None,
        };
        let id = self.gate_id(gate)?;
        let date = self.program.date;
        let (unit, complex) = (self.unit.unit.id.as_str(), self.unit.complex.id.as_str());
        let found = self.file.decision_for(kind, id, date, unit, complex)?;
        let at = self
            .file
            .decisions
            .iter()
            .position(|d| std::ptr::eq(d, found))?;
        u32::try_from(at).ok()
    }
}

impl<'e> Recorder<'e> for TraceLog<'_, 'e> {
    const RECORDS: bool = true;

    fn read(&mut self, node: NodeId, value: Value<'e>) {
        let program = self.program;
        let start = len32(&self.log.sources);
        match program.node(node) {
            Node::Param(i) => {
                self.log.steps.push(Step::Param(*i));
                return;
            }
            Node::Call(slot) | Node::DatedCall(slot) => {
                let dated = matches!(program.node(node), Node::DatedCall(_));
                if let Some(spec) = program.calls.get(usize::from(*slot)) {
                    self.log
                        .steps
                        .extend(spec.params.iter().map(|p| Step::Param(*p)));
                    if self.log.events {
                        let at = self.reading();
                        evidence::of_call(
                            program,
                            self.file,
                            spec,
                            dated,
                            at,
                            &mut self.log.sources,
                        );
                    }
                }
            }
            Node::Fact(fact, Side::Applicant, _) if self.log.events => {
                let at = self.reading();
                evidence::of_fact(self.file, *fact, at, &mut self.log.sources);
            }
            _ => {}
        }
        if self.log.events {
            let evidence = (start, len32(&self.log.sources));
            self.log.steps.push(Step::Read {
                node,
                value,
                evidence,
            });
        }
    }

    fn designation(&mut self, kind: KindIx, valid: bool) {
        if !self.log.events {
            return;
        }
        let name = self.program.rules.kind_name(kind);
        let complex = self.unit.complex;
        let in_force = complex
            .designation_on(name, self.program.date)
            .and_then(|d| complex.designations.iter().position(|x| std::ptr::eq(x, d)))
            .and_then(|i| u32::try_from(i).ok());
        self.log.steps.push(Step::Designation {
            kind,
            valid,
            in_force,
        });
    }

    fn enter_named(&mut self) -> usize {
        if self.log.events {
            self.log.steps.push(Step::Enter);
        }
        0
    }

    fn leave_named(&mut self, node: NodeId, define: u16, _: usize, value: Value<'e>) {
        if self.log.events {
            self.log.steps.push(Step::Leave {
                node,
                define,
                value,
            });
        }
    }

    fn compare(&mut self, node: NodeId, lhs: Value<'e>, rhs: Value<'e>, result: bool) {
        if self.log.events {
            self.log.steps.push(Step::Compare {
                node,
                lhs,
                rhs,
                result,
            });
        }
    }
}

impl<'e> Steps<'e> for TraceLog<'_, 'e> {
    fn condition(&mut self, clause: &'static str, result: bool) {
        if self.log.events {
            self.log.steps.push(Step::Condition { clause, result });
        }
    }

    fn overrides_not_applied(&mut self, gate: usize, kind: OverrideKind) {
        if !self.log.events {
            return;
        }
        let Some(id) = self.gate_id(gate) else {
            return;
        };
        let date = self.program.date;
        let (unit, complex) = (self.unit.unit.id.as_str(), self.unit.complex.id.as_str());
        for (i, d) in self.file.decisions.iter().enumerate() {
            if d.kind != kind || d.rule != id {
                continue;
            }
            let fit = d.fit(date, unit, complex);
            if let (false, Ok(decision)) = (fit == DecisionFit::Applies, u32::try_from(i)) {
                self.log.steps.push(Step::NotApplied {
                    kind,
                    decision,
                    fit,
                });
            }
        }
    }

    fn rule_done(&mut self, kind: RuleKind, index: usize, outcome: Done) {
        let decision = match outcome {
            Done::Gate(GateOutcome::Overridden(ei)) => self.override_of(index, ei),
            _ => None,
        };
        self.log.steps.push(Step::Done {
            kind,
            index: u32::try_from(index).unwrap_or(u32::MAX),
            outcome,
            decision,
        });
    }
}

/// Puts a trace into words, step by step, as the output shows it.
struct Words<'w, 'p> {
    program: &'w Program<'p>,
    unit: &'w UnitFacts<'w>,
    file: &'w Applicant,
    /// Whether to keep events (off: only outcomes and unverified parameters).
    keep_events: bool,
    /// The events of the rule so far.
    events: Vec<Event>,
    /// Where each named condition being read began in [`Words::events`].
    marks: Vec<usize>,
    /// The rules so far, with outcomes and events.
    rules: Vec<RuleRecord>,
    /// Parameters read whose value is marked unverified.
    unverified: BTreeSet<usize>,
}

impl Words<'_, '_> {
    fn step(&mut self, step: Step<'_>, log: &Log<'_>) {
        match step {
            Step::Param(i) => self.param(usize::from(i)),
            Step::Read {
                node,
                value,
                evidence: (start, end),
            } => {
                let sources = log
                    .sources
                    .get(start as usize..end as usize)
                    .unwrap_or_default();
                let event = Event::Fact {
                    expr: self.text(node),
                    value: self.shown(node, value),
                    evidence: sources
                        .iter()
                        .filter_map(|s| evidence::resolve(self.file, *s))
                        .collect(),
                };
                self.push(event);
            }
            Step::Designation {
                kind,
                valid,
                in_force,
            } => self.designation(kind, valid, in_force),
            Step::Compare {
                node,
                lhs,
                rhs,
                result,
            } => self.compare(node, lhs, rhs, result),
            Step::Enter => self.marks.push(self.events.len()),
            Step::Leave {
                node,
                define,
                value,
            } => {
                let mark = self.marks.pop().unwrap_or(usize::MAX);
                self.leave_named(node, define, mark, value);
            }
            Step::Condition { clause, result } => self.push(Event::Condition {
                clause: clause.to_owned(),
                result,
            }),
            Step::NotApplied {
                kind,
                decision,
                fit,
            } => {
                let found = self.file.decisions.get(decision as usize);
                if let Some(event) = found.and_then(|d| self.not_applied(kind, d, fit)) {
                    self.push(event);
                }
            }
            Step::Done {
                kind,
                index,
                outcome,
                decision,
            } => {
                let decision = decision.and_then(|d| self.file.decisions.get(d as usize));
                self.rule_done(kind, index as usize, outcome, decision, log);
            }
        }
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
        if !self.keep_events {
            return;
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

    fn designation(&mut self, kind: KindIx, valid: bool, in_force: Option<u32>) {
        let name = self.program.rules.kind_name(kind);
        let complex = self.unit.complex;
        let in_force = in_force.and_then(|i| complex.designations.get(i as usize));
        let event = Event::Designation {
            kind: name.to_owned(),
            complex: complex.id.clone(),
            valid,
            period: in_force.map(|d| match d.until {
                Some(until) => format!("{} until {}", d.from, until),
                None => format!("from {}", d.from),
            }),
            decision: in_force.map(|d| d.decision.clone()),
        };
        self.push(event);
    }

    fn leave_named(&mut self, node: NodeId, define: u16, mark: usize, value: Value<'_>) {
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

    /// A recorded decision that does not lift the gate here, with why.
    fn not_applied(
        &self,
        kind: OverrideKind,
        d: &DiscretionaryDecision,
        fit: DecisionFit,
    ) -> Option<Event> {
        let date = self.program.date;
        let (unit, complex) = (self.unit.unit.id.as_str(), self.unit.complex.id.as_str());
        let scope = d
            .scope
            .as_ref()
            .map_or_else(|| "no recorded application".to_owned(), ToString::to_string);
        // The decision's days are the file's: a redacted trace shows their
        // month (`day` is the form shown).
        let reason = |day: &dyn Fn(NaiveDate) -> String| match fit {
            DecisionFit::Applies => None,
            DecisionFit::NotYetTaken => {
                Some(format!("taken on {}, after {date}", day(d.decided_on)))
            }
            DecisionFit::Expired => Some(d.valid_until.map_or_else(String::new, |u| {
                format!("expired: its last valid day {} lies before {date}", day(u))
            })),
            DecisionFit::OutOfScope => Some(format!(
                "taken for {scope}, not for unit {unit} in complex {complex}"
            )),
            DecisionFit::Incomplete => Some("it records no scope or validity".to_owned()),
        };
        let exact = reason(&|d: NaiveDate| d.to_string())?;
        let months = reason(&|d: NaiveDate| d.format("%Y-%m").to_string())?;
        let general = (months != exact).then_some(General {
            text: months,
            kind: Generalised::Month,
            decides: true,
        });
        Some(Event::OverrideNotApplied {
            kind: kind.as_str().to_owned(),
            decided_by: d.decided_by.clone(),
            decided_on: d.decided_on.into(),
            valid_until: d.valid_until.map(Into::into),
            scope: scope.clone(),
            reason: Shown::with(exact, general),
        })
    }

    fn rule_done(
        &mut self,
        kind: RuleKind,
        index: usize,
        outcome: Done,
        decision: Option<&DiscretionaryDecision>,
        log: &Log<'_>,
    ) {
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
        let outcome = self.outcome(index, outcome, decision);
        let message = match (kind, &outcome) {
            (RuleKind::Gate, Outcome::NotApplicable) | (RuleKind::Priority, _) => None,
            (RuleKind::Gate, _) => self.message(index, log),
            _ => None,
        };
        self.rules.push(RuleRecord {
            id: meta.id.clone(),
            kind,
            title: meta.title.clone(),
            source: meta.source.clone(),
            outcome,
            message,
            rests_on_generalised: false,
            trace: std::mem::take(&mut self.events),
        });
    }

    /// A rule's outcome in words.
    fn outcome(
        &self,
        index: usize,
        outcome: Done,
        decision: Option<&DiscretionaryDecision>,
    ) -> Outcome {
        let rules = self.program.rules;
        let because = |ei: u16| {
            rules
                .gates
                .get(index)
                .and_then(|g| g.exemptions.get(usize::from(ei)))
                .map_or_else(String::new, |e| e.because.clone())
        };
        match outcome {
            Done::Gate(GateOutcome::NotApplicable) => Outcome::NotApplicable,
            Done::Gate(GateOutcome::Passed) | Done::Holds(true) => Outcome::Passed,
            Done::Gate(GateOutcome::Failed) | Done::Holds(false) => Outcome::Failed,
            Done::Gate(GateOutcome::Exempt(ei)) => Outcome::Exempt {
                because: because(ei),
            },
            Done::Gate(GateOutcome::Overridden(ei)) => match decision {
                Some(d) => Outcome::Overridden {
                    because: because(ei),
                    decided_by: d.decided_by.clone(),
                    decided_on: d.decided_on.into(),
                    ground: d.ground.clone(),
                },
                None => Outcome::Failed,
            },
            Done::Member(true) => Outcome::Member,
            Done::Member(false) => Outcome::NotMember,
            Done::Scored(total) => Outcome::Scored { total },
            Done::Labelled(label) => Outcome::Labelled {
                label: label_name(self.program, index, label),
            },
        }
    }

    /// Gate `gate`'s message, with its generalised form when a hole is
    /// personal; `None` when the gate has none or its holes were not read.
    fn message(&self, gate: usize, log: &Log<'_>) -> Option<Shown> {
        let code = self.program.gates.get(gate)?;
        if code.message.is_empty() {
            return None;
        }
        let gate = u32::try_from(gate).ok()?;
        let &(_, start, end) = log.messages.iter().find(|(g, _, _)| *g == gate)?;
        let mut holes = log.holes.get(start as usize..end as usize)?.iter();
        let mut text = String::new();
        let mut general = String::new();
        let mut personal = false;
        for piece in &code.message {
            match piece {
                Piece::Text(t) => {
                    text.push_str(t);
                    general.push_str(t);
                }
                Piece::Hole(node) => {
                    let value = holes.next().copied().unwrap_or(Value::Absent);
                    let ty = self.program.types.get(node.0 as usize).copied();
                    let shown = show(
                        self.program,
                        value,
                        ty.unwrap_or(crate::check::types::Type::Text),
                    );
                    match personal::general(self.program, *node, value) {
                        Some(g) => {
                            personal = true;
                            general.push_str(&g.text);
                        }
                        None => general.push_str(&shown),
                    }
                    text.push_str(&shown);
                }
            }
        }
        let general = personal.then_some(General {
            text: general,
            kind: Generalised::Parts,
            decides: true,
        });
        Some(Shown::with(text, general))
    }
}

/// The name of label `label` of classification `classify`.
pub(super) fn label_name(program: &Program<'_>, classify: usize, label: u16) -> String {
    program
        .rules
        .classifications
        .get(classify)
        .and_then(|c| c.labels.get(usize::from(label)))
        .map_or_else(String::new, |(l, _)| l.clone())
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
