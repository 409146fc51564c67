//! `simulate --lang nl`: the words of the text report in Dutch. The tables
//! are the same [`super::tables`] build for every format; only their
//! titles, headers and word cells are put in Dutch here, with the
//! vocabulary words through [`crate::words::nl`].

use chrono::NaiveDate;

use super::Refusals;
use super::tables::Table;
use crate::words::nl;

/// A side's name: `basis` for the baseline, a variant by its own name.
pub fn side(name: &str) -> String {
    if name == "baseline" {
        "basis".to_owned()
    } else {
        name.to_owned()
    }
}

fn title(en: &'static str) -> &'static str {
    match en {
        "Summary" => "Samenvatting",
        "Mixing" => "Menging",
        "Displacement (refused / housed elsewhere later / not housed)" => {
            "Verdringing (geweigerd / later elders een woning / geen woning)"
        }
        "Portfolio shares at the period's end" => "Aandelen aan het eind van de periode",
        other => other,
    }
}

/// A word of a table's header or first columns.
fn word(en: &str) -> Option<&'static str> {
    Some(match en {
        // Summary
        "vacancies" => "vrije woningen",
        "let" => "verhuurd",
        "households that reacted" => "huishoudens die reageerden",
        "housed in the period" => "een woning gekregen in de periode",
        "still unhoused at its end" => "aan het eind nog zonder woning",
        // Mixing
        "place" => "plaats",
        "of the inflow" => "van de instroom",
        "group" => "groep",
        "inflow" => "instroom",
        "classification" => "indeling",
        "priority" => "voorrang",
        "income" => "inkomen",
        "make-up before" => "samenstelling vooraf",
        // Displacement
        "refused by" => "geweigerd door",
        "households" => "huishoudens",
        "all" => "alle",
        "single" => "alleenstaand",
        "couple" => "stel",
        "family with children" => "gezin met kinderen",
        "senior" => "oudere",
        "urgent" => "met urgentie",
        "permit holder" => "statushouder",
        "wait in days (median, max)" => "wachttijd in dagen (mediaan, hoogste)",
        "housed in" => "woning gekregen in",
        // Shares
        "quota" => "quotum",
        "scope" => "telt in",
        _ => return None,
    })
}

/// A place or a refusal's ground: `kwetsbaar complex C-01 …`,
/// `aanwijzing wbmgp_art8 in GMS`, `quotum binding_cap in GMS`.
fn place(cell: &str) -> String {
    for (en, dutch) in [
        ("fragile complex ", "kwetsbaar complex "),
        ("designation ", "aanwijzing "),
        ("quota ", "quotum "),
    ] {
        if let Some(rest) = cell.strip_prefix(en) {
            return format!("{dutch}{rest}");
        }
    }
    cell.to_owned()
}

/// A quota's scope: `verhuurder …`, `alle woningen`.
fn scope(cell: &str) -> String {
    match cell.strip_prefix("owner ") {
        Some(owner) => format!("verhuurder {owner}"),
        None if cell == "all" => "alle woningen".to_owned(),
        None => cell.to_owned(),
    }
}

/// A share as the table writes it (`9/10 = 90.0% (at least 92.5%): below`).
fn share(cell: &str) -> String {
    cell.replace('.', ",")
        .replace("(at most ", "(hoogstens ")
        .replace("(at least ", "(minstens ")
        .replace("): below", "): onder het minimum")
        .replace("): exceeded", "): overschreden")
}

/// A table in Dutch: title, header, and the word cells of each row.
pub fn table(t: Table) -> Table {
    let shares = t.title == "Portfolio shares at the period's end";
    let header = t
        .header
        .iter()
        .map(|h| word(h).map_or_else(|| side(h), ToOwned::to_owned))
        .collect();
    let rows = t
        .rows
        .iter()
        .map(|row| {
            let dim = row.get(1).cloned().unwrap_or_default();
            row.iter()
                .enumerate()
                .map(|(i, cell)| match i {
                    0 if shares => cell.clone(),
                    0 => word(cell).map_or_else(|| place(cell), ToOwned::to_owned),
                    1 if shares => scope(cell),
                    1 => word(cell).map_or_else(|| cell.clone(), ToOwned::to_owned),
                    2 if dim == "income" => nl::word(cell),
                    2 if cell == "none" => nl::list::<&str>(&[]),
                    _ if shares => share(cell),
                    _ => cell.clone(),
                })
                .collect()
        })
        .collect();
    Table {
        title: title(t.title),
        header,
        rows,
    }
}

