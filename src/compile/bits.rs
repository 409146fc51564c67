//! The conditions of a decision lowered onto the staged bits: after
//! staging, most of what a decision tests is an `and`, `or` or `not` of
//! conditions already computed once per applicant or per unit (one bit
//! each in their packed records) and of the unit's designations. An
//! untraced decision tests those as bits, words it reads once per pair,
//! instead of walking one node per bit; what is not a bit is still walked
//! as written ([`BitCode::Node`]), in the same order, so the decision, its
//! short-circuits and its faults are those of the walk (issue 12).

use super::program::{Node, NodeId, Packing, Program, Side};
use crate::check::ir::KindIx;
use crate::eval::value::Value;

/// The index of a code in a [`BitPlan`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BitIx(u32);

/// One lowered condition. Its value is that of the node it stands for:
/// true, false, or neither (absent, or a value that is not a condition).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BitCode {
    /// A staged condition of the applicant, by its bit.
    Applicant(u8),
    /// A staged condition of the unit, by its bit.
    Unit(u8),
    /// A designation of the unit's complex on the reference date.
    Designated(KindIx),
    /// A constant condition (`None`: absent).
    Const(Option<bool>),
    /// `not`: true for false, false for true, absent otherwise.
    Not(BitIx),
    /// `and` over operands `start..start + len` of [`BitPlan::operand`].
    All(u32, u32),
    /// `or` likewise.
    Any(u32, u32),
    /// Anything else: the node, walked as written.
    Node(NodeId),
}

/// What an `and` of literals asks of a pair's words: the applicant's and
/// the unit's staged conditions that must hold and the designations that
/// must be in force. (A `not` of one literal reads one side only, so
/// staging has made it a literal of its own.)
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Masks {
    /// Applicant conditions that must be true.
    pub applicant: u64,
    /// Unit conditions that must be true.
    pub unit: u64,
    /// Designations that must be in force.
    pub designated: u64,
}

/// A condition root, lowered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    /// An `and` of literals (a staged condition or a designation), or one
    /// literal: all of the masks.
    All(Masks),
    /// An `or` of such `and`s: any of the masks `start..start + len` of
    /// [`BitPlan::term`].
    Any(u32, u32),
    /// Anything else that tests a bit: the code, tested operand by operand.
    Tree(BitIx),
}

/// Every condition root of a program that reads a staged bit, lowered.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BitPlan {
    codes: Vec<BitCode>,
    operands: Vec<BitIx>,
    terms: Vec<Masks>,
    /// Per node of the arena, its lowered form when it is the root of a
    /// condition a decision tests and that form tests a bit.
    roots: Vec<Option<Root>>,
}

impl BitPlan {
    /// The lowered form of the condition rooted at `node`, if it has one.
    pub fn root(&self, node: NodeId) -> Option<Root> {
        self.roots.get(node.0 as usize).copied().flatten()
    }

    /// Term `i` of the `or` starting at `start`.
    pub fn term(&self, start: u32, i: u32) -> Option<&Masks> {
        let at = usize::try_from(start)
            .ok()?
            .checked_add(usize::try_from(i).ok()?)?;
        self.terms.get(at)
    }

    /// The code behind `ix`; an index this plan did not make reads as the
    /// absent constant (there are none: every index is made by `push`).
    pub fn code(&self, ix: BitIx) -> BitCode {
        self.codes
            .get(ix.0 as usize)
            .copied()
            .unwrap_or(BitCode::Const(None))
    }

    /// Operand `i` of the list starting at `start`.
    pub fn operand(&self, start: u32, i: u32) -> Option<BitIx> {
        let at = usize::try_from(start)
            .ok()?
            .checked_add(usize::try_from(i).ok()?)?;
        self.operands.get(at).copied()
    }

    fn push(&mut self, code: BitCode) -> BitIx {
        // A program's arena is far below `u32::MAX` nodes (the rule files'
        // size limit), and a plan has at most one code per node walked.
        let ix = BitIx(u32::try_from(self.codes.len()).unwrap_or(u32::MAX));
        self.codes.push(code);
        ix
    }
}

