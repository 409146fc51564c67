//! Fuzz targets on stable Rust (issue 13, "Keep it that way"): the rule
//! front end, the data loader and the rule-test reader, each fed mutations
//! of the repository's own fixtures in-process. Every input runs under
//! `catch_unwind` and a time and memory watchdog; a panic, a slow input or a
//! blowup prints the target, seed and iteration and saves the input under
//! `target/fuzz-failures/` (see `docs/fuzzing.md`).
//!
//! `cargo test` runs a short deterministic pass; `TOEWIJZER_FUZZ_ITERS` and
//! `TOEWIJZER_FUZZ_SEED` make it a long run.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use super::support;

use crate::check::CheckedRuleSet;
use crate::diagnostics::{render_json, render_text};
use crate::eval::Engine;
use crate::eval::record::EvalOutput;
use crate::model::{Dataset, load_dataset};
use crate::report::header::{RunSettings, build_header};
use crate::run::{CheckReport, check_paths};
use crate::source::FileId;
use support::mutate::{COMMON, RULES, Rng, YAML, mutate};

/// Inputs per target in `cargo test`: the three together stay under a
/// minute in a debug build on two cores. A debug build parses the heerlen
/// rule set in about 70 ms, so the rule-test target, which checks it for
/// every input that reads, gets fewer.
const SHORT_ITERS: [u64; 3] = [2_500, 3_000, 200];

/// The seed of the short run; a long run takes `TOEWIJZER_FUZZ_SEED`.
const SHORT_SEED: u64 = 13;

/// An input that returns after this long, plus four times what its
/// unmutated seed takes, fails as too slow: a cost blowup, not a loaded
/// machine. The seed's own cost counts because a rule-test file of 33
/// cases takes over a second in a debug build as it is.
const SLOW: Duration = Duration::from_secs(2);

/// An input still running after this long is a hang: the watchdog saves it
/// and ends the process, since a hung thread cannot be stopped.
const HANG: Duration = Duration::from_secs(30);

/// Resident memory past which the watchdog saves the running inputs and
/// ends the process.
const MEMORY: u64 = 2 * 1024 * 1024 * 1024;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The run's seed and inputs per target, from the environment or the short
/// run's defaults.
fn settings(target: usize) -> (u64, u64) {
    let seed = std::env::var("TOEWIJZER_FUZZ_SEED")
        .ok()
        .map(|s| s.trim().parse().expect("TOEWIJZER_FUZZ_SEED is a number"))
        .unwrap_or(SHORT_SEED);
    let iters = std::env::var("TOEWIJZER_FUZZ_ITERS")
        .ok()
        .map(|s| s.trim().parse().expect("TOEWIJZER_FUZZ_ITERS is a number"))
        .unwrap_or(SHORT_ITERS[target]);
    (seed, iters)
}

/// Files of one input: paths relative to the input's folder, and contents.
type Files = Vec<(PathBuf, Vec<u8>)>;

/// A seed: a group of files that belong together (a rule set with its
/// imports, a data folder, a rule-test file) and which of them to mutate.
struct Seed {
    files: Files,
    mutable: Vec<usize>,
}

/// The input running now on one target, for the watchdog.
struct Current {
    target: &'static str,
    seed: u64,
    iteration: u64,
    started: Instant,
    files: Files,
}

type Slot = Arc<Mutex<Option<Current>>>;

/// Saves an input under `target/fuzz-failures/` and says where.
fn save(target: &str, seed: u64, iteration: u64, files: &Files) -> PathBuf {
    let dir = root()
        .join("target/fuzz-failures")
        .join(format!("{target}-seed{seed}-iter{iteration}"));
    let _ = std::fs::remove_dir_all(&dir);
    for (path, bytes) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

fn describe(target: &str, seed: u64, iteration: u64, files: &Files, why: &str) -> String {
    let dir = save(target, seed, iteration, files);
    let mut text = format!(
        "fuzz target `{target}`: {why}\n  seed {seed}, iteration {iteration}\n  \
         input saved in {}\n  replay: TOEWIJZER_FUZZ_SEED={seed} TOEWIJZER_FUZZ_FROM={iteration} \
         TOEWIJZER_FUZZ_ITERS=1 cargo test --lib unit_tests::fuzz::{target}\n",
        dir.display()
    );
    for (path, bytes) in files {
        if bytes.len() <= 4096 {
            text.push_str(&format!(
                "--- {}\n{}\n",
                path.display(),
                String::from_utf8_lossy(bytes)
            ));
        }
    }
    text
}

/// Resident memory of the process, where `/proc` tells it.
fn resident() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().nth(1)?.parse().ok()?;
    Some(pages * 4096)
}

