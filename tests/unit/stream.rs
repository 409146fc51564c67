//! Streamed `eval` output against the whole run rendered in memory: the
//! same bytes in every format, traced or not, redacted or not, on one
//! thread or several, on the scenario and on a generated folder larger
//! than one round of chunks. (`eval`'s own bytes on one thread and three
//! are held equal in `tests/cli.rs`.)

use std::path::Path;

use chrono::NaiveDate;

use super::support::scratch;
use crate::model::stream::FolderSink;
use crate::model::{GenerateOptions, generate_into};
use crate::report::ReportFormat;
use crate::report::redact::{default_key, redact};
use crate::report::{json, markdown, text};
use crate::run::{Inputs, evaluate, load_inputs, select_pairs};
use crate::stream::{CHUNK, EvalStream};

const SEED: u64 = 7;

fn date() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 3, 2).unwrap()
}

fn settings(traced: bool) -> crate::report::header::RunSettings {
    crate::report::header::RunSettings {
        date: date(),
        seed: SEED,
        redacted: false,
        traced,
    }
}

/// The run as `eval` built it before streaming: every record in memory,
/// then rankings, redaction and one render.
fn in_memory(inputs: &Inputs, format: ReportFormat, traced: bool, redacted: bool) -> String {
    let engine = inputs.engine(date(), SEED).unwrap();
    let pairs = select_pairs(&engine, &[], &[]);
    let mut output = evaluate(&engine, inputs.header(settings(traced)).unwrap(), &pairs);
    let mut decided: Vec<usize> = pairs.iter().map(|&(_, u)| u).collect();
    decided.dedup();
    for unit in decided {
        output
            .rankings
            .push(engine.rank(unit, &inputs.candidates(unit)));
    }
    if redacted {
        redact(&mut output, &default_key(SEED));
    }
    match format {
        ReportFormat::Text => text::render(&output),
        ReportFormat::Json => json::render(&output).unwrap(),
        ReportFormat::Markdown => markdown::render(&output),
        ReportFormat::Csv | ReportFormat::Html => unreachable!("CSV and HTML are not streamed"),
    }
}

fn streamed(
    inputs: &Inputs,
    format: ReportFormat,
    traced: bool,
    redacted: bool,
    threads: usize,
) -> String {
    let engine = inputs.engine(date(), SEED).unwrap();
    let pairs = select_pairs(&engine, &[], &[]);
    let stream = EvalStream {
        inputs,
        engine: &engine,
        header: inputs.header(settings(traced)).unwrap(),
        pairs: &pairs,
        rankings: true,
        redact_key: redacted.then(|| default_key(SEED)),
        threads,
    };
    let mut bytes = Vec::new();
    stream.write(format, &mut bytes).unwrap();
    String::from_utf8(bytes).unwrap()
}

const FORMATS: [ReportFormat; 3] = [
    ReportFormat::Text,
    ReportFormat::Json,
    ReportFormat::Markdown,
];

#[test]
fn the_scenario_streams_the_bytes_of_the_whole_run_in_memory() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inputs = load_inputs(
        &root.join("rules/heerlen"),
        &root.join("fixtures/heerlen-noord"),
    )
    .unwrap();
    for format in FORMATS {
        // Redacted runs are decided whole (`eval` does not stream them).
        for (traced, redacted) in [(false, false), (true, false)] {
            let expected = in_memory(&inputs, format, traced, redacted);
            for threads in [1, 3] {
                assert_eq!(
                    streamed(&inputs, format, traced, redacted, threads),
                    expected,
                    "{format:?} traced {traced} redacted {redacted} threads {threads}"
                );
            }
        }
    }
}

#[test]
fn a_generated_folder_of_several_rounds_streams_the_same_bytes_on_any_thread_count() {
    let dir = scratch("stream", "generated");
    // `toewijzer generate --applicants 1500 --units 12
    // --reactions-per-vacancy 300 --seed 3`.
    let options = GenerateOptions {
        reactions_per_vacancy: 300,
        ..GenerateOptions::new(1500, 12, 3, date())
    };
    let mut sink = FolderSink::new(&dir, None).unwrap();
    generate_into(&options, &mut sink).unwrap();
    sink.finish().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let inputs = load_inputs(&root.join("rules/heerlen"), &dir).unwrap();
    let engine = inputs.engine(date(), SEED).unwrap();
    let pairs = select_pairs(&engine, &[], &[]).len();
    assert!(pairs > 2 * CHUNK, "{pairs} pairs span several rounds");
    for format in FORMATS {
        let expected = in_memory(&inputs, format, false, false);
        for threads in [1, 2] {
            assert_eq!(
                streamed(&inputs, format, false, false, threads),
                expected,
                "{format:?} threads {threads}"
            );
        }
    }
    let expected = in_memory(&inputs, ReportFormat::Json, true, false);
    assert_eq!(
        streamed(&inputs, ReportFormat::Json, true, false, 3),
        expected
    );
}
