//! The engine: the rules compiled for one reference date over one data set,
//! deciding applicant × unit pairs and ranking the candidates of a vacancy.

use std::cell::Cell;
use std::cmp::Ordering;
use std::sync::{Arc, OnceLock};

use chrono::NaiveDate;

use super::bits::{self, PairBits};
use super::error::EvalError;
use super::fact::{GateLetter, LetterPart, fact};
use super::facts::{ApplicantFacts, ApplicationFacts, UnitFacts};
use super::fault::{Fault, FaultLog, Undecided};
use super::held::Held;
use super::lottery;
use super::machine::{Ctx, Derived, Recorder, Silent, eval, points_total};
use super::personal;
pub use super::reactions::Reactions;
use super::record::{
    Application, ApplicationBasis, Candidate, DecisionRecord, General, Generalised, Label, Ranking,
    RuleKind, Score, Shown,
};
use super::show::show;
use super::trace::{Done, Steps, Trace, label_name};
use super::value::{Dur, Value};
use crate::check::CheckedRuleSet;
use crate::check::ir::OrderKeyTest;
use crate::check::types::Type;
use crate::compile::{
    DerivedCode, ExemptionCode, KeyCode, NodeId, Piece, Program, Staging, Walked, compile,
};
use crate::model::Dataset;
use crate::source::SourceMap;
use crate::syntax::ast::Direction;

/// How one gate came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GateOutcome {
    /// `applies when` did not hold.
    NotApplicable,
    /// The requirement holds.
    Passed,
    /// The requirement does not hold and nothing lifts it.
    Failed,
    /// Lifted by the exemption with this index.
    Exempt(u16),
    /// Lifted by a recorded discretionary decision, through the exemption with this index.
    Overridden(u16),
}

/// The outcome of one pair, without explanation: what the fast path yields.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decision {
    /// Each gate's outcome, in rule-set order.
    pub gates: Vec<GateOutcome>,
    /// No gate failed.
    pub eligible: bool,
    /// Points, labels and the priority group.
    pub derived: Derived,
    /// The application decided on.
    pub application: Option<Application>,
    /// A calculation without a result: the pair is not decided (and not
    /// eligible), and the run reports the calculation as an error.
    pub fault: Option<Fault>,
}

/// How one allocation stands to one quota.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct QuotaFlags {
    /// The quota guards the allocation's vacancy (`applies when`).
    pub applies: bool,
    /// The allocation counts in the whole (`among`, or every allocation).
    pub among: bool,
    /// The allocation counts against the share (`with`).
    pub with: bool,
}

/// The applicants and units whose facts an engine computed: an
/// applicant's with the stretch of days their facts hold over, if any.
#[derive(Debug, Default)]
struct Filled {
    applicants: Vec<(usize, Option<Held>)>,
    units: Vec<usize>,
}

/// The rules compiled for one date, with every applicant's and unit's facts.
pub struct Engine<'a> {
    program: Program<'a>,
    data: &'a Dataset,
    /// Each applicant's facts, computed the first time a decision needs
    /// them: an allocation run on many dates touches only the candidates.
    applicants: Vec<OnceLock<ApplicantFacts<'a>>>,
    /// Each unit's facts, likewise: a date decides only its own vacancies.
    units: Vec<OnceLock<UnitFacts<'a>>>,
    /// The applicants and units whose facts were computed, so moving the
    /// engine to another day clears those cells and not all the others;
    /// an applicant's with the stretch their facts hold over, if any, so
    /// that the move keeps the facts that serve the new day without
    /// reading them.
    filled: std::sync::Mutex<Filled>,
    reactions: Arc<Reactions>,
    seed: u64,
    /// The decisions that could not be made, shared with the run.
    faults: FaultLog,
    /// Whether an applicant's facts are computed with their staged parts
    /// (see [`Engine::applicants_unstaged`]).
    stage_applicants: bool,
}

impl<'a> Engine<'a> {
    /// Compiles `rules` for `date` and computes the facts of `data`.
    pub fn new(
        rules: &'a CheckedRuleSet,
        sources: &SourceMap,
        data: &'a Dataset,
        date: NaiveDate,
        seed: u64,
    ) -> Result<Self, EvalError> {
        Engine::staged(rules, sources, data, (date, Staging::Day), seed)
    }

    /// [`Engine::new`] with the applicant's parts staged as `staging` says.
    pub(crate) fn staged(
        rules: &'a CheckedRuleSet,
        sources: &SourceMap,
        data: &'a Dataset,
        (date, staging): (NaiveDate, Staging),
        seed: u64,
    ) -> Result<Self, EvalError> {
        let program = compile(rules, sources, date, staging)?;
        Engine::with_program(
            program,
            data,
            seed,
            Arc::new(Reactions::of(data)),
            FaultLog::default(),
        )
    }

    /// An engine for a program already compiled, over reactions already
    /// indexed, noting undecided decisions in the run's `faults`: what an
    /// allocation run makes for each of its dates.
    pub(crate) fn with_program(
        program: Program<'a>,
        data: &'a Dataset,
        seed: u64,
        reactions: Arc<Reactions>,
        faults: FaultLog,
    ) -> Result<Self, EvalError> {
        if let Some(u) = data
            .units()
            .iter()
            .find(|u| data.complex_of(u).and_then(|c| data.buurt_of(c)).is_none())
        {
            return Err(EvalError::Dangling { unit: u.id.clone() });
        }
        for c in data.complexes() {
            if let Some(d) = c
                .designations
                .iter()
                .find(|d| program.rules.kind_named(&d.kind).is_none())
            {
                return Err(EvalError::UndeclaredKind {
                    complex: c.id.clone(),
                    kind: d.kind.clone(),
                });
            }
        }
        let applicants = data.applicants().iter().map(|_| OnceLock::new()).collect();
        let units = data.units().iter().map(|_| OnceLock::new()).collect();
        Ok(Engine {
            program,
            data,
            applicants,
            units,
            filled: std::sync::Mutex::default(),
            reactions,
            seed,
            faults,
            stage_applicants: true,
        })
    }

    /// This engine computing an applicant's facts without the parts of the
    /// rules that read only them (`ApplicantFacts::unstaged`), walking
    /// every part on every decision, and carrying the facts over the days
    /// they hold over: what the tests hold the staged parts to. The
    /// decisions are the same. (An allocation run stages its candidates'
    /// parts for the stretch instead, `Staging::Held`.)
    pub fn applicants_unstaged(mut self) -> Self {
        self.stage_applicants = false;
        self
    }

    /// Whether this engine's applicants' facts hold over a stretch of
    /// days and are carried from day to day: computed unstaged, or staged
    /// for the stretch ([`Staging::Held`], what an allocation run
    /// compiles). Such facts serve a candidate deciding on about one
    /// vacancy a day, and are out of cache when they do.
    fn carries(&self) -> bool {
        !self.stage_applicants || self.program.staging == Staging::Held
    }

    /// The decisions this engine (and every engine sharing its log) could
    /// not make.
    pub fn faults(&self) -> &FaultLog {
        &self.faults
    }

    /// Notes the pair's calculation without a result, if there was one.
    fn settle(
        &self,
        fault: &Cell<Option<Fault>>,
        a: &ApplicantFacts<'a>,
        u: &UnitFacts<'a>,
    ) -> Option<Fault> {
        let fault = fault.get()?;
        self.faults.note(Undecided {
            applicant: a.applicant.id.clone(),
            unit: u.unit.id.clone(),
            fault,
            span: self.program.span(fault.node),
        });
        Some(fault)
    }

