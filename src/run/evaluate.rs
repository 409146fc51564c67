//! The decisions and rankings a command asks for, gathered under a run
//! header into one [`EvalOutput`].

use crate::eval::Engine;
use crate::eval::record::{DecisionRecord, EvalOutput, Ranking, RunHeader};
use crate::model::Dataset;

/// Which pairs to decide: those of the units and applicants named, or the
/// engine's default pairs when none are named.
///
/// Naming units only decides their default pairs; naming applicants only
/// decides them against every unit they have a default pair with; naming
/// both decides every named applicant against every named unit.
pub fn select_pairs(
    engine: &Engine<'_>,
    units: &[usize],
    applicants: &[usize],
) -> Vec<(usize, usize)> {
    if !units.is_empty() && !applicants.is_empty() {
        let mut pairs = Vec::new();
        for &u in units {
            for &a in applicants {
                if !pairs.contains(&(a, u)) {
                    pairs.push((a, u));
                }
            }
        }
        return pairs;
    }
    engine
        .default_pairs()
        .into_iter()
        .filter(|(a, u)| {
            (units.is_empty() || units.contains(u))
                && (applicants.is_empty() || applicants.contains(a))
        })
        .collect()
}

/// Decides `pairs` and gathers the output of a run.
pub fn evaluate(engine: &Engine<'_>, header: RunHeader, pairs: &[(usize, usize)]) -> EvalOutput {
    let trace = header.traced;
    EvalOutput {
        header,
        decisions: pairs
            .iter()
            .map(|&(a, u)| engine.record(a, u, trace))
            .collect(),
        rankings: Vec::new(),
    }
}

/// [`evaluate`] with the ranking of every unit decided, as `eval` writes
/// it when whole units were decided (no applicant named), so a report can
/// give each candidate's rank.
pub fn evaluate_ranked(
    data: &Dataset,
    engine: &Engine<'_>,
    header: RunHeader,
    pairs: &[(usize, usize)],
) -> EvalOutput {
    let mut output = evaluate(engine, header, pairs);
    let mut decided: Vec<usize> = pairs.iter().map(|&(_, u)| u).collect();
    decided.dedup();
    for unit in decided {
        output
            .rankings
            .push(engine.rank(unit, &candidates(data, unit)));
    }
    output
}

/// The run `rank` writes: the ranking of `unit` among its candidates, with
/// their decisions in rank order so a report reads top down.
pub fn rank_output(
    data: &Dataset,
    engine: &Engine<'_>,
    header: RunHeader,
    unit: usize,
) -> EvalOutput {
    let (decisions, ranking) = ranked(data, engine, unit, header.traced);
    EvalOutput {
        header,
        decisions,
        rankings: vec![ranking],
    }
}

/// The ranking of `unit` among its candidates and their decisions in rank
/// order, with their traces when `trace`: what [`rank_output`] writes
/// under its header.
pub fn ranked(
    data: &Dataset,
    engine: &Engine<'_>,
    unit: usize,
    trace: bool,
) -> (Vec<DecisionRecord>, Ranking) {
    let ranking = engine.rank(unit, &candidates(data, unit));
    let decisions = ranking
        .candidates
        .iter()
        .filter_map(|c| data.applicant_index(&c.applicant))
        .map(|a| engine.record(a, unit, trace))
        .collect();
    (decisions, ranking)
}

/// The positions of the candidates of unit `unit` in `data`: those who
/// reacted to it, or every applicant when the folder has no reactions.
pub fn candidates(data: &Dataset, unit: usize) -> Vec<usize> {
    data.candidates(unit)
        .iter()
        .filter_map(|a| data.applicant_index(&a.id))
        .collect()
}
