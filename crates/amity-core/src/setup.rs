//! Preparing a database: the first start of a new database (and its demo), and loading the demo on request.

use chrono::Utc;

use crate::error::{Error, Result};
use crate::store::{SettingStore, Store, Tx, UnitStore};
use crate::{Actor, demo};

/// Setting claimed by the first server that starts on a new database.
pub const INITIALISED_KEY: &str = "db.initialised";

/// What the first start did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FirstStart {
    /// This start found a new database.
    pub new_database: bool,
    /// Partnerships loaded by the demo, when it was loaded.
    pub demo_partnerships: Option<usize>,
}

/// Marks a new database as initialised and loads the demo into it when asked. Exactly one of several
/// servers starting together on one new database does this (the claim is a row insert that only one wins).
pub async fn first_start<S: Store>(store: &S, actor: &Actor, with_demo: bool) -> Result<FirstStart> {
    let mut tx = store.begin().await?;
    if !tx.claim_setting(INITIALISED_KEY, "1", Utc::now()).await? {
        return Ok(FirstStart { new_database: false, demo_partnerships: None });
    }
    let loaded = if with_demo && tx.list_units().await?.is_empty() { Some(demo::load(&mut tx, actor).await?) } else { None };
    tx.commit().await?;
    Ok(FirstStart { new_database: true, demo_partnerships: loaded })
}

/// Loads the demo into a database that holds no records yet; a conflict otherwise.
pub async fn load_demo<S: Store>(store: &S, actor: &Actor) -> Result<usize> {
    let mut tx = store.begin().await?;
    if !tx.list_units().await?.is_empty() {
        return Err(Error::conflict("database", "not_empty"));
    }
    tx.claim_setting(INITIALISED_KEY, "1", Utc::now()).await?;
    let n = demo::load(&mut tx, actor).await?;
    tx.commit().await?;
    Ok(n)
}
