//! A partnership's lifecycle in the store: status set with a version check, history kept in order
//! with every column, approval milestones, and what deleting a partnership does to them.

use amity_core::partnership::{ApprovalKind, EndedBy, NewApproval, PartnershipStatus};
use amity_core::store::{LifecycleStore, PartnershipStore, StatusHistoryStore, Store, Tx as _};
use amity_core::transition::NewStatusChange;
use amity_core::{Error, PartialDate};
use amity_store::testing::each_backend;

use crate::support::{SACRAMENTO, WAKAYAMA, at, count, home_unit, linked, put_all};

fn change(partnership_id: i64, from: Option<PartnershipStatus>, to: PartnershipStatus, date: &str, n: u32) -> NewStatusChange {
    NewStatusChange {
        subject: "partnership",
        subject_id: partnership_id,
        from_status: from.map(|f| f.as_str()),
        to_status: to.as_str(),
        date: PartialDate::parse(date).expect("valid date"),
        reason: Some(format!("to {to}")),
        condition: None,
        ended_by: None,
        successor_id: None,
        actor: "root".into(),
        at: at(n),
    }
}

fn approval(kind: ApprovalKind, date: &str, reference: Option<&str>) -> NewApproval {
    NewApproval { kind, date: PartialDate::parse(date).expect("valid date"), reference: reference.map(String::from), note: None }
}

#[tokio::test]
async fn setting_the_status_bumps_the_version_and_records_the_successor() {
    for (backend, db) in each_backend().await {
        // Arrange
        let home = home_unit(&db).await;
        let ids = put_all(&db, &[linked(home, WAKAYAMA, "1983", &[]), linked(home, SACRAMENTO, "1985", &[])]).await;
        let mut tx = db.begin().await.expect(backend);
        // Act
        let stale = tx.set_partnership_status(ids[0], PartnershipStatus::Ended, Some(ids[1]), 5, at(3)).await.expect(backend);
        let done = tx.set_partnership_status(ids[0], PartnershipStatus::Ended, Some(ids[1]), 1, at(3)).await.expect(backend);
        let p = tx.get_partnership(ids[0]).await.expect(backend).expect(backend);
        // A failed statement ends a PostgreSQL transaction: the missing successor is tried last.
        let missing = tx.set_partnership_status(ids[0], PartnershipStatus::Ended, Some(9999), 2, at(3)).await.expect_err(backend);
        // Assert
        assert!(!stale && done, "{backend}");
        assert_eq!((p.status, p.version, p.updated_at), (PartnershipStatus::Ended, 2, at(3)), "{backend}");
        assert!(matches!(&missing, Error::Validation(f) if f[0].field == "successor_partnership_id"), "{backend}: {missing:?}");
    }
}

#[tokio::test]
async fn status_changes_read_back_oldest_first_with_every_detail() {
    for (backend, db) in each_backend().await {
        // Arrange
        let home = home_unit(&db).await;
        let ids = put_all(&db, &[linked(home, WAKAYAMA, "1983", &[]), linked(home, SACRAMENTO, "1985", &[])]).await;
        let mut suspended = change(ids[0], Some(PartnershipStatus::Active), PartnershipStatus::Suspended, "2020-03", 2);
        suspended.condition = Some("until travel resumes".into());
        let mut ended = change(ids[0], Some(PartnershipStatus::Suspended), PartnershipStatus::Ended, "2021-07-01", 3);
        ended.ended_by = Some(EndedBy::NationalAuthority);
        ended.successor_id = Some(ids[1]);
        let mut tx = db.begin().await.expect(backend);
        // Act
        tx.insert_status_change(&change(ids[0], None, PartnershipStatus::Active, "1983-01-14", 1)).await.expect(backend);
        tx.insert_status_change(&suspended).await.expect(backend);
        tx.insert_status_change(&ended).await.expect(backend);
        tx.insert_status_change(&change(ids[1], None, PartnershipStatus::Active, "1985", 4)).await.expect(backend);
        let mut event = change(ids[0], None, PartnershipStatus::Active, "2024", 5);
        event.subject = "event";
        tx.insert_status_change(&event).await.expect(backend);
        tx.commit().await.expect(backend);
        // Assert
        let h = db.read().await.expect(backend).list_status_changes("partnership", ids[0]).await.expect(backend);
        let steps: Vec<_> = h.iter().map(|c| (c.from_status.as_deref(), c.to_status.as_str(), c.date.to_string())).collect();
        assert_eq!(
            steps,
            [
                (None, "active", "1983-01-14".to_string()),
                (Some("active"), "suspended", "2020-03".to_string()),
                (Some("suspended"), "ended", "2021-07-01".to_string()),
            ],
            "{backend}: only this partnership's, not another subject's with the same id"
        );
        assert_eq!(h[1].condition.as_deref(), Some("until travel resumes"), "{backend}");
        assert_eq!(
            (h[2].ended_by, h[2].successor_id, h[2].reason.as_deref()),
            (Some(EndedBy::NationalAuthority), Some(ids[1]), Some("to ended")),
            "{backend}"
        );
        assert_eq!((h[2].actor.as_str(), h[2].at, h[0].condition.as_deref()), ("root", at(3), None), "{backend}");
    }
}

