//! Allocation workflows: filling vacancies in date order under the quotas
//! (`allocate`) and checking the allocations a corporation proposes
//! (`validate`).

mod engines;
mod ledger;
pub mod record;
mod run;
mod validate;

pub use run::allocate;
pub use validate::validate;
