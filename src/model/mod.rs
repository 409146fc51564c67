//! The data model: applicant files, units, complexes, buurten, history,
//! reactions and proposals; strict loading from a folder of YAML files; and
//! the derived facts rules read (ages, incomes, residence, designations…).
//!
//! No type here has a field for nationality, ethnicity, religion or any other
//! protected ground, so no rule can read one (Grondwet art. 1; AVG).

pub mod applicant;
pub mod buurt;
pub mod complex;
pub mod dataset;
pub mod dates;
mod de;
mod decimal;
pub mod error;
pub mod generate;
pub mod history;
pub mod household;
pub mod income;
mod load;
pub mod path;
pub mod proposal;
pub mod reaction;
mod read;
pub mod registration;
pub mod residence;
pub mod screening;
pub mod unit;
pub mod urgency;
mod validate;
pub mod work;
mod write;
mod yaml;

pub use applicant::{Aandachtsgroep, Applicant, DiscretionaryDecision};
pub use buurt::Buurt;
pub use complex::{Complex, Designation, Owner};
pub use dataset::{Dataset, Records};
pub use error::{LoadError, Place, Refusal};
pub use generate::{GenerateOptions, generate};
pub use history::Allocation;
pub use household::{Household, Member};
pub use income::{Income, IncomeSources};
pub use load::{FILES, LoadErrors, load_dataset};
pub use path::{Step, YamlPath};
pub use proposal::{Basis, Proposal};
pub use reaction::Reaction;
pub use registration::{Block, Registration};
pub use residence::{Residence, ResidenceHistory};
pub use screening::Screening;
pub use unit::Unit;
pub use urgency::Urgency;
pub use validate::HOURS_PER_WEEK;
pub use work::{Activity, ActivityIn, Study, Volunteering, Work};
pub use write::{to_files, write_dataset};
