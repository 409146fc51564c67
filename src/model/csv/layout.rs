//! The CSV layout of a data folder: which file holds which records, its
//! columns, and where a file of nested records hangs in its parent's record
//! (`docs/csv-format.md` describes the same table for people).

/// How a cell is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Text, a date or a word: never a number, whatever it looks like, so an
    /// id `1001` stays text.
    Text,
    /// A number: a decimal comma is read only in a `;`-separated file.
    Number,
    /// `true` or `false`.
    Flag,
    /// Ids separated by spaces (`m1 m2`).
    List,
}

/// One column: its name (dots step into nested records: `urgency.category`),
/// whether the header must have it, and how its cells read.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The header name.
    pub name: &'static str,
    /// Whether the header must name it; an empty cell in it is empty text.
    /// An optional column may be left out, and an empty cell in it means
    /// the field is absent.
    pub required: bool,
    /// How its cells read.
    pub kind: Kind,
}

/// Where a file's rows go.
#[derive(Debug, Clone, Copy)]
pub enum Parent {
    /// A file of the folder's own records: the index in [`crate::model::FILES`].
    Top(usize),
    /// Nested records of another file, whose key columns come first.
    Child {
        /// The index in [`TABLES`] of the parent file.
        of: usize,
        /// The columns naming the parent (its own parent's key, then its id).
        key: &'static [&'static str],
        /// The list in the parent record the rows become.
        at: &'static [&'static str],
        /// What the parent is called in a message.
        what: &'static str,
        /// Whether the list is always written, even empty (a household's
        /// members: a record without it would lack a required field).
        always: bool,
    },
}

/// One CSV file of a data folder.
#[derive(Debug, Clone, Copy)]
pub struct Table {
    /// The file name.
    pub file: &'static str,
    /// Where its rows go.
    pub parent: Parent,
    /// The column naming a row for its children (`id`), if any have it.
    pub id: Option<&'static str>,
    /// The columns after the key columns, in the order they are written.
    pub columns: &'static [Column],
}

const fn text(name: &'static str) -> Column {
    Column {
        name,
        required: true,
        kind: Kind::Text,
    }
}

const fn opt(name: &'static str) -> Column {
    Column {
        name,
        required: false,
        kind: Kind::Text,
    }
}

const fn number(name: &'static str) -> Column {
    Column {
        name,
        required: true,
        kind: Kind::Number,
    }
}

const fn flag(name: &'static str, required: bool) -> Column {
    Column {
        name,
        required,
        kind: Kind::Flag,
    }
}

const APPLICANT: &[&str] = &["applicant_id"];
const MEMBER: &[&str] = &["applicant_id", "member_id"];

const fn child(
    of: usize,
    key: &'static [&'static str],
    at: &'static [&'static str],
    what: &'static str,
) -> Parent {
    Parent::Child {
        of,
        key,
        at,
        what,
        always: false,
    }
}

/// Index of `applicants.csv` in [`TABLES`].
const APPLICANTS: usize = 0;
/// Index of `members.csv` in [`TABLES`].
const MEMBERS: usize = 1;
/// Index of `complexes.csv` in [`TABLES`].
const COMPLEXES: usize = 12;

