//! The countries of interest of the protocol calendar: the office's list of countries, members of
//! groups flagged "show on the calendar", countries of open events and delegations.

use amity_core::Result;
use amity_core::calendar::{GroupMember, ListedCountry, OpenEvent};
use amity_core::delegation::DelegationStatus;
use amity_core::event::{EventKind, EventStatus};
use amity_core::store::CalendarInterestStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::codec::parse_day;
use crate::dispatch::on_conn;
use crate::error::{corrupt, internal, on_write};
use crate::tx::Tx;

#[derive(sqlx::FromRow)]
struct ListedRow {
    country: String,
    added_by: Option<i64>,
    added_by_name: Option<String>,
    added_at: DateTime<Utc>,
}

#[derive(sqlx::FromRow)]
struct MemberRow {
    code: String,
    name_en: String,
    name_zh: String,
    country: String,
}

#[derive(sqlx::FromRow)]
struct EventRow {
    id: i64,
    kind: String,
    country_code: String,
    first_day: String,
    last_day: String,
}

#[async_trait]
impl CalendarInterestStore for Tx {
    async fn list_calendar_countries(&mut self) -> Result<Vec<ListedCountry>> {
        const SQL: &str = "SELECT c.country, c.added_by, u.display_name AS added_by_name, c.added_at \
                           FROM calendar_countries c LEFT JOIN users u ON u.id = c.added_by ORDER BY c.country";
        let rows = on_conn!(self, c => sqlx::query_as::<_, ListedRow>(SQL).fetch_all(&mut *c).await).map_err(internal)?;
        Ok(rows
            .into_iter()
            .map(|r| ListedCountry { country: r.country, added_by: r.added_by, added_by_name: r.added_by_name, added_at: r.added_at })
            .collect())
    }

    async fn insert_calendar_country(&mut self, country: &str, added_by: Option<i64>, now: DateTime<Utc>) -> Result<()> {
        const SQL: &str = "INSERT INTO calendar_countries (country, added_by, added_at) VALUES ($1, $2, $3)";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(country).bind(added_by).bind(now).execute(&mut *c).await.map(drop));
        done.map_err(on_write("country"))
    }

    async fn delete_calendar_country(&mut self, country: &str) -> Result<bool> {
        let done = on_conn!(self, c => sqlx::query("DELETE FROM calendar_countries WHERE country = $1")
            .bind(country)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(done.map_err(internal)? > 0)
    }

    async fn calendar_group_members(&mut self) -> Result<Vec<GroupMember>> {
        const SQL: &str = "SELECT g.code, g.name_en, g.name_zh, m.country FROM country_groups g \
                           JOIN country_group_members m ON m.group_id = g.id WHERE g.on_calendar ORDER BY g.sort_key, g.id, m.country";
        let rows = on_conn!(self, c => sqlx::query_as::<_, MemberRow>(SQL).fetch_all(&mut *c).await).map_err(internal)?;
        Ok(rows
            .into_iter()
            .map(|r| GroupMember { group_code: r.code, name_en: r.name_en, name_zh: r.name_zh, country: r.country })
            .collect())
    }

    async fn open_event_countries(&mut self) -> Result<Vec<OpenEvent>> {
        let sql = format!(
            "SELECT id, kind, country_code, first_day, last_day FROM events \
             WHERE country_code IS NOT NULL AND country_code <> '' AND status IN ('{}', '{}') ORDER BY id",
            EventStatus::Planned.as_str(),
            EventStatus::Confirmed.as_str()
        );
        let rows = on_conn!(self, c => sqlx::query_as::<_, EventRow>(&sql).fetch_all(&mut *c).await).map_err(internal)?;
        rows.into_iter()
            .map(|r| {
                Ok(OpenEvent {
                    id: r.id,
                    kind: EventKind::parse(&r.kind).ok_or_else(|| corrupt("events.kind", &r.kind))?,
                    country: r.country_code,
                    first_day: parse_day(&r.first_day)?,
                    last_day: parse_day(&r.last_day)?,
                })
            })
            .collect()
    }

    async fn open_delegation_countries(&mut self) -> Result<Vec<String>> {
        let sql = format!(
            "SELECT DISTINCT dc.country FROM delegation_countries dc JOIN delegations d ON d.id = dc.delegation_id \
             WHERE d.status IN ('{}', '{}', '{}') ORDER BY dc.country",
            DelegationStatus::Proposed.as_str(),
            DelegationStatus::Approved.as_str(),
            DelegationStatus::InProgress.as_str()
        );
        on_conn!(self, c => sqlx::query_scalar::<_, String>(&sql).fetch_all(&mut *c).await).map_err(internal)
    }
}
