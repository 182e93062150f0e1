//! The sample office's records, all relative to the office's today: partnerships on reference
//! cities, their activities (recent for most, a year or two old for some, none for a few, so
//! health shows every state), events this month and next, delegations and gifts.

use chrono::{Datelike, Days, NaiveDate};

use super::rng::Rng;
use super::{Loaded, MARK, PARTNERSHIPS, cities};
use crate::error::Result;
use crate::store::Tx;
use crate::{Actor, PartnershipInput, activity, delegation, event, gift, partnership};

const FIELDS: &[&str] = &["culture", "education", "economy", "environment", "health", "science_technology", "tourism", "youth"];
/// Kinds of generated activity with their titles before the city's name, and in Chinese (`{}`
/// stands for the city's Chinese name).
const ACTIVITY_KINDS: &[(&str, &str, &str)] = &[
    ("inbound_visit", "Visit of a delegation from", "{}代表团来访"),
    ("outbound_visit", "Visit to", "访问{}"),
    ("online_meeting", "Online meeting with", "与{}举行视频会议"),
    ("student_exchange", "Student exchange with", "与{}开展学生交流"),
    ("letter", "Letter of greetings to", "致{}的问候信"),
    ("exhibition", "Joint exhibition with", "与{}联合举办展览"),
];

/// A generated partnership: its id, its city's name, the same in Chinese (else as written), and
/// whether it is still being prepared.
type Partner = (i64, String, String, bool);

fn day_before(today: NaiveDate, days: i64) -> NaiveDate {
    today.checked_sub_days(Days::new(days.max(0) as u64)).unwrap_or(today)
}

fn day_after(today: NaiveDate, days: i64) -> NaiveDate {
    today.checked_add_days(Days::new(days.max(0) as u64)).unwrap_or(today)
}

/// The day ten years before 20 days from now (the 28th for a 29 February).
fn anniversary_in_20_days(today: NaiveDate) -> String {
    let day = day_after(today, 20);
    let ten_years_before = day.with_year(day.year() - 10).or_else(|| day.with_day(28).and_then(|d| d.with_year(d.year() - 10)));
    ten_years_before.unwrap_or(day).to_string()
}

fn note(what: &str) -> String {
    format!("{MARK}: {what} The sample office is invented; only the partner cities are real reference cities.")
}

/// Creates every record of the sample office, owned by `owner`.
pub async fn create<T: Tx>(tx: &mut T, actor: &Actor, rng: &mut Rng, owner: i64, today: NaiveDate) -> Result<Loaded> {
    let mut loaded = Loaded::default();
    let mut partners = Vec::new();
    for (i, city) in cities::sample(rng, PARTNERSHIPS).into_iter().enumerate() {
        // A few under preparation (no date), the rest active since a day between 1985 and 3 years ago.
        let preparing = i % 16 == 15;
        let established = match (preparing, i) {
            (true, _) => String::new(),
            // The first one's 10th anniversary falls in 20 days: the reminders always hold a round anniversary.
            (false, 0) => anniversary_in_20_days(today),
            _ => day_before(today, rng.between(3 * 365, 40 * 365)).to_string(),
        };
        let input = PartnershipInput {
            home_unit_id: Some(owner),
            city_id: Some(city.id),
            kind: if i % 4 == 3 { "friendly_cooperation" } else { "sister_city" }.into(),
            status: if preparing { "negotiating" } else { "active" }.into(),
            established,
            established_basis: if preparing { String::new() } else { "agreement signed (invented)".into() },
            fields: vec![(*rng.pick(FIELDS)).to_string()],
            notes: note("an invented partnership with a real city."),
            ..Default::default()
        };
        let p = partnership::create_in(tx, actor, input).await?;
        partnership::record_start_in(tx, actor, &p, "agreement signed (invented)").await?;
        partners.push((p.id, city.name.clone(), city.name_zh.clone().unwrap_or_else(|| city.name.clone()), preparing));
    }
    loaded.partnerships = partners.len();
    for (i, (id, name, name_zh, preparing)) in partners.iter().enumerate() {
        if *preparing {
            continue;
        }
        // Lively (most), quiet (last done 13–23 months ago), dormant (over two years ago).
        let (newest, count) = match i % 10 {
            0 => (rng.between(26 * 30, 40 * 30), 2),
            1 | 2 => (rng.between(13 * 30, 23 * 30), 3),
            _ => (rng.between(5, 150), rng.between(3, 8)),
        };
        for k in 0..count {
            let (kind, title, title_zh) = *rng.pick(ACTIVITY_KINDS);
            let day = day_before(today, newest + k * rng.between(60, 200));
            let input = activity::ActivityInput {
                kind: kind.into(),
                title: format!("{title} {name}"),
                title_zh: title_zh.replace("{}", name_zh),
                start_on: day.to_string(),
                status: "done".into(),
                owner_unit_id: Some(owner),
                partnership_ids: vec![*id],
                fields: vec![(*rng.pick(FIELDS)).to_string()],
                summary: note("an invented activity."),
                ..Default::default()
            };
            activity::create_in(tx, actor, input).await?;
            loaded.activities += 1;
        }
        if i % 5 == 4 {
            let input = activity::ActivityInput {
                kind: "online_meeting".into(),
                title: format!("Planning meeting with {name}"),
                title_zh: format!("与{name_zh}举行工作规划会议"),
                start_on: day_after(today, rng.between(3, 40)).to_string(),
                status: "planned".into(),
                owner_unit_id: Some(owner),
                partnership_ids: vec![*id],
                fields: vec![(*rng.pick(FIELDS)).to_string()],
                summary: note("an invented planned activity."),
                ..Default::default()
            };
            activity::create_in(tx, actor, input).await?;
            loaded.activities += 1;
        }
    }
    loaded.events = events(tx, actor, owner, today, &partners).await?;
    loaded.delegations = delegations(tx, actor, owner, today, &partners).await?;
    loaded.gifts = gifts(tx, actor, today, &partners).await?;
    Ok(loaded)
}

