//! The countries of interest of the calendar on both backends: the office's list (who and when, a
//! duplicate refused, removal), members of groups flagged for the calendar, countries of open events
//! and of delegations not yet completed; an event whose last day has passed no longer counts.

use amity_core::Actor;
use amity_core::Error;
use amity_core::delegation::{self, DelegationInput};
use amity_core::event::{self, EventInput, EventKind};
use amity_core::group::{CountryGroupInput, NewCountryGroup};
use amity_core::store::{CalendarInterestStore, CountryGroupStore, Store, Tx as _};
use amity_store::testing::each_backend;

use crate::support::{at, home_unit, put_user, raw};

fn group(code: &str, members: &[&str], on_calendar: bool) -> NewCountryGroup {
    let input = CountryGroupInput {
        code: code.into(),
        name_en: format!("Group {code}"),
        name_zh: format!("{code}组"),
        members: members.iter().map(|m| m.to_string()).collect(),
        on_calendar,
        ..Default::default()
    };
    NewCountryGroup::validate(&input).expect("valid group")
}

#[tokio::test]
async fn listed_countries_keep_who_and_when_refuse_a_duplicate_and_can_be_removed() {
    for (backend, db) in each_backend().await {
        let user = put_user(&db, "lina").await;
        let mut tx = db.begin().await.expect(backend);
        tx.insert_calendar_country("TT", Some(user), at(2)).await.expect(backend);
        tx.insert_calendar_country("KE", None, at(3)).await.expect(backend);
        tx.commit().await.expect(backend);
        let mut tx = db.begin().await.expect(backend);
        let dup = tx.insert_calendar_country("TT", None, at(4)).await;
        assert!(matches!(dup, Err(Error::Conflict { ref field, .. }) if field == "country"), "{backend}: {dup:?}");
        drop(tx);

        let mut tx = db.begin().await.expect(backend);
        let list = tx.list_calendar_countries().await.expect(backend);
        let got: Vec<(&str, Option<i64>, bool, _)> =
            list.iter().map(|c| (c.country.as_str(), c.added_by, c.added_by_name.is_some(), c.added_at)).collect();
        assert_eq!(got, [("KE", None, false, at(3)), ("TT", Some(user), true, at(2))], "{backend}: by code, with who and when");
        assert!(tx.delete_calendar_country("TT").await.expect(backend), "{backend}");
        assert!(!tx.delete_calendar_country("TT").await.expect(backend), "{backend}: gone already");
        assert_eq!(tx.list_calendar_countries().await.expect(backend).len(), 1, "{backend}");
    }
}

#[tokio::test]
async fn only_members_of_groups_flagged_for_the_calendar_count() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        let on = tx.insert_country_group(&group("caribbean", &["TT", "JM"], true), at(1)).await.expect(backend);
        let off = tx.insert_country_group(&group("africa", &["KE"], false), at(1)).await.expect(backend);
        assert!(tx.get_country_group(on).await.expect(backend).expect(backend).on_calendar, "{backend}");
        assert!(!tx.get_country_group(off).await.expect(backend).expect(backend).on_calendar, "{backend}");
        let members: Vec<(String, String)> =
            tx.calendar_group_members().await.expect(backend).into_iter().map(|m| (m.group_code, m.country)).collect();
        assert_eq!(members, [("caribbean".into(), "JM".into()), ("caribbean".into(), "TT".into())], "{backend}");
        // Flag the other group and unflag the first: an update carries the flag.
        assert!(tx.update_country_group(off, &group("africa", &["KE"], true), 1, at(2)).await.expect(backend), "{backend}");
        assert!(tx.update_country_group(on, &group("caribbean", &["TT", "JM"], false), 1, at(2)).await.expect(backend), "{backend}");
        let members: Vec<String> = tx.calendar_group_members().await.expect(backend).into_iter().map(|m| m.country).collect();
        assert_eq!(members, ["KE"], "{backend}");
    }
}

