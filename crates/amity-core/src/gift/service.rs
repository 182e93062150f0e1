//! Use cases on the gift registry: list with filters, show, create (optionally with a photo),
//! update, delete, set or remove the photo. Reading needs the right to read records; a gift of a
//! partnership is changed by those who may change the partnership's unit, a gift of no
//! partnership by the office (coordinators and admins).

use super::{Gift, GiftFilter, GiftInput, NewGift};
use crate::error::{Error, FieldError, Problems, Result};
use crate::file::{NewFile, Upload};
use crate::store::prelude::*;
use crate::{Actor, Page, audit};

/// A page of the registry, newest first.
pub async fn list<S: Store>(store: &S, actor: &Actor, filter: &GiftFilter) -> Result<Page<Gift>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    crate::group::filter_countries(&mut tx, filter.group).await?;
    let (items, total) = tx.list_gifts(filter).await?;
    Ok(Page { items, total, page: filter.paging.page, per_page: filter.paging.per_page })
}

/// One gift.
pub async fn get<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Gift> {
    actor.require_read()?;
    store.read().await?.get_gift(id).await?.ok_or_else(|| Error::not_found("gift", id))
}

/// Records a gift, with its photo if one is given (an image).
pub async fn create<S: Store>(store: &S, actor: &Actor, input: GiftInput, photo: Option<Upload>) -> Result<Gift> {
    let mut tx = store.begin().await?;
    let new = NewGift::validate(&input);
    let photo = photo.map(|u| NewFile::validate("photo", u, true)).transpose();
    let (new, photo) = match (new, photo) {
        (Ok(n), Ok(f)) => (n, f),
        (Err(Error::Validation(mut a)), Err(Error::Validation(b))) => {
            a.extend(b);
            return Err(Error::Validation(a));
        }
        (Err(e), _) | (_, Err(e)) => return Err(e),
    };
    check(&mut tx, actor, &new).await?;
    let now = tx.now().instant;
    let id = tx.insert_gift(&new, now).await?;
    if let Some(f) = photo {
        let file_id = tx.insert_file(&f, actor.user_id(), now).await?;
        tx.set_gift_photo(id, Some(file_id)).await?;
    }
    let gift = tx.get_gift(id).await?.ok_or_else(|| Error::not_found("gift", id))?;
    audit::record(&mut tx, actor, "create", "gift", Some(id.to_string()), None::<&Gift>, Some(&gift)).await?;
    tx.commit().await?;
    Ok(gift)
}

/// Replaces a gift's details (not its photo), refusing a stale version.
pub async fn update<S: Store>(store: &S, actor: &Actor, id: i64, input: GiftInput) -> Result<Gift> {
    let mut tx = store.begin().await?;
    let before = tx.get_gift(id).await?.ok_or_else(|| Error::not_found("gift", id))?;
    require_write(&mut tx, actor, before.partnership_id).await?;
    let new = NewGift::validate(&input)?;
    check(&mut tx, actor, &new).await?;
    let version = input.version.ok_or_else(|| Error::invalid("version", "required"))?;
    if !tx.update_gift(id, &new, version, tx.now().instant).await? {
        return Err(Error::conflict("version", "stale_version"));
    }
    let gift = tx.get_gift(id).await?.ok_or_else(|| Error::not_found("gift", id))?;
    audit::record(&mut tx, actor, "update", "gift", Some(id.to_string()), Some(&before), Some(&gift)).await?;
    tx.commit().await?;
    Ok(gift)
}

/// Deletes a gift and its photo.
pub async fn delete<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<()> {
    let mut tx = store.begin().await?;
    let before = tx.get_gift(id).await?.ok_or_else(|| Error::not_found("gift", id))?;
    require_write(&mut tx, actor, before.partnership_id).await?;
    if !tx.delete_gift(id).await? {
        return Err(Error::not_found("gift", id));
    }
    audit::record(&mut tx, actor, "delete", "gift", Some(id.to_string()), Some(&before), None::<&Gift>).await?;
    tx.commit().await
}

/// Sets (or replaces) a gift's photo: an image only. The audit log records its name, size and
/// SHA-256, never its bytes.
pub async fn set_photo<S: Store>(store: &S, actor: &Actor, id: i64, upload: Upload) -> Result<Gift> {
    let mut tx = store.begin().await?;
    let before = tx.get_gift(id).await?.ok_or_else(|| Error::not_found("gift", id))?;
    require_write(&mut tx, actor, before.partnership_id).await?;
    let new = NewFile::validate("photo", upload, true)?;
    let file_id = tx.insert_file(&new, actor.user_id(), tx.now().instant).await?;
    tx.set_gift_photo(id, Some(file_id)).await?;
    if let Some(old) = &before.photo {
        tx.delete_file(old.id).await?;
    }
    let gift = tx.get_gift(id).await?.ok_or_else(|| Error::not_found("gift", id))?;
    audit::record(&mut tx, actor, "set_photo", "gift", Some(id.to_string()), Some(&before), Some(&gift)).await?;
    tx.commit().await?;
    Ok(gift)
}

/// Removes a gift's photo.
pub async fn remove_photo<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<Gift> {
    let mut tx = store.begin().await?;
    let before = tx.get_gift(id).await?.ok_or_else(|| Error::not_found("gift", id))?;
    require_write(&mut tx, actor, before.partnership_id).await?;
    let Some(old) = &before.photo else { return Err(Error::not_found("file", "photo")) };
    tx.set_gift_photo(id, None).await?;
    tx.delete_file(old.id).await?;
    let gift = tx.get_gift(id).await?.ok_or_else(|| Error::not_found("gift", id))?;
    audit::record(&mut tx, actor, "remove_photo", "gift", Some(id.to_string()), Some(&before), Some(&gift)).await?;
    tx.commit().await?;
    Ok(gift)
}

/// The actor may write the gift's partnership (or the office's gifts); the partnership and the
/// activity named exist.
async fn check<T: Tx>(tx: &mut T, actor: &Actor, new: &NewGift) -> Result<()> {
    let mut p = Problems::default();
    if let Some(pid) = new.partnership_id
        && tx.get_partnership(pid).await?.is_none()
    {
        p.push(FieldError::new("partnership_id", "unknown_reference"));
    }
    if let Some(aid) = new.activity_id
        && tx.get_activity(aid).await?.is_none()
    {
        p.push(FieldError::new("activity_id", "unknown_reference"));
    }
    p.finish()?;
    require_write(tx, actor, new.partnership_id).await
}

async fn require_write<T: Tx>(tx: &mut T, actor: &Actor, partnership_id: Option<i64>) -> Result<()> {
    match partnership_id {
        Some(pid) => match tx.get_partnership(pid).await? {
            Some(p) => actor.require_write_unit(p.home_unit_id),
            None => actor.require_office(),
        },
        None => actor.require_office(),
    }
}

/// Creates a gift inside the caller's unit of work (the demo loader).
pub async fn create_in<T: Tx>(tx: &mut T, actor: &Actor, input: GiftInput) -> Result<Gift> {
    let new = NewGift::validate(&input)?;
    check(tx, actor, &new).await?;
    let id = tx.insert_gift(&new, tx.now().instant).await?;
    let gift = tx.get_gift(id).await?.ok_or_else(|| Error::not_found("gift", id))?;
    audit::record(tx, actor, "create", "gift", Some(id.to_string()), None::<&Gift>, Some(&gift)).await?;
    Ok(gift)
}
