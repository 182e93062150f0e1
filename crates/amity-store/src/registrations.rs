//! Registrations for events (personal data), seats and the waiting queue, participants by country
//! and partnership, and the public-form submission counter.

use amity_core::event::{CountryCount, NewRegistration, Registration, RegistrationSource, RegistrationStatus, Seats};
use amity_core::store::RegistrationStore;
use amity_core::{Paging, Result};
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::args::{Arg, Where, bind_args, placeholders};
use crate::dialect;
use crate::dispatch::on_conn;
use crate::error::{internal, on_write};
use crate::tx::{Conn, Tx};

mod rows;

use rows::{COLUMNS, CountryRow, PartnerRow, QueueRow, RegistrationRow, SEATED, SeatsRow};

#[async_trait]
impl RegistrationStore for Tx {
    async fn list_registrations(&mut self, event_id: i64) -> Result<Vec<Registration>> {
        Ok(self.list_registrations_page(event_id, &Paging::everything()).await?.0)
    }

    async fn list_registrations_page(&mut self, event_id: i64, paging: &Paging) -> Result<(Vec<Registration>, i64)> {
        const TOTAL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM event_registrations WHERE event_id = $1";
        let total = on_conn!(self, c => sqlx::query_scalar::<_, i64>(TOTAL).bind(event_id).fetch_one(&mut *c).await).map_err(internal)?;
        let mut w = Where::default();
        w.add("event_id = ?", Arg::Int(event_id));
        let page = w.page(paging);
        let sql = format!("SELECT {COLUMNS} FROM event_registrations{} ORDER BY sort_key, name_zh, id{page}", w.clause());
        let rows = on_conn!(self, c => bind_args!(sqlx::query_as::<_, RegistrationRow>(&sql), &w.args).fetch_all(&mut *c).await)
            .map_err(internal)?;
        let queue: Vec<i64> = self.waiting_queue(event_id).await?.into_iter().map(|(id, _)| id).collect();
        let items = rows
            .into_iter()
            .map(|r| {
                let pos = queue.iter().position(|id| *id == r.id).and_then(|p| i64::try_from(p + 1).ok());
                r.into_registration(pos)
            })
            .collect::<Result<Vec<_>>>()?;
        Ok((items, total))
    }

    async fn get_registration(&mut self, id: i64) -> Result<Option<Registration>> {
        let sql = format!("SELECT {COLUMNS} FROM event_registrations WHERE id = $1");
        let row =
            on_conn!(self, c => sqlx::query_as::<_, RegistrationRow>(&sql).bind(id).fetch_optional(&mut *c).await).map_err(internal)?;
        let Some(row) = row else { return Ok(None) };
        let pos = if row.status == RegistrationStatus::Waiting.as_str() {
            let queue = self.waiting_queue(row.event_id).await?;
            queue.iter().position(|(q, _)| *q == row.id).and_then(|p| i64::try_from(p + 1).ok())
        } else {
            None
        };
        row.into_registration(pos).map(Some)
    }

