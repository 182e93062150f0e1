//! Partnerships: the relationship between a home unit and a foreign city, and the foreign cities themselves.

mod store;
pub use store::{CityStore, LifecycleStore, PartnershipStore};
mod approval;
mod city;
mod history;
mod input;
pub mod lifecycle;
mod lifecycle_service;
mod model;
mod service;

pub use approval::{Approval, ApprovalInput, ApprovalKind, NewApproval};
pub use city::{ForeignCity, NewForeignCity};
pub use history::{StatusChange, Transitioned};
pub use input::{CityAsRead, CityChoice, NewPartnership, PartnershipInput};
pub use lifecycle::{EndedBy, Transition, TransitionInput};
pub use lifecycle_service::{add_approval, add_approval_in, approvals, delete_approval, history, record_start_in, transition};
pub use model::{Partnership, PartnershipFilter, PartnershipKind, PartnershipSort, PartnershipStats, PartnershipStatus};
pub use service::{create, create_in, delete, get, get_many, list, stats, update};
