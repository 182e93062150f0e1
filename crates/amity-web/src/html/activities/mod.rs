//! Activity pages: the cooperation log with filters, one activity with its commitments, the form.

mod form;
mod list;
mod show;

pub use form::{create, delete, edit_form, new_form, update};
pub use list::list;
pub use show::{add_commitment, set_commitment, show};
