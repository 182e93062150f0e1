//! Delegation pages: the list with filters and its CSV/XLSX exports, one delegation with its sections and actions, the form,
//! and the printable invitation letter and itinerary.

mod actions;
pub mod attention;
mod form;
mod list;
mod list_export;
mod print;
mod rows;
mod rows_show;
mod show;

pub use actions::{add_budget_line, add_document, delete_budget_line, delete_document, link_gift, set_retention, set_status, unlink_gift};
pub use form::{create, delete, edit_form, new_form, update};
pub use list::list;
pub use list_export::{list_csv, list_xlsx};
pub use print::{invitation, itinerary};
pub use show::show;
