//! The protocol calendar in the store: what it reads of partnerships, commitments and activities,
//! the office's own calendar data, private feed tokens and job-run leases — on SQLite and PostgreSQL.

use amity_core::activity::{ActivityInput, CommitmentInput, NewActivity, NewCommitment};
use amity_core::calendar::{DiplomaticRelationInput, NationalDayDate, NewDiplomaticRelation};
use amity_core::store::{ActivityStore, CalendarStore, JobStore, Store, Tx as _};
use amity_store::testing::each_backend;
use chrono::{Duration, NaiveDate};

use crate::support::{at, home_unit, linked, put_all, put_user};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("day")
}

#[tokio::test]
async fn the_calendar_reads_partnerships_commitments_due_and_activity_spans() {
    for (backend, db) in each_backend().await {
        let unit = home_unit(&db).await;
        let ids = put_all(&db, &[linked(unit, 5_389_489, "1984-06-14", &[]), linked(unit, 1_926_004, "1983-01", &[])]).await;
        let input = ActivityInput {
            kind: "meeting".into(),
            title: "Planning".into(),
            start_on: "2026-05-01".into(),
            end_on: "2026-05-03".into(),
            status: "planned".into(),
            owner_unit_id: Some(unit),
            partnership_ids: vec![ids[1]],
            ..Default::default()
        };
        let a = NewActivity::validate(&input).expect("activity");
        let mut tx = db.begin().await.expect("begin");
        let activity = tx.insert_activity(&a, at(2)).await.expect("activity");
        for (what, due) in [("Send the photos", "2026-05-10"), ("Reply to the mayor", "2026-07-01")] {
            let c = CommitmentInput { what: what.into(), due_on: due.into(), ..Default::default() };
            let c = NewCommitment::validate("", &c, Some(day("2026-05-01"))).expect("commitment");
            tx.insert_commitment(activity, &c, at(2)).await.expect("commitment");
        }
        tx.commit().await.expect("commit");

        let mut tx = db.read().await.expect("read");
        assert_eq!(tx.partner_countries().await.expect("countries"), ["JP", "US"], "{backend}");
        let anchors = tx.anniversary_partnerships(2028, 2029).await.expect("anchors");
        assert_eq!(anchors.len(), 2, "{backend}: 45 years in 2028 (1983) and in 2029 (1984)");
        assert_eq!(anchors[0].country, "US", "{backend}");
        assert_eq!(anchors[1].established.map(|d| d.to_string()).as_deref(), Some("1983-01"), "{backend}");
        let anchors = tx.anniversary_partnerships(2029, 2029).await.expect("anchors");
        assert_eq!(anchors.iter().map(|a| a.id).collect::<Vec<_>>(), [ids[0]], "{backend}: 1983 has no round year in 2029");
        assert!(tx.anniversary_partnerships(1975, 1983).await.expect("anchors").is_empty(), "{backend}: none before they exist");

        let due = tx.commitments_due_between(day("2026-05-01"), day("2026-06-30")).await.expect("due");
        assert_eq!(due.iter().map(|d| d.what.as_str()).collect::<Vec<_>>(), ["Send the photos"], "{backend}: only May's is due by June");
        assert_eq!(
            (due[0].activity_id, due[0].partnership_id, due[0].country.as_deref()),
            (activity, Some(ids[1]), Some("JP")),
            "{backend}"
        );

        let spans = tx.activity_spans(day("2026-05-03"), day("2026-05-20")).await.expect("spans");
        assert_eq!(spans.len(), 1, "{backend}: the activity's last day touches the range");
        assert_eq!((spans[0].first_day, spans[0].last_day), (day("2026-05-01"), day("2026-05-03")), "{backend}");
        assert_eq!(spans[0].country, "JP", "{backend}");
        assert!(tx.activity_spans(day("2026-05-04"), day("2026-05-20")).await.expect("spans").is_empty(), "{backend}");
    }
}

#[tokio::test]
async fn diplomatic_relations_and_movable_national_days_are_kept_per_country() {
    for (backend, db) in each_backend().await {
        let today = day("2026-11-30");
        let input = DiplomaticRelationInput { country: "tt".into(), established: "1974-06-20".into(), ..Default::default() };
        let rel = NewDiplomaticRelation::validate(&input, today).expect("valid");
        let mut tx = db.begin().await.expect("begin");
        tx.upsert_diplomatic_relation(&rel, at(1)).await.expect("insert");
        let corrected = NewDiplomaticRelation::validate(
            &DiplomaticRelationInput {
                country: "TT".into(),
                established: "1974-06".into(),
                basis: Some("joint communiqué".into()),
                ..Default::default()
            },
            today,
        )
        .expect("valid");
        tx.upsert_diplomatic_relation(&corrected, at(2)).await.expect("update");
        tx.set_national_day_date(&NationalDayDate { country: "GB".into(), day: day("2026-06-13") }, at(2)).await.expect("set");
        tx.set_national_day_date(&NationalDayDate { country: "GB".into(), day: day("2026-06-20") }, at(3)).await.expect("replace");
        tx.set_national_day_date(&NationalDayDate { country: "GB".into(), day: day("2027-06-12") }, at(3)).await.expect("next year");
        tx.commit().await.expect("commit");

        let mut tx = db.read().await.expect("read");
        let all = tx.list_diplomatic_relations().await.expect("list");
        assert_eq!(all.len(), 1, "{backend}: one row per country");
        assert_eq!((all[0].established.to_string(), all[0].basis.as_deref()), ("1974-06".into(), Some("joint communiqué")), "{backend}");
        let days = tx.list_national_day_dates(2026, 2026).await.expect("days");
        assert_eq!(days.iter().map(|d| d.day).collect::<Vec<_>>(), [day("2026-06-20")], "{backend}: the year's date was replaced");
        drop(tx);

        let mut tx = db.begin().await.expect("begin");
        assert!(tx.delete_diplomatic_relation("TT").await.expect("delete"), "{backend}");
        assert!(!tx.delete_diplomatic_relation("TT").await.expect("delete again"), "{backend}");
        tx.commit().await.expect("commit");
    }
}

