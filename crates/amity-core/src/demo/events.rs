//! The demo's events: those the 2023 plan names (DATA.md), each planned for "2023, date to be set"
//! because the plan gives no dates; numbered editions belong to a series. The five Caribbean
//! national-day celebrations are linked to their country and never placed on the national day.

use super::{CARIBBEAN_SOURCE, SEED_SOURCE, SEED_URL};
use crate::Actor;
use crate::error::Result;
use crate::event::{self, EventInput, EventSeriesInput};
use crate::store::Tx;

/// A series of the plan: (English name, edition of the 2023 event if the plan numbers it).
struct Planned {
    kind: &'static str,
    title_en: &'static str,
    title_zh: &'static str,
    /// The recurring brand activity it belongs to (English, Chinese), and the edition the plan gives.
    series: Option<(&'static str, &'static str, Option<i64>)>,
    country: &'static str,
}

#[rustfmt::skip]
const PLAN: &[Planned] = &[
    Planned { kind: "summit", title_en: "11th Regional Leaders' Summit", title_zh: "第十一届区域领导人峰会",
        series: Some(("Regional Leaders' Summit", "区域领导人峰会", Some(11))), country: "" },
    Planned { kind: "forum", title_en: "World Sister City Forum", title_zh: "世界友城论坛", series: Some(("World Sister City Forum", "世界友城论坛", None)), country: "" },
    Planned { kind: "conference", title_en: "2nd International Youth Exchange Conference", title_zh: "第二届国际青年交流大会",
        series: Some(("International Youth Exchange Conference", "国际青年交流大会", Some(2))), country: "" },
    Planned { kind: "contest", title_en: "Jinan International Sister City Youth Talent Contest", title_zh: "济南国际友城青少年才艺大赛", series: None, country: "" },
    Planned { kind: "festival", title_en: "China-Africa Youth Festival", title_zh: "中非青年嘉年华", series: None, country: "" },
    Planned { kind: "photo_exhibition", title_en: "Photo exhibition", title_zh: "图片展", series: None, country: "" },
    Planned { kind: "national_day_celebration", title_en: "Celebration of the national day of Guyana", title_zh: "圭亚那国庆日庆祝活动", series: None, country: "GY" },
    Planned { kind: "national_day_celebration", title_en: "Celebration of the national day of Jamaica", title_zh: "牙买加国庆日庆祝活动", series: None, country: "JM" },
    Planned { kind: "national_day_celebration", title_en: "Celebration of the national day of Barbados", title_zh: "巴巴多斯国庆日庆祝活动", series: None, country: "BB" },
    Planned { kind: "national_day_celebration", title_en: "Celebration of the national day of Trinidad and Tobago", title_zh: "特立尼达和多巴哥国庆日庆祝活动", series: None, country: "TT" },
    Planned { kind: "national_day_celebration", title_en: "Celebration of the national day of Suriname", title_zh: "苏里南国庆日庆祝活动", series: None, country: "SR" },
];

fn input(p: &Planned, organiser: i64, series_id: Option<i64>) -> EventInput {
    let caribbean = !p.country.is_empty();
    let description = if caribbean {
        format!(
            "The 2023 plan ({SEED_SOURCE}) celebrates the national days of Caribbean countries; the demo plans one celebration for each \
             country present at the inauguration of the China-Caribbean Development Center in Jinan on 2022-07-06. Date to be set \
             (not on the national day itself)."
        )
    } else {
        format!("Named in the 2023 plan ({SEED_SOURCE}); the plan gives no date.")
    };
    EventInput {
        kind: p.kind.into(),
        series_id,
        edition: p.series.and_then(|(_, _, n)| n),
        title_en: p.title_en.into(),
        title_zh: p.title_zh.into(),
        description,
        planned_on: "2023".into(),
        time_zone: "Asia/Shanghai".into(),
        organiser_unit_id: Some(organiser),
        country_code: p.country.into(),
        status: "planned".into(),
        source_url: if caribbean { CARIBBEAN_SOURCE.into() } else { SEED_URL.into() },
        ..Default::default()
    }
}

/// Creates the plan's series and events, organised by `organiser` (the home city); returns how many events.
pub async fn load<T: Tx>(tx: &mut T, actor: &Actor, organiser: i64) -> Result<usize> {
    for p in PLAN {
        let series_id = match p.series {
            Some((name_en, name_zh, _)) => {
                let input = EventSeriesInput {
                    name_en: name_en.into(),
                    name_zh: name_zh.into(),
                    description: format!("A recurring brand activity named in the 2023 plan ({SEED_SOURCE})."),
                    owner_unit_id: Some(organiser),
                    ..Default::default()
                };
                Some(event::create_series_in(tx, actor, input).await?.id)
            }
            None => None,
        };
        event::create_in(tx, actor, input(p, organiser, series_id)).await?;
    }
    Ok(PLAN.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::EventStatus;

    #[test]
    fn every_demo_event_is_valid_and_planned_for_2023_with_the_date_to_be_set() {
        for p in PLAN {
            let e = event::NewEvent::validate(&input(p, 1, p.series.map(|_| 1)), EventStatus::Planned).expect(p.title_en);
            assert!(e.starts_at.is_none(), "{}: no invented date", p.title_en);
            assert_eq!(e.planned_on.map(|d| d.to_string()).as_deref(), Some("2023"));
            assert!(!p.title_zh.is_empty() && p.series.is_none_or(|(_, zh, _)| !zh.is_empty()), "{}: a Chinese name", p.title_en);
            assert!(e.source_url.is_some_and(|u| u.starts_with("http")), "{}: a source URL", p.title_en);
        }
        let caribbean: Vec<_> = PLAN.iter().filter(|p| p.kind == "national_day_celebration").map(|p| p.country).collect();
        assert_eq!(caribbean, ["GY", "JM", "BB", "TT", "SR"]);
    }
}
