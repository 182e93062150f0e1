//! Limits under concurrency, on a SQLite file and on PostgreSQL with real pools and a
//! multi-thread runtime: the public form's limit per address, seats and the waiting queue when
//! registrations arrive together, and capacity changed while registrations arrive.

use amity_core::event::{self, EventInput, NewRegistration, PublicOutcome, PublicRegistrationInput, RegistrationInput};
use amity_core::event::{RegistrationSource, RegistrationStatus};
use amity_core::store::{EventStore, RegistrationStore, Store, Tx as _};
use amity_core::{Actor, Error};
use amity_store::Db;
use amity_store::testing::{TestPg, postgres};

use crate::open::TempDir;
use crate::support::{count, home_unit};

/// Parallel submissions or registrations fired at once.
const TASKS: usize = 30;

/// A database with a pool of several connections, and what keeps it alive.
struct Racing {
    name: &'static str,
    db: Db,
    _dir: Option<TempDir>,
    _pg: Option<TestPg>,
}

/// A SQLite file (a pool of connections, writers queueing on `BEGIN IMMEDIATE`) and, when
/// reachable, a PostgreSQL database of its own (a pool of ten).
async fn racing_backends(name: &str) -> Vec<Racing> {
    let dir = TempDir::new(name);
    let db = Db::open(&format!("sqlite:{}", dir.path("amity.db").display())).await.expect("open a SQLite file");
    let mut out = vec![Racing { name: "sqlite file", db, _dir: Some(dir), _pg: None }];
    if let Some(pg) = postgres().await {
        out.push(Racing { name: "postgres", db: (*pg).clone(), _dir: None, _pg: Some(pg) });
    }
    out
}

fn event_input(unit: i64, capacity: i64) -> EventInput {
    EventInput {
        kind: "forum".into(),
        title_en: "World Sister City Forum".into(),
        title_zh: "世界友好城市论坛".into(),
        starts_at: "2023-06-10T09:00".into(),
        ends_at: "2023-06-11T17:00".into(),
        time_zone: "Asia/Shanghai".into(),
        organiser_unit_id: Some(unit),
        capacity: Some(capacity),
        public: true,
        status: "confirmed".into(),
        ..Default::default()
    }
}

fn person(name: &str) -> RegistrationInput {
    RegistrationInput { name: name.into(), country_code: "US".into(), ..Default::default() }
}

/// Seated and waiting registration ids, each in id (arrival) order, and the seats taken.
async fn places(db: &Db, event_id: i64) -> (Vec<i64>, Vec<i64>, i64) {
    let mut regs = event::registrations::list(db, &Actor::System, event_id).await.expect("list");
    regs.sort_by_key(|r| r.id);
    let seated: Vec<i64> = regs.iter().filter(|r| r.status.has_seat()).map(|r| r.id).collect();
    let mut waiting: Vec<_> = regs.iter().filter(|r| r.status == RegistrationStatus::Waiting).collect();
    waiting.sort_by_key(|r| r.waiting_position);
    let taken = regs.iter().filter(|r| r.status.has_seat()).map(|r| r.party_size).sum();
    (seated, waiting.iter().map(|r| r.id).collect(), taken)
}