#[tokio::test]
async fn feed_tokens_answer_until_revoked() {
    for (backend, db) in each_backend().await {
        let user = put_user(&db, "mei").await;
        let mut tx = db.begin().await.expect("begin");
        tx.insert_feed_token(user, "hash-1", at(1)).await.expect("insert");
        tx.commit().await.expect("commit");
        let mut tx = db.begin().await.expect("begin");
        assert_eq!(tx.feed_token_user("hash-1").await.expect("find"), Some(user), "{backend}");
        assert!(tx.has_feed_token(user).await.expect("has"), "{backend}");
        assert_eq!(tx.revoke_feed_tokens(user, at(2)).await.expect("revoke"), 1, "{backend}");
        assert_eq!(tx.feed_token_user("hash-1").await.expect("find"), None, "{backend}: a revoked link answers nothing");
        assert!(!tx.has_feed_token(user).await.expect("has"), "{backend}");
        tx.commit().await.expect("commit");
    }
}

#[tokio::test]
async fn a_job_period_is_claimed_once_and_retaken_only_when_its_run_went_stale() {
    for (backend, db) in each_backend().await {
        let now = at(10);
        let stale = now - Duration::minutes(30);
        let mut tx = db.begin().await.expect("begin");
        assert!(tx.claim_job_run("digest", "2026-W49", "server-a", now, stale).await.expect("claim"), "{backend}");
        tx.commit().await.expect("commit");
        let mut tx = db.begin().await.expect("begin");
        assert!(
            !tx.claim_job_run("digest", "2026-W49", "server-b", now, stale).await.expect("claim"),
            "{backend}: a live run is not taken"
        );
        // An hour later server-a has not finished: its run is stale and server-b may take it over.
        let later = now + Duration::hours(1);
        assert!(
            tx.claim_job_run("digest", "2026-W49", "server-b", later, later - Duration::minutes(30)).await.expect("claim"),
            "{backend}"
        );
        tx.finish_job_run("digest", "2026-W49", "sent 3", later).await.expect("finish");
        let much_later = later + Duration::days(1);
        assert!(
            !tx.claim_job_run("digest", "2026-W49", "server-c", much_later, much_later - Duration::minutes(30)).await.expect("claim"),
            "{backend}: a finished run is never repeated"
        );
        assert!(
            tx.claim_job_run("digest", "2026-W50", "server-c", much_later, much_later).await.expect("claim"),
            "{backend}: next week is new"
        );
        tx.commit().await.expect("commit");
    }
}

/// The reminders of a partnership known only by its year (Érd, "2023") or month: its 5th
/// anniversary is "in 2028" from the lead time before the year to the year's end, whatever day it is.
#[tokio::test]
async fn an_anniversary_known_by_its_year_or_month_is_reminded_all_through_that_period() {
    use amity_core::Actor;
    use amity_core::calendar::{When, upcoming};
    for (backend, db) in each_backend().await {
        let unit = home_unit(&db).await;
        let ids = put_all(&db, &[linked(unit, 3_053_281, "2023", &[]), linked(unit, 1_926_004, "2023-05", &[])]).await;
        let reminded = |today: &str| {
            let db = db.clone();
            let today = day(today);
            async move {
                let all = upcoming(&db, &Actor::System, today).await.expect("reminders");
                all.into_iter()
                    .filter(|r| r.item.partnership_id.is_some())
                    .map(|r| (r.item.partnership_id, r.item.when, r.days_until))
                    .collect::<Vec<_>>()
            }
        };
        assert!(reminded("2027-11-15").await.is_empty(), "{backend}: before the lead time");
        let year = When::Year { year: 2028 };
        assert_eq!(reminded("2027-12-10").await, [(Some(ids[0]), year.clone(), 22)], "{backend}: within the lead time before the year");
        assert_eq!(reminded("2028-01-02").await, [(Some(ids[0]), year.clone(), 0)], "{backend}: the year has begun: still reminded");
        let may = When::Month { year: 2028, month: 5 };
        assert_eq!(reminded("2028-05-20").await, [(Some(ids[0]), year.clone(), 0), (Some(ids[1]), may, 0)], "{backend}: in May 2028");
        assert_eq!(reminded("2028-12-31").await, [(Some(ids[0]), year, 0)], "{backend}: to the last day of the year");
        assert!(reminded("2029-01-01").await.is_empty(), "{backend}: the year is over");
    }
}
