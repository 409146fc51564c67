//! Staging: the parts of the rules that read only the applicant, or only
//! the unit, are computed once per applicant and once per unit, so a
//! decision evaluates only what reads both.

use super::program::{Node, NodeId, Program, Side};

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
/// with a slot on its side. Leaves (facts, calls) are slots already.
pub fn stage(program: &mut Program<'_>) {
    let stages = stages(program);
    let composite = |node: &Node| {
        matches!(
            node,
            Node::Not(_)
                | Node::Neg(_)
                | Node::Named(..)
                | Node::Binary(..)
                | Node::All(..)
                | Node::Any(..)
                | Node::YearsBetween(..)
        )
    };
    // A one-sided composite node is staged when nothing above it is of its
    // own stage: its parent reads the other side too, or it is a root.
    let mut parent_stage: Vec<Option<Stage>> = vec![None; program.nodes.len()];
    for (node, &stage) in program.nodes.iter().zip(&stages) {
        for child in children(program, node) {
            if let Some(cell) = parent_stage.get_mut(child.0 as usize) {
                *cell = Some(stage);
            }
        }
    }
    let mut fast = program.nodes.clone();
    let (mut applicant, mut unit) = (Vec::new(), Vec::new());
    // `stages`, `parent_stage` and `fast` have one entry per node.
    let per_node = (program.nodes.iter().zip(&stages))
        .zip(&parent_stage)
        .zip(fast.iter_mut());
    for (i, (((node, &stage), &parent), fast)) in per_node.enumerate() {
        let (side, list) = match stage {
            Stage::Applicant => (Side::Applicant, &mut applicant),
            Stage::Unit => (Side::Unit, &mut unit),
            Stage::Fixed | Stage::Pair => continue,
        };
        if !composite(node) || parent == Some(stage) {
            continue;
        }
        if let (Ok(slot), Ok(id)) = (u16::try_from(list.len()), u32::try_from(i)) {
            *fast = Node::Staged(side, slot);
            list.push(NodeId(id));
        }
    }
    program.fast = fast;
    program.applicant_staged = applicant;
    program.unit_staged = unit;
}

/// Each node's stage; children always precede their parents in the arena.
fn stages(program: &Program<'_>) -> Vec<Stage> {
    let mut stages: Vec<Stage> = Vec::with_capacity(program.nodes.len());
    for node in &program.nodes {
        let own = match node {
            Node::Const(_)
            | Node::Text(_)
            | Node::Param(_)
            | Node::Region(_)
            | Node::ReferenceDate => Stage::Fixed,
            Node::Fact(_, Side::Applicant, _) | Node::Call(_) => Stage::Applicant,
            Node::Fact(_, Side::Unit, _) | Node::Designated(_) => Stage::Unit,
            Node::Points(_)
            | Node::Label(_)
            | Node::PriorityGroup
            | Node::DatedCall(_)
            | Node::Fact(_, Side::Application, _) => Stage::Pair,
            _ => children(program, node).iter().fold(Stage::Fixed, |acc, c| {
                acc.join(stages.get(c.0 as usize).copied().unwrap_or(Stage::Pair))
            }),
        };
        stages.push(own);
    }
    stages
}

fn children(program: &Program<'_>, node: &Node) -> Vec<NodeId> {
    match node {
        Node::Not(x) | Node::Neg(x) | Node::Named(_, x) => vec![*x],
        Node::Binary(_, a, b) | Node::YearsBetween(a, b) => vec![*a, *b],
        Node::All(start, len) | Node::Any(start, len) => program.list(*start, *len).to_vec(),
        _ => Vec::new(),
    }
}
