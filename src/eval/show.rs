//! Values as an auditor reads them: `€1234.56`, `4 years 2 months`,
//! `employment, aow`, `absent`.

use crate::check::types::{EnumType, Type};
use crate::compile::Program;

use super::value::Value;

/// The words of an enumeration in this program's rule set.
pub(super) fn words<'p>(program: &'p Program<'_>, en: EnumType) -> Vec<&'p str> {
    match en {
        EnumType::Vocab(v) => v.words(),
        EnumType::Labels(i) => program
            .rules
            .classifications
            .get(i)
            .map(|c| c.labels.iter().map(|(l, _)| l.as_str()).collect())
            .unwrap_or_default(),
        EnumType::PriorityGroup => program
            .rules
            .priorities
            .iter()
            .map(|p| p.meta.id.as_str())
            .collect(),
    }
}

/// Renders a value of type `ty`.
pub fn show(program: &Program<'_>, value: Value<'_>, ty: Type) -> String {
    match value {
        Value::Absent => "absent".to_owned(),
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Dec(d) => d.normalize().to_string(),
        Value::Money(d) => format!("€{}", money(d)),
        Value::Percent(d) => format!("{}%", d.normalize()),
        Value::Date(d) => d.to_string(),
        Value::Dur(d) => d.to_string(),
        Value::Text(t) => t.to_owned(),
        Value::Enum(i) => match ty {
            Type::Enum(en) | Type::Set(en) => words(program, en)
                .get(usize::from(i))
                .map_or_else(|| i.to_string(), |w| (*w).to_owned()),
            _ => i.to_string(),
        },
        Value::Set(bits) => match ty {
            Type::Set(en) | Type::Enum(en) => {
                let names: Vec<&str> = words(program, en)
                    .into_iter()
                    .enumerate()
                    .filter(|(i, _)| *i < 64 && bits & (1 << i) != 0)
                    .map(|(_, w)| w)
                    .collect();
                if names.is_empty() {
                    "none".to_owned()
                } else {
                    names.join(", ")
                }
            }
            _ => format!("{bits:#b}"),
        },
        Value::Region(r) => program
            .rules
            .regions
            .get(usize::from(r))
            .map_or_else(|| r.to_string(), |reg| reg.meta.id.clone()),
    }
}

/// Money with two decimals at least (`1234.50`), more only where present.
/// An amount as values of type money are shown (`€14520.00`).
pub(super) fn money_words(d: rust_decimal::Decimal) -> String {
    format!("€{}", money(d))
}

fn money(d: rust_decimal::Decimal) -> String {
    let d = d.normalize();
    if d.scale() < 2 {
        let mut rounded = d;
        rounded.rescale(2);
        rounded.to_string()
    } else {
        d.to_string()
    }
}
