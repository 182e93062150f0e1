//! Country groups: insert with members, list, optimistic update that replaces members, delete with
//! its members, a duplicate code, and the partnership list filtered by group.

use amity_core::group::{CountryGroupInput, NewCountryGroup};
use amity_core::partnership::PartnershipFilter;
use amity_core::store::{CountryGroupStore, PartnershipStore, Store, Tx as _};
use amity_store::testing::each_backend;

use crate::support::{SACRAMENTO, WAKAYAMA, at, count, hand_entered, home_unit, linked, put_all};

fn group(code: &str, name_en: &str, members: &[&str]) -> NewCountryGroup {
    let input = CountryGroupInput {
        code: code.into(),
        name_en: name_en.into(),
        name_zh: format!("{name_en}（中文）"),
        source_note: "office decision".into(),
        members: members.iter().map(|m| m.to_string()).collect(),
        on_calendar: false,
        version: None,
    };
    NewCountryGroup::validate(&input).expect("valid group")
}

#[tokio::test]
async fn inserted_group_reads_back_with_sorted_members_and_version_one() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        // Act
        let id = tx.insert_country_group(&group("caribbean", "Caribbean", &["TT", "GY", "JM"]), at(1)).await.expect(backend);
        let got = tx.get_country_group(id).await.expect(backend).expect(backend);
        // Assert
        assert_eq!(
            (got.code.as_str(), got.name_en.as_str(), got.name_zh.as_str()),
            ("caribbean", "Caribbean", "Caribbean（中文）"),
            "{backend}"
        );
        assert_eq!(got.members, ["GY", "JM", "TT"], "{backend}");
        assert_eq!(
            (got.version, got.created_at, got.updated_at, got.source_note.as_deref()),
            (1, at(1), at(1), Some("office decision")),
            "{backend}"
        );
    }
}

#[tokio::test]
async fn groups_list_by_english_name_each_with_its_own_members() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        tx.insert_country_group(&group("caribbean", "Caribbean", &["BB"]), at(1)).await.expect(backend);
        tx.insert_country_group(&group("africa", "Africa", &[]), at(1)).await.expect(backend);
        tx.commit().await.expect(backend);
        let groups = db.read().await.expect(backend).list_country_groups().await.expect(backend);
        let summary: Vec<(&str, usize)> = groups.iter().map(|g| (g.code.as_str(), g.members.len())).collect();
        assert_eq!(summary, [("africa", 0), ("caribbean", 1)], "{backend}");
    }
}

#[tokio::test]
async fn update_with_current_version_replaces_names_and_members_and_a_stale_one_changes_nothing() {
    for (backend, db) in each_backend().await {
        // Arrange
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_country_group(&group("caribbean", "Caribbean", &["GY", "JM"]), at(1)).await.expect(backend);
        // Act
        let changed = tx.update_country_group(id, &group("caribbean", "The Caribbean", &["BB", "SR"]), 1, at(2)).await.expect(backend);
        let stale = tx.update_country_group(id, &group("stale", "Stale", &["FR"]), 1, at(3)).await.expect(backend);
        // Assert
        let got = tx.get_country_group(id).await.expect(backend).expect(backend);
        assert!(changed && !stale, "{backend}");
        assert_eq!((got.name_en.as_str(), got.version, got.updated_at), ("The Caribbean", 2, at(2)), "{backend}");
        assert_eq!(got.members, ["BB", "SR"], "{backend}");
    }
}

#[tokio::test]
async fn deleting_a_group_takes_its_members_with_it() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_country_group(&group("caribbean", "Caribbean", &["GY", "JM"]), at(1)).await.expect(backend);
        tx.commit().await.expect(backend);
        let mut tx = db.begin().await.expect(backend);
        assert!(tx.delete_country_group(id).await.expect(backend), "{backend}");
        assert!(!tx.delete_country_group(id).await.expect(backend), "{backend}: gone already");
        tx.commit().await.expect(backend);
        assert_eq!(count(&db, "country_group_members").await, 0, "{backend}");
    }
}

#[tokio::test]
async fn a_second_group_with_the_same_code_is_a_conflict_on_code() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        tx.insert_country_group(&group("caribbean", "Caribbean", &[]), at(1)).await.expect(backend);
        let err = tx.insert_country_group(&group("caribbean", "Caribbean again", &[]), at(1)).await.expect_err(backend);
        assert!(matches!(err, amity_core::Error::Conflict { ref field, .. } if field == "code"), "{backend}: {err:?}");
    }
}

#[tokio::test]
async fn the_partnership_list_filtered_by_group_shows_partners_in_member_countries_only() {
    for (backend, db) in each_backend().await {
        // Arrange: partners in the US, Japan and Argentina; groups with JP, with AR and JP, and empty.
        let home = home_unit(&db).await;
        put_all(
            &db,
            &[linked(home, SACRAMENTO, "1985-04", &[]), linked(home, WAKAYAMA, "1983", &[]), hand_entered(home, "Rosario", "AR", "")],
        )
        .await;
        let mut tx = db.begin().await.expect(backend);
        let japan = tx.insert_country_group(&group("japan", "Japan only", &["JP"]), at(1)).await.expect(backend);
        let mixed = tx.insert_country_group(&group("mixed", "Mixed", &["AR", "JP"]), at(1)).await.expect(backend);
        let empty = tx.insert_country_group(&group("empty", "Empty", &[]), at(1)).await.expect(backend);
        tx.commit().await.expect(backend);
        let names = |group: i64| {
            let db = &db;
            async move {
                let filter = PartnershipFilter { group: Some(group), ..Default::default() };
                let (items, total) = db.read().await.expect("read").list_partnerships(&filter).await.expect("list");
                (items.into_iter().map(|p| p.city.name_en).collect::<Vec<_>>(), total)
            }
        };
        // Act / Assert
        assert_eq!(names(japan).await, (vec!["Wakayama".to_string()], 1), "{backend}");
        assert_eq!(names(mixed).await, (vec!["Rosario".to_string(), "Wakayama".to_string()], 2), "{backend}");
        assert_eq!(names(empty).await, (Vec::<String>::new(), 0), "{backend}");
        assert_eq!(names(9999).await.1, 0, "{backend}: an unknown group matches nothing");
    }
}
