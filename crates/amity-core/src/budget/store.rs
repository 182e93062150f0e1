//! What the budget area needs from the database (BudgetStore); `amity-store` implements it for both backends.

use crate::error::Result;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

/// Budget lines of delegations and events.
#[async_trait]
pub trait BudgetStore {
    /// The subject's lines in the order entered.
    async fn list_budget_lines(&mut self, subject: crate::budget::BudgetSubject, subject_id: i64)
    -> Result<Vec<crate::budget::BudgetLine>>;
    async fn get_budget_line(&mut self, id: i64) -> Result<Option<crate::budget::BudgetLine>>;
    async fn insert_budget_line(
        &mut self,
        subject: crate::budget::BudgetSubject,
        subject_id: i64,
        line: &crate::budget::NewBudgetLine,
        now: DateTime<Utc>,
    ) -> Result<i64>;
    /// `false` when `version` is not the stored one.
    async fn update_budget_line(&mut self, id: i64, line: &crate::budget::NewBudgetLine, version: i64, now: DateTime<Utc>) -> Result<bool>;
    /// `false` when there was no such line.
    async fn delete_budget_line(&mut self, id: i64) -> Result<bool>;
    /// Deletes every line of the subject (when the subject is deleted); returns how many.
    async fn delete_budget_lines(&mut self, subject: crate::budget::BudgetSubject, subject_id: i64) -> Result<u64>;
}