/// Watches `slot` until `done`: a hang or a memory blowup cannot return to
/// the loop, so the watchdog reports it and ends the process.
fn watchdog(slot: Slot, done: Arc<AtomicBool>) -> std::thread::JoinHandle<()> {
    std::thread::spawn(move || {
        while !done.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(100));
            let guard = slot.lock().unwrap_or_else(|e| e.into_inner());
            let Some(c) = guard.as_ref() else { continue };
            let why = if c.started.elapsed() > HANG {
                format!("hang: still running after {:?}", HANG)
            } else if resident().is_some_and(|r| r > MEMORY) {
                format!("memory: over {} MiB resident", MEMORY >> 20)
            } else {
                continue;
            };
            eprintln!(
                "{}",
                describe(c.target, c.seed, c.iteration, &c.files, &why)
            );
            std::process::exit(101);
        }
    })
}

/// Runs `iters` mutations of `seeds` through `run`, failing on the first
/// panic or slow input.
fn drive(
    target: &'static str,
    index: usize,
    seeds: &[Seed],
    mut run: impl FnMut(&Path, &Files, usize, &mut Rng),
) {
    let (seed, iters) = settings(index);
    let from: u64 = std::env::var("TOEWIJZER_FUZZ_FROM")
        .ok()
        .and_then(|s| s.trim().parse().ok())
        .unwrap_or(0);
    // Per process, so a long run and `cargo test` can run side by side.
    let dir = support::scratch("fuzz", &format!("{target}-{}", std::process::id()));
    let others: Vec<&[u8]> = seeds
        .iter()
        .flat_map(|s| s.mutable.iter().map(|&i| s.files[i].1.as_slice()))
        .collect();
    let dict: &[&[&str]] = if target == "rules" {
        &[COMMON, RULES]
    } else {
        &[COMMON, YAML]
    };
    let slot: Slot = Arc::new(Mutex::new(None));
    let done = Arc::new(AtomicBool::new(false));
    let dog = watchdog(slot.clone(), done.clone());
    let started = Instant::now();
    let mut slowest = (Duration::ZERO, 0);
    let mut baselines: std::collections::HashMap<usize, Duration> = Default::default();
    for iteration in from..from + iters {
        let mut rng = Rng::for_input(seed, target, iteration);
        let index = rng.below(seeds.len());
        let chosen = &seeds[index];
        let mut files = chosen.files.clone();
        let which = *rng.pick(&chosen.mutable);
        files[which].1 = mutate(&mut rng, &files[which].1, dict, &others);
        write_input(&dir, &files);
        *slot.lock().unwrap() = Some(Current {
            target,
            seed,
            iteration,
            started: Instant::now(),
            files: files.clone(),
        });
        let t = Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| run(&dir, &files, which, &mut rng)));
        let took = t.elapsed();
        *slot.lock().unwrap() = None;
        slowest = slowest.max((took, iteration));
        let why = match outcome {
            Err(_) => Some("panic (message above)".to_owned()),
            Ok(()) if took > SLOW => {
                // Measured only when needed: the seed as it is, once.
                let base = *baselines.entry(index).or_insert_with(|| {
                    write_input(&dir, &chosen.files);
                    let t = Instant::now();
                    let mut rng = Rng::for_input(seed, target, iteration);
                    let _ = catch_unwind(AssertUnwindSafe(|| {
                        run(&dir, &chosen.files, which, &mut rng)
                    }));
                    t.elapsed()
                });
                (took > SLOW + base * 4)
                    .then(|| format!("slow: took {took:?}, its seed unmutated {base:?}"))
            }
            Ok(()) => None,
        };
        if let Some(why) = why {
            done.store(true, Ordering::Relaxed);
            panic!("{}", describe(target, seed, iteration, &files, &why));
        }
    }
    done.store(true, Ordering::Relaxed);
    dog.join().unwrap();
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "fuzz target `{target}`: {iters} inputs from seed {seed} in {:?}, slowest {:?} (iteration {})",
        started.elapsed(),
        slowest.0,
        slowest.1
    );
}

