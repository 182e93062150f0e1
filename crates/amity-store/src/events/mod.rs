//! Events on a unit of work: the `events` row, its links (co-organisers, invited partnerships,
//! fields), its status history, the calendar listing, and series (in `series`).

mod links;
mod row;
mod series;

use amity_core::Result;
use amity_core::event::{CalendarEvent, Event, EventFilter, EventSeries, EventSort, EventStatus, NewEvent, NewEventSeries};
use amity_core::store::EventStore;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use crate::args::{Arg, Where, bind_args};
use crate::codec::{day_text, local_text};
use crate::columns::Columns;
use crate::dispatch::on_conn;
use crate::error::{internal, on_write};
use crate::tx::Tx;
pub(crate) use row::EventRow;
use row::{CALENDAR_SELECT, CalendarRow, SELECT};

fn where_clause(f: &EventFilter) -> Where {
    let mut w = Where::default();
    if let Some(k) = f.kind {
        w.add("e.kind = ?", Arg::Text(k.as_str().into()));
    }
    if let Some(s) = f.status {
        w.add("e.status = ?", Arg::Text(s.as_str().into()));
    }
    if let Some(y) = f.year {
        w.add("e.first_day <= ?", Arg::Text(format!("{y:04}-12-31")));
        w.add("e.last_day >= ?", Arg::Text(format!("{y:04}-01-01")));
    }
    if let Some(u) = f.unit {
        w.add("e.organiser_unit_id = ?", Arg::Int(u));
    }
    if let Some(s) = f.series {
        w.add("e.series_id = ?", Arg::Int(s));
    }
    if f.public_only {
        w.add("e.public = TRUE AND e.status <> ?", Arg::Text(EventStatus::Idea.as_str().into()));
    }
    if let Some(q) = &f.q {
        w.add("e.search_key LIKE ? ESCAPE '\\'", Arg::Text(crate::dialect::contains_pattern(&amity_refdata::fold(q))));
    }
    if let Some(g) = f.group {
        // The event's country, a partnership invited or a partnership co-organising (the one `?` stands in each).
        let (countries, partnerships) = (crate::args::GROUP_COUNTRIES, crate::args::GROUP_PARTNERSHIPS);
        w.add(
            &format!(
                "(e.country_code IN ({countries}) OR e.id IN (SELECT event_id FROM event_invitations WHERE partnership_id IN ({partnerships})) \
                 OR e.id IN (SELECT event_id FROM event_co_organisers WHERE partnership_id IN ({partnerships})))"
            ),
            Arg::Int(g),
        );
    }
    w
}

/// The columns an event's input sets (its status is set on insert and then only by a change of status).
const EVENT: Columns = Columns {
    table: "events",
    names: &[
        "series_id",
        "edition",
        "kind",
        "title_en",
        "title_zh",
        "description",
        "planned_on",
        "starts_local",
        "ends_local",
        "starts_at",
        "ends_at",
        "all_day",
        "time_zone",
        "first_day",
        "last_day",
        "venue",
        "organiser_unit_id",
        "country_code",
        "capacity",
        "public",
        "source_url",
        "search_key",
    ],
};

/// An event's values for [`EVENT`]'s columns.
fn event_values(e: &NewEvent) -> Vec<Arg> {
    let v = vec![
        Arg::OptInt(e.series_id),
        Arg::OptInt(e.edition),
        Arg::Text(e.kind.as_str().into()),
        Arg::Text(e.title_en.clone()),
        Arg::Text(e.title_zh.clone()),
        Arg::OptText(e.description.clone()),
        Arg::OptText(e.planned_on.map(|d| d.to_string())),
        Arg::OptText(e.starts_local.map(local_text)),
        Arg::OptText(e.ends_local.map(local_text)),
        Arg::OptTime(e.starts_at),
        Arg::OptTime(e.ends_at),
        Arg::Bool(e.all_day),
        Arg::Text(e.time_zone.clone()),
        Arg::Text(day_text(e.first_day)),
        Arg::Text(day_text(e.last_day)),
        Arg::OptText(e.venue.clone()),
        Arg::Int(e.organiser_unit_id),
        Arg::OptText(e.country_code.clone()),
        Arg::OptInt(e.capacity),
        Arg::Bool(e.public),
        Arg::OptText(e.source_url.clone()),
        Arg::Text(e.search_key.clone()),
    ];
    EVENT.check(&v);
    v
}

#[async_trait]
impl EventStore for Tx {
    async fn list_events(&mut self, filter: &EventFilter) -> Result<(Vec<Event>, i64)> {
        let mut w = where_clause(filter);
        let clause = w.clause();
        let count_sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM events e{clause}");
        let total = on_conn!(self, c => bind_args!(sqlx::query_scalar::<_, i64>(&count_sql), &w.args).fetch_one(&mut *c).await)
            .map_err(internal)?;
        let order = match filter.sort {
            Some(EventSort::Date) => "e.first_day, e.starts_at, e.id",
            _ => "e.first_day DESC, e.starts_at DESC, e.id DESC",
        };
        let page = w.page(&filter.paging);
        let sql = format!("{SELECT}{clause} ORDER BY {order}{page}");
        let rows =
            on_conn!(self, c => bind_args!(sqlx::query_as::<_, EventRow>(&sql), &w.args).fetch_all(&mut *c).await).map_err(internal)?;
        Ok((self.event_links(rows).await?, total))
    }