    /// This engine on another program (another date): the old date's facts
    /// are dropped but the tables kept, so a run that moves from day to day
    /// does not allocate and free a slot per applicant each day.
    ///
    /// An engine whose applicants' facts hold over a stretch of days
    /// ([`Engine::carries`]) keeps them in place for the days they hold
    /// over ([`ApplicantFacts::holds_on`]), as long as the new program
    /// computes them alike (the same built-in calls, regions and facts
    /// read, and the same staged parts of the same rules and parameter
    /// values): a candidate deciding on another day of the stretch reads
    /// them moved to it, so a run touches a candidate's facts only when a
    /// decision reads them.
    pub(crate) fn reuse(mut self, program: Program<'a>) -> Self {
        let carry = self.carries()
            && program.staging == self.program.staging
            && program.applicant_facts == self.program.applicant_facts
            && program.calls == self.program.calls
            && program.regions == self.program.regions;
        // A new parameter period: the facts carried are staged again.
        let restage = carry && self.stage_applicants && !staged_alike(&program, &self.program);
        let date = program.date;
        self.program = program;
        let filled = self
            .filled
            .get_mut()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        filled.applicants.retain_mut(|(i, held)| {
            let keep = carry && held.is_some_and(|held| held.covers(date));
            // Only the cells that change are touched: a day keeps most.
            if let (Some(cell), true) = (self.applicants.get_mut(*i), !keep || restage) {
                match cell.get_mut() {
                    Some(facts) if keep => {
                        // Staged again, the facts may hold over fewer days
                        // (a comparison that turns on another day).
                        facts.stage(&self.program);
                        *held = facts.held.map(|(_, held)| held);
                    }
                    _ => drop(cell.take()),
                }
            }
            keep
        });
        for i in filled.units.drain(..) {
            if let Some(cell) = self.units.get_mut(i) {
                cell.take();
            }
        }
        self
    }

    /// Notes that the facts of applicant `i`, holding over `held`, were
    /// computed.
    fn note_applicant(&self, i: usize, held: Option<Held>) {
        self.lock_filled().applicants.push((i, held));
    }

    /// Notes that the facts of unit `i` were computed.
    fn note_unit(&self, i: usize) {
        self.lock_filled().units.push(i);
    }

    /// How many applicants' facts this engine holds that were computed on
    /// another day: what the tests of carried facts count to show they
    /// compare carried facts.
    #[cfg(test)]
    pub(super) fn carried_count(&self) -> usize {
        let date = self.program.date;
        self.applicants
            .iter()
            .filter_map(OnceLock::get)
            .filter(|f| f.held.is_some_and(|(on, _)| on != date))
            .count()
    }

    fn lock_filled(&self) -> std::sync::MutexGuard<'_, Filled> {
        self.filled
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The application of `applicant` for `unit` on this engine's date: the
    /// day of the reaction to the unit, or the reference date when there is
    /// none or it came later (a reaction not made yet on the reference date
    /// cannot be the application decided on).
    pub(crate) fn application(&self, applicant: usize, unit: usize) -> Application {
        match self.reactions.day(applicant, unit) {
            Some(date) if date <= self.program.date => Application {
                date,
                basis: ApplicationBasis::Reaction,
            },
            _ => self.no_application(),
        }
    }

    /// The application that stands in when none is recorded: one made on
    /// the reference date.
    pub fn no_application(&self) -> Application {
        Application {
            date: self.program.date,
            basis: ApplicationBasis::ReferenceDate,
        }
    }

    /// A recorded permit application on `date` (a proposal's, a rule
    /// test's); a date after the reference date stands as the reference date.
    pub fn recorded_application(&self, date: NaiveDate) -> Application {
        if date <= self.program.date {
            Application {
                date,
                basis: ApplicationBasis::Recorded,
            }
        } else {
            self.no_application()
        }
    }

