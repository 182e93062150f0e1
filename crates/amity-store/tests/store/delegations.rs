//! Delegations: the record and its lists read back in order, members kept by id across an edit
//! (with their travel documents), the list filters, the calendar's overlapping spans, travel
//! documents expiring and purged after retention, and budget lines per subject.

use amity_core::budget::{BudgetInput, BudgetSubject, NewBudgetLine};
use amity_core::delegation::{
    DelegationFilter, DelegationInput, DelegationStatus, Direction, DocumentKind, ItineraryInput, MemberInput, NewDelegation,
    NewTravelDocument, StayInput, TransportInput, TravelDocumentInput,
};
use amity_core::store::{BudgetStore, DelegationStore, Store, Tx as _};
use amity_store::Db;
use amity_store::testing::each_backend;
use chrono::NaiveDate;

use crate::support::{SACRAMENTO, at, count, home_unit, linked, put_all};

pub(super) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

pub(super) fn input(unit: i64, partnerships: Vec<i64>, from: &str, to: &str) -> DelegationInput {
    DelegationInput {
        direction: "inbound".into(),
        title: "Sacramento sister-city delegation".into(),
        purpose: "Youth ambassador programme".into(),
        partnership_ids: partnerships,
        countries: vec!["US".into()],
        owner_unit_id: Some(unit),
        starts_on: from.into(),
        ends_on: to.into(),
        members: vec![
            MemberInput {
                name: "Jane Doe".into(),
                role: "head".into(),
                title: "Mayor".into(),
                equivalent_post: "Mayor of Jinan".into(),
                ..Default::default()
            },
            MemberInput { name: "John Roe".into(), ..Default::default() },
        ],
        transport: vec![TransportInput {
            leg: "arrival".into(),
            mode: "flight".into(),
            number: "UA 857".into(),
            arrives_at: format!("{from}T15:40"),
            ..Default::default()
        }],
        accommodation: vec![StayInput { name: "Sofitel Jinan".into(), check_in: from.into(), check_out: to.into(), ..Default::default() }],
        itinerary: vec![
            ItineraryInput { starts_at: format!("{to}T09:00"), activity: "Visit to a school".into(), ..Default::default() },
            ItineraryInput {
                starts_at: format!("{from}T18:00"),
                activity: "Welcome dinner".into(),
                responsible_unit_id: Some(unit),
                ..Default::default()
            },
        ],
        ..Default::default()
    }
}

pub(super) fn valid(i: &DelegationInput) -> NewDelegation {
    NewDelegation::validate(i).expect("valid delegation")
}

async fn ids(db: &Db, f: DelegationFilter) -> (Vec<i64>, i64) {
    let mut tx = db.read().await.expect("read");
    let (rows, total) = tx.list_delegations(&f).await.expect("list");
    (rows.iter().map(|r| r.id).collect(), total)
}

pub(super) async fn setup(db: &Db) -> (i64, i64) {
    let home = home_unit(db).await;
    let p = put_all(db, &[linked(home, SACRAMENTO, "1985-04", &[])]).await[0];
    (home, p)
}

