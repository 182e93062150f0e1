//! Reading a stored file: allowed to whoever may read what it is attached to.

use super::{FileOwner, StoredFile};
use crate::Actor;
use crate::error::{Error, Result};
use crate::store::prelude::*;

/// A file with its bytes. A file attached to nothing is not found. Agreements and gifts are
/// internal records: reading their files needs the right to read internal records (no public page
/// ever serves a file).
pub async fn download<S: Store>(store: &S, actor: &Actor, id: i64) -> Result<StoredFile> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    match tx.file_owner(id).await? {
        Some(FileOwner::Agreement(_) | FileOwner::Gift(_)) => {}
        None => return Err(Error::not_found("file", id)),
    }
    tx.get_file(id).await?.ok_or_else(|| Error::not_found("file", id))
}
