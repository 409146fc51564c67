//! The reference of facts and functions is generated from the checker's
//! tables: the committed page must be the generated one, and every example
//! it shows must check clean.

use std::path::PathBuf;

use crate::check::reference;
use crate::run::check_paths;

#[test]
fn docs_facts_md_is_the_generated_reference() {
    let committed =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/facts.md")).unwrap();
    assert!(
        committed == reference::markdown(),
        "docs/facts.md is stale: run `cargo run -- schema > docs/facts.md`"
    );
}

#[test]
fn every_example_in_the_reference_checks_clean() {
    let mut file = String::from(
        "ruleset t \"T\" version \"1\"\n\nregion parkstad \"Parkstad\" source \"test\" = { Heerlen, Kerkrade }\n\n",
    );
    for (i, example) in reference::examples().iter().enumerate() {
        file.push_str(&format!(
            "tailored t{i} \"Voorbeeld\" source \"test\"\n  when {example}\n\n"
        ));
    }
    let dir = std::env::temp_dir().join(format!("toewijzer-schema-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path: PathBuf = dir.join("examples.rules");
    std::fs::write(&path, &file).unwrap();
    let report = check_paths(std::slice::from_ref(&path));
    std::fs::remove_dir_all(&dir).ok();
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with('E'))
        .map(|d| format!("{} {}", d.code, d.message))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{file}");
}

#[test]
fn the_json_reference_lists_every_fact_with_its_data_field() {
    let json: serde_json::Value = serde_json::from_str(&reference::json()).unwrap();
    let facts = json["facts"].as_array().unwrap();
    assert!(facts.len() >= 50);
    assert!(
        facts
            .iter()
            .all(|f| !f["data"].as_str().unwrap().is_empty())
    );
    assert!(!json["functions"].as_array().unwrap().is_empty());
}