#[tokio::test]
async fn countries_of_planned_or_confirmed_events_and_open_delegations_count_others_not() {
    for (backend, db) in each_backend().await {
        let unit = home_unit(&db).await;
        let ev = |kind: &str, country: &str, status: &str| EventInput {
            kind: kind.into(),
            title_en: format!("{kind} {country}"),
            planned_on: "2027".into(),
            time_zone: "Asia/Shanghai".into(),
            organiser_unit_id: Some(unit),
            country_code: country.into(),
            status: status.into(),
            ..Default::default()
        };
        let celebration = event::create(&*db, &Actor::System, ev("national_day_celebration", "TT", "planned")).await.expect(backend);
        let confirmed = EventInput {
            planned_on: String::new(),
            starts_at: "2027-06-10T09:00".into(),
            ends_at: "2027-06-10T17:00".into(),
            ..ev("forum", "JM", "confirmed")
        };
        event::create(&*db, &Actor::System, confirmed).await.expect(backend);
        event::create(&*db, &Actor::System, ev("forum", "BB", "idea")).await.expect(backend);
        event::create(&*db, &Actor::System, ev("forum", "", "planned")).await.expect(backend);
        let mut tx = db.read().await.expect(backend);
        let open: Vec<(String, EventKind, String, String)> = tx
            .open_event_countries()
            .await
            .expect(backend)
            .into_iter()
            .map(|e| (e.country, e.kind, e.first_day.to_string(), e.last_day.to_string()))
            .collect();
        assert_eq!(
            open,
            [
                ("TT".into(), EventKind::NationalDayCelebration, "2027-01-01".into(), "2027-12-31".into()),
                ("JM".into(), EventKind::Forum, "2027-06-10".into(), "2027-06-10".into()),
            ],
            "{backend}: an idea or an event without a country does not count"
        );
        assert_eq!(tx.open_event_countries().await.expect(backend)[0].id, celebration.id, "{backend}");
        drop(tx);

        let visit = |countries: &[&str]| DelegationInput {
            direction: "outbound".into(),
            title: "Visit".into(),
            countries: countries.iter().map(|c| c.to_string()).collect(),
            owner_unit_id: Some(unit),
            starts_on: "2027-04-21".into(),
            ends_on: "2027-04-23".into(),
            ..Default::default()
        };
        delegation::create(&*db, &Actor::System, visit(&["TT", "GY"])).await.expect(backend);
        let done = delegation::create(&*db, &Actor::System, visit(&["SR"])).await.expect(backend);
        raw(&db, "UPDATE delegations SET status = 'completed' WHERE id = $1", done.id).await.expect(backend);
        let mut tx = db.read().await.expect(backend);
        assert_eq!(tx.open_delegation_countries().await.expect(backend), ["GY", "TT"], "{backend}: a completed visit does not count");
    }
}

#[tokio::test]
async fn a_planned_event_whose_days_have_passed_no_longer_keeps_its_country_on_the_calendar() {
    for (backend, db) in each_backend().await {
        // Arrange: the office's today is 7 December 2026.
        let today = chrono::TimeZone::with_ymd_and_hms(&chrono::Utc, 2026, 12, 7, 4, 0, 0).single().expect("instant");
        let db = (*db).clone().with_clock(amity_core::clock::Clock::fixed(today, chrono_tz::Asia::Shanghai));
        let unit = home_unit(&db).await;
        let ev = |country: &str, planned_on: &str| EventInput {
            kind: "forum".into(),
            title_en: format!("Forum {country}"),
            planned_on: planned_on.into(),
            time_zone: "Asia/Shanghai".into(),
            organiser_unit_id: Some(unit),
            country_code: country.into(),
            status: "planned".into(),
            ..Default::default()
        };
        for (country, planned_on) in [("TT", "2020-03-01"), ("BB", "2025"), ("JM", "2026"), ("GY", "2026-12-07"), ("SR", "2027-02")] {
            event::create(&db, &Actor::System, ev(country, planned_on)).await.expect(backend);
        }
        // Act
        let shown = amity_core::calendar::interest::countries_shown(&db, &Actor::System).await.expect(backend);
        // Assert: this year's plan, today's and next year's count; 2020's and last year's no longer.
        assert_eq!(shown, ["GY", "JM", "SR"], "{backend}");
    }
}
