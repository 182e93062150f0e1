//! Files and agreements: bytes round-trip exactly, files go with their agreement, versions and
//! which one is current, and the expiring-agreements query (current versions only, partnerships
//! that have not ended, within the window).

use amity_core::agreement::{AgreementInput, NewAgreement, SignatoryInput};
use amity_core::file::{FileOwner, NewFile, Upload};
use amity_core::partnership::PartnershipStatus;
use amity_core::store::{AgreementStore, FileStore, LifecycleStore, Store, Tx as _};
use amity_store::Db;
use amity_store::testing::each_backend;
use chrono::NaiveDate;

use crate::support::{SACRAMENTO, at, count, home_unit, linked, put_all};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

fn pdf(name: &str, body: &[u8]) -> NewFile {
    let mut bytes = b"%PDF-1.7\n".to_vec();
    bytes.extend_from_slice(body);
    NewFile::validate("file", Upload { file_name: name.into(), declared_type: "application/pdf".into(), bytes }, false).expect("valid pdf")
}

fn agreement(title: &str, until: &str, supersedes: Option<i64>) -> NewAgreement {
    let input = AgreementInput {
        kind: "signed_agreement".into(),
        title: title.into(),
        languages: vec!["zh".into(), "en".into()],
        signatories: vec![SignatoryInput { name: "Mayor A".into(), office: "Mayor of Jinan".into(), side: "home".into() }],
        signed_on: "2020-05".into(),
        signed_place: "Jinan".into(),
        valid_until: until.into(),
        supersedes_id: supersedes,
        ..Default::default()
    };
    NewAgreement::validate(&input).expect("valid agreement")
}

async fn partnerships(db: &Db, n: usize) -> Vec<i64> {
    let home = home_unit(db).await;
    let inputs: Vec<_> = (0..n).map(|_| linked(home, SACRAMENTO, "1985-04", &[])).collect();
    put_all(db, &inputs).await
}

#[tokio::test]
async fn file_bytes_round_trip_exactly_with_their_hash_and_names() {
    for (backend, db) in each_backend().await {
        // Arrange: every byte value, and a megabyte of them.
        let body: Vec<u8> = (0..=255u8).cycle().take(1024 * 1024).collect();
        let file = pdf("友好城市协议 \"final\".pdf", &body);
        let p = partnerships(&db, 1).await[0];
        let mut tx = db.begin().await.expect(backend);
        let a = tx.insert_agreement(p, &agreement("Agreement", "", None), at(1)).await.expect(backend);
        // Act
        let id = tx.insert_file(&file, None, at(2)).await.expect(backend);
        tx.attach_agreement_file(a, id).await.expect(backend);
        let got = tx.get_file(id).await.expect(backend).expect(backend);
        let owner = tx.file_owner(id).await.expect(backend);
        // Assert
        assert_eq!(got.bytes, file.bytes, "{backend}: the bytes come back exactly");
        assert_eq!(got.info.size, file.bytes.len() as i64, "{backend}");
        assert_eq!(
            (got.info.sha256.as_str(), got.info.file_name.as_str()),
            (file.sha256.as_str(), "友好城市协议 \"final\".pdf"),
            "{backend}"
        );
        assert_eq!((got.info.content_type.as_str(), got.info.created_at), ("application/pdf", at(2)), "{backend}");
        assert_eq!(owner, Some(FileOwner::Agreement(a)), "{backend}");
        let loose = tx.insert_file(&pdf("loose.pdf", b"x"), None, at(2)).await.expect(backend);
        assert_eq!(tx.file_owner(loose).await.expect(backend), None, "{backend}: a file attached to nothing has no owner");
    }
}

