//! Tests of the crate's internals: the parser, the checker, the evaluator,
//! the data loader, the allocator, the language server, `fmt`, the limits
//! and the fuzz targets, each driven through the modules' own functions.
//!
//! They live in the crate as unit tests (included from `src/lib.rs` under
//! `#[cfg(test)]`), not in `tests/` as integration tests, because what they
//! test is not public API: an integration test can reach only what the
//! library exports, so the modules had to stay public for them, and the
//! dead-code lint does not look at public items. Here they reach the
//! modules as the rest of the crate does. The tests that run the binary
//! stay integration tests in `tests/`. Cargo builds no test target from
//! this folder: it has no `main.rs`.
//!
//! Snapshots are in `snapshots/` beside these files, named by insta after
//! the module path (`toewijzer__unit_tests__syntax__….snap`).

// A panic here is a failed test, helpers outside `#[test]` functions
// included; tests index and count freely.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

mod support;

mod allocate;
mod check;
mod csv_roundtrip;
mod data_load;
mod data_robustness;
mod eval;
mod fmt;
mod fuzz;
mod imports;
mod legal_rewrites;
mod limits;
mod lsp;
mod readme;
mod roundtrip;
mod scenario;
mod schema;
mod split_lists;
mod stream;
mod syntax;