#[tokio::test]
async fn a_delegation_reads_back_with_its_lists_in_order_and_members_survive_an_edit_by_id() {
    for (backend, db) in each_backend().await {
        let (home, p) = setup(&db).await;
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_delegation(&valid(&input(home, vec![p], "2024-05-10", "2024-05-12")), at(1)).await.expect(backend);
        let got = tx.get_delegation(id).await.expect(backend).expect(backend);
        assert_eq!((got.direction, got.status, got.version), (Direction::Inbound, DelegationStatus::Proposed, 1), "{backend}");
        assert_eq!((got.partnership_ids.clone(), got.countries.clone()), (vec![p], vec!["US".to_string()]), "{backend}");
        let names: Vec<&str> = got.members.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["Jane Doe", "John Roe"], "{backend}");
        assert_eq!(got.members[0].equivalent_post.as_deref(), Some("Mayor of Jinan"), "{backend}");
        let items: Vec<&str> = got.itinerary.iter().map(|i| i.activity.as_str()).collect();
        assert_eq!(items, ["Welcome dinner", "Visit to a school"], "itinerary is in time order on {backend}");
        assert_eq!(got.transport[0].arrives_at.map(|t| t.to_string()), Some("2024-05-10 15:40:00".to_string()), "{backend}");
        assert_eq!(got.accommodation[0].check_out, d("2024-05-12"), "{backend}");

        let jane = got.members[0].id;
        let doc = NewTravelDocument::validate(&TravelDocumentInput {
            member_id: Some(jane),
            kind: "passport".into(),
            number: "X1234567".into(),
            valid_until: "2024-08-01".into(),
            ..Default::default()
        })
        .expect(backend);
        tx.insert_travel_document(id, &doc, at(2)).await.expect(backend);
        // Keep Jane (by id), drop John, add Ann.
        let mut edit = input(home, vec![p], "2024-05-10", "2024-05-12");
        edit.members = vec![
            MemberInput { id: Some(jane), name: "Jane Doe".into(), role: "head".into(), ..Default::default() },
            MemberInput { name: "Ann Poe".into(), ..Default::default() },
        ];
        assert!(!tx.update_delegation(id, &valid(&edit), 7, at(3)).await.expect(backend), "stale version on {backend}");
        assert!(tx.update_delegation(id, &valid(&edit), 1, at(3)).await.expect(backend), "{backend}");
        let after = tx.get_delegation(id).await.expect(backend).expect(backend);
        assert_eq!(after.members[0].id, jane, "{backend}");
        assert_eq!(after.members.iter().map(|m| m.name.as_str()).collect::<Vec<_>>(), ["Jane Doe", "Ann Poe"], "{backend}");
        assert_eq!(tx.list_travel_documents(id).await.expect(backend).len(), 1, "Jane keeps her passport on {backend}");
        assert!(tx.set_delegation_status(id, DelegationStatus::Completed, 2, at(4)).await.expect(backend), "{backend}");
        tx.commit().await.expect(backend);
        let mut tx = db.begin().await.expect(backend);
        assert!(tx.delete_delegation(id).await.expect(backend), "{backend}");
        tx.commit().await.expect(backend);
        for table in ["delegation_members", "delegation_itinerary", "travel_documents", "delegation_partnerships"] {
            assert_eq!(count(&db, table).await, 0, "{table} goes with its delegation on {backend}");
        }
    }
}

#[tokio::test]
async fn the_list_filters_by_year_direction_country_and_text_and_the_calendar_sees_overlapping_visits() {
    for (backend, db) in each_backend().await {
        let (home, p) = setup(&db).await;
        let mut tx = db.begin().await.expect(backend);
        let a = tx.insert_delegation(&valid(&input(home, vec![p], "2023-12-30", "2024-01-02")), at(1)).await.expect(backend);
        let mut out = input(home, vec![], "2023-04-21", "2023-04-23");
        out.direction = "outbound".into();
        out.countries = vec!["TT".into()];
        out.title = "Delegation to Trinidad and Tobago".into();
        out.itinerary.clear();
        out.transport.clear();
        out.accommodation.clear();
        let b = tx.insert_delegation(&valid(&out), at(1)).await.expect(backend);
        tx.commit().await.expect(backend);
        assert_eq!(ids(&db, DelegationFilter::default()).await, (vec![a, b], 2), "latest first on {backend}");
        assert_eq!(ids(&db, DelegationFilter { year: Some(2024), ..Default::default() }).await.0, [a], "{backend}");
        assert_eq!(
            ids(&db, DelegationFilter { year: Some(2023), ..Default::default() }).await.0,
            [a, b],
            "a visit over new year is in both years on {backend}"
        );
        assert_eq!(ids(&db, DelegationFilter { direction: Some(Direction::Outbound), ..Default::default() }).await.0, [b], "{backend}");
        assert_eq!(ids(&db, DelegationFilter { country: Some("TT".into()), ..Default::default() }).await.0, [b], "{backend}");
        assert_eq!(ids(&db, DelegationFilter { country: Some("US".into()), ..Default::default() }).await.0, [a], "{backend}");
        assert_eq!(
            ids(&db, DelegationFilter { q: Some("jane".into()), ..Default::default() }).await.1,
            2,
            "members' names are searched on {backend}"
        );
        let mut tx = db.read().await.expect(backend);
        let spans = tx.delegations_overlapping(d("2023-04-23"), d("2023-12-30")).await.expect(backend);
        assert_eq!(spans.iter().map(|s| s.id).collect::<Vec<_>>(), [b, a], "both touch the range on {backend}");
        assert_eq!((spans[0].countries.clone(), spans[0].direction), (vec!["TT".to_string()], Direction::Outbound), "{backend}");
        assert!(tx.delegations_overlapping(d("2023-04-24"), d("2023-12-29")).await.expect(backend).is_empty(), "{backend}");
    }
}

