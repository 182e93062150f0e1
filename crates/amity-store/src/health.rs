//! `HealthStore`: what the health rule reads of every partnership (the needs-attention list),
//! one narrow query instead of whole partnerships with their cities and fields.

use amity_core::Result;
use amity_core::health::HealthBasis;
use amity_core::partnership::PartnershipStatus;
use amity_core::store::HealthStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::dispatch::on_conn;
use crate::error::{corrupt, internal};
use crate::tx::Tx;

#[derive(sqlx::FromRow)]
struct BasisRow {
    id: i64,
    status: String,
    established: Option<String>,
    created_at: DateTime<Utc>,
}

#[async_trait]
impl HealthStore for Tx {
    async fn health_basis(&mut self) -> Result<Vec<HealthBasis>> {
        const SQL: &str = "SELECT id, status, established, created_at FROM partnerships ORDER BY id";
        let rows = on_conn!(self, c => sqlx::query_as::<_, BasisRow>(SQL).fetch_all(&mut *c).await).map_err(internal)?;
        rows.into_iter()
            .map(|r| {
                Ok(HealthBasis {
                    partnership_id: r.id,
                    status: PartnershipStatus::parse(&r.status).ok_or_else(|| corrupt("partnership status", &r.status))?,
                    established: r
                        .established
                        .as_deref()
                        .map(|d| amity_core::PartialDate::parse(d).map_err(|_| corrupt("date established", d)))
                        .transpose()?,
                    created_at: r.created_at,
                })
            })
            .collect()
    }
}
