//! The audit log: insert, list with each filter, paging and order; and the database's own refusal
//! to change an entry or delete one within the retention period.

use amity_core::Paging;
use amity_core::audit::{AuditFilter, NewAuditEntry};
use amity_core::store::{AuditStore, Store, Tx as _};
use amity_store::Db;
use amity_store::testing::each_backend;
use chrono::{DateTime, Duration, Utc};

use crate::support::{at, count, raw};
use amity_store::Pool;

/// An entry by `actor` about `entity` `entity_id`, without before and after.
fn entry(at: DateTime<Utc>, actor: &str, action: &str, entity: &str, entity_id: &str) -> NewAuditEntry {
    NewAuditEntry {
        at,
        user_id: None,
        actor: actor.into(),
        ip: None,
        action: action.into(),
        entity: entity.into(),
        entity_id: Some(entity_id.into()),
        before: None,
        after: None,
    }
}

/// Writes entries in order and commits.
async fn put(db: &Db, entries: &[NewAuditEntry]) {
    let mut tx = db.begin().await.expect("begin");
    for e in entries {
        tx.insert_audit(e).await.expect("insert audit");
    }
    tx.commit().await.expect("commit");
}

/// The `entity_id`s of the entries the filter lists, in order, and the total.
async fn ids(db: &Db, filter: AuditFilter) -> (Vec<String>, i64) {
    let (items, total) = db.read().await.expect("read").list_audit(&filter).await.expect("list audit");
    (items.into_iter().map(|e| e.entity_id.unwrap_or_default()).collect(), total)
}

/// Five entries on days 1–5: users by admin, a partnership by chen, a sign-in by the system.
fn five() -> Vec<NewAuditEntry> {
    vec![
        entry(at(1), "admin", "create", "user", "1"),
        entry(at(2), "admin", "update", "user", "1"),
        entry(at(3), "chen", "create", "partnership", "7"),
        entry(at(4), "admin", "create", "user", "2"),
        entry(at(5), "system", "sign_in_failed", "user", "2"),
    ]
}

