//! The gift registry: gifts the city gave and received, with their occasion, the people involved,
//! an estimated value, where each is kept, a photo, and how far its disclosure has gone. Internal
//! records only: no public page shows them.

mod store;
pub use store::GiftStore;
mod model;
mod service;

pub use model::{DisclosureStatus, Gift, GiftDirection, GiftFilter, GiftInput, NewGift};
pub use service::{create, create_in, delete, get, list, remove_photo, set_photo, update};
