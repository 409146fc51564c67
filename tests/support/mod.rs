//! Helpers shared by the integration tests: a compact S-expression dump of
//! the AST that also checks every child span lies inside its parent's.

pub mod sexpr;
