//! Whether two sides of a simulation rank a vacancy alike, so that one
//! lineup (every candidate decided, the eligible ranked) serves both: what
//! a variant does not change is decided once (issue 11).
//!
//! Two programs rank alike when everything a decision or an order key
//! reads is equal: the arena, the calls, the gates, the derived results,
//! the order, the staged parts, the regions, the facts read, and the value
//! of every parameter the arena reads. What only the quotas or the traces
//! read (a quota's share, a node's text) may differ: the quotas are judged
//! on each side's own ledger. Two data sets rank a unit alike when the
//! applicants, units, buurten and reactions are equal and so is the unit's
//! complex (a variant changes designations only).

use crate::compile::{Node, Program};
use crate::model::Dataset;

/// Whether `a` and `b` decide every pair and give every order key alike.
///
/// Every field of [`Program`] is named here, so a field added to it must be
/// weighed here too before the build passes.
pub fn programs_alike(a: &Program<'_>, b: &Program<'_>) -> bool {
    let Program {
        rules,
        date,
        nodes,
        fast,
        types,
        texts: _,
        spans: _,
        lists,
        params,
        calls,
        gates,
        priorities,
        priority_order,
        tailored: _,
        points,
        classes,
        derived,
        order,
        quotas: _,
        staging,
        // Found from the arenas compared here.
        walked: _,
        applicant_staged,
        // Found from the arena, the calls and the staging compared here.
        turning: _,
        unit_staged,
        staged_points,
        regions,
        facts_read,
        applicant_facts,
        // Lowered from the arena, the lists and the roots compared here.
        bits: _,
    } = a;
    let same_structure = *date == b.date
        && *nodes == b.nodes
        && *fast == b.fast
        && *types == b.types
        && *lists == b.lists
        && *calls == b.calls
        && *gates == b.gates
        && *priorities == b.priorities
        && *priority_order == b.priority_order
        && *points == b.points
        && *classes == b.classes
        && *derived == b.derived
        && *order == b.order
        && *staging == b.staging
        && *applicant_staged == b.applicant_staged
        && *unit_staged == b.unit_staged
        && *staged_points == b.staged_points
        && *regions == b.regions
        && *facts_read == b.facts_read
        && *applicant_facts == b.applicant_facts;
    if !same_structure {
        return false;
    }
    // A recorded discretionary decision is found by its gate's id, and a
    // designation bit by its kind's name.
    let gate_ids = rules.gates.iter().map(|g| &g.meta.id);
    if !gate_ids.eq(b.rules.gates.iter().map(|g| &g.meta.id)) {
        return false;
    }
    let kinds = rules.designation_kinds.iter().map(|k| &k.name);
    if !kinds.eq(b.rules.designation_kinds.iter().map(|k| &k.name)) {
        return false;
    }
    // The arenas are equal, so a parameter either arena reads is read by
    // both at the same index.
    nodes.iter().chain(fast.iter()).all(|node| match node {
        Node::Param(i) => {
            let i = usize::from(*i);
            match (params.get(i), b.params.get(i)) {
                (Some(x), Some(y)) => x.value == y.value && x.text == y.text,
                _ => false,
            }
        }
        _ => true,
    })
}

/// Whether every decision on data `b` reads what it reads on data `a`,
/// except for the units' complexes, which [`units_alike`] compares one by
/// one.
pub fn data_alike(a: &Dataset, b: &Dataset) -> bool {
    std::ptr::eq(a, b)
        || (a.applicants() == b.applicants()
            && a.units() == b.units()
            && a.buurten() == b.buurten()
            && a.reactions() == b.reactions()
            && a.complexes().len() == b.complexes().len())
}

/// Whether the unit at position `unit` lies in equal complexes on both
/// data sets (which [`data_alike`] holds to otherwise equal).
pub fn units_alike(a: &Dataset, b: &Dataset, unit: usize) -> bool {
    std::ptr::eq(a, b) || a.complex_of_unit(unit) == b.complex_of_unit(unit)
}
