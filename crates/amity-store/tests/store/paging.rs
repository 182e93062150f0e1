//! The paged lists of users, tokens, fields, event series and country groups: each page in the
//! order of the whole list, with the total of every row.

use amity_core::Paging;
use amity_core::auth::NewApiToken;
use amity_core::event::NewEventSeries;
use amity_core::group::{CountryGroupInput, NewCountryGroup};
use amity_core::store::{CountryGroupStore, EventStore, FieldStore, Store, TokenStore, UserStore};
use amity_store::testing::each_backend;

use crate::support::{at, home_unit, put_user};

fn paging(page: u32, per_page: u32) -> Paging {
    Paging::new(Some(page), Some(per_page))
}

#[tokio::test]
async fn each_list_pages_in_its_own_order_and_counts_every_row() {
    for (backend, db) in each_backend().await {
        // Arrange
        for name in ["wang", "chen", "li"] {
            put_user(&db, name).await;
        }
        let user = put_user(&db, "zhao").await;
        let unit = home_unit(&db).await;
        let mut tx = db.begin().await.expect(backend);
        for (i, name) in ["sync", "report", "backup"].iter().enumerate() {
            let t =
                NewApiToken { user_id: user, name: (*name).into(), prefix: format!("amity_{name}"), token_hash: format!("hash-{name}") };
            tx.insert_token(&t, at(u32::try_from(i).expect("day") + 1)).await.expect(backend);
        }
        for name in ["Summit", "Forum", "Festival"] {
            let s = NewEventSeries { name_en: name.into(), name_zh: "系列".into(), description: None, owner_unit_id: unit };
            tx.insert_event_series(&s, at(1)).await.expect(backend);
        }
        for (code, name) in [("c", "Caribbean"), ("a", "Africa"), ("b", "Baltic")] {
            let input = CountryGroupInput { code: code.into(), name_en: name.into(), name_zh: name.into(), ..Default::default() };
            tx.insert_country_group(&NewCountryGroup::validate(&input).expect("group"), at(1)).await.expect(backend);
        }
        // Act
        let users = tx.page_users(&paging(2, 2)).await.expect(backend);
        let tokens = tx.page_tokens(user, &paging(1, 2)).await.expect(backend);
        let fields = tx.page_fields(&paging(3, 5)).await.expect(backend);
        let series = tx.page_event_series(&paging(2, 2)).await.expect(backend);
        let groups = tx.page_country_groups(&paging(1, 2)).await.expect(backend);
        // Assert
        let names = |v: Vec<String>| v.join(",");
        assert_eq!((names(users.0.into_iter().map(|u| u.username).collect()), users.1), ("wang,zhao".into(), 4), "{backend}");
        assert_eq!(
            (names(tokens.0.into_iter().map(|t| t.name).collect()), tokens.1),
            ("backup,report".into(), 3),
            "newest first on {backend}"
        );
        assert_eq!((fields.0.len(), fields.1), (2, 12), "the twelve seeded fields on {backend}");
        assert_eq!((names(series.0.into_iter().map(|s| s.name_en).collect()), series.1), ("Summit".into(), 3), "{backend}");
        assert_eq!((names(groups.0.into_iter().map(|g| g.name_en).collect()), groups.1), ("Africa,Baltic".into(), 3), "{backend}");
        let codes = |v: Vec<amity_core::field::CooperationField>| v.into_iter().map(|f| f.code).collect::<Vec<_>>();
        let all = codes(tx.list_fields().await.expect(backend));
        assert_eq!(codes(tx.page_fields(&paging(1, 500)).await.expect(backend).0), all, "one page of 500 is the whole list on {backend}");
    }
}
