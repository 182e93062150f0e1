//! Partnerships: the relationship between a home unit and a foreign city, and the foreign cities themselves.

mod city;
mod input;
mod model;
mod service;

pub use city::{ForeignCity, NewForeignCity};
pub use input::{CityChoice, NewPartnership, PartnershipInput};
pub use model::{Partnership, PartnershipFilter, PartnershipKind, PartnershipSort, PartnershipStats, PartnershipStatus};
pub use service::{create, create_in, delete, get, list, stats, update};
