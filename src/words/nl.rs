//! Dutch for a reader at language level B1: dates as `3 maart 2020`,
//! durations as `5 jaar, 11 maanden en 27 dagen`, money as `€ 1.234,56`,
//! and the words of the vocabularies (`social_assistance` is `bijstand`).

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};

use crate::eval::fact::{Fact, LetterPart};
use crate::syntax::ast::Duration;

const MONTHS: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// `3 maart 2020`.
pub fn date(d: NaiveDate) -> String {
    let month = usize::try_from(d.month0())
        .ok()
        .and_then(|m| MONTHS.get(m))
        .copied()
        .unwrap_or("");
    format!("{} {month} {}", d.day(), d.year())
}

/// `5 jaar, 11 maanden en 27 dagen`; parts that are zero are left out,
/// and nothing at all is `0 dagen`.
pub(crate) fn duration(d: Duration) -> String {
    let mut parts = Vec::new();
    if d.years > 0 {
        parts.push(format!("{} jaar", d.years));
    }
    if d.months > 0 {
        let unit = if d.months == 1 { "maand" } else { "maanden" };
        parts.push(format!("{} {unit}", d.months));
    }
    if d.days > 0 || parts.is_empty() {
        let unit = if d.days == 1 { "dag" } else { "dagen" };
        parts.push(format!("{} {unit}", d.days));
    }
    list(&parts)
}

/// `a`, `a en b`, `a, b en c`; nothing is `geen`.
pub(crate) fn list<S: AsRef<str>>(items: &[S]) -> String {
    match items {
        [] => "geen".to_owned(),
        [one] => one.as_ref().to_owned(),
        [init @ .., last] => {
            let head: Vec<&str> = init.iter().map(AsRef::as_ref).collect();
            format!("{} en {}", head.join(", "), last.as_ref())
        }
    }
}

/// `€ 1.234,56`: two decimals, a point between thousands.
pub(crate) fn money(amount: Decimal) -> String {
    let mut rounded = amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    let plain = rounded.abs().to_string();
    let (whole, cents) = plain.split_once('.').unwrap_or((plain.as_str(), "00"));
    format!("€ {sign}{},{cents}", thousands(whole))
}

/// Digits grouped by three with a point: `1234567` is `1.234.567`.
fn thousands(digits: &str) -> String {
    let mut out = String::new();
    let count = digits.chars().count();
    for (i, c) in digits.chars().enumerate() {
        let left = count.saturating_sub(i);
        if i > 0 && left.checked_rem(3) == Some(0) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// A number with a decimal comma: `18,5`.
pub(crate) fn decimal(d: Decimal) -> String {
    d.normalize().to_string().replace('.', ",")
}

/// A word of a vocabulary in Dutch; a word this table does not know is
/// written with spaces for its underscores.
pub(crate) fn word(w: &str) -> String {
    known_word(w).map_or_else(|| w.replace('_', " "), ToOwned::to_owned)
}

/// A word of a vocabulary in Dutch, when this table knows it.
pub(crate) fn known_word(w: &str) -> Option<&'static str> {
    Some(match w {
        // income sources (Wbmgp art. 8 lid 1 names a to f)
        "employment" => "werk in loondienst",
        "self_employment" => "werk als zelfstandige",
        "early_retirement" => "een regeling voor vervroegd uittreden",
        "aow" => "AOW",
        "pension" => "pensioen",
        "study_financing" => "studiefinanciering",
        "social_assistance" => "bijstand",
        "unemployment_benefit" => "een WW-uitkering",
        "disability_benefit" => "een uitkering omdat u (gedeeltelijk) niet kunt werken",
        // sectors
        "care" => "de zorg",
        "education" => "het onderwijs",
        "public_safety" => "openbare orde en veiligheid",
        "government" => "de overheid",
        // urgency grounds
        "shelter_after_violence" => "opvang na relatieproblemen of geweld",
        "mantelzorg" => "mantelzorg",
        "structural_violence" => "ernstig en structureel geweld",
        "loss_of_home" => "onverwacht verlies van uw woning buiten uw schuld",
        "emergency" => "een schrijnende noodsituatie",
        // owners
        "corporation" => "een woningcorporatie",
        "private" => "een particuliere verhuurder",
        "other" => "iets anders",
        // segments and unit types
        "social" => "sociale huur",
        "mid_rent" => "middenhuur",
        "free" => "vrije sector",
        "apartment" => "appartement",
        "house" => "eengezinswoning",
        "senior" => "seniorenwoning",
        // household roles
        "main" => "aanvrager",
        "child" => "kind",
        "other_adult" => "andere volwassene",
        // education levels
        "basic" => "basisonderwijs",
        "higher" => "hoger onderwijs",
        // aandachtsgroep routes
        "sheltered_housing" => "beschermd wonen",
        "shelter" => "de opvang",
        "youth_care" => "jeugdzorg",
        "care_institution" => "een zorginstelling",
        // override kinds
        "hardship" => "hardheidsclausule",
        _ => return None,
    })
}

/// The abbreviations of acts and bodies a citation may use, with what they
/// stand for, so a letter can explain each one it shows.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("Awb", "Algemene wet bestuursrecht"),
    (
        "BTIV",
        "Besluit toegelaten instellingen volkshuisvesting 2015",
    ),
    (
        "DAEB",
        "diensten van algemeen economisch belang (sociale huur)",
    ),
    ("HVV", "huisvestingsverordening"),
    ("Hw2014", "Huisvestingswet 2014"),
    ("TiL", "Thuis in Limburg"),
    (
        "Wbmgp",
        "Wet bijzondere maatregelen grootstedelijke problematiek",
    ),
];

