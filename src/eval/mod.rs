//! Evaluation: applicant files measured against units on a reference date,
//! with every outcome explained.

pub mod record;