#[tokio::test]
async fn an_agreement_reads_back_with_its_files_and_takes_them_when_deleted() {
    for (backend, db) in each_backend().await {
        let p = partnerships(&db, 1).await[0];
        let mut tx = db.begin().await.expect(backend);
        let a = tx.insert_agreement(p, &agreement("Agreement", "2030-12-31", None), at(1)).await.expect(backend);
        for name in ["zh.pdf", "en.pdf"] {
            let f = tx.insert_file(&pdf(name, name.as_bytes()), None, at(1)).await.expect(backend);
            tx.attach_agreement_file(a, f).await.expect(backend);
        }
        tx.commit().await.expect(backend);
        let mut tx = db.begin().await.expect(backend);
        let got = tx.get_agreement(a).await.expect(backend).expect(backend);
        assert_eq!(got.files.iter().map(|f| f.file_name.as_str()).collect::<Vec<_>>(), ["zh.pdf", "en.pdf"], "{backend}");
        assert_eq!(got.languages, ["zh", "en"], "{backend}");
        assert_eq!(
            (got.signatories[0].office.as_deref(), got.signed_on.map(|d| d.to_string())),
            (Some("Mayor of Jinan"), Some("2020-05".into())),
            "{backend}"
        );
        assert_eq!(got.valid_until, Some(day("2030-12-31")), "{backend}");
        assert!(tx.delete_agreement(a).await.expect(backend), "{backend}");
        tx.commit().await.expect(backend);
        assert_eq!((count(&db, "agreements").await, count(&db, "files").await), (0, 0), "{backend}: its files went with it");
    }
}

#[tokio::test]
async fn a_new_version_supersedes_the_old_which_stays_listed_but_not_current() {
    for (backend, db) in each_backend().await {
        let p = partnerships(&db, 1).await[0];
        let mut tx = db.begin().await.expect(backend);
        let old = tx.insert_agreement(p, &agreement("2015 plan", "2025-12-31", None), at(1)).await.expect(backend);
        let new = tx.insert_agreement(p, &agreement("2020 plan", "2030-12-31", Some(old)), at(2)).await.expect(backend);
        let list = tx.list_agreements(p).await.expect(backend);
        let by_id = |id: i64| list.iter().find(|a| a.id == id).expect("listed");
        assert_eq!(list.len(), 2, "{backend}");
        assert_eq!((by_id(old).superseded_by_id, by_id(old).is_current()), (Some(new), false), "{backend}");
        assert_eq!((by_id(new).supersedes_id, by_id(new).is_current()), (Some(old), true), "{backend}");
        // Each version is superseded by one other at most.
        let twice = tx.insert_agreement(p, &agreement("rival", "", Some(old)), at(3)).await;
        assert!(twice.is_err(), "{backend}");
    }
}

#[tokio::test]
async fn expiring_agreements_are_current_versions_of_live_partnerships_inside_the_window() {
    for (backend, db) in each_backend().await {
        // Arrange
        let ids = partnerships(&db, 2).await;
        let (live, ended) = (ids[0], ids[1]);
        let mut tx = db.begin().await.expect(backend);
        let soon = tx.insert_agreement(live, &agreement("soon", "2026-02-01", None), at(1)).await.expect(backend);
        let old = tx.insert_agreement(live, &agreement("replaced", "2026-01-15", None), at(1)).await.expect(backend);
        tx.insert_agreement(live, &agreement("newer", "2031-01-01", Some(old)), at(1)).await.expect(backend);
        tx.insert_agreement(live, &agreement("later", "2026-06-01", None), at(1)).await.expect(backend);
        tx.insert_agreement(live, &agreement("past", "2025-12-31", None), at(1)).await.expect(backend);
        tx.insert_agreement(live, &agreement("open", "", None), at(1)).await.expect(backend);
        tx.insert_agreement(ended, &agreement("ended partner", "2026-01-10", None), at(1)).await.expect(backend);
        tx.set_partnership_status(ended, PartnershipStatus::Ended, None, 1, at(2)).await.expect(backend);
        tx.commit().await.expect(backend);
        // Act
        let mut tx = db.read().await.expect(backend);
        let got = tx.expiring_agreements(day("2026-01-01"), day("2026-04-01")).await.expect(backend);
        // Assert
        assert_eq!(got.iter().map(|e| (e.agreement_id, e.title.as_str())).collect::<Vec<_>>(), [(soon, "soon")], "{backend}");
        assert_eq!(got[0].valid_until, day("2026-02-01"), "{backend}");
        let edge = tx.expiring_agreements(day("2026-02-01"), day("2026-02-01")).await.expect(backend);
        assert_eq!(edge.len(), 1, "{backend}: both ends of the window count");
    }
}