/// The abbreviations `text` uses as whole words, each once, in the order
/// of [`ABBREVIATIONS`]: `("Wbmgp", "Wet bijzondere maatregelen …")`.
pub(crate) fn abbreviations(text: &str) -> Vec<(&'static str, &'static str)> {
    let words: Vec<&str> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    ABBREVIATIONS
        .iter()
        .filter(|(short, _)| words.contains(short))
        .copied()
        .collect()
}

/// A fact in words.
pub(crate) fn fact(f: &Fact) -> String {
    match f {
        Fact::Absent => "onbekend".to_owned(),
        Fact::Bool(true) => "ja".to_owned(),
        Fact::Bool(false) => "nee".to_owned(),
        Fact::Integer(n) => n.to_string(),
        Fact::Decimal(d) => decimal(*d),
        Fact::Money(d) => money(*d),
        Fact::Percent(d) => format!("{}%", decimal(*d)),
        Fact::Date(d) => date(*d),
        Fact::Duration(d) => duration(*d),
        Fact::Span { last: None, .. } => "geen enkele dag".to_owned(),
        Fact::Span {
            length,
            first,
            last: Some(last),
        } => format!(
            "{} (van {} tot en met {})",
            duration(*length),
            date(*first),
            date(*last)
        ),
        Fact::Words(ws) => {
            let dutch: Vec<String> = ws.iter().map(|w| word(w)).collect();
            list(&dutch)
        }
        Fact::Text(t) => t.clone(),
    }
}

/// A rendered `letter` template: its text, and each fact in words; a fact
/// that opens a sentence starts with a capital.
pub(crate) fn letter_text(parts: &[LetterPart]) -> String {
    let mut out = String::new();
    for part in parts {
        match part {
            LetterPart::Text(t) => out.push_str(t),
            LetterPart::Fact(f) => {
                let words = fact(f);
                let opens = out.trim_end().is_empty() || out.trim_end().ends_with(['.', '?', '!']);
                if opens {
                    out.push_str(&capitalised(&words));
                } else {
                    out.push_str(&words);
                }
            }
        }
    }
    out
}

/// The first letter as a capital.
pub(crate) fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_durations_and_money_read_in_dutch() {
        let d = NaiveDate::from_ymd_opt(2020, 3, 3).unwrap_or_default();
        assert_eq!(date(d), "3 maart 2020");
        let span = Duration {
            years: 5,
            months: 11,
            days: 27,
        };
        assert_eq!(duration(span), "5 jaar, 11 maanden en 27 dagen");
        let one = Duration {
            years: 0,
            months: 1,
            days: 1,
        };
        assert_eq!(duration(one), "1 maand en 1 dag");
        assert_eq!(duration(Duration::default()), "0 dagen");
        assert_eq!(money(Decimal::new(123456, 2)), "€ 1.234,56");
        assert_eq!(money(Decimal::new(932, 0)), "€ 932,00");
        assert_eq!(money(Decimal::new(123456789, 1)), "€ 12.345.678,90");
        assert_eq!(money(Decimal::new(-5, 1)), "€ -0,50");
        assert_eq!(decimal(Decimal::new(925, 1)), "92,5");
        assert_eq!(word("social_assistance"), "bijstand");
        assert_eq!(list(&["a", "b", "c"]), "a, b en c");
        assert_eq!(
            abbreviations("Wbmgp art. 8 lid 1; HVV Heerlen; Wbmgp-aanwijzing; Hw2014x"),
            vec![
                ("HVV", "huisvestingsverordening"),
                (
                    "Wbmgp",
                    "Wet bijzondere maatregelen grootstedelijke problematiek"
                ),
            ]
        );
    }
}
