//! The last day an activity's period can cover (`activities.end_day`, migration 0024), which the
//! coverage matrix bounds its period scan with: written by every insert and edit, and computed by
//! the migration for the rows kept before it, on SQLite and PostgreSQL.

use amity_core::activity::{ActivityInput, NewActivity};
use amity_core::store::{ActivityStore, FieldStore, Store, Tx as _};
use amity_store::testing::{each_backend, each_backend_before, migrate_rest};
use amity_store::{Db, Pool};
use chrono::NaiveDate;

use crate::support::{SACRAMENTO, at, home_unit, linked, put_all};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

fn activity(unit: i64, p: i64, start: &str, end: &str) -> NewActivity {
    let input = ActivityInput {
        kind: "meeting".into(),
        title: format!("Meeting {start}"),
        start_on: start.into(),
        end_on: end.into(),
        status: "done".into(),
        owner_unit_id: Some(unit),
        partnership_ids: vec![p],
        fields: vec!["culture".into()],
        ..Default::default()
    };
    NewActivity::validate(&input).unwrap_or_else(|e| panic!("fixture: {e:?}"))
}

/// Inserts an activity of partnership `p` (culture field) as the schema before 0024 kept it: no
/// `end_day`; its links' `done_day` the period's first day (what rows before 0020 kept, recomputed
/// by 0020 when it runs after). Returns its id.
pub(crate) async fn old_activity(db: &Db, unit: i64, p: i64, start: &str, end: &str, status: &str) -> i64 {
    let a = activity(unit, p, start, end);
    let end = (!end.is_empty()).then_some(end);
    const SQL: &str = "INSERT INTO activities (kind, title, start_on, end_on, start_day, status, owner_unit_id, search_key, created_at, updated_at) \
                       VALUES ('meeting', $1, $2, $3, $4, $5, $6, '', $7, $7) RETURNING id";
    let start_day = a.start_day.format("%Y-%m-%d").to_string();
    macro_rules! run {
        ($c:expr) => {
            sqlx::query_scalar(SQL)
                .bind(&a.title)
                .bind(start)
                .bind(end)
                .bind(&start_day)
                .bind(status)
                .bind(unit)
                .bind(at(3))
                .fetch_one($c)
                .await
        };
    }
    let id: i64 = match db.pool() {
        Pool::Sqlite(c) => run!(c),
        Pool::Postgres(c) => run!(c),
    }
    .expect("old activity row");
    let done = if status == "done" { format!("'{start_day}'") } else { "NULL".into() };
    exec(db, &format!("INSERT INTO activity_partnerships (activity_id, partnership_id, done_day) VALUES ({id}, {p}, {done})")).await;
    exec(db, &format!("INSERT INTO activity_fields (activity_id, field_id) SELECT {id}, id FROM fields WHERE code = 'culture'")).await;
    id
}

/// Runs one statement against either backend.
pub(crate) async fn exec(db: &Db, sql: &str) {
    match db.pool() {
        Pool::Sqlite(p) => sqlx::query(sql).execute(p).await.map(drop),
        Pool::Postgres(p) => sqlx::query(sql).execute(p).await.map(drop),
    }
    .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

/// Each activity's `end_day`, by id.
async fn end_days(db: &Db) -> Vec<String> {
    const SQL: &str = "SELECT end_day FROM activities ORDER BY id";
    match db.pool() {
        Pool::Sqlite(c) => sqlx::query_scalar(SQL).fetch_all(c).await,
        Pool::Postgres(c) => sqlx::query_scalar(SQL).fetch_all(c).await,
    }
    .expect("end days")
}

/// The number of the partnership's done culture activities in the matrix for `from..=to`.
async fn culture_in(db: &Db, from: &str, to: &str) -> i64 {
    let mut r = db.read().await.expect("read");
    let fields = r.list_fields().await.expect("fields");
    let culture = fields.iter().find(|f| f.code == "culture").expect("culture").id;
    let rows = r.coverage_counts(day(from), day(to), &[culture]).await.expect("counts");
    rows.first().map_or(0, |c| c.fields[0])
}

#[tokio::test]
async fn migration_0024_gives_kept_activities_the_last_day_of_their_period_and_the_matrix_counts_them() {
    for (backend, db) in each_backend_before(24).await {
        // Arrange: rows as kept before 0024 — a year, a month of February in a leap year, a day,
        // and a day with a month as its end.
        let unit = home_unit(&db).await;
        let p = put_all(&db, &[linked(unit, SACRAMENTO, "1985-04", &[])]).await[0];
        for (start, end) in [("2022", ""), ("2020-02", ""), ("2021-06-10", ""), ("2021-03-05", "2021-04")] {
            old_activity(&db, unit, p, start, end, "done").await;
        }
        // Act
        migrate_rest(&db).await.expect(backend);
        // Assert
        assert_eq!(end_days(&db).await, ["2022-12-31", "2020-02-29", "2021-06-10", "2021-04-30"], "{backend}");
        assert_eq!(culture_in(&db, "2022-06-01", "2022-06-30").await, 1, "{backend}: \"2022\" runs into June");
        assert_eq!(culture_in(&db, "2020-02-29", "2020-03-31").await, 1, "{backend}: February 2020 has 29 days");
        assert_eq!(culture_in(&db, "2021-04-15", "2021-06-10").await, 2, "{backend}: to April, and 10 June");
        assert_eq!(culture_in(&db, "2021-05-01", "2021-06-09").await, 0, "{backend}: neither");
    }
}

#[tokio::test]
async fn editing_an_activity_s_dates_moves_it_in_and_out_of_the_matrix_period() {
    for (backend, db) in each_backend().await {
        let unit = home_unit(&db).await;
        let p = put_all(&db, &[linked(unit, SACRAMENTO, "1985-04", &[])]).await[0];
        let mut tx = db.begin().await.expect("begin");
        let id = tx.insert_activity(&activity(unit, p, "2022-05", ""), at(3)).await.expect("insert");
        tx.commit().await.expect("commit");
        assert_eq!(culture_in(&db, "2022-06-01", "2022-12-31").await, 0, "{backend}: May is before June");
        assert_eq!(culture_in(&db, "2022-05-31", "2022-12-31").await, 1, "{backend}: but ends 31 May");

        // An end in September: it now runs into the period.
        let mut tx = db.begin().await.expect("begin");
        assert!(tx.update_activity(id, &activity(unit, p, "2022-05", "2022-09"), 1, at(4)).await.expect("update"), "{backend}");
        tx.commit().await.expect("commit");
        assert_eq!(culture_in(&db, "2022-09-30", "2022-12-31").await, 1, "{backend}: to the end of September");
        assert_eq!(culture_in(&db, "2022-10-01", "2022-12-31").await, 0, "{backend}: not October");
        assert_eq!(end_days(&db).await, ["2022-09-30"], "{backend}");
    }
}
