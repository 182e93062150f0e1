//! Failed sign-ins and sign-in locks: counted per username (in any case), per address and per
//! both since a time; locks never extended while in force; unlocked, cleared and purged.

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

#[tokio::test]
async fn a_lock_is_never_extended_while_in_force_and_is_replaced_once_ended() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        let first = tx.lock_sign_in("Chen", "192.0.2.1", at(2), at(1)).await.expect(backend);
        // Act
        let during = tx.lock_sign_in("chen", "192.0.2.1", at(3), at(1)).await.expect(backend);
        let after = tx.lock_sign_in("chen", "192.0.2.1", at(4), at(2)).await.expect(backend);
        // Assert
        assert_eq!((first, during, after), (at(2), at(2), at(4)), "{backend}");
        assert_eq!(tx.sign_in_lock("CHEN", "192.0.2.1").await.expect(backend), Some(at(4)), "{backend}");
        assert_eq!(tx.sign_in_lock("chen", "*").await.expect(backend), None, "another address has no lock on {backend}");
    }
}

#[tokio::test]
async fn failures_are_counted_per_username_and_address_with_an_unknown_address_as_its_own() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        tx.record_sign_in_failure("chen", Some("192.0.2.1"), at(1)).await.expect(backend);
        tx.record_sign_in_failure("chen", Some("192.0.2.1"), at(2)).await.expect(backend);
        tx.record_sign_in_failure("chen", Some("192.0.2.2"), at(2)).await.expect(backend);
        let reserved = tx.record_sign_in_failure("chen", None, at(2)).await.expect(backend);
        // Act
        let here = tx.sign_in_failures_for_user_ip("Chen", Some("192.0.2.1"), at(1)).await.expect(backend);
        let unknown = tx.sign_in_failures_for_user_ip("chen", None, at(1)).await.expect(backend);
        tx.delete_sign_in_failure(reserved).await.expect(backend);
        let unknown_after = tx.sign_in_failures_for_user_ip("chen", None, at(1)).await.expect(backend);
        // Assert
        assert_eq!((here, unknown, unknown_after), (2, 1, 0), "{backend}");
    }
}

#[tokio::test]
async fn unlocking_lifts_every_lock_and_forgets_every_failure_of_the_username_only() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        tx.record_sign_in_failure("chen", Some("192.0.2.1"), at(1)).await.expect(backend);
        tx.record_sign_in_failure("liu", Some("192.0.2.1"), at(1)).await.expect(backend);
        tx.lock_sign_in("chen", "192.0.2.1", at(3), at(1)).await.expect(backend);
        tx.lock_sign_in("chen", "*", at(4), at(1)).await.expect(backend);
        tx.lock_sign_in("liu", "*", at(4), at(1)).await.expect(backend);
        let before = tx.active_sign_in_locks(at(2)).await.expect(backend);
        // Act
        let lifted = tx.unlock_sign_in("CHEN", at(2)).await.expect(backend);
        // Assert
        assert_eq!(before, vec![("chen".to_string(), at(4)), ("liu".to_string(), at(4))], "{backend}");
        assert_eq!(lifted, 2, "{backend}");
        assert_eq!(tx.active_sign_in_locks(at(2)).await.expect(backend), vec![("liu".to_string(), at(4))], "{backend}");
        assert_eq!(tx.sign_in_failures_for_user("chen", at(1)).await.expect(backend), 0, "{backend}");
        assert_eq!(tx.sign_in_failures_for_user("liu", at(1)).await.expect(backend), 1, "{backend}");
    }
}

#[tokio::test]
async fn a_success_clears_the_failures_and_lock_of_its_own_address_only() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        tx.record_sign_in_failure("chen", Some("192.0.2.1"), at(1)).await.expect(backend);
        tx.record_sign_in_failure("chen", Some("192.0.2.2"), at(1)).await.expect(backend);
        tx.lock_sign_in("chen", "192.0.2.1", at(3), at(1)).await.expect(backend);
        tx.lock_sign_in("chen", "192.0.2.2", at(3), at(1)).await.expect(backend);
        // Act
        tx.clear_sign_in_failures_from("chen", Some("192.0.2.1")).await.expect(backend);
        // Assert
        assert_eq!(tx.sign_in_failures_for_user("chen", at(1)).await.expect(backend), 1, "{backend}");
        assert_eq!(tx.sign_in_lock("chen", "192.0.2.1").await.expect(backend), None, "{backend}");
        assert_eq!(tx.sign_in_lock("chen", "192.0.2.2").await.expect(backend), Some(at(3)), "{backend}");
    }
}

#[tokio::test]
async fn purging_removes_locks_that_ended_before_the_cut_off() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        tx.lock_sign_in("chen", "*", at(2), at(1)).await.expect(backend);
        tx.lock_sign_in("liu", "*", at(4), at(1)).await.expect(backend);
        // Act
        tx.purge_sign_in_failures(at(3)).await.expect(backend);
        // Assert
        assert_eq!(tx.sign_in_lock("chen", "*").await.expect(backend), None, "{backend}");
        assert_eq!(tx.sign_in_lock("liu", "*").await.expect(backend), Some(at(4)), "{backend}");
    }
}
