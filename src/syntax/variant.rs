//! A variant file: a named change to a rule set and its data (issue 11),
//! parsed from the grammar's own top rule `variant_file`.
//!
//! The file amends by name: parameter values, rules switched off, added or
//! replaced, the order, and designations of complexes begun or ended.
//! Applying it is `crate::variant`'s work; this is only its syntax.

use pest::Parser as _;

use crate::source::{FileId, Span};

use super::SyntaxError;
use super::ast::{DateLit, Ident, Item, Order, ParamValue, Source, Text};
use super::grammar::{Rule, RuleParser};

/// One parsed `.variant` file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantFile {
    /// `variant NAME "title" source "…" amends RULESET`.
    pub header: VariantHeader,
    /// The changes, in file order.
    pub changes: Vec<Change>,
    /// The whole file.
    pub span: Span,
}

/// The head of a variant: what it is called, what it models, what it amends.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VariantHeader {
    /// Machine name.
    pub name: Ident,
    /// Human title.
    pub title: Text,
    /// The proposal it models (a council proposal, a minister's letter).
    pub source: Source,
    /// The name of the rule set it amends (its `ruleset` header).
    pub amends: Ident,
    /// The header clause.
    pub span: Span,
}

/// The kinds of rule a variant may switch off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleKind {
    /// `gate`.
    Gate,
    /// `priority`.
    Priority,
    /// `tailored`.
    Tailored,
    /// `points`.
    Points,
    /// `classify`.
    Classify,
    /// `quota`.
    Quota,
    /// `define`.
    Define,
}

impl RuleKind {
    /// The keyword, as written.
    pub(crate) fn word(self) -> &'static str {
        match self {
            RuleKind::Gate => "gate",
            RuleKind::Priority => "priority",
            RuleKind::Tailored => "tailored",
            RuleKind::Points => "points",
            RuleKind::Classify => "classify",
            RuleKind::Quota => "quota",
            RuleKind::Define => "define",
        }
    }
}

/// One change a variant makes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Change {
    /// `set param NAME = VALUE from DATE …`.
    SetParam {
        /// The parameter.
        name: Ident,
        /// The values, each replacing the one from the same date.
        values: Vec<ParamValue>,
        /// The clause.
        span: Span,
    },
    /// `switch off KIND NAME`.
    SwitchOff {
        /// What kind of rule.
        kind: RuleKind,
        /// Its id.
        name: Ident,
        /// The clause.
        span: Span,
    },
    /// `add ITEM`: a rule or declaration the baseline does not have.
    Add(Item),
    /// `replace ITEM`: a rule or declaration rewritten, by its name.
    Replace(Item),
    /// `order …`: the ranking, instead of the baseline's.
    Order(Order),
    /// `designate complex ID KIND from DATE [until DATE] source "…"`.
    Designate {
        /// The complex's id.
        complex: Text,
        /// The designation kind (`wbmgp_art8`).
        kind: Ident,
        /// First day.
        from: DateLit,
        /// Last day.
        until: Option<DateLit>,
        /// The decision it rests on.
        source: Source,
        /// The clause.
        span: Span,
    },
    /// `end designation of complex ID KIND on DATE`.
    EndDesignation {
        /// The complex's id.
        complex: Text,
        /// The designation kind.
        kind: Ident,
        /// The designation's new last day.
        on: DateLit,
        /// The clause.
        span: Span,
    },
}

#[cfg(test)]
impl Change {
    /// The clause's span; only the tests ask a clause for it.
    pub fn span(&self) -> Span {
        match self {
            Change::SetParam { span, .. }
            | Change::SwitchOff { span, .. }
            | Change::Designate { span, .. }
            | Change::EndDesignation { span, .. } => *span,
            Change::Add(item) | Change::Replace(item) => item.span(),
            Change::Order(order) => order.span,
        }
    }
}

/// Parses the text of one variant file.
pub fn parse_variant(file: FileId, text: &str) -> Result<VariantFile, SyntaxError> {
    super::scan::check_depth(file, text)?;
    let mut pairs = RuleParser::parse(Rule::variant_file, text)
        .map_err(|e| super::expected::unexpected(file, text, &e))?;
    let Some(pair) = pairs.next() else {
        return Err(SyntaxError::Internal {
            what: "the grammar produced no variant".into(),
            span: Span::new(file, 0, text.len()),
        });
    };
    super::lower::Lowerer::new(file, text, &[]).variant_file(pair)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::syntax::parse_file;

    #[test]
    fn a_variant_parses_into_its_changes_in_order() {
        let text = "variant v \"V\" source \"s\" amends heerlen\n\
                    set param p = 5 years from 2026-01-01\n\
                    switch off gate g\n\
                    designate complex C-02 wbmgp_art8 from 2026-01-01 until 2029-12-31 source \"d\"\n\
                    end designation of complex C-01 fragile on 2026-06-30\n\
                    order by priority, lottery\n";
        let v = parse_variant(FileId(0), text).unwrap();
        assert_eq!(v.header.amends.name, "heerlen");
        let kinds: Vec<&str> = v
            .changes
            .iter()
            .map(|c| match c {
                Change::SetParam { .. } => "set",
                Change::SwitchOff { kind, .. } => kind.word(),
                Change::Add(_) => "add",
                Change::Replace(_) => "replace",
                Change::Order(_) => "order",
                Change::Designate { .. } => "designate",
                Change::EndDesignation { .. } => "end",
            })
            .collect();
        assert_eq!(kinds, ["set", "gate", "designate", "end", "order"]);
        for c in &v.changes {
            assert!(v.span.contains(&c.span()));
        }
    }

    #[test]
    fn variant_words_stay_free_as_names_in_rule_files() {
        let text = "param off: integer \"x\" source \"s\" = 1 from 2024-01-01\n\
                    param end: integer \"x\" source \"s\" = 1 from 2024-01-01\n\
                    define on = off = end\n";
        assert!(parse_file(FileId(0), text).is_ok());
        // And a rule file is not a variant, nor a variant a rule file.
        assert!(parse_variant(FileId(0), text).is_err());
        assert!(parse_file(FileId(0), "variant v \"V\" source \"s\" amends x\n").is_err());
    }
}
