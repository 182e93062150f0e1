//! Erasure on request of every person Amity holds: found by name or e-mail across contacts,
//! registrants and delegation members; erased in one transaction; the audit log's copies of their
//! values redacted by the record's ids and by the values themselves; the erasure audited in counts.

use amity_core::audit::AuditFilter;
use amity_core::contact::{self, ContactInput};
use amity_core::delegation::{self, DelegationInput, MemberInput, TravelDocumentInput};
use amity_core::event::{self, EventInput, RegistrationInput};
use amity_core::person::{self, ErasureInput, PersonKind, PersonRefInput};
use amity_core::store::{AuditStore, Store};
use amity_core::{Actor, Error, Paging};
use amity_store::Db;
use chrono::NaiveDate;

use crate::support::{SACRAMENTO, home_unit, linked, put_all};
use amity_store::testing::each_backend;

const NAME: &str = "Zhang Minghua";
const OLD_NAME: &str = "Zhang Ming-hua";
const EMAIL: &str = "zhang.minghua@example.cn";
const PASSPORT: &str = "E98765432";

/// The ids of one of each kind holding the same person, plus a bystander in each: (contact, registrant, member).
async fn office(db: &Db) -> (i64, i64, i64) {
    let sys = Actor::System;
    let home = home_unit(db).await;
    let p = put_all(db, &[linked(home, SACRAMENTO, "1985-04", &[])]).await[0];
    let c = ContactInput { side: "partner".into(), name_romanised: OLD_NAME.into(), email: EMAIL.into(), ..Default::default() };
    let c = contact::create(db, &sys, p, c).await.expect("contact");
    let renamed = ContactInput {
        side: "partner".into(),
        name_romanised: NAME.into(),
        email: EMAIL.into(),
        notes: format!("Met {NAME} at the fair"),
        version: Some(c.version),
        ..Default::default()
    };
    contact::update(db, &sys, c.id, renamed).await.expect("rename");
    contact::create(db, &sys, p, ContactInput { side: "partner".into(), name_romanised: "Li Lei".into(), ..Default::default() })
        .await
        .expect("bystander");
    let ev = EventInput {
        kind: "forum".into(),
        title_en: "Sister City Forum".into(),
        starts_at: "2026-06-10T09:00".into(),
        ends_at: "2026-06-10T17:00".into(),
        time_zone: "Asia/Shanghai".into(),
        organiser_unit_id: Some(home),
        status: "confirmed".into(),
        ..Default::default()
    };
    let ev = event::create(db, &sys, ev).await.expect("event");
    let r = RegistrationInput { name: NAME.into(), email: EMAIL.into(), phone: "+86 531 5550 1234".into(), ..Default::default() };
    let r = event::registrations::register(db, &sys, ev.id, r).await.expect("registrant");
    let d = DelegationInput {
        direction: "inbound".into(),
        title: "Sacramento delegation".into(),
        partnership_ids: vec![p],
        owner_unit_id: Some(home),
        starts_on: "2026-05-10".into(),
        ends_on: "2026-05-12".into(),
        members: vec![
            MemberInput { name: NAME.into(), role: "head".into(), ..Default::default() },
            MemberInput { name: "John Roe".into(), ..Default::default() },
        ],
        ..Default::default()
    };
    let d = delegation::create(db, &sys, d).await.expect("delegation");
    let member = d.members[0].id;
    let doc = TravelDocumentInput {
        member_id: Some(member),
        kind: "passport".into(),
        number: PASSPORT.into(),
        valid_until: "2030-01-01".into(),
        ..Default::default()
    };
    let today = NaiveDate::from_ymd_opt(2026, 5, 1).expect("day");
    delegation::documents::add(db, &sys, d.id, &doc, today).await.expect("passport");
    (c.id, r.id, member)
}

/// Every before/after text of the audit log, joined.
async fn audit_text(db: &Db) -> String {
    let filter = AuditFilter { paging: Paging::everything(), ..Default::default() };
    let (entries, _) = db.read().await.expect("read").list_audit(&filter).await.expect("audit");
    entries.iter().map(|e| format!("{} {}", e.before.clone().unwrap_or_default(), e.after.clone().unwrap_or_default())).collect()
}

