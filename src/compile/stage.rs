//! Staging: the parts of the rules that read only the applicant, or only
//! the unit, are computed once per applicant and once per unit, so a
//! decision evaluates only what reads both.

use super::program::{Node, NodeId, Packing, Program, Side, StagedPart, Staging, Walked};
use crate::check::schema::Func;
use crate::check::types::Type;
use crate::syntax::ast::BinaryOp;

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
    program.turning = match program.staging {
        Staging::Held => turning(program, &stages),
        Staging::Day => Vec::new(),
    };
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
    // A part equal to one staged before reads that one's slot: a named
    // condition is written out wherever it is used, and staging its copies
    // once each computed the same parts two to six times per applicant.
    let first = first_equal(program);
    let mut staged_as: Vec<Option<Node>> = vec![None; program.nodes.len()];
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
        let first = first.get(i).copied().unwrap_or(i);
        if let Some(Some(part)) = staged_as.get(first) {
            *fast = part.clone();
            continue;
        }
        if let Ok(id) = u32::try_from(i) {
            if let Some((slot, packing)) = packer.push(NodeId(id), ty == Some(Type::Bool)) {
                *fast = Node::Staged(side, slot, packing);
                if let Some(cell) = staged_as.get_mut(first) {
                    *cell = Some(fast.clone());
                }
            }
        }
    }
    program.fast = fast;
    program.applicant_staged = applicant.parts;
    program.unit_staged = unit.parts;
}

/// For each node, the first node of the arena that computes the same from
/// the same operands (itself when none before it does). A node that can
/// fail to compute (arithmetic), or reads what a decision derives, is only
/// its own equal: a calculation without a result is reported at the node
/// it failed in, and each copy is written in its own place.
fn first_equal(program: &Program<'_>) -> Vec<usize> {
    let mut first: Vec<usize> = Vec::with_capacity(program.nodes.len());
    let mut plain: Vec<bool> = Vec::with_capacity(program.nodes.len());
    let mut by_operands: std::collections::HashMap<Vec<usize>, Vec<usize>> =
        std::collections::HashMap::new();
    for (i, node) in program.nodes.iter().enumerate() {
        let children = children(program, node);
        let own = match node {
            Node::Binary(op, ..) => !matches!(
                op,
                BinaryOp::Add | BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div
            ),
            Node::Neg(_)
            | Node::YearsBetween(..)
            | Node::Points(_)
            | Node::Label(_)
            | Node::PriorityGroup
            | Node::DatedCall(_)
            | Node::Staged(..) => false,
            _ => true,
        };
        let is_plain =
            own && (children.iter()).all(|c| plain.get(c.0 as usize).copied().unwrap_or(false));
        plain.push(is_plain);
        if !is_plain {
            first.push(i);
            continue;
        }
        let operands: Vec<usize> = (children.iter())
            .map(|c| first.get(c.0 as usize).copied().unwrap_or(usize::MAX))
            .collect();
        let bucket = by_operands.entry(operands).or_default();
        let shape = hollow(node);
        let equal = (bucket.iter().copied())
            .find(|&j| program.nodes.get(j).is_some_and(|n| hollow(n) == shape));
        first.push(equal.unwrap_or(i));
        if equal.is_none() {
            bucket.push(i);
        }
    }
    first
}

/// `node` with its operands left out: two nodes with equal operands are
/// equal when their hollows are.
fn hollow(node: &Node) -> Node {
    let none = NodeId(0);
    match node {
        Node::Not(_) => Node::Not(none),
        Node::Neg(_) => Node::Neg(none),
        Node::Named(i, _) => Node::Named(*i, none),
        Node::Binary(op, ..) => Node::Binary(*op, none, none),
        Node::YearsBetween(..) => Node::YearsBetween(none, none),
        Node::All(_, len) => Node::All(0, *len),
        Node::Any(_, len) => Node::Any(0, *len),
        other => other.clone(),
    }
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
/// sum of durations, and for the reference date itself. A comparison of
/// such a duration with a fixed one ([`turns`]) is the applicant's again:
/// its answer changes on one day, which the stretch is cut at.
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
        stages.push(if held && turns(program, node, &stages) {
            Stage::Applicant
        } else if moves {
            Stage::Pair
        } else {
            own
        });
    }
    stages
}

/// The turning comparisons staged as the applicant's ([`turns`]), each
/// once: a named condition is written out wherever it is used, and its
/// comparisons with it, but comparing the same two nodes turns on the
/// same day.
fn turning(program: &Program<'_>, stages: &[Stage]) -> Vec<NodeId> {
    let mut turning: Vec<NodeId> = Vec::new();
    let mut seen: Vec<(&Node, &Node)> = Vec::new();
    for (i, node) in program.nodes.iter().enumerate() {
        let Node::Binary(_, a, b) = *node else {
            continue;
        };
        let applicant = stages.get(i) == Some(&Stage::Applicant);
        let pair = (program.node(a), program.node(b));
        if !applicant || !turns(program, node, stages) || seen.contains(&pair) {
            continue;
        }
        if let Ok(id) = u32::try_from(i) {
            seen.push(pair);
            turning.push(NodeId(id));
        }
    }
    turning
}

/// Whether `node` compares a duration of the applicant's that moves with
/// the reference date ([`moves_with_the_date`]) with a fixed one (a
/// parameter, a literal), given the stages of the nodes before it. Such a
/// comparison measures a span from a fixed day of the file up to the date
/// against a written duration, so its answer changes on one day only: the
/// day the span reaches it (`Dur::cmp_at`).
fn turns(program: &Program<'_>, node: &Node, stages: &[Stage]) -> bool {
    let Node::Binary(op, a, b) = *node else {
        return false;
    };
    let compares = matches!(
        op,
        BinaryOp::Eq | BinaryOp::Ne | BinaryOp::Lt | BinaryOp::Le | BinaryOp::Gt | BinaryOp::Ge
    );
    let fixed = |id: NodeId| {
        stages.get(id.0 as usize) == Some(&Stage::Fixed)
            && program.types.get(id.0 as usize) == Some(&Type::Duration)
    };
    compares
        && ((moves_with_the_date(program, a) && fixed(b))
            || (fixed(a) && moves_with_the_date(program, b)))
}

/// Whether `id` reads a duration from the applicant's facts that is a span
/// up to the reference date as the facts move it to another day
/// (`ApplicantFacts::fact` and `::call`): an age, a registration time, a
/// residence or work up to the date. The longest residence in a window
/// is not: its window moves with the date too.
fn moves_with_the_date(program: &Program<'_>, id: NodeId) -> bool {
    let duration = program.types.get(id.0 as usize) == Some(&Type::Duration);
    duration
        && match *program.node(id) {
            Node::Fact(_, Side::Applicant, _) => true,
            Node::Call(slot) => (program.calls.get(usize::from(slot)))
                .is_some_and(|spec| spec.func != Func::LongestResidenceIn),
            _ => false,
        }
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
