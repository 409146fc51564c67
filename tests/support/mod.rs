//! Helpers shared by the integration tests: running the binary, scratch
//! folders to run it in, and a headless browser for the HTML pages. (The
//! helpers of the tests of the crate's internals live with those tests, in
//! `tests/unit/support/`.)

// Each test crate that includes this module uses only part of it.
#![allow(
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::arithmetic_side_effects
)]

pub mod browser;
pub mod cli;
