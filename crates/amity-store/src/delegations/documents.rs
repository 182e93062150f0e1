//! Members' travel documents (personal data): rows, reads and the alert listing.

use amity_core::Result;
use amity_core::delegation::{DocumentKind, ExpiringDocument, NewTravelDocument, TravelDocument};
use chrono::{DateTime, Utc};

use super::bad;
use super::read::status;
use crate::codec::{day_text, parse_day};
use crate::dispatch::on_conn;
use crate::error::{internal, on_write};
use crate::tx::Tx;

const SELECT: &str = "SELECT t.id, t.delegation_id, t.member_id, t.kind, t.number, t.country, t.valid_from, t.valid_until, t.version, \
                      t.created_at, t.updated_at FROM travel_documents t";

#[derive(sqlx::FromRow)]
struct DocumentRow {
    id: i64,
    delegation_id: i64,
    member_id: i64,
    kind: String,
    number: Option<String>,
    country: Option<String>,
    valid_from: Option<String>,
    valid_until: String,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl TryFrom<DocumentRow> for TravelDocument {
    type Error = amity_core::Error;

    fn try_from(r: DocumentRow) -> Result<Self> {
        Ok(TravelDocument {
            id: r.id,
            delegation_id: r.delegation_id,
            member_id: r.member_id,
            kind: DocumentKind::parse(&r.kind).ok_or_else(|| bad("document kind", &r.kind))?,
            number: r.number,
            country: r.country,
            valid_from: r.valid_from.as_deref().map(parse_day).transpose()?,
            valid_until: parse_day(&r.valid_until)?,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ExpiringRow {
    document_id: i64,
    delegation_id: i64,
    delegation_title: String,
    owner_unit_id: i64,
    status: String,
    starts_on: String,
    ends_on: String,
    member_id: i64,
    member_name: String,
    kind: String,
    valid_until: String,
}

impl Tx {
    pub(super) async fn travel_documents_of(&mut self, delegation_id: i64) -> Result<Vec<TravelDocument>> {
        let sql = format!(
            "{SELECT} JOIN delegation_members m ON m.id = t.member_id WHERE t.delegation_id = $1 ORDER BY m.position, m.id, t.kind, t.id"
        );
        let rows =
            on_conn!(self, c => sqlx::query_as::<_, DocumentRow>(&sql).bind(delegation_id).fetch_all(&mut *c).await).map_err(internal)?;
        rows.into_iter().map(TravelDocument::try_from).collect()
    }

    pub(super) async fn travel_document(&mut self, id: i64) -> Result<Option<TravelDocument>> {
        let sql = format!("{SELECT} WHERE t.id = $1");
        let row = on_conn!(self, c => sqlx::query_as::<_, DocumentRow>(&sql).bind(id).fetch_optional(&mut *c).await).map_err(internal)?;
        row.map(TravelDocument::try_from).transpose()
    }

    pub(super) async fn insert_document(&mut self, delegation_id: i64, d: &NewTravelDocument, now: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "INSERT INTO travel_documents (delegation_id, member_id, kind, number, country, valid_from, valid_until, version, \
                           created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 1, $8, $8) RETURNING id";
        let id = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL)
            .bind(delegation_id)
            .bind(d.member_id)
            .bind(d.kind.as_str())
            .bind(&d.number)
            .bind(&d.country)
            .bind(d.valid_from.map(day_text))
            .bind(day_text(d.valid_until))
            .bind(now)
            .fetch_one(&mut *c)
            .await);
        id.map_err(on_write("member_id"))
    }

    /// Documents with their delegation and member, filtered by `clause` on one text argument.
    pub(super) async fn expiring(&mut self, clause: &str, arg: &str) -> Result<Vec<ExpiringDocument>> {
        let sql = format!(
            "SELECT t.id AS document_id, d.id AS delegation_id, COALESCE(NULLIF(d.title, ''), d.title_zh) AS delegation_title, d.owner_unit_id, d.status, d.starts_on, \
             d.ends_on, m.id AS member_id, m.name AS member_name, t.kind, t.valid_until FROM travel_documents t \
             JOIN delegations d ON d.id = t.delegation_id JOIN delegation_members m ON m.id = t.member_id{clause} \
             ORDER BY t.valid_until, t.id"
        );
        let rows = on_conn!(self, c => sqlx::query_as::<_, ExpiringRow>(&sql).bind(arg).fetch_all(&mut *c).await).map_err(internal)?;
        rows.into_iter()
            .map(|r| {
                Ok(ExpiringDocument {
                    document_id: r.document_id,
                    delegation_id: r.delegation_id,
                    delegation_title: r.delegation_title,
                    owner_unit_id: r.owner_unit_id,
                    status: status(&r.status)?,
                    starts_on: parse_day(&r.starts_on)?,
                    ends_on: parse_day(&r.ends_on)?,
                    member_id: r.member_id,
                    member_name: r.member_name,
                    kind: DocumentKind::parse(&r.kind).ok_or_else(|| bad("document kind", &r.kind))?,
                    valid_until: parse_day(&r.valid_until)?,
                })
            })
            .collect()
    }
}
