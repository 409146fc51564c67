//! Lowering: pest pairs to the AST, one function per grammar rule.
//!
//! The grammar guarantees the shape of every pair; when a pair is not what a
//! function expects, that is a mismatch between grammar and lowering, which
//! is reported as [`SyntaxError::Internal`] rather than a panic. Token values
//! the grammar accepts loosely (dates, amounts, escapes) are validated here,
//! so each error points at its own token.

use std::collections::{HashMap, VecDeque};
use std::str::FromStr;
use std::sync::LazyLock;

use chrono::NaiveDate;
use pest::iterators::Pair;
use pest::pratt_parser::{Assoc, Op, PrattParser};
use rust_decimal::Decimal;

use crate::source::{FileId, Span};

use super::SyntaxError;
use super::ast::*;

/// How many expression nodes may nest on one path from an expression's root
/// to a leaf: every operator, call, set and `and` / `or` chain is a level.
/// A chain of `+` or of comparisons nests one level per operator (it is a
/// left spine, not a list), so this bounds it too. Every later stage —
/// checker, legal analysis, compiler, evaluator, formatter, trace — walks
/// expressions recursively and relies on this bound for its stack.
pub const MAX_EXPR_DEPTH: usize = 128;
use super::grammar::Rule;

mod variant;

type Result<T> = std::result::Result<T, SyntaxError>;

/// Operator precedence, lowest first. Comparisons and `designated` share a
/// level and do not associate: [`Lowerer::infix`] rejects `a < b < c`.
static PRATT: LazyLock<PrattParser<Rule>> = LazyLock::new(|| {
    PrattParser::new()
        .op(Op::infix(Rule::op_or, Assoc::Left))
        .op(Op::infix(Rule::op_and, Assoc::Left))
        .op(Op::prefix(Rule::op_not))
        .op(Op::infix(Rule::op_eq, Assoc::Left)
            | Op::infix(Rule::op_ne, Assoc::Left)
            | Op::infix(Rule::op_lt, Assoc::Left)
            | Op::infix(Rule::op_le, Assoc::Left)
            | Op::infix(Rule::op_gt, Assoc::Left)
            | Op::infix(Rule::op_ge, Assoc::Left)
            | Op::infix(Rule::op_in, Assoc::Left)
            | Op::infix(Rule::op_not_in, Assoc::Left)
            | Op::postfix(Rule::designated))
        .op(Op::infix(Rule::op_add, Assoc::Left) | Op::infix(Rule::op_sub, Assoc::Left))
        .op(Op::infix(Rule::op_mul, Assoc::Left) | Op::infix(Rule::op_div, Assoc::Left))
        .op(Op::prefix(Rule::op_neg))
});

/// Keywords, punctuation and comments: they shape the text but carry no
/// value, so [`Children`] skips them (comments are gathered apart, for fmt).
fn is_token(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::kw_allocations
            | Rule::kw_among
            | Rule::kw_applies
            | Rule::kw_asc
            | Rule::kw_at
            | Rule::kw_authority
            | Rule::kw_because
            | Rule::kw_buurt
            | Rule::kw_by
            | Rule::kw_calendar
            | Rule::kw_classify
            | Rule::kw_complex
            | Rule::kw_define
            | Rule::kw_designated
            | Rule::kw_designation
            | Rule::kw_desc
            | Rule::kw_force
            | Rule::kw_from
            | Rule::kw_gate
            | Rule::kw_import
            | Rule::kw_in
            | Rule::kw_last
            | Rule::kw_least
            | Rule::kw_letter
            | Rule::kw_lottery
            | Rule::kw_message
            | Rule::kw_most
            | Rule::kw_not
            | Rule::kw_objections
            | Rule::kw_of
            | Rule::kw_order
            | Rule::kw_otherwise
            | Rule::kw_over
            | Rule::kw_overall
            | Rule::kw_override
            | Rule::kw_owner
            | Rule::kw_param
            | Rule::kw_per
            | Rule::kw_points
            | Rule::kw_policy
            | Rule::kw_priority
            | Rule::kw_quota
            | Rule::kw_rank
            | Rule::kw_region
            | Rule::kw_require
            | Rule::kw_ruleset
            | Rule::kw_set
            | Rule::kw_signed
            | Rule::kw_source
            | Rule::kw_tailored
            | Rule::kw_the
            | Rule::kw_to
            | Rule::kw_unless
            | Rule::kw_until
            | Rule::kw_unverified
            | Rule::kw_urgent
            | Rule::kw_version
            | Rule::kw_when
            | Rule::kw_with
            | Rule::kw_year
            | Rule::assign
            | Rule::colon
            | Rule::comma
            | Rule::open_brace
            | Rule::close_brace
            | Rule::open_paren
            | Rule::close_paren
            | Rule::EOI
            | Rule::COMMENT
    )
}

/// The pairs an `expr` is made of: operands and the operators the Pratt
/// parser knows.
fn is_expr_part(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::boolean
            | Rule::date
            | Rule::money
            | Rule::percent
            | Rule::duration
            | Rule::decimal
            | Rule::integer
            | Rule::string
            | Rule::set
            | Rule::paren
            | Rule::call
            | Rule::path
            | Rule::op_or
            | Rule::op_and
            | Rule::op_not
            | Rule::op_not_in
            | Rule::op_in
            | Rule::op_le
            | Rule::op_ge
            | Rule::op_ne
            | Rule::op_lt
            | Rule::op_gt
            | Rule::op_eq
            | Rule::op_add
            | Rule::op_sub
            | Rule::op_mul
            | Rule::op_div
            | Rule::op_neg
            | Rule::designated
    )
}

/// An expression on its way up the Pratt parser. `comparison` marks a
/// comparison written without parentheses, which may not be compared again;
/// `depth` is how many expression nodes nest on its deepest path, so no tree
/// deeper than [`MAX_EXPR_DEPTH`] is ever built.
struct Operand {
    expr: Expr,
    comparison: bool,
    depth: usize,
}

