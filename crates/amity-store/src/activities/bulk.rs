//! Many activities at once (the benchmark's generator, bench/src/generate): the same rows
//! `insert_activity` and `insert_commitment` write, but with multi-row `INSERT`s of up to
//! [`ROWS`] rows each instead of several statements per activity — one round trip per thousand
//! rows is what makes the national data set load on PostgreSQL in a minute, not twenty.

use std::collections::HashMap;

use amity_core::activity::{NewActivity, NewCommitment};
use amity_core::{Error, Result};
use chrono::{DateTime, Utc};

use super::{ACTIVITY, activity_values, done_day};
use crate::args::{Arg, bind_args, placeholders};
use crate::codec::day_text;
use crate::dispatch::on_conn;
use crate::error::{internal, on_write};
use crate::tx::{Conn, Tx};

/// Rows per statement: 16 values a row stays below SQLite's 32,766 and PostgreSQL's 65,535
/// bound values.
const ROWS: usize = 1_000;

/// One activity with the commitments made at it, for [`Tx::insert_activities`].
#[derive(Debug, Clone)]
pub struct BulkActivity {
    pub activity: NewActivity,
    pub commitments: Vec<NewCommitment>,
}

/// The `VALUES` list for `rows` rows of `width` bound values each, bound in order: `$1, $2 …` on
/// PostgreSQL; anonymous `?` on SQLite, because SQLite looks each `$n` name up by walking a list
/// (`sqlite3_bind_parameter_name`, called by sqlx for every value), which is quadratic in the
/// number of values — it made a 15,000-value statement cost ~0.3 s of CPU.
pub(crate) fn values(sqlite: bool, width: usize, rows: usize) -> String {
    let row = |r: usize| if sqlite { vec!["?"; width].join(", ") } else { placeholders(1 + r * width, width) };
    (0..rows).map(|r| format!("({})", row(r))).collect::<Vec<_>>().join(", ")
}

impl Tx {
    /// Writes the activities with their partnerships, fields and commitments, keeps each
    /// partnership's latest done day, and returns the new ids in input order. Refuses an unknown
    /// field code or partnership id (nothing is written when the caller drops the transaction).
    pub async fn insert_activities(&mut self, items: &[BulkActivity], now: DateTime<Utc>) -> Result<Vec<i64>> {
        if items.is_empty() {
            return Ok(Vec::new());
        }
        let sqlite = self.backend() == crate::Backend::Sqlite;
        let ids = self.next_activity_ids(items.len()).await?;
        let field_ids = self.field_ids_by_code().await?;
        for (chunk, ids) in items.chunks(ROWS).zip(ids.chunks(ROWS)) {
            self.insert_activity_rows(chunk, ids, now).await?;
        }
        let mut partnerships: Vec<(i64, i64, Option<String>)> = Vec::new();
        let mut fields: Vec<(i64, i64)> = Vec::new();
        for (item, id) in items.iter().zip(&ids) {
            let a = &item.activity;
            let day = done_day(a);
            partnerships.extend(a.partnership_ids.iter().map(|p| (*id, *p, day.clone())));
            for code in &a.fields {
                let field = field_ids.get(code).ok_or_else(|| Error::invalid("fields", "unknown_field"))?;
                fields.push((*id, *field));
            }
        }
        for chunk in partnerships.chunks(5 * ROWS) {
            let sql = format!(
                "INSERT INTO activity_partnerships (activity_id, partnership_id, done_day) VALUES {}",
                values(sqlite, 3, chunk.len())
            );
            on_conn!(self, c => {
                let mut q = sqlx::query(&sql);
                for (a, p, day) in chunk {
                    q = q.bind(*a).bind(*p).bind(day.as_deref());
                }
                q.execute(&mut *c).await.map(drop)
            })
            .map_err(on_write("partnership_ids"))?;
        }
        for chunk in fields.chunks(5 * ROWS) {
            let sql = format!("INSERT INTO activity_fields (activity_id, field_id) VALUES {}", values(sqlite, 2, chunk.len()));
            on_conn!(self, c => {
                let mut q = sqlx::query(&sql);
                for (a, f) in chunk {
                    q = q.bind(*a).bind(*f);
                }
                q.execute(&mut *c).await.map(drop)
            })
            .map_err(on_write("fields"))?;
        }
        let commitments: Vec<(i64, &NewCommitment)> =
            items.iter().zip(&ids).flat_map(|(item, id)| item.commitments.iter().map(move |c| (*id, c))).collect();
        for chunk in commitments.chunks(ROWS) {
            let sql = format!(
                "INSERT INTO commitments (activity_id, what, who, due_on, status, version, created_at, updated_at) VALUES {}",
                values(sqlite, 8, chunk.len())
            );
            on_conn!(self, c => {
                let mut q = sqlx::query(&sql);
                for (id, k) in chunk {
                    q = q.bind(*id).bind(&k.what).bind(&k.who).bind(day_text(k.due_on)).bind(k.status.as_str()).bind(1_i64).bind(now).bind(now);
                }
                q.execute(&mut *c).await.map(drop)
            })
            .map_err(on_write("activity_id"))?;
        }
        if let (Some(first), Some(last)) = (ids.iter().min(), ids.iter().max()) {
            self.raise_last_done(*first, *last).await?;
        }
        Ok(ids)
    }

