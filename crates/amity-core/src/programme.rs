//! Facts about the programme as a whole that the office records (e.g. how many partners the plan declares).

use serde::Serialize;

use crate::Actor;
use crate::error::Result;
use crate::store::{SettingStore, Store, Tx};

/// Setting key: the number of partnerships the programme declares.
pub const DECLARED_PARTNERS: &str = "programme.declared_partners";
/// Setting key: where that number comes from.
pub const DECLARED_SOURCE: &str = "programme.declared_source";

/// Setting key: the GeoNames id of the home city (marked on maps).
pub const HOME_CITY: &str = "programme.home_city";

/// The home city's GeoNames id, if the office recorded one.
pub async fn home_city<S: Store>(store: &S, actor: &Actor) -> Result<Option<i64>> {
    actor.require_read()?;
    Ok(store.read().await?.get_setting(HOME_CITY).await?.and_then(|v| v.parse().ok()))
}

/// The declared size of the programme, shown beside what is loaded ("15 of 85").
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Declared {
    pub partners: i64,
    pub source: String,
}

/// The declared number of partners, if the office recorded one.
pub async fn declared<S: Store>(store: &S, actor: &Actor) -> Result<Option<Declared>> {
    actor.require_read()?;
    let mut tx = store.read().await?;
    let n = tx.get_setting(DECLARED_PARTNERS).await?.and_then(|v| v.parse().ok());
    let source = tx.get_setting(DECLARED_SOURCE).await?.unwrap_or_default();
    Ok(n.map(|partners| Declared { partners, source }))
}

/// Records the declared number of partners and its source.
pub async fn set_declared<T: Tx>(tx: &mut T, partners: i64, source: &str) -> Result<()> {
    let now = tx.now().instant;
    tx.set_setting(DECLARED_PARTNERS, &partners.to_string(), now).await?;
    tx.set_setting(DECLARED_SOURCE, source, now).await
}