impl Operand {
    fn plain(expr: Expr, depth: usize) -> Self {
        Operand {
            expr,
            comparison: false,
            depth,
        }
    }
}

/// The meaningful children of a pair, taken in order.
struct Children<'i> {
    pairs: VecDeque<Pair<'i, Rule>>,
    parent: Span,
}

impl<'i> Children<'i> {
    /// Takes the next child if it is a `rule`.
    fn optional(&mut self, rule: Rule) -> Option<Pair<'i, Rule>> {
        if self.pairs.front().is_some_and(|p| p.as_rule() == rule) {
            self.pairs.pop_front()
        } else {
            None
        }
    }

    /// Takes the next child, which the grammar says is a `rule`.
    fn required(&mut self, rule: Rule) -> Result<Pair<'i, Rule>> {
        self.optional(rule).ok_or_else(|| SyntaxError::Internal {
            what: format!(
                "expected {rule:?}, found {:?}",
                self.pairs.front().map(Pair::as_rule)
            ),
            span: self.parent,
        })
    }

    /// Takes every following child that is a `rule`.
    fn repeated(&mut self, rule: Rule) -> Vec<Pair<'i, Rule>> {
        std::iter::from_fn(|| self.optional(rule)).collect()
    }

    /// Takes the next child whatever it is.
    fn any(&mut self) -> Result<Pair<'i, Rule>> {
        self.pairs.pop_front().ok_or_else(|| SyntaxError::Internal {
            what: "missing child".into(),
            span: self.parent,
        })
    }

    /// Checks that nothing is left over.
    fn done(self) -> Result<()> {
        match self.pairs.front() {
            None => Ok(()),
            Some(p) => Err(SyntaxError::Internal {
                what: format!("unexpected {:?}", p.as_rule()),
                span: self.parent,
            }),
        }
    }
}

/// Lowers the pairs of one file.
pub(crate) struct Lowerer<'t> {
    file: FileId,
    text: &'t str,
    /// Where each comment ends, with where it starts.
    comment_ends: HashMap<usize, usize>,
}

impl<'t> Lowerer<'t> {
    /// A lowerer for `file`, whose `text` holds `comments`.
    pub(crate) fn new(file: FileId, text: &'t str, comments: &[Comment]) -> Self {
        Lowerer {
            file,
            text,
            comment_ends: comments
                .iter()
                .map(|c| (c.span.end as usize, c.span.start as usize))
                .collect(),
        }
    }

    /// The span of a pair without trailing blanks and comments: a rule that
    /// ends in `x*` or `x?` keeps the blanks pest skipped before trying `x`
    /// again, and a caret should not run on to the next line.
    fn span(&self, pair: &Pair<'_, Rule>) -> Span {
        let s = pair.as_span();
        let start = s.start();
        let mut end = s.end();
        loop {
            let trimmed = self.text.get(start..end).map_or(0, |t| t.trim_end().len());
            // `trimmed` is at most `end - start`.
            end = start.saturating_add(trimmed);
            match self.comment_ends.get(&end) {
                Some(&comment) if comment >= start => end = comment,
                _ => break,
            }
        }
        Span::new(self.file, start, end)
    }

