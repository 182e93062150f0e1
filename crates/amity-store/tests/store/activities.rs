//! The cooperation log in the store: activities with links and commitments, filters, versions,
//! and the aggregates behind health and the coverage matrix — each on SQLite and PostgreSQL.

use amity_core::Paging;
use amity_core::activity::{ActivityFilter, ActivityInput, CommitmentInput, CommitmentStatus, NewActivity, NewCommitment};
use amity_core::store::{ActivityStore, Store, Tx as _};
use amity_store::Db;
use amity_store::testing::each_backend;
use chrono::NaiveDate;

use crate::support::{at, count, home_unit, linked, put_all};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

fn activity(unit: i64, partners: &[i64], start: &str, status: &str, fields: &[&str]) -> NewActivity {
    let input = ActivityInput {
        kind: "meeting".into(),
        title: format!("Meeting {start}"),
        start_on: start.into(),
        status: status.into(),
        owner_unit_id: Some(unit),
        partnership_ids: partners.to_vec(),
        fields: fields.iter().map(|f| f.to_string()).collect(),
        ..Default::default()
    };
    NewActivity::validate(&input).unwrap_or_else(|e| panic!("fixture: {e:?}"))
}

/// Two partnerships (Sacramento, Wakayama) under the home unit; returns (unit, [ids]).
async fn partners(db: &Db) -> (i64, Vec<i64>) {
    let unit = home_unit(db).await;
    let ids = put_all(db, &[linked(unit, 5389489, "1985-04", &[]), linked(unit, 1926004, "1983-01-14", &[])]).await;
    (unit, ids)
}

async fn put(db: &Db, a: &NewActivity) -> i64 {
    let mut tx = db.begin().await.expect("begin");
    let id = tx.insert_activity(a, at(3)).await.expect("insert activity");
    tx.commit().await.expect("commit");
    id
}

#[tokio::test]
async fn an_activity_is_stored_with_its_links_and_listed_by_filters() {
    for (backend, db) in each_backend().await {
        // Arrange
        let (unit, p) = partners(&db).await;
        let a = put(&db, &activity(unit, &[p[0], p[1]], "2023-05-10", "done", &["education", "culture"])).await;
        put(&db, &activity(unit, &[p[1]], "2022-01", "planned", &["trade"])).await;
        // Act
        let got = db.read().await.expect(backend).get_activity(a).await.expect(backend).expect("stored");
        let list = |f: ActivityFilter| {
            let db = db.clone();
            async move { db.read().await.expect("read").list_activities(&f).await.expect("list").1 }
        };
        // Assert
        assert_eq!(got.partnership_ids, vec![p[0], p[1]], "{backend}");
        assert_eq!(got.fields, vec!["culture".to_string(), "education".into()], "{backend}: fields in display order");
        assert_eq!(got.start_on.to_string(), "2023-05-10");
        assert_eq!(list(ActivityFilter::default()).await, 2, "{backend}");
        assert_eq!(list(ActivityFilter { partnership: Some(p[0]), ..Default::default() }).await, 1, "{backend}");
        // The partner page's count (its links counted) is of all its activities, not of the page shown.
        let one = Paging::new(Some(1), Some(1));
        assert_eq!(list(ActivityFilter { partnership: Some(p[1]), paging: one, ..Default::default() }).await, 2, "{backend}");
        let planned = Some(amity_core::activity::ActivityStatus::Planned);
        assert_eq!(
            list(ActivityFilter { partnership: Some(p[1]), status: planned, ..Default::default() }).await,
            1,
            "{backend}: and a filter more"
        );
        assert_eq!(list(ActivityFilter { field: Some("trade".into()), ..Default::default() }).await, 1, "{backend}");
        assert_eq!(
            list(ActivityFilter { from: Some(day("2023-01-01")), to: Some(day("2023-12-31")), ..Default::default() }).await,
            1,
            "{backend}"
        );
        assert_eq!(list(ActivityFilter { q: Some("2022".into()), ..Default::default() }).await, 1, "{backend}: title search");
        let (page, total) = db
            .read()
            .await
            .expect(backend)
            .list_activities(&ActivityFilter { paging: Paging::new(Some(1), Some(1)), ..Default::default() })
            .await
            .expect(backend);
        assert_eq!((page.len(), total, page[0].id), (1, 2, a), "{backend}: newest first, paged");
    }
}

