//! Delegations' approval numbers (read for many at once, blank ones left out; outbound visits
//! without one found until they are over) and the services taking the time from the store's clock.

use amity_core::delegation::DelegationStatus;
use amity_core::store::{DelegationStore, Store, Tx as _};
use amity_store::testing::each_backend;

use super::delegations::{d, input, setup, valid};
use crate::support::{at, home_unit};

#[tokio::test]
async fn approval_numbers_are_read_for_many_delegations_at_once_and_blank_ones_are_left_out() {
    for (backend, db) in each_backend().await {
        let (home, p) = setup(&db).await;
        let mut outbound = input(home, vec![p], "2024-05-10", "2024-05-12");
        (outbound.direction, outbound.approval_number) = ("outbound".into(), "济外审〔2024〕12号".into());
        let mut tx = db.begin().await.expect(backend);
        let approved = tx.insert_delegation(&valid(&outbound), at(1)).await.expect(backend);
        let inbound = tx.insert_delegation(&valid(&input(home, vec![p], "2024-06-10", "2024-06-12")), at(2)).await.expect(backend);
        tx.commit().await.expect(backend);
        let mut tx = db.read().await.expect(backend);
        let got = tx.delegation_approval_numbers(&[inbound, approved, 999_999]).await.expect(backend);
        assert_eq!(got, [(approved, "济外审〔2024〕12号".to_string())], "{backend}");
        assert!(tx.delegation_approval_numbers(&[]).await.expect(backend).is_empty(), "{backend}");
    }
}

#[tokio::test]
async fn outbound_visits_without_an_approval_number_are_found_until_they_are_over() {
    for (backend, db) in each_backend().await {
        let unit = home_unit(&db).await;
        let today = d("2026-11-30");
        // (title, direction, status, starts, ends, approval number)
        let cases = [
            ("approved, no number", "outbound", DelegationStatus::Approved, "2027-03-01", "2027-03-05", ""),
            ("approved with a number", "outbound", DelegationStatus::Approved, "2027-03-01", "2027-03-05", "鲁外审〔2027〕12号"),
            ("proposed, leaving soon", "outbound", DelegationStatus::Proposed, "2026-12-10", "2026-12-14", ""),
            ("proposed, months away", "outbound", DelegationStatus::Proposed, "2027-06-01", "2027-06-04", ""),
            ("abroad now, no number", "outbound", DelegationStatus::InProgress, "2026-11-28", "2026-12-02", ""),
            ("inbound, approved", "inbound", DelegationStatus::Approved, "2027-03-01", "2027-03-05", ""),
            ("back yesterday", "outbound", DelegationStatus::Approved, "2026-11-20", "2026-11-29", ""),
            ("cancelled", "outbound", DelegationStatus::Cancelled, "2026-12-10", "2026-12-14", ""),
        ];
        let mut tx = db.begin().await.expect("begin");
        for (title, direction, status, from, to, number) in cases {
            let mut i = input(unit, vec![], from, to);
            (i.title, i.direction, i.approval_number) = (title.into(), direction.into(), number.into());
            let id = tx.insert_delegation(&valid(&i), at(1)).await.expect("insert");
            if status != DelegationStatus::Proposed {
                assert!(tx.set_delegation_status(id, status, 1, at(2)).await.expect("status"), "{backend}");
            }
        }
        tx.commit().await.expect("commit");
        let mut tx = db.read().await.expect("read");
        let found = tx.outbound_without_approval(today, d("2026-12-30")).await.expect("query");
        let titles: Vec<&str> = found.iter().map(|v| v.title.as_str()).collect();
        assert_eq!(titles, ["abroad now, no number", "proposed, leaving soon", "approved, no number"], "{backend}: soonest first");
        assert_eq!(found[0].members, 2, "{backend}");
        assert_eq!(found[0].countries, ["US"], "{backend}");
    }
}

#[tokio::test]
async fn services_take_the_time_from_the_stores_clock_so_a_test_can_pin_it() {
    use amity_core::Actor;
    use amity_core::clock::Clock;
    use amity_core::delegation;
    use amity_core::transition::TransitionInput;
    use chrono::TimeZone;
    for (backend, db) in each_backend().await {
        let (home, p) = setup(&db).await;
        // 20:00 UTC on 15 June is already 16 June in the office (Asia/Shanghai).
        let at = chrono::Utc.with_ymd_and_hms(2024, 6, 15, 20, 0, 0).single().expect("a time");
        let pinned = (*db).clone().with_clock(Clock::fixed(at, chrono_tz::Asia::Shanghai));
        let d = delegation::create(&pinned, &Actor::System, input(home, vec![p], "2024-06-01", "2024-06-05")).await.expect(backend);
        let approve = TransitionInput { status: "approved".into(), version: Some(d.version), ..Default::default() };
        let today = pinned.now().office_today;
        let after = delegation::set_status(&pinned, &Actor::System, d.id, approve, today).await.expect(backend);
        let history = delegation::history(&pinned, &Actor::System, d.id).await.expect(backend);
        assert_eq!((after.created_at, after.updated_at), (at, at), "{backend}: stored times are the clock's");
        assert_eq!(
            history.iter().map(|h| (h.date.to_string(), h.at)).collect::<Vec<_>>(),
            [("2024-06-16".into(), at), ("2024-06-16".into(), at)],
            "{backend}"
        );
    }
}