    fn children<'i>(&self, pair: Pair<'i, Rule>) -> Children<'i> {
        Children {
            parent: self.span(&pair),
            pairs: pair
                .into_inner()
                .filter(|p| !is_token(p.as_rule()) && !variant::is_token(p.as_rule()))
                .collect(),
        }
    }

    fn mismatch(&self, pair: &Pair<'_, Rule>, context: &str) -> SyntaxError {
        SyntaxError::Internal {
            what: format!("unexpected {:?} in {context}", pair.as_rule()),
            span: self.span(pair),
        }
    }

    /// `file`: header, imports, items. Comments are added by the caller.
    pub(crate) fn file(&self, pair: Pair<'_, Rule>) -> Result<RuleFile> {
        // The whole text, trailing comments included.
        let span = Span::new(self.file, 0, self.text.len());
        let mut c = self.children(pair);
        let header = c
            .optional(Rule::header)
            .map(|p| self.header(p))
            .transpose()?;
        let imports = c
            .repeated(Rule::import)
            .into_iter()
            .map(|p| self.import(p))
            .collect::<Result<_>>()?;
        let authority = c
            .optional(Rule::authority)
            .map(|p| self.authority(p))
            .transpose()?;
        let items = c
            .pairs
            .drain(..)
            .map(|p| self.item(p))
            .collect::<Result<_>>()?;
        Ok(RuleFile {
            header,
            imports,
            authority,
            items,
            comments: Vec::new(),
            span,
        })
    }

    /// `header`: `ruleset NAME "title" version "v" [in force …]`.
    fn header(&self, pair: Pair<'_, Rule>) -> Result<Header> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let name = self.ident(c.required(Rule::ident)?);
        let title = self.string(c.required(Rule::string)?)?;
        let version = self.string(c.required(Rule::string)?)?;
        let in_force = c
            .optional(Rule::in_force)
            .map(|p| self.in_force(p))
            .transpose()?;
        c.done()?;
        Ok(Header {
            name,
            title,
            version,
            in_force,
            span,
        })
    }

    /// `in_force`: `in force from DATE until DATE`.
    fn in_force(&self, pair: Pair<'_, Rule>) -> Result<Period> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let from = self.date(c.required(Rule::date)?)?;
        let until = self.date(c.required(Rule::date)?)?;
        c.done()?;
        Ok(Period { from, until, span })
    }

    /// `import`: `import "path"`.
    fn import(&self, pair: Pair<'_, Rule>) -> Result<Import> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let path = self.string(c.required(Rule::string)?)?;
        c.done()?;
        Ok(Import { path, span })
    }

    /// `authority`: `authority "name" source? policy? objections? signed?`.
    fn authority(&self, pair: Pair<'_, Rule>) -> Result<Authority> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let name = self.string(c.required(Rule::string)?)?;
        let source = c
            .optional(Rule::source)
            .map(|p| self.source(p))
            .transpose()?;
        let policy = c
            .optional(Rule::policy)
            .map(|p| self.policy(p))
            .transpose()?;
        let objections = c
            .optional(Rule::objections)
            .map(|p| self.last_string(p))
            .transpose()?;
        let signed_by = c
            .optional(Rule::signed)
            .map(|p| self.last_string(p))
            .transpose()?;
        c.done()?;
        Ok(Authority {
            name,
            source,
            policy,
            objections,
            signed_by,
            span,
        })
    }

    /// A clause of keywords and one string: `objections to "…"`, `signed by "…"`.
    fn last_string(&self, pair: Pair<'_, Rule>) -> Result<Text> {
        let mut c = self.children(pair);
        let text = self.string(c.required(Rule::string)?)?;
        c.done()?;
        Ok(text)
    }

    /// One of the item rules.
    fn item(&self, pair: Pair<'_, Rule>) -> Result<Item> {
        Ok(match pair.as_rule() {
            Rule::region => Item::Region(self.region(pair)?),
            Rule::param => Item::Param(self.param(pair)?),
            Rule::gate => Item::Gate(self.gate(pair)?),
            Rule::priority => Item::Priority(self.priority(pair)?),
            Rule::tailored => Item::Tailored(self.tailored(pair)?),
            Rule::define => Item::Define(self.define(pair)?),
            Rule::designation => Item::Designation(self.designation(pair)?),
            Rule::points => Item::Points(self.points(pair)?),
            Rule::classify => Item::Classify(self.classify(pair)?),
            Rule::quota => Item::Quota(self.quota(pair)?),
            Rule::order => Item::Order(self.order(pair)?),
            _ => return Err(self.mismatch(&pair, "file")),
        })
    }

    /// `source`: `source "citation"`.
    fn source(&self, pair: Pair<'_, Rule>) -> Result<Source> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let text = self.string(c.required(Rule::string)?)?;
        c.done()?;
        Ok(Source { text, span })
    }

    /// The optional `"title"` and `source "…"` every rule may start with.
    fn title_and_source(&self, c: &mut Children<'_>) -> Result<(Option<Text>, Option<Source>)> {
        let title = c
            .optional(Rule::string)
            .map(|p| self.string(p))
            .transpose()?;
        let source = c
            .optional(Rule::source)
            .map(|p| self.source(p))
            .transpose()?;
        Ok((title, source))
    }

    /// `region`: `region NAME "title"? source? = { member, … }`.
    fn region(&self, pair: Pair<'_, Rule>) -> Result<Region> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let id = self.ident(c.required(Rule::ident)?);
        let (title, source) = self.title_and_source(&mut c)?;
        let members = c
            .pairs
            .drain(..)
            .map(|p| match p.as_rule() {
                Rule::ident => Ok(Text {
                    value: p.as_str().to_owned(),
                    span: self.span(&p),
                }),
                Rule::string => self.string(p),
                _ => Err(self.mismatch(&p, "region")),
            })
            .collect::<Result<_>>()?;
        Ok(Region {
            id,
            title,
            source,
            members,
            span,
        })
    }

    /// `param`: `param NAME: TYPE "title"? source? policy? (= VALUE from DATE)+`.
    fn param(&self, pair: Pair<'_, Rule>) -> Result<Param> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let id = self.ident(c.required(Rule::ident)?);
        let ty = self.type_name(c.required(Rule::type_name)?)?;
        let (title, source) = self.title_and_source(&mut c)?;
        let policy = c
            .optional(Rule::policy)
            .map(|p| self.policy(p))
            .transpose()?;
        let values = c
            .repeated(Rule::param_value)
            .into_iter()
            .map(|p| self.param_value(p))
            .collect::<Result<_>>()?;
        c.done()?;
        Ok(Param {
            id,
            ty,
            title,
            source,
            policy,
            values,
            span,
        })
    }

    /// `type_name`: a name or `set of NAME`.
    fn type_name(&self, pair: Pair<'_, Rule>) -> Result<TypeName> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let inner = c.any()?;
        let kind = match inner.as_rule() {
            Rule::ident => TypeNameKind::Named(self.ident(inner)),
            Rule::set_of => TypeNameKind::SetOf(self.set_of(inner)?),
            _ => return Err(self.mismatch(&inner, "type")),
        };
        c.done()?;
        Ok(TypeName { kind, span })
    }

    /// `set_of`: `set of NAME`.
    fn set_of(&self, pair: Pair<'_, Rule>) -> Result<Ident> {
        let mut c = self.children(pair);
        let id = self.ident(c.required(Rule::ident)?);
        c.done()?;
        Ok(id)
    }

    /// `policy`: `policy "why"`.
    fn policy(&self, pair: Pair<'_, Rule>) -> Result<Text> {
        self.last_string(pair)
    }

    /// `param_value`: `= VALUE from DATE unverified?`.
    fn param_value(&self, pair: Pair<'_, Rule>) -> Result<ParamValue> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let value = self.expr(c.required(Rule::expr)?)?;
        let from = self.date(c.required(Rule::date)?)?;
        let unverified = c
            .optional(Rule::unverified)
            .map(|p| self.unverified(p))
            .transpose()?;
        c.done()?;
        Ok(ParamValue {
            value,
            from,
            unverified,
            span,
        })
    }

    /// `unverified`: `unverified "why"`.
    fn unverified(&self, pair: Pair<'_, Rule>) -> Result<Text> {
        self.last_string(pair)
    }

    /// `gate`: `gate NAME … applies? require unless* message?`.
    fn gate(&self, pair: Pair<'_, Rule>) -> Result<Gate> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let id = self.ident(c.required(Rule::ident)?);
        let (title, source) = self.title_and_source(&mut c)?;
        let applies = c
            .optional(Rule::applies)
            .map(|p| self.applies(p))
            .transpose()?;
        let require = self.require(c.required(Rule::require)?)?;
        let exemptions = c
            .repeated(Rule::exemption)
            .into_iter()
            .map(|p| self.exemption(p))
            .collect::<Result<_>>()?;
        let message = c
            .optional(Rule::message)
            .map(|p| self.message(p))
            .transpose()?;
        let letter = c
            .optional(Rule::letter)
            .map(|p| self.message(p))
            .transpose()?;
        c.done()?;
        Ok(Gate {
            id,
            title,
            source,
            applies,
            require,
            exemptions,
            message,
            letter,
            span,
        })
    }

    /// `applies`: `applies when COND`.
    fn applies(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        self.single_expr(pair)
    }

    /// `require`: `require COND`.
    fn require(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        self.single_expr(pair)
    }

    /// A clause whose only meaningful child is one expression.
    fn single_expr(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let mut c = self.children(pair);
        let expr = self.expr(c.required(Rule::expr)?)?;
        c.done()?;
        Ok(expr)
    }

    /// `exemption`: `unless (override KIND | COND) because "…"`.
    fn exemption(&self, pair: Pair<'_, Rule>) -> Result<Exemption> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let inner = c.any()?;
        let kind = match inner.as_rule() {
            Rule::override_by => ExemptionKind::Override(self.override_by(inner)?),
            Rule::expr => ExemptionKind::When(self.expr(inner)?),
            _ => return Err(self.mismatch(&inner, "exemption")),
        };
        let because = self.string(c.required(Rule::string)?)?;
        c.done()?;
        Ok(Exemption {
            kind,
            because,
            span,
        })
    }

    /// `override_by`: `override KIND`.
    fn override_by(&self, pair: Pair<'_, Rule>) -> Result<Ident> {
        let mut c = self.children(pair);
        let id = self.ident(c.required(Rule::ident)?);
        c.done()?;
        Ok(id)
    }

    /// `message`: `message "…{expr}…"`; also `letter "…{expr}…"`.
    fn message(&self, pair: Pair<'_, Rule>) -> Result<Template> {
        let mut c = self.children(pair);
        let template = self.template(c.required(Rule::template)?)?;
        c.done()?;
        Ok(template)
    }

    /// `template`: text, `{{`, `}}` and `{expr}` holes between quotes.
    fn template(&self, pair: Pair<'_, Rule>) -> Result<Template> {
        let span = self.span(&pair);
        let mut parts: Vec<TemplatePart> = Vec::new();
        let push_text = |parts: &mut Vec<TemplatePart>, s: &str| {
            if let Some(TemplatePart::Text(t)) = parts.last_mut() {
                t.push_str(s);
            } else {
                parts.push(TemplatePart::Text(s.to_owned()));
            }
        };
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::template_text => {
                    let start = part.as_span().start();
                    let text = unescape(self.file, part.as_str(), start)?;
                    push_text(&mut parts, &text);
                }
                Rule::template_lbrace => push_text(&mut parts, "{"),
                Rule::template_rbrace => push_text(&mut parts, "}"),
                Rule::template_stray => {
                    return Err(SyntaxError::StrayBrace {
                        span: self.span(&part),
                    });
                }
                Rule::template_hole => parts.push(TemplatePart::Hole(self.template_hole(part)?)),
                Rule::unterminated => {
                    return Err(SyntaxError::UnterminatedString {
                        span: Span::new(self.file, span.start as usize, part.as_span().start()),
                    });
                }
                _ => return Err(self.mismatch(&part, "message")),
            }
        }
        Ok(Template { parts, span })
    }

    /// `template_hole`: `{ expr }` inside a message.
    fn template_hole(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        self.single_expr(pair)
    }

    /// `priority`: `priority NAME … rank N when COND`.
    fn priority(&self, pair: Pair<'_, Rule>) -> Result<Priority> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let id = self.ident(c.required(Rule::ident)?);
        let (title, source) = self.title_and_source(&mut c)?;
        let rank = self.integer(c.required(Rule::integer)?)?;
        let urgent = c.optional(Rule::urgent).map(|p| self.urgent(&p));
        let when = self.expr(c.required(Rule::expr)?)?;
        c.done()?;
        Ok(Priority {
            id,
            title,
            source,
            rank,
            urgent,
            when,
            span,
        })
    }

    /// `urgent`: the marker of an urgency priority group.
    fn urgent(&self, pair: &Pair<'_, Rule>) -> Span {
        self.span(pair)
    }

    /// `tailored`: `tailored NAME … when COND`.
    fn tailored(&self, pair: Pair<'_, Rule>) -> Result<Tailored> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let id = self.ident(c.required(Rule::ident)?);
        let (title, source) = self.title_and_source(&mut c)?;
        let when = self.expr(c.required(Rule::expr)?)?;
        c.done()?;
        Ok(Tailored {
            id,
            title,
            source,
            when,
            span,
        })
    }

    /// `designation`: `designation NAME "title" source "…"`.
    fn designation(&self, pair: Pair<'_, Rule>) -> Result<DesignationKind> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let id = self.ident(c.required(Rule::ident)?);
        let (title, source) = self.title_and_source(&mut c)?;
        c.done()?;
        Ok(DesignationKind {
            id,
            title,
            source,
            span,
        })
    }

    /// `define`: `define NAME … = EXPR`.
    fn define(&self, pair: Pair<'_, Rule>) -> Result<Define> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let id = self.ident(c.required(Rule::ident)?);
        let (title, source) = self.title_and_source(&mut c)?;
        let body = self.expr(c.required(Rule::expr)?)?;
        c.done()?;
        Ok(Define {
            id,
            title,
            source,
            body,
            span,
        })
    }

    /// `points`: `points NAME … (±N when COND)+`.
    fn points(&self, pair: Pair<'_, Rule>) -> Result<Points> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let id = self.ident(c.required(Rule::ident)?);
        let (title, source) = self.title_and_source(&mut c)?;
        let contributions = c
            .repeated(Rule::contribution)
            .into_iter()
            .map(|p| self.contribution(p))
            .collect::<Result<_>>()?;
        c.done()?;
        Ok(Points {
            id,
            title,
            source,
            contributions,
            span,
        })
    }

    /// `contribution`: `+3 when COND`.
    fn contribution(&self, pair: Pair<'_, Rule>) -> Result<Contribution> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let amount = self.integer(c.required(Rule::signed_integer)?)?;
        let when = self.expr(c.required(Rule::expr)?)?;
        c.done()?;
        Ok(Contribution { amount, when, span })
    }

    /// `classify`: `classify NAME … label+`.
    fn classify(&self, pair: Pair<'_, Rule>) -> Result<Classify> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let id = self.ident(c.required(Rule::ident)?);
        let (title, source) = self.title_and_source(&mut c)?;
        let labels = c
            .repeated(Rule::label)
            .into_iter()
            .map(|p| self.label(p))
            .collect::<Result<_>>()?;
        c.done()?;
        Ok(Classify {
            id,
            title,
            source,
            labels,
            span,
        })
    }

    /// `label`: `NAME when COND` or `NAME otherwise`.
    fn label(&self, pair: Pair<'_, Rule>) -> Result<Label> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let name = self.ident(c.required(Rule::ident)?);
        let when = c.optional(Rule::expr).map(|p| self.expr(p)).transpose()?;
        c.done()?;
        Ok(Label { name, when, span })
    }

    /// `quota`: `quota NAME … applies? at most|least SHARE of allocations
    /// among? with SCOPE WINDOW`.
    fn quota(&self, pair: Pair<'_, Rule>) -> Result<Quota> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let id = self.ident(c.required(Rule::ident)?);
        let (title, source) = self.title_and_source(&mut c)?;
        let applies = c
            .optional(Rule::applies)
            .map(|p| self.applies(p))
            .transpose()?;
        let bound = self.bound(c.required(Rule::bound)?)?;
        let share = self.share(c.required(Rule::share)?)?;
        let among = c.optional(Rule::among).map(|p| self.among(p)).transpose()?;
        let with = self.with(c.required(Rule::with)?)?;
        let scope = self.scope(c.required(Rule::scope)?)?;
        let window = self.window(c.required(Rule::window)?)?;
        c.done()?;
        Ok(Quota {
            id,
            title,
            source,
            applies,
            bound,
            share,
            among,
            with,
            scope,
            window,
            span,
        })
    }

    /// `bound`: `at most` or `at least`.
    fn bound(&self, pair: Pair<'_, Rule>) -> Result<Bound> {
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::kw_most => return Ok(Bound::AtMost),
                Rule::kw_least => return Ok(Bound::AtLeast),
                _ => {}
            }
        }
        Err(self.mismatch(&pair, "bound"))
    }

    /// `share`: a percent literal or a parameter.
    fn share(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let mut c = self.children(pair);
        let expr = self.primary(c.any()?)?.expr;
        c.done()?;
        Ok(expr)
    }

    /// `among`: `among COND`.
    fn among(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        self.single_expr(pair)
    }

    /// `with`: `with COND`.
    fn with(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        self.single_expr(pair)
    }

    /// `scope`: `per complex|buurt|owner` or `overall`.
    fn scope(&self, pair: Pair<'_, Rule>) -> Result<Scope> {
        let span = self.span(&pair);
        for p in pair.clone().into_inner() {
            let kind = match p.as_rule() {
                Rule::kw_complex => ScopeKind::Complex,
                Rule::kw_buurt => ScopeKind::Buurt,
                Rule::kw_owner => ScopeKind::Owner,
                Rule::kw_overall => ScopeKind::All,
                _ => continue,
            };
            return Ok(Scope { kind, span });
        }
        Err(self.mismatch(&pair, "scope"))
    }

    /// `window`: `over the calendar year` or `over the last LENGTH`.
    fn window(&self, pair: Pair<'_, Rule>) -> Result<Window> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let inner = c.any()?;
        let kind = match inner.as_rule() {
            Rule::calendar_year => WindowKind::CalendarYear,
            Rule::rolling => WindowKind::Rolling(self.rolling(inner)?),
            _ => return Err(self.mismatch(&inner, "window")),
        };
        c.done()?;
        Ok(Window { kind, span })
    }

    /// `rolling`: `last DURATION` or `last PARAM`.
    fn rolling(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let mut c = self.children(pair);
        let expr = self.primary(c.any()?)?.expr;
        c.done()?;
        Ok(expr)
    }

    /// `order`: `order "title"? source? by KEY, …`.
    fn order(&self, pair: Pair<'_, Rule>) -> Result<Order> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let (title, source) = self.title_and_source(&mut c)?;
        let keys = c
            .repeated(Rule::order_key)
            .into_iter()
            .map(|p| self.order_key(p))
            .collect::<Result<_>>()?;
        c.done()?;
        Ok(Order {
            title,
            source,
            keys,
            span,
        })
    }

    /// `order_key`: `priority`, `lottery` or an expression, then `asc|desc`?.
    fn order_key(&self, pair: Pair<'_, Rule>) -> Result<OrderKey> {
        let span = self.span(&pair);
        let mut kind = None;
        let mut direction = None;
        for p in pair.clone().into_inner() {
            match p.as_rule() {
                Rule::kw_priority => kind = Some(OrderKeyKind::Priority),
                Rule::kw_lottery => kind = Some(OrderKeyKind::Lottery),
                Rule::expr => kind = Some(OrderKeyKind::Expr(self.expr(p)?)),
                Rule::direction => direction = Some(self.direction(p)?),
                Rule::COMMENT => {}
                _ => return Err(self.mismatch(&p, "order key")),
            }
        }
        let kind = kind.ok_or_else(|| self.mismatch(&pair, "order key"))?;
        Ok(OrderKey {
            kind,
            direction,
            span,
        })
    }

    /// `direction`: `asc` or `desc`.
    fn direction(&self, pair: Pair<'_, Rule>) -> Result<Direction> {
        match pair.clone().into_inner().next().map(|p| p.as_rule()) {
            Some(Rule::kw_asc) => Ok(Direction::Asc),
            Some(Rule::kw_desc) => Ok(Direction::Desc),
            _ => Err(self.mismatch(&pair, "direction")),
        }
    }

    /// `expr`: operands and operators, folded by the one [`PRATT`] parser.
    fn expr(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        self.operand(pair).map(|operand| operand.expr)
    }

    /// `expr` with the depth of the tree it lowers to.
    fn operand(&self, pair: Pair<'_, Rule>) -> Result<Operand> {
        // pest's Pratt parser panics on a pair it cannot place; the grammar
        // never produces one, and if it ever did that is an internal error.
        if let Some(stray) = pair
            .clone()
            .into_inner()
            .find(|p| !is_expr_part(p.as_rule()) && p.as_rule() != Rule::COMMENT)
        {
            return Err(self.mismatch(&stray, "expression"));
        }
        PRATT
            .map_primary(|p| self.primary(p))
            .map_prefix(|op, rhs| self.prefix(op, rhs?))
            .map_postfix(|lhs, op| self.postfix(lhs?, op))
            .map_infix(|lhs, op, rhs| self.infix(lhs?, op, rhs?))
            .parse(pair.into_inner().filter(|p| p.as_rule() != Rule::COMMENT))
    }

    /// The depth of a node over children of depth `below`, refused past
    /// [`MAX_EXPR_DEPTH`] at `at` (the operator or bracket that goes deeper).
    fn deeper(&self, below: usize, at: Span) -> Result<usize> {
        let depth = below.saturating_add(1);
        if depth > MAX_EXPR_DEPTH {
            Err(SyntaxError::ExprTooDeep {
                limit: MAX_EXPR_DEPTH,
                span: at,
            })
        } else {
            Ok(depth)
        }
    }

    /// `op_not` / `op_neg` applied to an operand.
    fn prefix(&self, op: Pair<'_, Rule>, rhs: Operand) -> Result<Operand> {
        let op_kind = match op.as_rule() {
            Rule::op_not => UnaryOp::Not,
            Rule::op_neg => UnaryOp::Neg,
            _ => return Err(self.mismatch(&op, "expression")),
        };
        let op_span = self.span(&op);
        let depth = self.deeper(rhs.depth, op_span)?;
        let span = op_span.to(&rhs.expr.span);
        Ok(Operand::plain(
            Expr {
                kind: ExprKind::Unary {
                    op: op_kind,
                    operand: Box::new(rhs.expr),
                },
                span,
            },
            depth,
        ))
    }

    /// `designated`: `SUBJECT designated KIND`.
    fn postfix(&self, lhs: Operand, op: Pair<'_, Rule>) -> Result<Operand> {
        let op_span = self.span(&op);
        if op.as_rule() != Rule::designated {
            return Err(self.mismatch(&op, "expression"));
        }
        if lhs.comparison {
            return Err(SyntaxError::ChainedComparison { span: op_span });
        }
        let depth = self.deeper(lhs.depth, op_span)?;
        let mut c = self.children(op);
        let kind = self.ident(c.required(Rule::ident)?);
        c.done()?;
        let span = lhs.expr.span.to(&op_span);
        Ok(Operand {
            expr: Expr {
                kind: ExprKind::Designated {
                    subject: Box::new(lhs.expr),
                    kind,
                },
                span,
            },
            comparison: true,
            depth,
        })
    }

    /// A binary operator; `and` / `or` chains are flattened. The Pratt
    /// parser folds a chain from the left, so the left operand's list is
    /// extended in place: a chain of n operands lowers in O(n).
    fn infix(&self, lhs: Operand, op: Pair<'_, Rule>, rhs: Operand) -> Result<Operand> {
        let span = lhs.expr.span.to(&rhs.expr.span);
        let logical = match op.as_rule() {
            Rule::op_and => Some(LogicalOp::And),
            Rule::op_or => Some(LogicalOp::Or),
            _ => None,
        };
        if let Some(logical) = logical {
            // A chain is one level above its deepest operand; a chain it
            // absorbs already counts that level.
            let op_span = self.span(&op);
            let (mut operands, lhs_depth) = match lhs.expr.kind {
                ExprKind::Logical { op, operands } if op == logical => (operands, lhs.depth),
                kind => {
                    let expr = Expr {
                        kind,
                        span: lhs.expr.span,
                    };
                    (vec![expr], self.deeper(lhs.depth, op_span)?)
                }
            };
            let rhs_depth = match rhs.expr.kind {
                ExprKind::Logical {
                    op,
                    operands: inner,
                } if op == logical => {
                    operands.extend(inner);
                    rhs.depth
                }
                kind => {
                    operands.push(Expr {
                        kind,
                        span: rhs.expr.span,
                    });
                    self.deeper(rhs.depth, op_span)?
                }
            };
            let depth = lhs_depth.max(rhs_depth);
            return Ok(Operand::plain(
                Expr {
                    kind: ExprKind::Logical {
                        op: logical,
                        operands,
                    },
                    span,
                },
                depth,
            ));
        }
        let (binary, comparison) = match op.as_rule() {
            Rule::op_eq => (BinaryOp::Eq, true),
            Rule::op_ne => (BinaryOp::Ne, true),
            Rule::op_lt => (BinaryOp::Lt, true),
            Rule::op_le => (BinaryOp::Le, true),
            Rule::op_gt => (BinaryOp::Gt, true),
            Rule::op_ge => (BinaryOp::Ge, true),
            Rule::op_in => (BinaryOp::In, true),
            Rule::op_not_in => (BinaryOp::NotIn, true),
            Rule::op_add => (BinaryOp::Add, false),
            Rule::op_sub => (BinaryOp::Sub, false),
            Rule::op_mul => (BinaryOp::Mul, false),
            Rule::op_div => (BinaryOp::Div, false),
            _ => return Err(self.mismatch(&op, "expression")),
        };
        if binary == BinaryOp::Sub {
            self.not_a_date(span)?;
        }
        if comparison && (lhs.comparison || rhs.comparison) {
            return Err(SyntaxError::ChainedComparison {
                span: self.span(&op),
            });
        }
        let depth = self.deeper(lhs.depth.max(rhs.depth), self.span(&op))?;
        Ok(Operand {
            expr: Expr {
                kind: ExprKind::Binary {
                    op: binary,
                    lhs: Box::new(lhs.expr),
                    rhs: Box::new(rhs.expr),
                },
                span,
            },
            comparison,
            depth,
        })
    }

    /// A primary: a literal, a set, a parenthesised expression, a call or a path.
    fn primary(&self, pair: Pair<'_, Rule>) -> Result<Operand> {
        let span = self.span(&pair);
        let literal = |lit| {
            Ok(Operand::plain(
                Expr {
                    kind: ExprKind::Literal(lit),
                    span,
                },
                1,
            ))
        };
        match pair.as_rule() {
            Rule::boolean => literal(Literal::Bool(pair.as_str() == "true")),
            Rule::date => literal(Literal::Date(self.date(pair)?.date)),
            Rule::money => literal(Literal::Money(self.money(&pair)?)),
            Rule::percent => literal(Literal::Percent(self.percent(&pair)?)),
            Rule::duration => literal(Literal::Duration(self.duration(pair)?)),
            Rule::decimal => literal(Literal::Decimal(self.decimal(&pair)?)),
            Rule::integer => literal(Literal::Integer(self.integer(pair)?.value)),
            Rule::string => literal(Literal::Text(self.string(pair)?.value)),
            Rule::set => self.set(pair),
            Rule::paren => self.paren(pair),
            Rule::call => self.call(pair),
            Rule::path => self.path(pair).map(|path| Operand::plain(path, 1)),
            _ => Err(self.mismatch(&pair, "expression")),
        }
    }

    /// `set`: `{ expr, … }`.
    fn set(&self, pair: Pair<'_, Rule>) -> Result<Operand> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let (items, depth) = self.list(c.repeated(Rule::expr), span)?;
        c.done()?;
        Ok(Operand::plain(
            Expr {
                kind: ExprKind::Set(items),
                span,
            },
            depth,
        ))
    }

    /// The expressions of a set or of a call's arguments, and the depth of
    /// the node that holds them.
    fn list(&self, pairs: Vec<Pair<'_, Rule>>, at: Span) -> Result<(Vec<Expr>, usize)> {
        let mut below = 0;
        let mut items = Vec::with_capacity(pairs.len());
        for p in pairs {
            let item = self.operand(p)?;
            below = below.max(item.depth);
            items.push(item.expr);
        }
        Ok((items, self.deeper(below, at)?))
    }

    /// `paren`: `( expr )`; the expression's span grows to cover the
    /// parentheses, so every child span stays inside its parent's.
    fn paren(&self, pair: Pair<'_, Rule>) -> Result<Operand> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let inner = self.operand(c.required(Rule::expr)?)?;
        c.done()?;
        Ok(Operand::plain(
            Expr {
                kind: inner.expr.kind,
                span,
            },
            inner.depth,
        ))
    }

    /// `call`: `a.b.f(args)` or `points(x)`.
    fn call(&self, pair: Pair<'_, Rule>) -> Result<Operand> {
        let span = self.span(&pair);
        let mut c = self.children(pair);
        let callee = self.callee(c.required(Rule::callee)?);
        let (args, depth) = self.list(c.repeated(Rule::expr), span)?;
        c.done()?;
        Ok(Operand::plain(
            Expr {
                kind: ExprKind::Call { callee, args },
                span,
            },
            depth,
        ))
    }

    /// `callee`: a dotted name, which may start with `points`.
    fn callee(&self, pair: Pair<'_, Rule>) -> Vec<Ident> {
        pair.into_inner().map(|p| self.ident(p)).collect()
    }

    /// `path`: `a.b.c`.
    fn path(&self, pair: Pair<'_, Rule>) -> Result<Expr> {
        let span = self.span(&pair);
        let parts = pair.into_inner().map(|p| self.ident(p)).collect();
        Ok(Expr {
            kind: ExprKind::Path(parts),
            span,
        })
    }

    /// `ident` (or `field`, or a keyword standing as a name): the name as written.
    fn ident(&self, pair: Pair<'_, Rule>) -> Ident {
        Ident {
            name: pair.as_str().to_owned(),
            span: self.span(&pair),
        }
    }

    /// `string`: a quoted string with escapes resolved.
    fn string(&self, pair: Pair<'_, Rule>) -> Result<Text> {
        let span = self.span(&pair);
        let mut value = String::new();
        for part in pair.into_inner() {
            match part.as_rule() {
                Rule::string_body => {
                    value = unescape(self.file, part.as_str(), part.as_span().start())?;
                }
                Rule::unterminated => {
                    return Err(SyntaxError::UnterminatedString {
                        span: Span::new(self.file, span.start as usize, part.as_span().start()),
                    });
                }
                _ => return Err(self.mismatch(&part, "string")),
            }
        }
        Ok(Text { value, span })
    }

    /// `date`: `YYYY-MM-DD`, checked against the calendar.
    fn date(&self, pair: Pair<'_, Rule>) -> Result<DateLit> {
        let span = self.span(&pair);
        let text = pair.as_str();
        let field = |range: std::ops::Range<usize>| {
            text.get(range)
                .and_then(|s| s.parse::<u32>().ok())
                .unwrap_or(0)
        };
        let (year, month, day) = (field(0..4), field(5..7), field(8..10));
        let year = i32::try_from(year).unwrap_or(0);
        match NaiveDate::from_ymd_opt(year, month, day) {
            Some(date) => Ok(DateLit { date, span }),
            None => Err(SyntaxError::InvalidDate {
                text: text.to_owned(),
                reason: date_problem(year, month, day),
                span,
            }),
        }
    }

    /// `2024-1-1` or `01-01-2024` written without spaces is a date in the
    /// wrong form, not a subtraction: refused with the date it means.
    fn not_a_date(&self, span: Span) -> Result<()> {
        let Some(text) = self.text.get(span.start as usize..span.end as usize) else {
            return Ok(());
        };
        let parts: Vec<&str> = text.split('-').collect();
        let date_like = parts.len() == 3
            && parts
                .iter()
                .all(|p| (1..=4).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()));
        match (date_like, crate::model::dates::parse_date(text)) {
            (true, Err(e)) => Err(SyntaxError::InvalidDate {
                text: text.to_owned(),
                reason: e.to_string(),
                span,
            }),
            _ => Ok(()),
        }
    }

    /// `money`: `€1234` or `€1234.56`.
    fn money(&self, pair: &Pair<'_, Rule>) -> Result<Decimal> {
        let text = pair.as_str();
        let body = text.strip_prefix('€').unwrap_or(text);
        let (euros, cents) = body.split_once('.').unwrap_or((body, "00"));
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(euros) && digits(cents) && cents.len() == 2) {
            return Err(SyntaxError::InvalidMoney {
                text: text.to_owned(),
                span: self.span(pair),
            });
        }
        self.parse_decimal(pair, body)
    }

    /// `percent`: `92.5%`, kept as written (92.5).
    fn percent(&self, pair: &Pair<'_, Rule>) -> Result<Decimal> {
        let text = pair.as_str();
        self.parse_decimal(pair, text.strip_suffix('%').unwrap_or(text))
    }

    /// `decimal`: `3.5`.
    fn decimal(&self, pair: &Pair<'_, Rule>) -> Result<Decimal> {
        self.parse_decimal(pair, pair.as_str())
    }

    /// A money, percent or decimal literal, at most
    /// [`crate::limits::MAX_AMOUNT`] so that sums and products of a few of
    /// them with the data's amounts stay inside the decimal range.
    fn parse_decimal(&self, pair: &Pair<'_, Rule>, digits: &str) -> Result<Decimal> {
        Decimal::from_str(digits)
            .ok()
            .filter(|d| d.abs() <= crate::limits::max_amount())
            .ok_or_else(|| SyntaxError::NumberTooLarge {
                text: pair.as_str().to_owned(),
                limit: format!(
                    "amounts, percentages and decimal numbers are at most {}",
                    crate::limits::MAX_AMOUNT
                ),
                span: self.span(pair),
            })
    }

    /// `integer` or `signed_integer`: a whole number that fits in 64 bits.
    fn integer(&self, pair: Pair<'_, Rule>) -> Result<Integer> {
        let span = self.span(&pair);
        let text = pair.as_str();
        let value = text
            .strip_prefix('+')
            .unwrap_or(text)
            .parse::<i64>()
            .map_err(|_| SyntaxError::NumberTooLarge {
                text: text.to_owned(),
                limit: format!("a whole number is at most {}", i64::MAX),
                span,
            })?;
        Ok(Integer { value, span })
    }

    /// `duration`: `4 years 2 months`; repeated units add up, to at most
    /// [`crate::limits::MAX_DURATION_YEARS`] in years and months together
    /// and as many years of 366 days in days: a longer one would saturate
    /// in the calendar arithmetic instead of meaning what it says.
    fn duration(&self, pair: Pair<'_, Rule>) -> Result<Duration> {
        let max_months = crate::limits::MAX_DURATION_YEARS.saturating_mul(12);
        let max_days = crate::limits::MAX_DURATION_YEARS.saturating_mul(366);
        let whole = self.span(&pair);
        let too_long = |text: &str, span: Span| SyntaxError::NumberTooLarge {
            text: text.to_owned(),
            limit: format!(
                "a duration is at most {} years ({max_months} months, {max_days} days)",
                crate::limits::MAX_DURATION_YEARS
            ),
            span,
        };
        let mut duration = Duration::default();
        for part in pair
            .clone()
            .into_inner()
            .filter(|p| p.as_rule() == Rule::duration_part)
        {
            let span = self.span(&part);
            let mut c = self.children(part.clone());
            let count = c.required(Rule::integer)?;
            let count: u32 = count
                .as_str()
                .parse()
                .map_err(|_| too_long(part.as_str(), span))?;
            let unit = c.required(Rule::duration_unit)?;
            c.done()?;
            let slot = match unit.as_str() {
                "year" | "years" => &mut duration.years,
                "month" | "months" => &mut duration.months,
                "day" | "days" => &mut duration.days,
                _ => return Err(self.mismatch(&unit, "duration")),
            };
            *slot = slot
                .checked_add(count)
                .ok_or_else(|| too_long(part.as_str(), span))?;
        }
        if duration.total_months() > u64::from(max_months) || duration.days > max_days {
            return Err(too_long(pair.as_str().trim_end(), whole));
        }
        Ok(duration)
    }
}

/// Why `year-month-day` is no date, in words: the same words as every
/// other reader of dates.
fn date_problem(year: i32, month: u32, day: u32) -> String {
    crate::model::dates::calendar_problem(year, month, day)
}

/// Resolves `\"`, `\\`, `\n` and `\t` in `raw`, which starts at byte `start`.
fn unescape(file: FileId, raw: &str, start: usize) -> Result<String> {
    let mut out = String::with_capacity(raw.len());
    let mut chars = raw.char_indices();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        let next = chars.next();
        match next.map(|(_, n)| n) {
            Some('"') => out.push('"'),
            Some('\\') => out.push('\\'),
            Some('n') => out.push('\n'),
            Some('t') => out.push('\t'),
            _ => {
                // The backslash and the character after it, if any.
                let end = next.map_or(raw.len(), |(j, n)| j.saturating_add(n.len_utf8()));
                // `raw` lies inside the file at `start`: these offsets are
                // at most the file's length.
                return Err(SyntaxError::UnknownEscape {
                    escape: raw.get(i..end).unwrap_or("\\").to_owned(),
                    span: Span::new(file, start.saturating_add(i), start.saturating_add(end)),
                });
            }
        }
    }
    Ok(out)
}
