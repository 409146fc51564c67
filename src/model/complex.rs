//! A housing complex, its owner, and its designations (Wbmgp, fragile).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::model::dates::within;
use crate::vocab::OwnerKind;

/// A complex of units under one owner in one buurt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Complex {
    /// Id unique in the data folder.
    pub id: String,
    /// The complex's name.
    pub(crate) name: String,
    /// The code of the buurt it lies in.
    pub(crate) buurt: String,
    /// The municipality.
    pub(crate) municipality: String,
    /// Who owns it.
    pub(crate) owner: Owner,
    /// Designations, each valid for a period.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) designations: Vec<Designation>,
}

/// The owner of a complex.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    /// The owner's name.
    pub name: String,
    /// Corporation or private landlord.
    pub kind: OwnerKind,
}

/// A designation of the complex: by the Minister under the Wbmgp (at most 4
/// years a period), or of a kind the rule set declares (fragile under the
/// regional agreements, say).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Designation {
    /// What the complex is designated for: a Wbmgp kind or one the rule set
    /// declares (checked against the rule set when both are loaded).
    pub kind: String,
    /// First day in force.
    pub from: NaiveDate,
    /// Last day in force; absent: until revoked (fragile only, in practice).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// The decision it rests on, e.g. `Besluit BZK 2025-0001234`.
    pub decision: String,
}

impl Designation {
    /// Whether the designation is in force on `date` (both ends inclusive).
    pub fn in_force_on(&self, date: NaiveDate) -> bool {
        within(date, Some(self.from), self.until)
    }
}

impl Complex {
    /// The designation of `kind` in force on `date`, if any.
    pub(crate) fn designation_on(&self, kind: &str, date: NaiveDate) -> Option<&Designation> {
        self.designations
            .iter()
            .find(|d| d.kind == kind && d.in_force_on(date))
    }

    /// Whether the complex is designated `kind` on `date`.
    pub fn designated_on(&self, kind: &str, date: NaiveDate) -> bool {
        self.designation_on(kind, date).is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_designation_holds_from_its_first_to_its_last_day() {
        let c = Complex {
            id: "C1".into(),
            name: "Test".into(),
            buurt: "B1".into(),
            municipality: "Heerlen".into(),
            owner: Owner {
                name: "Woonstichting Test".into(),
                kind: OwnerKind::Corporation,
            },
            designations: vec![Designation {
                kind: "wbmgp_art8".into(),
                from: d("2026-03-02"),
                until: Some(d("2030-03-01")),
                decision: "test".into(),
            }],
        };
        let art8 = "wbmgp_art8";
        assert!(!c.designated_on(art8, d("2026-03-01")));
        assert!(c.designated_on(art8, d("2026-03-02")));
        assert!(c.designated_on(art8, d("2026-03-03")));
        assert!(c.designated_on(art8, d("2030-03-01")));
        assert!(!c.designated_on(art8, d("2030-03-02")));
        assert!(!c.designated_on("fragile", d("2026-03-02")));
    }
}