    fn application_facts(
        &self,
        a: &ApplicantFacts<'a>,
        u: &UnitFacts<'a>,
        application: Application,
    ) -> ApplicationFacts<'a> {
        ApplicationFacts::new(&self.program, a, &u.unit.id, &u.complex.id, application)
    }

    /// The application facts of a decision already made: its own
    /// application, or the pair's when the decision does not say.
    fn decision_application(
        &self,
        a: &ApplicantFacts<'a>,
        u: &UnitFacts<'a>,
        applicant: usize,
        unit: usize,
        decision: &Decision,
    ) -> ApplicationFacts<'a> {
        let application = decision
            .application
            .unwrap_or_else(|| self.application(applicant, unit));
        self.application_facts(a, u, application)
    }

    /// An applicant's facts on the reference date, computed on first use.
    fn facts(&self, applicant: usize) -> Option<&ApplicantFacts<'a>> {
        let cell = self.applicants.get(applicant)?;
        let file = self.data.applicants().get(applicant)?;
        let facts = cell.get_or_init(|| {
            let facts = if self.stage_applicants {
                ApplicantFacts::new(&self.program, file)
            } else {
                ApplicantFacts::unstaged(&self.program, file)
            };
            let facts = facts.held(&self.program);
            self.note_applicant(applicant, facts.held.map(|(_, held)| held));
            facts
        });
        // `reuse` drops the facts that do not hold on the new day.
        debug_assert!(facts.held.is_none() || facts.holds_on(self.program.date));
        Some(facts)
    }

    /// A unit's facts on the reference date, computed on first use; `None`
    /// for a unit without a complex or buurt, which
    /// [`Engine::with_program`] refuses.
    fn unit_facts(&self, unit: usize) -> Option<&UnitFacts<'a>> {
        let cell = self.units.get(unit)?;
        if let Some(facts) = cell.get() {
            return Some(facts);
        }
        let u = self.data.units().get(unit)?;
        let complex = self.data.complex_of(u)?;
        let buurt = self.data.buurt_of(complex)?;
        Some(cell.get_or_init(|| {
            self.note_unit(unit);
            UnitFacts::new(&self.program, u, complex, buurt)
        }))
    }

    /// The compiled program.
    pub fn program(&self) -> &Program<'a> {
        &self.program
    }

    /// The data set.
    pub(crate) fn data(&self) -> &'a Dataset {
        self.data
    }

    /// Decides one pair (indices into the data set's applicants and units).
    pub fn decide(&self, applicant: usize, unit: usize) -> Decision {
        let mut out = Decision::default();
        self.decide_into(applicant, unit, &mut out);
        out
    }

    /// Decides one pair into `out`, reusing its buffers.
    pub(crate) fn decide_into(&self, applicant: usize, unit: usize, out: &mut Decision) {
        let application = self.application(applicant, unit);
        self.decide_for_into(applicant, unit, application, out);
    }

    /// Decides one pair for a given application.
    pub(crate) fn decide_for(
        &self,
        applicant: usize,
        unit: usize,
        application: Application,
    ) -> Decision {
        let mut out = Decision::default();
        self.decide_for_into(applicant, unit, application, &mut out);
        out
    }

    fn decide_for_into(
        &self,
        applicant: usize,
        unit: usize,
        application: Application,
        out: &mut Decision,
    ) {
        if let (Some(a), Some(u)) = (self.facts(applicant), self.unit_facts(unit)) {
            if self.carries() {
                // An allocation run's candidate: facts out of cache, read
                // once or twice a day (a staged engine's are read by every
                // unit of a pass, and in cache after the first).
                warm(a, Some(&self.program.walked), false);
            }
            let app = self.application_facts(a, u, application);
            self.run(a, u, &app, out, &mut Silent);
        }
    }

    /// How an allocation of `unit` to `applicant`, with the outcome
    /// `decision`, stands to each quota of the rule set.
    pub(crate) fn quota_flags(
        &self,
        applicant: usize,
        unit: usize,
        decision: &Decision,
    ) -> Vec<QuotaFlags> {
        let (Some(a), Some(u)) = (self.facts(applicant), self.unit_facts(unit)) else {
            return vec![QuotaFlags::default(); self.program.quotas.len()];
        };
        let app = self.decision_application(a, u, applicant, unit, decision);
        let fault = Cell::new(None);
        let ctx = Ctx::pair(a, u, &app, &decision.derived, &fault);
        let holds = |node: Option<crate::compile::NodeId>| {
            node.is_none_or(|n| eval(&self.program, n, &ctx, &mut Silent).truthy())
        };
        let flags = self
            .program
            .quotas
            .iter()
            .map(|q| QuotaFlags {
                applies: holds(q.applies),
                among: holds(q.among),
                with: holds(Some(q.with)),
            })
            .collect();
        self.settle(&fault, a, u);
        flags
    }

    /// Notes, as [`Engine::record`] does, a calculation without a result
    /// in the message of a gate that applies to the pair under `decision`:
    /// a run that records a decision without tracing it (`allocate` keeps
    /// only its priority group and labels) stops where the record would.
    pub(crate) fn settle_messages(&self, applicant: usize, unit: usize, decision: &Decision) {
        let (Some(a), Some(u)) = (self.facts(applicant), self.unit_facts(unit)) else {
            return;
        };
        let app = self.decision_application(a, u, applicant, unit, decision);
        let fault = Cell::new(None);
        let ctx = Ctx::pair(a, u, &app, &decision.derived, &fault);
        for (code, outcome) in self.program.gates.iter().zip(&decision.gates) {
            if *outcome == GateOutcome::NotApplicable {
                continue;
            }
            for piece in &code.message {
                if let Piece::Hole(node) = piece {
                    eval(&self.program, *node, &ctx, &mut Silent);
                }
            }
        }
        self.settle(&fault, a, u);
    }

    /// The decision a past allocation was made under: decided on this
    /// engine's date, with the classification and priority group the
    /// allocation records standing in for the ones computed now.
    pub(crate) fn as_recorded(
        &self,
        applicant: usize,
        unit: usize,
        classification: &str,
        priority: Option<&str>,
    ) -> Decision {
        let mut decision = self.decide(applicant, unit);
        let rules = self.program.rules;
        for (i, class) in rules.classifications.iter().enumerate() {
            if let Some(label) = class.labels.iter().position(|(l, _)| l == classification) {
                if let Some(slot) = decision.derived.labels.get_mut(i) {
                    *slot = u16::try_from(label).unwrap_or(0);
                }
            }
        }
        decision.derived.priority = priority.and_then(|p| {
            rules
                .priorities
                .iter()
                .position(|r| r.meta.id == p)
                .and_then(|i| u16::try_from(i).ok())
        });
        decision
    }

    /// Whether the tailored allocation ground with index `ground` holds for
    /// the pair, given the pair's `decision` (a ground may read points,
    /// labels or the priority group). `validate` asks this before it lets a
    /// proposal pass over the ranking on that ground.
    pub(crate) fn tailored_holds(
        &self,
        ground: usize,
        applicant: usize,
        unit: usize,
        decision: &Decision,
    ) -> bool {
        let (Some(a), Some(u), Some(when)) = (
            self.facts(applicant),
            self.unit_facts(unit),
            self.program.tailored.get(ground),
        ) else {
            return false;
        };
        let app = self.decision_application(a, u, applicant, unit, decision);
        let fault = Cell::new(None);
        let ctx = Ctx::pair(a, u, &app, &decision.derived, &fault);
        let holds = eval(&self.program, *when, &ctx, &mut Silent).truthy();
        self.settle(&fault, a, u).is_none() && holds
    }

    /// [`Engine::tailored_holds`] explained: the ground as a rule record,
    /// with what its condition read and compared when `trace` is set.
    pub(crate) fn tailored_record(
        &self,
        ground: usize,
        applicant: usize,
        unit: usize,
        decision: &Decision,
        trace: bool,
    ) -> Option<crate::eval::record::RuleRecord> {
        let a = self.facts(applicant)?;
        let u = self.unit_facts(unit)?;
        let when = *self.program.tailored.get(ground)?;
        let app = self.decision_application(a, u, applicant, unit, decision);
        let mut out = Trace::default();
        out.start(Some((applicant, unit)), app.application, trace);
        let (mut log, _) = out.recorder(&self.program, u, a.applicant, app.application.date);
        let fault = Cell::new(None);
        let ctx = Ctx::pair(a, u, &app, &decision.derived, &fault);
        let holds = eval(&self.program, when, &ctx, &mut log).truthy();
        let holds = self.settle(&fault, a, u).is_none() && holds;
        log.condition("when", holds);
        log.rule_done(RuleKind::Tailored, ground, Done::Holds(holds));
        let (mut rules, _) = out.words(&self.program, u, a.applicant);
        rules.pop()
    }

    /// Every pair to decide by default: each reaction, or else every
    /// applicant with every unit; ordered by unit, then applicant.
    pub fn default_pairs(&self) -> Vec<(usize, usize)> {
        let mut pairs: Vec<(usize, usize)> = if self.data.reactions().is_empty() {
            (0..self.units.len())
                .flat_map(|u| (0..self.applicants.len()).map(move |a| (a, u)))
                .collect()
        } else {
            self.data
                .reactions()
                .iter()
                .filter_map(|r| Some((r.applicant.position()?, r.unit.position()?)))
                .collect()
        };
        pairs.sort_by_key(|(a, u)| (*u, *a));
        pairs.dedup();
        pairs
    }

    /// The core: derived results in dependency order, then every gate.
    fn run<'s, R: Steps<'s>>(
        &'s self,
        a: &ApplicantFacts<'a>,
        u: &UnitFacts<'a>,
        app: &ApplicationFacts<'a>,
        out: &mut Decision,
        rec: &mut R,
    ) {
        let p = &self.program;
        out.application = Some(app.application);
        out.derived.points.clear();
        out.derived.points.resize(p.points.len(), 0);
        out.derived.labels.clear();
        out.derived.labels.resize(p.classes.len(), 0);
        out.derived.priority = None;
        let fault = Cell::new(None);
        // Untraced, the lowered conditions test the pair's staged bits.
        let bits = if R::RECORDS { None } else { pair_bits(a, u) };
        let bits = bits.as_ref();
        for step in &p.derived {
            match *step {
                DerivedCode::Points(i) => {
                    let i = usize::from(i);
                    // A total that reads only the applicant was computed
                    // with their facts; the lowered path reads it there.
                    let staged = bits.and_then(|_| staged_total(p, a, i));
                    let total = staged.unwrap_or_else(|| {
                        let lines = p.points.get(i).map_or(&[][..], Vec::as_slice);
                        points_total(lines, |cond| {
                            let ctx = || Ctx::pair(a, u, app, &out.derived, &fault);
                            holds(p, cond, ctx, bits, rec)
                        })
                    });
                    if let Some(slot) = out.derived.points.get_mut(i) {
                        *slot = total;
                    }
                    rec.rule_done(RuleKind::Points, i, Done::Scored(total));
                }
                DerivedCode::Classify(i) => {
                    let i = usize::from(i);
                    let mut chosen = 0u16;
                    if let Some(labels) = p.classes.get(i) {
                        for (l, cond) in labels.iter().enumerate() {
                            let holds = match cond {
                                None => true,
                                Some(c) => {
                                    let ctx = || Ctx::pair(a, u, app, &out.derived, &fault);
                                    holds(p, *c, ctx, bits, rec)
                                }
                            };
                            if holds {
                                chosen = u16::try_from(l).unwrap_or(0);
                                break;
                            }
                        }
                    }
                    if let Some(slot) = out.derived.labels.get_mut(i) {
                        *slot = chosen;
                    }
                    rec.rule_done(RuleKind::Classify, i, Done::Labelled(chosen));
                }
                DerivedCode::Priority => {
                    let mut group = None;
                    for &g in &p.priority_order {
                        let gi = usize::from(g);
                        // The fast path stops at the first group that holds; a
                        // recorded decision tests every group, so the record
                        // says truly which the applicant belongs to.
                        let member = (group.is_none() || R::RECORDS)
                            && p.priorities.get(gi).is_some_and(|(_, when)| {
                                let ctx = || Ctx::pair(a, u, app, &out.derived, &fault);
                                holds(p, *when, ctx, bits, rec)
                            });
                        if member && group.is_none() {
                            group = Some(g);
                        }
                        rec.rule_done(RuleKind::Priority, gi, Done::Member(member));
                    }
                    out.derived.priority = group;
                }
            }
        }
        out.gates.clear();
        // One allocation of the right size, not growth push by push: an
        // allocation run decides a fresh decision for every candidate.
        out.gates.reserve(p.gates.len());
        let ctx = Ctx::pair(a, u, app, &out.derived, &fault);
        for (gi, gate) in p.gates.iter().enumerate() {
            let outcome = self.gate(gi, gate, (a, u), (&ctx, bits), rec);
            out.gates.push(outcome);
        }
        out.fault = self.settle(&fault, a, u);
        out.eligible = out.fault.is_none() && !out.gates.contains(&GateOutcome::Failed);
    }

    fn gate<'s, R: Steps<'s>>(
        &'s self,
        index: usize,
        gate: &crate::compile::GateCode,
        (a, u): (&ApplicantFacts<'a>, &UnitFacts<'a>),
        (ctx, bits): (&Ctx<'_, 'a>, Option<&PairBits>),
        rec: &mut R,
    ) -> GateOutcome {
        let p = &self.program;
        let outcome = 'decided: {
            if let Some(applies) = gate.applies {
                let holds = holds(p, applies, || *ctx, bits, rec);
                rec.condition("applies when", holds);
                if !holds {
                    break 'decided GateOutcome::NotApplicable;
                }
            }
            let required = holds(p, gate.require, || *ctx, bits, rec);
            rec.condition("require", required);
            if required {
                break 'decided GateOutcome::Passed;
            }
            for (ei, exemption) in gate.exemptions.iter().enumerate() {
                let ei = u16::try_from(ei).unwrap_or(u16::MAX);
                let lifted = match exemption {
                    ExemptionCode::When(cond) => {
                        let holds = holds(p, *cond, || *ctx, bits, rec);
                        rec.condition("unless", holds);
                        holds.then_some(GateOutcome::Exempt(ei))
                    }
                    ExemptionCode::Override(kind) => {
                        let recorded = self.override_for(index, *kind, a, u).is_some();
                        if !recorded {
                            rec.overrides_not_applied(index, *kind);
                        }
                        rec.condition("unless override", recorded);
                        recorded.then_some(GateOutcome::Overridden(ei))
                    }
                };
                if let Some(lifted) = lifted {
                    break 'decided lifted;
                }
            }
            GateOutcome::Failed
        };
        rec.rule_done(RuleKind::Gate, index, Done::Gate(outcome));
        outcome
    }

    /// The recorded discretionary decision of `kind` for gate `index` on the
    /// file that applies to this pair: taken for the pair's unit or its
    /// complex, and in force on the reference date (Wbmgp art. 8 lid 2
    /// grants a permit for that application, not everywhere for ever).
    fn override_for(
        &self,
        index: usize,
        kind: crate::vocab::OverrideKind,
        a: &ApplicantFacts<'a>,
        u: &UnitFacts<'a>,
    ) -> Option<&'a crate::model::DiscretionaryDecision> {
        let id = self.program.rules.gates.get(index)?.meta.id.as_str();
        a.applicant
            .decision_for(kind, id, self.program.date, &u.unit.id, &u.complex.id)
    }

    /// Decides one pair and explains it; with `trace`, every fact read and
    /// comparison made is recorded.
    pub fn record(&self, applicant: usize, unit: usize, trace: bool) -> DecisionRecord {
        let application = self.application(applicant, unit);
        self.record_for(applicant, unit, application, trace)
    }

    /// Decides one pair for a given application and explains it.
    pub fn record_for(
        &self,
        applicant: usize,
        unit: usize,
        application: Application,
        trace: bool,
    ) -> DecisionRecord {
        let mut out = Trace::new();
        self.trace_for_into(applicant, unit, application, trace, &mut out);
        self.render(&out)
    }

    /// Decides one pair and writes down, as data, everything a record of
    /// it shows: each rule's outcome, every fact read (with the records of
    /// the file behind it), parameter, designation and comparison, and the
    /// values of the gates' messages. Nothing is put into words;
    /// [`Engine::render`] does that. `out`'s buffers are reused.
    pub(crate) fn trace_into<'s>(&'s self, applicant: usize, unit: usize, out: &mut Trace<'s>) {
        let application = self.application(applicant, unit);
        self.trace_for_into(applicant, unit, application, true, out);
    }

    /// [`Engine::trace_into`] for a given application; without `events`,
    /// only the outcomes and the parameters read are kept.
    pub(crate) fn trace_for_into<'s>(
        &'s self,
        applicant: usize,
        unit: usize,
        application: Application,
        events: bool,
        out: &mut Trace<'s>,
    ) {
        let (Some(a), Some(u)) = (self.facts(applicant), self.unit_facts(unit)) else {
            out.start(None, application, events);
            return;
        };
        out.start(Some((applicant, unit)), application, events);
        warm(a, None, events);
        let app = self.application_facts(a, u, application);
        {
            let (mut log, decision) = out.recorder(&self.program, u, a.applicant, application.date);
            self.run(a, u, &app, decision, &mut log);
        }
        // The values of the messages of the gates that apply, as the
        // fast path reads them.
        let fault = Cell::new(None);
        let (decision, mut noted) = out.holes();
        let ctx = Ctx::pair(a, u, &app, &decision.derived, &fault);
        let gates = self.program.gates.iter().zip(&decision.gates);
        for (gi, (code, outcome)) in gates.enumerate() {
            if code.message.is_empty() || *outcome == GateOutcome::NotApplicable {
                continue;
            }
            let holes = code.message.iter().filter_map(|piece| match piece {
                Piece::Text(_) => None,
                Piece::Hole(node) => Some(eval(&self.program, *node, &ctx, &mut Silent)),
            });
            noted.message(gi, holes);
        }
        self.settle(&fault, a, u);
    }

    /// A traced decision in words: the record every output is written from.
    /// `trace` must come from this engine.
    pub(crate) fn render(&self, trace: &Trace<'_>) -> DecisionRecord {
        let application = trace.application.unwrap_or_else(|| self.no_application());
        let pair = trace
            .pair
            .and_then(|(a, u)| Some((self.facts(a)?, self.unit_facts(u)?)));
        let Some((a, u)) = pair else {
            return DecisionRecord {
                applicant: String::new(),
                unit: String::new(),
                eligible: false,
                failed: Vec::new(),
                priority: None,
                points: Vec::new(),
                classifications: Vec::new(),
                application,
                unverified: Vec::new(),
                rules: Vec::new(),
            };
        };
        let decision = &trace.decision;
        let rules = self.program.rules;
        let (records, unverified) = trace.words(&self.program, u, a.applicant);
        let failed = decision
            .gates
            .iter()
            .zip(&rules.gates)
            .filter(|(o, _)| **o == GateOutcome::Failed)
            .map(|(_, g)| g.meta.id.clone())
            .collect();
        DecisionRecord {
            applicant: a.applicant.id.clone(),
            unit: u.unit.id.clone(),
            eligible: decision.eligible,
            failed,
            priority: decision
                .derived
                .priority
                .and_then(|g| rules.priorities.get(usize::from(g)))
                .map(|p| p.meta.id.clone()),
            points: rules
                .points
                .iter()
                .zip(&decision.derived.points)
                .map(|(r, total)| Score {
                    rule: r.meta.id.clone(),
                    total: *total,
                })
                .collect(),
            classifications: (rules.classifications.iter().enumerate())
                .map(|(i, c)| Label {
                    rule: c.meta.id.clone(),
                    label: label_name(
                        &self.program,
                        i,
                        decision.derived.labels.get(i).copied().unwrap_or(0),
                    ),
                })
                .collect(),
            application,
            unverified: unverified
                .iter()
                .filter_map(|i| rules.params.get(*i))
                .map(|p| p.meta.id.clone())
                .collect(),
            rules: records,
        }
    }

    /// The `letter` texts of the gates a pair fails, every hole evaluated
    /// to a [`Fact`](super::fact::Fact) for the letter's language to put in
    /// words; a failed gate without a `letter` text comes with no parts.
    pub(crate) fn letters_for(
        &self,
        applicant: usize,
        unit: usize,
        application: Application,
    ) -> Vec<GateLetter> {
        let (Some(a), Some(u)) = (self.facts(applicant), self.unit_facts(unit)) else {
            return Vec::new();
        };
        let mut decision = Decision::default();
        let app = self.application_facts(a, u, application);
        self.run(a, u, &app, &mut decision, &mut Silent);
        // An undecided pair has no refusal to explain: the run reports it.
        if decision.fault.is_some() {
            return Vec::new();
        }
        let fault = Cell::new(None);
        let ctx = Ctx::pair(a, u, &app, &decision.derived, &fault);
        let rules = self.program.rules;
        let letters = (rules
            .gates
            .iter()
            .zip(&decision.gates)
            .zip(&self.program.gates))
        .filter(|((_, outcome), _)| **outcome == GateOutcome::Failed)
        .map(|((gate, _), code)| GateLetter {
            gate: gate.meta.id.clone(),
            parts: code
                .letter
                .iter()
                .map(|piece| match piece {
                    Piece::Text(t) => LetterPart::Text(t.to_string()),
                    Piece::Hole(node) => {
                        let value = eval(&self.program, *node, &ctx, &mut Silent);
                        let ty = self.program.types.get(node.0 as usize).copied();
                        LetterPart::Fact(fact(&self.program, value, ty.unwrap_or(Type::Text)))
                    }
                })
                .collect(),
        })
        .collect();
        self.settle(&fault, a, u);
        letters
    }

    /// A node's value in words, by the node's type.
    fn shown(&self, node: crate::compile::NodeId, value: Value<'_>) -> String {
        let ty = self
            .program
            .types
            .get(node.0 as usize)
            .copied()
            .unwrap_or(Type::Text);
        show(&self.program, value, ty)
    }

    /// Ranks the candidates of a vacancy: the eligible by the `order` rule
    /// (ties after every key go to the lower applicant id, so the order is
    /// total), then the ineligible, by id, with their failing gates.
    pub fn rank(&self, unit: usize, candidates: &[usize]) -> Ranking {
        self.rank_with(unit, candidates, None)
    }

    /// Ranks as [`Engine::rank`] does, with `applicant`'s own application
    /// the one recorded (a proposal's permit application).
    pub(crate) fn rank_for(
        &self,
        unit: usize,
        candidates: &[usize],
        applicant: usize,
        application: Application,
    ) -> Ranking {
        self.rank_with(unit, candidates, Some((applicant, application)))
    }

    fn rank_with(
        &self,
        unit: usize,
        candidates: &[usize],
        recorded: Option<(usize, Application)>,
    ) -> Ranking {
        let unit_id = self
            .data
            .units()
            .get(unit)
            .map_or_else(String::new, |u| u.id.clone());
        let mut eligible: Vec<(usize, Decision, Vec<Key<'_>>)> = Vec::new();
        let mut out: Vec<Candidate> = Vec::new();
        for &a in candidates {
            let application = match recorded {
                Some((who, application)) if who == a => application,
                _ => self.application(a, unit),
            };
            let decision = self.decide_for(a, unit, application);
            let id = self.applicant_id(a);
            if decision.eligible {
                let keys = self.keys(&decision, self.key_values(a, unit, &decision, &unit_id, id));
                eligible.push((a, decision, keys));
            } else {
                out.push(Candidate {
                    applicant: id.to_owned(),
                    rank: None,
                    failed: self.failed_gates(&decision),
                    keys: Vec::new(),
                    separated_by: None,
                });
            }
        }
        eligible.sort_by(|x, y| {
            self.compare_keys(&x.2, &y.2)
                .then_with(|| self.applicant_id(x.0).cmp(self.applicant_id(y.0)))
        });
        let key_names = self.key_names();
        let mut ranked: Vec<Candidate> = Vec::with_capacity(eligible.len());
        for (position, (a, _, keys)) in eligible.iter().enumerate() {
            let separated_by = position.checked_sub(1).and_then(|prev| {
                let above = &eligible.get(prev)?.2;
                keys.iter()
                    .zip(above)
                    .position(|(k, j)| k.value != j.value)
                    .and_then(|i| key_names.get(i).cloned())
                    .or_else(|| Some("applicant id".to_owned()))
            });
            ranked.push(Candidate {
                applicant: self.applicant_id(*a).to_owned(),
                rank: Some(position.saturating_add(1)),
                failed: Vec::new(),
                keys: keys.iter().map(|k| k.shown.clone()).collect(),
                separated_by,
            });
        }
        // The ineligible by id, so the ranking never depends on the order
        // the candidates were given in.
        out.sort_by(|x, y| x.applicant.cmp(&y.applicant));
        ranked.extend(out);
        Ranking {
            unit: unit_id,
            keys: key_names,
            candidates: ranked,
        }
    }

    /// The `order` keys as written.
    fn key_names(&self) -> Vec<String> {
        let Some(order) = &self.program.rules.order else {
            return Vec::new();
        };
        order
            .keys
            .iter()
            .zip(&self.program.order)
            .map(|(key, (code, dir))| {
                let name = match (&key.kind, code) {
                    (OrderKeyTest::Priority, _) => "priority".to_owned(),
                    (OrderKeyTest::Lottery, _) => "lottery".to_owned(),
                    (_, KeyCode::Expr(node)) => self
                        .program
                        .texts
                        .get(node.0 as usize)
                        .map_or_else(String::new, |t| t.to_string()),
                    _ => String::new(),
                };
                match dir {
                    Direction::Desc => format!("{name} desc"),
                    Direction::Asc => name,
                }
            })
            .collect()
    }

    /// The order keys of a decision with their values in words.
    fn keys<'k>(&self, decision: &Decision, values: Vec<KeyValue<'k>>) -> Vec<Key<'k>> {
        self.program
            .order
            .iter()
            .zip(values)
            .map(|((code, dir), value)| {
                let shown = match code {
                    KeyCode::Priority => Shown::exact(
                        decision
                            .derived
                            .priority
                            .and_then(|g| self.program.rules.priorities.get(usize::from(g)))
                            .map_or_else(|| "none".to_owned(), |p| p.meta.id.clone()),
                    ),
                    // The draw is a keyless hash of seed, unit and applicant
                    // id: shown, it would let anyone who guesses an id test
                    // the guess, key or not.
                    KeyCode::Lottery => Shown::with(
                        match value {
                            KeyValue::Draw(draw) => format!("{draw:016x}"),
                            _ => String::new(),
                        },
                        Some(General {
                            text: personal::WITHHELD.to_owned(),
                            kind: Generalised::Withheld,
                            decides: true,
                        }),
                    ),
                    KeyCode::Expr(node) => {
                        let v = match &value {
                            KeyValue::Value(v) => *v,
                            _ => Value::Absent,
                        };
                        personal::shown(&self.program, *node, self.shown(*node, v), v)
                    }
                };
                Key {
                    value,
                    shown,
                    desc: *dir == Direction::Desc,
                }
            })
            .collect()
    }

    /// The value of each order key for a pair, not put into words.
    fn key_values(
        &self,
        a: usize,
        unit: usize,
        decision: &Decision,
        unit_id: &str,
        id: &str,
    ) -> Vec<KeyValue<'_>> {
        self.key_values_drawn(a, unit, decision, (unit_id, id), true)
    }

    /// [`Engine::key_values`], the draw left undone unless `draw`.
    fn key_values_drawn(
        &self,
        a: usize,
        unit: usize,
        decision: &Decision,
        (unit_id, id): (&str, &str),
        draw: bool,
    ) -> Vec<KeyValue<'_>> {
        let (Some(af), Some(uf)) = (self.facts(a), self.unit_facts(unit)) else {
            return Vec::new();
        };
        let app = self.decision_application(af, uf, a, unit, decision);
        let fault = Cell::new(None);
        let ctx = Ctx::pair(af, uf, &app, &decision.derived, &fault);
        let values = self
            .program
            .order
            .iter()
            .map(|(code, _)| match code {
                KeyCode::Priority => decision
                    .derived
                    .priority
                    .and_then(|g| self.program.priorities.get(usize::from(g)))
                    .map_or(KeyValue::Last, |(rank, _)| KeyValue::Int(*rank)),
                KeyCode::Lottery if !draw => KeyValue::Undrawn,
                KeyCode::Lottery => KeyValue::Draw(lottery::draw(self.seed, unit_id, id)),
                KeyCode::Expr(node) => match eval(&self.program, *node, &ctx, &mut Silent) {
                    Value::Absent => KeyValue::Last,
                    v => KeyValue::Value(v),
                },
            })
            .collect();
        self.settle(&fault, af, uf);
        values
    }

    /// The candidates of a vacancy decided once and ranked as
    /// [`Engine::rank`] ranks them, by position: what `allocate` walks. The
    /// candidates are decided on `threads` threads; each thread decides a stretch of them and the stretches are joined
    /// in order, so the lineup is the same for any number of threads.
    pub(crate) fn lineup_on(&self, unit: usize, candidates: &[usize], threads: usize) -> Lineup {
        // Below this a thread costs more than it saves.
        const PER_THREAD: usize = 32;
        // Candidates whose facts are swept together before they are decided.
        const SWEPT_TOGETHER: usize = 8;
        let decide = |part: &[usize]| -> Vec<(usize, Decision, Option<Vec<KeyValue<'static>>>)> {
            let mut decided = Vec::with_capacity(part.len());
            for batch in part.chunks(SWEPT_TOGETHER) {
                // An allocation run's candidates are out of cache: a sweep
                // over several at once lets their fetches overlap, where one
                // candidate's sweep overlaps only that candidate's.
                if self.carries() {
                    for &a in batch {
                        if let Some(facts) = self.applicants.get(a).and_then(OnceLock::get) {
                            warm(facts, Some(&self.program.walked), false);
                        }
                    }
                }
                decided.extend(batch.iter().map(|&a| {
                    let decision = self.decide(a, unit);
                    let keys = decision
                        .eligible
                        .then(|| self.owned_keys(a, unit, &decision));
                    (a, decision, keys)
                }));
            }
            decided
        };
        let threads = threads.clamp(1, candidates.len().div_ceil(PER_THREAD).max(1));
        let decided = if threads == 1 {
            decide(candidates)
        } else {
            let chunk = candidates.len().div_ceil(threads).max(1);
            std::thread::scope(|s| {
                let parts: Vec<_> = candidates
                    .chunks(chunk)
                    .map(|part| (part, s.spawn(move || decide(part))))
                    .collect();
                // A thread that failed has its stretch decided here.
                parts
                    .into_iter()
                    .flat_map(|(part, handle)| handle.join().unwrap_or_else(|_| decide(part)))
                    .collect()
            })
        };
        let mut eligible: Vec<Lined> = Vec::with_capacity(decided.len());
        let mut ineligible = Vec::new();
        for (a, decision, keys) in decided {
            match keys {
                Some(keys) => eligible.push((a, decision, keys)),
                None => ineligible.push((a, decision)),
            }
        }
        let order = self.sort_lineup(unit, &mut eligible);
        ineligible.sort_by_key(|(a, _)| self.data.applicant_rank(*a));
        Lineup {
            unit,
            is_aside: vec![false; eligible.len()],
            eligible: Arc::new(eligible),
            aside: Vec::new(),
            order,
            ineligible: Arc::new(ineligible),
        }
    }

    /// Ranks `applicant` again as a candidate without their priority group
    /// (a quota caps it): the decision kept with its priority group
    /// cleared, as allocation records it; no other candidate is decided
    /// again.
    pub(crate) fn set_priority_aside(&self, lineup: &mut Lineup, applicant: usize) {
        let unit = lineup.unit;
        // The others stay in order: take the candidate out and put them
        // back where the order rule puts them now (applicant ids make the
        // order total, so the place is the one a full sort gives).
        let mut moved = Vec::new();
        while let Some(at) = lineup.order.iter().position(|&i| {
            lineup
                .eligible
                .get(i)
                .is_some_and(|(a, _, _)| *a == applicant)
        }) {
            moved.push(lineup.order.remove(at));
        }
        for &i in &moved {
            if let Some((a, mut decision, _)) = lineup.item(i).cloned() {
                decision.derived.priority = None;
                let keys = self.owned_keys(a, unit, &decision);
                lineup.aside.retain(|(j, _)| *j != i);
                lineup.aside.push((i, (a, decision, keys)));
                if let Some(flag) = lineup.is_aside.get_mut(i) {
                    *flag = true;
                }
            }
        }
        for i in moved {
            let Some(item) = lineup.item(i) else {
                continue;
            };
            let at = lineup.order.partition_point(|&x| {
                lineup
                    .item(x)
                    .is_some_and(|x| self.lineup_order(unit, x, item) == Ordering::Less)
            });
            lineup.order.insert(at, i);
        }
    }

    /// The order keys of a lineup's candidate, borrowing nothing; the
    /// draw is left to be made when a tie asks for it.
    fn owned_keys(&self, a: usize, unit: usize, decision: &Decision) -> Vec<KeyValue<'static>> {
        let unit_id = self.data.units().get(unit).map_or("", |u| u.id.as_str());
        let date = self.program.date;
        self.key_values_drawn(a, unit, decision, (unit_id, self.applicant_id(a)), false)
            .into_iter()
            .map(|key| match key {
                // A measured stretch compares with another by its days:
                // counted once here, not in every comparison of a sort.
                KeyValue::Value(Value::Dur(d @ Dur::Span { .. })) => {
                    KeyValue::Span(d.days_at(date), d)
                }
                key => key.into_owned(),
            })
            .collect()
    }

    /// Sorts the eligible of a lineup by the order rule, then the lower
    /// applicant id. The draw is a hash and ranks only candidates the keys
    /// before it leave level, so those are sorted by the keys before the
    /// draw first, and only each run of level candidates is drawn and
    /// sorted by the whole rule: the order a sort by the whole rule gives.
    fn sort_lineup(&self, unit: usize, items: &mut [Lined]) -> Vec<usize> {
        let drawn = self
            .program
            .order
            .iter()
            .position(|(code, _)| matches!(code, KeyCode::Lottery));
        let by =
            |items: &[Lined], x: usize, y: usize, cmp: &dyn Fn(&Lined, &Lined) -> Ordering| match (
                items.get(x),
                items.get(y),
            ) {
                (Some(x), Some(y)) => cmp(x, y),
                _ => Ordering::Equal,
            };
        let whole = |x: &Lined, y: &Lined| self.lineup_order(unit, x, y);
        let before = |x: &Lined, y: &Lined| {
            let (kx, ky) = (
                x.2.get(..drawn.unwrap_or(0)).unwrap_or(&[]),
                y.2.get(..drawn.unwrap_or(0)).unwrap_or(&[]),
            );
            self.compare_keys_by(kx, ky)
        };
        // The keys before the draw (all of them and the applicant's rank
        // when there is none) as words that order as the keys do, when
        // they can be: the sort then compares a few words side by side,
        // each item's position last, which is the order a stable sort by
        // the keys gives.
        let (mut order, level): (Vec<usize>, Vec<bool>) = match self.key_words(items, drawn) {
            Some(mut words) => {
                words.sort_unstable();
                let level = words
                    .windows(2)
                    .map(|w| matches!(w, [x, y] if x.0 == y.0))
                    .collect();
                (words.into_iter().map(|(_, i)| i).collect(), level)
            }
            None => {
                let mut order: Vec<usize> = (0..items.len()).collect();
                match drawn {
                    Some(_) => order.sort_by(|&x, &y| by(items, x, y, &before)),
                    None => order.sort_by(|&x, &y| by(items, x, y, &whole)),
                }
                let level = order
                    .windows(2)
                    .map(|w| match *w {
                        [x, y] => drawn.is_some() && by(items, x, y, &before) == Ordering::Equal,
                        _ => false,
                    })
                    .collect();
                (order, level)
            }
        };
        if drawn.is_none() {
            return order;
        }
        let mut start = 0;
        while start < order.len() {
            let mut end = start.saturating_add(1);
            // `level[i]`: the items at `i` and `i + 1` are level before the draw.
            while level.get(end.saturating_sub(1)).copied().unwrap_or(false) {
                end = end.saturating_add(1);
            }
            if end.saturating_sub(start) > 1 {
                if let Some(run) = order.get_mut(start..end) {
                    for &i in run.iter() {
                        if let Some((a, _, keys)) = items.get_mut(i) {
                            self.draw_into(unit, *a, keys);
                        }
                    }
                    run.sort_by(|&x, &y| by(items, x, y, &whole));
                }
            }
            start = end;
        }
        order
    }

    /// The order keys of `items` before the draw at `drawn` (with no draw,
    /// every key and then the applicant's rank, which makes the order
    /// total), as at most [`KEY_WORDS`] words per item, with its position:
    /// words that compare as [`KeyValue::cmp_with`] compares the keys (a
    /// whole number or a measured stretch's days, turned round for a
    /// descending key, and "last" above every other word). `None` when
    /// there are more keys, a key is of another kind, or two items' keys at
    /// one place are of different kinds (which compare as level, an order
    /// no word gives).
    fn key_words(
        &self,
        items: &[Lined],
        drawn: Option<usize>,
    ) -> Option<Vec<([u64; KEY_WORDS], usize)>> {
        let order = &self.program.order;
        let count = drawn.unwrap_or(order.len());
        if count.saturating_add(usize::from(drawn.is_none())) > KEY_WORDS {
            return None;
        }
        let mut all = Vec::with_capacity(items.len());
        // Per key, the kind every item's key has there (or "last").
        let mut kinds = [None::<u8>; KEY_WORDS];
        for (at, (a, _, keys)) in items.iter().enumerate() {
            let mut words = [0u64; KEY_WORDS];
            let places = keys.get(..count)?.iter().zip(order).zip(&mut kinds);
            for (((key, (_, dir)), kind), word) in places.zip(&mut words) {
                let desc = *dir == Direction::Desc;
                let (this, value) = match *key {
                    KeyValue::Last => {
                        *word = u64::MAX;
                        continue;
                    }
                    // The sign bit flipped: an i64's order as a u64's.
                    KeyValue::Int(n) => {
                        let value = u64::from_ne_bytes(n.to_ne_bytes()) ^ (1 << 63);
                        (0, if desc { !value } else { value })
                    }
                    // Days turned round within 32 bits: never the highest word.
                    KeyValue::Span(days, _) => (1, u64::from(if desc { !days } else { days })),
                    _ => return None,
                };
                if kind.is_some_and(|k| k != this) {
                    return None;
                }
                *kind = Some(this);
                // Only "last" may take the highest word.
                if value == u64::MAX {
                    return None;
                }
                *word = value;
            }
            if drawn.is_none() {
                let rank = u64::from(self.data.applicant_rank(*a));
                *words.get_mut(count)? = rank;
            }
            all.push((words, at));
        }
        Some(all)
    }

    /// Makes every draw of `keys` not made yet.
    fn draw_into(&self, unit: usize, a: usize, keys: &mut [KeyValue<'static>]) {
        for key in keys.iter_mut() {
            if *key == KeyValue::Undrawn {
                *key = KeyValue::Draw(self.draw(unit, a));
            }
        }
    }

    /// The lottery draw of applicant `a` for `unit`.
    fn draw(&self, unit: usize, a: usize) -> u64 {
        let unit_id = self.data.units().get(unit).map_or("", |u| u.id.as_str());
        lottery::draw(self.seed, unit_id, self.applicant_id(a))
    }

    /// The order of two eligible candidates of `unit`: the order rule, then
    /// the lower applicant id. A draw not made yet is made here.
    fn lineup_order(&self, unit: usize, x: &Lined, y: &Lined) -> Ordering {
        for ((a, b), (code, dir)) in x.2.iter().zip(&y.2).zip(&self.program.order) {
            let desc = *dir == Direction::Desc;
            let ord = match (a, b, code) {
                (KeyValue::Undrawn, _, KeyCode::Lottery)
                | (_, KeyValue::Undrawn, KeyCode::Lottery) => {
                    let draw = |k: &KeyValue<'_>, who: usize| match k {
                        KeyValue::Draw(d) => *d,
                        _ => self.draw(unit, who),
                    };
                    KeyValue::Draw(draw(a, x.0)).cmp_with(
                        &KeyValue::Draw(draw(b, y.0)),
                        self.program.date,
                        desc,
                    )
                }
                _ => a.cmp_with(b, self.program.date, desc),
            };
            if ord != Ordering::Equal {
                return ord;
            }
        }
        self.data
            .applicant_rank(x.0)
            .cmp(&self.data.applicant_rank(y.0))
    }

    /// The priority group of a decision, by id.
    pub(crate) fn priority_id(&self, decision: &Decision) -> Option<String> {
        decision
            .derived
            .priority
            .and_then(|g| self.program.rules.priorities.get(usize::from(g)))
            .map(|p| p.meta.id.clone())
    }

    /// The labels of a decision, one per classification rule, as
    /// [`Engine::record`] gives them.
    pub(crate) fn labels(&self, decision: &Decision) -> Vec<Label> {
        (self.program.rules.classifications.iter().enumerate())
            .map(|(i, c)| Label {
                rule: c.meta.id.clone(),
                label: label_name(
                    &self.program,
                    i,
                    decision.derived.labels.get(i).copied().unwrap_or(0),
                ),
            })
            .collect()
    }

    /// The ids of the gates a decision failed.
    pub fn failed_gates(&self, decision: &Decision) -> Vec<String> {
        self.failed_gate_positions(decision)
            .filter_map(|i| self.program.rules.gates.get(i))
            .map(|g| g.meta.id.clone())
            .collect()
    }

    /// The positions, in the rule set's gates, of the gates `decision`
    /// failed: the same for every date, since every program of a rule set
    /// holds all its gates in file order.
    pub(crate) fn failed_gate_positions<'d>(
        &self,
        decision: &'d Decision,
    ) -> impl Iterator<Item = usize> + 'd {
        decision
            .gates
            .iter()
            .enumerate()
            .filter(|(_, o)| **o == GateOutcome::Failed)
            .map(|(i, _)| i)
    }

    /// An applicant's id.
    pub(crate) fn applicant_id(&self, a: usize) -> &'a str {
        self.data.applicants().get(a).map_or("", |f| f.id.as_str())
    }

    fn compare_keys_by(&self, x: &[KeyValue<'_>], y: &[KeyValue<'_>]) -> Ordering {
        for ((a, b), (_, dir)) in x.iter().zip(y).zip(&self.program.order) {
            let ord = a.cmp_with(b, self.program.date, *dir == Direction::Desc);
            if ord != Ordering::Equal {
                return ord;
            }
        }
        Ordering::Equal
    }

    fn compare_keys(&self, x: &[Key<'_>], y: &[Key<'_>]) -> Ordering {
        for (a, b) in x.iter().zip(y) {
            let ord = a.value.cmp_with(&b.value, self.program.date, a.desc);
            if ord != Ordering::Equal {
                return ord;
            }
        }
        Ordering::Equal
    }
}

