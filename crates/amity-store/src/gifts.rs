//! The gift registry. The photo is a stored file joined in (its description only, never its bytes).

use amity_core::PartialDate;
use amity_core::Result;
use amity_core::file::FileInfo;
use amity_core::gift::{DisclosureStatus, Gift, GiftDirection, GiftFilter, NewGift};
use amity_core::money::format_minor;
use amity_core::store::GiftStore;
use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::args::{Arg, Where, bind_args};
use crate::columns::Columns;
use crate::dispatch::on_conn;
use crate::error::{corrupt, internal, on_write};
use crate::tx::Tx;

const SELECT: &str = "SELECT g.id, g.direction, g.given_on, g.partnership_id, g.occasion, g.occasion_zh, g.activity_id, g.description, \
                      g.description_zh, g.giver, g.recipient, g.value_minor, g.currency, g.kept_at, g.disclosure, g.source_url, g.notes, g.version, g.created_at, \
                      g.updated_at, f.id AS photo_id, f.file_name AS photo_name, f.content_type AS photo_type, \
                      f.declared_type AS photo_declared, f.size AS photo_size, f.sha256 AS photo_sha256, \
                      f.created_at AS photo_created_at, f.created_by AS photo_created_by \
                      FROM gifts g LEFT JOIN files f ON f.id = g.photo_file_id";

/// The columns a gift's input sets (its photo is set apart, by `set_gift_photo`).
const GIFT: Columns = Columns {
    table: "gifts",
    names: &[
        "direction",
        "given_on",
        "partnership_id",
        "occasion",
        "occasion_zh",
        "activity_id",
        "description",
        "description_zh",
        "giver",
        "recipient",
        "value_minor",
        "currency",
        "kept_at",
        "disclosure",
        "source_url",
        "notes",
    ],
};

/// A gift's values for [`GIFT`]'s columns: what an insert and an update write.
fn gift_values(g: &NewGift) -> Vec<Arg> {
    let v = vec![
        Arg::Text(g.direction.as_str().into()),
        Arg::Text(g.given_on.to_string()),
        Arg::OptInt(g.partnership_id),
        Arg::OptText(g.occasion.clone()),
        Arg::OptText(g.occasion_zh.clone()),
        Arg::OptInt(g.activity_id),
        Arg::Text(g.description.clone()),
        Arg::Text(g.description_zh.clone()),
        Arg::OptText(g.giver.clone()),
        Arg::OptText(g.recipient.clone()),
        Arg::OptInt(g.value.as_ref().map(|m| m.minor)),
        Arg::OptText(g.currency.as_ref().map(|c| c.code().to_string())),
        Arg::OptText(g.kept_at.clone()),
        Arg::Text(g.disclosure.as_str().into()),
        Arg::OptText(g.source_url.clone()),
        Arg::OptText(g.notes.clone()),
    ];
    GIFT.check(&v);
    v
}

/// A `gifts` row with its photo's description, as both databases return it.
#[derive(sqlx::FromRow)]
struct GiftRow {
    id: i64,
    direction: String,
    given_on: String,
    partnership_id: Option<i64>,
    occasion: Option<String>,
    occasion_zh: Option<String>,
    activity_id: Option<i64>,
    description: String,
    description_zh: String,
    giver: Option<String>,
    recipient: Option<String>,
    value_minor: Option<i64>,
    currency: Option<String>,
    kept_at: Option<String>,
    disclosure: String,
    source_url: Option<String>,
    notes: Option<String>,
    version: i64,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    photo_id: Option<i64>,
    photo_name: Option<String>,
    photo_type: Option<String>,
    photo_declared: Option<String>,
    photo_size: Option<i64>,
    photo_sha256: Option<String>,
    photo_created_at: Option<DateTime<Utc>>,
    photo_created_by: Option<i64>,
}

impl TryFrom<GiftRow> for Gift {
    type Error = amity_core::Error;

    fn try_from(r: GiftRow) -> Result<Self> {
        let direction = GiftDirection::parse(&r.direction).ok_or_else(|| corrupt("gift direction", &r.direction))?;
        let disclosure = DisclosureStatus::parse(&r.disclosure).ok_or_else(|| corrupt("gift disclosure", &r.disclosure))?;
        let given_on = PartialDate::parse(&r.given_on).map_err(|_| corrupt("gift date", &r.given_on))?;
        let photo = match (r.photo_id, r.photo_created_at) {
            (Some(id), Some(created_at)) => Some(FileInfo {
                id,
                file_name: r.photo_name.unwrap_or_default(),
                content_type: r.photo_type.unwrap_or_default(),
                declared_type: r.photo_declared.unwrap_or_default(),
                size: r.photo_size.unwrap_or_default(),
                sha256: r.photo_sha256.unwrap_or_default(),
                created_at,
                created_by: r.photo_created_by,
            }),
            _ => None,
        };
        Ok(Gift {
            id: r.id,
            direction,
            given_on,
            partnership_id: r.partnership_id,
            occasion: r.occasion,
            occasion_zh: r.occasion_zh,
            activity_id: r.activity_id,
            description: r.description,
            description_zh: r.description_zh,
            giver: r.giver,
            recipient: r.recipient,
            // A value always has its currency (the validator and migration 0016 see to it).
            value: r.value_minor.zip(r.currency.as_deref()).map(|(m, c)| format_minor(m, c)),
            value_minor: r.value_minor,
            currency: r.currency,
            kept_at: r.kept_at,
            disclosure,
            source_url: r.source_url,
            notes: r.notes,
            photo,
            version: r.version,
            created_at: r.created_at,
            updated_at: r.updated_at,
        })
    }
}

