//! Which values of a decision are personal, and what `--redact` shows in
//! their place: ages as bands, other measured durations as bands, dates as
//! months, amounts as bands, and free text, ids, urgency grounds and
//! aandachtsgroep membership left out.
//!
//! A value is personal when the expression that produced it reads the
//! applicant's file (applicant, urgency, work, household); values of the
//! unit, the complex, the buurt, the application and the rules are not. The
//! generalised form is computed here, where the value still has its type,
//! and carried in the record beside the exact one ([`Shown`]); redaction
//! only swaps one for the other.

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::record::{General, Generalised, Shown};
use super::show::words;
use super::value::{Dur, Value};
use crate::check::schema::Fact;
use crate::check::types::{EnumType, Record, Type, Vocab};
use crate::compile::{Node, NodeId, Program, Side};
use crate::syntax::ast::BinaryOp;

/// What redaction shows for a value it leaves out.
pub const WITHHELD: &str = "redacted";

/// How deep [`origin`] follows an expression; the checker bounds nesting
/// far below this, and past it a value counts as personal and sensitive.
const MAX_DEPTH: u32 = 512;

/// What an expression's value derives from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Origin {
    /// It reads the applicant's file.
    pub personal: bool,
    /// It reads an age or a birth date (of the applicant or the oldest
    /// member).
    pub age: bool,
    /// It reads an urgency ground, aandachtsgroep membership or route, a
    /// shelter or permit-holder status: shown to no one outside the file.
    pub sensitive: bool,
}

impl Origin {
    fn join(self, other: Origin) -> Origin {
        Origin {
            personal: self.personal || other.personal,
            age: self.age || other.age,
            sensitive: self.sensitive || other.sensitive,
        }
    }
}

/// Facts whose value is never shown in a redacted output, whatever its type.
fn sensitive_fact(fact: Fact) -> bool {
    matches!(
        fact,
        Fact::Aandachtsgroep
            | Fact::AandachtsgroepRoute
            | Fact::UrgencyCategory
            | Fact::InShelterAfterViolence
            | Fact::PermitHolderFirstHousing
    )
}

/// Vocabularies whose words name a sensitive ground.
fn sensitive_vocab(ty: Type) -> bool {
    matches!(
        ty,
        Type::Enum(EnumType::Vocab(Vocab::UrgencyCategory | Vocab::Route))
            | Type::Set(EnumType::Vocab(Vocab::UrgencyCategory | Vocab::Route))
    )
}

/// What the value of `node` derives from.
pub fn origin(program: &Program<'_>, node: NodeId) -> Origin {
    origin_at(program, node, 0)
}

fn origin_at(program: &Program<'_>, node: NodeId, depth: u32) -> Origin {
    if depth > MAX_DEPTH {
        return Origin {
            personal: true,
            age: false,
            sensitive: true,
        };
    }
    let next = depth.saturating_add(1);
    let of = |n: NodeId| origin_at(program, n, next);
    match program.node(node) {
        Node::Fact(fact, side, _) => Origin {
            personal: *side == Side::Applicant,
            age: matches!(fact, Fact::Age | Fact::HouseholdOldestAge | Fact::BirthDate),
            sensitive: sensitive_fact(*fact),
        },
        Node::Call(slot) | Node::DatedCall(slot) => Origin {
            personal: program
                .calls
                .get(usize::from(*slot))
                .and_then(|c| c.func.receiver())
                .is_some_and(|r| matches!(r, Record::Applicant | Record::Household)),
            ..Origin::default()
        },
        Node::YearsBetween(a, b) | Node::Binary(_, a, b) => of(*a).join(of(*b)),
        Node::Not(a) | Node::Neg(a) | Node::Named(_, a) => of(*a),
        Node::All(start, len) | Node::Any(start, len) => program
            .list(*start, *len)
            .iter()
            .fold(Origin::default(), |o, n| o.join(of(*n))),
        _ => Origin::default(),
    }
}

/// A band a generalised value lies in, for judging a comparison: from
/// `lo` up to, not including, `hi` (none: no upper end).
#[derive(Debug, Clone, Copy)]
enum Band {
    /// Durations in (months, days) from their first day.
    Dur((u32, u32), Option<(u32, u32)>),
    /// Days.
    Date(NaiveDate, Option<NaiveDate>),
    /// Amounts.
    Money(Decimal, Option<Decimal>),
    /// Left out: nothing of the value is known.
    Withheld,
}

