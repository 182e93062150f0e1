//! `DelegationStore` on a unit of work: the record's writes, with its links and lists, and the approval
//! numbers a list export asks for.

use amity_core::Result;
use amity_core::delegation::{
    Delegation, DelegationFilter, DelegationSpan, DelegationStatus, DelegationSummary, ExpiringDocument, NewDelegation, NewTravelDocument,
    TravelDocument,
};
use amity_core::store::DelegationStore;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use crate::args::{Arg, bind_args, placeholders};
use crate::codec::day_text;
use crate::columns::Columns;
use crate::dispatch::on_conn;
use crate::error::{internal, on_write};
use crate::tx::Tx;

impl Tx {
    /// Writes the partnerships, countries and fields the delegation names (replacing any before).
    async fn link_delegation(&mut self, id: i64, d: &NewDelegation) -> Result<()> {
        for table in ["delegation_partnerships", "delegation_countries", "delegation_fields"] {
            let sql = format!("DELETE FROM {table} WHERE delegation_id = $1");
            on_conn!(self, c => sqlx::query(&sql).bind(id).execute(&mut *c).await.map(drop)).map_err(internal)?;
        }
        for p in &d.partnership_ids {
            on_conn!(self, c => sqlx::query("INSERT INTO delegation_partnerships (delegation_id, partnership_id) VALUES ($1, $2)")
                .bind(id)
                .bind(*p)
                .execute(&mut *c).await.map(drop))
            .map_err(on_write("partnership_ids"))?;
        }
        for code in &d.countries {
            on_conn!(self, c => sqlx::query("INSERT INTO delegation_countries (delegation_id, country) VALUES ($1, $2)")
                .bind(id)
                .bind(code)
                .execute(&mut *c).await.map(drop))
            .map_err(internal)?;
        }
        for code in &d.fields {
            const SQL: &str = "INSERT INTO delegation_fields (delegation_id, field_id) SELECT $1, id FROM fields WHERE code = $2";
            on_conn!(self, c => sqlx::query(SQL).bind(id).bind(code).execute(&mut *c).await.map(drop)).map_err(internal)?;
        }
        Ok(())
    }
}

/// The columns a delegation's input sets (its status is set on insert and then only by a change of status).
const DELEGATION: Columns = Columns {
    table: "delegations",
    names: &[
        "direction",
        "title",
        "title_zh",
        "purpose",
        "purpose_zh",
        "owner_unit_id",
        "starts_on",
        "ends_on",
        "host",
        "approval_document",
        "approval_number",
        "approval_date",
        "report",
        "notes",
        "source_url",
        "search_key",
    ],
};

/// A delegation's values for [`DELEGATION`]'s columns.
fn delegation_values(d: &NewDelegation) -> Vec<Arg> {
    let v = vec![
        Arg::Text(d.direction.as_str().into()),
        Arg::Text(d.title.clone()),
        Arg::Text(d.title_zh.clone()),
        Arg::OptText(d.purpose.clone()),
        Arg::OptText(d.purpose_zh.clone()),
        Arg::Int(d.owner_unit_id),
        Arg::Text(day_text(d.starts_on)),
        Arg::Text(day_text(d.ends_on)),
        Arg::OptText(d.host.clone()),
        Arg::OptText(d.approval_document.clone()),
        Arg::OptText(d.approval_number.clone()),
        Arg::OptText(d.approval_date.map(day_text)),
        Arg::OptText(d.report.clone()),
        Arg::OptText(d.notes.clone()),
        Arg::OptText(d.source_url.clone()),
        Arg::Text(d.search_key.clone()),
    ];
    DELEGATION.check(&v);
    v
}

#[async_trait]
impl DelegationStore for Tx {
    async fn list_delegations(&mut self, filter: &DelegationFilter) -> Result<(Vec<DelegationSummary>, i64)> {
        self.list_delegation_rows(filter).await
    }

    async fn get_delegation(&mut self, id: i64) -> Result<Option<Delegation>> {
        self.get_delegation_row(id).await
    }