/// Lowers every condition a decision tests: the gates' `applies when`,
/// `require` and `unless`, the priority groups, the points lines and the
/// classification labels. A root whose lowered form tests no bit keeps
/// none: it is walked as before.
pub fn lower(program: &Program<'_>) -> BitPlan {
    let mut plan = BitPlan {
        roots: vec![None; program.fast.len()],
        ..BitPlan::default()
    };
    let mut roots: Vec<NodeId> = Vec::new();
    for gate in &program.gates {
        roots.extend(gate.applies);
        roots.push(gate.require);
        roots.extend(gate.exemptions.iter().filter_map(|e| match e {
            super::ExemptionCode::When(c) => Some(*c),
            super::ExemptionCode::Override(_) => None,
        }));
    }
    roots.extend(program.priorities.iter().map(|(_, when)| *when));
    roots.extend(program.points.iter().flatten().map(|(_, cond)| *cond));
    roots.extend(program.classes.iter().flatten().flatten().copied());
    for root in roots {
        let (ix, tests_bits) = lower_node(program, &mut plan, root);
        if tests_bits {
            let lowered = shape(&mut plan, ix).unwrap_or(Root::Tree(ix));
            if let Some(cell) = plan.roots.get_mut(root.0 as usize) {
                *cell = Some(lowered);
            }
        }
    }
    plan
}

/// `ix` as masks, when it is a literal, an `and` of literals, or an `or`
/// of those: such a condition walks no node, so the order its parts are
/// tested in cannot matter.
fn shape(plan: &mut BitPlan, ix: BitIx) -> Option<Root> {
    match plan.code(ix) {
        BitCode::Any(start, len) => {
            let terms: Vec<Masks> = (0..len)
                .map(|i| plan.operand(start, i).and_then(|op| conjunction(plan, op)))
                .collect::<Option<_>>()?;
            let first = u32::try_from(plan.terms.len()).ok()?;
            plan.terms.extend(terms);
            Some(Root::Any(first, len))
        }
        _ => conjunction(plan, ix).map(Root::All),
    }
}

/// `ix` as the masks of an `and` of literals (or of one literal).
fn conjunction(plan: &BitPlan, ix: BitIx) -> Option<Masks> {
    let mut masks = Masks::default();
    match plan.code(ix) {
        BitCode::All(start, len) => {
            for i in 0..len {
                literal(plan, plan.operand(start, i)?, &mut masks)?;
            }
        }
        _ => literal(plan, ix, &mut masks)?,
    }
    Some(masks)
}

/// Adds literal `ix` to `masks`; `None` when it is not a literal.
fn literal(plan: &BitPlan, ix: BitIx, masks: &mut Masks) -> Option<()> {
    let bit = |b: u8| 1u64.checked_shl(u32::from(b));
    match plan.code(ix) {
        BitCode::Applicant(b) => masks.applicant |= bit(b)?,
        BitCode::Unit(b) => masks.unit |= bit(b)?,
        BitCode::Designated(k) => masks.designated |= bit(k.0)?,
        _ => return None,
    }
    Some(())
}

/// Lowers `id`; also says whether the result tests any bit or designation.
/// Recursion follows the arena's nesting, which the checker bounds (E0016).
fn lower_node(program: &Program<'_>, plan: &mut BitPlan, id: NodeId) -> (BitIx, bool) {
    let code = match program.fast_node(id) {
        Node::Staged(side, _, Packing::Bit(bit)) => match side {
            Side::Applicant => BitCode::Applicant(*bit),
            Side::Unit => BitCode::Unit(*bit),
            Side::Application => BitCode::Node(id),
        },
        Node::Designated(kind) => BitCode::Designated(*kind),
        // Untraced, a named condition is its body.
        Node::Named(_, body) => return lower_node(program, plan, *body),
        Node::Const(Value::Bool(b)) => BitCode::Const(Some(*b)),
        Node::Const(Value::Absent) => BitCode::Const(None),
        Node::Not(x) => {
            let (inner, bits) = lower_node(program, plan, *x);
            if !bits {
                return (plan.push(BitCode::Node(id)), false);
            }
            BitCode::Not(inner)
        }
        Node::All(start, len) | Node::Any(start, len) => {
            let all = matches!(program.fast_node(id), Node::All(..));
            let lowered: Vec<(BitIx, bool)> = program
                .list(*start, *len)
                .iter()
                .map(|operand| lower_node(program, plan, *operand))
                .collect();
            if !lowered.iter().any(|(_, bits)| *bits) {
                return (plan.push(BitCode::Node(id)), false);
            }
            let first = u32::try_from(plan.operands.len()).unwrap_or(u32::MAX);
            plan.operands.extend(lowered.iter().map(|(ix, _)| *ix));
            if all {
                BitCode::All(first, *len)
            } else {
                BitCode::Any(first, *len)
            }
        }
        _ => BitCode::Node(id),
    };
    let bits = !matches!(code, BitCode::Node(_) | BitCode::Const(_));
    (plan.push(code), bits)
}
