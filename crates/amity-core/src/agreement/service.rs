//! Use cases on agreements: list a partnership's agreements, show, create (optionally with a file,
//! optionally as a new version of an earlier one), update, delete, attach and remove files, and
//! the agreements about to expire. Reading needs the right to read records; changing needs the
//! right to change the partnership's home unit.

use chrono::{Days, NaiveDate};

use super::{Agreement, AgreementInput, EXPIRY_WARNING_DAYS, ExpiringAgreement, NewAgreement};
use crate::error::{Error, Result};
use crate::file::{FileInfo, NewFile, Upload};
use crate::partnership::PartnershipStatus;
use crate::store::prelude::*;
use crate::{Actor, Partnership, audit};

/// The agreements of one partnership, every version, newest signing first.
pub async fn list<S: Store>(store: &S, actor: &Actor, partnership_id: i64) -> Result<Vec<Agreement>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    if tx.get_partnership(partnership_id).await?.is_none() {
        return Err(Error::not_found("partnership", partnership_id));
    }
    tx.list_agreements(partnership_id).await
}

/// One agreement with its files.
pub async fn get<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Agreement> {
    actor.require_read()?;
    store.read().await?.get_agreement(id).await?.ok_or_else(|| Error::not_found("agreement", id))
}

/// Records an agreement of a partnership, with its first file if one is given. With
/// `supersedes_id` it is a new version of an earlier agreement of the same partnership.
pub async fn create<S: Store>(
    store: &S,
    actor: &Actor,
    partnership_id: i64,
    input: AgreementInput,
    upload: Option<Upload>,
) -> Result<Agreement> {
    let mut tx = store.begin().await?;
    let p = writable_partnership(&mut tx, actor, partnership_id).await?;
    let (new, file) = validate_with_file(&input, upload)?;
    check_rules(&p, &new)?;
    if let Some(sid) = new.supersedes_id {
        let old = tx.get_agreement(sid).await?.filter(|a| a.partnership_id == partnership_id);
        match old {
            None => return Err(Error::invalid("supersedes_id", "unknown_agreement")),
            Some(o) if o.superseded_by_id.is_some() => return Err(Error::invalid("supersedes_id", "already_superseded")),
            Some(_) => {}
        }
    }
    let now = tx.now().instant;
    let id = tx.insert_agreement(partnership_id, &new, now).await?;
    if let Some(f) = file {
        let file_id = tx.insert_file(&f, actor.user_id(), now).await?;
        tx.attach_agreement_file(id, file_id).await?;
    }
    let agreement = tx.get_agreement(id).await?.ok_or_else(|| Error::not_found("agreement", id))?;
    audit::record(&mut tx, actor, "create", "agreement", Some(id.to_string()), None::<&Agreement>, Some(&agreement)).await?;
    tx.commit().await?;
    Ok(agreement)
}

/// Replaces an agreement's details, refusing a stale version. Its partnership and the version it
/// supersedes do not change.
pub async fn update<S: Store>(store: &S, actor: &Actor, id: i64, input: AgreementInput) -> Result<Agreement> {
    let mut tx = store.begin().await?;
    let before = tx.get_agreement(id).await?.ok_or_else(|| Error::not_found("agreement", id))?;
    let p = writable_partnership(&mut tx, actor, before.partnership_id).await?;
    let mut new = NewAgreement::validate(&input)?;
    new.supersedes_id = before.supersedes_id;
    check_rules(&p, &new)?;
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    if !tx.update_agreement(id, &new, version, tx.now().instant).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let agreement = tx.get_agreement(id).await?.ok_or_else(|| Error::not_found("agreement", id))?;
    audit::record(&mut tx, actor, "update", "agreement", Some(id.to_string()), Some(&before), Some(&agreement)).await?;
    tx.commit().await?;
    Ok(agreement)
}

/// Deletes an agreement and its files. A later version that superseded it stays (and becomes the
/// first of its line); an earlier version it superseded becomes current again.
pub async fn delete<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    let before = tx.get_agreement(id).await?.ok_or_else(|| Error::not_found("agreement", id))?;
    require_write(&mut tx, actor, before.partnership_id).await?;
    if !tx.delete_agreement(id).await? {
        return Err(Error::not_found("agreement", id));
    }
    audit::record(&mut tx, actor, "delete", "agreement", Some(id.to_string()), Some(&before), None::<&Agreement>).await?;
    tx.commit().await
}