/// Writes the files of an input into `dir`, emptied first.
fn write_input(dir: &Path, files: &Files) {
    let _ = std::fs::remove_dir_all(dir);
    for (path, bytes) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
}

/// Every file under `dir` whose name ends in `ext`, relative to `dir`.
fn files_under(dir: &Path, ext: &str) -> Files {
    let mut found = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).unwrap().flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.to_string_lossy().ends_with(ext) {
                let bytes = std::fs::read(&path).unwrap();
                found.push((path.strip_prefix(dir).unwrap().to_path_buf(), bytes));
            }
        }
    }
    found.sort();
    found
}

/// The heerlen-noord data folder, loaded once per target.
fn heerlen_noord() -> Dataset {
    load_dataset(&root().join("fixtures/heerlen-noord")).unwrap()
}

/// A reference date inside the rule set's term, or the fixtures' date.
fn date_in_term(rules: &CheckedRuleSet, rng: &mut Rng) -> NaiveDate {
    let fallback = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    let Some((from, until)) = rules.in_force else {
        return fallback;
    };
    let days = (until - from).num_days().clamp(0, 20_000);
    let offset = rng.below(days as usize + 1) as i64;
    from.checked_add_signed(chrono::Duration::days(offset))
        .unwrap_or(from)
}

/// Compiles `rules` for `date`, decides a few pairs with the trace on,
/// ranks one unit and renders the output in every format.
fn evaluate(
    report: &CheckReport,
    rules: &CheckedRuleSet,
    data: &Dataset,
    data_dir: &Path,
    date: NaiveDate,
) {
    let Ok(engine) = Engine::new(rules, &report.sources, data, date, 1) else {
        return;
    };
    let pairs: Vec<_> = engine.default_pairs().into_iter().take(3).collect();
    let settings = RunSettings {
        date,
        seed: 1,
        redacted: false,
        traced: true,
    };
    let Ok(header) = build_header(rules, &report.sources, data_dir, settings) else {
        return;
    };
    let mut output = EvalOutput {
        header,
        decisions: pairs
            .iter()
            .map(|&(a, u)| engine.record(a, u, true))
            .collect(),
        rankings: Vec::new(),
    };
    if let Some(&(_, unit)) = pairs.first() {
        let candidates: Vec<usize> = (0..data.applicants().len()).collect();
        output.rankings.push(engine.rank(unit, &candidates));
    }
    let _ = crate::report::text::render(&output);
    let _ = crate::report::text::render_rankings_in(&output, crate::words::Lang::En);
    let _ = crate::report::markdown::render(&output);
    let _ = crate::report::json::render(&output);
}

/// Each rule file alone, or with the rule files of its folder when the
/// folder is a rule set of several files (it uses `import`).
fn rule_seeds() -> Vec<Seed> {
    let mut folders: std::collections::BTreeMap<PathBuf, Vec<PathBuf>> = Default::default();
    for path in support::rule_files() {
        let folder = path.parent().unwrap().to_path_buf();
        folders.entry(folder).or_default().push(path);
    }
    let mut seeds = Vec::new();
    for (d, here) in folders {
        let set = files_under(&d, ".rules");
        let imports = set
            .iter()
            .any(|(_, b)| b.windows(7).any(|w| w == b"import "));
        if imports && set.len() <= 10 {
            // A rule set of several files: each file mutated in turn,
            // its companions beside it so imports still resolve.
            let direct: Vec<usize> = (0..set.len())
                .filter(|&i| set[i].0.components().count() == 1)
                .collect();
            for i in direct {
                seeds.push(Seed {
                    files: set.clone(),
                    mutable: vec![i],
                });
            }
        } else {
            for path in here {
                let name = PathBuf::from(path.file_name().unwrap());
                let files = vec![(name, std::fs::read(&path).unwrap())];
                seeds.push(Seed {
                    files,
                    mutable: vec![0],
                });
            }
        }
    }
    assert!(seeds.len() > 100, "every rule fixture is a seed");
    seeds
}