    async fn delegation_approval_numbers(&mut self, ids: &[i64]) -> Result<Vec<(i64, String)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT id, approval_number FROM delegations WHERE approval_number IS NOT NULL AND approval_number <> '' AND id IN ({}) \
             ORDER BY id",
            placeholders(1, ids.len())
        );
        let args: Vec<Arg> = ids.iter().map(|i| Arg::Int(*i)).collect();
        on_conn!(self, c => bind_args!(sqlx::query_as::<_, (i64, String)>(&sql), &args).fetch_all(&mut *c).await).map_err(internal)
    }

    async fn insert_delegation(&mut self, d: &NewDelegation, now: DateTime<Utc>) -> Result<i64> {
        let mut args = delegation_values(d);
        args.extend([Arg::Text(DelegationStatus::Proposed.as_str().into()), Arg::Time(now)]);
        let sql = DELEGATION.insert(&["status"]);
        let id = on_conn!(self, c => bind_args!(sqlx::query_scalar::<_, i64>(&sql), &args).fetch_one(&mut *c).await)
            .map_err(on_write("owner_unit_id"))?;
        self.link_delegation(id, d).await?;
        self.write_members(id, &d.members).await?;
        self.write_lists(id, d).await?;
        Ok(id)
    }

    async fn update_delegation(&mut self, id: i64, d: &NewDelegation, version: i64, now: DateTime<Utc>) -> Result<bool> {
        let mut args = delegation_values(d);
        args.extend([Arg::Time(now), Arg::Int(id), Arg::Int(version)]);
        let sql = DELEGATION.update();
        let changed = on_conn!(self, c => bind_args!(sqlx::query(&sql), &args).execute(&mut *c).await.map(|r| r.rows_affected() > 0))
            .map_err(on_write("owner_unit_id"))?;
        if changed {
            self.link_delegation(id, d).await?;
            self.write_members(id, &d.members).await?;
            self.write_lists(id, d).await?;
        }
        Ok(changed)
    }

    async fn set_delegation_status(&mut self, id: i64, status: DelegationStatus, version: i64, now: DateTime<Utc>) -> Result<bool> {
        const SQL: &str = "UPDATE delegations SET status = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4";
        let changed = on_conn!(self, c => sqlx::query(SQL)
            .bind(status.as_str())
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected() > 0));
        changed.map_err(internal)
    }

    async fn delete_delegation(&mut self, id: i64) -> Result<bool> {
        let n = on_conn!(self, c => sqlx::query("DELETE FROM delegations WHERE id = $1").bind(id).execute(&mut *c).await.map(|r| r.rows_affected()));
        crate::status_changes::forget(self, "delegation", id).await?;
        Ok(n.map_err(internal)? > 0)
    }

    async fn delegations_overlapping(&mut self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DelegationSpan>> {
        self.overlapping(from, to).await
    }

    async fn outbound_without_approval(&mut self, today: NaiveDate, soon: NaiveDate) -> Result<Vec<DelegationSummary>> {
        self.without_approval(today, soon).await
    }

    async fn list_travel_documents(&mut self, delegation_id: i64) -> Result<Vec<TravelDocument>> {
        self.travel_documents_of(delegation_id).await
    }

    async fn get_travel_document(&mut self, id: i64) -> Result<Option<TravelDocument>> {
        self.travel_document(id).await
    }

    async fn insert_travel_document(&mut self, delegation_id: i64, doc: &NewTravelDocument, now: DateTime<Utc>) -> Result<i64> {
        self.insert_document(delegation_id, doc, now).await
    }

    async fn delete_travel_document(&mut self, id: i64) -> Result<bool> {
        let n = on_conn!(self, c => sqlx::query("DELETE FROM travel_documents WHERE id = $1").bind(id).execute(&mut *c).await.map(|r| r.rows_affected()));
        Ok(n.map_err(internal)? > 0)
    }

    async fn travel_documents_expiring_before(&mut self, day: NaiveDate) -> Result<Vec<ExpiringDocument>> {
        self.expiring(" WHERE t.valid_until < $1", &day_text(day)).await
    }

    async fn travel_documents_of_coming_visits(&mut self, today: NaiveDate) -> Result<Vec<ExpiringDocument>> {
        self.expiring(" WHERE d.ends_on >= $1 AND d.status IN ('proposed', 'approved', 'in_progress')", &day_text(today)).await
    }

    async fn delegation_gift_ids(&mut self, delegation_id: i64) -> Result<Vec<i64>> {
        const SQL: &str = "SELECT gift_id FROM delegation_gifts WHERE delegation_id = $1 ORDER BY gift_id";
        on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL).bind(delegation_id).fetch_all(&mut *c).await).map_err(internal)
    }

    /// `ON CONFLICT DO NOTHING`: linking twice is harmless (see `dialect`).
    async fn link_delegation_gift(&mut self, delegation_id: i64, gift_id: i64) -> Result<bool> {
        const SQL: &str = "INSERT INTO delegation_gifts (delegation_id, gift_id) VALUES ($1, $2) ON CONFLICT DO NOTHING";
        let n = on_conn!(self, c => sqlx::query(SQL).bind(delegation_id).bind(gift_id).execute(&mut *c).await.map(|r| r.rows_affected()));
        Ok(n.map_err(on_write("gift_id"))? > 0)
    }

    async fn unlink_delegation_gift(&mut self, delegation_id: i64, gift_id: i64) -> Result<bool> {
        const SQL: &str = "DELETE FROM delegation_gifts WHERE delegation_id = $1 AND gift_id = $2";
        let n = on_conn!(self, c => sqlx::query(SQL).bind(delegation_id).bind(gift_id).execute(&mut *c).await.map(|r| r.rows_affected()));
        Ok(n.map_err(internal)? > 0)
    }

    async fn purge_travel_documents(&mut self, ended_before: NaiveDate) -> Result<u64> {
        const SQL: &str = "DELETE FROM travel_documents WHERE delegation_id IN (SELECT id FROM delegations WHERE ends_on < $1)";
        let n = on_conn!(self, c => sqlx::query(SQL).bind(day_text(ended_before)).execute(&mut *c).await.map(|r| r.rows_affected()));
        n.map_err(internal)
    }
}
