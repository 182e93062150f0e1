//! Reading delegations: the list with its filters, one record with its lists, the calendar's spans.

use std::collections::HashMap;

use amity_core::Result;
use amity_core::delegation::{Delegation, DelegationFilter, DelegationSpan, DelegationStatus, DelegationSummary, Direction};
use chrono::{DateTime, NaiveDate, Utc};

use super::bad;
use super::filter::where_clause;
use crate::args::{Arg, bind_args, placeholders};
use crate::codec::{day_text, parse_day};
use crate::dispatch::on_conn;
use crate::error::internal;
use crate::tx::Tx;

pub(super) const SELECT: &str = "SELECT d.id, d.direction, d.title, d.title_zh, d.purpose, d.purpose_zh, d.owner_unit_id, d.starts_on, d.ends_on, d.host, d.status, \
                                 d.approval_document, d.approval_number, d.approval_date, d.report, d.notes, d.source_url, d.version, \
                                 d.created_at, d.updated_at FROM delegations d";

/// A `delegations` row.
#[derive(sqlx::FromRow)]
pub(super) struct DelegationRow {
    id: i64,
    direction: String,
    title: String,
    title_zh: String,
    purpose: Option<String>,
    purpose_zh: Option<String>,
    owner_unit_id: i64,
    starts_on: String,
    ends_on: String,
    host: Option<String>,
    status: String,
    approval_document: Option<String>,
    approval_number: Option<String>,
    approval_date: Option<String>,
    report: Option<String>,
    notes: Option<String>,
    source_url: Option<String>,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

/// A row of the list: the record's head and its member count.
#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: i64,
    direction: String,
    title: String,
    title_zh: String,
    purpose: Option<String>,
    purpose_zh: Option<String>,
    owner_unit_id: i64,
    starts_on: String,
    ends_on: String,
    status: String,
    version: i64,
    members: i64,
}

pub(super) fn direction(s: &str) -> Result<Direction> {
    Direction::parse(s).ok_or_else(|| bad("direction", s))
}

pub(super) fn status(s: &str) -> Result<DelegationStatus> {
    DelegationStatus::parse(s).ok_or_else(|| bad("delegation status", s))
}