/// Adds a file to an agreement (another language's text, a scan …). The audit log records its
/// name, size and SHA-256, never its bytes.
pub async fn attach_file<S: Store>(store: &S, actor: &Actor, agreement_id: i64, upload: Upload) -> Result<FileInfo> {
    let mut tx = store.begin().await?;
    let before = tx.get_agreement(agreement_id).await?.ok_or_else(|| Error::not_found("agreement", agreement_id))?;
    writable_partnership(&mut tx, actor, before.partnership_id).await?;
    let new = NewFile::validate("file", upload, false)?;
    let file_id = tx.insert_file(&new, actor.user_id(), tx.now().instant).await?;
    tx.attach_agreement_file(agreement_id, file_id).await?;
    let after = tx.get_agreement(agreement_id).await?.ok_or_else(|| Error::not_found("agreement", agreement_id))?;
    let info = after.files.iter().find(|f| f.id == file_id).cloned().ok_or_else(|| Error::not_found("file", file_id))?;
    audit::record(&mut tx, actor, "attach_file", "agreement", Some(agreement_id.to_string()), Some(&before), Some(&after)).await?;
    tx.commit().await?;
    Ok(info)
}

/// Removes one of an agreement's files (and its bytes).
pub async fn detach_file<S: Store>(store: &S, actor: &Actor, agreement_id: i64, file_id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    let before = tx.get_agreement(agreement_id).await?.ok_or_else(|| Error::not_found("agreement", agreement_id))?;
    require_write(&mut tx, actor, before.partnership_id).await?;
    if !before.files.iter().any(|f| f.id == file_id) || !tx.delete_file(file_id).await? {
        return Err(Error::not_found("file", file_id));
    }
    let after = tx.get_agreement(agreement_id).await?.ok_or_else(|| Error::not_found("agreement", agreement_id))?;
    audit::record(&mut tx, actor, "detach_file", "agreement", Some(agreement_id.to_string()), Some(&before), Some(&after)).await?;
    tx.commit().await
}

/// Current versions whose validity ends between `today` and [`EXPIRY_WARNING_DAYS`] days on,
/// of partnerships that have not ended; soonest first.
pub async fn expiring<T: Tx>(tx: &mut T, today: NaiveDate) -> Result<Vec<ExpiringAgreement>> {
    let until = today.checked_add_days(Days::new(EXPIRY_WARNING_DAYS as u64)).unwrap_or(NaiveDate::MAX);
    tx.expiring_agreements(today, until).await
}

/// The input and the file, with the problems of both reported together.
fn validate_with_file(input: &AgreementInput, upload: Option<Upload>) -> Result<(NewAgreement, Option<NewFile>)> {
    let new = NewAgreement::validate(input);
    let file = upload.map(|u| NewFile::validate("file", u, false)).transpose();
    match (new, file) {
        (Ok(n), Ok(f)) => Ok((n, f)),
        (Err(Error::Validation(mut a)), Err(Error::Validation(b))) => {
            a.extend(b);
            Err(Error::Validation(a))
        }
        (Err(e), _) | (_, Err(e)) => Err(e),
    }
}

/// A binding agreement needs more than a prospect; an ended partnership's agreements stay as they are.
fn check_rules(p: &Partnership, new: &NewAgreement) -> Result<()> {
    if p.status == PartnershipStatus::Prospect && new.kind.is_binding() {
        return Err(Error::invalid("kind", "agreement_binding_prospect"));
    }
    Ok(())
}

async fn require_write<T: Tx>(tx: &mut T, actor: &Actor, partnership_id: i64) -> Result<Partnership> {
    let p = tx.get_partnership(partnership_id).await?.ok_or_else(|| Error::not_found("partnership", partnership_id))?;
    actor.require_write_unit(p.home_unit_id)?;
    Ok(p)
}

/// The partnership must exist, the actor must be allowed to change its unit's records, and it must not have ended.
async fn writable_partnership<T: Tx>(tx: &mut T, actor: &Actor, partnership_id: i64) -> Result<Partnership> {
    let p = require_write(tx, actor, partnership_id).await?;
    if p.status == PartnershipStatus::Ended {
        return Err(Error::conflict("partnership_id", "partnership_ended"));
    }
    Ok(p)
}
