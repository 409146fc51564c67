//! Expressions in canonical form: operators spaced, parentheses only where
//! precedence needs them, and a long `and` / `or` chain broken one operand
//! per line.

use crate::syntax::ast::{
    BinaryOp, Duration, Expr, ExprKind, Ident, Literal, LogicalOp, Template, TemplatePart, UnaryOp,
};

use super::text::{quote, quote_template};

/// Lines longer than this are broken where the layout allows. Rule
/// expressions are long dotted names, and the Heerlen rules as written by
/// hand keep to this width.
pub(super) const WIDTH: usize = 120;

/// Continuation lines start right of a clause's indentation, so they cannot
/// be mistaken for a clause or the start of a new item.
const MIN_CONTINUATION: usize = 3;

/// Binding strength, weakest first; the order of the grammar's Pratt table.
const OR: u8 = 1;
const AND: u8 = 2;
const NOT: u8 = 3;
const COMPARE: u8 = 4;
const ADD: u8 = 5;
const MUL: u8 = 6;
const NEG: u8 = 7;
const ATOM: u8 = 8;

fn precedence(e: &Expr) -> u8 {
    match &e.kind {
        ExprKind::Logical {
            op: LogicalOp::Or, ..
        } => OR,
        ExprKind::Logical {
            op: LogicalOp::And, ..
        } => AND,
        ExprKind::Unary {
            op: UnaryOp::Not, ..
        } => NOT,
        ExprKind::Unary {
            op: UnaryOp::Neg, ..
        } => NEG,
        ExprKind::Designated { .. } => COMPARE,
        ExprKind::Binary { op, .. } => match op {
            BinaryOp::Add | BinaryOp::Sub => ADD,
            BinaryOp::Mul | BinaryOp::Div => MUL,
            _ => COMPARE,
        },
        ExprKind::Literal(_) | ExprKind::Path(_) | ExprKind::Call { .. } | ExprKind::Set(_) => ATOM,
    }
}

/// `e` on one line.
pub(super) fn flat(e: &Expr) -> String {
    flat_at(e, 0)
}

/// `e` on one line, in parentheses if it binds weaker than `min`.
fn flat_at(e: &Expr, min: u8) -> String {
    let inner = match &e.kind {
        ExprKind::Literal(lit) => literal(lit),
        ExprKind::Path(parts) => dotted(parts),
        ExprKind::Call { callee, args } => {
            let args: Vec<String> = args.iter().map(flat).collect();
            format!("{}({})", dotted(callee), args.join(", "))
        }
        ExprKind::Set(items) => set(items),
        ExprKind::Designated { subject, kind } => {
            format!("{} designated {}", flat_at(subject, ADD), kind.name)
        }
        ExprKind::Unary { op, operand } => match op {
            // `not (a = b)`: the grammar would not need the parentheses,
            // a reader does.
            UnaryOp::Not => {
                let min = if precedence(operand) == COMPARE {
                    ADD
                } else {
                    NOT
                };
                format!("not {}", flat_at(operand, min))
            }
            UnaryOp::Neg => {
                let operand = flat_at(operand, NEG);
                // `- -x`, not `--x`, which reads like a typo.
                let gap = if operand.starts_with('-') { " " } else { "" };
                format!("-{gap}{operand}")
            }
        },
        ExprKind::Binary { op, lhs, rhs } => {
            let (left, right) = match precedence(e) {
                COMPARE => (ADD, ADD),
                p => (p, tighter(p)),
            };
            format!(
                "{} {} {}",
                flat_at(lhs, left),
                op.symbol(),
                flat_at(rhs, right)
            )
        }
        ExprKind::Logical { op, operands } => {
            let parts: Vec<String> = operands
                .iter()
                .map(|o| flat_at(o, operand_min(e, o)))
                .collect();
            parts.join(&format!(" {} ", op.symbol()))
        }
    };
    if precedence(e) < min {
        format!("({inner})")
    } else {
        inner
    }
}

/// The binding an operand of the chain `chain` needs. An `and` chain inside
/// an `or` chain is parenthesised although precedence would not need it:
/// `(a and b) or (c and d)` is how people read and write such rules.
fn operand_min(chain: &Expr, operand: &Expr) -> u8 {
    if matches!(operand.kind, ExprKind::Logical { .. }) {
        ATOM
    } else {
        tighter(precedence(chain))
    }
}

/// The binding one step tighter than `p`. Precedences run from [`OR`] to
/// [`ATOM`], far below `u8::MAX`, so the addition never saturates.
fn tighter(p: u8) -> u8 {
    p.saturating_add(1)
}

