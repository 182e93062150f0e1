//! A delegation's budget and expenses: the generic budget lines, owned by the delegation's unit.

use crate::Actor;
use crate::budget::{BudgetInput, BudgetLine, BudgetSubject, BudgetTotal, subject};
use crate::error::Result;
use crate::store::prelude::*;

/// The delegation's lines and their totals per currency.
pub async fn list<S: Store>(store: &S, actor: &Actor, delegation_id: i64) -> Result<(Vec<BudgetLine>, Vec<BudgetTotal>)> {
    subject::list(store, actor, BudgetSubject::Delegation, delegation_id).await
}

/// Adds a line.
pub async fn add<S: Store>(store: &S, actor: &Actor, delegation_id: i64, input: &BudgetInput) -> Result<BudgetLine> {
    subject::add(store, actor, BudgetSubject::Delegation, delegation_id, input).await
}

/// Replaces a line.
pub async fn update<S: Store>(store: &S, actor: &Actor, delegation_id: i64, line_id: i64, input: &BudgetInput) -> Result<BudgetLine> {
    subject::update(store, actor, BudgetSubject::Delegation, delegation_id, line_id, input).await
}

/// Deletes a line.
pub async fn delete<S: Store>(store: &S, actor: &Actor, delegation_id: i64, line_id: i64) -> Result<()> {
    subject::delete(store, actor, BudgetSubject::Delegation, delegation_id, line_id).await
}
