//! The audit log's query string, shared by the page, its export and the API, turned into a
//! validated filter.

use chrono::{NaiveDate, TimeZone, Utc};
use serde::Deserialize;

use crate::form_fields::{day, number, text};
use crate::html::chrome::encode;
use amity_core::audit::AuditFilter;
use amity_core::error::Problems;
use amity_core::{Error, Paging};

/// The audit log's filters as they appear in the URL.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default)]
pub struct AuditQuery {
    pub entity: String,
    pub entity_id: String,
    pub actor: String,
    pub action: String,
    /// First day, `YYYY-MM-DD` (UTC).
    pub from: String,
    /// Last day, `YYYY-MM-DD` (UTC), included.
    pub to: String,
    pub page: String,
    pub per_page: String,
}

impl AuditQuery {
    /// The validated filter.
    pub fn filter(&self) -> Result<AuditFilter, Error> {
        let mut p = Problems::default();
        let from = p.take(day("from", &self.from)).flatten();
        let to = p.take(day("to", &self.to)).flatten();
        let page = p.take(number("page", &self.page)).flatten();
        let per_page = p.take(number("per_page", &self.per_page)).flatten();
        p.finish()?;
        let start = |d: NaiveDate| d.and_hms_opt(0, 0, 0).map(|t| Utc.from_utc_datetime(&t));
        Ok(AuditFilter {
            entity: text(&self.entity, 100),
            entity_id: text(&self.entity_id, 100),
            actor: text(&self.actor, 100),
            action: text(&self.action, 100),
            from: from.and_then(start),
            to: to.and_then(|d| d.succ_opt()).and_then(start),
            paging: Paging::new(page, per_page),
        })
    }

    /// The filters as a query string (for the export link and paging).
    pub fn query_string(&self) -> String {
        let pairs = [
            ("entity", &self.entity),
            ("entity_id", &self.entity_id),
            ("actor", &self.actor),
            ("action", &self.action),
            ("from", &self.from),
            ("to", &self.to),
        ];
        pairs.iter().filter(|(_, v)| !v.is_empty()).map(|(k, v)| format!("{k}={}", encode(v))).collect::<Vec<_>>().join("&")
    }
}
