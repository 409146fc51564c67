//! The dependency graph between points, classifications and the priority
//! group: cycles are rejected, and what remains gives an evaluation order.

use std::collections::{BTreeMap, BTreeSet};

use super::expr::Dep;
use super::ir::Derived;

/// A cycle, as the nodes on it (the first repeated at the end).
pub type Cycle = Vec<Dep>;

/// Orders the derived rules (and the priority group) so each comes after
/// what it reads; returns the order and every cycle found (each reported once).
pub fn order(edges: &BTreeMap<Dep, BTreeSet<Dep>>) -> (Vec<Derived>, Vec<Cycle>) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Active,
        Done,
    }
    struct Walk<'g> {
        edges: &'g BTreeMap<Dep, BTreeSet<Dep>>,
        marks: BTreeMap<Dep, Mark>,
        stack: Vec<Dep>,
        order: Vec<Derived>,
        cycles: Vec<Cycle>,
    }
    impl Walk<'_> {
        fn visit(&mut self, node: Dep) {
            match self.marks.get(&node) {
                Some(Mark::Done) => return,
                Some(Mark::Active) => {
                    let pos = self.stack.iter().position(|n| *n == node);
                    if let Some(on_stack) = pos.and_then(|pos| self.stack.get(pos..)) {
                        let mut cycle = on_stack.to_vec();
                        cycle.push(node);
                        self.cycles.push(cycle);
                    }
                    return;
                }
                None => {}
            }
            self.marks.insert(node, Mark::Active);
            self.stack.push(node);
            let next: Vec<Dep> = self
                .edges
                .get(&node)
                .map(|s| s.iter().copied().collect())
                .unwrap_or_default();
            for n in next {
                self.visit(n);
            }
            self.stack.pop();
            self.marks.insert(node, Mark::Done);
            match node {
                Dep::Points(i) => self.order.push(Derived::Points(i)),
                Dep::Classify(i) => self.order.push(Derived::Classify(i)),
                Dep::Priority => self.order.push(Derived::Priority),
            }
        }
    }
    let mut walk = Walk {
        edges,
        marks: BTreeMap::new(),
        stack: Vec::new(),
        order: Vec::new(),
        cycles: Vec::new(),
    };
    for node in edges.keys() {
        walk.visit(*node);
    }
    (walk.order, walk.cycles)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn orders_dependencies_first_and_finds_cycles() {
        let mut edges = BTreeMap::new();
        edges.insert(Dep::Classify(0), BTreeSet::from([Dep::Points(0)]));
        edges.insert(Dep::Points(0), BTreeSet::new());
        let (order, cycles) = super::order(&edges);
        assert_eq!(
            order,
            vec![Derived::Classify(0), Derived::Points(0)]
                .into_iter()
                .rev()
                .collect::<Vec<_>>()
        );
        assert!(cycles.is_empty());

        edges.insert(Dep::Points(0), BTreeSet::from([Dep::Classify(0)]));
        let (_, cycles) = super::order(&edges);
        assert_eq!(
            cycles,
            vec![vec![Dep::Points(0), Dep::Classify(0), Dep::Points(0)]]
        );
    }
}
