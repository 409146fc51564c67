//! The frame every refusal letter shares, in plain Dutch (B1): the outcome,
//! the reasons, what the applicant can do, and the objection route the
//! Algemene wet bestuursrecht prescribes. Only this frame is written in
//! Rust; the reasons are the rule set's own words, the body and its
//! address its `authority`.
//!
//! The route as read in the Awb (text in force from 2024-09-01): art. 3:45
//! lid 2 (say by whom, within which term and to which body an objection
//! can be made), 6:4 lid 1 (to the body that took the decision), 6:5 lid 1
//! (signed; name and address, date, the decision, the grounds), 6:7 (six
//! weeks), 6:8 lid 1 (from the day after the decision was made known),
//! 6:9 (in time when received before the term ends; by post, when posted
//! in time and received within a week after it), 7:15 lid 1 (no fee), 2:1
//! lid 2 (anyone may have someone act for them).

use crate::check::ir::AuthorityDecl;
use crate::eval::ApplicationBasis;
use crate::words::nl;

use super::reasons::Reason;
use super::{Block, Document, LetterInput, Section};

/// The letter for a refusal with these reasons.
pub(super) fn document(
    input: LetterInput<'_>,
    authority: &AuthorityDecl,
    reasons: Vec<Reason>,
) -> Document {
    let record = input.record;
    let unit = &record.unit;
    let date = nl::date(input.date);
    let subject = if record.application.basis == ApplicationBasis::ReferenceDate {
        format!("woning {unit}")
    } else {
        format!(
            "uw reactie op woning {unit} van {}",
            nl::date(record.application.date)
        )
    };
    let heading = vec![
        ("Van".to_owned(), authority.name.clone()),
        (
            "Aan".to_owned(),
            format!("de woningzoekende met nummer {}", record.applicant),
        ),
        ("Datum".to_owned(), date.clone()),
        ("Over".to_owned(), subject),
    ];
    let count = reasons.len();
    let rules = if count == 1 {
        "1 regel. Hieronder leest u welke regel dat is".to_owned()
    } else {
        format!("{count} regels. Hieronder leest u welke regels dat zijn")
    };
    let outcome = Section {
        heading: "Ons besluit".to_owned(),
        blocks: vec![
            Block::Paragraph(format!(
                "U komt niet in aanmerking voor woning {unit}. U voldoet niet aan {rules} en waarom u er niet aan voldoet."
            )),
            Block::Paragraph(format!(
                "Dit besluit is genomen op {date} door: {}. Wij mogen dit besluiten op grond van: {}.",
                authority.name, authority.source
            )),
        ],
    };
    let mut why = Vec::new();
    let mut hardship = Vec::new();
    let mut caveats = Vec::new();
    for reason in reasons {
        why.push(Block::Subheading(reason.title.clone()));
        why.push(Block::Paragraph(reason.text));
        why.push(Block::Paragraph(format!(
            "Deze regel staat in: {}.{}",
            reason.basis,
            explained(&reason.basis)
        )));
        for decision in &reason.designations {
            why.push(Block::Paragraph(format!(
                "Dat deze regel voor deze woning geldt, staat in: {decision}."
            )));
        }
        for caveat in &reason.caveats {
            caveats.push(format!(
                "Let op (voor de behandelaar): de regel „{}” rust op een waarde om na te kijken: {caveat}.",
                reason.title
            ));
        }
        for ground in reason.hardship {
            hardship.push(Block::Paragraph(format!(
                "Voor de regel „{}” bestaat een uitzondering: {ground}. Is deze regel in uw situatie heel onredelijk? Dan kunt u ons vragen de uitzondering toe te passen. Schrijf dan waarom uw situatie bijzonder is. Dat kan in uw bezwaar of in een aparte brief aan ons.",
                reason.title
            )));
        }
    }
    let mut sections = vec![
        outcome,
        Section {
            heading: "Waarom komt u niet in aanmerking?".to_owned(),
            blocks: why,
        },
    ];
    if !hardship.is_empty() {
        sections.push(Section {
            heading: "Wat kunt u doen?".to_owned(),
            blocks: hardship,
        });
    }
    sections.push(objection(authority, unit, &date));
    let mut notes = vec![format!(
        "Dit besluit is genomen met de regels „{}” (versie {}), op de gegevens zoals die op {date} bekend waren. Kenmerk: {} / {unit}.",
        input.rules.title, input.rules.version, record.applicant
    )];
    if let Some(policy) = &authority.policy {
        notes.push(format!("Let op (voor de behandelaar): {policy}."));
    }
    notes.extend(caveats);
    Document {
        applicant: record.applicant.clone(),
        unit: unit.clone(),
        title: format!("Besluit over {}", subject_short(unit)),
        heading,
        sections,
        closing: vec![
            "Met vriendelijke groet,".to_owned(),
            format!("{},", authority.name),
            "namens deze,".to_owned(),
            authority.signed_by.clone(),
        ],
        notes,
    }
}

/// How, within which term and to whom to object (Awb art. 3:45 lid 2).
fn objection(authority: &AuthorityDecl, unit: &str, date: &str) -> Section {
    Section {
        heading: "Bent u het niet eens met dit besluit?".to_owned(),
        blocks: vec![
            Block::Paragraph(
                "Dan kunt u bezwaar maken. Dat betekent: u vraagt ons om het besluit opnieuw te bekijken. Bezwaar maken kost niets."
                    .to_owned(),
            ),
            Block::Bullets(vec![
                "Wie? U kunt bezwaar maken, want dit besluit gaat over u. U mag ook iemand anders vragen om het voor u te doen.".to_owned(),
                "Wanneer? Binnen zes weken. De zes weken beginnen op de dag nadat wij u dit besluit hebben gestuurd.".to_owned(),
                format!(
                    "Waar naartoe? Stuur uw bezwaar naar: {}, {}.",
                    authority.name,
                    authority.objections
                ),
                format!(
                    "Wat schrijft u? Uw naam en adres, de datum, over welk besluit het gaat (dit besluit van {date} over woning {unit}) en waarom u het niet eens bent met het besluit. Zet uw handtekening onder de brief."
                ),
                "Op tijd? Uw bezwaar is op tijd als wij het binnen de zes weken hebben ontvangen. Stuurt u het met de post? Dan is het ook op tijd als u het binnen de zes weken op de post doet en wij het niet later dan een week daarna ontvangen.".to_owned(),
            ]),
            Block::Paragraph(
                "Dit staat in de Algemene wet bestuursrecht, artikel 6:4, 6:5, 6:7, 6:8 en 6:9."
                    .to_owned(),
            ),
        ],
    }
}

fn subject_short(unit: &str) -> String {
    format!("uw reactie op woning {unit}")
}

/// ` Wbmgp betekent: Wet …`: every abbreviation a citation uses,
/// explained (nothing when it uses none).
fn explained(citation: &str) -> String {
    nl::abbreviations(citation)
        .into_iter()
        .map(|(short, long)| format!(" {short} betekent: {long}."))
        .collect()
}
