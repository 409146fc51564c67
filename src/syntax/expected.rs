//! What each grammar rule means to a user, so that pest's "expected
//! `rule_x`" becomes "expected `require` or `unless`".
//!
//! The table is an exhaustive `match`: a new grammar rule does not compile
//! until it says how an error should name it.

use pest::error::{ErrorVariant, InputLocation};

use crate::source::{FileId, Span};

use super::SyntaxError;
use super::grammar::Rule;

/// How a rule is named in an error message.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expected {
    /// Text the user types, shown in backticks: `require`.
    Token(&'static str),
    /// A description: "a date like `2024-01-01`".
    Phrase(&'static str),
    /// Not worth naming (internal structure, whitespace).
    Hidden,
}

/// The item keywords; when all are expected, errors say "a rule" instead.
pub(crate) const ITEM_KEYWORDS: &[&str] = &[
    "region",
    "param",
    "designation",
    "define",
    "gate",
    "priority",
    "tailored",
    "points",
    "classify",
    "quota",
    "order",
];

const OPERATOR: &str = "an operator";
const EXPRESSION: &str = "an expression";
const A_RULE: &str = "a rule";
const END: &str = "end of file";

/// What an error should call `rule` when it was expected.
pub(crate) fn expected(rule: Rule) -> Expected {
    use Expected::{Hidden, Phrase, Token};
    match rule {
        Rule::EOI => Phrase(END),
        Rule::WHITESPACE | Rule::COMMENT | Rule::file => Hidden,
        Rule::header | Rule::kw_ruleset => Token("ruleset"),
        Rule::in_force => Token("in force from"),
        Rule::import | Rule::kw_import => Token("import"),
        Rule::source | Rule::kw_source => Token("source"),
        Rule::region | Rule::kw_region => Token("region"),
        Rule::region_member => Phrase("a municipality"),
        Rule::param | Rule::kw_param => Token("param"),
        Rule::type_name => Phrase("a type like `money` or `set of sector`"),
        Rule::set_of => Token("set of"),
        Rule::policy | Rule::kw_policy => Token("policy"),
        Rule::param_value | Rule::assign => Token("="),
        Rule::unverified | Rule::kw_unverified => Token("unverified"),
        Rule::gate | Rule::kw_gate => Token("gate"),
        Rule::applies => Token("applies when"),
        Rule::require | Rule::kw_require => Token("require"),
        Rule::exemption | Rule::kw_unless => Token("unless"),
        Rule::override_by | Rule::kw_override => Token("override"),
        Rule::message | Rule::kw_message => Token("message"),
        Rule::letter | Rule::kw_letter => Token("letter"),
        Rule::authority | Rule::kw_authority => Token("authority"),
        Rule::objections | Rule::kw_objections => Token("objections to"),
        Rule::signed | Rule::kw_signed => Token("signed by"),
        Rule::kw_to => Token("to"),
        Rule::priority | Rule::kw_priority => Token("priority"),
        Rule::urgent | Rule::kw_urgent => Token("urgent"),
        Rule::tailored | Rule::kw_tailored => Token("tailored"),
        Rule::define | Rule::kw_define => Token("define"),
        Rule::designation | Rule::kw_designation => Token("designation"),
        Rule::points | Rule::kw_points => Token("points"),
        Rule::contribution | Rule::signed_integer => Phrase("points like `+3 when …`"),
        Rule::classify | Rule::kw_classify => Token("classify"),
        Rule::label => Phrase("a label like `drager when …`"),
        Rule::quota | Rule::kw_quota => Token("quota"),
        Rule::bound => Phrase("`at most` or `at least`"),
        Rule::share => Phrase("a percentage like `25%` or a parameter"),
        Rule::among | Rule::kw_among => Token("among"),
        Rule::with | Rule::kw_with => Token("with"),
        Rule::scope => Phrase("`per complex`, `per buurt`, `per owner` or `overall`"),
        Rule::window => Phrase("`over the calendar year` or `over the last …`"),
        Rule::calendar_year => Token("calendar year"),
        Rule::rolling | Rule::kw_last => Token("last"),
        Rule::order | Rule::kw_order => Token("order"),
        Rule::order_key => Phrase("a sort key"),
        Rule::direction => Phrase("`asc` or `desc`"),
        Rule::expr | Rule::prefix | Rule::primary => Phrase(EXPRESSION),
        // `kw_not` only starts `not in`, and `kw_designated` the postfix.
        Rule::postfix | Rule::infix | Rule::designated | Rule::kw_designated | Rule::kw_not => {
            Phrase(OPERATOR)
        }
        Rule::op_or
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
        | Rule::op_neg => Phrase(OPERATOR),
        Rule::next_contribution => Hidden,
        Rule::set => Token("{"),
        Rule::paren => Token("("),
        Rule::call | Rule::callee | Rule::path | Rule::ident => Phrase("a name"),
        Rule::field => Phrase("a field name"),
        Rule::boolean => Phrase("`true` or `false`"),
        Rule::date => Phrase("a date like `2024-01-01`"),
        Rule::money => Phrase("an amount like `€1234.56`"),
        Rule::percent => Phrase("a percentage like `25%`"),
        Rule::duration | Rule::duration_part => Phrase("a duration like `12 months`"),
        Rule::duration_unit => Phrase("a time unit (`years`, `months`, `days`)"),
        Rule::decimal => Phrase("a number"),
        Rule::integer => Phrase("a whole number"),
        Rule::string => Phrase("a string in double quotes"),
        Rule::template => Phrase("a message in double quotes"),
        Rule::string_body
        | Rule::unterminated
        | Rule::template_text
        | Rule::template_lbrace
        | Rule::template_rbrace
        | Rule::template_stray => Hidden,
        Rule::template_hole => Token("{"),
        Rule::ident_char | Rule::word | Rule::keyword => Hidden,
        Rule::kw_allocations => Token("allocations"),
        Rule::kw_applies => Token("applies"),
        Rule::kw_asc => Token("asc"),
        Rule::kw_at => Token("at"),
        Rule::kw_because => Token("because"),
        Rule::kw_buurt => Token("buurt"),
        Rule::kw_by => Token("by"),
        Rule::kw_calendar => Token("calendar"),
        Rule::kw_complex => Token("complex"),
        Rule::kw_desc => Token("desc"),
        Rule::kw_force => Token("force"),
        Rule::kw_from => Token("from"),
        Rule::kw_in => Token("in"),
        Rule::kw_least => Token("least"),
        Rule::kw_lottery => Token("lottery"),
        Rule::kw_most => Token("most"),
        Rule::kw_of => Token("of"),
        Rule::kw_otherwise => Token("otherwise"),
        Rule::kw_over => Token("over"),
        Rule::kw_overall => Token("overall"),
        Rule::kw_owner => Token("owner"),
        Rule::kw_per => Token("per"),
        Rule::kw_rank => Token("rank"),
        Rule::kw_set => Token("set"),
        Rule::kw_the => Token("the"),
        Rule::kw_until => Token("until"),
        Rule::kw_version => Token("version"),
        Rule::kw_when => Token("when"),
        Rule::kw_year => Token("year"),
        Rule::colon => Token(":"),
        Rule::comma => Token(","),
        Rule::open_brace => Token("{"),
        Rule::close_brace => Token("}"),
        Rule::open_paren => Token("("),
        Rule::close_paren => Token(")"),
        // Variant files (issue 11).
        Rule::variant_file | Rule::variant_change | Rule::variant_item => Hidden,
        Rule::variant_header | Rule::kw_variant => Token("variant"),
        Rule::kw_amends => Token("amends"),
        Rule::variant_set => Token("set param"),
        Rule::variant_switch | Rule::kw_switch => Token("switch off"),
        Rule::kw_off => Token("off"),
        Rule::rule_kind => Phrase("a kind of rule like `gate`"),
        Rule::variant_add | Rule::kw_add => Token("add"),
        Rule::variant_replace | Rule::kw_replace => Token("replace"),
        Rule::variant_designate | Rule::kw_designate => Token("designate"),
        Rule::variant_end | Rule::kw_end => Token("end designation"),
        Rule::kw_on => Token("on"),
        Rule::data_id => Phrase("an id like `C-02`"),
    }
}

/// Whether a word is reserved by the language and so cannot be a name.
pub fn is_reserved(word: &str) -> bool {
    RESERVED.contains(&word)
}

/// Every reserved word, as the grammar's `keyword` rule lists them.
pub(crate) const RESERVED: &[&str] = &[
    "allocations",
    "among",
    "and",
    "applies",
    "asc",
    "at",
    "because",
    "buurt",
    "by",
    "calendar",
    "classify",
    "complex",
    "day",
    "days",
    "define",
    "designated",
    "desc",
    "false",
    "force",
    "from",
    "gate",
    "import",
    "in",
    "last",
    "least",
    "lottery",
    "message",
    "month",
    "months",
    "most",
    "not",
    "of",
    "or",
    "order",
    "otherwise",
    "over",
    "overall",
    "override",
    "owner",
    "param",
    "per",
    "points",
    "policy",
    "priority",
    "quota",
    "rank",
    "region",
    "require",
    "ruleset",
    "set",
    "source",
    "tailored",
    "the",
    "true",
    "unless",
    "until",
    "unverified",
    "urgent",
    "version",
    "when",
    "with",
    "year",
    "years",
];

/// Turns pest's error into [`SyntaxError::Unexpected`] in the user's words.
pub(crate) fn unexpected(
    file: FileId,
    text: &str,
    error: &pest::error::Error<Rule>,
) -> SyntaxError {
    let pos = match error.location {
        InputLocation::Pos(p) => p,
        InputLocation::Span((start, _)) => start,
    };
    let positives: &[Rule] = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => positives,
        ErrorVariant::CustomError { .. } => &[],
    };
    let (found, span) = found_token(file, text, pos);
    let word = found.trim_matches('`');
    let (tokens, phrases) = describe(positives);
    let rest = text.get(pos..).unwrap_or("");
    let before = text.get(..pos).unwrap_or("");
    let hint = slip(rest, before, word, &tokens).or_else(|| hint(rest, word, &tokens, &phrases));
    // An invisible or look-alike character is named, not shown as itself.
    let found = lookalike(rest).map_or(found, |(name, _)| name.to_owned());
    let mut items: Vec<String> = Vec::new();
    // Item keywords are many and all alike: "a rule" says it, the hint lists them.
    let all_items = ITEM_KEYWORDS.iter().all(|k| tokens.contains(k));
    for t in &tokens {
        if !(all_items && ITEM_KEYWORDS.contains(t)) {
            items.push(format!("`{t}`"));
        }
    }
    let mut phrases = phrases;
    if all_items {
        phrases.push(A_RULE);
    }
    // Continuing the expression first, starting something new last.
    phrases.sort_by_key(|p| match *p {
        EXPRESSION | OPERATOR => 0,
        A_RULE => 2,
        END => 3,
        _ => 1,
    });
    items.extend(phrases.iter().map(|p| (*p).to_owned()));
    let expected = if items.is_empty() {
        "something else".to_owned()
    } else {
        join(&items)
    };
    if let Some((open, close, at)) = unclosed(before, &tokens) {
        return SyntaxError::Unclosed {
            open,
            close,
            found,
            span: Span::new(file, at, at.saturating_add(open.len_utf8())),
            gave_up: span,
        };
    }
    SyntaxError::Unexpected {
        expected,
        found,
        hint,
        span,
    }
}

