//! Budget use cases inside a unit of work. The owner of the budget (a delegation, an event) checks
//! who may read it and passes its owner unit; these functions check the right to change that unit,
//! validate, write and audit.

use super::{BudgetInput, BudgetLine, BudgetSubject, NewBudgetLine};
use crate::error::{Error, Result};
use crate::store::Tx;
use crate::{Actor, audit};

/// The subject's lines, in the order entered.
pub async fn list_in<T: Tx>(tx: &mut T, subject: BudgetSubject, subject_id: i64) -> Result<Vec<BudgetLine>> {
    tx.list_budget_lines(subject, subject_id).await
}

/// Adds a line to the budget of a subject owned by `owner_unit`.
pub async fn add_in<T: Tx>(
    tx: &mut T,
    actor: &Actor,
    subject: BudgetSubject,
    subject_id: i64,
    owner_unit: i64,
    input: &BudgetInput,
) -> Result<BudgetLine> {
    actor.require_write_unit(owner_unit)?;
    let new = NewBudgetLine::validate("", input)?;
    let id = tx.insert_budget_line(subject, subject_id, &new, tx.now().instant).await?;
    let line = tx.get_budget_line(id).await?.ok_or_else(|| Error::not_found("budget_line", id))?;
    audit::record(tx, actor, "create", "budget_line", Some(id.to_string()), None::<&BudgetLine>, Some(&line)).await?;
    Ok(line)
}

/// Replaces a line, refusing a stale version; `owner_unit` is the owner of the line's subject.
pub async fn update_in<T: Tx>(tx: &mut T, actor: &Actor, before: &BudgetLine, owner_unit: i64, input: &BudgetInput) -> Result<BudgetLine> {
    actor.require_write_unit(owner_unit)?;
    let new = NewBudgetLine::validate("", input)?;
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    if !tx.update_budget_line(before.id, &new, version, tx.now().instant).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let after = tx.get_budget_line(before.id).await?.ok_or_else(|| Error::not_found("budget_line", before.id))?;
    audit::record(tx, actor, "update", "budget_line", Some(before.id.to_string()), Some(before), Some(&after)).await?;
    Ok(after)
}

/// Deletes a line; `owner_unit` is the owner of the line's subject.
pub async fn delete_in<T: Tx>(tx: &mut T, actor: &Actor, before: &BudgetLine, owner_unit: i64) -> Result<()> {
    actor.require_write_unit(owner_unit)?;
    if !tx.delete_budget_line(before.id).await? {
        return Err(Error::not_found("budget_line", before.id));
    }
    audit::record(tx, actor, "delete", "budget_line", Some(before.id.to_string()), Some(before), None::<&BudgetLine>).await
}