#[tokio::test]
async fn travel_documents_are_listed_for_alerts_and_purged_once_the_visit_ended_before_the_cutoff() {
    for (backend, db) in each_backend().await {
        let (home, p) = setup(&db).await;
        let mut tx = db.begin().await.expect(backend);
        let id = tx.insert_delegation(&valid(&input(home, vec![p], "2024-05-10", "2024-05-12")), at(1)).await.expect(backend);
        let member = tx.get_delegation(id).await.expect(backend).expect(backend).members[0].id;
        for (kind, until) in [("passport", "2024-09-01"), ("visa", "2024-05-11")] {
            let doc = NewTravelDocument::validate(&TravelDocumentInput {
                member_id: Some(member),
                kind: kind.into(),
                valid_until: until.into(),
                ..Default::default()
            })
            .expect(backend);
            tx.insert_travel_document(id, &doc, at(2)).await.expect(backend);
        }
        let expiring = tx.travel_documents_expiring_before(d("2024-06-01")).await.expect(backend);
        assert_eq!(expiring.len(), 1, "{backend}");
        assert_eq!(
            (expiring[0].kind, expiring[0].member_name.as_str(), expiring[0].delegation_id),
            (DocumentKind::Visa, "Jane Doe", id),
            "{backend}"
        );
        assert_eq!(tx.travel_documents_of_coming_visits(d("2024-05-01")).await.expect(backend).len(), 2, "{backend}");
        assert!(tx.travel_documents_of_coming_visits(d("2024-05-13")).await.expect(backend).is_empty(), "{backend}");
        assert_eq!(tx.purge_travel_documents(d("2024-05-12")).await.expect(backend), 0, "the last day is still kept on {backend}");
        assert_eq!(tx.purge_travel_documents(d("2024-05-13")).await.expect(backend), 2, "{backend}");
        assert_eq!(tx.purge_travel_documents(d("2024-05-13")).await.expect(backend), 0, "purging twice is harmless on {backend}");
        tx.commit().await.expect(backend);
        assert_eq!(count(&db, "travel_documents").await, 0, "{backend}");
    }
}

#[tokio::test]
async fn budget_lines_belong_to_one_subject_and_keep_minor_units() {
    for (backend, db) in each_backend().await {
        let mut tx = db.begin().await.expect(backend);
        let line = |cur: &str, planned: &str, actual: &str| {
            NewBudgetLine::validate(
                "",
                &BudgetInput {
                    category: "travel".into(),
                    currency: cur.into(),
                    planned: planned.into(),
                    actual: actual.into(),
                    ..Default::default()
                },
            )
            .expect("valid line")
        };
        let a = tx.insert_budget_line(BudgetSubject::Delegation, 7, &line("CNY", "12000.50", ""), at(1)).await.expect(backend);
        tx.insert_budget_line(BudgetSubject::Delegation, 7, &line("JPY", "30000", "29500"), at(1)).await.expect(backend);
        tx.insert_budget_line(BudgetSubject::Event, 7, &line("CNY", "1", ""), at(1)).await.expect(backend);
        let lines = tx.list_budget_lines(BudgetSubject::Delegation, 7).await.expect(backend);
        assert_eq!(
            lines.iter().map(|l| (l.currency.as_str(), l.planned_minor, l.actual_minor)).collect::<Vec<_>>(),
            [("CNY", 1_200_050, None), ("JPY", 30_000, Some(29_500))],
            "{backend}"
        );
        assert!(!tx.update_budget_line(a, &line("CNY", "1", "1"), 9, at(2)).await.expect(backend), "{backend}");
        assert!(tx.update_budget_line(a, &line("CNY", "1", "1"), 1, at(2)).await.expect(backend), "{backend}");
        assert_eq!(tx.get_budget_line(a).await.expect(backend).map(|l| (l.actual_minor, l.version)), Some((Some(100), 2)), "{backend}");
        assert_eq!(tx.delete_budget_lines(BudgetSubject::Delegation, 7).await.expect(backend), 2, "{backend}");
        assert_eq!(tx.list_budget_lines(BudgetSubject::Event, 7).await.expect(backend).len(), 1, "the event's line stays on {backend}");
    }
}
