//! The sample office: an invented city office ("Sample City", 示例市) with about 80 partnerships on
//! real reference cities and a few years of activities, events, delegations and gifts up to the
//! office's today, generated deterministically (the benchmark's random source and city pool at a
//! small scale). It exists so that a new user sees health, the coverage matrix, the calendar and
//! the dashboard alive. Every record says "Sample data (invented)" in its own text (notes,
//! summary, description: on its page and in the API), the setting `demo.loaded` is `sample`, and
//! every page shows a banner. It never mixes with the sourced demo or real data: it loads only
//! into a database that holds no records.

pub mod cities;
mod records;
pub mod rng;

use crate::error::Result;
use crate::store::Tx;
use crate::{Actor, UnitInput, unit};

/// The value of [`super::LOADED_KEY`] on a database holding the sample office.
pub const KIND: &str = "sample";

/// The mark every sample record carries in its text.
pub const MARK: &str = "Sample data (invented)";

/// The seed of the sample office (the same records on every machine, given the same today).
pub const SEED: u64 = 0x7361_6d70_6c65_5f6f;

/// Partnerships in the sample office.
pub const PARTNERSHIPS: usize = 80;

/// What the sample office holds once loaded.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Loaded {
    pub partnerships: usize,
    pub activities: usize,
    pub events: usize,
    pub delegations: usize,
    pub gifts: usize,
}

/// Loads the sample office inside the caller's unit of work (the caller has checked the database is empty).
pub async fn load<T: Tx>(tx: &mut T, actor: &Actor) -> Result<Loaded> {
    let today = tx.now().office_today;
    let home = unit::create_in(
        tx,
        actor,
        UnitInput { kind: "city".into(), name_en: "Sample City".into(), name_zh: "示例市".into(), ..Default::default() },
    )
    .await?;
    let office = unit::create_in(
        tx,
        actor,
        UnitInput {
            parent_id: Some(home.id),
            kind: "office".into(),
            name_en: "Sample City Foreign Affairs Office".into(),
            name_zh: "示例市人民政府外事办公室".into(),
            version: None,
        },
    )
    .await?;
    let mut rng = rng::Rng::new(SEED);
    let loaded = records::create(tx, actor, &mut rng, office.id, today).await?;
    tx.set_setting(super::LOADED_KEY, KIND, tx.now().instant).await?;
    Ok(loaded)
}
