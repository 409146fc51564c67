//! The engine's values and the rules' expressions, as a record holds them
//! in English words (`5 years 11 months 27 days (2020-03-03 through
//! 2026-03-01)`, `social_assistance`, `true`), put in Dutch for `--lang nl`:
//! `5 jaar, 11 maanden en 27 dagen (3 maart 2020 t/m 1 maart 2026)`,
//! `bijstand`, `ja`.
//!
//! Records keep one spelling, the machine's (JSON, `verify` and `diff`
//! read it); Dutch is made from it only when text is rendered, so the
//! decision and its trace never depend on the language asked.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::nl;
use crate::syntax::ast::Duration;

/// Phrases of the value texts, in the order they are replaced.
const PHRASES: &[(&str, &str)] = &[
    (" (reached on ", " (bereikt op "),
    (" up to ", " tot "),
    (" through ", " t/m "),
    // A band, not an age: `leeftijd 30` would read as one.
    (" age under ", " leeftijdsgroep onder "),
    (" or over", " of ouder"),
    (" or more", " of meer"),
    (" under ", " minder dan "),
    (" age ", " leeftijdsgroep "),
];

/// Single words of the value texts.
fn plain_word(w: &str) -> Option<&'static str> {
    Some(match w {
        "true" => "ja",
        "false" => "nee",
        "absent" => "onbekend",
        "none" => "geen",
        "redacted" => "weggelaten",
        _ => return None,
    })
}

/// A value text in Dutch: durations, dates, amounts, yes/no and the words
/// of the vocabularies; anything else (a municipality, an id, a message's
/// own Dutch) is left as it is.
pub fn value(text: &str) -> String {
    // A space in front, so a phrase that opens the text starts a word.
    let mut phrased = format!(" {text}");
    for (en, dutch) in PHRASES {
        phrased = phrased.replace(en, dutch);
    }
    let phrased = phrased.strip_prefix(' ').unwrap_or(&phrased).to_owned();
    let tokens = tokens(&phrased);
    let mut out = String::with_capacity(phrased.len());
    let mut i = 0usize;
    while let Some(token) = tokens.get(i) {
        if let Some((duration, used)) = duration_at(&tokens, i) {
            out.push_str(&nl::duration(duration));
            i = i.saturating_add(used);
            continue;
        }
        out.push_str(&token_in_dutch(token));
        i = i.saturating_add(1);
    }
    out
}

/// A rule's expression in Dutch: facts and functions by their Dutch name,
/// vocabulary words in Dutch; operators, parameters and regions as written.
pub fn expr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let tokens = path_tokens(text);
    for (i, token) in tokens.iter().enumerate() {
        match fact_label(token) {
            Some(label) => {
                out.push_str(label);
                // A function's arguments follow its Dutch name after a space.
                if tokens.get(i.saturating_add(1)) == Some(&"(") {
                    out.push(' ');
                }
            }
            None => out.push_str(&token_in_dutch(token)),
        }
    }
    out
}

/// One token in Dutch: a word of a vocabulary or of the value texts, a
/// date, a month or an amount; anything else as it is.
fn token_in_dutch(token: &str) -> String {
    if let Some(w) = plain_word(token).or_else(|| nl::known_word(token)) {
        return w.to_owned();
    }
    if let Ok(d) = NaiveDate::parse_from_str(token, "%Y-%m-%d") {
        return nl::date(d);
    }
    if let Some(month) = month(token) {
        return month;
    }
    if let Some(amount) = token.strip_prefix('€').and_then(amount) {
        return nl::money(amount);
    }
    token.to_owned()
}

/// `2020-03` as `maart 2020`.
fn month(token: &str) -> Option<String> {
    let (y, m) = token.split_once('-')?;
    if y.len() != 4 || m.len() != 2 {
        return None;
    }
    let first = NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, 1)?;
    let day = nl::date(first);
    day.split_once(' ').map(|(_, rest)| rest.to_owned())
}

/// `14520.00` or `10,000` (a band's thousands) as an amount.
fn amount(text: &str) -> Option<Decimal> {
    text.replace(',', "").parse().ok()
}