/// Whether `a` and `b` stage an applicant's parts alike: the same parts
/// of the same arena, read with the same parameter values, and the same
/// points totals staged, so the packed record one computed serves the
/// other (the programs of one parameter period, on different days).
pub(super) fn staged_alike(a: &Program<'_>, b: &Program<'_>) -> bool {
    a.staging == b.staging
        && a.applicant_staged == b.applicant_staged
        && a.staged_points == b.staged_points
        && a.nodes == b.nodes
        && a.lists == b.lists
        && a.points == b.points
        && a.derived == b.derived
        && a.params.len() == b.params.len()
        && (a.params.iter().zip(&b.params)).all(|(x, y)| x.value == y.value && x.text == y.text)
}

/// The words the untraced path's lowered conditions read for a pair, when
/// both sides' staged conditions are plain bits (no fault, nothing odd)
/// and the applicant's were staged at all; otherwise every node is walked.
fn pair_bits(a: &ApplicantFacts<'_>, u: &UnitFacts<'_>) -> Option<PairBits> {
    Some(PairBits {
        applicant: a.staged.as_ref()?.bits()?,
        unit: u.staged.bits()?,
        designations: u.designations,
    })
}

/// Points rule `i`'s total as staged in the applicant's packed record,
/// when the rule reads only the applicant (see
/// [`crate::compile::Program::staged_points`]).
fn staged_total(program: &Program<'_>, a: &ApplicantFacts<'_>, i: usize) -> Option<i64> {
    let packing = (*program.staged_points.get(i)?)?;
    match a.staged.as_ref()?.value(packing) {
        Value::Int(total) => Some(total),
        _ => None,
    }
}

