//! Contacts of partnerships (personal data). Languages are stored one per line in one column.
//! The office-wide list joins each contact's partnership and city (country, group, names).

use amity_core::Result;
use amity_core::contact::{Contact, ContactFilter, ContactSide, ListedContact, NewContact};
use amity_core::store::ContactStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::args::{Arg, Where, bind_args};
use crate::columns::Columns;
use crate::dispatch::on_conn;
use crate::error::{corrupt, internal, on_write};
use crate::tx::Tx;

const COLUMNS: &str = "ct.id, ct.partnership_id, ct.side, ct.name_native, ct.name_romanised, ct.title, ct.organisation, ct.email, \
                       ct.phone, ct.languages, ct.notes, ct.version, ct.created_at, ct.updated_at";

/// The columns a contact's input sets (`contact_values` gives their values in this order); the
/// partnership is set once, on insert.
const CONTACT: Columns = Columns {
    table: "contacts",
    names: &[
        "side",
        "name_native",
        "name_romanised",
        "title",
        "organisation",
        "email",
        "phone",
        "languages",
        "notes",
        "search_key",
        "sort_key",
    ],
};

/// A contact's values for [`CONTACT`]'s columns: what an insert and an update write.
fn contact_values(ct: &NewContact) -> Vec<Arg> {
    let v = vec![
        Arg::Text(ct.side.as_str().into()),
        Arg::OptText(ct.name_native.clone()),
        Arg::OptText(ct.name_romanised.clone()),
        Arg::OptText(ct.title.clone()),
        Arg::OptText(ct.organisation.clone()),
        Arg::OptText(ct.email.clone()),
        Arg::OptText(ct.phone.clone()),
        Arg::Text(ct.languages.join("\n")),
        Arg::OptText(ct.notes.clone()),
        Arg::Text(ct.search_key.clone()),
        Arg::Text(ct.sort_key.clone()),
    ];
    CONTACT.check(&v);
    v
}

/// The office-wide list's `FROM`: the contact `ct`, its partnership `p` and the partner city `c`.
const LISTED_FROM: &str = " FROM contacts ct JOIN partnerships p ON p.id = ct.partnership_id JOIN foreign_cities c ON c.id = p.city_id";

/// The office-wide filter as `WHERE` terms on [`LISTED_FROM`].
fn where_clause(f: &ContactFilter) -> Where {
    let mut w = Where::default();
    if let Some(country) = f.country.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
        w.add("c.country = ?", Arg::Text(country.to_ascii_uppercase()));
    }
    if let Some(g) = f.group {
        w.add(&format!("c.country IN ({})", crate::args::GROUP_COUNTRIES), Arg::Int(g));
    }
    if let Some(q) = f.q.as_deref().map(amity_refdata::fold).filter(|q| !q.is_empty()) {
        // One value for both `?`: the contact's names and organisation, or the partner city's names.
        w.add("(ct.search_key LIKE ? ESCAPE '\\' OR c.search_key LIKE ? ESCAPE '\\')", Arg::Text(crate::dialect::contains_pattern(&q)));
    }
    w
}

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

/// A contact row with its partner city, for the office-wide list.
#[derive(sqlx::FromRow)]
struct ListedRow {
    #[sqlx(flatten)]
    contact: ContactRow,
    city_en: String,
    city_zh: Option<String>,
    country: String,
}

impl TryFrom<ListedRow> for ListedContact {
    type Error = amity_core::Error;