/// Events this month and next: confirmed with a date, so the calendar shows them.
async fn events<T: Tx>(tx: &mut T, actor: &Actor, owner: i64, today: NaiveDate, partners: &[Partner]) -> Result<usize> {
    const EVENTS: &[(&str, &str, &str, i64)] = &[
        ("forum", "Sample City Sister Cities Forum", "示例市国际友城论坛", 0),
        ("photo_exhibition", "Photo exhibition of the partner cities", "友城风光图片展", 9),
        ("festival", "International Youth Festival", "国际青少年文化节", 24),
        ("trade_fair", "Partner cities' products fair", "友城特色商品展销会", 45),
    ];
    for (i, (kind, en, zh, days)) in EVENTS.iter().enumerate() {
        let day = day_after(today, *days);
        let input = event::EventInput {
            kind: (*kind).into(),
            title_en: (*en).into(),
            title_zh: (*zh).into(),
            description: note("an invented event."),
            starts_at: day.to_string(),
            ends_at: day.to_string(),
            all_day: true,
            time_zone: "Asia/Shanghai".into(),
            organiser_unit_id: Some(owner),
            invited_partnership_ids: partners.iter().skip(i * 7).take(3).map(|p| p.0).collect(),
            status: "confirmed".into(),
            ..Default::default()
        };
        event::create_in(tx, actor, input).await?;
    }
    Ok(EVENTS.len())
}

/// One visit received two months ago and one to make next month.
async fn delegations<T: Tx>(tx: &mut T, actor: &Actor, owner: i64, today: NaiveDate, partners: &[Partner]) -> Result<usize> {
    let mut n = 0;
    for (direction, (id, name, name_zh, _), start) in
        [("inbound", &partners[3], day_before(today, 60)), ("outbound", &partners[4], day_after(today, 30))]
    {
        let input = delegation::DelegationInput {
            direction: direction.into(),
            title: if direction == "inbound" { format!("Delegation from {name}") } else { format!("Sample City delegation to {name}") },
            title_zh: if direction == "inbound" {
                format!("{name_zh}代表团来访")
            } else {
                format!("示例市代表团访问{name_zh}")
            },
            purpose: "Exchange on the partnership's cooperation plan.".into(),
            purpose_zh: "就双方友好合作计划进行交流。".into(),
            partnership_ids: vec![*id],
            owner_unit_id: Some(owner),
            starts_on: start.to_string(),
            ends_on: day_after(start, 3).to_string(),
            notes: note("an invented visit."),
            ..Default::default()
        };
        delegation::create_in(tx, actor, input).await?;
        n += 1;
    }
    Ok(n)
}

/// Two gifts exchanged with partners.
async fn gifts<T: Tx>(tx: &mut T, actor: &Actor, today: NaiveDate, partners: &[Partner]) -> Result<usize> {
    let mut n = 0;
    for (direction, (id, name, _, _), description, description_zh) in [
        ("received", &partners[5], "A framed print of the partner city", "友城风光装框版画"),
        ("given", &partners[6], "A porcelain vase", "瓷花瓶"),
    ] {
        let input = gift::GiftInput {
            direction: direction.into(),
            given_on: day_before(today, 90 + 30 * n as i64).to_string(),
            partnership_id: Some(*id),
            description: description.into(),
            description_zh: description_zh.into(),
            giver: if direction == "received" { name.clone() } else { "Sample City".into() },
            recipient: if direction == "received" { "Sample City".into() } else { name.clone() },
            disclosure: "not_required".into(),
            notes: note("an invented gift."),
            ..Default::default()
        };
        gift::create_in(tx, actor, input).await?;
        n += 1;
    }
    Ok(n)
}
