//! Partnerships: stored with their focus fields, listed with filters, counted for the home page.

mod lifecycle;
pub(crate) mod list;
mod row;

use std::collections::HashMap;

use amity_core::Result;
use amity_core::partnership::{NewPartnership, Partnership, PartnershipFilter, PartnershipKind, PartnershipStats};
use amity_core::store::PartnershipStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::args::{Arg, bind_args, placeholders};
use crate::columns::Columns;
use crate::dispatch::on_conn;
use crate::error::{internal, on_delete, on_write};
use crate::tx::Tx;
use list::{order_by, where_clause};
use row::{FieldLink, PartnershipRow, SELECT, StatsRow};

/// The columns a partnership's input sets (the status changes only through a transition; an update
/// writes back the one the service checked is unchanged).
const PARTNERSHIP: Columns = Columns {
    table: "partnerships",
    names: &["home_unit_id", "city_id", "kind", "status", "established", "established_basis", "source_url", "notes"],
};

/// A partnership's values for [`PARTNERSHIP`]'s columns, with the id of its stored foreign city.
fn partnership_values(p: &NewPartnership, city_id: i64) -> Vec<Arg> {
    let v = vec![
        Arg::Int(p.home_unit_id),
        Arg::Int(city_id),
        Arg::Text(p.kind.as_str().into()),
        Arg::Text(p.status.as_str().into()),
        Arg::OptText(p.established.map(|d| d.to_string())),
        Arg::OptText(p.established_basis.clone()),
        Arg::OptText(p.source_url.clone()),
        Arg::OptText(p.notes.clone()),
    ];
    PARTNERSHIP.check(&v);
    v
}

#[async_trait]
impl PartnershipStore for Tx {
    async fn list_partnerships(&mut self, filter: &PartnershipFilter) -> Result<(Vec<Partnership>, i64)> {
        let mut w = where_clause(filter);
        let clause = w.clause();
        let count_sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM partnerships p JOIN foreign_cities c ON c.id = p.city_id{clause}");
        let total = on_conn!(self, c => bind_args!(sqlx::query_scalar::<_, i64>(&count_sql), &w.args).fetch_one(&mut *c).await)
            .map_err(internal)?;
        let page = w.page(&filter.paging);
        let page_sql = format!("{SELECT}{clause}{}{page}", order_by(filter.sort));
        let rows = on_conn!(self, c => bind_args!(sqlx::query_as::<_, PartnershipRow>(&page_sql), &w.args).fetch_all(&mut *c).await)
            .map_err(internal)?;
        Ok((self.with_fields(rows).await?, total))
    }

    async fn get_partnership(&mut self, id: i64) -> Result<Option<Partnership>> {
        let sql = format!("{SELECT} WHERE p.id = $1");
        let row =
            on_conn!(self, c => sqlx::query_as::<_, PartnershipRow>(&sql).bind(id).fetch_optional(&mut *c).await).map_err(internal)?;
        Ok(self.with_fields(row.into_iter().collect()).await?.pop())
    }

