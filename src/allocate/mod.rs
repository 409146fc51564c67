//! Allocation workflows: filling vacancies in date order under the quotas
//! (`allocate`), checking the allocations a corporation proposes
//! (`validate`), and reporting what a period of allocations did
//! (`period_report`).

mod alike;
mod engines;
mod ledger;
mod names;
pub mod record;
mod report;
mod run;
mod validate;

pub(crate) use alike::{data_alike, programs_alike};
pub use report::period_report;
pub use run::{
    SideSpec, Stopped, allocate, allocate_alongside, allocate_into, allocate_on, allocate_shown,
    quota_standing,
};
pub use validate::{UnknownBasis, ValidateError, validate};
