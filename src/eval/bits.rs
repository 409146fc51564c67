//! Testing a lowered condition ([`crate::compile::BitPlan`]) against the
//! words of one pair: the applicant's and the unit's staged conditions and
//! the unit's designations. Only the untraced path comes here; a recorded
//! decision walks every node, and a test holds the two equal on every pair.

use crate::compile::{BitCode, BitIx, BitPlan, Masks, NodeId, Root};
use crate::eval::value::Value;

/// One side's staged conditions: the bits that hold and those that do not
/// (a bit in neither word is absent).
#[derive(Debug, Clone, Copy)]
pub struct SideBits {
    /// The conditions that hold.
    pub truth: u64,
    /// The conditions that do not hold.
    pub falsity: u64,
}

impl SideBits {
    fn get(self, bit: u8) -> Option<bool> {
        let mask = 1u64.checked_shl(u32::from(bit)).unwrap_or(0);
        if self.truth & mask != 0 {
            Some(true)
        } else if self.falsity & mask != 0 {
            Some(false)
        } else {
            None
        }
    }
}

/// What a pair's lowered conditions read.
#[derive(Debug, Clone, Copy)]
pub struct PairBits {
    /// The applicant's staged conditions.
    pub applicant: SideBits,
    /// The unit's staged conditions.
    pub unit: SideBits,
    /// The designations in force on the unit's complex, one bit per kind.
    pub designations: u64,
}

/// Whether the lowered condition root `root` holds: masks tested on the
/// words, or the code tested operand by operand.
pub fn holds<'v>(
    plan: &BitPlan,
    root: Root,
    bits: &PairBits,
    walk: &mut impl FnMut(NodeId) -> Value<'v>,
) -> bool {
    match root {
        Root::Tree(ix) => value_of(plan, ix, bits, walk) == Some(true),
        masks => masks_hold(plan, masks, bits) == Some(true),
    }
}

/// Whether a root lowered to masks holds; `None` for a root that is code
/// and may walk nodes ([`holds`] tests it).
#[inline]
pub fn masks_hold(plan: &BitPlan, root: Root, bits: &PairBits) -> Option<bool> {
    match root {
        Root::All(masks) => Some(all_of(&masks, bits)),
        Root::Any(start, len) => {
            Some((0..len).any(|i| plan.term(start, i).is_some_and(|m| all_of(m, bits))))
        }
        Root::Tree(_) => None,
    }
}

/// Whether every literal of `m` holds: its bit true (not false, not
/// absent), its designation in force.
fn all_of(m: &Masks, bits: &PairBits) -> bool {
    bits.applicant.truth & m.applicant == m.applicant
        && bits.unit.truth & m.unit == m.unit
        && bits.designations & m.designated == m.designated
}

