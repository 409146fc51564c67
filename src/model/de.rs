//! A serde deserializer over positioned YAML nodes: every error it returns
//! knows the node it happened at and the path from the top of the record.
//!
//! Plain scalars are typed by the YAML 1.2 core schema (so `no` is a string,
//! not `false`), quoted scalars are always strings. A plain number asked for
//! as "anything" (as `rust_decimal` asks) is handed over as its text, so
//! amounts parse exactly and never pass through binary floating point.

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

use crate::model::path::Step;
use crate::model::yaml::{Node, NodeKind, is_null};
use crate::source::Span;

/// What went wrong while turning a node into a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeErrorKind {
    /// The value has the wrong type.
    InvalidType {
        /// What was found, e.g. ``a number `12` ``.
        found: String,
        /// What was expected.
        expected: String,
    },
    /// The value has the right type but is not acceptable (e.g. no such date).
    InvalidValue {
        /// What was found.
        found: String,
        /// What was expected or why it is wrong.
        expected: String,
    },
    /// A key the record does not have.
    UnknownField {
        /// The key.
        field: String,
        /// The keys it may have.
        expected: &'static [&'static str],
    },
    /// A word not in a closed vocabulary.
    UnknownVariant {
        /// The word.
        variant: String,
        /// The words allowed.
        expected: &'static [&'static str],
    },
    /// A required key is absent.
    MissingField(&'static str),
    /// A key given twice.
    DuplicateField(&'static str),
    /// A date not written `YYYY-MM-DD`, or not in the calendar.
    Date(crate::model::dates::DateError),
    /// Anything else serde reports.
    Custom(String),
}

/// An error with its place: the node's span and the path inside the record
/// (innermost step first while the error travels up; see [`DeError::steps`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeError {
    /// What went wrong.
    pub kind: DeErrorKind,
    /// The node it happened at.
    pub span: Option<Span>,
    rev_path: Vec<Step>,
}

impl DeError {
    fn new(kind: DeErrorKind) -> Self {
        DeError {
            kind,
            span: None,
            rev_path: Vec::new(),
        }
    }

    /// The path from the record down to the failing value, outermost first.
    pub fn steps(&self) -> Vec<Step> {
        self.rev_path.iter().rev().cloned().collect()
    }

    fn at(mut self, span: Span) -> Self {
        if self.span.is_none() {
            self.span = Some(span);
        }
        self
    }

    fn under(mut self, step: Step) -> Self {
        self.rev_path.push(step);
        self
    }
}

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            DeErrorKind::InvalidType { found, expected }
            | DeErrorKind::InvalidValue { found, expected } => {
                write!(f, "expected {expected}, found {found}")
            }
            DeErrorKind::UnknownField { field, .. } => write!(f, "unknown field `{field}`"),
            DeErrorKind::UnknownVariant { variant, .. } => write!(f, "unknown value `{variant}`"),
            DeErrorKind::MissingField(field) => write!(f, "missing field `{field}`"),
            DeErrorKind::DuplicateField(field) => write!(f, "field `{field}` given twice"),
            DeErrorKind::Custom(msg) => f.write_str(msg),
            DeErrorKind::Date(e) => write!(f, "{e}"),
        }
    }
}

impl std::error::Error for DeError {}

fn describe(unexp: de::Unexpected<'_>) -> String {
    use de::Unexpected as U;
    match unexp {
        U::Bool(b) => format!("the boolean `{b}`"),
        U::Unsigned(n) => format!("the number `{n}`"),
        U::Signed(n) => format!("the number `{n}`"),
        U::Float(n) => format!("the number `{n}`"),
        U::Str(s) => format!("the text `{s}`"),
        U::Unit => "nothing (null)".to_owned(),
        U::Seq => "a list".to_owned(),
        U::Map => "a mapping".to_owned(),
        other => other.to_string(),
    }
}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        DeError::new(DeErrorKind::Custom(msg.to_string()))
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError::new(DeErrorKind::InvalidType {
            found: describe(unexp),
            expected: exp.to_string(),
        })
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        DeError::new(DeErrorKind::InvalidValue {
            found: describe(unexp),
            expected: exp.to_string(),
        })
    }

    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        DeError::new(DeErrorKind::UnknownField {
            field: field.to_owned(),
            expected,
        })
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        DeError::new(DeErrorKind::UnknownVariant {
            variant: variant.to_owned(),
            expected,
        })
    }

    fn missing_field(field: &'static str) -> Self {
        DeError::new(DeErrorKind::MissingField(field))
    }

    fn duplicate_field(field: &'static str) -> Self {
        DeError::new(DeErrorKind::DuplicateField(field))
    }
}

