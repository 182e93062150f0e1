//! Contacts of partnerships (personal data). Languages are stored one per line in one column.

use amity_core::Result;
use amity_core::contact::{Contact, ContactSide, NewContact};
use amity_core::store::ContactStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::dispatch::on_conn;
use crate::error::{corrupt, internal, on_write};
use crate::tx::Tx;

const COLUMNS: &str = "id, partnership_id, side, name_native, name_romanised, title, organisation, email, phone, languages, notes, \
                       version, created_at, updated_at";

/// A `contacts` row as both databases return it.
#[derive(sqlx::FromRow)]
struct ContactRow {
    id: i64,
    partnership_id: i64,
    side: String,
    name_native: Option<String>,
    name_romanised: Option<String>,
    title: Option<String>,
    organisation: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    languages: String,
    notes: Option<String>,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
}

impl TryFrom<ContactRow> for Contact {
    type Error = amity_core::Error;

    fn try_from(r: ContactRow) -> Result<Self> {
        let side = ContactSide::parse(&r.side).ok_or_else(|| corrupt("contact side", &r.side))?;
        Ok(Contact {
            id: r.id,
            partnership_id: r.partnership_id,
            side,
            name_native: r.name_native,
            name_romanised: r.name_romanised,
            title: r.title,
            organisation: r.organisation,
            email: r.email,
            phone: r.phone,
            languages: r.languages.lines().filter(|l| !l.is_empty()).map(str::to_string).collect(),
            notes: r.notes,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

#[async_trait]
impl ContactStore for Tx {
    /// Home side first (`home` sorts before `partner`), then by name.
    async fn list_contacts(&mut self, partnership_id: i64) -> Result<Vec<Contact>> {
        let sql = format!("SELECT {COLUMNS} FROM contacts WHERE partnership_id = $1 ORDER BY side, sort_key, id");
        let rows =
            on_conn!(self, c => sqlx::query_as::<_, ContactRow>(&sql).bind(partnership_id).fetch_all(&mut *c).await).map_err(internal)?;
        rows.into_iter().map(Contact::try_from).collect()
    }

    async fn search_contacts(&mut self, q: &str, limit: i64) -> Result<Vec<Contact>> {
        let sql = format!("SELECT {COLUMNS} FROM contacts WHERE search_key LIKE $1 ESCAPE '\\' ORDER BY sort_key, id LIMIT $2");
        let pattern = crate::dialect::contains_pattern(&amity_refdata::fold(q));
        let rows = on_conn!(self, c => sqlx::query_as::<_, ContactRow>(&sql).bind(&pattern).bind(limit).fetch_all(&mut *c).await)
            .map_err(internal)?;
        rows.into_iter().map(Contact::try_from).collect()
    }

    async fn get_contact(&mut self, id: i64) -> Result<Option<Contact>> {
        let sql = format!("SELECT {COLUMNS} FROM contacts WHERE id = $1");
        let row = on_conn!(self, c => sqlx::query_as::<_, ContactRow>(&sql).bind(id).fetch_optional(&mut *c).await).map_err(internal)?;
        row.map(Contact::try_from).transpose()
    }

    async fn insert_contact(&mut self, partnership_id: i64, ct: &NewContact, now: DateTime<Utc>) -> Result<i64> {
        const SQL: &str = "INSERT INTO contacts (partnership_id, side, name_native, name_romanised, title, organisation, email, phone, \
                           languages, notes, search_key, sort_key, version, created_at, updated_at) \
                           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1, $13, $13) RETURNING id";
        let languages = ct.languages.join("\n");
        let id = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL)
            .bind(partnership_id)
            .bind(ct.side.as_str())
            .bind(&ct.name_native)
            .bind(&ct.name_romanised)
            .bind(&ct.title)
            .bind(&ct.organisation)
            .bind(&ct.email)
            .bind(&ct.phone)
            .bind(&languages)
            .bind(&ct.notes)
            .bind(&ct.search_key)
            .bind(&ct.sort_key)
            .bind(now)
            .fetch_one(&mut *c)
            .await);
        id.map_err(on_write("partnership_id"))
    }

    async fn update_contact(&mut self, id: i64, ct: &NewContact, version: i64, now: DateTime<Utc>) -> Result<bool> {
        const SQL: &str = "UPDATE contacts SET side = $1, name_native = $2, name_romanised = $3, title = $4, organisation = $5, \
                           email = $6, phone = $7, languages = $8, notes = $9, search_key = $10, sort_key = $11, updated_at = $12, \
                           version = version + 1 WHERE id = $13 AND version = $14";
        let languages = ct.languages.join("\n");
        let done = on_conn!(self, c => sqlx::query(SQL)
            .bind(ct.side.as_str())
            .bind(&ct.name_native)
            .bind(&ct.name_romanised)
            .bind(&ct.title)
            .bind(&ct.organisation)
            .bind(&ct.email)
            .bind(&ct.phone)
            .bind(&languages)
            .bind(&ct.notes)
            .bind(&ct.search_key)
            .bind(&ct.sort_key)
            .bind(now)
            .bind(id)
            .bind(version)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(done.map_err(internal)? > 0)
    }

    async fn delete_contact(&mut self, id: i64) -> Result<bool> {
        let deleted = on_conn!(self, c => sqlx::query("DELETE FROM contacts WHERE id = $1")
            .bind(id)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(deleted.map_err(internal)? > 0)
    }
}