/// The innermost bracket left open before the error, when the parser
/// expected its closing bracket there: `(` … found `message`. Strings
/// and comments are skipped; their brackets do not count.
fn unclosed(before: &str, tokens: &[&str]) -> Option<(char, char, usize)> {
    let expects = |c: &str| tokens.contains(&c);
    if !expects(")") && !expects("}") {
        return None;
    }
    let mut open: Vec<(char, usize)> = Vec::new();
    let mut in_string = false;
    let mut in_comment = false;
    let mut escaped = false;
    for (i, c) in before.char_indices() {
        if in_comment {
            in_comment = c != '\n';
            continue;
        }
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' | '\n' => in_string = false,
                _ => {}
            }
            continue;
        }
        match c {
            '"' => in_string = true,
            '#' => in_comment = true,
            '(' | '{' => open.push((c, i)),
            ')' | '}' => {
                open.pop();
            }
            _ => {}
        }
    }
    let (bracket, at) = open.last().copied()?;
    let close = if bracket == '(' { ')' } else { '}' };
    expects(if bracket == '(' { ")" } else { "}" }).then_some((bracket, close, at))
}

/// Whether a rule, tried where an operand may start, is one way to start it.
fn starts_operand(rule: Rule) -> bool {
    matches!(
        rule,
        Rule::boolean
            | Rule::date
            | Rule::money
            | Rule::percent
            | Rule::duration
            | Rule::duration_part
            | Rule::decimal
            | Rule::integer
            | Rule::string
            | Rule::set
            | Rule::paren
            | Rule::call
            | Rule::callee
            | Rule::path
            | Rule::op_not
            | Rule::op_neg
            | Rule::expr
            | Rule::ident
            | Rule::kw_points
            | Rule::open_paren
            | Rule::open_brace
    )
}