#[tokio::test]
async fn an_inserted_entry_reads_back_whole() {
    for (backend, db) in each_backend().await {
        // Arrange
        let e = NewAuditEntry {
            user_id: Some(3),
            ip: Some("192.0.2.7".into()),
            before: Some(r#"{"name":"Jinan"}"#.into()),
            after: Some(r#"{"name":"济南"}"#.into()),
            ..entry(at(2), "admin", "update", "unit", "4")
        };
        put(&db, &[e]).await;
        // Act
        let (items, total) = db.read().await.expect(backend).list_audit(&AuditFilter::default()).await.expect(backend);
        // Assert
        let got = &items[0];
        assert_eq!(total, 1, "{backend}");
        assert_eq!((got.at, got.user_id, got.actor.as_str(), got.ip.as_deref()), (at(2), Some(3), "admin", Some("192.0.2.7")), "{backend}");
        assert_eq!((got.action.as_str(), got.entity.as_str(), got.entity_id.as_deref()), ("update", "unit", Some("4")), "{backend}");
        assert_eq!((got.before.as_deref(), got.after.as_deref()), (Some(r#"{"name":"Jinan"}"#), Some(r#"{"name":"济南"}"#)), "{backend}");
    }
}

#[tokio::test]
async fn entries_list_newest_first_and_by_id_within_an_instant() {
    for (backend, db) in each_backend().await {
        // Arrange
        put(
            &db,
            &[
                entry(at(1), "a", "create", "user", "old"),
                entry(at(3), "a", "create", "user", "first"),
                entry(at(3), "a", "create", "user", "second"),
            ],
        )
        .await;
        put(&db, &[entry(at(2), "a", "create", "user", "middle")]).await;
        // Act
        let (listed, total) = ids(&db, AuditFilter::default()).await;
        // Assert
        assert_eq!(listed, ["second", "first", "middle", "old"], "{backend}");
        assert_eq!(total, 4, "{backend}");
    }
}

#[tokio::test]
async fn each_filter_narrows_the_list() {
    for (backend, db) in each_backend().await {
        // Arrange
        put(&db, &five()).await;
        // Act
        let entity = ids(&db, AuditFilter { entity: Some("partnership".into()), ..Default::default() }).await;
        let record = ids(&db, AuditFilter { entity: Some("user".into()), entity_id: Some("2".into()), ..Default::default() }).await;
        let actor = ids(&db, AuditFilter { actor: Some("admin".into()), ..Default::default() }).await;
        let action = ids(&db, AuditFilter { action: Some("update".into()), ..Default::default() }).await;
        let window = ids(&db, AuditFilter { from: Some(at(2)), to: Some(at(4)), ..Default::default() }).await;
        let none = ids(&db, AuditFilter { actor: Some("Admin".into()), ..Default::default() }).await;
        // Assert
        assert_eq!(entity, (vec!["7".to_string()], 1), "{backend}: entity");
        assert_eq!(record.1, 2, "{backend}: entity and id");
        assert_eq!(actor.1, 3, "{backend}: actor");
        assert_eq!(action, (vec!["1".to_string()], 1), "{backend}: action");
        assert_eq!(window, (vec!["7".to_string(), "1".to_string()], 2), "{backend}: from inclusive, to exclusive");
        assert_eq!(none.1, 0, "{backend}: the actor matches exactly");
    }
}

#[tokio::test]
async fn a_page_holds_its_share_and_the_total_counts_every_match() {
    for (backend, db) in each_backend().await {
        // Arrange
        put(&db, &five()).await;
        let page = |n| AuditFilter { paging: Paging::new(Some(n), Some(2)), ..Default::default() };
        // Act
        let (first, second, last) = (ids(&db, page(1)).await, ids(&db, page(2)).await, ids(&db, page(3)).await);
        // Assert
        assert_eq!(first, (vec!["2".to_string(), "2".to_string()], 5), "{backend}");
        assert_eq!(second, (vec!["7".to_string(), "1".to_string()], 5), "{backend}");
        assert_eq!(last, (vec!["1".to_string()], 5), "{backend}");
    }
}

#[tokio::test]
async fn the_database_refuses_to_change_an_audit_entry() {
    for (backend, db) in each_backend().await {
        // Arrange
        put(
            &db,
            &[entry(Utc::now(), "admin", "update", "user", "1"), entry(Utc::now() - Duration::days(400), "admin", "create", "user", "1")],
        )
        .await;
        // Act
        let edit = raw(&db, "UPDATE audit_log SET actor = 'someone else' WHERE id = $1", 1).await;
        let old_edit = raw(&db, "UPDATE audit_log SET after_json = '{}' WHERE id = $1", 2).await;
        // Assert
        let message = edit.expect_err(backend).to_string();
        assert!(message.contains("append-only"), "{backend}: {message}");
        assert!(old_edit.is_err(), "{backend}: old entries are not changed either");
        let (items, _) = db.read().await.expect(backend).list_audit(&AuditFilter::default()).await.expect(backend);
        assert!(items.iter().all(|e| e.actor == "admin" && e.after.is_none()), "{backend}");
    }
}

#[tokio::test]
async fn the_database_refuses_to_delete_an_entry_younger_than_180_days() {
    for (backend, db) in each_backend().await {
        // Arrange
        put(
            &db,
            &[entry(Utc::now() - Duration::days(179), "admin", "create", "user", "1"), entry(Utc::now(), "admin", "update", "user", "1")],
        )
        .await;
        // Act
        let older = raw(&db, "DELETE FROM audit_log WHERE id = $1", 1).await;
        let newest = raw(&db, "DELETE FROM audit_log WHERE id = $1", 2).await;
        // Assert
        let message = older.expect_err(backend).to_string();
        assert!(message.contains("180 days"), "{backend}: {message}");
        assert!(newest.is_err(), "{backend}");
        assert_eq!(count(&db, "audit_log").await, 2, "{backend}");
    }
}

#[tokio::test]
async fn postgres_refuses_to_truncate_the_audit_log() {
    for (backend, db) in each_backend().await {
        // TRUNCATE skips row triggers, so PostgreSQL has a statement trigger for it (SQLite has no TRUNCATE).
        let Pool::Postgres(pool) = db.pool() else { continue };
        put(&db, &[entry(Utc::now() - Duration::days(400), "admin", "create", "user", "1")]).await;
        // A plain TRUNCATE is refused (by the redactions' foreign key, checked first) …
        assert!(sqlx::query("TRUNCATE audit_log").execute(pool).await.is_err(), "{backend}");
        // … and even CASCADE (which would also take the redaction records) is refused by the trigger.
        let cascade = sqlx::query("TRUNCATE audit_log CASCADE").execute(pool).await.expect_err(backend).to_string();
        assert!(cascade.contains("append-only"), "{backend}: {cascade}");
        assert_eq!(count(&db, "audit_log").await, 1, "{backend}");
    }
}

#[tokio::test]
async fn an_entry_older_than_180_days_may_be_deleted() {
    for (backend, db) in each_backend().await {
        // Arrange
        put(
            &db,
            &[entry(Utc::now() - Duration::days(181), "admin", "create", "user", "1"), entry(Utc::now(), "admin", "update", "user", "1")],
        )
        .await;
        // Act
        let deleted = raw(&db, "DELETE FROM audit_log WHERE id = $1", 1).await;
        // Assert
        assert_eq!(deleted.expect(backend), 1, "{backend}");
        assert_eq!(count(&db, "audit_log").await, 1, "{backend}");
    }
}

#[tokio::test]
async fn only_a_recorded_redaction_may_change_an_entry_and_never_what_or_when() {
    for (backend, db) in each_backend().await {
        // Arrange
        put(&db, &[entry(Utc::now(), "wang.fang", "update", "user", "1")]).await;
        let (items, _) = db.read().await.expect(backend).list_audit(&AuditFilter::default()).await.expect(backend);
        let mut redacted = items[0].clone();
        redacted.actor = "erased-1".into();
        // Act: a redaction through the store, then raw attempts to change the record or the time.
        let mut tx = db.begin().await.expect(backend);
        tx.redact_audit(&redacted, "admin", "erasure on request", Utc::now()).await.expect(backend);
        tx.commit().await.expect(backend);
        let action = raw(&db, "UPDATE audit_log SET action = 'delete' WHERE id = $1", redacted.id).await;
        let when = raw(&db, "UPDATE audit_log SET entity_id = '2' WHERE id = $1", redacted.id).await;
        // Assert
        let (items, _) = db.read().await.expect(backend).list_audit(&AuditFilter::default()).await.expect(backend);
        assert_eq!(items[0].actor, "erased-1", "{backend}");
        assert!(action.is_err() && when.is_err(), "{backend}: what and which record stay as they were");
        assert_eq!((items[0].action.as_str(), items[0].entity_id.as_deref()), ("update", Some("1")), "{backend}");
    }
}

#[tokio::test]
async fn the_audit_export_reads_past_every_page_and_says_how_many_matched_when_it_stops_at_its_cap() {
    for (backend, db) in each_backend().await {
        let t0 = at(1);
        let many: Vec<NewAuditEntry> =
            (0..1200).map(|i| entry(t0 + Duration::seconds(i), "admin", "update", "unit", &i.to_string())).collect();
        put(&db, &many).await;
        let filter = AuditFilter { entity: Some("unit".into()), ..Default::default() };

        let (all, total) = amity_core::audit::export(&*db, &amity_core::Actor::System, &filter, 100_000).await.expect(backend);
        let (cut, matched) = amity_core::audit::export(&*db, &amity_core::Actor::System, &filter, 1000).await.expect(backend);

        assert_eq!((all.len(), total), (1200, 1200), "{backend}: every entry, past the 500-row pages");
        assert_eq!(all[0].entity_id.as_deref(), Some("1199"), "{backend}: newest first");
        assert_eq!((cut.len(), matched), (1000, 1200), "{backend}: the cut is reported with the total");
    }
}
