//! Staging: the parts of the rules that read only the applicant, or only
//! the unit, are computed once per applicant and once per unit, so a
//! decision evaluates only what reads both.

use super::program::{Node, NodeId, Packing, Program, Side, StagedPart, Staging, Walked};
use crate::check::types::Type;

/// What a node reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Stage {
    /// Nothing: a constant for the reference date.
    Fixed,
    /// Only the applicant's facts.
    Applicant,
    /// Only the unit's facts.
    Unit,
    /// Both, or a derived result (points, labels, priority).
    Pair,
}

impl Stage {
    fn join(self, other: Stage) -> Stage {
        match (self, other) {
            (Stage::Fixed, x) | (x, Stage::Fixed) => x,
            (a, b) if a == b => a,
            _ => Stage::Pair,
        }
    }
}

/// Marks the largest one-sided parts of every expression as staged, each
/// with a slot on its side and a place in the side's packed record. A fact
/// or call read where the other side is read too is staged as well, so a
/// decision reads only the packed records; text is not (a packed record
/// borrows nothing), nor is a designation (one mask on the unit).
pub fn stage(program: &mut Program<'_>) {
    let (applicant_points, stages) = applicant_points(program);
    let stageable = |node: &Node, ty: Option<Type>| match node {
        Node::Not(_)
        | Node::Neg(_)
        | Node::Named(..)
        | Node::Binary(..)
        | Node::All(..)
        | Node::Any(..)
        | Node::YearsBetween(..) => true,
        Node::Fact(..) | Node::Call(_) => !matches!(ty, Some(Type::Text) | None),
        _ => false,
    };
    // A one-sided node is staged when nothing above it is of its own
    // stage: its parent reads the other side too, or it is a root.
    let mut parent_stage: Vec<Option<Stage>> = vec![None; program.nodes.len()];
    for (node, &stage) in program.nodes.iter().zip(&stages) {
        for child in children(program, node) {
            if let Some(cell) = parent_stage.get_mut(child.0 as usize) {
                *cell = Some(stage);
            }
        }
    }
    let mut fast = program.nodes.clone();
    let (mut applicant, mut unit) = (Packer::default(), Packer::default());
    // The applicant's points totals take the first values, which a packed
    // record keeps inline: every untraced decision reads them.
    program.staged_points = applicant_points
        .iter()
        .map(|&one_sided| one_sided.then(|| applicant.value()).flatten())
        .collect();
    // `stages`, `parent_stage` and `fast` have one entry per node.
    let per_node = (program.nodes.iter().zip(&stages))
        .zip(&parent_stage)
        .zip(fast.iter_mut());
    for (i, (((node, &stage), &parent), fast)) in per_node.enumerate() {
        let (side, packer) = match stage {
            Stage::Applicant => (Side::Applicant, &mut applicant),
            Stage::Unit => (Side::Unit, &mut unit),
            Stage::Fixed | Stage::Pair => continue,
        };
        let ty = program.types.get(i).copied();
        if !stageable(node, ty) || parent == Some(stage) {
            continue;
        }
        if let Ok(id) = u32::try_from(i) {
            if let Some((slot, packing)) = packer.push(NodeId(id), ty == Some(Type::Bool)) {
                *fast = Node::Staged(side, slot, packing);
            }
        }
    }
    program.fast = fast;
    program.applicant_staged = applicant.parts;
    program.unit_staged = unit.parts;
}

/// The applicant's facts and calls the fast arena reaches: from every
/// root of the rules (a node nothing in the arena reads), through every
/// node but a staged part's read. Parents follow their children in the
/// arena, so one pass from the last node down sees each node after every
/// node that reads it.
pub fn walked(program: &Program<'_>) -> Walked {
    let mut read = vec![false; program.nodes.len()];
    for node in &program.nodes {
        for child in children(program, node) {
            if let Some(cell) = read.get_mut(child.0 as usize) {
                *cell = true;
            }
        }
    }
    // A root is reached; what a reached node reads on the fast path is too.
    let mut reached: Vec<bool> = read.iter().map(|r| !r).collect();
    let mut walked = Walked::default();
    for i in (0..program.fast.len()).rev() {
        let (Some(node), Some(true)) = (program.fast.get(i), reached.get(i).copied()) else {
            continue;
        };
        match *node {
            Node::Fact(_, Side::Applicant, slot) => walked.slots.push(slot),
            Node::Call(slot) | Node::DatedCall(slot) => walked.calls.push(slot),
            _ => {}
        }
        for child in children(program, node) {
            if let Some(cell) = reached.get_mut(child.0 as usize) {
                *cell = true;
            }
        }
    }
    walked.slots.sort_unstable();
    walked.slots.dedup();
    walked.calls.sort_unstable();
    walked.calls.dedup();
    walked
}

