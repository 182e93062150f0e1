//! Partnership pages: the list with filters, one partnership, and the create/edit form.

mod cooperation;
mod form;
mod form_page;
mod lifecycle;
mod list;
mod show;
pub mod view;

pub use form_page::{create, delete, edit_form, new_form, update};
pub use lifecycle::{add_approval, delete_approval, transition};
pub use list::list;
pub use show::show;
