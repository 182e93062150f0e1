//! The protocol calendar's reads (partner countries, partnerships with a round anniversary, commitments
//! due, activity spans), the office's calendar data (diplomatic relations, dates of movable national
//! days), private feed tokens and digest subscriptions (the job-run leases: `jobs.rs`).

use amity_core::Result;
use amity_core::calendar::{
    ActivitySpan, DigestSubscription, DiplomaticRelation, DueCommitment, NationalDayDate, NewDiplomaticRelation, PartnershipAnchor,
};
use amity_core::partnership::PartnershipStatus;
use amity_core::store::CalendarStore;
use async_trait::async_trait;
use chrono::{DateTime, Datelike, NaiveDate, Utc};

use crate::codec::{day_text, parse_day, parse_partial};
use crate::dispatch::on_conn;
use crate::error::{corrupt, internal, on_write};
use crate::tx::Tx;

#[derive(sqlx::FromRow)]
struct AnchorRow {
    id: i64,
    home_unit_id: i64,
    status: String,
    established: Option<String>,
    country: String,
    name_en: String,
    name_zh: Option<String>,
}

#[derive(sqlx::FromRow)]
struct DueRow {
    id: i64,
    activity_id: i64,
    what: String,
    due_on: String,
    owner_unit_id: i64,
    partnership_id: Option<i64>,
    country: Option<String>,
}

#[derive(sqlx::FromRow)]
struct SpanRow {
    partnership_id: i64,
    country: String,
    start_on: String,
    end_on: Option<String>,
}

#[derive(sqlx::FromRow)]
struct RelationRow {
    country: String,
    established: String,
    basis: Option<String>,
    source_url: Option<String>,
    updated_at: DateTime<Utc>,
}

impl TryFrom<RelationRow> for DiplomaticRelation {
    type Error = amity_core::Error;

    fn try_from(r: RelationRow) -> Result<Self> {
        let established = parse_partial(&r.established)?;
        Ok(DiplomaticRelation { country: r.country, established, basis: r.basis, source_url: r.source_url, updated_at: r.updated_at })
    }
}

const RELATION_COLUMNS: &str = "country, established, basis, source_url, updated_at";

#[async_trait]
impl CalendarStore for Tx {
    async fn partner_countries(&mut self) -> Result<Vec<String>> {
        let sql = format!(
            "SELECT DISTINCT c.country FROM partnerships p JOIN foreign_cities c ON c.id = p.city_id \
             WHERE p.status <> '{ended}' ORDER BY c.country",
            ended = PartnershipStatus::Ended.as_str()
        );
        on_conn!(self, c => sqlx::query_scalar::<_, String>(&sql).fetch_all(&mut *c).await).map_err(internal)
    }

    async fn anniversary_partnerships(&mut self, from_year: i32, to_year: i32) -> Result<Vec<PartnershipAnchor>> {
        // Only partnerships with a round anniversary in one of the years: established a multiple of
        // ROUND_YEARS years before one of them (the years' residues), and before the last of them.
        let round = amity_core::calendar::ROUND_YEARS;
        let residues: Vec<String> = (from_year..=to_year.min(from_year + round - 1)).map(|y| y.rem_euclid(round).to_string()).collect();
        let sql = format!(
            "SELECT p.id, p.home_unit_id, p.status, p.established, c.country, c.name_en, c.name_zh \
             FROM partnerships p JOIN foreign_cities c ON c.id = p.city_id \
             WHERE p.status IN ('{active}', '{suspended}') AND p.established IS NOT NULL \
             AND CAST(substr(p.established, 1, 4) AS INTEGER) < $1 \
             AND CAST(substr(p.established, 1, 4) AS INTEGER) % {round} IN ({residues}) ORDER BY p.id",
            active = PartnershipStatus::Active.as_str(),
            suspended = PartnershipStatus::Suspended.as_str(),
            residues = residues.join(", ")
        );
        let rows = on_conn!(self, c => sqlx::query_as::<_, AnchorRow>(&sql).bind(i64::from(to_year)).fetch_all(&mut *c).await)
            .map_err(internal)?;
        rows.into_iter()
            .map(|r| {
                let status = PartnershipStatus::parse(&r.status).ok_or_else(|| corrupt("partnership status", &r.status))?;
                let established = r.established.as_deref().map(parse_partial).transpose()?;
                let city_zh = r.name_zh.filter(|n| !n.is_empty());
                Ok(PartnershipAnchor {
                    id: r.id,
                    home_unit_id: r.home_unit_id,
                    country: r.country,
                    city_en: r.name_en,
                    city_zh,
                    established,
                    status,
                })
            })
            .collect()
    }

