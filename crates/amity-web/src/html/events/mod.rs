//! Event pages: the list with filters and its CSV/XLSX exports, the record (local and partner time zones, status actions,
//! report, logged activities, budget, history), the form, series, registrations with check-in, and the
//! participant exports (CSV, XLSX, a printable signed list by country, name badges).

mod budget;
mod exports;
mod form;
mod list;
mod list_export;
mod registration_edit;
mod registrations;
mod series;
mod show;
mod status;

pub use budget::{add_budget_line, delete_budget_line};
pub use exports::{badges, participants_csv, participants_xlsx, sign_sheet};
pub use form::{create, delete, edit_form, new_form, update};
pub use list::list;
pub use list_export::{list_csv, list_xlsx};
pub use registration_edit::{edit_registration, update_registration};
pub use registrations::{add_registration, check_in, registration_status, registrations};
pub use series::{create_series, edit_series, series, update_series};
pub use show::show;
pub use status::{save_report, set_status};

use crate::i18n::Locale;
use crate::view::Opt;
use amity_core::event::{Event, EventKind, EventStatus};

/// The title in the reader's language, with the other beside it when both exist.
pub fn both_titles(l: Locale, e: &Event) -> String {
    let (first, second) = if l.is_zh() { (&e.title_zh, &e.title_en) } else { (&e.title_en, &e.title_zh) };
    match (first.is_empty(), second.is_empty()) {
        (false, false) => format!("{first} · {second}"),
        (true, _) => second.clone(),
        (false, true) => first.clone(),
    }
}

/// Options of the kind select.
pub fn kind_opts(l: Locale, current: &str) -> Vec<Opt> {
    EventKind::ALL
        .iter()
        .map(|k| Opt { selected: k.as_str() == current.trim(), value: k.as_str().into(), label: l.t(&format!("event_kind.{k}")) })
        .collect()
}

/// Options of the status select.
pub fn status_opts(l: Locale, current: &str) -> Vec<Opt> {
    EventStatus::ALL
        .iter()
        .map(|k| Opt { selected: k.as_str() == current.trim(), value: k.as_str().into(), label: l.t(&format!("event_status.{k}")) })
        .collect()
}
