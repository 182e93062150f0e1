//! Preparing a database: the first start of a new database (and its demo), and loading the demo on request.

use crate::auth::{self, UserInput};
use crate::error::{Error, Result};
use crate::store::{SettingStore, Store, Tx, UnitStore, UserStore};
use crate::{Actor, audit, demo};

/// Setting claimed by the first server that starts on a new database.
pub const INITIALISED_KEY: &str = "db.initialised";

/// What the first start did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FirstStart {
    /// This start found a new database.
    pub new_database: bool,
    /// Partnerships loaded by the demo, when it was loaded.
    pub demo_partnerships: Option<usize>,
    /// The first admin's generated password, to print once (none when it was given or already existed).
    pub admin_password: Option<String>,
}

/// Username of the first administrator.
pub const FIRST_ADMIN: &str = "admin";

/// Marks a new database as initialised, creates the first administrator (with `admin_password`, or a
/// generated one that is returned to print once) and loads the demo when asked. Exactly one of several
/// servers starting together on one new database does this (the claim is a row insert that only one wins).
pub async fn first_start<S: Store>(store: &S, actor: &Actor, with_demo: bool, admin_password: Option<&str>) -> Result<FirstStart> {
    let mut tx = store.begin().await?;
    if !tx.claim_setting(INITIALISED_KEY, "1", tx.now().instant).await? {
        return Ok(FirstStart { new_database: false, demo_partnerships: None, admin_password: None });
    }
    let generated = if tx.count_users().await? == 0 {
        let input = UserInput {
            username: FIRST_ADMIN.into(),
            display_name: "Administrator".into(),
            role: "admin".into(),
            password: admin_password.unwrap_or_default().to_string(),
            ..Default::default()
        };
        auth::service::create_in(&mut tx, actor, input).await?.generated_password
    } else {
        None
    };
    let loaded = if with_demo && tx.list_units().await?.is_empty() { Some(demo::load(&mut tx, actor).await?) } else { None };
    tx.commit().await?;
    Ok(FirstStart { new_database: true, demo_partnerships: loaded, admin_password: generated })
}

/// Loads the demo into a database that holds no records yet; a conflict otherwise.
pub async fn load_demo<S: Store>(store: &S, actor: &Actor) -> Result<usize> {
    let mut tx = store.begin().await?;
    refuse_records(&mut tx).await?;
    tx.claim_setting(INITIALISED_KEY, "1", tx.now().instant).await?;
    let n = demo::load(&mut tx, actor).await?;
    tx.commit().await?;
    Ok(n)
}

/// Loads the sample office (invented, clearly marked) into a database that holds no records —
/// neither the sourced demo nor real data; a conflict otherwise, with nothing written.
pub async fn load_sample<S: Store>(store: &S, actor: &Actor) -> Result<demo::sample::Loaded> {
    actor.require_admin()?;
    let mut tx = store.begin().await?;
    refuse_records(&mut tx).await?;
    tx.claim_setting(INITIALISED_KEY, "1", tx.now().instant).await?;
    let loaded = demo::sample::load(&mut tx, actor).await?;
    audit::record(&mut tx, actor, "create", "sample_office", None, None::<&()>, Some(&loaded.partnerships)).await?;
    tx.commit().await?;
    Ok(loaded)
}

/// Which data set the database holds: `jinan-2023` (the sourced demo), `sample` (the invented
/// sample office) or `None`.
pub async fn loaded_kind<S: Store>(store: &S) -> Result<Option<String>> {
    store.read().await?.get_setting(demo::LOADED_KEY).await
}

/// True when the database holds no units and no partnerships: the demo or the sample may load.
pub async fn is_empty<S: Store>(store: &S) -> Result<bool> {
    let mut tx = store.read().await?;
    holds_nothing(&mut tx).await
}

async fn holds_nothing<T: Tx>(tx: &mut T) -> Result<bool> {
    let filter = crate::partnership::PartnershipFilter { paging: crate::Paging::new(Some(1), Some(1)), ..Default::default() };
    Ok(tx.list_units().await?.is_empty() && tx.list_partnerships(&filter).await?.1 == 0)
}

async fn refuse_records<T: Tx>(tx: &mut T) -> Result<()> {
    if holds_nothing(tx).await? { Ok(()) } else { Err(Error::conflict("database", "not_empty")) }
}
