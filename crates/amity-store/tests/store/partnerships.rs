//! Partnerships: insert and read back, update, delete, reference checks, figures.

use amity_core::partnership::{PartnershipKind, PartnershipStatus};
use amity_core::store::{PartnershipStore, Store, Tx as _};
use amity_core::{Error, PartialDate};
use amity_store::testing::each_backend;

use crate::support::{JINAN, SACRAMENTO, WAKAYAMA, at, count, hand_entered, home_unit, linked, put, put_all, valid};

#[tokio::test]
async fn inserted_partnership_reads_back_with_its_city_date_and_fields_in_field_order() {
    for (backend, db) in each_backend().await {
        // Arrange
        let home = home_unit(&db).await;
        let mut tx = db.begin().await.expect(backend);
        // Act
        let id = put(&mut tx, &linked(home, SACRAMENTO, "1985-04", &["culture", "economy"])).await;
        let p = tx.get_partnership(id).await.expect(backend).expect(backend);
        // Assert
        assert_eq!((p.home_unit_id, p.kind, p.status), (home, PartnershipKind::SisterCity, PartnershipStatus::Active), "{backend}");
        assert_eq!(p.established, Some(PartialDate::Month(1985, 4)), "{backend}");
        assert_eq!(p.established_basis.as_deref(), Some("agreement signed"), "{backend}");
        assert_eq!(p.fields, ["economy", "culture"], "{backend}");
        assert_eq!((p.city.geonameid, p.city.country.as_str()), (Some(SACRAMENTO), "US"), "{backend}");
        assert!((p.city.lat - 38.58).abs() < 0.1 && (p.city.lon + 121.49).abs() < 0.1, "{backend}: {:?}", p.city);
        assert_eq!((p.version, p.created_at, p.updated_at), (1, at(2), at(2)), "{backend}");
    }
}

#[tokio::test]
async fn a_partnership_without_a_date_or_fields_reads_back_empty() {
    for (backend, db) in each_backend().await {
        let home = home_unit(&db).await;
        let mut tx = db.begin().await.expect(backend);
        let id = put(&mut tx, &hand_entered(home, "Rosario", "AR", "")).await;
        let p = tx.get_partnership(id).await.expect(backend).expect(backend);
        assert_eq!((p.established, p.fields.len(), p.city.geonameid), (None, 0, None), "{backend}");
        assert_eq!((p.city.name_en.as_str(), p.city.lat, p.city.lon), ("Rosario", 10.5, 20.25), "{backend}");
    }
}

#[tokio::test]
async fn update_replaces_the_fields_and_bumps_the_version() {
    for (backend, db) in each_backend().await {
        // Arrange
        let home = home_unit(&db).await;
        let mut tx = db.begin().await.expect(backend);
        let id = put(&mut tx, &linked(home, WAKAYAMA, "1984", &["culture", "youth"])).await;
        let mut input = linked(home, WAKAYAMA, "1984-11-05", &["trade", "tourism"]);
        input.status = "suspended".into();
        let new = valid(&input);
        let city_id = tx.get_partnership(id).await.expect(backend).expect(backend).city.id;
        // Act
        let changed = tx.update_partnership(id, &new, city_id, 1, at(9)).await.expect(backend);
        // Assert
        let p = tx.get_partnership(id).await.expect(backend).expect(backend);
        assert!(changed, "{backend}");
        assert_eq!(p.fields, ["trade", "tourism"], "{backend}");
        assert_eq!((p.status, p.version, p.updated_at), (PartnershipStatus::Suspended, 2, at(9)), "{backend}");
        assert_eq!(p.established.map(|d| d.to_string()).as_deref(), Some("1984-11-05"), "{backend}");
    }
}

