//! Activities, delegations and gifts keep their text in both languages (migration 0022): what is
//! saved in English and Chinese reads back in both, from the record, the lists, the calendar's
//! spans and the overdue commitments, and the Chinese is found by the list search.

use amity_core::activity::{ActivityFilter, ActivityInput, CommitmentInput, NewActivity, NewCommitment};
use amity_core::delegation::{DelegationFilter, DelegationInput, NewDelegation};
use amity_core::gift::{GiftFilter, GiftInput, NewGift};
use amity_core::store::{ActivityStore, DelegationStore, GiftStore, Store};
use amity_store::testing::each_backend;
use chrono::NaiveDate;

use crate::support::{SACRAMENTO, at, home_unit, linked, put_all};

fn activity(unit: i64, partnership: i64) -> NewActivity {
    let input = ActivityInput {
        kind: "meeting".into(),
        title: "Talks on the youth programme".into(),
        title_zh: "青少年交流项目会谈".into(),
        summary: "Both sides agreed a plan.".into(),
        summary_zh: "双方商定了计划。".into(),
        start_on: "2023-05-10".into(),
        status: "done".into(),
        owner_unit_id: Some(unit),
        partnership_ids: vec![partnership],
        ..Default::default()
    };
    NewActivity::validate(&input).expect("valid activity")
}

fn delegation(unit: i64, partnership: i64) -> NewDelegation {
    let input = DelegationInput {
        direction: "inbound".into(),
        title: "Sacramento delegation".into(),
        title_zh: "萨克拉门托代表团来访".into(),
        purpose: "Youth exchange".into(),
        purpose_zh: "青少年交流".into(),
        partnership_ids: vec![partnership],
        owner_unit_id: Some(unit),
        starts_on: "2023-05-10".into(),
        ends_on: "2023-05-12".into(),
        ..Default::default()
    };
    NewDelegation::validate(&input).expect("valid delegation")
}

fn gift(partnership: i64) -> NewGift {
    let input = GiftInput {
        direction: "received".into(),
        given_on: "1993".into(),
        partnership_id: Some(partnership),
        description: "Over 100 cherry saplings".into(),
        description_zh: "樱花树苗100余株".into(),
        occasion: "10th anniversary".into(),
        occasion_zh: "结好10周年".into(),
        disclosure: "not_required".into(),
        ..Default::default()
    };
    NewGift::validate(&input).expect("valid gift")
}

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

#[tokio::test]
async fn text_saved_in_both_languages_reads_back_in_both_and_the_chinese_is_searched() {
    for (backend, db) in each_backend().await {
        // Arrange
        let home = home_unit(&db).await;
        let p = put_all(&db, &[linked(home, SACRAMENTO, "1985-04", &[])]).await[0];
        let mut tx = db.begin().await.expect(backend);
        // Act
        let a = tx.insert_activity(&activity(home, p), at(1)).await.expect(backend);
        let promise = CommitmentInput { what: "Send the plan".into(), due_on: "2023-06-01".into(), ..Default::default() };
        let promise = NewCommitment::validate("", &promise, None).expect("valid commitment");
        tx.insert_commitment(a, &promise, at(1)).await.expect(backend);
        let d = tx.insert_delegation(&delegation(home, p), at(1)).await.expect(backend);
        let g = tx.insert_gift(&gift(p), at(1)).await.expect(backend);
        // Assert
        let got = tx.get_activity(a).await.expect(backend).expect(backend);
        assert_eq!((got.title_in(true), got.title_in(false)), ("青少年交流项目会谈", "Talks on the youth programme"), "{backend}");
        assert_eq!(got.summary_zh.as_deref(), Some("双方商定了计划。"), "{backend}");
        let q = |s: &str| ActivityFilter { q: Some(s.into()), ..Default::default() };
        assert_eq!(tx.list_activities(&q("项目会谈")).await.expect(backend).1, 1, "{backend}: the Chinese title is searched");
        assert_eq!(tx.list_activities(&q("商定")).await.expect(backend).1, 1, "{backend}: the Chinese summary is searched");
        let overdue = tx.overdue_commitments(day("2024-01-01")).await.expect(backend);
        assert_eq!(overdue[0].activity_title_zh, "青少年交流项目会谈", "{backend}");

        let got = tx.get_delegation(d).await.expect(backend).expect(backend);
        assert_eq!((got.title_zh.as_str(), got.purpose_zh.as_deref()), ("萨克拉门托代表团来访", Some("青少年交流")), "{backend}");
        let found = tx.list_delegations(&DelegationFilter { q: Some("代表团".into()), ..Default::default() }).await.expect(backend);
        assert_eq!((found.1, found.0[0].title_in(true)), (1, "萨克拉门托代表团来访"), "{backend}: list rows carry both");
        let spans = tx.delegations_overlapping(day("2023-05-01"), day("2023-05-31")).await.expect(backend);
        assert_eq!(spans[0].title_in(true), "萨克拉门托代表团来访", "{backend}: the calendar's spans carry both");

        let got = tx.get_gift(g).await.expect(backend).expect(backend);
        assert_eq!((got.description_in(true), got.occasion_in(true)), ("樱花树苗100余株", Some("结好10周年")), "{backend}");
        assert_eq!(got.description_in(false), "Over 100 cherry saplings", "{backend}");
        let listed = tx.list_gifts(&GiftFilter::default()).await.expect(backend).0;
        assert_eq!(listed[0].description_zh, "樱花树苗100余株", "{backend}");
    }
}

#[tokio::test]
async fn an_update_through_the_column_lists_changes_both_languages() {
    for (backend, db) in each_backend().await {
        // Arrange
        let home = home_unit(&db).await;
        let p = put_all(&db, &[linked(home, SACRAMENTO, "1985-04", &[])]).await[0];
        let mut tx = db.begin().await.expect(backend);
        let g = tx.insert_gift(&gift(p), at(1)).await.expect(backend);
        let d = tx.insert_delegation(&delegation(home, p), at(1)).await.expect(backend);
        let mut new_gift = gift(p);
        (new_gift.description, new_gift.description_zh, new_gift.occasion_zh) = (String::new(), "樱花树苗".into(), None);
        let mut new_delegation = delegation(home, p);
        (new_delegation.title, new_delegation.title_zh) = (String::new(), "萨克拉门托青年代表团".into());
        // Act
        let gift_saved = tx.update_gift(g, &new_gift, 1, at(2)).await.expect(backend);
        let stale = tx.update_gift(g, &new_gift, 1, at(2)).await.expect(backend);
        let delegation_saved = tx.update_delegation(d, &new_delegation, 1, at(2)).await.expect(backend);
        // Assert
        assert!(gift_saved && !stale, "{backend}: the version is checked");
        let got = tx.get_gift(g).await.expect(backend).expect(backend);
        assert_eq!((got.description_in(false), got.occasion_in(true), got.version), ("樱花树苗", Some("10th anniversary"), 2), "{backend}");
        assert!(delegation_saved, "{backend}");
        let got = tx.get_delegation(d).await.expect(backend).expect(backend);
        assert_eq!((got.title.as_str(), got.title_in(false)), ("", "萨克拉门托青年代表团"), "{backend}: English readers fall back");
    }
}
