//! `activity_origins`: which activities an event or a delegation logged, one row per origin and
//! partnership (unique), so each is logged once.

use amity_core::Result;
use amity_core::activity::{ActivityOrigin, OriginKind};
use amity_core::store::ActivityOriginStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::dispatch::on_conn;
use crate::error::{corrupt, internal, on_write_keys};
use crate::tx::Tx;

#[derive(sqlx::FromRow)]
struct OriginRow {
    activity_id: Option<i64>,
    origin_kind: String,
    origin_id: i64,
    partnership_id: i64,
}

impl TryFrom<OriginRow> for ActivityOrigin {
    type Error = amity_core::Error;

    fn try_from(r: OriginRow) -> Result<Self> {
        let origin_kind = OriginKind::parse(&r.origin_kind).ok_or_else(|| corrupt("origin kind", &r.origin_kind))?;
        Ok(ActivityOrigin { activity_id: r.activity_id, origin_kind, origin_id: r.origin_id, partnership_id: r.partnership_id })
    }
}

const COLUMNS: &str = "activity_id, origin_kind, origin_id, partnership_id";

#[async_trait]
impl ActivityOriginStore for Tx {
    async fn find_activity_origin(&mut self, kind: OriginKind, origin_id: i64, partnership_id: i64) -> Result<Option<ActivityOrigin>> {
        let sql = format!("SELECT {COLUMNS} FROM activity_origins WHERE origin_kind = $1 AND origin_id = $2 AND partnership_id = $3");
        let row = on_conn!(self, c => sqlx::query_as::<_, OriginRow>(&sql)
            .bind(kind.as_str())
            .bind(origin_id)
            .bind(partnership_id)
            .fetch_optional(&mut *c)
            .await)
        .map_err(internal)?;
        row.map(ActivityOrigin::try_from).transpose()
    }

    async fn insert_activity_origin(
        &mut self,
        activity_id: i64,
        kind: OriginKind,
        origin_id: i64,
        partnership_id: i64,
        now: DateTime<Utc>,
    ) -> Result<()> {
        const SQL: &str =
            "INSERT INTO activity_origins (activity_id, origin_kind, origin_id, partnership_id, created_at) VALUES ($1, $2, $3, $4, $5)";
        on_conn!(self, c => sqlx::query(SQL)
            .bind(activity_id)
            .bind(kind.as_str())
            .bind(origin_id)
            .bind(partnership_id)
            .bind(now)
            .execute(&mut *c)
            .await
            .map(drop))
        .map_err(on_write_keys("origin", "partnership_id"))
    }

    async fn list_activity_origins(&mut self, kind: OriginKind, origin_id: i64) -> Result<Vec<ActivityOrigin>> {
        let sql = format!("SELECT {COLUMNS} FROM activity_origins WHERE origin_kind = $1 AND origin_id = $2 ORDER BY partnership_id");
        let rows = on_conn!(self, c => sqlx::query_as::<_, OriginRow>(&sql).bind(kind.as_str()).bind(origin_id).fetch_all(&mut *c).await)
            .map_err(internal)?;
        rows.into_iter().map(ActivityOrigin::try_from).collect()
    }
}
