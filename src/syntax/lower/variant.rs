//! Lowering of the `variant_file` rules, one function per rule, beside the
//! rest of [`Lowerer`] so it reuses the lowering of items and literals.

use pest::iterators::Pair;

use super::super::grammar::Rule;
use super::super::variant::{Change, RuleKind, VariantFile, VariantHeader};
use super::{Lowerer, Result};
use crate::source::Span;
use crate::syntax::ast::Text;

/// The keywords only variants have: tokens, which [`Lowerer::children`]
/// skips like the others.
pub(super) fn is_token(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::kw_add
            | Rule::kw_amends
            | Rule::kw_designate
            | Rule::kw_designation
            | Rule::kw_end
            | Rule::kw_off
            | Rule::kw_on
            | Rule::kw_replace
            | Rule::kw_switch
            | Rule::kw_variant
    )
}

impl Lowerer<'_> {
    /// `variant_file`: the header, then the changes.
    pub(crate) fn variant_file(&self, pair: Pair<'_, Rule>) -> Result<VariantFile> {
        let span = Span::new(self.file, 0, self.text.len());
        let mut c = self.children(pair);
        let header = self.variant_header(c.required(Rule::variant_header)?)?;
        let changes = c
            .pairs
            .drain(..)
            .map(|p| self.variant_change(p))
            .collect::<Result<_>>()?;
        Ok(VariantFile {
            header,
            changes,
            span,
        })
    }

    /// `variant_header`: `variant NAME "title" source "…" amends NAME`.
    fn variant_header(&self, pair: Pair<'_, Rule>) -> Result<VariantHeader> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let name = self.ident(c.required(Rule::ident)?);
        let title = self.string(c.required(Rule::string)?)?;
        let source = self.source(c.required(Rule::source)?)?;
        let amends = self.ident(c.required(Rule::ident)?);
        c.done()?;
        Ok(VariantHeader {
            name,
            title,
            source,
            amends,
            span,
        })
    }

    /// One of the change rules.
    fn variant_change(&self, pair: Pair<'_, Rule>) -> Result<Change> {
        match pair.as_rule() {
            Rule::variant_set => self.variant_set(pair),
            Rule::variant_switch => self.variant_switch(pair),
            Rule::variant_add => Ok(Change::Add(self.variant_item(pair)?)),
            Rule::variant_replace => Ok(Change::Replace(self.variant_item(pair)?)),
            Rule::variant_designate => self.variant_designate(pair),
            Rule::variant_end => self.variant_end(pair),
            Rule::order => Ok(Change::Order(self.order(pair)?)),
            _ => Err(self.mismatch(&pair, "variant")),
        }
    }

    /// `variant_set`: `set param NAME (= VALUE from DATE)+`.
    fn variant_set(&self, pair: Pair<'_, Rule>) -> Result<Change> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let name = self.ident(c.required(Rule::ident)?);
        let values = c
            .repeated(Rule::param_value)
            .into_iter()
            .map(|p| self.param_value(p))
            .collect::<Result<_>>()?;
        c.done()?;
        Ok(Change::SetParam { name, values, span })
    }

    /// `variant_switch`: `switch off KIND NAME`.
    fn variant_switch(&self, pair: Pair<'_, Rule>) -> Result<Change> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let kind_pair = c.required(Rule::rule_kind)?;
        let kind = match kind_pair.as_str() {
            "gate" => RuleKind::Gate,
            "priority" => RuleKind::Priority,
            "tailored" => RuleKind::Tailored,
            "points" => RuleKind::Points,
            "classify" => RuleKind::Classify,
            "quota" => RuleKind::Quota,
            "define" => RuleKind::Define,
            _ => return Err(self.mismatch(&kind_pair, "rule kind")),
        };
        let name = self.ident(c.required(Rule::ident)?);
        c.done()?;
        Ok(Change::SwitchOff { kind, name, span })
    }

    /// `variant_add` / `variant_replace`: the keyword, then one item.
    fn variant_item(&self, pair: Pair<'_, Rule>) -> Result<crate::syntax::ast::Item> {
        let mut c = self.children(pair);
        let item = self.item(c.any()?)?;
        c.done()?;
        Ok(item)
    }

    /// `variant_designate`: `designate complex ID KIND from DATE (until DATE)? source`.
    fn variant_designate(&self, pair: Pair<'_, Rule>) -> Result<Change> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let complex = self.data_id(c.required(Rule::data_id)?);
        let kind = self.ident(c.required(Rule::ident)?);
        let from = self.date(c.required(Rule::date)?)?;
        let until = c.optional(Rule::date).map(|p| self.date(p)).transpose()?;
        let source = self.source(c.required(Rule::source)?)?;
        c.done()?;
        Ok(Change::Designate {
            complex,
            kind,
            from,
            until,
            source,
            span,
        })
    }

    /// `variant_end`: `end designation of complex ID KIND on DATE`.
    fn variant_end(&self, pair: Pair<'_, Rule>) -> Result<Change> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let complex = self.data_id(c.required(Rule::data_id)?);
        let kind = self.ident(c.required(Rule::ident)?);
        let on = self.date(c.required(Rule::date)?)?;
        c.done()?;
        Ok(Change::EndDesignation {
            complex,
            kind,
            on,
            span,
        })
    }

    /// `data_id`: an id as written.
    fn data_id(&self, pair: Pair<'_, Rule>) -> Text {
        Text {
            value: pair.as_str().to_owned(),
            span: self.span(&pair),
        }
    }
}
