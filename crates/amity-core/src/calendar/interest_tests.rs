//! Tests of the calendar's countries of interest.
use super::*;
use crate::calendar::When;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("day")
}

fn event(id: i64, kind: EventKind, country: &str, first: NaiveDate, last: NaiveDate) -> OpenEvent {
    OpenEvent { id, kind, country: country.into(), first_day: first, last_day: last }
}

#[test]
fn every_source_gives_its_reason_once_and_china_never_has_a_national_day() {
    let sources = InterestSources {
        partners: vec!["JP".into(), "CN".into()],
        groups: vec![GroupMember {
            group_code: "caribbean".into(),
            name_en: "Caribbean".into(),
            name_zh: "加勒比地区".into(),
            country: "TT".into(),
        }],
        events: vec![
            event(1, EventKind::Forum, "TT", day(2023, 1, 1), day(2023, 12, 31)),
            event(2, EventKind::Forum, "TT", day(2023, 5, 1), day(2023, 5, 1)),
            event(3, EventKind::Forum, "HK", day(2023, 5, 1), day(2023, 5, 1)),
        ],
        delegations: vec!["KE".into()],
        listed: vec![ListedCountry { country: "JP".into(), added_by: None, added_by_name: None, added_at: chrono::DateTime::UNIX_EPOCH }],
        today: day(2023, 1, 1),
    };
    let why = sources.reasons();
    assert_eq!(why.keys().map(String::as_str).collect::<Vec<_>>(), ["JP", "KE", "TT"]);
    let reasons = |c: &str| why[c].iter().map(|i| i.reason).collect::<Vec<_>>();
    assert_eq!(reasons("JP"), [InterestReason::Partner, InterestReason::Listed]);
    assert_eq!(reasons("TT"), [InterestReason::Group, InterestReason::Event], "two events: one reason");
    assert_eq!(why["TT"][0].group_name_zh.as_deref(), Some("加勒比地区"));
    assert_eq!(reasons("KE"), [InterestReason::Delegation]);
}

#[test]
fn an_event_past_its_last_day_gives_no_reason_but_still_links_its_national_day() {
    let sources = InterestSources {
        events: vec![
            event(1, EventKind::NationalDayCelebration, "TT", day(2023, 8, 31), day(2023, 8, 31)),
            event(2, EventKind::Forum, "JM", day(2023, 1, 1), day(2023, 12, 31)),
            event(3, EventKind::Forum, "GY", day(2023, 9, 1), day(2023, 9, 1)),
        ],
        today: day(2023, 9, 1),
        ..Default::default()
    };
    let why = sources.reasons();
    assert_eq!(
        why.keys().map(String::as_str).collect::<Vec<_>>(),
        ["GY", "JM"],
        "a plan for the year counts to 31 December; today's counts"
    );
    let mut items = vec![CalendarItem::new(ItemKind::NationalDay, When::Day { day: day(2023, 8, 31) })];
    items[0].country = Some("TT".into());
    sources.explain(&mut items, &why);
    assert_eq!((items[0].celebration_id, items[0].interest.len()), (Some(1), 0));
}

#[test]
fn a_national_day_links_to_the_celebration_of_its_country_in_its_year_nearest_the_day() {
    let sources = InterestSources {
        events: vec![
            event(1, EventKind::NationalDayCelebration, "TT", day(2023, 1, 1), day(2023, 12, 31)),
            event(2, EventKind::NationalDayCelebration, "TT", day(2023, 9, 2), day(2023, 9, 2)),
            event(3, EventKind::NationalDayCelebration, "TT", day(2024, 8, 31), day(2024, 8, 31)),
            event(4, EventKind::Forum, "GY", day(2023, 2, 23), day(2023, 2, 23)),
            event(5, EventKind::NationalDayCelebration, "JM", day(2023, 8, 6), day(2023, 8, 6)),
        ],
        ..Default::default()
    };
    let why = sources.reasons();
    let mut items: Vec<CalendarItem> = [("TT", day(2023, 8, 31)), ("GY", day(2023, 2, 23)), ("TT", day(2025, 8, 31))]
        .into_iter()
        .map(|(c, d)| {
            let mut item = CalendarItem::new(ItemKind::NationalDay, When::Day { day: d });
            item.country = Some(c.into());
            item
        })
        .collect();
    sources.explain(&mut items, &why);
    assert_eq!(items[0].celebration_id, Some(2), "the dated one, nearer the day than the whole-year plan");
    assert_eq!(items[1].celebration_id, None, "a forum is no celebration");
    assert_eq!(items[2].celebration_id, None, "no celebration in 2025");
    assert_eq!(items[0].interest.len(), 1);
}
