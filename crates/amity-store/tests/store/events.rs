//! Events on both backends: an event reads back with its links and times; the calendar listing
//! and list filters; registrations with capacity, the waiting queue and check-in; marking an event
//! held logs each partnership's activity once; the origin link survives a deleted activity; the
//! public-form counter.

use amity_core::activity::{self, OriginKind};
use amity_core::event::{self, EventFilter, EventInput, EventStatus, RegistrationInput, RegistrationStatus};
use amity_core::store::{ActivityOriginStore, RegistrationStore, Store, Tx as _};
use amity_core::transition::TransitionInput;
use amity_core::{Actor, Error};
use amity_store::Db;
use amity_store::testing::each_backend;
use chrono::{Duration, NaiveDate, Utc};

use crate::support::{SACRAMENTO, WAKAYAMA, at, home_unit, linked, put_all};

/// A home unit and two partnerships (Sacramento, Wakayama): (unit, [sacramento, wakayama]).
async fn setup(db: &Db) -> (i64, Vec<i64>) {
    let home = home_unit(db).await;
    let ids = put_all(db, &[linked(home, SACRAMENTO, "1985-04", &[]), linked(home, WAKAYAMA, "1983-01-14", &[])]).await;
    (home, ids)
}

fn forum(unit: i64, invited: &[i64]) -> EventInput {
    EventInput {
        kind: "forum".into(),
        title_en: "World Sister City Forum".into(),
        title_zh: "世界友好城市论坛".into(),
        starts_at: "2023-06-10T09:00".into(),
        ends_at: "2023-06-11T17:00".into(),
        time_zone: "Asia/Shanghai".into(),
        venue: "Jinan Grand Theatre".into(),
        organiser_unit_id: Some(unit),
        co_organiser_names: vec!["Shandong Provincial Foreign Affairs Office".into()],
        co_organiser_partnership_ids: invited.first().copied().into_iter().collect(),
        invited_partnership_ids: invited.to_vec(),
        fields: vec!["culture".into()],
        capacity: Some(3),
        public: true,
        status: "confirmed".into(),
        ..Default::default()
    }
}

fn person(name: &str, country: &str, partnership: Option<i64>) -> RegistrationInput {
    RegistrationInput { name: name.into(), country_code: country.into(), partnership_id: partnership, ..Default::default() }
}

fn held(version: i64) -> TransitionInput {
    TransitionInput { status: "held".into(), version: Some(version), ..Default::default() }
}

#[tokio::test]
async fn an_event_reads_back_with_its_times_and_links() {
    for (backend, db) in each_backend().await {
        let (unit, p) = setup(&db).await;
        let e = event::create(&*db, &Actor::System, forum(unit, &p)).await.expect(backend);
        let got = event::get(&*db, &Actor::System, e.id).await.expect(backend);
        assert_eq!(got.starts_at.map(|t| t.to_rfc3339()), Some("2023-06-10T01:00:00+00:00".into()), "{backend}");
        assert_eq!(got.starts_local.map(|t| t.to_string()), Some("2023-06-10 09:00:00".into()), "{backend}");
        assert_eq!((got.first_day.to_string(), got.last_day.to_string()), ("2023-06-10".into(), "2023-06-11".into()), "{backend}");
        assert_eq!(got.invited_partnership_ids, p, "{backend}");
        assert_eq!(got.co_organisers.len(), 2, "{backend}");
        assert_eq!(got.fields, ["culture"], "{backend}");
        assert_eq!((got.status, got.time_zone.as_str()), (EventStatus::Confirmed, "Asia/Shanghai"), "{backend}");
        let history = event::history(&*db, &Actor::System, e.id).await.expect(backend);
        assert_eq!(history.iter().map(|h| h.to_status).collect::<Vec<_>>(), [EventStatus::Confirmed], "{backend}");
    }
}