/// The band edges of ages, in years: the adult age and the AOW age
/// stay on an edge, so the gates that read an age still decide.
const AGE_EDGES: [u32; 6] = [18, 30, 40, 50, 60, 67];

/// The band edges of other measured durations, in years.
const DURATION_EDGES: [u32; 5] = [1, 2, 5, 10, 20];

/// The generalised form of `value` (of type `ty`) from `node`, or `None`
/// when it is not personal.
pub fn general(program: &Program<'_>, node: NodeId, value: Value<'_>) -> Option<General> {
    let origin = origin(program, node);
    banded(value, origin).map(|(general, _)| general)
}

/// The band an amount of the applicant's file is shown as once redacted
/// (an income record behind a fact).
pub fn amount_band(amount: Decimal) -> General {
    let origin = Origin {
        personal: true,
        ..Origin::default()
    };
    banded(Value::Money(amount), origin).map_or_else(withheld, |(general, _)| general)
}

/// A value redaction leaves out altogether (an urgency ground).
pub fn withheld() -> General {
    General {
        text: WITHHELD.into(),
        kind: Generalised::Withheld,
        decides: true,
    }
}

/// The generalised form of a personal value and the band it lies in.
fn banded(value: Value<'_>, origin: Origin) -> Option<(General, Band)> {
    if !origin.personal {
        return None;
    }
    let general = |text: String, kind| General {
        text,
        kind,
        decides: true,
    };
    match value {
        Value::Absent => None,
        Value::Dur(d) => {
            let cal = d.as_calendar();
            let (months, days) = (
                cal.years.saturating_mul(12).saturating_add(cal.months),
                cal.days,
            );
            if origin.age {
                let (lo, hi) = edges(&AGE_EDGES, cal.years);
                let text = match hi {
                    _ if lo == 0 => format!("age under {}", hi.unwrap_or(0)),
                    Some(hi) => format!("age {lo}–{}", hi.saturating_sub(1)),
                    None => format!("age {lo} or over"),
                };
                let band = Band::Dur(
                    (lo.saturating_mul(12), 0),
                    hi.map(|h| (h.saturating_mul(12), 0)),
                );
                Some((general(text, Generalised::AgeBand), band))
            } else if months == 0 && days == 0 {
                // Nothing measured: "none" says no more than the exact value.
                Some((
                    general("none".into(), Generalised::DurationBand),
                    Band::Dur((0, 0), Some((0, 1))),
                ))
            } else {
                let (lo, hi) = edges(&DURATION_EDGES, cal.years);
                let text = match hi {
                    _ if lo == 0 => format!("under {}", years(hi.unwrap_or(0))),
                    Some(hi) => format!("{lo}–{}", years(hi)),
                    None => format!("{} or more", years(lo)),
                };
                // "Under 1 year" is more than nothing at all.
                let low = if lo == 0 {
                    (0, 1)
                } else {
                    (lo.saturating_mul(12), 0)
                };
                let band = Band::Dur(low, hi.map(|h| (h.saturating_mul(12), 0)));
                Some((general(text, Generalised::DurationBand), band))
            }
        }
        // Even its month would give the birthday away to within weeks.
        Value::Date(_) if origin.age => Some((
            General {
                text: WITHHELD.into(),
                kind: Generalised::Withheld,
                decides: false,
            },
            Band::Withheld,
        )),
        Value::Date(d) => {
            let first = d.with_day(1).unwrap_or(d);
            let next = first.checked_add_months(chrono::Months::new(1));
            let text = format!("{:04}-{:02}", d.year(), d.month());
            Some((general(text, Generalised::Month), Band::Date(first, next)))
        }
        Value::Money(m) => {
            let width = if m < Decimal::from(1_000) {
                Decimal::from(100)
            } else if m < Decimal::from(10_000) {
                Decimal::from(1_000)
            } else {
                Decimal::from(5_000)
            };
            let lo = m
                .checked_div(width)
                .and_then(|q| q.floor().checked_mul(width))
                .unwrap_or(m);
            let hi = lo.checked_add(width).unwrap_or(lo);
            let text = format!("€{}–€{}", thousands(lo), thousands(hi));
            Some((
                general(text, Generalised::AmountBand),
                Band::Money(lo, Some(hi)),
            ))
        }
        Value::Text(_) => Some((
            general(WITHHELD.into(), Generalised::Withheld),
            Band::Withheld,
        )),
        Value::Bool(_) | Value::Enum(_) | Value::Set(_) if origin.sensitive => {
            // A yes/no left out is itself a condition: what it decided
            // cannot be followed without it.
            let decides = !matches!(value, Value::Bool(_));
            let text = WITHHELD.to_owned();
            Some((
                General {
                    text,
                    kind: Generalised::Withheld,
                    decides,
                },
                Band::Withheld,
            ))
        }
        _ => None,
    }
}