/// Deserializes a `T` from one node.
pub fn from_node<'de, T: de::Deserialize<'de>>(node: &'de Node) -> Result<T, DeError> {
    T::deserialize(NodeDe(node))
}

/// The resolved type of a plain scalar.
enum Plain<'a> {
    Null,
    Bool(bool),
    Int(i64),
    UInt(u64),
    Float(&'a str),
    Str(&'a str),
}

/// Whether a plain scalar reads as text, not as a null, a boolean or a
/// number: what a text field takes from it.
pub(crate) fn plain_is_text(value: &str) -> bool {
    matches!(resolve(value), Plain::Str(_))
}

fn resolve(value: &str) -> Plain<'_> {
    if is_null(value) {
        return Plain::Null;
    }
    match value {
        "true" | "True" | "TRUE" => return Plain::Bool(true),
        "false" | "False" | "FALSE" => return Plain::Bool(false),
        _ => {}
    }
    let digits = value.strip_prefix(['-', '+']).unwrap_or(value);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        if let Ok(n) = value.parse::<i64>() {
            return Plain::Int(n);
        }
        if let Ok(n) = value.parse::<u64>() {
            return Plain::UInt(n);
        }
        return Plain::Float(value);
    }
    if is_float(digits) {
        return Plain::Float(value);
    }
    Plain::Str(value)
}

/// `[0-9]*(\.[0-9]*)?([eE][-+]?[0-9]+)?` with at least one digit, or the
/// special values; the sign is already stripped.
fn is_float(s: &str) -> bool {
    // Most plain scalars are ids and words: a float starts with a digit, a
    // point or (where the caller left it on) a sign, so nothing else is one.
    if !s
        .bytes()
        .next()
        .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'.' | b'-' | b'+'))
    {
        return false;
    }
    if matches!(s, ".inf" | ".Inf" | ".INF" | ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let (mantissa, exponent) = match s.split_once(['e', 'E']) {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (s, None),
    };
    let (int, frac) = match mantissa.split_once('.') {
        Some((i, f)) => (i, f),
        None => (mantissa, ""),
    };
    let digits = |p: &str| p.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = digits(int) && digits(frac) && !(int.is_empty() && frac.is_empty());
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['-', '+']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// The deserializer for one node.
#[derive(Clone, Copy)]
pub(crate) struct NodeDe<'de>(pub(crate) &'de Node);

impl<'de> NodeDe<'de> {
    fn scalar<V: Visitor<'de>>(self, visitor: V, float_as_text: bool) -> Result<V::Value, DeError> {
        match &self.0.kind {
            NodeKind::Scalar {
                value,
                plain: false,
            } => visitor.visit_borrowed_str(value),
            NodeKind::Scalar { value, plain: true } => match resolve(value) {
                Plain::Null => visitor.visit_unit(),
                Plain::Bool(b) => visitor.visit_bool(b),
                Plain::Int(n) => visitor.visit_i64(n),
                Plain::UInt(n) => visitor.visit_u64(n),
                Plain::Float(text) if float_as_text => visitor.visit_borrowed_str(text),
                Plain::Float(text) => match text.parse::<f64>() {
                    Ok(f) => visitor.visit_f64(f),
                    Err(_) => visitor.visit_borrowed_str(text),
                },
                Plain::Str(text) => visitor.visit_borrowed_str(text),
            },
            NodeKind::Seq(items) => visitor.visit_seq(SeqDe {
                items: items.iter(),
                index: 0,
            }),
            NodeKind::Map(entries) => {
                let last_key = Cell::new(None);
                visitor
                    .visit_map(MapDe {
                        entries: entries.iter(),
                        value: None,
                        last_key: &last_key,
                    })
                    .map_err(|e| match (&e.kind, last_key.get()) {
                        // serde finds a repeated key after reading it: point
                        // at the repetition, not at the mapping.
                        (DeErrorKind::DuplicateField(_), Some(key)) if e.span.is_none() => {
                            e.at(key.span).under(key_step(key))
                        }
                        _ => e,
                    })
            }
        }
    }

    fn located<T>(self, result: Result<T, DeError>) -> Result<T, DeError> {
        result.map_err(|e| e.at(self.0.span))
    }
}

