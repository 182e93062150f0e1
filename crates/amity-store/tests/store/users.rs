//! Users: insert, get, credentials by username in any case, duplicates, optimistic update, passwords.

use amity_core::Error;
use amity_core::auth::Role;
use amity_core::store::{Store, UserStore};
use amity_store::testing::each_backend;

use crate::support::{at, home_unit, new_user, put_user};

#[tokio::test]
async fn inserted_user_reads_back_with_version_one_and_its_timestamps() {
    for (backend, db) in each_backend().await {
        // Arrange
        let unit = home_unit(&db).await;
        let mut tx = db.begin().await.expect(backend);
        let new = amity_core::auth::NewUser { unit_id: Some(unit), disabled: true, ..new_user("li.wei", Role::UnitEditor) };
        // Act
        let id = tx.insert_user(&new, "$argon2id$hash", at(2)).await.expect(backend);
        let got = tx.get_user(id).await.expect(backend).expect(backend);
        // Assert
        assert_eq!(
            (got.username.as_str(), got.display_name.as_str(), got.role),
            ("li.wei", "li.wei (display)", Role::UnitEditor),
            "{backend}"
        );
        assert_eq!((got.unit_id, got.disabled, got.version), (Some(unit), true, 1), "{backend}");
        assert_eq!((got.created_at, got.updated_at, got.password_changed_at), (at(2), at(2), at(2)), "{backend}");
    }
}

#[tokio::test]
async fn missing_user_is_none() {
    for (backend, db) in each_backend().await {
        let mut tx = db.read().await.expect(backend);
        assert!(tx.get_user(999).await.expect(backend).is_none(), "{backend}");
    }
}

#[tokio::test]
async fn credentials_are_found_whatever_the_case_of_the_username() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_user(&new_user("Li.Wei", Role::Admin), "$argon2id$hash", at(1)).await.expect(backend);
        // Act
        let upper = tx.get_credentials("LI.WEI").await.expect(backend).expect(backend);
        let lower = tx.get_credentials("li.wei").await.expect(backend).expect(backend);
        let unknown = tx.get_credentials("li.we").await.expect(backend);
        // Assert
        assert_eq!(
            (upper.user.id, upper.user.username.as_str(), upper.password_hash.as_str()),
            (id, "li.wei", "$argon2id$hash"),
            "{backend}"
        );
        assert_eq!(lower.user.id, id, "{backend}");
        assert!(unknown.is_none(), "{backend}");
    }
}

#[tokio::test]
async fn a_username_taken_in_another_case_is_a_conflict() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        tx.insert_user(&new_user("wang.fang", Role::Viewer), "h1", at(1)).await.expect(backend);
        // Act
        let err = tx.insert_user(&new_user("Wang.Fang", Role::Admin), "h2", at(2)).await.expect_err(backend);
        // Assert
        assert!(matches!(err, Error::Conflict { ref field, .. } if field == "username"), "{backend}: {err:?}");
    }
}

#[tokio::test]
async fn a_user_in_a_missing_unit_is_refused_as_invalid() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        let new = amity_core::auth::NewUser { unit_id: Some(4242), ..new_user("orphan", Role::UnitEditor) };
        let err = tx.insert_user(&new, "h", at(1)).await.expect_err(backend);
        assert!(matches!(err, Error::Validation(ref f) if f[0].field == "unit_id"), "{backend}: {err:?}");
    }
}

#[tokio::test]
async fn users_list_by_username_and_are_counted() {
    for (backend, db) in each_backend().await {
        // Arrange
        for name in ["zhao", "admin", "Liu"] {
            put_user(&db, name).await;
        }
        // Act
        let mut tx = db.read().await.expect(backend);
        let users = tx.list_users().await.expect(backend);
        let n = tx.count_users().await.expect(backend);
        // Assert
        let names: Vec<&str> = users.iter().map(|u| u.username.as_str()).collect();
        assert_eq!(names, ["admin", "liu", "zhao"], "{backend}");
        assert_eq!(n, 3, "{backend}");
    }
}

#[tokio::test]
async fn update_with_current_version_changes_the_user_but_not_the_password() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_user(&new_user("chen", Role::Viewer), "$argon2id$kept", at(1)).await.expect(backend);
        let change = amity_core::auth::NewUser { display_name: "Chen Jing".into(), disabled: true, ..new_user("chen", Role::Coordinator) };
        // Act
        let changed = tx.update_user(id, &change, 1, at(3)).await.expect(backend);
        // Assert
        let got = tx.get_credentials("chen").await.expect(backend).expect(backend);
        assert!(changed, "{backend}");
        assert_eq!((got.user.display_name.as_str(), got.user.role, got.user.disabled), ("Chen Jing", Role::Coordinator, true), "{backend}");
        assert_eq!((got.user.version, got.user.updated_at, got.user.password_changed_at), (2, at(3), at(1)), "{backend}");
        assert_eq!(got.password_hash, "$argon2id$kept", "{backend}");
    }
}

#[tokio::test]
async fn update_with_stale_version_returns_false_and_changes_nothing() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_user(&new_user("chen", Role::Viewer), "h", at(1)).await.expect(backend);
        tx.update_user(id, &new_user("chen", Role::Coordinator), 1, at(2)).await.expect(backend);
        // Act
        let changed = tx.update_user(id, &new_user("chen", Role::Admin), 1, at(3)).await.expect(backend);
        // Assert
        let got = tx.get_user(id).await.expect(backend).expect(backend);
        assert!(!changed, "{backend}");
        assert_eq!((got.role, got.version, got.updated_at), (Role::Coordinator, 2, at(2)), "{backend}");
    }
}

#[tokio::test]
async fn setting_a_password_replaces_the_hash_and_bumps_the_version() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_user(&new_user("chen", Role::Viewer), "$argon2id$old", at(1)).await.expect(backend);
        // Act
        tx.set_password(id, "$argon2id$new", at(4)).await.expect(backend);
        // Assert
        let got = tx.get_credentials("chen").await.expect(backend).expect(backend);
        assert_eq!(got.password_hash, "$argon2id$new", "{backend}");
        assert_eq!((got.user.version, got.user.password_changed_at, got.user.created_at), (2, at(4), at(1)), "{backend}");
        assert!(
            !tx.update_user(id, &new_user("chen", Role::Admin), 1, at(5)).await.expect(backend),
            "{backend}: a form opened before is stale"
        );
    }
}
