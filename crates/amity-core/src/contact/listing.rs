//! The office-wide contacts list: every partnership's contacts, filtered by the partner's country,
//! a country group or free text, each naming the partnership it belongs to.

use serde::Serialize;

use super::Contact;
use crate::error::Result;
use crate::store::{ContactStore, Store};
use crate::{Actor, Page, Paging};

/// Filters of the office-wide contacts list (all optional; kept in the query string).
#[derive(Debug, Clone, Default)]
pub struct ContactFilter {
    /// ISO 3166-1 alpha-2 code of the partner city's country.
    pub country: Option<String>,
    /// Id of a country group: only contacts of partnerships in its member countries.
    pub group: Option<i64>,
    /// Text matched against the contact's names and organisation and the partner city's names.
    pub q: Option<String>,
    pub paging: Paging,
}

/// A contact with the partnership it belongs to, as the office-wide list shows it.
#[derive(Debug, Clone, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ListedContact {
    #[serde(flatten)]
    pub contact: Contact,
    /// The partner city's English name.
    pub partner_city: String,
    /// The partner city's Chinese name, when known.
    pub partner_city_zh: Option<String>,
    /// ISO 3166-1 alpha-2 code of the partner city's country.
    pub partner_country: String,
}

impl ListedContact {
    /// The partner city's name in the reader's language: Chinese when asked and known, else English.
    pub fn partner_name(&self, zh: bool) -> &str {
        match (&self.partner_city_zh, zh) {
            (Some(n), true) => n,
            _ => &self.partner_city,
        }
    }
}

/// Every partnership's contacts, by partner city, then our side first, then by name. Reading needs
/// the same role as one partnership's list (contacts are personal data, and that list is open to
/// every role that sees personal data, whatever its unit); an unknown group is a 422 naming `group`.
pub async fn list_all<S: Store>(store: &S, actor: &Actor, filter: &ContactFilter) -> Result<Page<ListedContact>> {
    actor.require_personal()?;
    let mut tx = store.read().await?;
    crate::group::filter_countries(&mut tx, filter.group).await?;
    let (items, total) = tx.list_all_contacts(filter).await?;
    Ok(Page { items, total, page: filter.paging.page, per_page: filter.paging.per_page })
}