/// Whether condition `cond` holds for the pair in the context `ctx`
/// makes: its lowered form tested on the pair's bits where it has one and
/// nothing is recorded, else the condition walked. The two agree on every
/// pair (tested), and the lowered form walks the same nodes for what is
/// not a bit. The context is made only for a walk: a condition lowered to
/// masks (most points lines and priority groups) reads none.
fn holds<'c, 'a: 'c, R: Recorder<'a>>(
    program: &'a Program<'_>,
    cond: NodeId,
    ctx: impl FnOnce() -> Ctx<'c, 'a>,
    bits: Option<&PairBits>,
    rec: &mut R,
) -> bool {
    if let (false, Some(bits), Some(root)) = (R::RECORDS, bits, program.bits.root(cond)) {
        if let Some(holds) = bits::masks_hold(&program.bits, root, bits) {
            return holds;
        }
        let ctx = ctx();
        return bits::holds(&program.bits, root, bits, &mut |node| {
            eval(program, node, &ctx, rec)
        });
    }
    eval(program, cond, &ctx(), rec).truthy()
}

/// Touches what a decision reads of applicant `a`, in memory order,
/// before the rules are walked. The walk reads the facts in rule order, so
/// for an applicant not in the cache (a unit's candidates decided one after
/// another) every read waits for the one before; a sweep lets the memory
/// fetch them together. With `file`, also the records of the file that
/// evidence is looked up in.
fn warm(a: &ApplicantFacts<'_>, walked: Option<&Walked>, file: bool) {
    let mut seen = 0usize;
    let present = |v: Option<&Value<'_>>| usize::from(v.is_some_and(|v| *v != Value::Absent));
    match (walked, &a.staged) {
        // The staged parts are packed inline in the facts themselves; of
        // the rest a decision reads only what the fast path walks.
        (Some(walked), Some(_)) => {
            for &slot in &walked.slots {
                seen = seen.wrapping_add(present(a.slots.get(usize::from(slot))));
            }
            for &slot in &walked.calls {
                seen = seen.wrapping_add(present(a.calls.get(usize::from(slot))));
            }
        }
        _ => {
            for v in a.slots.iter().chain(&a.calls) {
                seen = seen.wrapping_add(present(Some(v)));
            }
        }
    }
    if file {
        let f = a.applicant;
        for r in &f.residence {
            seen = seen.wrapping_add(usize::from(
                r.municipality.as_bytes().first().copied().unwrap_or(0),
            ));
        }
        for m in &f.household.members {
            seen = seen.wrapping_add(m.incomes.iter().filter(|i| i.from.is_some()).count());
        }
    }
    // The sum is of no use: only the reads are.
    std::hint::black_box(seen);
}

