//! Units: insert, get, list, optimistic update, archive, paging, deletion of unused units only.

use amity_core::store::{Store, Tx as _, UnitStore, UserStore};
use amity_core::unit::{self, UnitArchiveInput, UnitFilter, UnitKind};
use amity_core::{Actor, Error, Paging};
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

#[tokio::test]
async fn an_archived_unit_leaves_the_active_page_joins_the_archived_one_and_is_still_named() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        let top = tx.insert_unit(&unit("Jinan", "济南", "city", None), at(1)).await.expect(backend);
        let old = tx.insert_unit(&unit("Former Zone", "原开发区", "zone", Some(top)), at(1)).await.expect(backend);
        tx.insert_unit(&unit("Lixia District", "历下区", "district", Some(top)), at(1)).await.expect(backend);
        assert!(tx.set_unit_archived(old, Some(at(2)), 1, at(2)).await.expect(backend), "{backend}");
        assert!(!tx.set_unit_archived(old, None, 1, at(3)).await.expect(backend), "{backend}: a stale version changes nothing");
        tx.commit().await.expect(backend);
        let mut tx = db.read().await.expect(backend);
        let names = |units: Vec<amity_core::Unit>| units.into_iter().map(|u| u.name_en).collect::<Vec<_>>();
        let active = UnitFilter { archived: Some(false), ..Default::default() };
        let (items, total) = tx.list_units_page(&active).await.expect(backend);
        assert_eq!((names(items), total), (vec!["Jinan".to_string(), "Lixia District".into()], 2), "{backend}");
        let archived = UnitFilter { archived: Some(true), ..Default::default() };
        let (items, total) = tx.list_units_page(&archived).await.expect(backend);
        assert_eq!((items[0].archived_at, items[0].version, total), (Some(at(2)), 2, 1), "{backend}");
        assert_eq!(tx.list_units().await.expect(backend).len(), 3, "{backend}: every unit can still be named");
    }
}

#[tokio::test]
async fn the_units_list_pages_like_the_other_lists() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        let top = tx.insert_unit(&unit("Jinan", "济南", "city", None), at(1)).await.expect(backend);
        for i in 0..5 {
            tx.insert_unit(&unit(&format!("Bureau {i}"), "", "bureau", Some(top)), at(1)).await.expect(backend);
        }
        tx.commit().await.expect(backend);
        let second = UnitFilter { archived: None, paging: Paging::new(Some(2), Some(2)) };
        let (items, total) = db.read().await.expect(backend).list_units_page(&second).await.expect(backend);
        let names: Vec<_> = items.iter().map(|u| u.name_en.as_str()).collect();
        assert_eq!((names, total), (vec!["Bureau 1", "Bureau 2"], 6), "{backend}");
    }
}

#[tokio::test]
async fn a_unit_with_users_or_records_is_refused_deletion_and_an_unused_one_is_deleted() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        let top = tx.insert_unit(&unit("Jinan", "济南", "city", None), at(1)).await.expect(backend);
        let staffed = tx.insert_unit(&unit("Lixia District", "历下区", "district", Some(top)), at(1)).await.expect(backend);
        let unused = tx.insert_unit(&unit("Empty Bureau", "", "bureau", Some(top)), at(1)).await.expect(backend);
        let mut user = crate::support::new_user("lixia", amity_core::auth::Role::UnitEditor);
        user.unit_id = Some(staffed);
        tx.insert_user(&user, "$argon2id$fixture", at(1)).await.expect(backend);
        tx.commit().await.expect(backend);
        let err = unit::delete(&*db, &Actor::System, staffed).await.expect_err(backend);
        assert!(matches!(&err, Error::Conflict { field, code } if field == "unit" && code == "in_use"), "{backend}: {err:?}");
        let err = unit::delete(&*db, &Actor::System, top).await.expect_err(backend);
        assert!(matches!(err, Error::Conflict { .. }), "{backend}: the home city has sub-units");
        unit::delete(&*db, &Actor::System, unused).await.expect(backend);
        assert!(db.read().await.expect(backend).get_unit(unused).await.expect(backend).is_none(), "{backend}");
        // The unit in use can be archived instead, and restored.
        let staffed_unit = unit::get(&*db, &Actor::System, staffed).await.expect(backend);
        let input = UnitArchiveInput { archived: true, version: Some(staffed_unit.version) };
        let archived = unit::set_archived(&*db, &Actor::System, staffed, input).await.expect(backend);
        assert!(archived.is_archived(), "{backend}");
        let input = UnitArchiveInput { archived: false, version: Some(archived.version) };
        assert!(!unit::set_archived(&*db, &Actor::System, staffed, input).await.expect(backend).is_archived(), "{backend}");
        let top_unit = unit::get(&*db, &Actor::System, top).await.expect(backend);
        let input = UnitArchiveInput { archived: true, version: Some(top_unit.version) };
        let err = unit::set_archived(&*db, &Actor::System, top, input).await.expect_err(backend);
        assert!(matches!(&err, Error::Validation(f) if f[0].field == "archived"), "{backend}: {err:?}");
    }
}