/// The value of lowered condition `ix`: `Some(b)` for a condition that is
/// `b`, `None` for absent (or a value that is not a condition). `walk`
/// evaluates a node as written; operands are tested in order and `and` /
/// `or` stop where the walk stops, so the same nodes are walked.
pub fn value_of<'v>(
    plan: &BitPlan,
    ix: BitIx,
    bits: &PairBits,
    walk: &mut impl FnMut(NodeId) -> Value<'v>,
) -> Option<bool> {
    match plan.code(ix) {
        BitCode::Applicant(bit) => bits.applicant.get(bit),
        BitCode::Unit(bit) => bits.unit.get(bit),
        BitCode::Designated(kind) => {
            let mask = 1u64.checked_shl(u32::from(kind.0)).unwrap_or(0);
            Some(bits.designations & mask != 0)
        }
        BitCode::Const(b) => b,
        BitCode::Not(x) => value_of(plan, x, bits, walk).map(|b| !b),
        BitCode::All(start, len) => {
            for i in 0..len {
                let holds = plan
                    .operand(start, i)
                    .is_some_and(|op| value_of(plan, op, bits, walk) == Some(true));
                if !holds {
                    return Some(false);
                }
            }
            Some(true)
        }
        BitCode::Any(start, len) => {
            for i in 0..len {
                let holds = plan
                    .operand(start, i)
                    .is_some_and(|op| value_of(plan, op, bits, walk) == Some(true));
                if holds {
                    return Some(true);
                }
            }
            Some(false)
        }
        BitCode::Node(node) => match walk(node) {
            Value::Bool(b) => Some(b),
            _ => None,
        },
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::compile::Root;
    use crate::eval::Engine;

    /// Every pair of the Heerlen-Noord scenario, on days before, at and
    /// after the parameter changes of the rule set, is decided alike on
    /// the bits and by walking every node (an engine whose applicants'
    /// parts are not staged has no bits to test), and on the bits of the
    /// parts staged for the stretch facts hold over: under the Heerlen rules,
    /// and under `fixtures/bits/bits.rules`, whose conditions put mixed
    /// parts under `not`, `or` and a named condition.
    #[test]
    fn lowered_conditions_decide_as_the_walk_on_every_scenario_pair() {
        for rules in ["rules/heerlen", "fixtures/bits/bits.rules"] {
            let inputs =
                crate::run::load_inputs(Path::new(rules), Path::new("fixtures/heerlen-noord"))
                    .expect("the scenario loads");
            let data = &inputs.data;
            let mut lowered_roots = 0usize;
            for day in [
                "2024-06-01",
                "2026-03-02",
                "2026-06-30",
                "2026-07-01",
                "2027-12-31",
            ] {
                let date = day.parse().expect("a date");
                let lowered = inputs.engine(date, 0).expect("an engine");
                let walked = inputs
                    .engine(date, 0)
                    .expect("an engine")
                    .applicants_unstaged();
                let rule_set = inputs.rule_set().expect("one rule set");
                let held = (date, crate::compile::Staging::Held);
                let held = Engine::staged(rule_set, &inputs.rules.sources, data, held, 0)
                    .expect("an engine");
                let program = lowered.program();
                lowered_roots += (0..program.fast.len())
                    .filter_map(|n| u32::try_from(n).ok())
                    .filter(|&n| program.bits.root(crate::compile::NodeId(n)).is_some())
                    .count();
                for a in 0..data.applicants().len() {
                    for u in 0..data.units().len() {
                        let decided = lowered.decide(a, u);
                        assert_eq!(
                            decided,
                            walked.decide(a, u),
                            "{rules}: {a} for {u} on {day}"
                        );
                        assert_eq!(
                            decided,
                            held.decide(a, u),
                            "{rules}, staged for the stretch: {a} for {u} on {day}"
                        );
                    }
                }
            }
            assert!(lowered_roots > 0, "{rules} tests staged bits");
        }
    }

    /// A points line that reads one staged condition is one bit test, and
    /// an `or` of `and`s of literals (the private-rental scope of art. 10
    /// lid 2 in Heerlen's `lawful_residence`) is tested as masks.
    #[test]
    fn literals_are_lowered_to_masks() {
        let inputs = crate::run::load_inputs(
            Path::new("rules/heerlen"),
            Path::new("fixtures/heerlen-noord"),
        )
        .expect("the scenario loads");
        let engine = inputs
            .engine("2026-03-02".parse().expect("a date"), 0)
            .expect("an engine");
        let program = engine.program();
        let lines: Vec<_> = program.points.iter().flatten().collect();
        assert!(!lines.is_empty());
        for (_, cond) in lines {
            let Some(Root::All(masks)) = program.bits.root(*cond) else {
                panic!("a points line is one literal");
            };
            assert_eq!(masks.applicant.count_ones(), 1);
        }
        let lawful = program
            .rules
            .gates
            .iter()
            .position(|g| g.meta.id == "lawful_residence")
            .and_then(|i| program.gates.get(i))
            .and_then(|g| g.applies)
            .expect("the gate applies when");
        assert!(matches!(program.bits.root(lawful), Some(Root::Any(_, 4))));
    }
}
