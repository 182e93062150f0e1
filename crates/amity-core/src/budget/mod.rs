//! Budgets of delegations and events: planned and actual amounts per line, in integer minor units
//! of an ISO 4217 currency, with totals per currency (amounts in different currencies are never added).

mod store;
pub use store::BudgetStore;
mod model;
mod service;
pub mod subject;

pub use model::{BudgetCategory, BudgetInput, BudgetLine, BudgetSubject, BudgetTotal, NewBudgetLine, budget_totals};
pub use service::{add_in, delete_in, list_in, update_in};