#[test]
fn rules() {
    let data = heerlen_noord();
    let data_dir = root().join("fixtures/heerlen-noord");
    let seeds = rule_seeds();
    drive("rules", 0, &seeds, |dir, files, which, rng| {
        let report = check_paths(&[dir.to_path_buf()]);
        let _ = render_text(&report.sources, &report.diagnostics);
        let _ = render_json(&report.sources, &report.diagnostics);
        if let Ok(text) = std::str::from_utf8(&files[which].1) {
            let _ = crate::fmt::format_text(FileId(0), text);
        }
        if !report.has_errors() && report.rule_sets.len() == 1 {
            let rules = &report.rule_sets[0];
            let date = date_in_term(rules, rng);
            evaluate(&report, rules, &data, &data_dir, date);
        }
    });
}

/// The heerlen-noord folder and every folder under `fixtures/data`, each
/// data file of a folder mutated in turn.
fn data_seeds() -> Vec<Seed> {
    let mut dirs = vec![root().join("fixtures/heerlen-noord")];
    for group in ["ok", "err"] {
        for entry in std::fs::read_dir(root().join("fixtures/data").join(group)).unwrap() {
            dirs.push(entry.unwrap().path());
        }
    }
    dirs.sort();
    let mut seeds = Vec::new();
    for dir in dirs {
        let files = files_under(&dir, ".yaml");
        for i in 0..files.len() {
            seeds.push(Seed {
                files: files.clone(),
                mutable: vec![i],
            });
        }
    }
    assert!(seeds.len() > 100, "every data fixture is a seed");
    seeds
}

/// The heerlen rule set, checked once.
fn heerlen_rules() -> CheckReport {
    let report = check_paths(&[root().join("rules/heerlen")]);
    assert!(!report.has_errors() && report.rule_sets.len() == 1);
    report
}

#[test]
fn data() {
    let rules = heerlen_rules();
    let seeds = data_seeds();
    drive("data", 1, &seeds, |dir, _, _, rng| {
        match load_dataset(dir) {
            Err(errors) => {
                let _ = errors.render_text();
                let _ = errors.render_json();
            }
            Ok(data) => {
                let date = date_in_term(&rules.rule_sets[0], rng);
                evaluate(&rules, &rules.rule_sets[0], &data, dir, date);
            }
        }
    });
}

/// Every rule-test file of `rules/heerlen/tests` and `fixtures/ruletest`,
/// its `rules:` and `data:` paths made absolute so that it runs from the
/// scratch folder as from its own.
fn ruletest_seeds() -> Vec<Seed> {
    let mut seeds = Vec::new();
    for dir in ["rules/heerlen/tests", "fixtures/ruletest"] {
        let dir = root().join(dir);
        for (path, bytes) in files_under(&dir, ".yaml") {
            let home = dir.join(&path);
            let home = home.parent().unwrap();
            let text = String::from_utf8(bytes).unwrap();
            let mut fixed = String::new();
            for line in text.split_inclusive('\n') {
                let rewritten = ["rules: ", "data: "].iter().find_map(|key| {
                    let rest = line.strip_prefix(key)?;
                    let target = rest.split_whitespace().next()?;
                    let absolute = home.join(target).canonicalize().ok()?;
                    Some(format!("{key}{}\n", absolute.display()))
                });
                fixed.push_str(rewritten.as_deref().unwrap_or(line));
            }
            let name = PathBuf::from(path.file_name().unwrap());
            seeds.push(Seed {
                files: vec![(name, fixed.into_bytes())],
                mutable: vec![0],
            });
        }
    }
    assert!(seeds.len() > 10, "every rule-test fixture is a seed");
    seeds
}

#[test]
fn ruletest() {
    let seeds = ruletest_seeds();
    drive("ruletest", 2, &seeds, |dir, _, _, _| {
        let mut suite = crate::ruletest::load_suite(&[dir.to_path_buf()]);
        let report = crate::ruletest::run_suite(&mut suite);
        let _ = crate::ruletest::render_text(&report, &suite.sources);
        let _ = crate::ruletest::export::render_json(&report, &suite.sources);
        let _ = crate::ruletest::export::render_junit(&report, &suite.sources);
        let _ = report.summary();
    });
}