    async fn commitments_due_between(&mut self, from: NaiveDate, to: NaiveDate) -> Result<Vec<DueCommitment>> {
        // The activity's first partnership (lowest id) and its country, by one index lookup per commitment.
        const SQL: &str = "SELECT m.id, m.activity_id, m.what, m.due_on, a.owner_unit_id, p.id AS partnership_id, c.country \
                           FROM commitments m JOIN activities a ON a.id = m.activity_id \
                           LEFT JOIN partnerships p ON p.id = \
                             (SELECT MIN(ap.partnership_id) FROM activity_partnerships ap WHERE ap.activity_id = m.activity_id) \
                           LEFT JOIN foreign_cities c ON c.id = p.city_id \
                           WHERE m.status = 'open' AND m.due_on >= $1 AND m.due_on <= $2 ORDER BY m.due_on, m.id";
        let (from, to) = (day_text(from), day_text(to));
        let rows =
            on_conn!(self, c => sqlx::query_as::<_, DueRow>(SQL).bind(&from).bind(&to).fetch_all(&mut *c).await).map_err(internal)?;
        rows.into_iter()
            .map(|r| {
                Ok(DueCommitment {
                    id: r.id,
                    activity_id: r.activity_id,
                    what: r.what,
                    due_on: parse_day(&r.due_on)?,
                    unit_id: r.owner_unit_id,
                    partnership_id: r.partnership_id,
                    country: r.country,
                })
            })
            .collect()
    }

    async fn activity_spans(&mut self, from: NaiveDate, to: NaiveDate) -> Result<Vec<ActivitySpan>> {
        // An activity starting up to a year before `from` may still run into the range; its end decides.
        const SQL: &str = "SELECT ap.partnership_id, c.country, a.start_on, a.end_on FROM activities a \
                           JOIN activity_partnerships ap ON ap.activity_id = a.id JOIN partnerships p ON p.id = ap.partnership_id \
                           JOIN foreign_cities c ON c.id = p.city_id WHERE a.start_day >= $1 AND a.start_day <= $2";
        let earliest = day_text(from - chrono::Duration::days(366));
        let rows = on_conn!(self, c => sqlx::query_as::<_, SpanRow>(SQL).bind(&earliest).bind(day_text(to)).fetch_all(&mut *c).await)
            .map_err(internal)?;
        let mut out = Vec::with_capacity(rows.len());
        for r in rows {
            let start = parse_partial(&r.start_on)?;
            let end = r.end_on.as_deref().map(parse_partial).transpose()?;
            let span = ActivitySpan {
                partnership_id: r.partnership_id,
                country: r.country,
                first_day: start.first_day(),
                last_day: end.as_ref().unwrap_or(&start).last_day(),
            };
            if span.last_day >= from && span.first_day <= to {
                out.push(span);
            }
        }
        Ok(out)
    }

    async fn list_diplomatic_relations(&mut self) -> Result<Vec<DiplomaticRelation>> {
        let sql = format!("SELECT {RELATION_COLUMNS} FROM diplomatic_relations ORDER BY country");
        let rows = on_conn!(self, c => sqlx::query_as::<_, RelationRow>(&sql).fetch_all(&mut *c).await).map_err(internal)?;
        rows.into_iter().map(DiplomaticRelation::try_from).collect()
    }

    async fn get_diplomatic_relation(&mut self, country: &str) -> Result<Option<DiplomaticRelation>> {
        let sql = format!("SELECT {RELATION_COLUMNS} FROM diplomatic_relations WHERE country = $1");
        let row =
            on_conn!(self, c => sqlx::query_as::<_, RelationRow>(&sql).bind(country).fetch_optional(&mut *c).await).map_err(internal)?;
        row.map(DiplomaticRelation::try_from).transpose()
    }

    async fn upsert_diplomatic_relation(&mut self, r: &NewDiplomaticRelation, now: DateTime<Utc>) -> Result<()> {
        const SQL: &str = "INSERT INTO diplomatic_relations (country, established, basis, source_url, created_at, updated_at) \
                           VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (country) DO UPDATE SET established = excluded.established, \
                           basis = excluded.basis, source_url = excluded.source_url, updated_at = excluded.updated_at";
        let done = on_conn!(self, c => sqlx::query(SQL)
            .bind(&r.country)
            .bind(r.established.to_string())
            .bind(&r.basis)
            .bind(&r.source_url)
            .bind(now)
            .execute(&mut *c)
            .await
            .map(|_| ()));
        done.map_err(on_write("country"))
    }

    async fn delete_diplomatic_relation(&mut self, country: &str) -> Result<bool> {
        let done = on_conn!(self, c => sqlx::query("DELETE FROM diplomatic_relations WHERE country = $1")
            .bind(country)
            .execute(&mut *c)
            .await
            .map(|r| r.rows_affected()));
        Ok(done.map_err(internal)? > 0)
    }

