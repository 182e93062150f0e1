//! Units: the home city and its districts, counties, bureaus and zones, which own partnerships and work.

mod store;
pub use store::UnitStore;
mod model;
mod service;

pub use model::{NewUnit, Unit, UnitInput, UnitKind};
pub use service::{create, create_in, get, list, update};
