//! The budget of one delegation or event: finds the subject (and so the unit that owns its budget),
//! keeps lines to the subject they belong to, and runs the use cases in one transaction each.

use super::{BudgetInput, BudgetLine, BudgetSubject, BudgetTotal, add_in, budget_totals, delete_in, list_in, update_in};
use crate::Actor;
use crate::error::{Error, Result};
use crate::store::prelude::*;

/// The unit owning the subject's budget: a delegation's owner unit, an event's organiser.
async fn owner_unit<T: Tx>(tx: &mut T, subject: BudgetSubject, subject_id: i64) -> Result<i64> {
    match subject {
        BudgetSubject::Delegation => {
            tx.get_delegation(subject_id).await?.map(|d| d.owner_unit_id).ok_or_else(|| Error::not_found("delegation", subject_id))
        }
        BudgetSubject::Event => {
            tx.get_event(subject_id).await?.map(|e| e.organiser_unit_id).ok_or_else(|| Error::not_found("event", subject_id))
        }
    }
}

/// The line, if it belongs to the subject.
async fn line_of<T: Tx>(tx: &mut T, subject: BudgetSubject, subject_id: i64, line_id: i64) -> Result<BudgetLine> {
    tx.get_budget_line(line_id)
        .await?
        .filter(|l| l.subject_kind == subject && l.subject_id == subject_id)
        .ok_or_else(|| Error::not_found("budget_line", line_id))
}

/// The subject's lines and their totals per currency.
pub async fn list<S: Store>(
    store: &S,
    actor: &Actor,
    subject: BudgetSubject,
    subject_id: i64,
) -> Result<(Vec<BudgetLine>, Vec<BudgetTotal>)> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    owner_unit(&mut tx, subject, subject_id).await?;
    let lines = list_in(&mut tx, subject, subject_id).await?;
    let totals = budget_totals(&lines);
    Ok((lines, totals))
}

/// Adds a line to the subject's budget.
pub async fn add<S: Store>(store: &S, actor: &Actor, subject: BudgetSubject, subject_id: i64, input: &BudgetInput) -> Result<BudgetLine> {
    let mut tx = store.begin().await?;
    let unit = owner_unit(&mut tx, subject, subject_id).await?;
    let line = add_in(&mut tx, actor, subject, subject_id, unit, input).await?;
    tx.commit().await?;
    Ok(line)
}

/// Replaces one of the subject's lines.
pub async fn update<S: Store>(
    store: &S,
    actor: &Actor,
    subject: BudgetSubject,
    subject_id: i64,
    line_id: i64,
    input: &BudgetInput,
) -> Result<BudgetLine> {
    let mut tx = store.begin().await?;
    let unit = owner_unit(&mut tx, subject, subject_id).await?;
    let before = line_of(&mut tx, subject, subject_id, line_id).await?;
    let line = update_in(&mut tx, actor, &before, unit, input).await?;
    tx.commit().await?;
    Ok(line)
}

/// Deletes one of the subject's lines.
pub async fn delete<S: Store>(store: &S, actor: &Actor, subject: BudgetSubject, subject_id: i64, line_id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    let unit = owner_unit(&mut tx, subject, subject_id).await?;
    let before = line_of(&mut tx, subject, subject_id, line_id).await?;
    delete_in(&mut tx, actor, &before, unit).await?;
    tx.commit().await
}
