//! Each partnership's latest done activity, kept by the activity writes (migration 0011): health
//! and the needs-attention list must show the right last activity and state after every kind of
//! change — insert, a date moved back, done → planned and back, a partnership unlinked, delete,
//! a rolled-back write, the bulk path — on SQLite and PostgreSQL.

use amity_core::activity::{ActivityInput, NewActivity};
use amity_core::health::{self, HealthState};
use amity_core::store::{ActivityStore, Store, Tx as _};
use amity_core::{Actor, activity::ActivityFilter};
use amity_store::testing::each_backend;
use amity_store::{BulkActivity, Db};
use chrono::NaiveDate;

use crate::support::{at, home_unit, linked, put_all};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

/// Today in these tests: quiet before 2022-04-19, dormant before 2021-04-19 (12 and 24 months).
fn today() -> NaiveDate {
    day("2023-04-19")
}

fn activity(unit: i64, partners: &[i64], start: &str, status: &str) -> NewActivity {
    let input = ActivityInput {
        kind: "meeting".into(),
        title: format!("Meeting {start}"),
        start_on: start.into(),
        status: status.into(),
        owner_unit_id: Some(unit),
        partnership_ids: partners.to_vec(),
        fields: vec!["culture".into()],
        ..Default::default()
    };
    NewActivity::validate(&input).unwrap_or_else(|e| panic!("fixture: {e:?}"))
}

/// Two partnerships established long ago (so without activities they are dormant).
async fn partners(db: &Db) -> (i64, Vec<i64>) {
    let unit = home_unit(db).await;
    let ids = put_all(db, &[linked(unit, 5389489, "1985-04", &[]), linked(unit, 1926004, "1983-01-14", &[])]).await;
    (unit, ids)
}

async fn insert(db: &Db, a: &NewActivity) -> i64 {
    let mut tx = db.begin().await.expect("begin");
    let id = tx.insert_activity(a, at(3)).await.expect("insert activity");
    tx.commit().await.expect("commit");
    id
}

/// Updates activity `id` to `a`, at its current version.
async fn update(db: &Db, id: i64, a: &NewActivity) {
    let mut tx = db.begin().await.expect("begin");
    let version = tx.get_activity(id).await.expect("get").expect("stored").version;
    assert!(tx.update_activity(id, a, version, at(4)).await.expect("update"), "version {version} is current");
    tx.commit().await.expect("commit");
}

async fn delete(db: &Db, id: i64) {
    let mut tx = db.begin().await.expect("begin");
    assert!(tx.delete_activity(id).await.expect("delete"));
    tx.commit().await.expect("commit");
}

/// What the office sees of partnership `p`: the latest done activity's date as recorded and the
/// state — from the list (`health::all`, as the needs-attention list reads it) and from the
/// partner page (`health::of`), which must agree.
async fn seen(db: &Db, p: i64) -> (Option<String>, HealthState) {
    let all = health::all(db, &Actor::System, today()).await.expect("health::all");
    let (partnership, h) = all.into_iter().find(|(x, _)| x.id == p).expect("listed");
    let one = health::of(db, &Actor::System, &partnership, today()).await.expect("health::of");
    assert_eq!((one.last_activity, one.state), (h.last_activity, h.state), "the partner page agrees with the list");
    (h.last_activity_on.map(|d| d.to_string()), h.state)
}

/// The needs-attention list's dormant and quiet partnerships (`health::attention`).
async fn attention(db: &Db) -> (Vec<i64>, Vec<i64>) {
    let a = health::attention(db, &Actor::System, today()).await.expect("health::attention");
    (a.dormant.iter().map(|h| h.partnership_id).collect(), a.quiet.iter().map(|h| h.partnership_id).collect())
}

fn last(on: &str, state: HealthState) -> (Option<String>, HealthState) {
    (Some(on.to_string()), state)
}

const NONE: (Option<String>, HealthState) = (None, HealthState::Dormant);

