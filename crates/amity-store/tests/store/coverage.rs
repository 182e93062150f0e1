//! The coverage matrix's aggregates on both backends: done activities per partnership and field,
//! those with no field, each activity once per row; year- and month-only dates counted when their
//! span overlaps the period; the bottom line counting an activity of several partners once.

use amity_core::activity::{ActivityInput, NewActivity};
use amity_core::coverage::CoverageCounts;
use amity_core::store::{ActivityStore, FieldStore, Store, Tx as _};
use amity_store::Db;
use amity_store::testing::each_backend;
use chrono::NaiveDate;

use crate::support::{SACRAMENTO, WAKAYAMA, at, home_unit, linked, put_all};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

fn activity(unit: i64, partners: &[i64], start: &str, end: &str, status: &str, fields: &[&str]) -> NewActivity {
    let input = ActivityInput {
        kind: "meeting".into(),
        title: format!("Meeting {start}"),
        start_on: start.into(),
        end_on: end.into(),
        status: status.into(),
        owner_unit_id: Some(unit),
        partnership_ids: partners.to_vec(),
        fields: fields.iter().map(|f| f.to_string()).collect(),
        ..Default::default()
    };
    NewActivity::validate(&input).unwrap_or_else(|e| panic!("fixture: {e:?}"))
}

/// Sacramento and Wakayama under the home unit, and the ids of the culture, trade and health fields.
async fn setup(db: &Db) -> (i64, Vec<i64>, Vec<i64>) {
    let unit = home_unit(db).await;
    let p = put_all(db, &[linked(unit, SACRAMENTO, "1985-04", &[]), linked(unit, WAKAYAMA, "1983-01-14", &[])]).await;
    let fields = db.read().await.expect("read").list_fields().await.expect("fields");
    let id = |code: &str| fields.iter().find(|f| f.code == code).expect("field").id;
    (unit, p, vec![id("culture"), id("trade"), id("health")])
}

async fn put(db: &Db, a: &[NewActivity]) {
    let mut tx = db.begin().await.expect("begin");
    for x in a {
        tx.insert_activity(x, at(3)).await.expect("insert activity");
    }
    tx.commit().await.expect("commit");
}

/// The field counts of the one partnership with activities in `from..=to` (empty when none has any).
async fn cells(db: &Db, columns: &[i64], from: &str, to: &str) -> Vec<i64> {
    let rows = db.read().await.expect("read").coverage_counts(day(from), day(to), columns).await.expect("counts");
    rows.first().map(|r| r.fields.clone()).unwrap_or_default()
}

fn counts(partnership_id: i64, fields: [i64; 3], no_field: i64, activities: i64) -> CoverageCounts {
    CoverageCounts { partnership_id, fields: fields.to_vec(), no_field, activities }
}

#[tokio::test]
async fn rows_count_fields_no_field_and_each_activity_once() {
    for (backend, db) in each_backend().await {
        let (unit, p, columns) = setup(&db).await;
        put(
            &db,
            &[
                activity(unit, &[p[0], p[1]], "2023-03-01", "", "done", &["culture"]),
                activity(unit, &[p[0]], "2023-03-02", "", "done", &["culture", "trade"]),
                activity(unit, &[p[0]], "2023-03-04", "", "done", &[]),
                activity(unit, &[p[0]], "2023-03-03", "", "planned", &["culture"]),
                activity(unit, &[p[0]], "2021-03-03", "", "done", &["culture"]),
            ],
        )
        .await;
        let mut rows =
            db.read().await.expect(backend).coverage_counts(day("2023-01-01"), day("2023-12-31"), &columns).await.expect(backend);
        rows.sort();
        // Sacramento: three done activities in 2023 — two in culture (one also in trade), one with no field.
        let mut want = vec![counts(p[0], [2, 1, 0], 1, 3), counts(p[1], [1, 0, 0], 0, 1)];
        want.sort();
        assert_eq!(rows, want, "{backend}");

        // Together, the activity both partners share counts once.
        let mut tx = db.read().await.expect(backend);
        let all = tx.coverage_totals(day("2023-01-01"), day("2023-12-31"), &columns, None).await.expect(backend);
        assert_eq!(all, counts(0, [2, 1, 0], 1, 3), "{backend}");
        let one = tx.coverage_totals(day("2023-01-01"), day("2023-12-31"), &columns, Some(&[p[1]])).await.expect(backend);
        assert_eq!(one, counts(0, [1, 0, 0], 0, 1), "{backend}");
        let none = tx.coverage_totals(day("2023-01-01"), day("2023-12-31"), &columns, Some(&[])).await.expect(backend);
        assert_eq!(none, counts(0, [0, 0, 0], 0, 0), "{backend}");
    }
}

#[tokio::test]
async fn a_year_or_month_only_activity_counts_in_every_period_its_span_overlaps() {
    for (backend, db) in each_backend().await {
        let (unit, p, columns) = setup(&db).await;
        put(
            &db,
            &[
                activity(unit, &[p[0]], "2022", "", "done", &["culture"]),
                activity(unit, &[p[0]], "2022-05", "", "done", &["trade"]),
                activity(unit, &[p[0]], "2022-03-01", "2022-07", "done", &["health"]),
            ],
        )
        .await;
        // "2022" overlaps a period from June; "2022-05" does not; March to July 2022 does.
        assert_eq!(cells(&db, &columns, "2022-06-01", "2022-12-31").await, [1, 0, 1], "{backend}");
        assert_eq!(cells(&db, &columns, "2022-05-31", "2022-05-31").await, [1, 1, 1], "{backend}: the last day of May");
        assert_eq!(cells(&db, &columns, "2022-08-01", "2023-06-30").await, [1, 0, 0], "{backend}");
        assert!(cells(&db, &columns, "2023-01-01", "2023-12-31").await.is_empty(), "{backend}: nothing overlaps 2023");
        assert!(cells(&db, &columns, "2021-01-01", "2021-12-31").await.is_empty(), "{backend}: nor 2021");
    }
}