/// Every CSV file of a data folder, parents before their children.
pub const TABLES: [Table; 17] = [
    Table {
        file: "applicants.csv",
        parent: Parent::Top(0),
        id: Some("id"),
        columns: &[
            text("id"),
            flag("lawful_residence", true),
            flag("permit_holder_first_housing", false),
            flag("in_shelter_after_violence", false),
            text("registration.registered_on"),
            opt("urgency.category"),
            opt("urgency.granted"),
            opt("urgency.valid_until"),
            opt("aandachtsgroep.route"),
            opt("aandachtsgroep.since"),
        ],
    },
    Table {
        file: "members.csv",
        parent: Parent::Child {
            of: APPLICANTS,
            key: APPLICANT,
            at: &["household", "members"],
            what: "applicant",
            always: true,
        },
        id: Some("id"),
        columns: &[
            text("id"),
            text("role"),
            text("birth_date"),
            opt("education"),
            flag("student", false),
        ],
    },
    Table {
        file: "incomes.csv",
        parent: child(MEMBERS, MEMBER, &["incomes"], "household member"),
        id: None,
        columns: &[text("source"), number("yearly"), opt("from"), opt("until")],
    },
    Table {
        file: "work.csv",
        parent: child(MEMBERS, MEMBER, &["work"], "household member"),
        id: None,
        columns: &[
            text("municipality"),
            text("sector"),
            text("profession"),
            number("hours_per_week"),
            text("since"),
            opt("until"),
        ],
    },
    Table {
        file: "study.csv",
        parent: child(MEMBERS, MEMBER, &["study"], "household member"),
        id: None,
        columns: &[
            text("municipality"),
            text("course"),
            number("hours_per_week"),
            text("since"),
            opt("until"),
        ],
    },
    Table {
        file: "volunteering.csv",
        parent: child(MEMBERS, MEMBER, &["volunteering"], "household member"),
        id: None,
        columns: &[
            text("municipality"),
            text("organisation"),
            number("hours_per_week"),
            text("since"),
            opt("until"),
        ],
    },
    Table {
        file: "blocks.csv",
        parent: child(
            APPLICANTS,
            APPLICANT,
            &["registration", "blocks"],
            "applicant",
        ),
        id: None,
        columns: &[text("kind"), text("from"), opt("until"), text("reason")],
    },
    Table {
        file: "residences.csv",
        parent: child(APPLICANTS, APPLICANT, &["residence"], "applicant"),
        id: None,
        columns: &[text("municipality"), text("from"), opt("until")],
    },
    Table {
        file: "screenings.csv",
        parent: child(APPLICANTS, APPLICANT, &["screenings"], "applicant"),
        id: None,
        columns: &[
            text("date"),
            flag("objection", true),
            Column {
                name: "members",
                required: true,
                kind: Kind::List,
            },
            opt("covers.from"),
            opt("covers.until"),
            opt("scope.unit"),
            opt("scope.complex"),
        ],
    },
    Table {
        file: "decisions.csv",
        parent: child(APPLICANTS, APPLICANT, &["decisions"], "applicant"),
        id: None,
        columns: &[
            text("kind"),
            text("rule"),
            opt("scope.unit"),
            opt("scope.complex"),
            text("decided_by"),
            text("decided_on"),
            opt("valid_until"),
            text("ground"),
        ],
    },
    Table {
        file: "units.csv",
        parent: Parent::Top(1),
        id: None,
        columns: &[
            text("id"),
            text("complex"),
            number("rent"),
            number("rooms"),
            number("floor_area"),
            text("type"),
            number("floor"),
            flag("accessible", true),
            text("segment"),
            text("available_from"),
        ],
    },
    Table {
        file: "buurten.csv",
        parent: Parent::Top(3),
        id: None,
        columns: &[
            text("code"),
            text("name"),
            text("municipality"),
            number("leefbaarometer"),
            number("leefbaarometer_average"),
            number("resilience"),
            number("resilience_average"),
            text("measured_on"),
        ],
    },
    Table {
        file: "complexes.csv",
        parent: Parent::Top(2),
        id: Some("id"),
        columns: &[
            text("id"),
            text("name"),
            text("buurt"),
            text("municipality"),
            text("owner.name"),
            text("owner.kind"),
        ],
    },
    Table {
        file: "designations.csv",
        parent: child(COMPLEXES, &["complex_id"], &["designations"], "complex"),
        id: None,
        columns: &[text("kind"), text("from"), opt("until"), text("decision")],
    },
    Table {
        file: "history.csv",
        parent: Parent::Top(4),
        id: None,
        columns: &[
            text("unit"),
            text("applicant"),
            text("date"),
            text("owner"),
            text("classification"),
            opt("priority"),
        ],
    },
    Table {
        file: "reactions.csv",
        parent: Parent::Top(5),
        id: None,
        columns: &[
            text("applicant"),
            text("unit"),
            text("date"),
            opt("response"),
        ],
    },
    Table {
        file: "proposals.csv",
        parent: Parent::Top(6),
        id: None,
        columns: &[
            text("id"),
            text("unit"),
            text("applicant"),
            text("date"),
            opt("application_date"),
            opt("basis.priority"),
            opt("basis.rule"),
            opt("basis.tailored"),
            text("ground"),
        ],
    },
];

impl Table {
    /// The key columns that name the parent, none for a top-level file.
    pub fn key(&self) -> &'static [&'static str] {
        match self.parent {
            Parent::Top(_) => &[],
            Parent::Child { key, .. } => key,
        }
    }

    /// Every column name of the header, key columns first.
    pub fn header(&self) -> Vec<&'static str> {
        let mut names = self.key().to_vec();
        names.extend(self.columns.iter().map(|c| c.name));
        names
    }
}

/// The table of a top-level file (`FILES` index `top`); only the tests
/// look a table up this way.
#[cfg(test)]
pub fn top(top: usize) -> Option<(usize, &'static Table)> {
    TABLES
        .iter()
        .enumerate()
        .find(|(_, t)| matches!(t.parent, Parent::Top(i) if i == top))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parents_come_before_their_children() {
        for (i, table) in TABLES.iter().enumerate() {
            if let Parent::Child { of, key, .. } = table.parent {
                assert!(of < i, "{}", table.file);
                let parent = &TABLES[of];
                assert_eq!(key.len(), parent.key().len() + 1, "{}", table.file);
                assert!(parent.id.is_some(), "{}", table.file);
            }
        }
        for top_index in 0..7 {
            assert!(top(top_index).is_some());
        }
    }
}
