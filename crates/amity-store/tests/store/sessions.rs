//! Sessions: insert, get, touch, delete one or all of a user's, and purge ended ones.

use amity_core::auth::Session;
use amity_core::store::{SessionStore, Store, Tx as _};
use amity_store::testing::each_backend;
use chrono::{DateTime, Duration, Utc};

use crate::support::{at, count, put_user};

/// A session opened at `created`, last seen at `last_seen`, ending at `expires`.
fn session(id_hash: &str, user_id: i64, created: DateTime<Utc>, last_seen: DateTime<Utc>, expires: DateTime<Utc>) -> Session {
    Session {
        id_hash: id_hash.into(),
        user_id,
        csrf_token: format!("csrf-{id_hash}"),
        created_at: created,
        last_seen_at: last_seen,
        expires_at: expires,
        ip: Some("192.0.2.7".into()),
    }
}

#[tokio::test]
async fn an_inserted_session_reads_back_by_its_hash() {
    for (backend, db) in each_backend().await {
        // Arrange
        let user = put_user(&db, "chen").await;
        let mut tx = db.begin().await.expect(backend);
        // Act
        tx.insert_session(&session("h1", user, at(1), at(2), at(3))).await.expect(backend);
        let got = tx.get_session("h1").await.expect(backend).expect(backend);
        // Assert
        assert_eq!((got.id_hash.as_str(), got.user_id, got.csrf_token.as_str()), ("h1", user, "csrf-h1"), "{backend}");
        assert_eq!((got.created_at, got.last_seen_at, got.expires_at), (at(1), at(2), at(3)), "{backend}");
        assert_eq!(got.ip.as_deref(), Some("192.0.2.7"), "{backend}");
        assert!(tx.get_session("h2").await.expect(backend).is_none(), "{backend}");
    }
}

#[tokio::test]
async fn a_session_of_an_unknown_user_is_refused_as_invalid() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        let err = tx.insert_session(&session("h1", 4242, at(1), at(1), at(2))).await.expect_err(backend);
        assert!(matches!(err, amity_core::Error::Validation(ref f) if f[0].field == "user_id"), "{backend}: {err:?}");
    }
}

#[tokio::test]
async fn touching_a_session_moves_only_its_last_seen_time() {
    for (backend, db) in each_backend().await {
        // Arrange
        let user = put_user(&db, "chen").await;
        let mut tx = db.begin().await.expect(backend);
        tx.insert_session(&session("h1", user, at(1), at(1), at(9))).await.expect(backend);
        // Act
        tx.touch_session("h1", at(5)).await.expect(backend);
        // Assert
        let got = tx.get_session("h1").await.expect(backend).expect(backend);
        assert_eq!((got.created_at, got.last_seen_at, got.expires_at), (at(1), at(5), at(9)), "{backend}");
    }
}

#[tokio::test]
async fn deleting_ends_one_session_or_every_session_of_a_user() {
    for (backend, db) in each_backend().await {
        // Arrange
        let chen = put_user(&db, "chen").await;
        let liu = put_user(&db, "liu").await;
        let mut tx = db.begin().await.expect(backend);
        for (hash, user) in [("c1", chen), ("c2", chen), ("c3", chen), ("l1", liu)] {
            tx.insert_session(&session(hash, user, at(1), at(1), at(9))).await.expect(backend);
        }
        // Act
        tx.delete_session("c1").await.expect(backend);
        tx.delete_user_sessions(chen).await.expect(backend);
        // Assert
        for hash in ["c1", "c2", "c3"] {
            assert!(tx.get_session(hash).await.expect(backend).is_none(), "{backend}: {hash}");
        }
        assert!(tx.get_session("l1").await.expect(backend).is_some(), "{backend}");
    }
}

#[tokio::test]
async fn purging_removes_expired_and_idle_sessions_and_keeps_live_ones() {
    for (backend, db) in each_backend().await {
        // Arrange
        let user = put_user(&db, "chen").await;
        let now = at(10);
        let idle_before = now - Duration::minutes(30);
        let mut tx = db.begin().await.expect(backend);
        tx.insert_session(&session("expired", user, at(1), now, now)).await.expect(backend);
        tx.insert_session(&session("idle", user, at(9), idle_before, at(11))).await.expect(backend);
        tx.insert_session(&session("live", user, at(9), idle_before + Duration::seconds(1), at(11))).await.expect(backend);
        // Act
        let purged = tx.purge_sessions(now, idle_before).await.expect(backend);
        tx.commit().await.expect(backend);
        // Assert
        assert_eq!(purged, 2, "{backend}");
        let mut tx = db.read().await.expect(backend);
        assert!(tx.get_session("live").await.expect(backend).is_some(), "{backend}");
        drop(tx);
        assert_eq!(count(&db, "sessions").await, 1, "{backend}");
    }
}
