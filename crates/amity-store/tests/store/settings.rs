//! Settings: a missing key, insert, and replace.

use amity_core::store::{SettingStore, Store, Tx as _};
use amity_store::testing::each_backend;

use crate::support::at;

#[tokio::test]
async fn a_setting_never_set_is_none() {
    for (backend, db) in each_backend().await {
        let mut tx = db.read().await.expect(backend);
        assert_eq!(tx.get_setting("office_time_zone").await.expect(backend), None, "{backend}");
    }
}

#[tokio::test]
async fn setting_a_key_twice_keeps_the_last_value() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        tx.set_setting("office_time_zone", "Asia/Shanghai", at(1)).await.expect(backend);
        // Act
        tx.set_setting("office_time_zone", "Asia/Urumqi", at(2)).await.expect(backend);
        tx.commit().await.expect(backend);
        // Assert
        let mut tx = db.read().await.expect(backend);
        assert_eq!(tx.get_setting("office_time_zone").await.expect(backend).as_deref(), Some("Asia/Urumqi"), "{backend}");
        drop(tx);
        assert_eq!(crate::support::count(&db, "settings").await, 1, "{backend}");
    }
}

#[tokio::test]
async fn claiming_a_setting_succeeds_once_and_keeps_the_first_value() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        // Act
        let first = tx.claim_setting("initialised", "1", at(1)).await.expect(backend);
        let second = tx.claim_setting("initialised", "2", at(2)).await.expect(backend);
        // Assert
        assert!(first && !second, "{backend}");
        assert_eq!(tx.get_setting("initialised").await.expect(backend).as_deref(), Some("1"), "{backend}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn concurrent_claimers_of_a_setting_see_exactly_one_win() {
    for (backend, db) in each_backend().await {
        // Arrange
        let claims = (0..4).map(|i| {
            let db: amity_store::Db = (*db).clone();
            tokio::spawn(async move {
                let mut tx = db.begin().await?;
                let won = tx.claim_setting("initialised", &i.to_string(), at(1)).await?;
                tx.commit().await?;
                Ok::<bool, amity_core::Error>(won)
            })
        });
        // Act
        let mut wins = 0;
        for c in claims.collect::<Vec<_>>() {
            wins += usize::from(c.await.expect("task").expect(backend));
        }
        // Assert
        assert_eq!(wins, 1, "{backend}");
    }
}
