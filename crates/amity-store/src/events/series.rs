//! Event series: recurring brand activities, each with its number of events.

use amity_core::Result;
use amity_core::event::{EventSeries, NewEventSeries};
use chrono::{DateTime, Utc};

use crate::dispatch::on_conn;
use crate::error::{internal, on_write};
use crate::tx::Tx;

#[derive(sqlx::FromRow)]
struct SeriesRow {
    id: i64,
    name_en: String,
    name_zh: String,
    description: Option<String>,
    owner_unit_id: i64,
    events: i64,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl From<SeriesRow> for EventSeries {
    fn from(r: SeriesRow) -> Self {
        EventSeries {
            id: r.id,
            name_en: r.name_en,
            name_zh: r.name_zh,
            description: r.description,
            owner_unit_id: r.owner_unit_id,
            events: r.events,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        }
    }
}

impl Tx {
    /// Every series (or the one with `id`), by English then Chinese name.
    pub(crate) async fn series_rows(&mut self, id: Option<i64>) -> Result<Vec<EventSeries>> {
        let filter = if id.is_some() { "WHERE s.id = $1 " } else { "" };
        let sql = format!(
            "SELECT s.id, s.name_en, s.name_zh, s.description, s.owner_unit_id, \
             CAST((SELECT COUNT(*) FROM events e WHERE e.series_id = s.id) AS BIGINT) AS events, s.version, s.created_at, s.updated_at \
             FROM event_series s {filter}ORDER BY s.name_en, s.name_zh, s.id"
        );
        let rows = on_conn!(self, c => {
            let q = sqlx::query_as::<_, SeriesRow>(&sql);
            let q = if let Some(id) = id { q.bind(id) } else { q };
            q.fetch_all(&mut *c).await
        })
        .map_err(internal)?;
        Ok(rows.into_iter().map(EventSeries::from).collect())
    }

    /// One page of the series in the order of [`Self::series_rows`], and how many there are.
    pub(crate) async fn series_page(&mut self, paging: &amity_core::Paging) -> Result<(Vec<EventSeries>, i64)> {
        const COUNT: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM event_series";
        let total = on_conn!(self, c => sqlx::query_scalar::<_, i64>(COUNT).fetch_one(&mut *c).await).map_err(internal)?;
        let sql = "SELECT s.id, s.name_en, s.name_zh, s.description, s.owner_unit_id, \
                   CAST((SELECT COUNT(*) FROM events e WHERE e.series_id = s.id) AS BIGINT) AS events, s.version, s.created_at, s.updated_at \
                   FROM event_series s ORDER BY s.name_en, s.name_zh, s.id LIMIT $1 OFFSET $2";
        let rows =
            on_conn!(self, c => sqlx::query_as::<_, SeriesRow>(sql).bind(paging.limit()).bind(paging.offset()).fetch_all(&mut *c).await)
                .map_err(internal)?;
        Ok((rows.into_iter().map(EventSeries::from).collect(), total))
    }

    pub(crate) async fn insert_series_row(&mut self, s: &NewEventSeries, now: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "INSERT INTO event_series (name_en, name_zh, description, owner_unit_id, version, created_at, updated_at) \
                           VALUES ($1, $2, $3, $4, 1, $5, $5) RETURNING id";
        let id = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL)
            .bind(&s.name_en)
            .bind(&s.name_zh)
            .bind(&s.description)
            .bind(s.owner_unit_id)
            .bind(now)
            .fetch_one(&mut *c)
            .await);
        id.map_err(on_write("owner_unit_id"))
    }

    pub(crate) async fn update_series_row(&mut self, id: i64, s: &NewEventSeries, version: i64, now: DateTime<Utc>) -> Result<bool> {
        const SQL: &str = "UPDATE event_series SET name_en = $1, name_zh = $2, description = $3, owner_unit_id = $4, updated_at = $5, \
                           version = version + 1 WHERE id = $6 AND version = $7";
        let changed = on_conn!(self, c => sqlx::query(SQL)
            .bind(&s.name_en)
            .bind(&s.name_zh)
            .bind(&s.description)
            .bind(s.owner_unit_id)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected() > 0));
        changed.map_err(on_write("owner_unit_id"))
    }
}