/// A vacancy's candidates decided once and ranked by position (see
/// [`Engine::lineup_on`]): no id, key or gate is put into words until a
/// renderer asks, and setting one candidate's priority group aside sorts
/// the others again without deciding them again.
#[derive(Debug, Clone)]
pub struct Lineup {
    unit: usize,
    /// The eligible, with their decision and key values, as decided:
    /// shared by every copy (sides of a simulation that decide alike).
    eligible: Arc<Vec<Lined>>,
    /// The eligible whose priority group a cap set aside, by position in
    /// `eligible`, with the decision and keys they have now.
    aside: Vec<(usize, Lined)>,
    /// Whether each position of `eligible` is in `aside`.
    is_aside: Vec<bool>,
    /// The positions in `eligible` in rank order: setting a candidate's
    /// priority aside moves a position, not the decision.
    order: Vec<usize>,
    /// The ineligible by applicant id, with their decision.
    ineligible: Arc<Vec<(usize, Decision)>>,
}

impl Lineup {
    /// The eligible candidate at position `i` of `eligible`, as it stands.
    fn item(&self, i: usize) -> Option<&Lined> {
        if self.is_aside.get(i).copied().unwrap_or(false) {
            if let Some((_, item)) = self.aside.iter().find(|(j, _)| *j == i) {
                return Some(item);
            }
        }
        self.eligible.get(i)
    }