#[tokio::test]
async fn approvals_are_listed_by_date_fetched_and_deleted_only_through_their_partnership() {
    for (backend, db) in each_backend().await {
        // Arrange
        let home = home_unit(&db).await;
        let ids = put_all(&db, &[linked(home, WAKAYAMA, "1983", &[]), linked(home, SACRAMENTO, "1985", &[])]).await;
        let mut tx = db.begin().await.expect(backend);
        let late = tx.insert_approval(ids[0], &approval(ApprovalKind::NationalApproval, "1985-03", None), at(1)).await.expect(backend);
        let early = tx
            .insert_approval(ids[0], &approval(ApprovalKind::PartnerCouncil, "1984-10-16", Some("Res. 84-512")), at(2))
            .await
            .expect(backend);
        tx.insert_approval(ids[1], &approval(ApprovalKind::HomeCouncil, "1985", None), at(3)).await.expect(backend);
        // Act
        let listed = tx.list_approvals(ids[0]).await.expect(backend);
        let fetched = tx.get_approval(ids[0], early).await.expect(backend).expect(backend);
        let elsewhere = tx.get_approval(ids[1], early).await.expect(backend);
        let wrong_owner = tx.delete_approval(ids[1], late).await.expect(backend);
        let deleted = tx.delete_approval(ids[0], late).await.expect(backend);
        tx.commit().await.expect(backend);
        // Assert
        assert_eq!(listed.iter().map(|a| a.id).collect::<Vec<_>>(), [early, late], "{backend}: by date");
        assert_eq!(
            (fetched.kind, fetched.reference.as_deref(), fetched.created_at),
            (ApprovalKind::PartnerCouncil, Some("Res. 84-512"), at(2)),
            "{backend}"
        );
        assert!(elsewhere.is_none() && !wrong_owner && deleted, "{backend}");
        assert_eq!(count(&db, "partnership_approvals").await, 2, "{backend}");
    }
}

#[tokio::test]
async fn deleting_a_partnership_takes_its_history_and_approvals_but_a_successor_in_use_is_kept() {
    for (backend, db) in each_backend().await {
        // Arrange
        let home = home_unit(&db).await;
        let ids = put_all(&db, &[linked(home, WAKAYAMA, "1983", &[]), linked(home, SACRAMENTO, "1985", &[])]).await;
        let mut tx = db.begin().await.expect(backend);
        let mut ended = change(ids[0], Some(PartnershipStatus::Active), PartnershipStatus::Ended, "2021", 1);
        ended.ended_by = Some(EndedBy::PartnerSide);
        ended.successor_id = Some(ids[1]);
        tx.insert_status_change(&ended).await.expect(backend);
        tx.set_partnership_status(ids[0], PartnershipStatus::Ended, Some(ids[1]), 1, at(1)).await.expect(backend);
        tx.insert_approval(ids[0], &approval(ApprovalKind::Other, "1983", None), at(1)).await.expect(backend);
        tx.commit().await.expect(backend);
        // Act
        let mut tx = db.begin().await.expect(backend);
        let successor = tx.delete_partnership(ids[1]).await.expect_err(backend);
        drop(tx);
        let mut tx = db.begin().await.expect(backend);
        let ended_one = tx.delete_partnership(ids[0]).await.expect(backend);
        tx.commit().await.expect(backend);
        // Assert
        assert!(matches!(&successor, Error::Conflict { code, .. } if code == "in_use"), "{backend}: {successor:?}");
        assert!(ended_one, "{backend}");
        assert_eq!((count(&db, "status_changes").await, count(&db, "partnership_approvals").await), (0, 0), "{backend}");
        assert_eq!(count(&db, "partnerships").await, 1, "{backend}");
    }
}
