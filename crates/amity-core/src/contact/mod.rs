//! Contacts: the people on both sides of a partnership. Personal data: only roles that see personal
//! data read them, only editors of the partnership's home unit change them, and no public page shows them.

mod store;
pub use store::ContactStore;
mod listing;
mod model;
mod service;

pub use listing::{ContactFilter, ListedContact, list_all};
pub use model::{Contact, ContactInput, ContactSide, NewContact};
pub use service::{create, delete, get, list, update};
