//! Server-rendered pages: one module per area, one handler per action.

pub mod account;
pub mod activities;
pub mod agreements;
pub mod all_contacts;
pub mod assets;
pub mod attention;
pub mod audit;
pub mod budget;
pub mod calendar;
pub mod contacts;
pub mod coverage;
pub mod delegations;
pub mod events;
pub mod fields;
pub mod gifts;
pub mod groups;
pub mod health;
pub mod home;
pub mod lang;
pub mod login;
pub mod mini_map;
pub mod partnerships;
pub mod people;
pub mod public_events;
pub mod search;
pub mod sections;
pub mod settings;
pub mod setup;
pub mod stale_form;
pub mod status_history;
pub mod units;
pub mod users;

pub mod chrome;
mod error;
mod form;
pub mod refused;

pub use chrome::Chrome;
pub use error::HtmlError;
pub use form::FormErrors;
pub use refused::Refused;
