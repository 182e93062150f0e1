//! Health measures recency from the LAST day an activity's period can cover ("2022" counts as
//! 2022-12-31, an activity with an end as its end's last day), never later than today, on SQLite and
//! PostgreSQL; migration 0020 recomputes the days that rows written before it kept (their first day).

use amity_core::activity::{ActivityInput, NewActivity};
use amity_core::health::{self, Health, HealthState};
use amity_core::store::{ActivityStore, Store, Tx as _};
use amity_core::{Actor, PartialDate};
use amity_store::testing::{each_backend, each_backend_before, migrate_rest};
use amity_store::{Db, Pool};
use chrono::NaiveDate;

use crate::end_day::{exec, old_activity};
use crate::support::{SACRAMENTO, WAKAYAMA, at, home_unit, linked, put_all};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

/// Today in these tests, with the default thresholds: quiet from 2022-04-19, dormant from 2021-04-19.
fn today() -> NaiveDate {
    day("2023-04-19")
}

fn activity(unit: i64, partners: &[i64], start: &str, end: &str, status: &str) -> NewActivity {
    let input = ActivityInput {
        kind: "meeting".into(),
        title: format!("Meeting {start}"),
        start_on: start.into(),
        end_on: end.into(),
        status: status.into(),
        owner_unit_id: Some(unit),
        partnership_ids: partners.to_vec(),
        fields: vec!["culture".into()],
        ..Default::default()
    };
    NewActivity::validate(&input).unwrap_or_else(|e| panic!("fixture: {e:?}"))
}

async fn insert(db: &Db, a: &NewActivity) {
    let mut tx = db.begin().await.expect("begin");
    tx.insert_activity(a, at(3)).await.expect("insert activity");
    tx.commit().await.expect("commit");
}

/// Partnerships established long ago (dormant without activities).
async fn partners(db: &Db, n: usize) -> (i64, Vec<i64>) {
    let unit = home_unit(db).await;
    let cities = [SACRAMENTO, WAKAYAMA, 1_835_848, 2_867_714];
    let inputs: Vec<_> = cities[..n].iter().map(|c| linked(unit, *c, "1983-01-14", &[])).collect();
    (unit, put_all(db, &inputs).await)
}

/// Partnership `p`'s health on `today`, from the list and the partner page (which must agree).
async fn health_of(db: &Db, p: i64, today: NaiveDate) -> Health {
    let all = health::all(db, &Actor::System, today).await.expect("health::all");
    let (partnership, h) = all.into_iter().find(|(x, _)| x.id == p).expect("listed");
    let one = health::of(db, &Actor::System, &partnership, today).await.expect("health::of");
    assert_eq!(
        (one.last_activity, one.state, one.activities_12_months, one.fields_24_months),
        (h.last_activity, h.state, h.activities_12_months, h.fields_24_months),
        "the partner page agrees with the list"
    );
    h
}

fn seen(h: &Health) -> (Option<String>, Option<String>, HealthState) {
    (h.last_activity.map(|d| d.to_string()), h.last_activity_on.map(|d: PartialDate| d.to_string()), h.state)
}

fn expect(last: &str, on: &str, state: HealthState) -> (Option<String>, Option<String>, HealthState) {
    (Some(last.into()), Some(on.into()), state)
}

#[tokio::test]
async fn a_year_or_month_only_activity_counts_from_its_last_day_and_one_with_an_end_from_the_end() {
    for (backend, db) in each_backend().await {
        // Arrange: a "2022" activity (its first day is before the quiet mark, its last day after);
        // an "2021-04" one (first day before the dormant mark, last day after); one from 2020 to June 2022.
        let (unit, p) = partners(&db, 3).await;
        insert(&db, &activity(unit, &[p[0]], "2022", "", "done")).await;
        insert(&db, &activity(unit, &[p[1]], "2021-04", "", "done")).await;
        insert(&db, &activity(unit, &[p[2]], "2020-01-10", "2022-06", "done")).await;
        // Act
        let (a, b, c) = (health_of(&db, p[0], today()).await, health_of(&db, p[1], today()).await, health_of(&db, p[2], today()).await);
        // Assert
        assert_eq!(seen(&a), expect("2022-12-31", "2022", HealthState::Active), "{backend}: 2022 counts as 31 December");
        assert_eq!((a.activities_12_months, a.fields_24_months), (1, 1), "{backend}: within the last 12 months");
        assert_eq!(seen(&b), expect("2021-04-30", "2021-04", HealthState::Quiet), "{backend}: quiet, not dormant");
        assert_eq!((b.activities_12_months, b.activities_24_months), (0, 1), "{backend}");
        assert_eq!(seen(&c), expect("2022-06-30", "2020-01-10", HealthState::Active), "{backend}: from the end's last day");
        let attention = health::attention(&*db, &Actor::System, today()).await.expect(backend);
        let quiet: Vec<i64> = attention.quiet.iter().map(|h| h.partnership_id).collect();
        assert_eq!((attention.dormant.len(), quiet), (0, vec![p[1]]), "{backend}: the needs-attention list agrees");
    }
}