    async fn list_national_day_dates(&mut self, from_year: i32, to_year: i32) -> Result<Vec<NationalDayDate>> {
        const SQL: &str = "SELECT country, day FROM national_day_dates WHERE year >= $1 AND year <= $2 ORDER BY day, country";
        let rows = on_conn!(self, c => sqlx::query_as::<_, (String, String)>(SQL)
            .bind(i64::from(from_year))
            .bind(i64::from(to_year))
            .fetch_all(&mut *c)
            .await)
        .map_err(internal)?;
        rows.into_iter().map(|(country, day)| Ok(NationalDayDate { day: parse_day(&day)?, country })).collect()
    }

    async fn set_national_day_date(&mut self, d: &NationalDayDate, now: DateTime<Utc>) -> Result<()> {
        const SQL: &str = "INSERT INTO national_day_dates (country, year, day, updated_at) VALUES ($1, $2, $3, $4) \
                           ON CONFLICT (country, year) DO UPDATE SET day = excluded.day, updated_at = excluded.updated_at";
        let done = on_conn!(self, c => sqlx::query(SQL)
            .bind(&d.country)
            .bind(i64::from(d.day.year()))
            .bind(day_text(d.day))
            .bind(now)
            .execute(&mut *c)
            .await
            .map(|_| ()));
        done.map_err(on_write("day"))
    }

    async fn insert_feed_token(&mut self, user_id: i64, token_hash: &str, now: DateTime<Utc>) -> Result<()> {
        const SQL: &str = "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3)";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(user_id).bind(token_hash).bind(now).execute(&mut *c).await.map(|_| ()));
        done.map_err(on_write("user_id"))
    }

    async fn feed_token_user(&mut self, token_hash: &str) -> Result<Option<i64>> {
        const SQL: &str = "SELECT user_id FROM calendar_feeds WHERE token_hash = $1 AND revoked_at IS NULL";
        on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL).bind(token_hash).fetch_optional(&mut *c).await).map_err(internal)
    }

    async fn revoke_feed_tokens(&mut self, user_id: i64, now: DateTime<Utc>) -> Result<u64> {
        const SQL: &str = "UPDATE calendar_feeds SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(now).bind(user_id).execute(&mut *c).await.map(|r| r.rows_affected()));
        done.map_err(internal)
    }

    async fn has_feed_token(&mut self, user_id: i64) -> Result<bool> {
        const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM calendar_feeds WHERE user_id = $1 AND revoked_at IS NULL";
        let n = on_conn!(self, c => sqlx::query_scalar::<_, i64>(SQL).bind(user_id).fetch_one(&mut *c).await).map_err(internal)?;
        Ok(n > 0)
    }

    async fn set_digest_subscription(&mut self, s: &DigestSubscription, now: DateTime<Utc>) -> Result<()> {
        const SQL: &str = "INSERT INTO digest_subscriptions (user_id, email, locale, updated_at) VALUES ($1, $2, $3, $4) \
                           ON CONFLICT (user_id) DO UPDATE SET email = excluded.email, locale = excluded.locale, updated_at = excluded.updated_at";
        let done = on_conn!(self, c => sqlx::query(SQL)
            .bind(s.user_id)
            .bind(&s.email)
            .bind(&s.locale)
            .bind(now)
            .execute(&mut *c)
            .await
            .map(|_| ()));
        done.map_err(on_write("user_id"))
    }

    async fn delete_digest_subscription(&mut self, user_id: i64) -> Result<bool> {
        const SQL: &str = "DELETE FROM digest_subscriptions WHERE user_id = $1";
        let done = on_conn!(self, c => sqlx::query(SQL).bind(user_id).execute(&mut *c).await.map(|r| r.rows_affected()));
        Ok(done.map_err(internal)? > 0)
    }

    async fn get_digest_subscription(&mut self, user_id: i64) -> Result<Option<DigestSubscription>> {
        const SQL: &str = "SELECT user_id, email, locale FROM digest_subscriptions WHERE user_id = $1";
        let row = on_conn!(self, c => sqlx::query_as::<_, (i64, String, String)>(SQL).bind(user_id).fetch_optional(&mut *c).await)
            .map_err(internal)?;
        Ok(row.map(|(user_id, email, locale)| DigestSubscription { user_id, email, locale }))
    }

    async fn list_digest_subscriptions(&mut self) -> Result<Vec<DigestSubscription>> {
        const SQL: &str = "SELECT d.user_id, d.email, d.locale FROM digest_subscriptions d JOIN users u ON u.id = d.user_id \
                           WHERE u.disabled = FALSE ORDER BY d.user_id";
        let rows = on_conn!(self, c => sqlx::query_as::<_, (i64, String, String)>(SQL).fetch_all(&mut *c).await).map_err(internal)?;
        Ok(rows.into_iter().map(|(user_id, email, locale)| DigestSubscription { user_id, email, locale }).collect())
    }
}
