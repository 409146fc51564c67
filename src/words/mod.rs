//! Values in the words of a language, for readers who are not auditors:
//! the applicant's decision letter now, `--lang nl` on every command later.

pub mod nl;
