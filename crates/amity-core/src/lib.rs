//! Amity's domain: entities, validating types, rules and use-case services, and the store traits they need.
//! No web framework, no SQL, no IO here: `amity-store` implements the traits, `amity-web` and the CLI call the services.
#![forbid(unsafe_code)]

pub mod activity;
pub mod agreement;
pub mod audit;
pub mod auth;
pub mod bilingual;
pub mod budget;
pub mod calendar;
pub mod choice;
pub mod clock;
pub mod contact;
pub mod coverage;
pub mod delegation;
pub mod demo;
pub mod error;
pub mod event;
pub mod field;
pub mod file;
pub mod gift;
pub mod group;
pub mod health;
pub mod job;
pub mod list;
pub mod money;
pub mod partial_date;
pub mod partnership;
pub mod person;
pub mod programme;
pub mod search;
pub mod settings;
pub mod setup;
pub mod store;
pub mod transition;
pub mod unit;
pub mod validate;

pub use auth::Actor;
pub use error::{Error, FieldError, Result};
pub use list::{Page, Paging};
pub use partial_date::{PartialDate, PartialDateError};
pub use partnership::{Partnership, PartnershipInput};
pub use unit::{NewUnit, Unit, UnitInput};
