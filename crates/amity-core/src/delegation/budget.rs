//! A delegation's budget and expenses: the generic budget lines, owned by the delegation's unit.

use super::Delegation;
use crate::Actor;
use crate::budget::{self, BudgetInput, BudgetLine, BudgetSubject, BudgetTotal, budget_totals};
use crate::error::{Error, Result};
use crate::store::prelude::*;

/// The delegation's lines and their totals per currency.
pub async fn list<S: Store>(store: &S, actor: &Actor, delegation_id: i64) -> Result<(Vec<BudgetLine>, Vec<BudgetTotal>)> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    tx.get_delegation(delegation_id).await?.ok_or_else(|| Error::not_found("delegation", delegation_id))?;
    let lines = budget::list_in(&mut tx, BudgetSubject::Delegation, delegation_id).await?;
    let totals = budget_totals(&lines);
    Ok((lines, totals))
}

async fn owner<T: Tx>(tx: &mut T, delegation_id: i64) -> Result<Delegation> {
    tx.get_delegation(delegation_id).await?.ok_or_else(|| Error::not_found("delegation", delegation_id))
}

/// The line, if it belongs to the delegation.
async fn line_of<T: Tx>(tx: &mut T, delegation_id: i64, line_id: i64) -> Result<BudgetLine> {
    tx.get_budget_line(line_id)
        .await?
        .filter(|l| l.subject_kind == BudgetSubject::Delegation && l.subject_id == delegation_id)
        .ok_or_else(|| Error::not_found("budget_line", line_id))
}

/// Adds a line.
pub async fn add<S: Store>(store: &S, actor: &Actor, delegation_id: i64, input: &BudgetInput) -> Result<BudgetLine> {
    let mut tx = store.begin().await?;
    let d = owner(&mut tx, delegation_id).await?;
    let line = budget::add_in(&mut tx, actor, BudgetSubject::Delegation, delegation_id, d.owner_unit_id, input).await?;
    tx.commit().await?;
    Ok(line)
}

/// Replaces a line.
pub async fn update<S: Store>(store: &S, actor: &Actor, delegation_id: i64, line_id: i64, input: &BudgetInput) -> Result<BudgetLine> {
    let mut tx = store.begin().await?;
    let d = owner(&mut tx, delegation_id).await?;
    let before = line_of(&mut tx, delegation_id, line_id).await?;
    let line = budget::update_in(&mut tx, actor, &before, d.owner_unit_id, input).await?;
    tx.commit().await?;
    Ok(line)
}

/// Deletes a line.
pub async fn delete<S: Store>(store: &S, actor: &Actor, delegation_id: i64, line_id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    let d = owner(&mut tx, delegation_id).await?;
    let before = line_of(&mut tx, delegation_id, line_id).await?;
    budget::delete_in(&mut tx, actor, &before, d.owner_unit_id).await?;
    tx.commit().await
}
