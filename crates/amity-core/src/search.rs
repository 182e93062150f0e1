//! Search across the records: partnerships, activities and (for those who may see personal data)
//! contacts, by any part of any name, in any script.

use serde::Serialize;

use crate::activity::{Activity, ActivityFilter};
use crate::contact::Contact;
use crate::error::{Error, Result};
use crate::partnership::{Partnership, PartnershipFilter};
use crate::store::prelude::*;
use crate::validate::{NAME_MAX, required_text};
use crate::{Actor, Paging};

/// How many of each kind a search returns.
pub const PER_KIND: u32 = 20;

/// What a search found.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Found {
    pub partnerships: Vec<Partnership>,
    pub partnerships_total: i64,
    pub activities: Vec<Activity>,
    pub activities_total: i64,
    /// `None` when the actor may not see personal data.
    pub contacts: Option<Vec<Contact>>,
}

/// Searches everything the actor may read for `q`.
pub async fn all<S: Store>(store: &S, actor: &Actor, q: &str) -> Result<Found> {
    actor.require_read()?;
    let q = required_text("q", q, NAME_MAX).map_err(|e| Error::Validation(vec![e]))?;
    let mut tx = store.read().await?;
    let paging = Paging::new(Some(1), Some(PER_KIND));
    let (partnerships, partnerships_total) =
        tx.list_partnerships(&PartnershipFilter { q: Some(q.clone()), paging, ..Default::default() }).await?;
    let (activities, activities_total) = tx.list_activities(&ActivityFilter { q: Some(q.clone()), paging, ..Default::default() }).await?;
    let contacts = match actor.require_personal() {
        Ok(()) => Some(tx.search_contacts(&q, i64::from(PER_KIND)).await?),
        Err(_) => None,
    };
    Ok(Found { partnerships, partnerships_total, activities, activities_total, contacts })
}
