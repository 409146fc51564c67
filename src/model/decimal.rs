//! Writing decimals so they read back as the same text: a plain YAML number
//! where that is exact, quoted text otherwise.
//!
//! `rust_decimal` serializes as text, which YAML writers quote (`'31250.50'`).
//! A number is written plain only when its text survives the trip through
//! the writer unchanged (an integer, or a short decimal whose shortest
//! floating-point form is the same digits), so `31250.65` is written plain
//! and `31250.50` stays quoted: its trailing zero is part of the value read.

use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;
use serde::Serializer;

/// Serializes `value` as an integer, a float, or text, whichever reads back
/// as exactly the same decimal.
pub fn serialize<S: Serializer>(value: &Decimal, serializer: S) -> Result<S::Ok, S::Error> {
    if value.scale() == 0 {
        if let Some(i) = value.to_i64() {
            return serializer.serialize_i64(i);
        }
    }
    let text = value.to_string();
    // Within these bounds the YAML writer prints floats without an exponent.
    if value.scale() <= 4 && value.abs() < Decimal::from(1_000_000_000_000_i64) {
        if let Ok(float) = text.parse::<f64>() {
            if float.to_string() == text {
                return serializer.serialize_f64(float);
            }
        }
    }
    serializer.serialize_str(&text)
}