/// The expected tokens and phrases, each once, in the order pest tried them.
/// Where an operand may start, the dozen ways to write one are "an expression".
fn describe(positives: &[Rule]) -> (Vec<&'static str>, Vec<&'static str>) {
    // `true`/`false` is tried only where an operand may start.
    let operand = positives.contains(&Rule::boolean);
    let mut tokens: Vec<&'static str> = Vec::new();
    let mut phrases: Vec<&'static str> = Vec::new();
    for &rule in positives {
        let described = if operand && starts_operand(rule) {
            Expected::Phrase(EXPRESSION)
        } else {
            expected(rule)
        };
        match described {
            Expected::Token(t) if !tokens.contains(&t) => tokens.push(t),
            Expected::Phrase(p) if !phrases.contains(&p) => phrases.push(p),
            _ => {}
        }
    }
    (tokens, phrases)
}

/// Dutch words policy officers write by habit, with the keyword meant.
const DUTCH: &[(&str, &str)] = &[
    ("en", "and"),
    ("niet", "not"),
    ("vereist", "require"),
    ("vereiste", "require"),
    ("eis", "require"),
    ("poort", "gate"),
    ("tenzij", "unless"),
    ("behalve", "unless"),
    ("vanaf", "from"),
    ("tot", "until"),
    ("wanneer", "when"),
    ("als", "when"),
    ("indien", "when"),
    ("omdat", "because"),
    ("bron", "source"),
    ("voorrang", "priority"),
    ("regio", "region"),
    ("punten", "points"),
    ("waar", "true"),
    ("onwaar", "false"),
    ("bericht", "message"),
    ("rangorde", "order"),
    ("quotum", "quota"),
];