    /// The eligible in rank order (rank 1 first), with their decisions.
    pub(crate) fn eligible(&self) -> impl Iterator<Item = (usize, &Decision)> {
        self.order
            .iter()
            .filter_map(|&i| self.item(i))
            .map(|(a, d, _)| (*a, d))
    }

    /// The ineligible by applicant id, with their decisions.
    pub(crate) fn ineligible(&self) -> impl Iterator<Item = (usize, &Decision)> {
        self.ineligible.iter().map(|(a, d)| (*a, d))
    }

    /// The eligible candidate at `position` in rank order (0 is rank 1).
    pub(crate) fn eligible_at(&self, position: usize) -> Option<(usize, &Decision)> {
        let i = *self.order.get(position)?;
        self.item(i).map(|(a, d, _)| (*a, d))
    }
}

/// One eligible candidate of a lineup: applicant, decision, key values.
type Lined = (usize, Decision, Vec<KeyValue<'static>>);

/// How many order keys a lineup sorts as words (see [`Engine::key_words`]);
/// a rule with more is sorted by comparing its keys.
const KEY_WORDS: usize = 4;

/// One candidate's value for one order key.
struct Key<'a> {
    value: KeyValue<'a>,
    shown: Shown,
    desc: bool,
}

/// A sort key value; absent values and "no priority group" sort last in
/// either direction.
#[derive(Debug, Clone, PartialEq)]
enum KeyValue<'a> {
    Int(i64),
    Draw(u64),
    Value(Value<'a>),
    /// A text value held apart from what it borrowed.
    Text(Box<str>),
    /// A draw not made yet: a lineup draws only where the keys before the
    /// draw leave candidates level.
    Undrawn,
    /// A measured duration with its days, which two such compare by.
    Span(u32, Dur),
    Last,
}