impl DelegationRow {
    /// The record without its lists (the caller fills them in).
    fn into_delegation(self) -> Result<Delegation> {
        Ok(Delegation {
            id: self.id,
            direction: direction(&self.direction)?,
            title: self.title,
            title_zh: self.title_zh,
            purpose: self.purpose,
            purpose_zh: self.purpose_zh,
            partnership_ids: Vec::new(),
            countries: Vec::new(),
            fields: Vec::new(),
            owner_unit_id: self.owner_unit_id,
            starts_on: parse_day(&self.starts_on)?,
            ends_on: parse_day(&self.ends_on)?,
            host: self.host,
            status: status(&self.status)?,
            approval_document: self.approval_document,
            approval_number: self.approval_number,
            approval_date: self.approval_date.as_deref().map(parse_day).transpose()?,
            report: self.report,
            notes: self.notes,
            source_url: self.source_url,
            members: Vec::new(),
            transport: Vec::new(),
            accommodation: Vec::new(),
            interpreters: Vec::new(),
            itinerary: Vec::new(),
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

impl Tx {
    pub(super) async fn list_delegation_rows(&mut self, filter: &DelegationFilter) -> Result<(Vec<DelegationSummary>, i64)> {
        let mut w = where_clause(filter);
        let clause = w.clause();
        let count_sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM delegations d{clause}");
        let total = on_conn!(self, c => bind_args!(sqlx::query_scalar::<_, i64>(&count_sql), &w.args).fetch_one(&mut *c).await)
            .map_err(internal)?;
        let page = w.page(&filter.paging);
        let sql = format!(
            "SELECT d.id, d.direction, d.title, d.title_zh, d.purpose, d.purpose_zh, d.owner_unit_id, d.starts_on, d.ends_on, d.status, d.version, \
             (SELECT CAST(COUNT(*) AS BIGINT) FROM delegation_members m WHERE m.delegation_id = d.id) AS members \
             FROM delegations d{clause} ORDER BY d.starts_on DESC, d.id DESC{page}"
        );
        let rows =
            on_conn!(self, c => bind_args!(sqlx::query_as::<_, SummaryRow>(&sql), &w.args).fetch_all(&mut *c).await).map_err(internal)?;
        Ok((self.summaries(rows).await?, total))
    }

    /// The rows as summaries, with their partnerships and countries.
    async fn summaries(&mut self, rows: Vec<SummaryRow>) -> Result<Vec<DelegationSummary>> {
        let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
        let (mut partners, mut countries) = (grouped(self.partnerships_of(&ids).await?), grouped(self.countries_of(&ids).await?));
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            out.push(DelegationSummary {
                id: r.id,
                direction: direction(&r.direction)?,
                title: r.title,
                title_zh: r.title_zh,
                purpose: r.purpose,
                purpose_zh: r.purpose_zh,
                partnership_ids: partners.remove(&r.id).unwrap_or_default(),
                countries: countries.remove(&r.id).unwrap_or_default(),
                owner_unit_id: r.owner_unit_id,
                starts_on: parse_day(&r.starts_on)?,
                ends_on: parse_day(&r.ends_on)?,
                status: status(&r.status)?,
                members: r.members,
                version: r.version,
            });
        }
        Ok(out)
    }

    /// Outbound visits not over by `today` that have no approval number: approved or under way, or
    /// proposed and starting by `soon`.
    pub(super) async fn without_approval(&mut self, today: NaiveDate, soon: NaiveDate) -> Result<Vec<DelegationSummary>> {
        let sql = format!(
            "SELECT d.id, d.direction, d.title, d.title_zh, d.purpose, d.purpose_zh, d.owner_unit_id, d.starts_on, d.ends_on, d.status, d.version, \
             (SELECT CAST(COUNT(*) AS BIGINT) FROM delegation_members m WHERE m.delegation_id = d.id) AS members \
             FROM delegations d WHERE d.direction = '{outbound}' AND d.ends_on >= $1 \
             AND (d.approval_number IS NULL OR d.approval_number = '') \
             AND (d.status IN ('{approved}', '{in_progress}') OR (d.status = '{proposed}' AND d.starts_on <= $2)) \
             ORDER BY d.starts_on, d.id",
            outbound = Direction::Outbound.as_str(),
            approved = DelegationStatus::Approved.as_str(),
            in_progress = DelegationStatus::InProgress.as_str(),
            proposed = DelegationStatus::Proposed.as_str(),
        );
        let rows =
            on_conn!(self, c => sqlx::query_as::<_, SummaryRow>(&sql).bind(day_text(today)).bind(day_text(soon)).fetch_all(&mut *c).await)
                .map_err(internal)?;
        self.summaries(rows).await
    }

    pub(super) async fn get_delegation_row(&mut self, id: i64) -> Result<Option<Delegation>> {
        let sql = format!("{SELECT} WHERE d.id = $1");
        let row = on_conn!(self, c => sqlx::query_as::<_, DelegationRow>(&sql).bind(id).fetch_optional(&mut *c).await).map_err(internal)?;
        let Some(row) = row else { return Ok(None) };
        let mut d = row.into_delegation()?;
        d.partnership_ids = self.partnerships_of(&[id]).await?.into_iter().map(|(_, p)| p).collect();
        d.countries = self.countries_of(&[id]).await?.into_iter().map(|(_, c)| c).collect();
        d.fields = self.fields_of(id).await?;
        self.fill_lists(&mut d).await?;
        Ok(Some(d))
    }

    /// (delegation, partnership) pairs of the delegations, in the order entered.
    async fn partnerships_of(&mut self, ids: &[i64]) -> Result<Vec<(i64, i64)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT delegation_id, partnership_id FROM delegation_partnerships WHERE delegation_id IN ({}) ORDER BY delegation_id, partnership_id",
            placeholders(1, ids.len())
        );
        let args: Vec<Arg> = ids.iter().map(|i| Arg::Int(*i)).collect();
        on_conn!(self, c => bind_args!(sqlx::query_as::<_, (i64, i64)>(&sql), &args).fetch_all(&mut *c).await).map_err(internal)
    }

    /// (delegation, country) pairs of the delegations.
    async fn countries_of(&mut self, ids: &[i64]) -> Result<Vec<(i64, String)>> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT delegation_id, country FROM delegation_countries WHERE delegation_id IN ({}) ORDER BY delegation_id, country",
            placeholders(1, ids.len())
        );
        let args: Vec<Arg> = ids.iter().map(|i| Arg::Int(*i)).collect();
        on_conn!(self, c => bind_args!(sqlx::query_as::<_, (i64, String)>(&sql), &args).fetch_all(&mut *c).await).map_err(internal)
    }

    async fn fields_of(&mut self, id: i64) -> Result<Vec<String>> {
        const SQL: &str =
            "SELECT f.code FROM delegation_fields df JOIN fields f ON f.id = df.field_id WHERE df.delegation_id = $1 ORDER BY f.code";
        on_conn!(self, c => sqlx::query_scalar::<_, String>(SQL).bind(id).fetch_all(&mut *c).await).map_err(internal)
    }

    pub(super) async fn overlapping(&mut self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DelegationSpan>> {
        const SQL: &str = "SELECT d.id, d.direction, d.title, d.title_zh, d.purpose, d.purpose_zh, d.owner_unit_id, d.starts_on, d.ends_on, d.status, d.version, \
                           CAST(0 AS BIGINT) AS members FROM delegations d WHERE d.starts_on <= $1 AND d.ends_on >= $2 \
                           ORDER BY d.starts_on, d.id";
        // The links of the same delegations, by joining on the same condition (not a list of thousands of ids).
        const PARTNERS: &str = "SELECT l.delegation_id, l.partnership_id FROM delegation_partnerships l \
                                JOIN delegations d ON d.id = l.delegation_id WHERE d.starts_on <= $1 AND d.ends_on >= $2 \
                                ORDER BY l.delegation_id, l.partnership_id";
        const COUNTRIES: &str = "SELECT l.delegation_id, l.country FROM delegation_countries l \
                                 JOIN delegations d ON d.id = l.delegation_id WHERE d.starts_on <= $1 AND d.ends_on >= $2 \
                                 ORDER BY l.delegation_id, l.country";
        let (to, from) = (day_text(to), day_text(from));
        let rows =
            on_conn!(self, c => sqlx::query_as::<_, SummaryRow>(SQL).bind(&to).bind(&from).fetch_all(&mut *c).await).map_err(internal)?;
        let partners = on_conn!(self, c => sqlx::query_as::<_, (i64, i64)>(PARTNERS).bind(&to).bind(&from).fetch_all(&mut *c).await)
            .map_err(internal)?;
        let countries = on_conn!(self, c => sqlx::query_as::<_, (i64, String)>(COUNTRIES).bind(&to).bind(&from).fetch_all(&mut *c).await)
            .map_err(internal)?;
        let (mut partners, mut countries) = (grouped(partners), grouped(countries));
        rows.into_iter()
            .map(|r| {
                Ok(DelegationSpan {
                    id: r.id,
                    title: r.title,
                    title_zh: r.title_zh,
                    purpose: r.purpose,
                    purpose_zh: r.purpose_zh,
                    direction: direction(&r.direction)?,
                    partnership_ids: partners.remove(&r.id).unwrap_or_default(),
                    countries: countries.remove(&r.id).unwrap_or_default(),
                    starts_on: parse_day(&r.starts_on)?,
                    ends_on: parse_day(&r.ends_on)?,
                    status: status(&r.status)?,
                    owner_unit_id: r.owner_unit_id,
                })
            })
            .collect()
    }
}

/// (delegation, value) pairs as each delegation's values, in the order read.
fn grouped<V>(pairs: Vec<(i64, V)>) -> HashMap<i64, Vec<V>> {
    let mut out: HashMap<i64, Vec<V>> = HashMap::new();
    for (id, v) in pairs {
        out.entry(id).or_default().push(v);
    }
    out
}
