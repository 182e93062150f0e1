//! Units: the home city and its districts, counties, bureaus and zones, which own partnerships and work.

mod store;
pub use store::UnitStore;
mod model;
mod service;

pub use model::{NewUnit, Unit, UnitArchiveInput, UnitFilter, UnitInput, UnitKind};
pub use service::{create, create_in, delete, get, list, page, set_archived, update};