#[tokio::test]
async fn the_last_activity_follows_inserts_updates_and_deletes() {
    for (backend, db) in each_backend().await {
        // Arrange: A names both partnerships, B only the first (recorded as a month), C is planned.
        let (unit, p) = partners(&db).await;
        let a = insert(&db, &activity(unit, &[p[0], p[1]], "2023-03-01", "done")).await;
        let b = insert(&db, &activity(unit, &[p[0]], "2022-01", "done")).await;
        let c = insert(&db, &activity(unit, &[p[1]], "2023-04-01", "planned")).await;
        assert_eq!(seen(&db, p[0]).await, last("2023-03-01", HealthState::Active), "{backend}: inserted");
        assert_eq!(seen(&db, p[1]).await, last("2023-03-01", HealthState::Active), "{backend}: a planned one does not count");

        // Act / Assert: A's date moved back — the first partnership falls back to B.
        update(&db, a, &activity(unit, &[p[0], p[1]], "2021-06-10", "done")).await;
        assert_eq!(seen(&db, p[0]).await, last("2022-01", HealthState::Quiet), "{backend}: date moved back");
        assert_eq!(seen(&db, p[1]).await, last("2021-06-10", HealthState::Quiet), "{backend}: date moved back");
        assert_eq!(attention(&db).await, (vec![], vec![p[1], p[0]]), "{backend}: both quiet, longest silence first");

        // B done → planned.
        update(&db, b, &activity(unit, &[p[0]], "2022-01", "planned")).await;
        assert_eq!(seen(&db, p[0]).await, last("2021-06-10", HealthState::Quiet), "{backend}: done → planned");

        // The first partnership unlinked from A: it has no done activity left.
        update(&db, a, &activity(unit, &[p[1]], "2021-06-10", "done")).await;
        assert_eq!(seen(&db, p[0]).await, NONE, "{backend}: unlinked, dormant since it was established");
        assert_eq!(attention(&db).await, (vec![p[0]], vec![p[1]]), "{backend}: unlinked");
        assert_eq!(seen(&db, p[1]).await, last("2021-06-10", HealthState::Quiet), "{backend}: still linked");

        // C planned → done.
        update(&db, c, &activity(unit, &[p[1]], "2023-04-01", "done")).await;
        assert_eq!(seen(&db, p[1]).await, last("2023-04-01", HealthState::Active), "{backend}: planned → done");
        assert_eq!(attention(&db).await, (vec![p[0]], vec![]), "{backend}: planned → done");

        // Deleting the latest one falls back to the one before; deleting that leaves none.
        delete(&db, c).await;
        assert_eq!(seen(&db, p[1]).await, last("2021-06-10", HealthState::Quiet), "{backend}: deleted");
        delete(&db, a).await;
        assert_eq!(seen(&db, p[1]).await, NONE, "{backend}: deleted the last one");
    }
}

#[tokio::test]
async fn a_write_rolled_back_leaves_the_last_activity_as_it_was() {
    for (backend, db) in each_backend().await {
        // Arrange
        let (unit, p) = partners(&db).await;
        let a = insert(&db, &activity(unit, &[p[0]], "2022-01-05", "done")).await;
        // Act: a newer activity and A's deletion, in a transaction dropped without commit.
        let mut tx = db.begin().await.expect(backend);
        tx.insert_activity(&activity(unit, &[p[0], p[1]], "2023-04-01", "done"), at(3)).await.expect(backend);
        tx.delete_activity(a).await.expect(backend);
        drop(tx);
        // Assert
        assert_eq!(seen(&db, p[0]).await, last("2022-01-05", HealthState::Quiet), "{backend}");
        assert_eq!(seen(&db, p[1]).await, NONE, "{backend}");
    }
}

#[tokio::test]
async fn a_done_activity_dated_after_today_counts_only_from_its_day() {
    for (backend, db) in each_backend().await {
        // Arrange: the log says a visit is done that starts after "today" (a date typed wrongly,
        // or today as the measurement fixes it).
        let (unit, p) = partners(&db).await;
        insert(&db, &activity(unit, &[p[0]], "2022-02-01", "done")).await;
        insert(&db, &activity(unit, &[p[0]], "2024-01", "done")).await;
        // Act
        let now = seen(&db, p[0]).await;
        let later = health::all(&*db, &Actor::System, day("2024-02-01")).await.expect(backend);
        // Assert
        assert_eq!(now, last("2022-02-01", HealthState::Quiet), "{backend}: as of today");
        let h = &later.iter().find(|(x, _)| x.id == p[0]).expect("listed").1;
        assert_eq!((h.last_activity_on.map(|d| d.to_string()), h.state), last("2024-01", HealthState::Active), "{backend}: later");
    }
}

#[tokio::test]
async fn the_bulk_path_writes_what_single_inserts_write() {
    for (backend, db) in each_backend().await {
        // Arrange
        let (unit, p) = partners(&db).await;
        insert(&db, &activity(unit, &[p[1]], "2020-05-05", "done")).await;
        let items: Vec<BulkActivity> = [
            activity(unit, &[p[0], p[1]], "2021-06-10", "done"),
            activity(unit, &[p[0]], "2022-01", "done"),
            activity(unit, &[p[1]], "2023-04-01", "planned"),
        ]
        .into_iter()
        .map(|activity| BulkActivity { activity, commitments: Vec::new() })
        .collect();
        // Act
        let mut tx = db.begin().await.expect(backend);
        let ids = tx.insert_activities(&items, at(3)).await.expect(backend);
        tx.commit().await.expect(backend);
        let after = insert(&db, &activity(unit, &[p[1]], "2019-01-01", "done")).await;
        // Assert: ids in order and after the one before, the links stored, the last activity kept.
        assert!(ids.windows(2).all(|w| w[0] < w[1]) && ids[0] > 1 && after > ids[2], "{backend}: {ids:?}, then {after}");
        let stored = db.read().await.expect(backend).get_activity(ids[0]).await.expect(backend).expect("stored");
        assert_eq!((stored.partnership_ids, stored.fields), (vec![p[0], p[1]], vec!["culture".to_string()]), "{backend}");
        let (_, total) = db
            .read()
            .await
            .expect(backend)
            .list_activities(&ActivityFilter { partnership: Some(p[1]), ..Default::default() })
            .await
            .expect(backend);
        assert_eq!(total, 4, "{backend}");
        assert_eq!(seen(&db, p[0]).await, last("2022-01", HealthState::Quiet), "{backend}");
        assert_eq!(seen(&db, p[1]).await, last("2021-06-10", HealthState::Quiet), "{backend}");
    }
}