/// `1 year`, `5 years`.
fn years(n: u32) -> String {
    if n == 1 {
        "1 year".into()
    } else {
        format!("{n} years")
    }
}

/// `15,000` (a whole amount; bands have no cents).
fn thousands(d: Decimal) -> String {
    let digits = d.trunc().normalize().to_string();
    let mut out = String::with_capacity(digits.len().saturating_add(4));
    let len = digits.len();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && len.saturating_sub(i) % 3 == 0 && c.is_ascii_digit() {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The band of whole years `years` lies in: its lower edge (0 below the
/// first) and its upper edge (none above the last).
fn edges(all: &[u32], years: u32) -> (u32, Option<u32>) {
    let hi = all.iter().copied().find(|&e| years < e);
    let lo = all
        .iter()
        .copied()
        .take_while(|&e| e <= years)
        .last()
        .unwrap_or(0);
    (lo, hi)
}

/// The generalised forms of a comparison `lhs op rhs` from nodes `l` and
/// `r`: of each side, and of the comparison as written when it quotes the
/// words of a sensitive vocabulary. A personal side's `decides` says
/// whether its band still settles the comparison.
pub struct CompareGeneral {
    /// The left value's.
    pub lhs: Option<General>,
    /// The right value's.
    pub rhs: Option<General>,
    /// The comparison's own text, when it lists sensitive words.
    pub expr: Option<General>,
}

/// See [`CompareGeneral`].
pub fn compare(
    program: &Program<'_>,
    op: BinaryOp,
    (l, lhs): (NodeId, Value<'_>),
    (r, rhs): (NodeId, Value<'_>),
) -> CompareGeneral {
    let (ol, or) = (origin(program, l), origin(program, r));
    let mut gl = banded(lhs, ol);
    let mut gr = banded(rhs, or);
    let mut expr = None;
    match (&mut gl, &mut gr) {
        (Some(_), Some(_)) => {
            // Both sides personal: neither band settles anything alone.
            for (g, _) in gl.iter_mut().chain(gr.iter_mut()) {
                g.decides = false;
            }
        }
        (Some((g, band)), None) => {
            g.decides = decides(*band, op, rhs, program, r);
            if matches!(band, Band::Withheld) {
                gr = withheld_words(program, r).map(|g| (g, Band::Withheld));
                expr = gr.as_ref().map(|_| quoted(program, l, op, r, true));
            }
        }
        (None, Some((g, band))) => {
            g.decides = decides(*band, flip(op), lhs, program, l);
            if matches!(band, Band::Withheld) {
                gl = withheld_words(program, l).map(|g| (g, Band::Withheld));
                expr = gl.as_ref().map(|_| quoted(program, l, op, r, false));
            }
        }
        (None, None) => {}
    }
    CompareGeneral {
        lhs: gl.map(|(g, _)| g),
        rhs: gr.map(|(g, _)| g),
        expr,
    }
}

/// The other side of a comparison with a left-out value, when it lists
/// words of a sensitive vocabulary (`{shelter_after_violence, mantelzorg}`):
/// shown as how many words it lists, never which.
fn withheld_words(program: &Program<'_>, node: NodeId) -> Option<General> {
    let ty = program.types.get(node.0 as usize).copied()?;
    if !sensitive_vocab(ty) {
        return None;
    }
    let count = match program.node(node) {
        Node::Const(Value::Set(bits)) => bits.count_ones(),
        _ => 1,
    };
    Some(General {
        text: format!("{count} listed"),
        kind: Generalised::Withheld,
        decides: true,
    })
}

/// A comparison as written, with the side that lists sensitive words
/// shown as `{…}`.
fn quoted(program: &Program<'_>, l: NodeId, op: BinaryOp, r: NodeId, words_right: bool) -> General {
    let text = |n: NodeId| program.texts.get(n.0 as usize).map_or("", |t| t.as_ref());
    let text = if words_right {
        format!("{} {} {{…}}", text(l), op.symbol())
    } else {
        format!("{{…}} {} {}", op.symbol(), text(r))
    };
    General {
        text,
        kind: Generalised::Withheld,
        decides: true,
    }
}

/// `a op b` as `b op' a`.
fn flip(op: BinaryOp) -> BinaryOp {
    match op {
        BinaryOp::Lt => BinaryOp::Gt,
        BinaryOp::Gt => BinaryOp::Lt,
        BinaryOp::Le => BinaryOp::Ge,
        BinaryOp::Ge => BinaryOp::Le,
        other => other,
    }
}

/// Whether `x op other` comes out the same for every `x` in `band`.
fn decides(
    band: Band,
    op: BinaryOp,
    other: Value<'_>,
    program: &Program<'_>,
    node: NodeId,
) -> bool {
    match (band, other) {
        (Band::Dur(lo, hi), Value::Dur(d)) => {
            let t = match d {
                Dur::Calendar { months, days } => (months, days),
                Dur::Span { .. } => {
                    let c = d.as_calendar();
                    (c.years.saturating_mul(12).saturating_add(c.months), c.days)
                }
            };
            settles(op, lo, hi, t)
        }
        (Band::Date(lo, hi), Value::Date(t)) => settles(op, lo, hi, t),
        (Band::Money(lo, hi), Value::Money(t)) => settles(op, lo, hi, t),
        (Band::Withheld, Value::Set(bits)) if matches!(op, BinaryOp::In | BinaryOp::NotIn) => {
            // Listing every word of the vocabulary, or none, the answer is
            // the same whatever the ground.
            let ty = program.types.get(node.0 as usize).copied();
            let all = match ty {
                Some(Type::Set(en) | Type::Enum(en)) => words(program, en).len(),
                _ => usize::MAX,
            };
            bits == 0 || usize::try_from(bits.count_ones()).is_ok_and(|n| n == all)
        }
        _ => false,
    }
}

/// Whether `x op t` is the same for every `lo <= x < hi`.
fn settles<T: Ord + Copy>(op: BinaryOp, lo: T, hi: Option<T>, t: T) -> bool {
    let above = hi.is_some_and(|h| t >= h);
    match op {
        BinaryOp::Ge | BinaryOp::Lt => t <= lo || above,
        BinaryOp::Gt | BinaryOp::Le | BinaryOp::Eq | BinaryOp::Ne => t < lo || above,
        _ => false,
    }
}

/// A message or key value shown with its generalised form.
pub fn shown(program: &Program<'_>, node: NodeId, text: String, value: Value<'_>) -> Shown {
    Shown::with(text, general(program, node, value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bands_keep_the_legal_ages_on_an_edge() {
        assert_eq!(edges(&AGE_EDGES, 17), (0, Some(18)));
        assert_eq!(edges(&AGE_EDGES, 18), (18, Some(30)));
        assert_eq!(edges(&AGE_EDGES, 37), (30, Some(40)));
        assert_eq!(edges(&AGE_EDGES, 70), (67, None));
        assert_eq!(edges(&DURATION_EDGES, 6), (5, Some(10)));
    }

    #[test]
    fn a_band_settles_a_comparison_only_away_from_its_inside() {
        // 5–10 years against 6 years: not settled; against 5 or 10: settled.
        let (lo, hi) = ((60u32, 0u32), Some((120u32, 0u32)));
        assert!(!settles(BinaryOp::Ge, lo, hi, (72, 0)));
        assert!(settles(BinaryOp::Ge, lo, hi, (60, 0)));
        assert!(settles(BinaryOp::Ge, lo, hi, (120, 0)));
        assert!(!settles(BinaryOp::Gt, lo, hi, (60, 0)));
        assert!(settles(BinaryOp::Le, lo, hi, (120, 0)));
    }

    #[test]
    fn amounts_read_in_thousands() {
        assert_eq!(thousands(Decimal::from(15_000)), "15,000");
        assert_eq!(thousands(Decimal::from(900)), "900");
        assert_eq!(thousands(Decimal::from(1_250_000)), "1,250,000");
    }
}