/// Whether `visitor` reads a date: chrono's says it expects "a formatted
/// date string". Compared as it is written out, without allocating, since
/// every text field of every record passes here.
fn expects_date<'de, V: Visitor<'de>>(visitor: &V) -> bool {
    const DATE: &str = "a formatted date string";
    struct Expecting<'a, V>(&'a V);
    impl<'de, V: Visitor<'de>> fmt::Display for Expecting<'_, V> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            self.0.expecting(f)
        }
    }
    /// Follows the text written against [`DATE`].
    struct Matches(Option<&'static str>);
    impl fmt::Write for Matches {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0 = self.0.and_then(|rest| rest.strip_prefix(s));
            Ok(())
        }
    }
    let mut matches = Matches(Some(DATE));
    let _ = fmt::Write::write_fmt(&mut matches, format_args!("{}", Expecting(visitor)));
    matches.0 == Some("")
}

impl<'de> de::Deserializer<'de> for NodeDe<'de> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.located(self.scalar(visitor, true))
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_f64(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.located(self.scalar(visitor, false))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        // chrono reads `2026-3-2` as a date: hold every date to the one
        // reading the command line and rule tests use.
        if expects_date(&visitor) {
            if let Some(Err(e)) = self.0.as_str().map(crate::model::dates::parse_date) {
                return self.located(Err(DeError::new(DeErrorKind::Date(e))));
            }
        }
        self.located(self.scalar(visitor, false))
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_str(visitor)
    }

    /// Keys are names, whatever they look like: a key `0` must not select a
    /// struct's first field by index, as serde allows for integers.
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let result = match &self.0.kind {
            NodeKind::Scalar { value, .. } => visitor.visit_borrowed_str(value),
            NodeKind::Seq(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, &visitor)),
            NodeKind::Map(_) => Err(de::Error::invalid_type(de::Unexpected::Map, &visitor)),
        };
        self.located(result)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.0.is_null() {
            self.located(visitor.visit_none())
        } else {
            self.located(visitor.visit_some(self))
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.located(visitor.visit_newtype_struct(self))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let result = match &self.0.kind {
            NodeKind::Scalar { .. } => visitor.visit_enum(EnumDe {
                tag: self.0,
                value: None,
            }),
            NodeKind::Map(entries) => match entries.as_slice() {
                [(tag, value)] => visitor
                    .visit_enum(EnumDe {
                        tag,
                        value: Some(value),
                    })
                    .map_err(|e| match tag.as_str() {
                        Some(key) => e.under(Step::Key(key.to_owned())),
                        None => e,
                    }),
                _ => Err(de::Error::invalid_value(
                    de::Unexpected::Map,
                    &"a mapping with exactly one key",
                )),
            },
            NodeKind::Seq(_) => Err(de::Error::invalid_type(de::Unexpected::Seq, &visitor)),
        };
        self.located(result)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 char
        bytes byte_buf unit unit_struct seq tuple tuple_struct map struct
    }
}

struct SeqDe<'de> {
    items: std::slice::Iter<'de, Node>,
    index: usize,
}

