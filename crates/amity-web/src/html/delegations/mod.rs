//! Delegation pages: the list with filters and its CSV/XLSX exports, one delegation with its sections and actions, the form,
//! and the printable invitation letter and itinerary.

mod actions;
pub mod attention;
mod form;
mod list;
mod list_export;
mod print;
mod rows;
mod show;

pub use actions::{add_budget_line, add_document, delete_budget_line, delete_document, link_gift, set_retention, set_status, unlink_gift};
pub use form::{create, delete, edit_form, new_form, update};
pub use list::list;
pub use list_export::{list_csv, list_xlsx};
pub use print::{invitation, itinerary};
pub use show::show;

use chrono::{NaiveDate, NaiveDateTime};

use crate::i18n::{Locale, date_long};

/// A visit's dates: `21 Apr 2023 – 23 Apr 2023`, or one day.
pub fn span(l: Locale, from: NaiveDate, to: NaiveDate) -> String {
    if from == to { date_long(l, from) } else { format!("{} – {}", date_long(l, from), date_long(l, to)) }
}

/// A local wall time: `22 Apr 2023 10:00`.
pub fn time(l: Locale, t: NaiveDateTime) -> String {
    format!("{} {}", date_long(l, t.date()), t.format("%H:%M"))
}

/// Country names in the reader's language.
pub fn country_names(l: Locale, codes: &[String]) -> Vec<String> {
    codes.iter().map(|c| crate::html::partnerships::view::country_name(l, c)).collect()
}