fn where_clause(f: &GiftFilter) -> Where {
    let mut w = Where::default();
    if let Some(d) = f.direction {
        w.add("g.direction = ?", Arg::Text(d.as_str().into()));
    }
    if let Some(y) = f.year {
        // The date's text starts with its four-digit year whatever its precision.
        w.add("g.given_on LIKE ?", Arg::Text(format!("{y:04}%")));
    }
    if let Some(p) = f.partnership {
        w.add("g.partnership_id = ?", Arg::Int(p));
    }
    if let Some(d) = f.disclosure {
        w.add("g.disclosure = ?", Arg::Text(d.as_str().into()));
    }
    if let Some(g) = f.group {
        w.add(&format!("g.partnership_id IN ({})", crate::args::GROUP_PARTNERSHIPS), Arg::Int(g));
    }
    w
}

#[async_trait]
impl GiftStore for Tx {
    async fn list_gifts(&mut self, filter: &GiftFilter) -> Result<(Vec<Gift>, i64)> {
        let mut w = where_clause(filter);
        let clause = w.clause();
        let count_sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM gifts g{clause}");
        let total = on_conn!(self, c => bind_args!(sqlx::query_scalar::<_, i64>(&count_sql), &w.args).fetch_one(&mut *c).await)
            .map_err(internal)?;
        let page = w.page(&filter.paging);
        let sql = format!("{SELECT}{clause} ORDER BY g.given_on DESC, g.id DESC{page}");
        let rows =
            on_conn!(self, c => bind_args!(sqlx::query_as::<_, GiftRow>(&sql), &w.args).fetch_all(&mut *c).await).map_err(internal)?;
        Ok((rows.into_iter().map(Gift::try_from).collect::<Result<_>>()?, total))
    }

    async fn get_gift(&mut self, id: i64) -> Result<Option<Gift>> {
        let sql = format!("{SELECT} WHERE g.id = $1");
        let row = on_conn!(self, c => sqlx::query_as::<_, GiftRow>(&sql).bind(id).fetch_optional(&mut *c).await).map_err(internal)?;
        row.map(Gift::try_from).transpose()
    }

    async fn insert_gift(&mut self, g: &NewGift, now: DateTime<Utc>) -> Result<i64> {
        let mut args = gift_values(g);
        args.push(Arg::Time(now));
        let sql = GIFT.insert(&[]);
        on_conn!(self, c => bind_args!(sqlx::query_scalar::<_, i64>(&sql), &args).fetch_one(&mut *c).await)
            .map_err(on_write("partnership_id"))
    }

    async fn update_gift(&mut self, id: i64, g: &NewGift, version: i64, now: DateTime<Utc>) -> Result<bool> {
        let mut args = gift_values(g);
        args.extend([Arg::Time(now), Arg::Int(id), Arg::Int(version)]);
        let sql = GIFT.update();
        let n = on_conn!(self, c => bind_args!(sqlx::query(&sql), &args).execute(&mut *c).await.map(|r| r.rows_affected()));
        Ok(n.map_err(on_write("partnership_id"))? > 0)
    }

    async fn delete_gift(&mut self, id: i64) -> Result<bool> {
        const PHOTO: &str = "SELECT photo_file_id FROM gifts WHERE id = $1";
        let photo = on_conn!(self, c => sqlx::query_scalar::<_, Option<i64>>(PHOTO).bind(id).fetch_optional(&mut *c).await)
            .map_err(internal)?
            .flatten();
        let deleted = on_conn!(self, c => sqlx::query("DELETE FROM gifts WHERE id = $1")
            .bind(id)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()))
        .map_err(internal)?;
        if let Some(file_id) = photo {
            on_conn!(self, c => sqlx::query("DELETE FROM files WHERE id = $1").bind(file_id).execute(&mut *c).await.map(|r| r.rows_affected()))
                .map_err(internal)?;
        }
        Ok(deleted > 0)
    }

    async fn set_gift_photo(&mut self, id: i64, file_id: Option<i64>) -> Result<()> {
        const SQL: &str = "UPDATE gifts SET photo_file_id = $1 WHERE id = $2";
        on_conn!(self, c => sqlx::query(SQL).bind(file_id).bind(id).execute(&mut *c).await.map(|r| r.rows_affected()))
            .map_err(on_write("photo"))?;
        Ok(())
    }
}
