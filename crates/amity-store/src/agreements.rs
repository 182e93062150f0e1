//! Agreements, their versions and files. Languages are stored one per line, signatories as a JSON
//! list; whether a version is current comes from whether another names it in `supersedes_id`.

use amity_core::PartialDate;
use amity_core::Result;
use amity_core::agreement::{Agreement, AgreementKind, ExpiringAgreement, NewAgreement, Signatory};
use amity_core::contact::ContactSide;
use amity_core::file::FileInfo;
use amity_core::partnership::PartnershipStatus;
use amity_core::store::AgreementStore;
use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};

use crate::codec::parse_day;
use crate::dispatch::on_conn;
use crate::error::{corrupt, internal, on_delete, on_write_keys};
use crate::files::{INFO_COLUMNS, InfoRow};
use crate::tx::Tx;

const COLUMNS: &str = "a.id, a.partnership_id, a.kind, a.title, a.languages, a.signatories, a.signed_on, a.signed_place, a.valid_until, \
                       a.supersedes_id, (SELECT n.id FROM agreements n WHERE n.supersedes_id = a.id) AS superseded_by_id, a.notes, \
                       a.version, a.created_at, a.updated_at";

/// An `agreements` row as both databases return it.
#[derive(sqlx::FromRow)]
struct AgreementRow {
    id: i64,
    partnership_id: i64,
    kind: String,
    title: String,
    languages: String,
    signatories: String,
    signed_on: Option<String>,
    signed_place: Option<String>,
    valid_until: Option<String>,
    supersedes_id: Option<i64>,
    superseded_by_id: Option<i64>,
    notes: Option<String>,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl AgreementRow {
    fn into_agreement(self, files: Vec<FileInfo>) -> Result<Agreement> {
        let kind = AgreementKind::parse(&self.kind).ok_or_else(|| corrupt("agreement kind", &self.kind))?;
        let stored: Vec<StoredSignatory> =
            serde_json::from_str(&self.signatories).map_err(|_| corrupt("signatories", &self.signatories))?;
        let signatories = stored
            .into_iter()
            .map(|s| {
                let side = ContactSide::parse(&s.side).ok_or_else(|| corrupt("signatory side", &s.side))?;
                Ok(Signatory { name: s.name, office: s.office, side })
            })
            .collect::<Result<Vec<_>>>()?;
        let signed_on = self.signed_on.as_deref().map(|s| PartialDate::parse(s).map_err(|_| corrupt("signed_on", s))).transpose()?;
        let valid_until = self.valid_until.as_deref().map(parse_day).transpose()?;
        Ok(Agreement {
            id: self.id,
            partnership_id: self.partnership_id,
            kind,
            title: self.title,
            languages: self.languages.lines().filter(|l| !l.is_empty()).map(str::to_string).collect(),
            signatories,
            signed_on,
            signed_place: self.signed_place,
            valid_until,
            supersedes_id: self.supersedes_id,
            superseded_by_id: self.superseded_by_id,
            notes: self.notes,
            files,
            version: self.version,
            created_at: self.created_at,
            updated_at: self.updated_at,
        })
    }
}

/// A signatory as the JSON column holds it.
#[derive(serde::Deserialize)]
struct StoredSignatory {
    name: String,
    office: Option<String>,
    side: String,
}

/// A file row with the agreement it belongs to.
#[derive(sqlx::FromRow)]
struct LinkedFile {
    agreement_id: i64,
    #[sqlx(flatten)]
    info: InfoRow,
}

impl Tx {
    /// The files of the agreements `WHERE`-selected by `filter` (on `af`), by upload order.
    async fn agreement_files(&mut self, filter: &str, id: i64) -> Result<Vec<LinkedFile>> {
        let sql = format!(
            "SELECT af.agreement_id, {INFO_COLUMNS} FROM agreement_files af JOIN files f ON f.id = af.file_id WHERE {filter} ORDER BY f.id"
        );
        on_conn!(self, c => sqlx::query_as::<_, LinkedFile>(&sql).bind(id).fetch_all(&mut *c).await).map_err(internal)
    }

