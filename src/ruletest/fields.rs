//! Reading the mappings of a test file strictly: every key checked against
//! the ones allowed, every value checked for its kind, every problem kept
//! with its line.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use crate::model::yaml::{Node, NodeKind};
use crate::ruletest::error::RuleTestError;
use crate::ruletest::spec::Word;

/// The keys of one mapping, checked.
pub(crate) struct Fields<'a> {
    /// The mapping node.
    pub node: &'a Node,
    /// Where the mapping is, in words (`case \`x\``).
    pub context: String,
    entries: BTreeMap<&'a str, (&'a Node, &'a Node)>,
}

impl<'a> Fields<'a> {
    /// Checks that `node` is a mapping whose keys are all in `allowed`;
    /// reports each other key and each key given twice.
    pub fn new(
        node: &'a Node,
        context: impl Into<String>,
        allowed: &'static [&'static str],
        errors: &mut Vec<RuleTestError>,
    ) -> Option<Self> {
        let context = context.into();
        let NodeKind::Map(entries) = &node.kind else {
            errors.push(wrong(node, "a mapping"));
            return None;
        };
        let mut map = BTreeMap::new();
        for (k, v) in entries {
            let key = k.as_str().unwrap_or("?");
            if !allowed.contains(&key) {
                errors.push(RuleTestError::UnknownKey {
                    span: k.span,
                    key: key.to_owned(),
                    context: context.clone(),
                    allowed,
                });
            } else if map.insert(key, (k, v)).is_some() {
                errors.push(RuleTestError::Duplicate {
                    span: k.span,
                    what: "key",
                    name: key.to_owned(),
                });
            }
        }
        Some(Fields {
            node,
            context,
            entries: map,
        })
    }

    /// The value of `key`, if given (a plain null counts as not given).
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.entries
            .get(key)
            .map(|(_, v)| *v)
            .filter(|v| !v.is_null())
    }

    /// The value of `key`, reporting its absence.
    pub fn require(&self, key: &'static str, errors: &mut Vec<RuleTestError>) -> Option<&'a Node> {
        let value = self.get(key);
        if value.is_none() {
            errors.push(RuleTestError::MissingKey {
                span: self.node.span,
                key,
                context: self.context.clone(),
            });
        }
        value
    }
}

/// What a node is, in words, for messages.
pub(crate) fn found(node: &Node) -> String {
    match &node.kind {
        NodeKind::Scalar { value, .. } => format!("`{value}`"),
        NodeKind::Seq(_) => "a list".into(),
        NodeKind::Map(_) => "a mapping".into(),
    }
}

/// A wrong-kind error at `node`.
pub(crate) fn wrong(node: &Node, expected: &str) -> RuleTestError {
    RuleTestError::WrongType {
        span: node.span,
        expected: expected.into(),
        found: found(node),
    }
}

/// A scalar as a word.
pub(crate) fn word(node: &Node, errors: &mut Vec<RuleTestError>) -> Option<Word> {
    match &node.kind {
        NodeKind::Scalar { value, .. } if !node.is_null() => Some(Word {
            text: value.clone(),
            span: node.span,
        }),
        _ => {
            errors.push(wrong(node, "text"));
            None
        }
    }
}

/// A list of words (a single word is read as a list of one).
pub(crate) fn words(node: &Node, errors: &mut Vec<RuleTestError>) -> Option<Vec<Word>> {
    match &node.kind {
        NodeKind::Seq(items) => {
            let before = errors.len();
            let words: Vec<Word> = items.iter().filter_map(|n| word(n, errors)).collect();
            (errors.len() == before).then_some(words)
        }
        _ => word(node, errors).map(|w| vec![w]),
    }
}

/// A date `YYYY-MM-DD`.
pub(crate) fn date(node: &Node, errors: &mut Vec<RuleTestError>) -> Option<NaiveDate> {
    let parsed = node
        .as_str()
        .map(crate::model::dates::parse_date)
        .transpose();
    match parsed {
        Ok(Some(date)) => Some(date),
        Ok(None) => {
            errors.push(wrong(node, "a date `YYYY-MM-DD`"));
            None
        }
        Err(e) => {
            errors.push(wrong(node, &format!("a date `YYYY-MM-DD`{}", e.aside())));
            None
        }
    }
}

/// `true` or `false`, written plain.
pub(crate) fn boolean(node: &Node, errors: &mut Vec<RuleTestError>) -> Option<bool> {
    match &node.kind {
        NodeKind::Scalar { value, plain: true } if value == "true" => Some(true),
        NodeKind::Scalar { value, plain: true } if value == "false" => Some(false),
        _ => {
            errors.push(wrong(node, "`true` or `false`"));
            None
        }
    }
}

/// A whole number, written plain.
pub(crate) fn integer(node: &Node, errors: &mut Vec<RuleTestError>) -> Option<i64> {
    let parsed = match &node.kind {
        NodeKind::Scalar { value, plain: true } => value.parse::<i64>().ok(),
        _ => None,
    };
    if parsed.is_none() {
        errors.push(wrong(node, "a whole number"));
    }
    parsed
}
