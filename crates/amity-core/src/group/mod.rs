//! Country groups: named, bilingual sets of countries the office defines (Belt and Road cooperation
//! partners, Caribbean, Africa …) that lists, the coverage matrix, reports and the showcase filter by.
//! Membership is the office's data, not shipped fact.

mod store;
pub use store::CountryGroupStore;
mod model;
mod service;

pub use model::{CountryGroup, CountryGroupInput, NewCountryGroup};
pub use service::{create, create_in, delete, filter_countries, get, list, page, update};