/// Gives each staged part of one side its slot and its place: the first
/// 64 conditions a bit each, everything else a value.
#[derive(Default)]
struct Packer {
    parts: Vec<StagedPart>,
    bits: u8,
    values: u16,
}

impl Packer {
    /// The next place among the values: a part's, or a points total's.
    fn value(&mut self) -> Option<Packing> {
        let index = self.values;
        self.values = index.checked_add(1)?;
        Some(Packing::Value(index))
    }

    /// The new part's slot and place; `None` when the side is full (the
    /// part is then evaluated as written on every decision).
    fn push(&mut self, node: NodeId, condition: bool) -> Option<(u16, Packing)> {
        let slot = u16::try_from(self.parts.len()).ok()?;
        let packing = if condition && self.bits < 64 {
            let bit = self.bits;
            self.bits = bit.checked_add(1)?;
            Packing::Bit(bit)
        } else {
            self.value()?
        };
        self.parts.push(StagedPart { node, packing });
        Some((slot, packing))
    }
}

/// Which points rules read only the applicant's side: every line's
/// condition does (or reads nothing), counting the totals of such rules
/// as the applicant's; with each node's stage under that answer. Found by
/// iteration from none: a pass can only add rules, and one whose lines
/// read a total found in the pass before joins in the pass after, so at
/// most one pass per rule, and one more to see nothing change.
fn applicant_points(program: &Program<'_>) -> (Vec<bool>, Vec<Stage>) {
    let mut one_sided = vec![false; program.points.len()];
    let mut staged = stages(program, &one_sided);
    for _ in 0..=program.points.len() {
        let next: Vec<bool> = (program.points.iter())
            .map(|lines| {
                lines.iter().all(|(_, cond)| {
                    matches!(
                        staged.get(cond.0 as usize),
                        Some(Stage::Fixed | Stage::Applicant)
                    )
                })
            })
            .collect();
        if next == one_sided {
            break;
        }
        one_sided = next;
        staged = stages(program, &one_sided);
    }
    (one_sided, staged)
}

/// Each node's stage, where a points total reads the applicant alone if
/// `applicant_points` says so; children always precede their parents in
/// the arena.
///
/// Staged for the stretch an applicant's facts hold over
/// ([`Staging::Held`]), a part that reads the reference date or has a
/// duration's type is not the applicant's alone: the reference date is
/// read as a unit's fact (a unit's facts are computed for each day), and
/// a duration read from the applicant (an age, a residence up to the
/// date) as the pair's. Nothing else a part computes changes within the
/// stretch: the evaluator reads the date only there, in a comparison or
/// sum of durations, and for the reference date itself.
fn stages(program: &Program<'_>, applicant_points: &[bool]) -> Vec<Stage> {
    let held = program.staging == Staging::Held;
    let mut stages: Vec<Stage> = Vec::with_capacity(program.nodes.len());
    for (i, node) in program.nodes.iter().enumerate() {
        let own = match node {
            Node::ReferenceDate if held => Stage::Unit,
            Node::Const(_)
            | Node::Text(_)
            | Node::Param(_)
            | Node::Region(_)
            | Node::ReferenceDate => Stage::Fixed,
            Node::Fact(_, Side::Applicant, _) | Node::Call(_) => Stage::Applicant,
            Node::Fact(_, Side::Unit, _) | Node::Designated(_) => Stage::Unit,
            Node::Points(i) if applicant_points.get(usize::from(*i)) == Some(&true) => {
                Stage::Applicant
            }
            Node::Points(_)
            | Node::Label(_)
            | Node::PriorityGroup
            | Node::DatedCall(_)
            | Node::Fact(_, Side::Application, _) => Stage::Pair,
            _ => children(program, node).iter().fold(Stage::Fixed, |acc, c| {
                acc.join(stages.get(c.0 as usize).copied().unwrap_or(Stage::Pair))
            }),
        };
        let moves =
            held && own == Stage::Applicant && program.types.get(i) == Some(&Type::Duration);
        stages.push(if moves { Stage::Pair } else { own });
    }
    stages
}

/// The nodes `node` reads, in the arena `program` holds.
pub(super) fn children(program: &Program<'_>, node: &Node) -> Vec<NodeId> {
    match node {
        Node::Not(x) | Node::Neg(x) | Node::Named(_, x) => vec![*x],
        Node::Binary(_, a, b) | Node::YearsBetween(a, b) => vec![*a, *b],
        Node::All(start, len) | Node::Any(start, len) => program.list(*start, *len).to_vec(),
        _ => Vec::new(),
    }
}
