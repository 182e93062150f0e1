//! The change counter the response cache is keyed on: every committed write transaction raises it
//! in the database; a read, a rollback and a bookkeeping-only transaction leave it alone.

use amity_core::store::{SettingStore, Store, Tx as _};
use amity_store::testing::each_backend;

use crate::support::at;

#[tokio::test]
async fn a_committed_write_raises_the_counter_and_a_read_a_rollback_or_bookkeeping_do_not() {
    for (backend, db) in each_backend().await {
        let start = db.read_counter().await.expect(backend);

        let mut tx = db.begin().await.expect(backend);
        tx.set_setting("k", "1", at(1)).await.expect(backend);
        tx.commit().await.expect(backend);
        let after_write = db.read_counter().await.expect(backend);
        assert!(after_write > start, "{backend}: {start} → {after_write}");

        let mut tx = db.begin().await.expect(backend);
        tx.set_setting("k", "2", at(2)).await.expect(backend);
        drop(tx);
        let read = db.read().await.expect(backend);
        read.commit().await.expect(backend);
        let mut tx = db.begin().await.expect(backend);
        tx.bookkeeping_only();
        tx.set_setting("seen", "x", at(3)).await.expect(backend);
        tx.commit().await.expect(backend);
        assert_eq!(db.read_counter().await.expect(backend), after_write, "{backend}: rollback, read or bookkeeping raised it");

        let mut tx = db.begin().await.expect(backend);
        tx.set_setting("k", "3", at(4)).await.expect(backend);
        assert_eq!(tx.read_counter().await.expect(backend), after_write, "{backend}: raised before the commit");
        tx.commit().await.expect(backend);
        assert!(db.read_counter().await.expect(backend) > after_write, "{backend}");
    }
}