/// Nobody waiting arrived before somebody seated, the queue is in arrival order, and no seat is
/// free while the head of the queue would fit.
fn assert_queue_kept(name: &str, seated: &[i64], waiting: &[i64], taken: i64, capacity: i64) {
    assert!(taken <= capacity, "{name}: {taken} seats taken of {capacity}");
    let last_seated = seated.iter().max().copied().unwrap_or(0);
    assert!(waiting.iter().all(|w| *w > last_seated), "{name}: the queue was jumped: seated {seated:?}, waiting {waiting:?}");
    assert!(waiting.windows(2).all(|w| w[0] < w[1]), "{name}: the queue is not in arrival order: {waiting:?}");
    assert!(waiting.is_empty() || taken + 1 > capacity, "{name}: a seat is free while {} wait", waiting.len());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_parallel_public_submissions_from_one_address_let_exactly_ten_through() {
    for r in racing_backends("public-limit").await {
        let unit = home_unit(&r.db).await;
        let e = event::create(&r.db, &Actor::System, event_input(unit, 100)).await.expect(r.name);
        let tasks: Vec<_> = (0..TASKS)
            .map(|i| {
                let db = r.db.clone();
                tokio::spawn(async move {
                    let input =
                        PublicRegistrationInput { name: format!("Visitor {i}"), email: format!("v{i}@example.org"), ..Default::default() };
                    event::register_public(&db, e.id, Some("203.0.113.7"), input).await
                })
            })
            .collect();
        let (mut received, mut throttled) = (0, 0);
        for t in tasks {
            match t.await.expect("task").unwrap_or_else(|err| panic!("{}: a submission failed: {err:?}", r.name)) {
                PublicOutcome::Received(_) => received += 1,
                PublicOutcome::Throttled => throttled += 1,
            }
        }
        assert_eq!((received, throttled), (10, 20), "{}: the limit is 10 per address per hour", r.name);
        assert_eq!(count(&r.db, "event_registrations").await, 10, "{}", r.name);
        assert_eq!(count(&r.db, "public_form_hits").await, 10, "{}", r.name);
        let other = PublicRegistrationInput { name: "Neighbour".into(), email: "n@example.org".into(), ..Default::default() };
        let outcome = event::register_public(&r.db, e.id, Some("198.51.100.1"), other).await.expect(r.name);
        assert!(matches!(outcome, PublicOutcome::Received(_)), "{}: another address is not throttled", r.name);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn thirty_parallel_registrations_for_ten_seats_seat_ten_and_queue_the_rest_in_arrival_order() {
    for r in racing_backends("last-seats").await {
        let unit = home_unit(&r.db).await;
        let e = event::create(&r.db, &Actor::System, event_input(unit, 10)).await.expect(r.name);
        let tasks: Vec<_> = (0..TASKS)
            .map(|i| {
                let db = r.db.clone();
                tokio::spawn(async move { event::registrations::register(&db, &Actor::System, e.id, person(&format!("P{i}"))).await })
            })
            .collect();
        for t in tasks {
            t.await.expect("task").unwrap_or_else(|err| panic!("{}: a registration failed: {err:?}", r.name));
        }
        let (seated, waiting, taken) = places(&r.db, e.id).await;
        assert_eq!((seated.len(), waiting.len(), taken), (10, 20, 10), "{}", r.name);
        assert_queue_kept(r.name, &seated, &waiting, taken, 10);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn capacity_changed_while_registrations_arrive_never_overfills_and_promotes_in_queue_order() {
    for r in racing_backends("capacity-change").await {
        let unit = home_unit(&r.db).await;
        let e = event::create(&r.db, &Actor::System, event_input(unit, 10)).await.expect(r.name);
        let registrations: Vec<_> = (0..TASKS)
            .map(|i| {
                let db = r.db.clone();
                tokio::spawn(async move { event::registrations::register(&db, &Actor::System, e.id, person(&format!("P{i}"))).await })
            })
            .collect();
        let db = r.db.clone();
        let changes = tokio::spawn(async move {
            let mut set = Vec::new();
            for cap in [4, 12, 6, 9, 5, 14, 8] {
                let current = event::get(&db, &Actor::System, e.id).await?;
                let input = EventInput { version: Some(current.version), ..event_input(unit, cap) };
                match event::update(&db, &Actor::System, e.id, input).await {
                    Ok(after) => set.push(after.capacity),
                    // Below the seats already taken, or the event changed under us: both are refusals, not harm.
                    Err(Error::Validation(_) | Error::Conflict { .. }) => {}
                    Err(other) => return Err(other),
                }
            }
            Ok::<_, Error>(set)
        });
        for t in registrations {
            t.await.expect("task").unwrap_or_else(|err| panic!("{}: a registration failed: {err:?}", r.name));
        }
        changes.await.expect("task").unwrap_or_else(|err| panic!("{}: a capacity change failed: {err:?}", r.name));
        let capacity = event::get(&r.db, &Actor::System, e.id).await.expect(r.name).capacity.expect("capacity");
        let (seated, waiting, taken) = places(&r.db, e.id).await;
        assert_eq!(seated.len() + waiting.len(), TASKS, "{}", r.name);
        assert_queue_kept(r.name, &seated, &waiting, taken, capacity);
        // Raising the capacity for everyone promotes the whole queue, in its order.
        let current = event::get(&r.db, &Actor::System, e.id).await.expect(r.name);
        let input = EventInput { version: Some(current.version), ..event_input(unit, 30) };
        event::update(&r.db, &Actor::System, e.id, input).await.expect(r.name);
        let (seated, waiting, taken) = places(&r.db, e.id).await;
        assert_eq!((seated.len(), waiting.len(), taken), (TASKS, 0, 30), "{}", r.name);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn lowering_capacity_while_a_registration_commits_counts_that_registration() {
    for r in racing_backends("lower-in-flight").await {
        let unit = home_unit(&r.db).await;
        let e = event::create(&r.db, &Actor::System, event_input(unit, 10)).await.expect(r.name);
        for i in 0..5 {
            event::registrations::register(&r.db, &Actor::System, e.id, person(&format!("P{i}"))).await.expect(r.name);
        }
        // A sixth registration holds the event's lock, not yet committed.
        let mut held = r.db.begin().await.expect(r.name);
        assert!(held.lock_event(e.id).await.expect(r.name), "{}", r.name);
        let new = NewRegistration::validate(&person("P5")).expect("valid");
        let now = held.now().instant;
        held.insert_registration(e.id, &new, RegistrationStatus::Registered, RegistrationSource::Staff, "EV-HELD0001", now)
            .await
            .expect(r.name);
        // Meanwhile the organiser lowers the capacity to the five seats they saw taken.
        let db = r.db.clone();
        let input = EventInput { version: Some(e.version), ..event_input(unit, 5) };
        let lowering = tokio::spawn(async move { event::update(&db, &Actor::System, e.id, input).await });
        tokio::time::sleep(std::time::Duration::from_millis(400)).await;
        held.commit().await.expect(r.name);
        let result = lowering.await.expect("task");
        let Err(Error::Validation(problems)) = result else {
            panic!("{}: lowering below six seats taken was accepted: {result:?}", r.name)
        };
        assert_eq!((problems[0].field.as_str(), problems[0].code.as_str()), ("capacity", "below_seats_taken"), "{}", r.name);
        let seats = r.db.read().await.expect(r.name).event_seats(e.id).await.expect(r.name);
        assert_eq!((seats.capacity, seats.taken), (Some(10), 6), "{}", r.name);
    }
}