    async fn get_partnerships(&mut self, ids: &[i64]) -> Result<Vec<Partnership>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!("{SELECT} WHERE p.id IN ({}) ORDER BY p.id", placeholders(1, ids.len()));
        let args: Vec<Arg> = ids.iter().map(|id| Arg::Int(*id)).collect();
        let rows =
            on_conn!(self, c => bind_args!(sqlx::query_as::<_, PartnershipRow>(&sql), &args).fetch_all(&mut *c).await).map_err(internal)?;
        self.with_fields(rows).await
    }

    async fn insert_partnership(&mut self, p: &NewPartnership, city_id: i64, now: DateTime<Utc>) -> Result<i64> {
        let mut args = partnership_values(p, city_id);
        args.push(Arg::Time(now));
        let sql = PARTNERSHIP.insert(&[]);
        let id = on_conn!(self, c => bind_args!(sqlx::query_scalar::<_, i64>(&sql), &args).fetch_one(&mut *c).await)
            .map_err(on_write("home_unit_id"))?;
        self.link_fields(id, &p.fields).await?;
        Ok(id)
    }

    async fn update_partnership(&mut self, id: i64, p: &NewPartnership, city_id: i64, version: i64, now: DateTime<Utc>) -> Result<bool> {
        let mut args = partnership_values(p, city_id);
        args.extend([Arg::Time(now), Arg::Int(id), Arg::Int(version)]);
        let sql = PARTNERSHIP.update();
        let changed = on_conn!(self, c => bind_args!(sqlx::query(&sql), &args).execute(&mut *c).await.map(|r| r.rows_affected() > 0))
            .map_err(on_write("home_unit_id"))?;
        if changed {
            on_conn!(self, c => sqlx::query("DELETE FROM partnership_fields WHERE partnership_id = $1").bind(id).execute(&mut *c).await.map(drop))
                .map_err(internal)?;
            self.link_fields(id, &p.fields).await?;
        }
        Ok(changed)
    }

    /// Its focus-field links go with it (`ON DELETE CASCADE`); records that depend on it refuse.
    async fn delete_partnership(&mut self, id: i64) -> Result<bool> {
        let deleted = on_conn!(self, c => sqlx::query("DELETE FROM partnerships WHERE id = $1")
            .bind(id)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        let deleted = deleted.map_err(on_delete("partnership"))?;
        crate::status_changes::forget(self, "partnership", id).await?;
        Ok(deleted > 0)
    }

    /// Every stored partnership whatever its status, by kind, and the countries they reach.
    async fn partnership_stats(&mut self) -> Result<PartnershipStats> {
        let sql = format!(
            "SELECT CAST(COUNT(*) AS BIGINT) AS partnerships, \
             CAST(COALESCE(SUM(CASE WHEN p.kind = '{sister}' THEN 1 ELSE 0 END), 0) AS BIGINT) AS sister_cities, \
             CAST(COALESCE(SUM(CASE WHEN p.kind = '{friendly}' THEN 1 ELSE 0 END), 0) AS BIGINT) AS friendly_cooperation, \
             CAST(COUNT(DISTINCT c.country) AS BIGINT) AS countries \
             FROM partnerships p JOIN foreign_cities c ON c.id = p.city_id",
            sister = PartnershipKind::SisterCity.as_str(),
            friendly = PartnershipKind::FriendlyCooperation.as_str(),
        );
        let row = on_conn!(self, c => sqlx::query_as::<_, StatsRow>(&sql).fetch_one(&mut *c).await).map_err(internal)?;
        Ok(PartnershipStats {
            partnerships: row.partnerships,
            sister_cities: row.sister_cities,
            friendly_cooperation: row.friendly_cooperation,
            countries: row.countries,
        })
    }
}

impl Tx {
    /// Links the partnership to the fields with these codes; an unknown code is a validation error.
    async fn link_fields(&mut self, id: i64, codes: &[String]) -> Result<()> {
        self.link_field_codes("partnership_fields", "partnership_id", id, codes).await
    }

    /// The partnerships of `rows` with their focus fields, loaded in one query, in field order.
    async fn with_fields(&mut self, rows: Vec<PartnershipRow>) -> Result<Vec<Partnership>> {
        if rows.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT pf.partnership_id, f.code FROM partnership_fields pf JOIN fields f ON f.id = pf.field_id \
             WHERE pf.partnership_id IN ({}) ORDER BY f.position, f.id",
            placeholders(1, rows.len())
        );
        let ids: Vec<Arg> = rows.iter().map(|r| Arg::Int(r.id())).collect();
        let links =
            on_conn!(self, c => bind_args!(sqlx::query_as::<_, FieldLink>(&sql), &ids).fetch_all(&mut *c).await).map_err(internal)?;
        let mut by_id: HashMap<i64, Vec<String>> = HashMap::new();
        for link in links {
            by_id.entry(link.partnership_id).or_default().push(link.code);
        }
        rows.into_iter()
            .map(|r| {
                let codes = by_id.remove(&r.id()).unwrap_or_default();
                r.into_partnership(codes)
            })
            .collect()
    }
}
