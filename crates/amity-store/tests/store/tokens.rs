//! API tokens: insert, find by hash while live, revoke (own tokens only), list newest first, touch.

use amity_core::auth::NewApiToken;
use amity_core::store::{Store, TokenStore};
use amity_store::testing::each_backend;

use crate::support::{at, put_user};

/// A token of `user_id` whose hash is `hash-<name>`.
fn token(user_id: i64, name: &str) -> NewApiToken {
    NewApiToken { user_id, name: name.into(), prefix: format!("amity_{name}"), token_hash: format!("hash-{name}") }
}

#[tokio::test]
async fn a_token_is_found_by_its_hash_until_it_is_revoked() {
    for (backend, db) in each_backend().await {
        // Arrange
        let user = put_user(&db, "chen").await;
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_token(&token(user, "sync"), at(1)).await.expect(backend);
        // Act
        let found = tx.find_token("hash-sync").await.expect(backend).expect(backend);
        let revoked = tx.revoke_token(user, id, at(2)).await.expect(backend);
        // Assert
        assert_eq!((found.id, found.user_id, found.name.as_str(), found.prefix.as_str()), (id, user, "sync", "amity_sync"), "{backend}");
        assert_eq!((found.created_at, found.last_used_at, found.revoked_at), (at(1), None, None), "{backend}");
        assert!(revoked, "{backend}");
        assert!(tx.find_token("hash-sync").await.expect(backend).is_none(), "{backend}");
        assert!(tx.find_token("hash-unknown").await.expect(backend).is_none(), "{backend}");
    }
}

#[tokio::test]
async fn revoking_another_users_token_or_a_revoked_one_changes_nothing() {
    for (backend, db) in each_backend().await {
        // Arrange
        let chen = put_user(&db, "chen").await;
        let liu = put_user(&db, "liu").await;
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_token(&token(chen, "sync"), at(1)).await.expect(backend);
        // Act
        let by_other = tx.revoke_token(liu, id, at(2)).await.expect(backend);
        let by_owner = tx.revoke_token(chen, id, at(3)).await.expect(backend);
        let again = tx.revoke_token(chen, id, at(4)).await.expect(backend);
        // Assert
        assert_eq!((by_other, by_owner, again), (false, true, false), "{backend}");
        let listed = tx.list_tokens(chen).await.expect(backend);
        assert_eq!(listed[0].revoked_at, Some(at(3)), "{backend}: the first revocation's time is kept");
    }
}

#[tokio::test]
async fn a_users_tokens_list_newest_first_with_revoked_ones() {
    for (backend, db) in each_backend().await {
        // Arrange
        let chen = put_user(&db, "chen").await;
        let liu = put_user(&db, "liu").await;
        let mut tx = db.begin().await.expect(backend);
        let old = tx.insert_token(&token(chen, "old"), at(1)).await.expect(backend);
        tx.insert_token(&token(chen, "new"), at(3)).await.expect(backend);
        tx.insert_token(&token(chen, "same-day"), at(3)).await.expect(backend);
        tx.insert_token(&token(liu, "other"), at(2)).await.expect(backend);
        tx.revoke_token(chen, old, at(4)).await.expect(backend);
        // Act
        let listed = tx.list_tokens(chen).await.expect(backend);
        // Assert
        let names: Vec<&str> = listed.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["same-day", "new", "old"], "{backend}");
        assert_eq!(listed[2].revoked_at, Some(at(4)), "{backend}");
    }
}

#[tokio::test]
async fn touching_a_token_records_its_last_use() {
    for (backend, db) in each_backend().await {
        let user = put_user(&db, "chen").await;
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_token(&token(user, "sync"), at(1)).await.expect(backend);
        tx.touch_token(id, at(6)).await.expect(backend);
        let found = tx.find_token("hash-sync").await.expect(backend).expect(backend);
        assert_eq!(found.last_used_at, Some(at(6)), "{backend}");
    }
}

#[tokio::test]
async fn a_token_hash_is_stored_once() {
    for (backend, db) in each_backend().await {
        let user = put_user(&db, "chen").await;
        let mut tx = db.begin().await.expect(backend);
        tx.insert_token(&token(user, "sync"), at(1)).await.expect(backend);
        let err = tx.insert_token(&token(user, "sync"), at(2)).await.expect_err(backend);
        assert!(matches!(err, amity_core::Error::Conflict { ref field, .. } if field == "token_hash"), "{backend}: {err:?}");
    }
}
