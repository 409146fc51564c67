//! Applying a variant by name: to the rule files' AST (parameters, rules,
//! the order) and to the data's complexes (designations). Every name that
//! does not exist is an error located in the variant file; what the
//! amended rules mean is left to the checker, run on the result.

use crate::check::suggest::closest;
use crate::model::{Complex, Designation};
use crate::syntax::ast::{Item, ParamValue, RuleFile};
use crate::syntax::variant::{Change, VariantFile};

use super::VariantError;

/// What a variant changed, so the comparison reuses what it left alone.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Touched {
    /// Some parameter, rule or the order changed.
    pub rules: bool,
    /// Some designation changed.
    pub data: bool,
}

/// Applies every change of `variant` to `files` (the rule set's files, the
/// root first) and the data's `complexes` (the only records a variant
/// amends); returns what was touched.
pub fn apply(
    variant: &VariantFile,
    files: &mut [RuleFile],
    complexes: &mut [Complex],
    errors: &mut Vec<VariantError>,
) -> Touched {
    let mut touched = Touched::default();
    for change in &variant.changes {
        match change {
            Change::Designate { .. } | Change::EndDesignation { .. } => {
                touched.data = true;
                designation(change, &kinds_of(files), complexes, errors);
            }
            _ => {
                touched.rules = true;
                rule_change(change, files, errors);
            }
        }
    }
    touched
}

/// An item's kind word and name; the order has no name.
fn name_of(item: &Item) -> Option<(&'static str, &str)> {
    let (kind, id) = match item {
        Item::Region(x) => ("region", &x.id),
        Item::Param(x) => ("param", &x.id),
        Item::Define(x) => ("define", &x.id),
        Item::Designation(x) => ("designation", &x.id),
        Item::Gate(x) => ("gate", &x.id),
        Item::Priority(x) => ("priority", &x.id),
        Item::Tailored(x) => ("tailored", &x.id),
        Item::Points(x) => ("points", &x.id),
        Item::Classify(x) => ("classify", &x.id),
        Item::Quota(x) => ("quota", &x.id),
        Item::Order(_) => return None,
    };
    Some((kind, id.name.as_str()))
}

/// Where the item of `kind` named `name` is: (file, item).
fn find(files: &[RuleFile], kind: &str, name: &str) -> Option<(usize, usize)> {
    files.iter().enumerate().find_map(|(f, file)| {
        file.items
            .iter()
            .position(|item| name_of(item) == Some((kind, name)))
            .map(|i| (f, i))
    })
}

/// The closest name of `kind` to `name`.
fn suggest(files: &[RuleFile], kind: &str, name: &str) -> Option<String> {
    let names: Vec<&str> = files
        .iter()
        .flat_map(|f| f.items.iter())
        .filter_map(name_of)
        .filter(|(k, _)| *k == kind)
        .map(|(_, n)| n)
        .collect();
    closest(name, names)
}

fn unknown(files: &[RuleFile], kind: &'static str, id: &crate::syntax::ast::Ident) -> VariantError {
    VariantError::Unknown {
        kind,
        name: id.name.clone(),
        suggestion: suggest(files, kind, &id.name),
        span: id.span,
    }
}

fn rule_change(change: &Change, files: &mut [RuleFile], errors: &mut Vec<VariantError>) {
    match change {
        Change::SetParam { name, values, .. } => {
            let Some((f, i)) = find(files, "param", &name.name) else {
                errors.push(unknown(files, "param", name));
                return;
            };
            if let Some(Item::Param(param)) = files.get_mut(f).and_then(|x| x.items.get_mut(i)) {
                for value in values {
                    set_value(&mut param.values, value);
                }
            }
        }
        Change::SwitchOff { kind, name, .. } => {
            let word = kind.word();
            match find(files, word, &name.name) {
                Some((f, i)) => {
                    if let Some(file) = files.get_mut(f) {
                        file.items.remove(i);
                    }
                }
                None => errors.push(unknown(files, word, name)),
            }
        }
        Change::Add(item) | Change::Replace(item) => {
            let Some((kind, name)) = name_of(item) else {
                return;
            };
            let id = item_ident(item);
            let found = find(files, kind, name);
            match (change, found) {
                (Change::Add(_), None) => {
                    if let Some(root) = files.first_mut() {
                        root.items.push(item.clone());
                    }
                }
                (Change::Add(_), Some(_)) => errors.push(VariantError::AlreadyDefined {
                    kind,
                    name: name.to_owned(),
                    span: id.map_or_else(|| item.span(), |i| i.span),
                }),
                (_, Some((f, i))) => {
                    if let Some(slot) = files.get_mut(f).and_then(|x| x.items.get_mut(i)) {
                        *slot = item.clone();
                    }
                }
                (_, None) => {
                    if let Some(id) = id {
                        errors.push(unknown(files, kind, id));
                    }
                }
            }
        }
        Change::Order(order) => {
            let at = files.iter().enumerate().find_map(|(f, file)| {
                file.items
                    .iter()
                    .position(|i| matches!(i, Item::Order(_)))
                    .map(|i| (f, i))
            });
            match at.and_then(|(f, i)| files.get_mut(f).and_then(|x| x.items.get_mut(i))) {
                Some(slot) => *slot = Item::Order(order.clone()),
                None => {
                    if let Some(root) = files.first_mut() {
                        root.items.push(Item::Order(order.clone()));
                    }
                }
            }
        }
        Change::Designate { .. } | Change::EndDesignation { .. } => {}
    }
}

