//! The data model: applicant files, units, complexes, buurten, history,
//! reactions and proposals; strict loading from a folder of YAML files; and
//! the derived facts rules read (ages, incomes, residence, designations…).
//!
//! # Where each fact of the rule language comes from
//!
//! Every fact is read on the reference date `d`; the main applicant is
//! `a.household.main()`.
//!
//! | rule language (`check::schema`) | model |
//! |---|---|
//! | `applicant.registered_on`, `.registration_duration` | `a.registration.registered_on`, [`Applicant::registration_counts_from`], [`registration::Registration::days_on`] / [`registration::Registration::years_on`] (from the later of registration and the 18th birthday) |
//! | `applicant.registration_active` | [`registration::Registration::active_on`] |
//! | `applicant.age`, `.birth_date`, `.education`, `.start_qualification`, `.student` | [`Member::age_on`], `birth_date`, `education`, [`Member::has_start_qualification`], `student` of the main member |
//! | `applicant.volunteering` | [`Applicant::volunteers_on`] |
//! | `applicant.aandachtsgroep`, `.route` | `a.aandachtsgroep` |
//! | `urgency.valid`, `.category`, `.granted_on`, `.valid_until` | [`Applicant::urgency_valid_on`], `a.urgency` |
//! | `work.sector`, `.hours`, `.municipality`, `.since` | [`Member::current_work`] of the main member |
//! | `household.size`, `.adults`, `.children`, `.oldest_age` | [`household::Household::adults_on`], [`household::Household::minors_on`], [`household::Household::oldest_age_on`] |
//! | `household.income`, `.income_sources` | [`household::Household::income_on`], [`household::Household::income_sources_on`] |
//! | `household.has_income(…)`, `.income_from(…)` | [`IncomeSources::intersects`] on the sources, [`household::Household::income_from`] |
//! | `applicant.residence_in(r)`, `.residence_before_application(r)` | [`residence::ResidenceHistory::stretch_before`] the reference date / the application |
//! | `applicant.longest_residence_in(r, window)` | [`residence::ResidenceHistory::longest_stretch`] |
//! | `applicant.work_hours_in(r)`, `.work_duration_in(r)`, `.study_hours_in(r)` | [`Applicant::work_in`], [`Applicant::study_in`] (hours and since) |
//! | `household.screening_objection_within(n years)` | [`Applicant::screening_objection_for`] the application and its unit |
//! | `override hardship` | [`Applicant::decision_for`] for the pair's unit and complex, [`DiscretionaryDecision::fit`] |
//! | `unit.*`, `unit.complex.*`, `unit.buurt.*` | [`Dataset::complex_of`], [`Dataset::buurt_of_unit`], the fields |
//! | `designated K` | [`Complex::designated_on`] / [`Complex::designation_on`] |
//!
//! No type here has a field for nationality, ethnicity, religion or any other
//! protected ground, so no rule can read one (Grondwet art. 1; AVG).

pub(crate) mod applicant;
pub(crate) mod buurt;
pub(crate) mod complex;
pub mod csv;
pub(crate) mod dataset;
pub mod dates;
mod de;
mod decimal;
pub(crate) mod error;
pub mod generate;
pub(crate) mod held;
pub(crate) mod history;
pub(crate) mod household;
pub(crate) mod income;
pub(crate) mod inflow;
pub(crate) mod inline;
mod load;
pub(crate) mod path;
pub(crate) mod proposal;
mod quick;
pub(crate) mod reaction;
mod reaction_read;
mod read;
pub(crate) mod registration;
pub(crate) mod residence;
pub(crate) mod screening;
mod shards;
pub mod stream;
pub(crate) mod unit;
pub(crate) mod urgency;
mod validate;
pub(crate) mod work;
mod write;
pub(crate) mod yaml;

pub(crate) use applicant::{Applicant, DecisionFit, DiscretionaryDecision};
pub(crate) use buurt::Buurt;
pub(crate) use complex::{Complex, Designation};
pub use dataset::{Dataset, Records};
pub(crate) use error::LoadError;
#[cfg(test)]
pub use generate::generate;
pub use generate::{GenerateOptions, generate_into};
pub(crate) use history::Allocation;
pub(crate) use household::Member;
pub use income::IncomeSources;
pub use load::{FILES, LoadErrors, load_dataset, load_dataset_for};
pub(crate) use path::YamlPath;
pub use proposal::{Basis, Proposal};
pub use reaction::Response;
pub(crate) use shards::split_files;
pub(crate) use unit::Unit;
#[cfg(test)]
pub use write::to_files;
pub use write::write_dataset;