    fn assemble(rows: Vec<AgreementRow>, mut files: Vec<LinkedFile>) -> Result<Vec<Agreement>> {
        rows.into_iter()
            .map(|r| {
                let (mine, rest): (Vec<_>, Vec<_>) = files.drain(..).partition(|f| f.agreement_id == r.id);
                files = rest;
                r.into_agreement(mine.into_iter().map(|f| f.info.into()).collect())
            })
            .collect()
    }
}

fn binds(a: &NewAgreement) -> Result<(String, String, Option<String>, Option<String>)> {
    let signatories = serde_json::to_string(&a.signatories).map_err(|e| amity_core::Error::Internal(e.to_string()))?;
    Ok((a.languages.join("\n"), signatories, a.signed_on.map(|d| d.to_string()), a.valid_until.map(|d| d.to_string())))
}

#[async_trait]
impl AgreementStore for Tx {
    /// Newest signing first (undated last), then newest record first.
    async fn list_agreements(&mut self, partnership_id: i64) -> Result<Vec<Agreement>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM agreements a WHERE a.partnership_id = $1 ORDER BY (a.signed_on IS NULL), a.signed_on DESC, a.id DESC"
        );
        let rows =
            on_conn!(self, c => sqlx::query_as::<_, AgreementRow>(&sql).bind(partnership_id).fetch_all(&mut *c).await).map_err(internal)?;
        let files =
            self.agreement_files("af.agreement_id IN (SELECT id FROM agreements WHERE partnership_id = $1)", partnership_id).await?;
        Self::assemble(rows, files)
    }

    async fn get_agreement(&mut self, id: i64) -> Result<Option<Agreement>> {
        let sql = format!("SELECT {COLUMNS} FROM agreements a WHERE a.id = $1");
        let Some(row) =
            on_conn!(self, c => sqlx::query_as::<_, AgreementRow>(&sql).bind(id).fetch_optional(&mut *c).await).map_err(internal)?
        else {
            return Ok(None);
        };
        let files = self.agreement_files("af.agreement_id = $1", id).await?;
        Ok(Self::assemble(vec![row], files)?.pop())
    }

    async fn insert_agreement(&mut self, partnership_id: i64, a: &NewAgreement, now: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "INSERT INTO agreements (partnership_id, kind, title, languages, signatories, signed_on, signed_place, \
                           valid_until, supersedes_id, notes, version, created_at, updated_at) \
                           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 1, $11, $11) RETURNING id";
        let (languages, signatories, signed_on, valid_until) = binds(a)?;
        let id = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL)
            .bind(partnership_id)
            .bind(a.kind.as_str())
            .bind(&a.title)
            .bind(&languages)
            .bind(&signatories)
            .bind(&signed_on)
            .bind(&a.signed_place)
            .bind(&valid_until)
            .bind(a.supersedes_id)
            .bind(&a.notes)
            .bind(now)
            .fetch_one(&mut *c)
            .await);
        id.map_err(on_write_keys("supersedes_id", "partnership_id"))
    }

    async fn update_agreement(&mut self, id: i64, a: &NewAgreement, version: i64, now: DateTime<Utc>) -> Result<bool> {
        const SQL: &str = "UPDATE agreements SET kind = $1, title = $2, languages = $3, signatories = $4, signed_on = $5, \
                           signed_place = $6, valid_until = $7, notes = $8, updated_at = $9, version = version + 1 \
                           WHERE id = $10 AND version = $11";
        let (languages, signatories, signed_on, valid_until) = binds(a)?;
        let done = on_conn!(self, c => sqlx::query(SQL)
            .bind(a.kind.as_str())
            .bind(&a.title)
            .bind(&languages)
            .bind(&signatories)
            .bind(&signed_on)
            .bind(&a.signed_place)
            .bind(&valid_until)
            .bind(&a.notes)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(done.map_err(internal)? > 0)
    }

    async fn delete_agreement(&mut self, id: i64) -> Result<bool> {
        const FILES: &str = "DELETE FROM files WHERE id IN (SELECT file_id FROM agreement_files WHERE agreement_id = $1)";
        on_conn!(self, c => sqlx::query(FILES).bind(id).execute(&mut *c).await.map(|r| r.rows_affected())).map_err(internal)?;
        let deleted = on_conn!(self, c => sqlx::query("DELETE FROM agreements WHERE id = $1")
            .bind(id)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(deleted.map_err(on_delete("agreement"))? > 0)
    }

    async fn attach_agreement_file(&mut self, agreement_id: i64, file_id: i64) -> Result<()> {
        const SQL: &str = "INSERT INTO agreement_files (agreement_id, file_id) VALUES ($1, $2)";
        on_conn!(self, c => sqlx::query(SQL).bind(agreement_id).bind(file_id).execute(&mut *c).await.map(|r| r.rows_affected()))
            .map_err(on_write_keys("file", "agreement_id"))?;
        Ok(())
    }

    async fn expiring_agreements(&mut self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ExpiringAgreement>> {
        let sql = format!(
            "SELECT a.id, a.partnership_id, a.kind, a.title, a.valid_until, c.country, p.home_unit_id, c.name_en, c.name_zh \
             FROM agreements a JOIN partnerships p ON p.id = a.partnership_id JOIN foreign_cities c ON c.id = p.city_id \
             WHERE a.valid_until >= $1 AND a.valid_until <= $2 AND p.status <> '{ended}' \
             AND NOT EXISTS (SELECT 1 FROM agreements n WHERE n.supersedes_id = a.id) \
             ORDER BY a.valid_until, a.id",
            ended = PartnershipStatus::Ended.as_str()
        );
        let rows = on_conn!(self, c => sqlx::query_as::<_, ExpiringRow>(&sql)
            .bind(from.to_string())
            .bind(to.to_string())
            .fetch_all(&mut *c)
            .await)
        .map_err(internal)?;
        rows.into_iter()
            .map(|r| {
                Ok(ExpiringAgreement {
                    agreement_id: r.id,
                    partnership_id: r.partnership_id,
                    kind: AgreementKind::parse(&r.kind).ok_or_else(|| corrupt("agreement kind", &r.kind))?,
                    title: r.title,
                    valid_until: parse_day(&r.valid_until)?,
                    country: r.country,
                    unit_id: r.home_unit_id,
                    city_en: r.name_en,
                    city_zh: r.name_zh.filter(|n| !n.is_empty()),
                })
            })
            .collect()
    }
}

/// A current agreement ending soon, with what the calendar and the attention list show of its partnership.
#[derive(sqlx::FromRow)]
struct ExpiringRow {
    id: i64,
    partnership_id: i64,
    kind: String,
    title: String,
    valid_until: String,
    country: String,
    home_unit_id: i64,
    name_en: String,
    name_zh: Option<String>,
}