/// The art. 6 lid 2 answer for one designation or quota and buurt.
pub fn sentence(r: &Refusals, from: NaiveDate, until: NaiveDate) -> String {
    let n = r.figures.refused;
    let households = if n == 1 { "huishouden" } else { "huishoudens" };
    let what = if r.by == "quota" {
        format!("overgeslagen door quotum {}", r.under)
    } else {
        format!("geweigerd onder {}", r.under)
    };
    let got = |k: usize| if k == 1 { "kreeg" } else { "kregen" };
    format!(
        "{n} {households} {what} in {}: {} {} binnen de periode ({} t/m {}) elders in de regio een woning, {} niet",
        r.buurt,
        r.figures.housed_later,
        got(r.figures.housed_later),
        nl::date(from),
        nl::date(until),
        r.figures.not_housed,
    )
}

/// The notes under the report, in Dutch: what the figures count.
pub const NOTES: [&str; 8] = [
    "elke kant wijst dezelfde vrije woningen toe (beschikbaar in de periode), op volgorde van datum en met dezelfde loting, zoals `toewijzer allocate` dat doet",
    "geweigerd onder een aanwijzing: het huishouden reageerde op een vrije woning en voldeed niet aan een eis die alleen onder die soort aanwijzing geldt (het kan ook aan andere eisen niet hebben voldaan); overgeslagen door een quotum: het kwam in aanmerking en stond hoger dan het huishouden dat de woning kreeg, maar als het de woning had gekregen, was een quotum `at most` (hoogstens) overschreden, of de voorrang viel weg door zo'n quotum en het kreeg de woning niet; één keer geteld per aanwijzing of quotum en buurt, vanaf de eerste weigering daar, en alleen zolang het nog geen woning had",
    "elders in de regio een woning gekregen: later in dezelfde periode een andere woning uit de gegevensmap (de regio) toegewezen; passend: elke toewijzing die de regels toestonden, want `allocate` wijst alleen toe aan kandidaten die in aanmerking komen",
    "wachttijd: dagen van de eerste weigering van het huishouden in de groep tot de latere toewijzing (de mediaan is de middelste, bij een even aantal de hoogste van de twee middelste)",
    "soort huishouden op de dag van de weigering: gezin met kinderen (een minderjarige in het huishouden), anders oudere (het oudste lid 67 of ouder), anders stel (twee of meer volwassenen) of alleenstaand",
    "apart geteld: met urgentie (een urgentieverklaring die geldig is op de dag van de weigering, die de voorrangsgroep urgency gebruikt), aandachtsgroep (het dossier noemt er een), statushouder (permit_holder_first_housing)",
    "menging: de instroom per buurt en per complex dat op een dag van de periode `fragile` (kwetsbaar) is aangewezen; de inkomensbronnen zijn die van de aanvrager op de dag van de toewijzing; de samenstelling vooraf is wat de gegevens aan toewijzingen daar vóór de periode vastleggen, per indeling",
    "aandelen: elk quotum per groep zoals het stond bij de laatste toewijzing in de periode",
];

/// What a redacted run says of itself, in Dutch.
pub fn redaction(redacted: bool, generalised: &[String]) -> Vec<String> {
    if !redacted {
        return Vec::new();
    }
    let mut lines = vec![
        "geanonimiseerd: de nummers van woningzoekenden zijn schuilnamen, persoonlijke gegevens zijn algemener gemaakt".to_owned(),
    ];
    if !generalised.is_empty() {
        lines.push(format!(
            "uitgelegd met algemener gemaakte gegevens (de uitkomst blijft staan; de precieze waarde die de doorslag gaf, staat er niet bij): {}",
            generalised.join(", ")
        ));
    }
    lines
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_dutch_note_for_every_note() {
        assert_eq!(super::NOTES.len(), super::super::run::notes().len());
    }
}
