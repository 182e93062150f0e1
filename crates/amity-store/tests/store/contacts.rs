//! Contacts: insert and read back (languages, optional fields), list order, optimistic update,
//! delete, a missing partnership, contacts going with their partnership, and the office-wide list's
//! filters (country group, country, text) with each contact's partner city.

use amity_core::contact::{self, ContactFilter, ContactInput, ContactSide, NewContact};
use amity_core::group::{self, CountryGroupInput};
use amity_core::store::{ContactStore, PartnershipStore, Store, Tx as _};
use amity_core::{Actor, Error, Paging};
use amity_store::Db;
use amity_store::testing::each_backend;

use crate::support::{SACRAMENTO, WAKAYAMA, at, count, home_unit, linked, put_all};

fn contact(side: &str, native: &str, romanised: &str) -> NewContact {
    let input = ContactInput {
        side: side.into(),
        name_native: native.into(),
        name_romanised: romanised.into(),
        title: "Director".into(),
        organisation: "International Affairs Division".into(),
        email: "intl@example.org".into(),
        phone: "+1 (916) 555-0100".into(),
        languages: vec!["en".into(), "Spanish".into()],
        ..Default::default()
    };
    NewContact::validate(&input).expect("valid contact")
}

/// A home unit and one partnership; returns the partnership's id.
async fn partnership(db: &Db) -> i64 {
    let home = home_unit(db).await;
    put_all(db, &[linked(home, SACRAMENTO, "1985-04", &[])]).await[0]
}

#[tokio::test]
async fn inserted_contact_reads_back_with_its_languages_and_version_one() {
    for (backend, db) in each_backend().await {
        // Arrange
        let p = partnership(&db).await;
        let mut tx = db.begin().await.expect(backend);
        // Act
        let id = tx.insert_contact(p, &contact("partner", "", "Jane Doe"), at(1)).await.expect(backend);
        let got = tx.get_contact(id).await.expect(backend).expect(backend);
        // Assert
        assert_eq!(
            (got.partnership_id, got.side, got.name_native.as_deref(), got.name_romanised.as_deref()),
            (p, ContactSide::Partner, None, Some("Jane Doe")),
            "{backend}"
        );
        assert_eq!(got.languages, ["en", "Spanish"], "{backend}");
        assert_eq!(
            (got.email.as_deref(), got.phone.as_deref(), got.notes.as_deref()),
            (Some("intl@example.org"), Some("+1 (916) 555-0100"), None),
            "{backend}"
        );
        assert_eq!((got.version, got.created_at, got.updated_at), (1, at(1), at(1)), "{backend}");
    }
}

#[tokio::test]
async fn contacts_list_our_side_first_then_by_name() {
    for (backend, db) in each_backend().await {
        let p = partnership(&db).await;
        let mut tx = db.begin().await.expect(backend);
        tx.insert_contact(p, &contact("partner", "", "Zoe Adams"), at(1)).await.expect(backend);
        tx.insert_contact(p, &contact("partner", "", "Ann Baker"), at(1)).await.expect(backend);
        tx.insert_contact(p, &contact("home", "王芳", "Wang Fang"), at(1)).await.expect(backend);
        tx.commit().await.expect(backend);
        let list = db.read().await.expect(backend).list_contacts(p).await.expect(backend);
        let names: Vec<&str> = list.iter().map(|c| c.name_romanised.as_deref().unwrap_or("")).collect();
        assert_eq!(names, ["Wang Fang", "Ann Baker", "Zoe Adams"], "{backend}");
        assert!(db.read().await.expect(backend).list_contacts(p + 1).await.expect(backend).is_empty(), "{backend}");
    }
}

#[tokio::test]
async fn update_with_current_version_changes_the_contact_and_a_stale_one_changes_nothing() {
    for (backend, db) in each_backend().await {
        // Arrange
        let p = partnership(&db).await;
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_contact(p, &contact("partner", "", "Jane Doe"), at(1)).await.expect(backend);
        // Act
        let changed = tx.update_contact(id, &contact("partner", "ジェーン", "Jane Doe-Smith"), 1, at(2)).await.expect(backend);
        let stale = tx.update_contact(id, &contact("home", "", "Stale"), 1, at(3)).await.expect(backend);
        // Assert
        let got = tx.get_contact(id).await.expect(backend).expect(backend);
        assert!(changed && !stale, "{backend}");
        assert_eq!(
            (got.name_native.as_deref(), got.name_romanised.as_deref(), got.version),
            (Some("ジェーン"), Some("Jane Doe-Smith"), 2),
            "{backend}"
        );
        assert_eq!((got.created_at, got.updated_at), (at(1), at(2)), "{backend}");
    }
}

#[tokio::test]
async fn a_deleted_contact_is_gone() {
    for (backend, db) in each_backend().await {
        let p = partnership(&db).await;
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_contact(p, &contact("partner", "", "Jane Doe"), at(1)).await.expect(backend);
        assert!(tx.delete_contact(id).await.expect(backend), "{backend}");
        assert!(!tx.delete_contact(id).await.expect(backend), "{backend}");
        assert!(tx.get_contact(id).await.expect(backend).is_none(), "{backend}");
    }
}

