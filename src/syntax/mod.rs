//! Rule text to AST: the pest grammar, lowering, and syntax errors.

pub mod ast;