impl KeyValue<'_> {
    /// The same key, borrowing nothing.
    fn into_owned(self) -> KeyValue<'static> {
        match self {
            KeyValue::Int(n) => KeyValue::Int(n),
            KeyValue::Draw(d) => KeyValue::Draw(d),
            KeyValue::Value(Value::Text(t)) => KeyValue::Text(t.into()),
            KeyValue::Value(v) => KeyValue::Value(super::facts::owned(v)),
            KeyValue::Text(t) => KeyValue::Text(t),
            KeyValue::Undrawn => KeyValue::Undrawn,
            KeyValue::Span(days, d) => KeyValue::Span(days, d),
            KeyValue::Last => KeyValue::Last,
        }
    }

    fn cmp_with(&self, other: &Self, date: NaiveDate, desc: bool) -> Ordering {
        let ord = match (self, other) {
            (KeyValue::Last, KeyValue::Last) => return Ordering::Equal,
            (KeyValue::Last, _) => return Ordering::Greater,
            (_, KeyValue::Last) => return Ordering::Less,
            (KeyValue::Int(a), KeyValue::Int(b)) => a.cmp(b),
            (KeyValue::Draw(a), KeyValue::Draw(b)) => a.cmp(b),
            (KeyValue::Value(a), KeyValue::Value(b)) => {
                a.compare(*b, date).unwrap_or(Ordering::Equal)
            }
            (KeyValue::Text(a), KeyValue::Text(b)) => a.cmp(b),
            (KeyValue::Span(a, _), KeyValue::Span(b, _)) => a.cmp(b),
            (KeyValue::Span(_, a), KeyValue::Value(b)) => {
                Value::Dur(*a).compare(*b, date).unwrap_or(Ordering::Equal)
            }
            (KeyValue::Value(a), KeyValue::Span(_, b)) => {
                a.compare(Value::Dur(*b), date).unwrap_or(Ordering::Equal)
            }
            _ => Ordering::Equal,
        };
        if desc { ord.reverse() } else { ord }
    }
}