    fn try_from(r: ListedRow) -> Result<Self> {
        Ok(ListedContact {
            contact: Contact::try_from(r.contact)?,
            partner_city: r.city_en,
            partner_city_zh: r.city_zh,
            partner_country: r.country,
        })
    }
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
        let sql = format!("SELECT {COLUMNS} FROM contacts ct WHERE ct.partnership_id = $1 ORDER BY ct.side, ct.sort_key, ct.id");
        let rows =
            on_conn!(self, c => sqlx::query_as::<_, ContactRow>(&sql).bind(partnership_id).fetch_all(&mut *c).await).map_err(internal)?;
        rows.into_iter().map(Contact::try_from).collect()
    }

    async fn list_all_contacts(&mut self, filter: &ContactFilter) -> Result<(Vec<ListedContact>, i64)> {
        let mut w = where_clause(filter);
        let clause = w.clause();
        let count_sql = format!("SELECT CAST(COUNT(*) AS BIGINT){LISTED_FROM}{clause}");
        let total = on_conn!(self, c => bind_args!(sqlx::query_scalar::<_, i64>(&count_sql), &w.args).fetch_one(&mut *c).await)
            .map_err(internal)?;
        let page = w.page(&filter.paging);
        let sql = format!(
            "SELECT {COLUMNS}, c.name_en AS city_en, c.name_zh AS city_zh, c.country{LISTED_FROM}{clause} \
             ORDER BY c.sort_key, p.id, ct.side, ct.sort_key, ct.id{page}"
        );
        let rows =
            on_conn!(self, c => bind_args!(sqlx::query_as::<_, ListedRow>(&sql), &w.args).fetch_all(&mut *c).await).map_err(internal)?;
        Ok((rows.into_iter().map(ListedContact::try_from).collect::<Result<_>>()?, total))
    }

    async fn search_contacts(&mut self, q: &str, limit: i64) -> Result<Vec<Contact>> {
        let sql = format!("SELECT {COLUMNS} FROM contacts ct WHERE ct.search_key LIKE $1 ESCAPE '\\' ORDER BY ct.sort_key, ct.id LIMIT $2");
        let pattern = crate::dialect::contains_pattern(&amity_refdata::fold(q));
        let rows = on_conn!(self, c => sqlx::query_as::<_, ContactRow>(&sql).bind(&pattern).bind(limit).fetch_all(&mut *c).await)
            .map_err(internal)?;
        rows.into_iter().map(Contact::try_from).collect()
    }

    async fn get_contact(&mut self, id: i64) -> Result<Option<Contact>> {
        let sql = format!("SELECT {COLUMNS} FROM contacts ct WHERE ct.id = $1");
        let row = on_conn!(self, c => sqlx::query_as::<_, ContactRow>(&sql).bind(id).fetch_optional(&mut *c).await).map_err(internal)?;
        row.map(Contact::try_from).transpose()
    }

    async fn insert_contact(&mut self, partnership_id: i64, ct: &NewContact, now: DateTime<Utc>) -> Result<i64> {
        let mut args = contact_values(ct);
        args.extend([Arg::Int(partnership_id), Arg::Time(now)]);
        let sql = CONTACT.insert(&["partnership_id"]);
        on_conn!(self, c => bind_args!(sqlx::query_scalar::<_, i64>(&sql), &args).fetch_one(&mut *c).await)
            .map_err(on_write("partnership_id"))
    }

    async fn update_contact(&mut self, id: i64, ct: &NewContact, version: i64, now: DateTime<Utc>) -> Result<bool> {
        let mut args = contact_values(ct);
        args.extend([Arg::Time(now), Arg::Int(id), Arg::Int(version)]);
        let sql = CONTACT.update();
        let n = on_conn!(self, c => bind_args!(sqlx::query(&sql), &args).execute(&mut *c).await.map(|r| r.rows_affected()));
        Ok(n.map_err(internal)? > 0)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_office_wide_filter_reads_the_partner_city_and_one_text_value_for_both_names() {
        let f = ContactFilter { country: Some(" kr ".into()), group: Some(7), q: Some("Kim".into()), ..Default::default() };
        let w = where_clause(&f);
        assert_eq!(
            w.clause(),
            " WHERE c.country = $1 AND c.country IN (SELECT gm.country FROM country_group_members gm WHERE gm.group_id = $2) \
             AND (ct.search_key LIKE $3 ESCAPE '\\' OR c.search_key LIKE $3 ESCAPE '\\')"
        );
        assert_eq!(w.args.len(), 3);
        assert_eq!(where_clause(&ContactFilter::default()).clause(), "");
    }
}
