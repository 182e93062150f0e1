//! Migrations that rewrite stored rows, tested on rows written in the schema before them.

use amity_core::store::{GiftStore, Store};
use amity_store::Db;
use amity_store::Pool;
use amity_store::testing::{each_backend_before, migrate_rest};
use chrono::{TimeZone, Utc};

/// Inserts a gift as the schema before 0016 kept it: `value` as decimal text.
async fn old_gift(db: &Db, value: Option<&str>, currency: Option<&str>, notes: Option<&str>) -> i64 {
    const SQL: &str = "INSERT INTO gifts (direction, given_on, description, value, currency, notes, disclosure, created_at, updated_at) \
                       VALUES ('received', '1993', 'a gift', $1, $2, $3, 'not_required', $4, $4) RETURNING id";
    let now = Utc.with_ymd_and_hms(2024, 1, 2, 3, 4, 5).single().expect("a time");
    let id = match db.pool() {
        Pool::Sqlite(p) => sqlx::query_scalar(SQL).bind(value).bind(currency).bind(notes).bind(now).fetch_one(p).await,
        Pool::Postgres(p) => sqlx::query_scalar(SQL).bind(value).bind(currency).bind(notes).bind(now).fetch_one(p).await,
    };
    id.expect("old gift row")
}

/// A gift row as 0010 stored it (`value`, `currency`, `notes`) and what 0016 should make of it
/// (`value_minor`, `notes`).
type Case<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>, Option<i64>, Option<String>);

async fn old_values_left(db: &Db) -> i64 {
    const SQL: &str = "SELECT CAST(COUNT(*) AS BIGINT) FROM gifts WHERE value IS NOT NULL";
    match db.pool() {
        Pool::Sqlite(p) => sqlx::query_scalar(SQL).fetch_one(p).await.expect("count"),
        Pool::Postgres(p) => sqlx::query_scalar(SQL).fetch_one(p).await.expect("count"),
    }
}

#[tokio::test]
async fn migration_0016_turns_gift_values_into_minor_units_by_the_currency_exponent_losing_nothing() {
    for (backend, db) in each_backend_before(16).await {
        let moved = "Estimated value as recorded before amounts were kept in minor units";
        let rows: [Case; 11] = [
            (Some("1200.5"), Some("CNY"), None, Some(120_050), None),
            (Some("1200"), Some("CNY"), None, Some(120_000), None),
            (Some("1.2"), Some("CNY"), Some("the old reading of 1,200"), Some(120), Some("the old reading of 1,200".into())),
            (Some("1234567.89"), Some("USD"), None, Some(123_456_789), None),
            (Some("999999999999"), Some("CNY"), None, Some(99_999_999_999_900), None),
            (Some("30000"), Some("JPY"), None, Some(30_000), None),
            (Some("2.125"), Some("KWD"), None, Some(2125), None),
            (Some("0.0001"), Some("USD"), Some("kept in the archive"), None, Some(format!("kept in the archive\n\n{moved}: 0.0001 USD"))),
            (Some("12.5"), Some("JPY"), None, None, Some(format!("{moved}: 12.5 JPY"))),
            (None, Some("EUR"), None, None, None),
            (None, None, Some("not valued"), None, Some("not valued".into())),
        ];
        let mut ids = Vec::new();
        for (value, currency, notes, _, _) in &rows {
            ids.push(old_gift(&db, *value, *currency, *notes).await);
        }

        let first = ids[0];
        migrate_rest(&db).await.expect(backend);

        let mut tx = db.begin().await.expect(backend);
        for (id, (value, currency, _, minor, notes)) in ids.into_iter().zip(rows) {
            let g = tx.get_gift(id).await.expect(backend).expect(backend);
            assert_eq!((g.value_minor, g.notes, g.currency.as_deref()), (minor, notes, currency), "{backend}: {value:?} {currency:?}");
        }
        let g = tx.get_gift(first).await.expect(backend).expect(backend);
        assert_eq!(g.value.as_deref(), Some("1200.50"), "{backend}: the API's decimal text, in the currency's precision");
        drop(tx);
        assert_eq!(old_values_left(&db).await, 0, "{backend}: the retired text column is cleared");
    }
}

/// Runs one statement against either backend (old-schema rows are written by hand).
async fn exec(db: &Db, sql: &str) {
    match db.pool() {
        Pool::Sqlite(p) => sqlx::query(sql).execute(p).await.map(drop),
        Pool::Postgres(p) => sqlx::query(sql).execute(p).await.map(drop),
    }
    .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

#[tokio::test]
async fn migration_0015_gathers_every_status_history_into_status_changes_keeping_each_detail() {
    use crate::support::{SACRAMENTO, WAKAYAMA, home_unit, linked, put_all};
    use amity_core::store::StatusHistoryStore;
    for (backend, db) in each_backend_before(15).await {
        let home = home_unit(&db).await;
        let p = put_all(&db, &[linked(home, WAKAYAMA, "1983", &[]), linked(home, SACRAMENTO, "1985", &[])]).await;
        exec(
            &db,
            &format!(
                "INSERT INTO partnership_status_history (partnership_id, from_status, to_status, on_date, reason, condition, ended_by, \
                 successor_id, actor, created_at) VALUES ({a}, NULL, 'active', '1983-01-14', 'agreement signed', NULL, NULL, NULL, 'system', \
                 '2024-01-02 03:04:05+00:00'), ({a}, 'active', 'ended', '2021-07', 'merger', NULL, 'partner_side', {b}, 'root', \
                 '2024-01-03 03:04:05+00:00')",
                a = p[0],
                b = p[1]
            ),
        )
        .await;
        migrate_rest(&db).await.expect(backend);

        let mut tx = db.begin().await.expect(backend);
        let h = tx.list_status_changes("partnership", p[0]).await.expect(backend);
        let got: Vec<_> = h
            .iter()
            .map(|c| (c.from_status.clone(), c.to_status.clone(), c.date.to_string(), c.reason.clone(), c.successor_id, c.actor.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (None, "active".to_string(), "1983-01-14".to_string(), Some("agreement signed".to_string()), None, "system".to_string()),
                (Some("active".into()), "ended".into(), "2021-07".into(), Some("merger".into()), Some(p[1]), "root".into()),
            ],
            "{backend}"
        );
        assert_eq!(h[1].ended_by.map(|e| e.as_str()), Some("partner_side"), "{backend}");
        assert!(tx.list_status_changes("partnership", p[1]).await.expect(backend).is_empty(), "{backend}");
    }
}
