//! Writing records back to a data folder, in the format `load_dataset` reads.

use std::io;
use std::path::Path;

use serde::Serialize;

use crate::model::dataset::Records;

fn to_yaml<T: Serialize>(list: &str, records: &[T]) -> io::Result<String> {
    let mut map = std::collections::BTreeMap::new();
    map.insert(list, records);
    serde_yaml::to_string(&map).map_err(io::Error::other)
}

/// The text of each data file for `records`: `(file name, YAML)`. All seven
/// files are written, the optional ones as empty lists when they hold no
/// records, so writing into an existing folder never leaves a stale file
/// behind.
pub fn to_files(records: &Records) -> io::Result<Vec<(&'static str, String)>> {
    Ok(vec![
        (
            "applicants.yaml",
            to_yaml("applicants", &records.applicants)?,
        ),
        ("units.yaml", to_yaml("units", &records.units)?),
        ("complexes.yaml", to_yaml("complexes", &records.complexes)?),
        ("buurten.yaml", to_yaml("buurten", &records.buurten)?),
        ("history.yaml", to_yaml("history", &records.history)?),
        ("reactions.yaml", to_yaml("reactions", &records.reactions)?),
        ("proposals.yaml", to_yaml("proposals", &records.proposals)?),
    ])
}

/// Writes `records` as a data folder `dir` (created if needed).
pub fn write_dataset(records: &Records, dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in to_files(records)? {
        std::fs::write(dir.join(name), text)?;
    }
    Ok(())
}