/// `prefix EXPR suffix` as a clause at `indent`: one line when it fits,
/// otherwise the expression's `and` / `or` chain one operand per line.
pub(super) fn clause(indent: usize, prefix: &str, e: &Expr, suffix: &str) -> Vec<String> {
    let pad = " ".repeat(indent);
    let one = format!("{pad}{prefix}{}{suffix}", flat(e));
    if one.chars().count() <= WIDTH {
        return vec![one];
    }
    let mut lines = broken(e, 0, indent.saturating_add(prefix.chars().count()));
    if let Some(first) = lines.first_mut() {
        *first = format!("{pad}{prefix}{first}");
    }
    if let Some(last) = lines.last_mut() {
        last.push_str(suffix);
    }
    lines
}

/// `e` with its first character at column `col`. A chain too long for the
/// line has one operand per line, every operand starting in the same column
/// and the operators hanging to its left (inside parentheses, right of the
/// `(`):
///
/// ```text
/// require applicant.residence_in(parkstad) >= art8_residence
///      or household.has_income(employment, aow)
/// ```
///
/// The first line is returned without indentation; the others are complete.
fn broken(e: &Expr, min: u8, col: usize) -> Vec<String> {
    let flat_text = flat_at(e, min);
    let ExprKind::Logical { op, operands } = &e.kind else {
        return vec![flat_text];
    };
    // Columns count characters of a line of a rule file (at most 4 MiB):
    // additions saturate only in theory, and a saturated column is one past
    // `WIDTH` as it should be.
    if col.saturating_add(flat_text.chars().count()) <= WIDTH {
        return vec![flat_text];
    }
    let parens = precedence(e) < min;
    let operand_col = col.saturating_add(usize::from(parens));
    let symbol = op.symbol();
    // Inside parentheses the operators stay right of the `(`, so they do
    // not line up with the enclosing chain's.
    // An operator and its space.
    let lead_width = symbol.len().saturating_add(1);
    let lead_col = operand_col.saturating_sub(lead_width).max(if parens {
        operand_col
    } else {
        MIN_CONTINUATION
    });
    let mut lines: Vec<String> = Vec::new();
    for (i, operand) in operands.iter().enumerate() {
        let min_operand = operand_min(e, operand);
        if i == 0 {
            lines = broken(operand, min_operand, operand_col);
        } else {
            let lead = format!("{}{symbol} ", " ".repeat(lead_col));
            let mut piece = broken(operand, min_operand, lead_col.saturating_add(lead_width));
            if let Some(first) = piece.first_mut() {
                *first = format!("{lead}{first}");
            }
            lines.extend(piece);
        }
    }
    if parens {
        if let Some(first) = lines.first_mut() {
            first.insert(0, '(');
        }
        if let Some(last) = lines.last_mut() {
            last.push(')');
        }
    }
    lines
}

/// A literal in canonical form; numbers keep the scale they were written with.
fn literal(lit: &Literal) -> String {
    match lit {
        Literal::Bool(b) => b.to_string(),
        Literal::Integer(i) => i.to_string(),
        Literal::Decimal(d) => d.to_string(),
        Literal::Money(m) => format!("€{m}"),
        Literal::Percent(p) => format!("{p}%"),
        Literal::Duration(d) => duration(d),
        Literal::Date(d) => d.to_string(),
        Literal::Text(t) => quote(t),
    }
}

/// `4 years 2 months`; a zero duration is `0 days`.
fn duration(d: &Duration) -> String {
    let unit = |n: u32, one: &str, many: &str| {
        (n > 0).then(|| format!("{n} {}", if n == 1 { one } else { many }))
    };
    let parts: Vec<String> = [
        unit(d.years, "year", "years"),
        unit(d.months, "month", "months"),
        unit(d.days, "day", "days"),
    ]
    .into_iter()
    .flatten()
    .collect();
    if parts.is_empty() {
        "0 days".to_owned()
    } else {
        parts.join(" ")
    }
}

fn dotted(parts: &[Ident]) -> String {
    let names: Vec<&str> = parts.iter().map(|p| p.name.as_str()).collect();
    names.join(".")
}

fn set(items: &[Expr]) -> String {
    if items.is_empty() {
        return "{}".to_owned();
    }
    let items: Vec<String> = items.iter().map(flat).collect();
    format!("{{ {} }}", items.join(", "))
}

/// A message template, holes printed flat.
pub(super) fn template(t: &Template) -> String {
    let mut out = String::from("\"");
    for part in &t.parts {
        match part {
            TemplatePart::Text(text) => out.push_str(&quote_template(text)),
            TemplatePart::Hole(e) => {
                let hole = flat(e);
                // `{{` would read as a literal brace: `{ {a, b} }`.
                if hole.starts_with('{') {
                    out.push_str(&format!("{{ {hole} }}"));
                } else {
                    out.push_str(&format!("{{{hole}}}"));
                }
            }
        }
    }
    out.push('"');
    out
}