/// Characters pasted from a word processor that look like ordinary ones,
/// with their name and what to write instead.
const LOOKALIKES: &[(char, &str, &str)] = &[
    (
        '\u{a0}',
        "a non-breaking space (U+00A0)",
        "an ordinary space",
    ),
    ('\u{2007}', "a figure space (U+2007)", "an ordinary space"),
    (
        '\u{202f}',
        "a narrow non-breaking space (U+202F)",
        "an ordinary space",
    ),
    ('\u{2009}', "a thin space (U+2009)", "an ordinary space"),
    ('\u{200b}', "a zero-width space (U+200B)", "nothing"),
    ('\u{201c}', "a curly quote `“`", "a straight quote `\"`"),
    ('\u{201d}', "a curly quote `”`", "a straight quote `\"`"),
    ('\u{201e}', "a low curly quote `„`", "a straight quote `\"`"),
    ('\u{2018}', "a curly quote `‘`", "a straight quote `\"`"),
    ('\u{2019}', "a curly quote `’`", "a straight quote `\"`"),
    ('\u{2013}', "an en dash `–`", "a hyphen-minus `-`"),
    ('\u{2014}', "an em dash `—`", "a hyphen-minus `-`"),
    ('\u{2264}', "the sign `≤`", "`<=`"),
    ('\u{2265}', "the sign `≥`", "`>=`"),
    ('\u{2260}', "the sign `≠`", "`!=`"),
];

/// The look-alike character `rest` starts with, if any: its name and the
/// advice.
fn lookalike(rest: &str) -> Option<(&'static str, String)> {
    let c = rest.chars().next()?;
    LOOKALIKES
        .iter()
        .find(|(l, _, _)| *l == c)
        .map(|(_, name, instead)| {
            (
                *name,
                format!(
                    "write {instead} instead (text pasted from a word processor often carries it)"
                ),
            )
        })
}

/// Slips with a known cause: a Dutch keyword, a look-alike character, a
/// space after the euro sign, a date not written `YYYY-MM-DD`, a clause
/// out of its place.
fn slip(rest: &str, before: &str, word: &str, tokens: &[&str]) -> Option<String> {
    if let Some((_, advice)) = lookalike(rest) {
        return Some(advice);
    }
    let lower = word.to_lowercase();
    if let Some((_, meant)) = DUTCH.iter().find(|(nl, _)| *nl == lower) {
        return Some(format!(
            "did you mean `{meant}`? Rule files use English keywords"
        ));
    }
    let trimmed = before.trim_end_matches([' ', '\t']);
    if trimmed.ends_with('€')
        && trimmed.len() < before.len()
        && rest.starts_with(|c: char| c.is_ascii_digit())
    {
        let amount: String = rest
            .chars()
            .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
            .collect();
        return Some(format!(
            "write the amount right after the euro sign: `€{amount}`"
        ));
    }
    if let Some(date) = date_like(rest, before) {
        if let Err(e) = crate::model::dates::parse_date(&date) {
            return Some(format!("dates are written `YYYY-MM-DD`: {e}"));
        }
    }
    let gate_clause = ["applies", "require", "unless", "message"];
    if gate_clause.contains(&word)
        && tokens
            .iter()
            .any(|t| gate_clause.iter().any(|g| t.starts_with(g)))
    {
        return Some(
            "a gate's clauses come in this order: `applies when`, `require`, `unless …`, `message`"
                .to_owned(),
        );
    }
    let quota_clause = ["applies", "at", "among", "with", "per", "overall", "over"];
    if quota_clause.contains(&word)
        && tokens
            .iter()
            .any(|t| quota_clause.iter().any(|q| t.starts_with(q)))
        && tokens.contains(&"of")
    {
        return Some("a quota's clauses come in this order: `applies when`, `at most|at least SHARE of allocations`, `among`, `with`, `per …` or `overall`, `over the …`".to_owned());
    }
    None
}