    async fn insert_registration(
        &mut self,
        event_id: i64,
        r: &NewRegistration,
        status: RegistrationStatus,
        source: RegistrationSource,
        reference: &str,
        now: DateTime<Utc>,
    ) -> Result<i64> {
        const SQL: &str = "INSERT INTO event_registrations (event_id, reference, kind, name, name_zh, organisation, country_code, \
                           partnership_id, role, language, party_size, arrival, departure, accommodation, dietary, interpreter_needed, \
                           email, phone, notes, status, source, queued_at, sort_key, version, created_at, updated_at) \
                           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, \
                           $23, 1, $22, $22) RETURNING id";
        let id = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL)
            .bind(event_id)
            .bind(reference)
            .bind(r.kind.as_str())
            .bind(&r.name)
            .bind(&r.name_zh)
            .bind(&r.organisation)
            .bind(&r.country_code)
            .bind(r.partnership_id)
            .bind(&r.role)
            .bind(&r.language)
            .bind(r.party_size)
            .bind(&r.arrival)
            .bind(&r.departure)
            .bind(&r.accommodation)
            .bind(&r.dietary)
            .bind(r.interpreter_needed)
            .bind(&r.email)
            .bind(&r.phone)
            .bind(&r.notes)
            .bind(status.as_str())
            .bind(source.as_str())
            .bind(now)
            .bind(&r.sort_key)
            .fetch_one(&mut *c)
            .await);
        id.map_err(on_write("partnership_id"))
    }

    async fn update_registration(&mut self, id: i64, r: &NewRegistration, version: i64, now: DateTime<Utc>) -> Result<bool> {
        const SQL: &str = "UPDATE event_registrations SET kind = $1, name = $2, name_zh = $3, organisation = $4, country_code = $5, \
                           partnership_id = $6, role = $7, language = $8, party_size = $9, arrival = $10, departure = $11, \
                           accommodation = $12, dietary = $13, interpreter_needed = $14, email = $15, phone = $16, notes = $17, \
                           sort_key = $18, updated_at = $19, version = version + 1 WHERE id = $20 AND version = $21";
        let changed = on_conn!(self, c => sqlx::query(SQL)
            .bind(r.kind.as_str())
            .bind(&r.name)
            .bind(&r.name_zh)
            .bind(&r.organisation)
            .bind(&r.country_code)
            .bind(r.partnership_id)
            .bind(&r.role)
            .bind(&r.language)
            .bind(r.party_size)
            .bind(&r.arrival)
            .bind(&r.departure)
            .bind(&r.accommodation)
            .bind(&r.dietary)
            .bind(r.interpreter_needed)
            .bind(&r.email)
            .bind(&r.phone)
            .bind(&r.notes)
            .bind(&r.sort_key)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected() > 0));
        changed.map_err(on_write("partnership_id"))
    }

    async fn set_registration_status(
        &mut self,
        id: i64,
        status: RegistrationStatus,
        version: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        // Joining the queue (again) puts a registration at its end.
        let queued = if status == RegistrationStatus::Waiting { "queued_at = $2, " } else { "" };
        let check = if version.is_some() { " AND version = $4" } else { "" };
        let sql = format!(
            "UPDATE event_registrations SET status = $1, {queued}updated_at = $2, version = version + 1, \
             checked_in_at = CASE WHEN $1 IN ('registered', 'confirmed') THEN checked_in_at ELSE NULL END WHERE id = $3{check}"
        );
        let changed = on_conn!(self, c => {
            let q = sqlx::query(&sql).bind(status.as_str()).bind(now).bind(id);
            let q = if let Some(v) = version { q.bind(v) } else { q };
            q.execute(&mut *c).await.map(|r| r.rows_affected() > 0)
        });
        changed.map_err(internal)
    }

    async fn set_check_in(&mut self, id: i64, at: Option<DateTime<Utc>>, version: i64, now: DateTime<Utc>) -> Result<bool> {
        const SQL: &str =
            "UPDATE event_registrations SET checked_in_at = $1, updated_at = $2, version = version + 1 WHERE id = $3 AND version = $4";
        let changed = on_conn!(self, c => sqlx::query(SQL)
            .bind(at)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected() > 0));
        changed.map_err(internal)
    }

    async fn event_seats(&mut self, event_id: i64) -> Result<Seats> {
        let sql = format!(
            "SELECT e.capacity, \
             CAST(COALESCE((SELECT SUM(party_size) FROM event_registrations WHERE event_id = e.id AND {SEATED}), 0) AS BIGINT) AS taken, \
             CAST((SELECT COUNT(*) FROM event_registrations WHERE event_id = e.id AND status = 'waiting') AS BIGINT) AS waiting, \
             CAST(COALESCE((SELECT SUM(party_size) FROM event_registrations WHERE event_id = e.id AND {SEATED} \
             AND checked_in_at IS NOT NULL), 0) AS BIGINT) AS checked_in \
             FROM events e WHERE e.id = $1"
        );
        let row =
            on_conn!(self, c => sqlx::query_as::<_, SeatsRow>(&sql).bind(event_id).fetch_optional(&mut *c).await).map_err(internal)?;
        Ok(row.map(|r| Seats { capacity: r.capacity, taken: r.taken, waiting: r.waiting, checked_in: r.checked_in }).unwrap_or_default())
    }

    async fn seats_taken(&mut self, event_ids: &[i64]) -> Result<Vec<(i64, i64)>> {
        if event_ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT event_id, CAST(SUM(party_size) AS BIGINT) FROM event_registrations WHERE {SEATED} AND event_id IN ({}) \
             GROUP BY event_id",
            placeholders(1, event_ids.len())
        );
        let args: Vec<Arg> = event_ids.iter().map(|i| Arg::Int(*i)).collect();
        on_conn!(self, c => bind_args!(sqlx::query_as::<_, (i64, i64)>(&sql), &args).fetch_all(&mut *c).await).map_err(internal)
    }

    async fn waiting_queue(&mut self, event_id: i64) -> Result<Vec<(i64, i64)>> {
        const SQL: &str =
            "SELECT id, party_size FROM event_registrations WHERE event_id = $1 AND status = 'waiting' ORDER BY queued_at, id";
        let rows = on_conn!(self, c => sqlx::query_as::<_, QueueRow>(SQL).bind(event_id).fetch_all(&mut *c).await).map_err(internal)?;
        Ok(rows.into_iter().map(|r| (r.id, r.party_size)).collect())
    }

    async fn participants_by_country(&mut self, event_id: i64, checked_in_only: bool) -> Result<Vec<CountryCount>> {
        let attended = if checked_in_only { " AND checked_in_at IS NOT NULL" } else { "" };
        let sql = format!(
            "SELECT COALESCE(country_code, '') AS country_code, CAST(SUM(party_size) AS BIGINT) AS people FROM event_registrations \
             WHERE event_id = $1 AND {SEATED}{attended} GROUP BY COALESCE(country_code, '') ORDER BY people DESC, country_code"
        );
        let rows = on_conn!(self, c => sqlx::query_as::<_, CountryRow>(&sql).bind(event_id).fetch_all(&mut *c).await).map_err(internal)?;
        Ok(rows.into_iter().map(|r| CountryCount { country_code: r.country_code, people: r.people }).collect())
    }

    async fn participants_by_partnership(&mut self, event_id: i64, checked_in_only: bool) -> Result<Vec<(i64, i64)>> {
        let attended = if checked_in_only { " AND checked_in_at IS NOT NULL" } else { "" };
        let sql = format!(
            "SELECT partnership_id, CAST(SUM(party_size) AS BIGINT) AS people FROM event_registrations \
             WHERE event_id = $1 AND partnership_id IS NOT NULL AND {SEATED}{attended} GROUP BY partnership_id ORDER BY partnership_id"
        );
        let rows = on_conn!(self, c => sqlx::query_as::<_, PartnerRow>(&sql).bind(event_id).fetch_all(&mut *c).await).map_err(internal)?;
        Ok(rows.into_iter().map(|r| (r.partnership_id, r.people)).collect())
    }

    async fn lock_public_form(&mut self, form: &str, address: &str) -> Result<()> {
        match &mut self.conn {
            // The write transaction (BEGIN IMMEDIATE) already holds SQLite's one write lock.
            Conn::Sqlite(_) => Ok(()),
            Conn::Postgres(c) => {
                sqlx::query(dialect::PG_LOCK_FORM_ADDRESS).bind(form).bind(address).execute(&mut **c).await.map(drop).map_err(internal)
            }
        }
    }

    async fn record_public_form_hit(&mut self, form: &str, address: &str, at: DateTime<Utc>) -> Result<()> {
        on_conn!(self, c => sqlx::query("INSERT INTO public_form_hits (form, address, at) VALUES ($1, $2, $3)")
            .bind(form)
            .bind(address)
            .bind(at)
            .execute(&mut *c)
            .await
            .map(drop))
        .map_err(internal)
    }

    async fn count_public_form_hits(&mut self, form: &str, address: &str, since: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM public_form_hits WHERE form = $1 AND address = $2 AND at >= $3";
        on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL).bind(form).bind(address).bind(since).fetch_one(&mut *c).await)
            .map_err(internal)
    }

    async fn purge_public_form_hits(&mut self, before: DateTime<Utc>) -> Result<u64> {
        let n = on_conn!(self, c => sqlx::query("DELETE FROM public_form_hits WHERE at < $1")
            .bind(before)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        n.map_err(internal)
    }
}