#[tokio::test]
async fn the_calendar_lists_exact_and_year_only_events_that_overlap_the_range() {
    for (backend, db) in each_backend().await {
        let (unit, _) = setup(&db).await;
        event::create(&*db, &Actor::System, forum(unit, &[])).await.expect(backend);
        let mut summit = forum(unit, &[]);
        summit.title_en = "11th Regional Leaders' Summit".into();
        (summit.starts_at, summit.ends_at, summit.planned_on, summit.status, summit.public) =
            (String::new(), String::new(), "2023".into(), "planned".into(), false);
        event::create(&*db, &Actor::System, summit).await.expect(backend);
        let day = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day");
        let july = event::calendar(&*db, &Actor::System, day("2023-07-01"), day("2023-07-31")).await.expect(backend);
        assert_eq!(july.iter().map(|e| e.title_en.as_str()).collect::<Vec<_>>(), ["11th Regional Leaders' Summit"], "{backend}");
        let june = event::calendar(&*db, &Actor::System, day("2023-06-11"), day("2023-06-11")).await.expect(backend);
        assert_eq!(june.len(), 2, "{backend}: the forum's second day and the year-long summit");
        let public = event::calendar(&*db, &Actor::Anonymous, day("2023-01-01"), day("2023-12-31")).await.expect(backend);
        assert_eq!(public.iter().map(|e| e.title_en.as_str()).collect::<Vec<_>>(), ["World Sister City Forum"], "{backend}");
        let y2024 = EventFilter { year: Some(2024), ..Default::default() };
        assert_eq!(event::list(&*db, &Actor::System, &y2024).await.expect(backend).total, 0, "{backend}");
        let y2023 = EventFilter { year: Some(2023), status: Some(EventStatus::Planned), ..Default::default() };
        assert_eq!(event::list(&*db, &Actor::System, &y2023).await.expect(backend).total, 1, "{backend}");
    }
}

#[tokio::test]
async fn beyond_capacity_registrations_wait_and_move_up_in_order_when_a_seat_frees() {
    for (backend, db) in each_backend().await {
        let (unit, p) = setup(&db).await;
        let e = event::create(&*db, &Actor::System, forum(unit, &p)).await.expect(backend);
        let sys = &Actor::System;
        let mut regs = Vec::new();
        for name in ["Ann", "Bob", "Cy", "Dee", "Eve"] {
            regs.push(event::registrations::register(&*db, sys, e.id, person(name, "US", None)).await.expect(backend));
        }
        let statuses: Vec<_> = regs.iter().map(|r| (r.status, r.waiting_position)).collect();
        assert_eq!(
            statuses,
            [
                (RegistrationStatus::Registered, None),
                (RegistrationStatus::Registered, None),
                (RegistrationStatus::Registered, None),
                (RegistrationStatus::Waiting, Some(1)),
                (RegistrationStatus::Waiting, Some(2)),
            ],
            "{backend}"
        );
        event::registrations::set_status(&*db, sys, regs[1].id, "cancelled", Some(regs[1].version)).await.expect(backend);
        let dee = event::registrations::get(&*db, sys, regs[3].id).await.expect(backend);
        let eve = event::registrations::get(&*db, sys, regs[4].id).await.expect(backend);
        assert_eq!((dee.status, eve.status, eve.waiting_position), (RegistrationStatus::Registered, RegistrationStatus::Waiting, Some(1)));
        let seats = db.read().await.expect(backend).event_seats(e.id).await.expect(backend);
        assert_eq!((seats.taken, seats.waiting), (3, 1), "{backend}");
        let other = event::create(&*db, sys, forum(unit, &[])).await.expect(backend);
        let taken = db.read().await.expect(backend).seats_taken(&[e.id, other.id]).await.expect(backend);
        assert_eq!(taken, [(e.id, 3)], "{backend}: the waiting and the cancelled hold no seat; an empty event is left out");
    }
}

#[tokio::test]
async fn a_cancelled_event_refuses_registrations() {
    for (backend, db) in each_backend().await {
        let (unit, _) = setup(&db).await;
        let e = event::create(&*db, &Actor::System, forum(unit, &[])).await.expect(backend);
        let cancel = TransitionInput { status: "cancelled".into(), version: Some(e.version), ..Default::default() };
        let err = event::set_status(&*db, &Actor::System, e.id, cancel, Utc::now().date_naive()).await.expect_err(backend);
        assert!(matches!(&err, Error::Validation(f) if f[0].field == "reason"), "{backend}: a cancellation needs a reason: {err:?}");
        let cancel = TransitionInput {
            status: "cancelled".into(),
            reason: "Venue unavailable".into(),
            version: Some(e.version),
            ..Default::default()
        };
        let e = event::set_status(&*db, &Actor::System, e.id, cancel, Utc::now().date_naive()).await.expect(backend);
        assert_eq!(e.cancel_reason.as_deref(), Some("Venue unavailable"), "{backend}");
        let err = event::registrations::register(&*db, &Actor::System, e.id, person("Ann", "US", None)).await.expect_err(backend);
        assert!(matches!(&err, Error::Validation(f) if f[0].code == "event_cancelled"), "{backend}: {err:?}");
        assert!(event::registrations::list(&*db, &Actor::System, e.id).await.expect(backend).is_empty(), "{backend}");
    }
}