#[tokio::test]
async fn update_with_a_stale_version_returns_false_and_keeps_fields() {
    for (backend, db) in each_backend().await {
        // Arrange
        let home = home_unit(&db).await;
        let mut tx = db.begin().await.expect(backend);
        let id = put(&mut tx, &linked(home, WAKAYAMA, "1984", &["culture"])).await;
        let new = valid(&linked(home, WAKAYAMA, "1999", &["sport"]));
        let city_id = tx.get_partnership(id).await.expect(backend).expect(backend).city.id;
        // Act
        let changed = tx.update_partnership(id, &new, city_id, 7, at(9)).await.expect(backend);
        // Assert
        let p = tx.get_partnership(id).await.expect(backend).expect(backend);
        assert!(!changed, "{backend}");
        assert_eq!(
            (p.fields.as_slice(), p.version, p.established),
            (["culture".to_string()].as_slice(), 1, Some(PartialDate::Year(1984))),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn delete_removes_the_partnership_and_its_field_links() {
    for (backend, db) in each_backend().await {
        // Arrange
        let home = home_unit(&db).await;
        let ids = put_all(&db, &[linked(home, JINAN, "2003", &["economy", "trade", "health"])]).await;
        let mut tx = db.begin().await.expect(backend);
        // Act
        let deleted = tx.delete_partnership(ids[0]).await.expect(backend);
        let again = tx.delete_partnership(ids[0]).await.expect(backend);
        tx.commit().await.expect(backend);
        // Assert
        assert!(deleted && !again, "{backend}");
        assert_eq!(count(&db, "partnerships").await, 0, "{backend}");
        assert_eq!(count(&db, "partnership_fields").await, 0, "{backend}");
    }
}

#[tokio::test]
async fn a_partnership_with_an_unknown_field_code_is_refused() {
    for (backend, db) in each_backend().await {
        let home = home_unit(&db).await;
        let mut tx = db.begin().await.expect(backend);
        let new = valid(&linked(home, JINAN, "", &["culture", "astrology"]));
        let city_id = tx_city(&mut tx, &new).await;
        let err = tx.insert_partnership(&new, city_id, at(1)).await.expect_err(backend);
        assert!(matches!(&err, Error::Validation(f) if f[0].code == "unknown_field"), "{backend}: {err:?}");
    }
}

#[tokio::test]
async fn a_partnership_of_a_missing_unit_is_refused_as_invalid() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        let new = valid(&linked(4242, JINAN, "", &[]));
        let city_id = tx_city(&mut tx, &new).await;
        let err = tx.insert_partnership(&new, city_id, at(1)).await.expect_err(backend);
        assert!(matches!(&err, Error::Validation(f) if f[0].field == "home_unit_id"), "{backend}: {err:?}");
    }
}

#[tokio::test]
async fn stats_count_partnerships_by_kind_and_distinct_countries() {
    for (backend, db) in each_backend().await {
        // Arrange
        let empty = db.read().await.expect(backend).partnership_stats().await.expect(backend);
        let home = home_unit(&db).await;
        put_all(
            &db,
            &[linked(home, SACRAMENTO, "1985", &[]), linked(home, WAKAYAMA, "1984", &[]), hand_entered(home, "Osaka Bay", "JP", "")],
        )
        .await;
        // Act
        let s = db.read().await.expect(backend).partnership_stats().await.expect(backend);
        // Assert
        assert_eq!((empty.partnerships, empty.sister_cities, empty.countries), (0, 0, 0), "{backend}");
        assert_eq!((s.partnerships, s.sister_cities, s.friendly_cooperation, s.countries), (3, 2, 1, 2), "{backend}");
    }
}

async fn tx_city(tx: &mut amity_store::Tx, new: &amity_core::partnership::NewPartnership) -> i64 {
    use amity_core::store::CityStore;
    tx.upsert_city(&new.city).await.expect("upsert city")
}

#[tokio::test]
async fn partnerships_are_fetched_by_ids_in_one_call_skipping_unknown_ones() {
    for (backend, db) in each_backend().await {
        // Arrange
        let unit = home_unit(&db).await;
        let ids = put_all(&db, &[linked(unit, SACRAMENTO, "1985-04", &["culture"]), linked(unit, WAKAYAMA, "1983-01-14", &[])]).await;
        // Act
        let got = db.read().await.expect(backend).get_partnerships(&[ids[1], 999_999, ids[0]]).await.expect(backend);
        let none = db.read().await.expect(backend).get_partnerships(&[]).await.expect(backend);
        // Assert
        assert_eq!(got.iter().map(|p| p.id).collect::<Vec<_>>(), vec![ids[0], ids[1]], "{backend}");
        assert_eq!(got[0].fields, vec!["culture".to_string()], "{backend}: with their fields");
        assert!(none.is_empty(), "{backend}");
    }
}