fn item_ident(item: &Item) -> Option<&crate::syntax::ast::Ident> {
    match item {
        Item::Region(x) => Some(&x.id),
        Item::Param(x) => Some(&x.id),
        Item::Define(x) => Some(&x.id),
        Item::Designation(x) => Some(&x.id),
        Item::Gate(x) => Some(&x.id),
        Item::Priority(x) => Some(&x.id),
        Item::Tailored(x) => Some(&x.id),
        Item::Points(x) => Some(&x.id),
        Item::Classify(x) => Some(&x.id),
        Item::Quota(x) => Some(&x.id),
        Item::Order(_) => None,
    }
}

/// Puts `value` among `values`: instead of the one from the same date, or
/// in date order among the others.
fn set_value(values: &mut Vec<ParamValue>, value: &ParamValue) {
    if let Some(slot) = values.iter_mut().find(|v| v.from.date == value.from.date) {
        *slot = value.clone();
        return;
    }
    let at = values
        .iter()
        .position(|v| v.from.date > value.from.date)
        .unwrap_or(values.len());
    values.insert(at, value.clone());
}

/// The designation kinds the rules as amended so far may name: the
/// Wbmgp's and every declared one.
fn kinds_of(files: &[RuleFile]) -> Vec<String> {
    crate::vocab::WBMGP_KINDS
        .iter()
        .map(|k| k.name.to_owned())
        .chain(files.iter().flat_map(|f| {
            f.items.iter().filter_map(|i| match i {
                Item::Designation(d) => Some(d.id.name.clone()),
                _ => None,
            })
        }))
        .collect()
}

fn designation(
    change: &Change,
    kinds: &[String],
    complexes: &mut [Complex],
    errors: &mut Vec<VariantError>,
) {
    let (complex, kind_id) = match change {
        Change::Designate { complex, kind, .. } | Change::EndDesignation { complex, kind, .. } => {
            (complex, kind)
        }
        _ => return,
    };
    let Some(kind) = kinds.iter().find(|k| **k == kind_id.name) else {
        errors.push(VariantError::UnknownDesignationKind {
            kind: kind_id.name.clone(),
            suggestion: closest(&kind_id.name, kinds.iter().map(String::as_str)),
            span: kind_id.span,
        });
        return;
    };
    let ids: Vec<&str> = complexes.iter().map(|c| c.id.as_str()).collect();
    let suggestion = closest(&complex.value, ids);
    let Some(target) = complexes.iter_mut().find(|c| c.id == complex.value) else {
        errors.push(VariantError::UnknownComplex {
            id: complex.value.clone(),
            suggestion,
            span: complex.span,
        });
        return;
    };
    match change {
        Change::Designate {
            from,
            until,
            source,
            span,
            ..
        } => {
            let until_date = until.as_ref().map(|u| u.date);
            if let Some(u) = until_date.filter(|u| *u < from.date) {
                errors.push(VariantError::Backwards {
                    from: from.date,
                    until: u,
                    span: *span,
                });
                return;
            }
            if crate::vocab::is_wbmgp_kind(kind) {
                if let Some(what) = too_long(from.date, until_date) {
                    errors.push(VariantError::DesignationTooLong {
                        kind: kind.clone(),
                        what,
                        span: until.as_ref().map_or(*span, |u| u.span),
                    });
                    return;
                }
            }
            target.designations.push(Designation {
                kind: kind.clone(),
                from: from.date,
                until: until_date,
                decision: source.text.value.clone(),
            });
        }
        Change::EndDesignation { on, span, .. } => {
            match target
                .designations
                .iter_mut()
                .find(|d| d.kind == *kind && d.in_force_on(on.date))
            {
                Some(d) => d.until = Some(on.date),
                None => errors.push(VariantError::NotInForce {
                    complex: complex.value.clone(),
                    kind: kind.clone(),
                    on: on.date,
                    span: *span,
                }),
            }
        }
        _ => {}
    }
}

/// Why a Wbmgp designation from `from` through `until` is longer than
/// Wbmgp art. 5 lid 4 allows (four years), if it is.
fn too_long(from: chrono::NaiveDate, until: Option<chrono::NaiveDate>) -> Option<String> {
    let Some(until) = until else {
        return Some("without an end".into());
    };
    let last = from
        .checked_add_months(chrono::Months::new(48))
        .and_then(|d| d.pred_opt())?;
    (until > last).then(|| format!("from {from} through {until}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> chrono::NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn four_years_to_the_day_is_the_longest_designation() {
        assert_eq!(too_long(d("2026-01-01"), Some(d("2029-12-31"))), None);
        assert!(too_long(d("2026-01-01"), Some(d("2030-01-01"))).is_some());
        assert!(too_long(d("2026-01-01"), None).is_some());
    }
}
