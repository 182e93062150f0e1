//! The gift registry: insert and read back (partial date, value in minor units), filters, the
//! photo as a stored file (owner, replaced, deleted with its gift).

use amity_core::file::{FileOwner, NewFile, Upload};
use amity_core::gift::{DisclosureStatus, GiftDirection, GiftFilter, GiftInput, NewGift};
use amity_core::store::{FileStore, GiftStore, Store, Tx as _};
use amity_core::{Paging, PartialDate};
use amity_store::testing::each_backend;

use crate::support::{SACRAMENTO, at, count, home_unit, linked, put_all};

fn gift(direction: &str, on: &str, partnership: Option<i64>, disclosure: &str, value: &str) -> NewGift {
    let input = GiftInput {
        direction: direction.into(),
        given_on: on.into(),
        partnership_id: partnership,
        description: format!("gift of {on}"),
        value: value.into(),
        currency: if value.is_empty() { String::new() } else { "CNY".into() },
        disclosure: disclosure.into(),
        ..Default::default()
    };
    NewGift::validate(&input).expect("valid gift")
}

fn photo() -> NewFile {
    let png = vec![0x89, b'P', b'N', b'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 1, 2, 255];
    NewFile::validate("photo", Upload { file_name: "桜.png".into(), declared_type: "image/png".into(), bytes: png }, true).expect("png")
}

#[tokio::test]
async fn a_gift_reads_back_with_its_partial_date_and_exact_decimal_value() {
    for (backend, db) in each_backend().await {
        let home = home_unit(&db).await;
        let p = put_all(&db, &[linked(home, SACRAMENTO, "1985-04", &[])]).await[0];
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_gift(&gift("received", "1993", Some(p), "not_required", "1234567.89"), at(1)).await.expect(backend);
        let g = tx.get_gift(id).await.expect(backend).expect(backend);
        assert_eq!((g.direction, g.given_on, g.partnership_id), (GiftDirection::Received, PartialDate::Year(1993), Some(p)), "{backend}");
        assert_eq!(
            (g.value.as_deref(), g.value_minor, g.currency.as_deref()),
            (Some("1234567.89"), Some(123_456_789), Some("CNY")),
            "{backend}"
        );
        assert_eq!((g.disclosure, g.photo.is_none(), g.version), (DisclosureStatus::NotRequired, true, 1), "{backend}");
    }
}

async fn ids(tx: &mut amity_store::Tx, f: GiftFilter) -> Vec<i64> {
    tx.list_gifts(&f).await.expect("list").0.iter().map(|g| g.id).collect()
}

#[tokio::test]
async fn the_registry_filters_by_direction_year_partnership_and_disclosure() {
    for (backend, db) in each_backend().await {
        let home = home_unit(&db).await;
        let p = put_all(&db, &[linked(home, SACRAMENTO, "1985-04", &[])]).await[0];
        let mut tx = db.begin().await.expect(backend);
        let a = tx.insert_gift(&gift("received", "1993", Some(p), "not_required", ""), at(1)).await.expect(backend);
        let b = tx.insert_gift(&gift("given", "1993-05-02", None, "pending", "100"), at(1)).await.expect(backend);
        let c = tx.insert_gift(&gift("received", "2019-11", Some(p), "handed_over", ""), at(1)).await.expect(backend);
        tx.commit().await.expect(backend);
        let mut tx = db.read().await.expect(backend);
        assert_eq!(ids(&mut tx, GiftFilter::default()).await, [c, b, a], "{backend}: newest first");
        assert_eq!(ids(&mut tx, GiftFilter { year: Some(1993), ..Default::default() }).await, [b, a], "{backend}");
        assert_eq!(ids(&mut tx, GiftFilter { direction: Some(GiftDirection::Received), ..Default::default() }).await, [c, a], "{backend}");
        assert_eq!(ids(&mut tx, GiftFilter { partnership: Some(p), year: Some(2019), ..Default::default() }).await, [c], "{backend}");
        assert_eq!(ids(&mut tx, GiftFilter { disclosure: Some(DisclosureStatus::Pending), ..Default::default() }).await, [b], "{backend}");
        let (page, total) =
            tx.list_gifts(&GiftFilter { paging: Paging::new(Some(2), Some(2)), ..Default::default() }).await.expect(backend);
        assert_eq!((page.len(), total), (1, 3), "{backend}");
    }
}

#[tokio::test]
async fn the_photo_is_a_stored_file_owned_by_its_gift_and_deleted_with_it() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_gift(&gift("given", "2024", None, "not_required", ""), at(1)).await.expect(backend);
        let f = tx.insert_file(&photo(), None, at(1)).await.expect(backend);
        tx.set_gift_photo(id, Some(f)).await.expect(backend);
        let g = tx.get_gift(id).await.expect(backend).expect(backend);
        let info = g.photo.expect("photo");
        assert_eq!((info.id, info.file_name.as_str(), info.content_type.as_str()), (f, "桜.png", "image/png"), "{backend}");
        assert_eq!(tx.file_owner(f).await.expect(backend), Some(FileOwner::Gift(id)), "{backend}");
        assert!(tx.delete_gift(id).await.expect(backend), "{backend}");
        tx.commit().await.expect(backend);
        assert_eq!((count(&db, "gifts").await, count(&db, "files").await), (0, 0), "{backend}");
    }
}

#[tokio::test]
async fn a_value_typed_with_thousands_separators_is_kept_in_minor_units_of_its_currency() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        let typed =
            [("1,200", "CNY", 120_000, "1200.00"), ("１，２００．５０", "CNY", 120_050, "1200.50"), ("30 000", "JPY", 30_000, "30000")];
        for (value, currency, minor, plain) in typed {
            let input = GiftInput {
                direction: "given".into(),
                given_on: "2024".into(),
                description: "a vase".into(),
                value: value.into(),
                currency: currency.into(),
                disclosure: "not_required".into(),
                ..Default::default()
            };
            let id = tx.insert_gift(&NewGift::validate(&input).expect(value), at(1)).await.expect(backend);
            let g = tx.get_gift(id).await.expect(backend).expect(backend);
            assert_eq!((g.value_minor, g.value.as_deref()), (Some(minor), Some(plain)), "{backend} {value}");
        }
    }
}