/// The date-like text around the error (`2024-1-1`, `01-01-2024`): digits
/// and hyphens from the start of the current word.
fn date_like(rest: &str, before: &str) -> Option<String> {
    let is_part = |c: char| c.is_ascii_digit() || c == '-';
    let head: String = before
        .chars()
        .rev()
        .take_while(|c| is_part(*c))
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let tail: String = rest.chars().take_while(|c| is_part(*c)).collect();
    let text = format!("{head}{tail}");
    let dashes = text.matches('-').count();
    (dashes == 2 && text.starts_with(|c: char| c.is_ascii_digit()) && !text.ends_with('-'))
        .then_some(text)
}

/// Advice for common slips: a misspelt keyword, operators from other
/// languages, a reserved word used as a name.
fn hint(rest: &str, word: &str, tokens: &[&str], phrases: &[&str]) -> Option<String> {
    if rest.starts_with("==") || (rest.starts_with('=') && phrases.contains(&EXPRESSION)) {
        return Some("compare with a single `=`".to_owned());
    }
    if rest.starts_with("&&") {
        return Some("write `and`".to_owned());
    }
    if rest.starts_with("||") {
        return Some("write `or`".to_owned());
    }
    if rest.starts_with('!') && !rest.starts_with("!=") {
        return Some("write `not`".to_owned());
    }
    if matches!(word, "week" | "weeks") && phrases.iter().any(|p| p.contains("time unit")) {
        return Some("write weeks as days, like `14 days`".to_owned());
    }
    if matches!(word, "ruleset" | "import") && ITEM_KEYWORDS.iter().all(|k| tokens.contains(k)) {
        return Some(
            "the `ruleset` header and the `import` lines come before every rule".to_owned(),
        );
    }
    if phrases.contains(&"a name") && is_reserved(word) {
        return Some(format!("`{word}` is a reserved word and cannot be a name"));
    }
    let first = word.chars().next()?;
    if first.is_ascii_alphabetic() {
        let suggestion = tokens
            .iter()
            .filter(|t| t.chars().all(|c| c.is_ascii_alphabetic()))
            .map(|t| (crate::diagnostics::edit_distance(word, t), *t))
            .filter(|(d, t)| *d > 0 && *d <= 2 && t.len() > 2)
            .min();
        if let Some((_, t)) = suggestion {
            return Some(format!("did you mean `{t}`?"));
        }
    }
    if ITEM_KEYWORDS.iter().all(|k| tokens.contains(k)) {
        let keywords: Vec<String> = ITEM_KEYWORDS.iter().map(|k| format!("`{k}`")).collect();
        return Some(format!("a rule starts with {}", join(&keywords)));
    }
    None
}

/// The token at `pos` in the user's words, and its span.
fn found_token(file: FileId, text: &str, pos: usize) -> (String, Span) {
    let rest = text.get(pos..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        // Point just after the last token rather than at an empty last line.
        let end = text.get(..pos).map_or(pos, |t| t.trim_end().len());
        return ("end of file".to_owned(), Span::new(file, end, end));
    };
    let len = if first.is_ascii_alphanumeric() || first == '_' {
        rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(rest.len())
    } else if first == '\n' || first == '\r' {
        return ("end of line".to_owned(), Span::new(file, pos, pos));
    } else {
        first.len_utf8()
    };
    let token = rest.get(..len).unwrap_or(rest);
    // The token lies inside `text`: its end is at most `text.len()`.
    (
        format!("`{token}`"),
        Span::new(file, pos, pos.saturating_add(len)),
    )
}

/// `a`, `a or b`, `a, b or c`.
fn join(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}
