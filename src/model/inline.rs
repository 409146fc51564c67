//! Single records read from inside another YAML document — a rule test's
//! inline applicant or unit, or a folder's applicant with overrides — held
//! to the same strict format and checks as a data folder's records.

use std::collections::BTreeSet;

use serde::de::DeserializeOwned;

use crate::model::applicant::Applicant;
use crate::model::de::from_node;
use crate::model::error::LoadError;
use crate::model::load::{records_at, walk};
use crate::model::path::YamlPath;
use crate::model::read::{FileRecords, de_error};
use crate::model::validate::{Loaded, validate};
use crate::model::yaml::Node;
use crate::source::FileId;

/// The node of the `index`th record of a data file's list `list`, with
/// spans into that file, so that a record with overrides still points at
/// its lines.
pub(crate) fn record_node(text: &str, file: FileId, list: &str, index: usize) -> Option<Node> {
    records_at(text, file, list, &BTreeSet::from([index])).remove(&index)
}

/// Reads one record of type `T` from `node`; errors are named by `path`
/// (where the record sits in the document that holds it).
pub(crate) fn read_record<T: DeserializeOwned>(
    node: &Node,
    file: FileId,
    path: &YamlPath,
) -> Result<T, Vec<LoadError>> {
    from_node(node).map_err(|e| vec![de_error(file, path.clone(), node, e)])
}

/// Reads one applicant from `node` and runs the checks a data folder's
/// applicants get (periods, hours, the main member, overlapping residence…).
pub(crate) fn read_applicant(
    node: &Node,
    file: FileId,
    path: &YamlPath,
) -> Result<Applicant, Vec<LoadError>> {
    let applicant: Applicant = read_record(node, file, path)?;
    let mut loaded = Loaded {
        applicants: FileRecords {
            records: vec![(0, applicant)],
            ..FileRecords::default()
        },
        // The units and complexes a decision's scope names are not read
        // here: a reference into them cannot be judged dangling.
        units: FileRecords {
            complete: false,
            ..FileRecords::default()
        },
        complexes: FileRecords {
            complete: false,
            ..FileRecords::default()
        },
        ..Loaded::default()
    };
    loaded.files[0] = Some(file);
    let mut errors = Vec::new();
    validate(&loaded, None, &mut errors);
    if errors.is_empty() {
        return loaded
            .applicants
            .records
            .pop()
            .map(|(_, a)| a)
            .ok_or_else(Vec::new);
    }
    // The checks name `applicants[0]…`: rename to where the record sits,
    // and point each at its value in `node`.
    for e in &mut errors {
        if let Some(place) = e.place_mut() {
            let inner = place.path.0.get(2..).unwrap_or(&[]).to_vec();
            if place.span.is_none() {
                place.span = Some(walk(node, &inner));
            }
            let mut steps = path.0.clone();
            steps.extend(inner);
            place.path = YamlPath(steps);
        }
    }
    Err(errors)
}
