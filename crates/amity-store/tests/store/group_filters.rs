//! Every list's country-group filter in the store, on both backends: activities and gifts by the
//! partnership they name; events by their country, an invited or a co-organising partnership;
//! delegations by a country visited or sending, or a partnership; an unknown group refused naming
//! `group` (the partnership list's own group filter is tested in `groups.rs`).

use amity_core::activity::{self, ActivityFilter, ActivityInput};
use amity_core::delegation::{self, DelegationFilter, DelegationInput};
use amity_core::event::{self, EventFilter, EventInput};
use amity_core::gift::{self, GiftFilter, GiftInput};
use amity_core::group::{self, CountryGroupInput};
use amity_core::{Actor, Error};
use amity_store::Db;
use amity_store::testing::each_backend;

use crate::support::{SACRAMENTO, WAKAYAMA, home_unit, linked, put_all};

/// The home unit, Sacramento (US) and Wakayama (JP), and a group of Japan alone: (unit, sacramento, wakayama, group).
async fn setup(db: &Db) -> (i64, i64, i64, i64) {
    let unit = home_unit(db).await;
    let p = put_all(db, &[linked(unit, SACRAMENTO, "1985-04", &[]), linked(unit, WAKAYAMA, "1983-01-14", &[])]).await;
    let input = CountryGroupInput {
        code: "japan".into(),
        name_en: "Japan".into(),
        name_zh: "日本".into(),
        members: vec!["JP".into()],
        ..Default::default()
    };
    let g = group::create(db, &Actor::System, input).await.expect("group");
    (unit, p[0], p[1], g.id)
}

fn refused_on_group(e: Error) -> bool {
    matches!(e, Error::Validation(f) if f.len() == 1 && f[0].field == "group" && f[0].code == "unknown_group")
}

#[tokio::test]
async fn activities_and_gifts_are_in_a_group_by_the_partnership_they_name() {
    for (backend, db) in each_backend().await {
        let (unit, sac, wak, jp) = setup(&db).await;
        let act = |p: i64, title: &str| ActivityInput {
            kind: "meeting".into(),
            title: title.into(),
            start_on: "2024-05".into(),
            status: "done".into(),
            owner_unit_id: Some(unit),
            partnership_ids: vec![p],
            ..Default::default()
        };
        let inside = activity::create(&*db, &Actor::System, act(wak, "Tea ceremony")).await.expect(backend).id;
        activity::create(&*db, &Actor::System, act(sac, "Poetry contest")).await.expect(backend);
        let got = activity::list(&*db, &Actor::System, &ActivityFilter { group: Some(jp), ..Default::default() }).await.expect(backend);
        assert_eq!((got.items.iter().map(|a| a.id).collect::<Vec<_>>(), got.total), (vec![inside], 1), "{backend}");

        let gift = |p: i64, what: &str| GiftInput {
            direction: "received".into(),
            given_on: "2024".into(),
            partnership_id: Some(p),
            description: what.into(),
            disclosure: "not_required".into(),
            ..Default::default()
        };
        let g_in = gift::create(&*db, &Actor::System, gift(wak, "Lacquer box"), None).await.expect(backend).id;
        gift::create(&*db, &Actor::System, gift(sac, "Print"), None).await.expect(backend);
        let got = gift::list(&*db, &Actor::System, &GiftFilter { group: Some(jp), ..Default::default() }).await.expect(backend);
        assert_eq!(got.items.iter().map(|g| g.id).collect::<Vec<_>>(), [g_in], "{backend}");

        let unknown = Some(jp + 1000);
        let e = activity::list(&*db, &Actor::System, &ActivityFilter { group: unknown, ..Default::default() }).await.expect_err(backend);
        assert!(refused_on_group(e), "{backend}");
        let e = gift::list(&*db, &Actor::System, &GiftFilter { group: unknown, ..Default::default() }).await.expect_err(backend);
        assert!(refused_on_group(e), "{backend}");
    }
}

#[tokio::test]
async fn events_and_delegations_are_in_a_group_by_a_partnership_or_a_country() {
    for (backend, db) in each_backend().await {
        let (unit, sac, wak, jp) = setup(&db).await;
        let ev = |title: &str, invited: Vec<i64>, co: Vec<i64>, country: &str| EventInput {
            kind: "forum".into(),
            title_en: title.into(),
            planned_on: "2031".into(),
            time_zone: "Asia/Shanghai".into(),
            organiser_unit_id: Some(unit),
            invited_partnership_ids: invited,
            co_organiser_partnership_ids: co,
            country_code: country.into(),
            status: "planned".into(),
            ..Default::default()
        };
        let invited = event::create(&*db, &Actor::System, ev("Invited", vec![wak], vec![], "")).await.expect(backend).id;
        let co = event::create(&*db, &Actor::System, ev("Co-organised", vec![], vec![wak], "")).await.expect(backend).id;
        let by_country = event::create(&*db, &Actor::System, ev("In Japan", vec![], vec![], "JP")).await.expect(backend).id;
        event::create(&*db, &Actor::System, ev("Elsewhere", vec![sac], vec![sac], "US")).await.expect(backend);
        let got = event::list(&*db, &Actor::System, &EventFilter { group: Some(jp), ..Default::default() }).await.expect(backend);
        let mut ids: Vec<i64> = got.items.iter().map(|e| e.id).collect();
        ids.sort_unstable();
        assert_eq!(ids, [invited, co, by_country], "{backend}");

        let visit = |title: &str, partnerships: Vec<i64>, countries: Vec<&str>| DelegationInput {
            direction: "outbound".into(),
            title: title.into(),
            partnership_ids: partnerships,
            countries: countries.into_iter().map(String::from).collect(),
            owner_unit_id: Some(unit),
            starts_on: "2031-04-01".into(),
            ends_on: "2031-04-03".into(),
            ..Default::default()
        };
        let d_partner = delegation::create(&*db, &Actor::System, visit("To Wakayama", vec![wak], vec![])).await.expect(backend).id;
        let d_country = delegation::create(&*db, &Actor::System, visit("To Tokyo", vec![], vec!["JP"])).await.expect(backend).id;
        delegation::create(&*db, &Actor::System, visit("To Sacramento", vec![sac], vec!["US"])).await.expect(backend);
        let got = delegation::list(&*db, &Actor::System, &DelegationFilter { group: Some(jp), ..Default::default() }).await.expect(backend);
        let mut ids: Vec<i64> = got.items.iter().map(|d| d.id).collect();
        ids.sort_unstable();
        assert_eq!((ids, got.total), (vec![d_partner, d_country], 2), "{backend}");

        let unknown = Some(jp + 1000);
        let e = event::list(&*db, &Actor::System, &EventFilter { group: unknown, ..Default::default() }).await.expect_err(backend);
        assert!(refused_on_group(e), "{backend}");
        let e =
            delegation::list(&*db, &Actor::System, &DelegationFilter { group: unknown, ..Default::default() }).await.expect_err(backend);
        assert!(refused_on_group(e), "{backend}");
    }
}