/// A duration starting at token `i` (`5`, ` `, `years`, ` `, `11`, …),
/// and how many tokens it takes.
fn duration_at(tokens: &[&str], i: usize) -> Option<(Duration, usize)> {
    let mut d = Duration::default();
    let mut used = 0usize;
    let mut at = i;
    loop {
        let n: u32 = tokens.get(at)?.parse().ok()?;
        let (Some(&" "), Some(unit)) = (
            tokens.get(at.saturating_add(1)),
            tokens.get(at.saturating_add(2)),
        ) else {
            break;
        };
        match *unit {
            "year" | "years" => d.years = n,
            "month" | "months" => d.months = n,
            "day" | "days" => d.days = n,
            _ => break,
        }
        used = at.saturating_add(3).saturating_sub(i);
        // Another number and unit after one space belong to the same one.
        let next = at.saturating_add(3);
        let continues = tokens.get(next) == Some(&" ")
            && tokens
                .get(next.saturating_add(1))
                .is_some_and(|t| t.parse::<u32>().is_ok());
        if !continues {
            break;
        }
        at = next.saturating_add(1);
    }
    (used > 0).then_some((d, used))
}

/// Splits `text` into words (letters, digits, `_`), amounts and dates
/// (`€14520.00`, `2020-03-03`), and every other character alone.
fn tokens(text: &str) -> Vec<&str> {
    split(text, |c, first| {
        c.is_alphanumeric() || c == '_' || (!first && matches!(c, '.' | ',' | '-'))
    })
}

/// As [`tokens`], with the dots of a path (`household.income`) in a word.
fn path_tokens(text: &str) -> Vec<&str> {
    split(text, |c, _| c.is_alphanumeric() || c == '_' || c == '.')
}

/// Splits `text` into runs of characters `inside` admits (told whether the
/// character would open the run) and single other characters; a run of
/// digits that ends in `.`, `,` or `-` gives it back.
fn split(text: &str, inside: impl Fn(char, bool) -> bool) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (at, c) in text.char_indices() {
        let opens = start.is_none();
        let admitted = inside(c, opens) || (opens && c == '€');
        match (start, admitted) {
            (None, true) => start = Some(at),
            (Some(_), true) => {}
            (Some(s), false) => {
                push_run(&mut out, text, s, at);
                start = None;
                out.push(text.get(at..at.saturating_add(c.len_utf8())).unwrap_or(""));
            }
            (None, false) => out.push(text.get(at..at.saturating_add(c.len_utf8())).unwrap_or("")),
        }
    }
    if let Some(s) = start {
        push_run(&mut out, text, s, text.len());
    }
    out
}

/// Pushes `text[s..e]`, with a trailing `.`, `,` or `-` as its own token
/// (the end of a sentence after a number).
fn push_run<'t>(out: &mut Vec<&'t str>, text: &'t str, s: usize, e: usize) {
    let run = text.get(s..e).unwrap_or("");
    match run.char_indices().last() {
        Some((last, c)) if matches!(c, '.' | ',' | '-') && last > 0 => {
            out.push(run.get(..last).unwrap_or(""));
            out.push(run.get(last..).unwrap_or(""));
        }
        _ => out.push(run),
    }
}