#[tokio::test]
async fn marking_an_event_held_logs_each_partnership_once_however_often_it_is_set() {
    for (backend, db) in each_backend().await {
        let (unit, p) = setup(&db).await;
        let sys = &Actor::System;
        let mut input = forum(unit, &p);
        let past = Utc::now() - Duration::days(30);
        input.starts_at = past.format("%Y-%m-%dT09:00").to_string();
        input.ends_at = past.format("%Y-%m-%dT17:00").to_string();
        let e = event::create(&*db, sys, input).await.expect(backend);
        // Wakayama registered and checked in; Sacramento co-organises.
        let r = event::registrations::register(&*db, sys, e.id, person("Kenji", "JP", Some(p[1]))).await.expect(backend);
        event::registrations::check_in(&*db, sys, r.id, true, Some(r.version)).await.expect(backend);
        let e = event::set_status(&*db, sys, e.id, held(e.version), Utc::now().date_naive()).await.expect(backend);
        let back = TransitionInput { status: "confirmed".into(), version: Some(e.version), ..Default::default() };
        let e = event::set_status(&*db, sys, e.id, back, Utc::now().date_naive()).await.expect(backend);
        event::set_status(&*db, sys, e.id, held(e.version), Utc::now().date_naive()).await.expect(backend);
        let logged = event::logged_activities(&*db, sys, e.id).await.expect(backend);
        assert_eq!(logged.iter().map(|o| o.partnership_id).collect::<Vec<_>>(), p, "{backend}");
        let filter = amity_core::activity::ActivityFilter { kind: Some(activity::ActivityKind::EventParticipation), ..Default::default() };
        let acts = activity::list(&*db, sys, &filter).await.expect(backend);
        assert_eq!(acts.total, 2, "{backend}: one activity per partnership, not one per status change");
        let wakayama = acts.items.iter().find(|a| a.partnership_ids == [p[1]]).expect("Wakayama's activity");
        assert_eq!((wakayama.participants, wakayama.fields.clone()), (Some(1), vec!["culture".to_string()]), "{backend}");
        assert_eq!(wakayama.start_on.to_string(), past.format("%Y-%m-%d").to_string(), "{backend}: dated with the event");
    }
}

#[tokio::test]
async fn a_deleted_logged_activity_is_not_logged_again_and_a_second_link_conflicts() {
    for (backend, db) in each_backend().await {
        let (unit, p) = setup(&db).await;
        let sys = &Actor::System;
        let input = activity::ActivityInput {
            kind: "event_participation".into(),
            title: "Forum".into(),
            start_on: "2023-06-10".into(),
            status: "done".into(),
            owner_unit_id: Some(unit),
            partnership_ids: vec![p[0]],
            ..Default::default()
        };
        let mut tx = db.begin().await.expect(backend);
        let new = activity::NewActivity::validate(&input).expect("valid");
        let a = activity::log_once(&mut tx, sys, OriginKind::Delegation, 7, p[0], new.clone()).await.expect(backend).expect("logged");
        assert!(activity::log_once(&mut tx, sys, OriginKind::Delegation, 7, p[0], new.clone()).await.expect(backend).is_none());
        let dup = tx.insert_activity_origin(a.id, OriginKind::Delegation, 7, p[0], at(2)).await.expect_err(backend);
        assert!(matches!(dup, Error::Conflict { .. }), "{backend}");
        drop(tx);
        let mut tx = db.begin().await.expect(backend);
        let a = activity::log_once(&mut tx, sys, OriginKind::Delegation, 7, p[0], new.clone()).await.expect(backend).expect("logged");
        tx.commit().await.expect(backend);
        activity::delete(&*db, sys, a.id).await.expect(backend);
        let mut tx = db.begin().await.expect(backend);
        assert!(activity::log_once(&mut tx, sys, OriginKind::Delegation, 7, p[0], new).await.expect(backend).is_none(), "{backend}");
        let links = tx.list_activity_origins(OriginKind::Delegation, 7).await.expect(backend);
        assert_eq!(links.iter().map(|l| l.activity_id).collect::<Vec<_>>(), [None], "{backend}");
    }
}

#[tokio::test]
async fn public_form_hits_are_counted_per_address_within_the_window() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        for d in [1, 2, 3] {
            tx.record_public_form_hit("event_registration", "203.0.113.9", at(d)).await.expect(backend);
        }
        tx.record_public_form_hit("event_registration", "198.51.100.1", at(3)).await.expect(backend);
        assert_eq!(tx.count_public_form_hits("event_registration", "203.0.113.9", at(2)).await.expect(backend), 2, "{backend}");
        assert_eq!(tx.purge_public_form_hits(at(3)).await.expect(backend), 2, "{backend}");
        assert_eq!(tx.count_public_form_hits("event_registration", "203.0.113.9", at(1)).await.expect(backend), 1, "{backend}");
    }
}
