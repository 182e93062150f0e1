//! Foreign cities: one row per GeoNames id or per hand-entered country and name.

use amity_core::store::{CityStore, Store, Tx as _};
use amity_store::testing::each_backend;

use crate::support::{WAKAYAMA, city_names, count, hand_entered, linked, valid};

#[tokio::test]
async fn upserting_the_same_geonames_city_with_a_corrected_chinese_name_updates_the_one_row() {
    for (backend, db) in each_backend().await {
        // Arrange
        let plain = valid(&linked(1, WAKAYAMA, "2011", &[]));
        let mut corrected_input = linked(1, WAKAYAMA, "2011", &[]);
        corrected_input.city_name_zh = "和歌山市".into();
        let corrected = valid(&corrected_input);
        let mut tx = db.begin().await.expect(backend);
        let first = tx.upsert_city(&plain.city).await.expect(backend);
        // Act
        let second = tx.upsert_city(&corrected.city).await.expect(backend);
        tx.commit().await.expect(backend);
        // Assert
        assert_eq!(first, second, "{backend}");
        assert_eq!(count(&db, "foreign_cities").await, 1, "{backend}");
        let (zh, verified, search_key) = city_names(&db, first).await;
        assert_eq!((zh.as_deref(), verified), (Some("和歌山市"), true), "{backend}");
        assert!(search_key.contains("|和歌山市|"), "{backend}: {search_key}");
    }
}

#[tokio::test]
async fn a_later_input_without_a_correction_keeps_the_office_corrected_chinese_name() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut corrected_input = linked(1, WAKAYAMA, "2011", &[]);
        corrected_input.city_name_zh = "和歌山市".into();
        let mut tx = db.begin().await.expect(backend);
        let id = tx.upsert_city(&valid(&corrected_input).city).await.expect(backend);
        // Act
        let again = tx.upsert_city(&valid(&linked(1, WAKAYAMA, "", &[])).city).await.expect(backend);
        tx.commit().await.expect(backend);
        // Assert
        assert_eq!(id, again, "{backend}");
        let (zh, verified, search_key) = city_names(&db, id).await;
        assert_eq!((zh.as_deref(), verified), (Some("和歌山市"), true), "{backend}");
        assert!(search_key.contains("|和歌山市|"), "{backend}: {search_key}");
    }
}

#[tokio::test]
async fn a_hand_entered_city_is_matched_by_country_and_name_and_not_duplicated() {
    for (backend, db) in each_backend().await {
        // Arrange
        let first = valid(&hand_entered(1, "Port Louis", "MU", ""));
        let mut respelled = valid(&hand_entered(1, "PORT LOUIS", "MU", ""));
        respelled.city.lat = -20.16;
        let elsewhere = valid(&hand_entered(1, "Port Louis", "FR", ""));
        let mut tx = db.begin().await.expect(backend);
        let id = tx.upsert_city(&first.city).await.expect(backend);
        // Act
        let same = tx.upsert_city(&respelled.city).await.expect(backend);
        let other = tx.upsert_city(&elsewhere.city).await.expect(backend);
        tx.commit().await.expect(backend);
        // Assert
        assert_eq!(id, same, "{backend}");
        assert_ne!(id, other, "{backend}");
        assert_eq!(count(&db, "foreign_cities").await, 2, "{backend}");
    }
}
