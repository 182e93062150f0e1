//! Failed sign-ins: counted per username (in any case) and per address since a time, and cleared.

use amity_core::store::{SignInStore, Store};
use amity_store::testing::each_backend;
use chrono::Duration;

use crate::support::at;

#[tokio::test]
async fn failures_are_counted_per_username_in_any_case_since_a_time() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        tx.record_sign_in_failure("chen", Some("192.0.2.1"), at(1)).await.expect(backend);
        tx.record_sign_in_failure("Chen", Some("192.0.2.2"), at(2)).await.expect(backend);
        tx.record_sign_in_failure("CHEN", None, at(3)).await.expect(backend);
        tx.record_sign_in_failure("liu", Some("192.0.2.1"), at(3)).await.expect(backend);
        // Act
        let all = tx.sign_in_failures_for_user("cHeN", at(1)).await.expect(backend);
        let recent = tx.sign_in_failures_for_user("chen", at(2)).await.expect(backend);
        let later = tx.sign_in_failures_for_user("chen", at(3) + Duration::seconds(1)).await.expect(backend);
        // Assert
        assert_eq!((all, recent, later), (3, 2, 0), "{backend}");
    }
}

#[tokio::test]
async fn failures_are_counted_per_address_since_a_time() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        for (name, day) in [("chen", 1), ("liu", 2), ("zhao", 3)] {
            tx.record_sign_in_failure(name, Some("192.0.2.1"), at(day)).await.expect(backend);
        }
        tx.record_sign_in_failure("chen", Some("198.51.100.4"), at(3)).await.expect(backend);
        // Act
        let all = tx.sign_in_failures_for_ip("192.0.2.1", at(1)).await.expect(backend);
        let recent = tx.sign_in_failures_for_ip("192.0.2.1", at(3)).await.expect(backend);
        let other = tx.sign_in_failures_for_ip("203.0.113.9", at(1)).await.expect(backend);
        // Assert
        assert_eq!((all, recent, other), (3, 1, 0), "{backend}");
    }
}

#[tokio::test]
async fn clearing_forgets_the_usernames_failures_only() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        tx.record_sign_in_failure("Chen", Some("192.0.2.1"), at(1)).await.expect(backend);
        tx.record_sign_in_failure("liu", Some("192.0.2.1"), at(1)).await.expect(backend);
        // Act
        tx.clear_sign_in_failures("CHEN").await.expect(backend);
        // Assert
        assert_eq!(tx.sign_in_failures_for_user("chen", at(1)).await.expect(backend), 0, "{backend}");
        assert_eq!(tx.sign_in_failures_for_user("liu", at(1)).await.expect(backend), 1, "{backend}");
        assert_eq!(tx.sign_in_failures_for_ip("192.0.2.1", at(1)).await.expect(backend), 1, "{backend}");
    }
}

#[tokio::test]
async fn failures_older_than_the_window_are_purged_and_recent_ones_kept() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        for day in [1, 2, 3] {
            tx.record_sign_in_failure("chen", Some("192.0.2.1"), at(day)).await.expect(backend);
        }
        // Act
        let purged = tx.purge_sign_in_failures(at(3)).await.expect(backend);
        // Assert
        assert_eq!(purged, 2, "{backend}");
        assert_eq!(tx.sign_in_failures_for_user("chen", at(1)).await.expect(backend), 1, "{backend}");
    }
}