#[tokio::test]
async fn a_contact_of_a_missing_partnership_is_refused_as_invalid() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        let err = tx.insert_contact(4242, &contact("partner", "", "Nobody"), at(1)).await.expect_err(backend);
        assert!(matches!(err, amity_core::Error::Validation(ref f) if f[0].field == "partnership_id"), "{backend}: {err:?}");
    }
}

#[tokio::test]
async fn contacts_go_with_their_partnership() {
    for (backend, db) in each_backend().await {
        let p = partnership(&db).await;
        let mut tx = db.begin().await.expect(backend);
        tx.insert_contact(p, &contact("partner", "", "Jane Doe"), at(1)).await.expect(backend);
        tx.commit().await.expect(backend);
        let mut tx = db.begin().await.expect(backend);
        assert!(tx.delete_partnership(p).await.expect(backend), "{backend}");
        tx.commit().await.expect(backend);
        assert_eq!(count(&db, "contacts").await, 0, "{backend}");
    }
}

#[tokio::test]
async fn contacts_are_found_by_any_part_of_a_name_in_any_script() {
    for (backend, db) in each_backend().await {
        // Arrange
        let p = partnership(&db).await;
        let mut tx = db.begin().await.expect(backend);
        tx.insert_contact(p, &contact("home", "王芳", "Wang Fang"), at(1)).await.expect(backend);
        tx.insert_contact(p, &contact("partner", "", "Zoë Adams"), at(1)).await.expect(backend);
        tx.commit().await.expect(backend);
        // Act
        let mut tx = db.read().await.expect(backend);
        let by_hanzi = tx.search_contacts("王", 10).await.expect(backend);
        let by_folded = tx.search_contacts("zoe", 10).await.expect(backend);
        let by_wildcard = tx.search_contacts("%", 10).await.expect(backend);
        // Assert
        assert_eq!(by_hanzi.len(), 1, "{backend}");
        assert_eq!(by_folded[0].name_romanised.as_deref(), Some("Zoë Adams"), "{backend}: diacritics folded");
        assert!(by_wildcard.is_empty(), "{backend}: % is matched literally");
    }
}

async fn listed(db: &Db, f: ContactFilter) -> amity_core::Result<amity_core::Page<contact::ListedContact>> {
    contact::list_all(db, &Actor::System, &f).await
}

#[tokio::test]
async fn the_office_wide_list_filters_by_group_country_and_text_and_names_the_partner_city() {
    for (backend, db) in each_backend().await {
        // Arrange: Sacramento (US) and Wakayama (JP), a contact on each side, and a group of Japan.
        let home = home_unit(&db).await;
        let p = put_all(&db, &[linked(home, SACRAMENTO, "1985-04", &[]), linked(home, WAKAYAMA, "1983-01-14", &[])]).await;
        let mut tx = db.begin().await.expect(backend);
        let doe = tx.insert_contact(p[0], &contact("partner", "", "Jane Doe"), at(1)).await.expect(backend);
        let sato = tx.insert_contact(p[1], &contact("partner", "佐藤花子", "Sato Hanako"), at(1)).await.expect(backend);
        let wang = tx.insert_contact(p[1], &contact("home", "王芳", "Wang Fang"), at(1)).await.expect(backend);
        tx.commit().await.expect(backend);
        let japan = CountryGroupInput {
            code: "japan".into(),
            name_en: "Japan".into(),
            name_zh: "日本".into(),
            members: vec!["JP".into()],
            ..Default::default()
        };
        let jp = group::create(&*db, &Actor::System, japan).await.expect(backend).id;
        let list = |f: ContactFilter| listed(&db, f);
        let ids = |page: &amity_core::Page<contact::ListedContact>| page.items.iter().map(|c| c.contact.id).collect::<Vec<_>>();

        // Act
        let in_group = list(ContactFilter { group: Some(jp), ..Default::default() }).await.expect(backend);
        let everyone = list(ContactFilter::default()).await.expect(backend);
        let in_us = list(ContactFilter { country: Some("us".into()), ..Default::default() }).await.expect(backend);
        let by_city = list(ContactFilter { q: Some("wakayama".into()), ..Default::default() }).await.expect(backend);
        let by_name = list(ContactFilter { q: Some("佐藤".into()), ..Default::default() }).await.expect(backend);
        let second =
            list(ContactFilter { group: Some(jp), paging: Paging::new(Some(2), Some(1)), ..Default::default() }).await.expect(backend);
        let unknown = list(ContactFilter { group: Some(jp + 1000), ..Default::default() }).await.expect_err(backend);

        // Assert: by partner city (Sacramento, then Wakayama), our side first, then by name.
        assert_eq!((ids(&in_group), in_group.total), (vec![wang, sato], 2), "{backend}");
        assert_eq!(ids(&everyone), [doe, wang, sato], "{backend}");
        assert_eq!((ids(&in_us), ids(&by_city), ids(&by_name)), (vec![doe], vec![wang, sato], vec![sato]), "{backend}");
        assert_eq!((ids(&second), second.total), (vec![sato], 2), "{backend}");
        let w = &in_group.items[0];
        assert_eq!((w.partner_city.as_str(), w.partner_country.as_str(), w.contact.partnership_id), ("Wakayama", "JP", p[1]), "{backend}");
        assert!(matches!(unknown, Error::Validation(ref f) if f[0].field == "group" && f[0].code == "unknown_group"), "{backend}");
    }
}