    async fn get_event(&mut self, id: i64) -> Result<Option<Event>> {
        let sql = format!("{SELECT} WHERE e.id = $1");
        let row = on_conn!(self, c => sqlx::query_as::<_, EventRow>(&sql).bind(id).fetch_optional(&mut *c).await).map_err(internal)?;
        Ok(self.event_links(row.into_iter().collect()).await?.pop())
    }

    async fn insert_event(&mut self, e: &NewEvent, now: DateTime<Utc>) -> Result<i64> {
        let mut args = event_values(e);
        args.extend([Arg::Text(e.status.as_str().into()), Arg::Time(now)]);
        let sql = EVENT.insert(&["status"]);
        let id = on_conn!(self, c => bind_args!(sqlx::query_scalar::<_, i64>(&sql), &args).fetch_one(&mut *c).await)
            .map_err(on_write("organiser_unit_id"))?;
        self.link_event(id, e).await?;
        Ok(id)
    }

    async fn update_event(&mut self, id: i64, e: &NewEvent, version: i64, now: DateTime<Utc>) -> Result<bool> {
        let mut args = event_values(e);
        args.extend([Arg::Time(now), Arg::Int(id), Arg::Int(version)]);
        let sql = EVENT.update();
        let changed = on_conn!(self, c => bind_args!(sqlx::query(&sql), &args).execute(&mut *c).await.map(|r| r.rows_affected() > 0))
            .map_err(on_write("organiser_unit_id"))?;
        if changed {
            self.link_event(id, e).await?;
        }
        Ok(changed)
    }

    async fn set_event_status(
        &mut self,
        id: i64,
        status: EventStatus,
        cancel_reason: Option<&str>,
        version: i64,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        const SQL: &str =
            "UPDATE events SET status = $1, cancel_reason = $2, updated_at = $3, version = version + 1 WHERE id = $4 AND version = $5";
        let changed = on_conn!(self, c => sqlx::query(SQL)
            .bind(status.as_str())
            .bind(cancel_reason)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected() > 0));
        changed.map_err(internal)
    }

    async fn set_event_report(
        &mut self,
        id: i64,
        outcomes: Option<&str>,
        notes: Option<&str>,
        version: i64,
        now: DateTime<Utc>,
    ) -> Result<bool> {
        const SQL: &str = "UPDATE events SET report_outcomes = $1, report_notes = $2, updated_at = $3, version = version + 1 \
                           WHERE id = $4 AND version = $5";
        let changed = on_conn!(self, c => sqlx::query(SQL)
            .bind(outcomes)
            .bind(notes)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected() > 0));
        changed.map_err(internal)
    }

    async fn lock_event(&mut self, id: i64) -> Result<bool> {
        // A no-op update takes the row lock on PostgreSQL; SQLite writers are serialised by BEGIN IMMEDIATE.
        let n = on_conn!(self, c => sqlx::query("UPDATE events SET version = version WHERE id = $1")
            .bind(id)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(n.map_err(internal)? > 0)
    }

    async fn delete_event(&mut self, id: i64) -> Result<bool> {
        let n =
            on_conn!(self, c => sqlx::query("DELETE FROM events WHERE id = $1").bind(id).execute(&mut *c).await.map(|r| r.rows_affected()));
        let n = n.map_err(crate::error::on_delete("event"))?;
        crate::status_changes::forget(self, "event", id).await?;
        Ok(n > 0)
    }

    async fn events_overlapping(&mut self, from: NaiveDate, to: NaiveDate, public_only: bool) -> Result<Vec<CalendarEvent>> {
        let public = if public_only { " AND e.public = TRUE" } else { "" };
        let sql = format!("{CALENDAR_SELECT} WHERE e.first_day <= $1 AND e.last_day >= $2{public} ORDER BY e.first_day, e.starts_at, e.id");
        let rows =
            on_conn!(self, c => sqlx::query_as::<_, CalendarRow>(&sql).bind(day_text(to)).bind(day_text(from)).fetch_all(&mut *c).await)
                .map_err(internal)?;
        rows.into_iter().map(CalendarRow::into_calendar).collect()
    }

    async fn list_event_series(&mut self) -> Result<Vec<EventSeries>> {
        self.series_rows(None).await
    }

    async fn page_event_series(&mut self, paging: &amity_core::Paging) -> Result<(Vec<EventSeries>, i64)> {
        self.series_page(paging).await
    }

    async fn get_event_series(&mut self, id: i64) -> Result<Option<EventSeries>> {
        Ok(self.series_rows(Some(id)).await?.pop())
    }

    async fn insert_event_series(&mut self, s: &NewEventSeries, now: DateTime<Utc>) -> Result<i64> {
        self.insert_series_row(s, now).await
    }

    async fn update_event_series(&mut self, id: i64, s: &NewEventSeries, version: i64, now: DateTime<Utc>) -> Result<bool> {
        self.update_series_row(id, s, version, now).await
    }
}