#[tokio::test]
async fn an_activity_running_past_today_counts_as_today_and_one_not_begun_does_not_count() {
    for (backend, db) in each_backend().await {
        // Arrange: a "2023" activity done this year (its last day is after today), and for the
        // second partnership only one that starts next month.
        let (unit, p) = partners(&db, 2).await;
        insert(&db, &activity(unit, &[p[0]], "2021-01-05", "", "done")).await;
        insert(&db, &activity(unit, &[p[0]], "2023", "", "done")).await;
        insert(&db, &activity(unit, &[p[1]], "2023-05", "", "done")).await;
        // Act
        let (a, b) = (health_of(&db, p[0], today()).await, health_of(&db, p[1], today()).await);
        // Assert
        assert_eq!(seen(&a), expect("2023-04-19", "2023", HealthState::Active), "{backend}: counted as today, not 31 December");
        assert_eq!((a.activities_12_months, a.activities_24_months, a.fields_24_months), (1, 1, 1), "{backend}: and counted");
        assert_eq!((b.last_activity, b.state, b.activities_24_months), (None, HealthState::Dormant, 0), "{backend}: not begun");
        // Next year the same activity counts from its own last day.
        let later = health_of(&db, p[0], day("2024-06-30")).await;
        assert_eq!(seen(&later), expect("2023-12-31", "2023", HealthState::Active), "{backend}: a year on");
    }
}

/// The done day on each link of partnership `p`, by the activity's start as recorded.
async fn done_days(db: &Db, p: i64) -> Vec<(String, Option<String>)> {
    let sql = format!(
        "SELECT a.start_on, ap.done_day FROM activity_partnerships ap JOIN activities a ON a.id = ap.activity_id \
         WHERE ap.partnership_id = {p} ORDER BY a.id"
    );
    match db.pool() {
        Pool::Sqlite(c) => sqlx::query_as(&sql).fetch_all(c).await,
        Pool::Postgres(c) => sqlx::query_as(&sql).fetch_all(c).await,
    }
    .expect("done days")
}

#[tokio::test]
async fn migration_0020_moves_the_kept_done_days_of_old_rows_to_their_last_day() {
    for (backend, db) in each_backend_before(20).await {
        // Arrange: rows as the schema before 0020 kept them — each done link's day the activity's
        // first day, and the kept latest days the greatest of those (as migration 0011 wrote them).
        let (unit, p) = partners(&db, 2).await;
        for (start, end, status) in
            [("2021-03-05", "2021-04", "done"), ("2022", "", "planned"), ("2020-02", "", "done"), ("2021-06-10", "", "done")]
        {
            old_activity(&db, unit, p[0], start, end, status).await;
        }
        old_activity(&db, unit, p[1], "2022", "", "done").await;
        exec(&db, "DELETE FROM partnership_last_done").await;
        exec(&db, "INSERT INTO partnership_last_done (partnership_id, last_day, last_on) SELECT ap.partnership_id, MAX(a.start_day), MAX(a.start_on) FROM activity_partnerships ap JOIN activities a ON a.id = ap.activity_id WHERE a.status = 'done' GROUP BY ap.partnership_id").await;
        exec(&db, "DELETE FROM partnership_field_last_done").await;
        exec(&db, "INSERT INTO partnership_field_last_done (partnership_id, field_id, last_day) SELECT ap.partnership_id, af.field_id, MAX(a.start_day) FROM activity_partnerships ap JOIN activities a ON a.id = ap.activity_id JOIN activity_fields af ON af.activity_id = a.id WHERE a.status = 'done' GROUP BY ap.partnership_id, af.field_id").await;
        let old = health_of(&db, p[1], today()).await;
        assert_eq!(seen(&old), expect("2022-01-01", "2022", HealthState::Quiet), "{backend}: the old rows, measured from 1 January");

        // Act
        migrate_rest(&db).await.expect(backend);

        // Assert: every done link's day is its period's last day (February 2020 had 29 days); a
        // planned one has none; health and the fields of the last 24 months follow.
        let want = |s: &str, d: Option<&str>| (s.to_string(), d.map(str::to_string));
        assert_eq!(
            done_days(&db, p[0]).await,
            [
                want("2021-03-05", Some("2021-04-30")),
                want("2022", None),
                want("2020-02", Some("2020-02-29")),
                want("2021-06-10", Some("2021-06-10"))
            ],
            "{backend}"
        );
        assert_eq!(done_days(&db, p[1]).await, [want("2022", Some("2022-12-31"))], "{backend}");
        let new = health_of(&db, p[1], today()).await;
        assert_eq!(seen(&new), expect("2022-12-31", "2022", HealthState::Active), "{backend}: migrated");
        assert_eq!((new.activities_12_months, new.fields_24_months), (1, 1), "{backend}: migrated");
        let first = health_of(&db, p[0], today()).await;
        assert_eq!((first.last_activity, first.state), (Some(day("2021-06-10")), HealthState::Quiet), "{backend}: the greatest kept day");
    }
}
