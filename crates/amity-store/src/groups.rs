//! Country groups and their member countries.

use std::collections::HashMap;

use amity_core::Result;
use amity_core::group::{CountryGroup, NewCountryGroup};
use amity_core::store::CountryGroupStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::args::{Arg, bind_args, placeholders};
use crate::dispatch::on_conn;
use crate::error::{internal, on_write};
use crate::tx::Tx;

const COLUMNS: &str = "id, code, name_en, name_zh, source_note, on_calendar, version, created_at, updated_at";

/// A `country_groups` row as both databases return it.
#[derive(sqlx::FromRow)]
struct GroupRow {
    id: i64,
    code: String,
    name_en: String,
    name_zh: String,
    source_note: Option<String>,
    on_calendar: bool,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl GroupRow {
    fn into_group(self, members: Vec<String>) -> CountryGroup {
        CountryGroup {
            id: self.id,
            code: self.code,
            name_en: self.name_en,
            name_zh: self.name_zh,
            source_note: self.source_note,
            members,
            on_calendar: self.on_calendar,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        }
    }
}

/// One membership row.
#[derive(sqlx::FromRow)]
struct MemberRow {
    group_id: i64,
    country: String,
}

#[async_trait]
impl CountryGroupStore for Tx {
    async fn list_country_groups(&mut self) -> Result<Vec<CountryGroup>> {
        let sql = format!("SELECT {COLUMNS} FROM country_groups ORDER BY sort_key, id");
        let rows = on_conn!(self, c => sqlx::query_as::<_, GroupRow>(&sql).fetch_all(&mut *c).await).map_err(internal)?;
        self.with_members(rows).await
    }

    async fn page_country_groups(&mut self, paging: &amity_core::Paging) -> Result<(Vec<CountryGroup>, i64)> {
        const COUNT: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM country_groups";
        let total = on_conn!(self, c => sqlx::query_scalar::<_, i64>(COUNT).fetch_one(&mut *c).await).map_err(internal)?;
        let sql = format!("SELECT {COLUMNS} FROM country_groups ORDER BY sort_key, id LIMIT $1 OFFSET $2");
        let rows =
            on_conn!(self, c => sqlx::query_as::<_, GroupRow>(&sql).bind(paging.limit()).bind(paging.offset()).fetch_all(&mut *c).await)
                .map_err(internal)?;
        Ok((self.with_members(rows).await?, total))
    }

    async fn get_country_group(&mut self, id: i64) -> Result<Option<CountryGroup>> {
        let sql = format!("SELECT {COLUMNS} FROM country_groups WHERE id = $1");
        let row = on_conn!(self, c => sqlx::query_as::<_, GroupRow>(&sql).bind(id).fetch_optional(&mut *c).await).map_err(internal)?;
        Ok(self.with_members(row.into_iter().collect()).await?.pop())
    }

    async fn insert_country_group(&mut self, g: &NewCountryGroup, now: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "INSERT INTO country_groups (code, name_en, name_zh, source_note, sort_key, on_calendar, version, created_at, updated_at) \
                           VALUES ($1, $2, $3, $4, $5, $6, 1, $7, $7) RETURNING id";
        let id = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL)
            .bind(&g.code)
            .bind(&g.name_en)
            .bind(&g.name_zh)
            .bind(&g.source_note)
            .bind(&g.sort_key)
            .bind(g.on_calendar)
            .bind(now)
            .fetch_one(&mut *c)
            .await)
        .map_err(on_write("code"))?;
        self.insert_members(id, &g.members).await?;
        Ok(id)
    }

    async fn update_country_group(&mut self, id: i64, g: &NewCountryGroup, version: i64, now: DateTime<Utc>) -> Result<bool> {
        const SQL: &str = "UPDATE country_groups SET code = $1, name_en = $2, name_zh = $3, source_note = $4, sort_key = $5, \
                           on_calendar = $6, updated_at = $7, version = version + 1 WHERE id = $8 AND version = $9";
        let changed = on_conn!(self, c => sqlx::query(SQL)
            .bind(&g.code)
            .bind(&g.name_en)
            .bind(&g.name_zh)
            .bind(&g.source_note)
            .bind(&g.sort_key)
            .bind(g.on_calendar)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected() > 0))
        .map_err(on_write("code"))?;
        if changed {
            on_conn!(self, c => sqlx::query("DELETE FROM country_group_members WHERE group_id = $1").bind(id).execute(&mut *c).await.map(drop))
                .map_err(internal)?;
            self.insert_members(id, &g.members).await?;
        }
        Ok(changed)
    }

    /// Its membership rows go with it (`ON DELETE CASCADE`).
    async fn delete_country_group(&mut self, id: i64) -> Result<bool> {
        let deleted = on_conn!(self, c => sqlx::query("DELETE FROM country_groups WHERE id = $1")
            .bind(id)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()))
        .map_err(internal)?;
        Ok(deleted > 0)
    }
}

impl Tx {
    /// Adds the member countries of a group in one statement.
    async fn insert_members(&mut self, id: i64, members: &[String]) -> Result<()> {
        if members.is_empty() {
            return Ok(());
        }
        let values: Vec<String> = (0..members.len()).map(|i| format!("($1, ${})", i + 2)).collect();
        let sql = format!("INSERT INTO country_group_members (group_id, country) VALUES {}", values.join(", "));
        let args: Vec<Arg> = members.iter().map(|m| Arg::Text(m.clone())).collect();
        on_conn!(self, c => bind_args!(sqlx::query(&sql).bind(id), &args).execute(&mut *c).await.map(drop)).map_err(on_write("members"))
    }

    /// The groups of `rows` with their members, loaded in one query, sorted by code.
    async fn with_members(&mut self, rows: Vec<GroupRow>) -> Result<Vec<CountryGroup>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT group_id, country FROM country_group_members WHERE group_id IN ({}) ORDER BY country",
            placeholders(1, rows.len())
        );
        let ids: Vec<Arg> = rows.iter().map(|r| Arg::Int(r.id)).collect();
        let links =
            on_conn!(self, c => bind_args!(sqlx::query_as::<_, MemberRow>(&sql), &ids).fetch_all(&mut *c).await).map_err(internal)?;
        let mut by_id: HashMap<i64, Vec<String>> = HashMap::new();
        for link in links {
            by_id.entry(link.group_id).or_default().push(link.country);
        }
        Ok(rows
            .into_iter()
            .map(|r| {
                let members = by_id.remove(&r.id).unwrap_or_default();
                r.into_group(members)
            })
            .collect())
    }
}
