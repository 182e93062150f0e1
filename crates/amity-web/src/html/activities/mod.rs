//! Activity pages: the cooperation log with filters, one activity with its commitments, the form.

mod form;
mod list;
mod show;

pub use form::{create, delete, edit_form, new_form, update};
pub use list::list;
pub use show::{add_commitment, set_commitment, show};

use crate::i18n::{Locale, partial_date};
use amity_core::activity::Activity;

/// The activity's date or range, in the reader's language.
pub fn when(l: Locale, a: &Activity) -> String {
    match a.end_on {
        Some(e) if e != a.start_on => format!("{} – {}", partial_date(l, &a.start_on), partial_date(l, &e)),
        _ => partial_date(l, &a.start_on),
    }
}
