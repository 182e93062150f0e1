//! Partnership pages: the list with filters, one partnership, and the create/edit form.

mod form;
mod form_page;
mod list;
mod show;
mod view;

pub use form_page::{create, delete, edit_form, new_form, update};
pub use list::{Opt, list};
pub use show::show;