#[tokio::test]
async fn updates_check_the_version_and_deleting_takes_the_commitments() {
    for (backend, db) in each_backend().await {
        // Arrange
        let (unit, p) = partners(&db).await;
        let id = put(&db, &activity(unit, &[p[0]], "2023-05-10", "done", &["culture"])).await;
        let c = NewCommitment::validate(
            "",
            &CommitmentInput { what: "Send photos".into(), due_on: "2023-06-01".into(), ..Default::default() },
            None,
        )
        .expect("valid");
        let mut tx = db.begin().await.expect(backend);
        let cid = tx.insert_commitment(id, &c, at(3)).await.expect(backend);
        // Act
        let changed = tx.update_activity(id, &activity(unit, &[p[1]], "2023-05-11", "done", &[]), 1, at(4)).await.expect(backend);
        let stale = tx.update_activity(id, &activity(unit, &[p[0]], "2023-05-12", "done", &[]), 1, at(5)).await.expect(backend);
        let status = tx.set_commitment_status(cid, CommitmentStatus::Done, 1, at(5)).await.expect(backend);
        let stale_status = tx.set_commitment_status(cid, CommitmentStatus::Dropped, 1, at(5)).await.expect(backend);
        tx.commit().await.expect(backend);
        // Assert
        assert!(changed && !stale && status && !stale_status, "{backend}");
        let got = db.read().await.expect(backend).get_activity(id).await.expect(backend).expect("stored");
        assert_eq!(
            (got.partnership_ids, got.fields.len(), got.commitments[0].status),
            (vec![p[1]], 0, CommitmentStatus::Done),
            "{backend}"
        );
        let mut tx = db.begin().await.expect(backend);
        assert!(tx.delete_activity(id).await.expect(backend), "{backend}");
        tx.commit().await.expect(backend);
        assert_eq!((count(&db, "commitments").await, count(&db, "activity_partnerships").await), (0, 0), "{backend}");
    }
}

#[tokio::test]
async fn figures_count_only_done_activities_in_their_windows() {
    for (backend, db) in each_backend().await {
        // Arrange
        let (unit, p) = partners(&db).await;
        put(&db, &activity(unit, &[p[0]], "2023-03-01", "done", &["culture", "trade"])).await;
        put(&db, &activity(unit, &[p[0]], "2021-12-01", "done", &["health"])).await;
        put(&db, &activity(unit, &[p[0]], "2023-04-01", "planned", &["sport"])).await;
        put(&db, &activity(unit, &[p[0]], "2024-01-01", "done", &["youth"])).await;
        let id = put(&db, &activity(unit, &[p[1]], "2020-01-01", "done", &[])).await;
        let c =
            NewCommitment::validate("", &CommitmentInput { what: "Reply".into(), due_on: "2020-02-01".into(), ..Default::default() }, None)
                .expect("valid");
        let mut tx = db.begin().await.expect(backend);
        tx.insert_commitment(id, &c, at(3)).await.expect(backend);
        tx.commit().await.expect(backend);
        // Act
        let today = day("2023-04-19");
        let f = db.read().await.expect(backend).activity_figures(today, day("2022-04-19"), day("2021-04-19"), None).await.expect(backend);
        let only =
            db.read().await.expect(backend).activity_figures(today, day("2022-04-19"), day("2021-04-19"), Some(p[1])).await.expect(backend);
        assert_eq!(only.iter().map(|x| x.partnership_id).collect::<Vec<_>>(), vec![p[1]], "{backend}: narrowed to one partnership");
        let overdue = db.read().await.expect(backend).overdue_commitments(today).await.expect(backend);
        // Assert
        let sac = f.iter().find(|x| x.partnership_id == p[0]).expect("figures");
        assert_eq!(
            (sac.last_done, sac.done_12, sac.done_24, sac.fields_24),
            (Some(day("2023-03-01")), 1, 2, 3),
            "{backend}: future and planned do not count"
        );
        let wak = f.iter().find(|x| x.partnership_id == p[1]).expect("figures");
        assert_eq!((wak.done_24, wak.overdue_commitments), (0, 1), "{backend}");
        assert_eq!((overdue.len(), overdue[0].partnership_ids.clone()), (1, vec![p[1]]), "{backend}");
    }
}