/// The Dutch name of a fact or function of the rule language.
fn fact_label(path: &str) -> Option<&'static str> {
    let path = path
        .strip_prefix("unit.complex.buurt.")
        .map(|rest| (rest, "buurt"))
        .or_else(|| path.strip_prefix("unit.buurt.").map(|rest| (rest, "buurt")))
        .map_or(path.to_owned(), |(rest, kind)| format!("{kind}.{rest}"));
    Some(match path.as_str() {
        "applicant.aandachtsgroep" => "aandachtsgroep",
        "applicant.age" => "leeftijd",
        "applicant.birth_date" => "geboortedatum",
        "applicant.education" => "opleiding",
        "applicant.has_income" => "aanvrager heeft inkomen uit",
        "applicant.id" => "aanvrager",
        "applicant.in_shelter_after_violence" => "in de opvang na geweld",
        "applicant.income_sources" => "inkomensbronnen van de aanvrager",
        "applicant.lawful_residence" => "rechtmatig verblijf",
        "applicant.longest_residence_in" => "langste onafgebroken woonduur in",
        "applicant.permit_holder_first_housing" => "statushouder, eerste huisvesting",
        "applicant.registered_on" => "inschrijfdatum",
        "applicant.registration_active" => "inschrijving actief",
        "applicant.registration_duration" => "inschrijfduur",
        "applicant.residence_before_application" => "woonduur vóór de aanvraag in",
        "applicant.residence_in" => "onafgebroken woonduur in",
        "applicant.route" => "route van de aandachtsgroep",
        "applicant.start_qualification" => "startkwalificatie",
        "applicant.student" => "student",
        "applicant.study_hours_in" => "studie-uren per week in",
        "applicant.urgency.category" => "urgentiegrond",
        "applicant.urgency.granted_on" => "urgentie verleend op",
        "applicant.urgency.valid" => "urgentie geldig",
        "applicant.urgency.valid_until" => "urgentie geldig tot en met",
        "applicant.volunteering" => "vrijwilligerswerk",
        "applicant.work.hours" => "werkuren per week",
        "applicant.work.municipality" => "werkgemeente",
        "applicant.work.sector" => "sector van het werk",
        "applicant.work.since" => "werkt sinds",
        "applicant.work_duration_in" => "duur van het werk in",
        "applicant.work_hours_in" => "werkuren per week in",
        "application.date" => "datum van de aanvraag",
        "application.recorded" => "aanvraag vastgelegd",
        "household.adults" => "volwassenen in het huishouden",
        "household.children" => "kinderen in het huishouden",
        "household.has_income" => "huishouden heeft inkomen uit",
        "household.income" => "huishoudinkomen",
        "household.income_from" => "huishoudinkomen uit",
        "household.income_sources" => "inkomensbronnen van het huishouden",
        "household.oldest_age" => "leeftijd van de oudste",
        "household.screening_objection_within" => "bezwaar uit screening binnen",
        "household.size" => "grootte van het huishouden",
        "unit.accessible" => "woning toegankelijk",
        "unit.available_from" => "woning beschikbaar vanaf",
        "buurt.code" => "buurtcode",
        "buurt.leefbaarometer" => "Leefbaarometer-score van de buurt",
        "buurt.leefbaarometer_average" => "gemiddelde Leefbaarometer-score",
        "buurt.measured_on" => "buurt gemeten op",
        "buurt.municipality" => "gemeente van de buurt",
        "buurt.name" => "buurt",
        "buurt.resilience" => "veerkracht van de buurt",
        "buurt.resilience_average" => "gemiddelde veerkracht",
        "unit.complex.id" => "complex",
        "unit.complex.municipality" => "gemeente van het complex",
        "unit.complex.name" => "naam van het complex",
        "unit.complex.owner" => "eigenaar",
        "unit.complex.owner_kind" => "soort eigenaar",
        "unit.floor" => "verdieping",
        "unit.floor_area" => "woonoppervlak",
        "unit.id" => "woning",
        "unit.rent" => "huur",
        "unit.rooms" => "kamers",
        "unit.segment" => "segment",
        "unit.type" => "woningtype",
        "years_between" => "jaren tussen",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_in_dutch() {
        assert_eq!(
            value("5 years 11 months 27 days (2020-03-03 through 2026-03-01)"),
            "5 jaar, 11 maanden en 27 dagen (3 maart 2020 t/m 1 maart 2026)"
        );
        assert_eq!(
            value("6 years (reached on 2026-03-03)"),
            "6 jaar (bereikt op 3 maart 2026)"
        );
        assert_eq!(value("social_assistance"), "bijstand");
        assert_eq!(value("employment, aow"), "werk in loondienst, AOW");
        assert_eq!(value("true"), "ja");
        assert_eq!(value("€14520.00"), "€ 14.520,00");
        assert_eq!(value("€10,000–€15,000"), "€ 10.000,00–€ 15.000,00");
        assert_eq!(value("5–10 years"), "5–10 jaar");
        assert_eq!(value("age 30–39"), "leeftijdsgroep 30–39");
        assert_eq!(value("2020-03"), "maart 2020");
        assert_eq!(value("age under 18"), "leeftijdsgroep onder 18");
        assert_eq!(value("under 1 year"), "minder dan 1 jaar");
        assert_eq!(
            value("leefbaarometer_average 3"),
            "leefbaarometer_average 3"
        );
        assert_eq!(
            value("0 days onafgebroken in Parkstad; inkomen uit social_assistance."),
            "0 dagen onafgebroken in Parkstad; inkomen uit bijstand."
        );
        assert_eq!(value("3 kamers voor 2"), "3 kamers voor 2");
    }

    #[test]
    fn expressions_name_facts_in_dutch() {
        assert_eq!(
            expr("applicant.residence_in(parkstad) >= min_region_years"),
            "onafgebroken woonduur in (parkstad) >= min_region_years"
        );
        assert_eq!(
            expr("household.income_sources"),
            "inkomensbronnen van het huishouden"
        );
        assert_eq!(expr("x in {social_assistance}"), "x in {bijstand}");
    }
}