    /// `n` new activity ids: from the identity's sequence on PostgreSQL; on SQLite (whose write
    /// transaction holds the only write lock) the ids after the highest `AUTOINCREMENT` handed out.
    async fn next_activity_ids(&mut self, n: usize) -> Result<Vec<i64>> {
        let count = i64::try_from(n).map_err(|_| Error::Internal("too many activities at once".into()))?;
        match &mut self.conn {
            Conn::Postgres(t) => sqlx::query_scalar::<_, i64>(
                "SELECT nextval(pg_get_serial_sequence('activities', 'id')) FROM generate_series(1, CAST($1 AS BIGINT)) ORDER BY 1",
            )
            .bind(count)
            .fetch_all(&mut **t)
            .await
            .map_err(internal),
            Conn::Sqlite(t) => {
                let last = sqlx::query_scalar::<_, i64>(
                    "SELECT MAX(COALESCE((SELECT seq FROM sqlite_sequence WHERE name = 'activities'), 0), \
                     COALESCE((SELECT MAX(id) FROM activities), 0))",
                )
                .fetch_one(&mut **t)
                .await
                .map_err(internal)?;
                Ok((last + 1..=last + count).collect())
            }
        }
    }

    async fn field_ids_by_code(&mut self) -> Result<HashMap<String, i64>> {
        let rows = on_conn!(self, c => sqlx::query_as::<_, (i64, String)>("SELECT id, code FROM fields").fetch_all(&mut *c).await)
            .map_err(internal)?;
        Ok(rows.into_iter().map(|(id, code)| (code, id)).collect())
    }

    async fn insert_activity_rows(&mut self, chunk: &[BulkActivity], ids: &[i64], now: DateTime<Utc>) -> Result<()> {
        // The trait methods' columns (ACTIVITY), with the id first and the version and times last.
        let width = ACTIVITY.names.len() + 4;
        let sql = format!(
            "INSERT INTO activities (id, {}, version, created_at, updated_at) VALUES {}",
            ACTIVITY.names.join(", "),
            values(self.backend() == crate::Backend::Sqlite, width, chunk.len())
        );
        let mut args = Vec::with_capacity(width * chunk.len());
        for (item, id) in chunk.iter().zip(ids) {
            args.push(Arg::Int(*id));
            args.extend(activity_values(&item.activity));
            args.extend([Arg::Int(1), Arg::Time(now), Arg::Time(now)]);
        }
        on_conn!(self, c => bind_args!(sqlx::query(&sql), &args).execute(&mut *c).await.map(drop)).map_err(on_write("owner_unit_id"))
    }
}

impl crate::Db {
    /// After a bulk load: brings PostgreSQL's planner statistics and visibility map (which
    /// index-only scans need) up to date, as autovacuum does some time after any large write —
    /// so that what is measured next is the steady state. Nothing on SQLite, whose Amity
    /// databases are never analysed (no `sqlite_stat1`): their plans stay the ones users get.
    pub async fn settle_after_bulk_load(&self) -> Result<()> {
        match self.pool() {
            crate::Pool::Postgres(pool) => sqlx::query("VACUUM ANALYZE").execute(pool).await.map(drop).map_err(internal),
            crate::Pool::Sqlite(_) => Ok(()),
        }
    }
}
