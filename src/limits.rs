//! The bounds toewijzer puts on its inputs, in one place so `docs/limits.md`
//! can list them and every stage can rely on them. Past a bound an input is
//! refused with a located error; nothing saturates or wraps silently.

use rust_decimal::Decimal;

/// The largest amount a data file or a rule may hold, in euros (and the
/// largest floor area, in m²): one billion. Real incomes, rents and limits
/// are far below it, and sums of many such amounts stay far from the
/// decimal type's range (about 7.9 × 10²⁸), so adding them cannot overflow.
pub const MAX_AMOUNT: i64 = 1_000_000_000;

/// [`MAX_AMOUNT`] as a decimal.
pub fn max_amount() -> Decimal {
    Decimal::from(MAX_AMOUNT)
}

/// The longest duration a rule may write: a thousand years, in any mix of
/// years, months and days (at most 12 000 months, at most 366 000 days).
pub const MAX_DURATION_YEARS: u32 = 1_000;
