//! Units: insert, get, list, optimistic update.

use amity_core::store::{Store, Tx as _, UnitStore};
use amity_core::unit::UnitKind;
use amity_store::testing::each_backend;

use crate::support::{at, unit};

#[tokio::test]
async fn inserted_unit_reads_back_with_version_one_and_its_timestamps() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        // Act
        let id = tx.insert_unit(&unit("Jinan", "济南", "city", None), at(1)).await.expect(backend);
        let got = tx.get_unit(id).await.expect(backend).expect(backend);
        // Assert
        assert_eq!((got.name_en.as_str(), got.name_zh.as_str(), got.kind), ("Jinan", "济南", UnitKind::City), "{backend}");
        assert_eq!((got.version, got.parent_id, got.created_at, got.updated_at), (1, None, at(1), at(1)), "{backend}");
    }
}

#[tokio::test]
async fn missing_unit_is_none() {
    for (backend, db) in each_backend().await {
        let mut tx = db.read().await.expect(backend);
        assert!(tx.get_unit(999).await.expect(backend).is_none(), "{backend}");
    }
}

#[tokio::test]
async fn units_list_the_home_city_first_then_by_name() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        let top = tx.insert_unit(&unit("Jinan", "济南", "city", None), at(1)).await.expect(backend);
        tx.insert_unit(&unit("Lixia District", "历下区", "district", Some(top)), at(1)).await.expect(backend);
        tx.insert_unit(&unit("Foreign Affairs Office", "外办", "office", Some(top)), at(1)).await.expect(backend);
        tx.commit().await.expect(backend);
        // Act
        let units = db.read().await.expect(backend).list_units().await.expect(backend);
        // Assert
        let names: Vec<&str> = units.iter().map(|u| u.name_en.as_str()).collect();
        assert_eq!(names, ["Jinan", "Foreign Affairs Office", "Lixia District"], "{backend}");
        assert_eq!(units[1].parent_id, Some(top), "{backend}");
    }
}

#[tokio::test]
async fn update_with_current_version_changes_the_unit_and_bumps_the_version() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_unit(&unit("Jinan", "", "city", None), at(1)).await.expect(backend);
        // Act
        let changed = tx.update_unit(id, &unit("Jinan City", "济南市", "city", None), 1, at(3)).await.expect(backend);
        // Assert
        let got = tx.get_unit(id).await.expect(backend).expect(backend);
        assert!(changed, "{backend}");
        assert_eq!((got.name_en.as_str(), got.name_zh.as_str(), got.version), ("Jinan City", "济南市", 2), "{backend}");
        assert_eq!((got.created_at, got.updated_at), (at(1), at(3)), "{backend}");
    }
}

#[tokio::test]
async fn update_with_stale_version_returns_false_and_changes_nothing() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_unit(&unit("Jinan", "济南", "city", None), at(1)).await.expect(backend);
        tx.update_unit(id, &unit("Jinan City", "济南", "city", None), 1, at(2)).await.expect(backend);
        // Act
        let changed = tx.update_unit(id, &unit("Stale Edit", "", "zone", None), 1, at(3)).await.expect(backend);
        // Assert
        let got = tx.get_unit(id).await.expect(backend).expect(backend);
        assert!(!changed, "{backend}");
        assert_eq!((got.name_en.as_str(), got.kind, got.version, got.updated_at), ("Jinan City", UnitKind::City, 2, at(2)), "{backend}");
    }
}

#[tokio::test]
async fn unit_under_a_missing_parent_is_refused_as_invalid() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        let err = tx.insert_unit(&unit("Orphan", "", "district", Some(4242)), at(1)).await.expect_err(backend);
        assert!(matches!(err, amity_core::Error::Validation(ref f) if f[0].field == "parent_id"), "{backend}: {err:?}");
    }
}
