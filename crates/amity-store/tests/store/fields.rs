//! Cooperation fields: the seed, appending, duplicates.

use amity_core::Error;
use amity_core::store::{FieldStore, Store};
use amity_store::testing::each_backend;

#[tokio::test]
async fn the_twelve_fields_are_seeded_in_order_with_both_names() {
    for (backend, db) in each_backend().await {
        // Act
        let fields = db.read().await.expect(backend).list_fields().await.expect(backend);
        // Assert
        let codes: Vec<&str> = fields.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "economy",
                "trade",
                "science_technology",
                "culture",
                "education",
                "health",
                "youth",
                "tourism",
                "agriculture",
                "sport",
                "environment",
                "urban_governance"
            ],
            "{backend}"
        );
        assert_eq!((fields[2].name_en.as_str(), fields[2].name_zh.as_str()), ("Science and technology", "科技"), "{backend}");
        assert_eq!((fields[11].name_en.as_str(), fields[11].name_zh.as_str()), ("Urban governance", "城市治理"), "{backend}");
        assert!(fields.windows(2).all(|w| w[0].position < w[1].position), "{backend}");
    }
}

#[tokio::test]
async fn an_inserted_field_comes_after_the_seeded_ones() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        // Act
        let id = tx.insert_field("maritime", "Maritime affairs", "海洋事务").await.expect(backend);
        // Assert
        let fields = tx.list_fields().await.expect(backend);
        let last = fields.last().expect(backend);
        assert_eq!((last.id, last.code.as_str(), last.position), (id, "maritime", 13), "{backend}");
    }
}

#[tokio::test]
async fn inserting_a_field_with_a_used_code_is_a_duplicate_conflict() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        // Act
        let err = tx.insert_field("culture", "Culture again", "文化").await.expect_err(backend);
        // Assert
        assert!(matches!(&err, Error::Conflict { field, code } if field == "code" && code == "duplicate"), "{backend}: {err:?}");
    }
}