impl<'de> de::SeqAccess<'de> for SeqDe<'de> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some(node) = self.items.next() else {
            return Ok(None);
        };
        let index = self.index;
        // A count of the items read, each at least a byte of the file.
        self.index = self.index.saturating_add(1);
        seed.deserialize(NodeDe(node))
            .map(Some)
            .map_err(|e| e.at(node.span).under(Step::Index(index)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct MapDe<'de, 'a> {
    entries: std::slice::Iter<'de, (Node, Node)>,
    value: Option<(&'de Node, &'de Node)>,
    last_key: &'a Cell<Option<&'de Node>>,
}

fn key_step(key: &Node) -> Step {
    Step::Key(key.as_str().unwrap_or("?").to_owned())
}

impl<'de> de::MapAccess<'de> for MapDe<'de, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some((key, value));
        self.last_key.set(Some(key));
        seed.deserialize(NodeDe(key))
            .map(Some)
            .map_err(|e| e.at(key.span).under(key_step(key)))
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((key, value)) = self.value.take() else {
            return Err(de::Error::custom("value without key"));
        };
        seed.deserialize(NodeDe(value))
            .map_err(|e| e.at(value.span).under(key_step(key)))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

struct EnumDe<'de> {
    tag: &'de Node,
    value: Option<&'de Node>,
}

impl<'de> de::EnumAccess<'de> for EnumDe<'de> {
    type Error = DeError;
    type Variant = VariantDe<'de>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, VariantDe<'de>), DeError> {
        let tag = match &self.tag.kind {
            NodeKind::Scalar { value, .. } => value.as_str(),
            _ => return Err(de::Error::invalid_type(de::Unexpected::Map, &"a word")),
        };
        let variant = seed
            .deserialize(tag.into_deserializer())
            .map_err(|e: DeError| e.at(self.tag.span))?;
        Ok((variant, VariantDe { value: self.value }))
    }
}

struct VariantDe<'de> {
    value: Option<&'de Node>,
}

impl<'de> de::VariantAccess<'de> for VariantDe<'de> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        match self.value {
            None => Ok(()),
            Some(node) => Err(<DeError as de::Error>::invalid_type(
                de::Unexpected::Map,
                &"a single word",
            )
            .at(node.span)),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        match self.value {
            Some(node) => seed.deserialize(NodeDe(node)),
            None => Err(de::Error::invalid_type(
                de::Unexpected::UnitVariant,
                &"a mapping with one key",
            )),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        match self.value {
            Some(node) => de::Deserializer::deserialize_seq(NodeDe(node), visitor),
            None => Err(de::Error::invalid_type(
                de::Unexpected::UnitVariant,
                &visitor,
            )),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match self.value {
            Some(node) => de::Deserializer::deserialize_map(NodeDe(node), visitor),
            None => Err(de::Error::invalid_type(
                de::Unexpected::UnitVariant,
                &visitor,
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::yaml::Reader;
    use crate::source::FileId;
    use rust_decimal::Decimal;
    use serde::Deserialize;

    fn node(text: &str) -> Node {
        let mut r = Reader::new(text, FileId(0));
        let mut first = r.next().unwrap();
        while matches!(
            first.0,
            yaml_rust2::parser::Event::StreamStart | yaml_rust2::parser::Event::DocumentStart
        ) {
            first = r.next().unwrap();
        }
        r.node(first, 0).unwrap()
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct T {
        amount: Decimal,
        name: String,
        #[serde(default)]
        list: Vec<u32>,
    }

    #[test]
    fn decimals_parse_exactly_from_plain_and_quoted_text() {
        let t: T = from_node(&node("amount: 0.10000000000000001\nname: x\n")).unwrap();
        assert_eq!(t.amount.to_string(), "0.10000000000000001");
        let t: T = from_node(&node("amount: '12.50'\nname: x\n")).unwrap();
        assert_eq!(t.amount, Decimal::new(1250, 2));
    }

    #[test]
    fn errors_carry_their_path_and_place() {
        let text = "amount: 1\nname: x\nlist: [1, -2]\n";
        let e = from_node::<T>(&node(text)).unwrap_err();
        assert_eq!(e.steps(), vec![Step::Key("list".into()), Step::Index(1)]);
        assert_eq!(&text[e.span.unwrap().range()], "-2");
        let e = from_node::<T>(&node("amount: 1\nname: 12\n")).unwrap_err();
        assert!(matches!(e.kind, DeErrorKind::InvalidType { .. }), "{e}");
        let e = from_node::<T>(&node("amount: 1\nnaam: x\n")).unwrap_err();
        assert!(matches!(e.kind, DeErrorKind::UnknownField { .. }));
        // A numeric key is a name, never a field index.
        let e = from_node::<T>(&node("0: 1\nname: x\n")).unwrap_err();
        assert!(matches!(e.kind, DeErrorKind::UnknownField { .. }), "{e}");
    }
}