fn all(refs: &[(PersonKind, i64)]) -> ErasureInput {
    ErasureInput { records: refs.iter().map(|(k, id)| PersonRefInput { kind: k.code().into(), id: Some(*id) }).collect() }
}

#[tokio::test]
async fn a_person_is_found_by_name_or_email_in_every_kind_of_record() {
    for (backend, db) in each_backend().await {
        let (c, r, m) = office(&db).await;

        let by_name = person::search(&*db, &Actor::System, "minghua").await.expect(backend);
        let by_email = person::search(&*db, &Actor::System, "ZHANG.MINGHUA@example").await.expect(backend);

        let kinds: Vec<_> = by_name.iter().map(|p| (p.kind, p.id)).collect();
        assert_eq!(kinds, [(PersonKind::Contact, c), (PersonKind::Registrant, r), (PersonKind::DelegationMember, m)], "{backend}");
        assert_eq!(by_name[2].travel_documents, 1, "{backend}: the member's passport goes with them");
        assert_eq!(by_name[1].context, "Sister City Forum", "{backend}");
        assert_eq!(by_email.len(), 2, "{backend}: contact and registrant hold the e-mail");
    }
}

#[tokio::test]
async fn erasing_a_person_removes_their_values_from_records_and_from_every_audit_entry_about_them() {
    for (backend, db) in each_backend().await {
        let (c, r, m) = office(&db).await;
        let before = audit_text(&db).await;
        assert!(before.contains(OLD_NAME) && before.contains(NAME) && before.contains(EMAIL), "{backend}: the log held them");

        let done = person::erase(
            &*db,
            &Actor::System,
            &all(&[(PersonKind::Contact, c), (PersonKind::Registrant, r), (PersonKind::DelegationMember, m)]),
        )
        .await
        .expect(backend);

        assert_eq!((done.contacts, done.registrants, done.delegation_members, done.travel_documents), (1, 1, 1, 1), "{backend}");
        assert!(done.redacted_entries >= 4, "{backend}: {done:?}");
        let after = audit_text(&db).await;
        for gone in [NAME, OLD_NAME, EMAIL, "5550 1234"] {
            assert!(!after.contains(gone), "{backend}: {gone} is still in the audit log");
        }
        assert!(after.contains("Li Lei") && after.contains("John Roe"), "{backend}: bystanders are kept");
        assert!(person::search(&*db, &Actor::System, "minghua").await.expect(backend).is_empty(), "{backend}");
        let reg = event::registrations::get(&*db, &Actor::System, r).await.expect(backend);
        assert_eq!((reg.name.as_str(), reg.email.as_deref(), reg.party_size), ("[erased]", None, 1), "{backend}: the seat stays");
        let filter = AuditFilter { action: Some("erase".into()), entity: Some("person".into()), ..Default::default() };
        let (entries, _) = db.read().await.expect(backend).list_audit(&filter).await.expect(backend);
        let note = entries[0].after.clone().unwrap_or_default();
        assert!(note.contains("\"contacts\":1") && !note.contains("Zhang"), "{backend}: counted, not shown: {note}");
    }
}

#[tokio::test]
async fn an_erasure_naming_a_missing_record_is_refused_by_its_place_and_erases_nothing() {
    for (backend, db) in each_backend().await {
        let (c, _, _) = office(&db).await;
        let before = audit_text(&db).await;

        let refused = person::erase(&*db, &Actor::System, &all(&[(PersonKind::Contact, c), (PersonKind::Registrant, 99_999)])).await;

        let Err(Error::Validation(v)) = refused else { panic!("{backend}: refused") };
        assert_eq!((v[0].field.as_str(), v[0].code.as_str()), ("records[1].id", "unknown_reference"), "{backend}");
        assert_eq!(audit_text(&db).await, before, "{backend}: nothing redacted");
        assert_eq!(person::search(&*db, &Actor::System, "minghua").await.expect(backend).len(), 3, "{backend}");
    }
}
