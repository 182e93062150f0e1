//! The demo: Jinan's 2023 sister-city programme, only sourced facts (see DATA.md).
//! Every partnership carries its source; where a date is unknown the record says so.

mod activities;
mod delegations;
mod events;
mod gifts;
mod history;
pub mod sample;

use crate::error::Result;
use crate::group::{self, CountryGroupInput};
use crate::store::Tx;
use crate::{Actor, PartnershipInput, UnitInput, partnership, programme, unit};

/// The report the demo is built from.
pub const SEED_SOURCE: &str =
    "China Daily, 19 April 2023: \"Jinan vows to deepen cooperation and exchanges with sister cities\" (english.jinan.gov.cn)";

/// Where the seed report can be read: China Daily's government-news site, crediting english.jinan.gov.cn.
pub const SEED_URL: &str = "https://govt.chinadaily.com.cn/s/202304/19/WS645b4973498ea274927ba081/jinan-vows-to-deepen-cooperation-and-exchanges-with-sister-cities.html";

/// Setting key that marks a database into which the demo was loaded.
pub const LOADED_KEY: &str = "demo.loaded";

const UNITS: &[(&str, &str, &str)] = &[
    ("office", "Jinan Municipal Foreign Affairs Office", "济南市人民政府外事办公室"),
    ("district", "Lixia District", "历下区"),
    ("district", "Licheng District", "历城区"),
    ("district", "Huaiyin District", "槐荫区"),
    ("county", "Pingyin County", "平阴县"),
    ("zone", "Jinan Area, China (Shandong) Pilot Free Trade Zone", "中国（山东）自由贸易试验区济南片区"),
];

/// One sourced partnership: (geonameid or hand-entered coordinates, names, kind, date, basis, source, notes, owned by Licheng).
struct Fact {
    city: CityRef,
    name_en: &'static str,
    name_zh: &'static str,
    native: &'static str,
    kind: &'static str,
    established: &'static str,
    basis: &'static str,
    source: &'static str,
    notes: &'static str,
    licheng: bool,
}

enum CityRef {
    GeoNames(i64),
    Manual { country: &'static str, lat: f64, lon: f64 },
}

const SISTER: &str = "sister_city";
/// The basis of a date the sources give without saying what happened on it.
const DATE_ONLY: &str = "date given by the source; it does not say what happened on that day";
const FRIENDLY_2023: &str = "listed as a friendly-cooperation city in 2023 by the source";
/// The partners for which DATA.md says an agreement was signed on the date established.
#[cfg(test)]
const AGREEMENT_SIGNED: &[&str] = &["Wakayama", "Sacramento"];
pub(crate) const SACRAMENTO_SOURCE: &str = "https://jsscc.org/history/";
pub(crate) const JOONDALUP_SOURCE: &str = "https://docslib.org/doc/2955889/1-2-proposed-policy-sister-city-relationships";
const FRIENDLY: &str = "friendly_cooperation";

#[rustfmt::skip]
const FACTS: &[Fact] = &[
    Fact { city: CityRef::GeoNames(1926004), name_en: "Wakayama", name_zh: "和歌山", native: "和歌山", kind: SISTER, established: "1983-01-14", basis: "agreement signed",
        source: "https://yybnet.net/jinan/news/201911/9853141.html", notes: "Jinan's first sister city. Also: https://zi.media/@yidianzixun/post/jsSrWE", licheng: false },
    Fact { city: CityRef::GeoNames(2652221), name_en: "Coventry", name_zh: "考文垂", native: "", kind: SISTER, established: "1983-10-03", basis: "date given by Chinese sources; Coventry's own directory says autumn 1983",
        source: "https://zi.media/@yidianzixun/post/jsSrWE", notes: "Also: https://www.coventry.gov.uk/directory_record/6215/jinan_china", licheng: false },
    Fact { city: CityRef::GeoNames(5389489), name_en: "Sacramento", name_zh: "萨克拉门托", native: "", kind: SISTER, established: "1985-04", basis: "agreement signed by the mayor",
        source: SACRAMENTO_SOURCE, notes: "A 30th anniversary was marked in 2014; a youth ambassador programme and a poetry contest with over 3,000 Jinan students.", licheng: false },
    Fact { city: CityRef::GeoNames(1848689), name_en: "Yamaguchi", name_zh: "山口", native: "山口", kind: SISTER, established: "1985-09-20", basis: DATE_ONLY,
        source: "https://zi.media/@yidianzixun/post/jsSrWE", notes: "", licheng: false },
    Fact { city: CityRef::GeoNames(6119109), name_en: "Regina", name_zh: "里贾纳", native: "", kind: SISTER, established: "1987-08-10", basis: DATE_ONLY,
        source: "https://english.jinan.gov.cn/art/2018/12/5/art_29566_2730927.html", notes: "", licheng: false },
    Fact { city: CityRef::GeoNames(1835553), name_en: "Suwon", name_zh: "水原", native: "수원", kind: SISTER, established: "1993-10-27", basis: DATE_ONLY,
        source: "https://zi.media/@yidianzixun/post/jsSrWE", notes: "", licheng: false },
    Fact { city: CityRef::GeoNames(520555), name_en: "Nizhny Novgorod", name_zh: "下诺夫哥罗德", native: "Нижний Новгород", kind: SISTER, established: "1994-09-25", basis: DATE_ONLY,
        source: "https://zi.media/@yidianzixun/post/jsSrWE", notes: "", licheng: false },
    Fact { city: CityRef::GeoNames(2954172), name_en: "Augsburg", name_zh: "奥格斯堡", native: "Augsburg", kind: SISTER, established: "2004", basis: "initialled early September 2004, signed 2004; sources disagree on the signing day (3 September or 10 October)",
        source: "https://m.fx361.cc/news/2017/0926/11435756.html", notes: "", licheng: false },
    Fact { city: CityRef::Manual { country: "AU", lat: -31.74, lon: 115.77 }, name_en: "Joondalup", name_zh: "朱恩达卢普", native: "", kind: SISTER, established: "2004-11", basis: "protocol agreement",
        source: JOONDALUP_SOURCE, notes: "The source says \"friendship\"; recorded as a sister city. Joondalup is not among the GeoNames cities of 15,000 or more: coordinates entered by hand.", licheng: false },
    Fact { city: CityRef::GeoNames(706483), name_en: "Kharkiv", name_zh: "哈尔科夫", native: "Харків", kind: SISTER, established: "2006-07-31", basis: "approved by the national friendship association",
        source: "https://shandong-chorography.org/database/d1/section/19/article/32/", notes: "Jinan's 13th sister city.", licheng: false },
    Fact { city: CityRef::GeoNames(294514), name_en: "Kfar Saba", name_zh: "卡法萨巴", native: "כפר סבא", kind: SISTER, established: "2009", basis: "year given by the source; it does not say what happened that year",
        source: "http://english.jinan.gov.cn/art/2018/11/19/art_30173_2743599.html", notes: "", licheng: false },
    Fact { city: CityRef::GeoNames(1835235), name_en: "Daejeon", name_zh: "大田", native: "대전", kind: SISTER, established: "2011", basis: "friendship from 2011",
        source: "https://daejeon.go.kr/dre/DreContentsHtmlView.do?menuSeq=6511", notes: "The source says \"friendship\"; recorded as a sister city.", licheng: false },
    Fact { city: CityRef::GeoNames(3053281), name_en: "Érd", name_zh: "埃尔德", native: "Érd", kind: FRIENDLY, established: "2023", basis: FRIENDLY_2023,
        source: "https://anquan.party/archiver/tid-169078.html", notes: "", licheng: false },
    Fact { city: CityRef::GeoNames(501175), name_en: "Rostov-on-Don", name_zh: "顿河畔罗斯托夫", native: "Ростов-на-Дону", kind: FRIENDLY, established: "2023", basis: FRIENDLY_2023,
        source: "https://anquan.party/archiver/tid-169078.html", notes: "", licheng: false },
    Fact { city: CityRef::GeoNames(3054543), name_en: "Cegléd", name_zh: "采格莱德", native: "Cegléd", kind: FRIENDLY, established: "", basis: "",
        source: SEED_URL, notes: "Held by Licheng District: the 2023 plan supports Licheng District's friendly cooperation with Cegléd. The source gives no date.", licheng: true },
];

/// Source of the only group members the demo records: the five countries represented at the
/// China-Caribbean Development Center's inauguration in Jinan on 2022-07-06.
pub const CARIBBEAN_SOURCE: &str = "http://en.people.cn/n3/2022/0707/c90000-10120279.html";

/// The country groups the plan names: (code, English, Chinese, members). Membership is the office's
/// data: only members a sourced record needs are filled in, never a list from memory.
const DEMO_GROUPS: &[(&str, &str, &str, &[&str])] = &[
    ("belt-and-road", "Belt and Road cooperation partners", "一带一路合作伙伴", &[]),
    ("caribbean", "Caribbean", "加勒比地区", &["GY", "JM", "BB", "TT", "SR"]),
    ("latin-america-caribbean", "Latin America and the Caribbean", "拉丁美洲和加勒比地区", &["GY", "JM", "BB", "TT", "SR"]),
    ("africa", "Africa", "非洲", &[]),
];

fn group_input(code: &str, name_en: &str, name_zh: &str, members: &[&str]) -> CountryGroupInput {
    CountryGroupInput {
        code: code.into(),
        name_en: name_en.into(),
        name_zh: name_zh.into(),
        source_note: group_note(members),
        members: members.iter().map(|m| m.to_string()).collect(),
        // The plan celebrates the national days of Caribbean countries: the group's are on the calendar.
        on_calendar: code == "caribbean",
        version: None,
    }
}

/// The source note of a demo group: the seed report, and where its members come from.
fn group_note(members: &[&str]) -> String {
    if members.is_empty() {
        format!("Named in the 2023 plan ({SEED_SOURCE}). Membership is the office's to fill: Amity ships no list of member countries.")
    } else {
        format!(
            "Named in the 2023 plan ({SEED_SOURCE}). Members so far: the five countries represented at the inauguration of the \
             China-Caribbean Development Center in Jinan on 2022-07-06 ({CARIBBEAN_SOURCE}); the office adds the rest."
        )
    }
}

/// How many partnerships the 2023 plan declares.
pub const DECLARED_PARTNERS: i64 = 85;

/// Loads the demo into an empty database inside the caller's unit of work. Returns the number of partnerships loaded.
pub async fn load<T: Tx>(tx: &mut T, actor: &Actor) -> Result<usize> {
    let home = unit::create_in(
        tx,
        actor,
        UnitInput { kind: "city".into(), name_en: "Jinan".into(), name_zh: "济南市".into(), ..Default::default() },
    )
    .await?;
    let mut licheng = home.id;
    for (kind, en, zh) in UNITS {
        let u = unit::create_in(
            tx,
            actor,
            UnitInput { parent_id: Some(home.id), kind: (*kind).into(), name_en: (*en).into(), name_zh: (*zh).into(), version: None },
        )
        .await?;
        if *en == "Licheng District" {
            licheng = u.id;
        }
    }
    let mut partners = Vec::new();
    for f in FACTS {
        let home_unit_id = Some(if f.licheng { licheng } else { home.id });
        let p = partnership::create_in(tx, actor, input(f, home_unit_id)).await?;
        partnership::record_start_in(tx, actor, &p, start_reason(f)).await?;
        partners.push((f.name_en, p.id));
    }
    history::load(tx, actor, &partners).await?;
    activities::load(tx, actor, home.id, &partners).await?;
    gifts::load(tx, actor, &partners).await?;
    events::load(tx, actor, home.id).await?;
    delegations::load(tx, actor, home.id).await?;
    for (code, en, zh, members) in DEMO_GROUPS {
        group::create_in(tx, actor, group_input(code, en, zh, members)).await?;
    }
    programme::set_declared(tx, DECLARED_PARTNERS, SEED_SOURCE).await?;
    // Jinan, Shandong (GeoNames 1805753), per DATA.md.
    tx.set_setting(programme::HOME_CITY, "1805753", tx.now().instant).await?;
    tx.set_setting(LOADED_KEY, "jinan-2023", tx.now().instant).await?;
    Ok(FACTS.len())
}

/// The reason of a demo partnership's first history entry: what its date rests on, as the source says.
fn start_reason(f: &Fact) -> &'static str {
    if f.basis.is_empty() { "established; the source gives no basis for the date" } else { f.basis }
}

fn input(f: &Fact, home_unit_id: Option<i64>) -> PartnershipInput {
    let mut i = PartnershipInput {
        home_unit_id,
        city_name_en: f.name_en.into(),
        city_name_zh: f.name_zh.into(),
        city_name_native: f.native.into(),
        kind: f.kind.into(),
        status: "active".into(),
        established: f.established.into(),
        established_basis: f.basis.into(),
        source_url: f.source.into(),
        notes: f.notes.into(),
        ..Default::default()
    };
    match f.city {
        CityRef::GeoNames(id) => i.city_id = Some(id),
        CityRef::Manual { country, lat, lon } => {
            i.country = country.into();
            i.lat = Some(lat);
            i.lon = Some(lon);
        }
    }
    i
}

/// Whether a demo text is written in Chinese (holds Han characters): its tests check every record has one.
#[cfg(test)]
pub(crate) fn is_chinese(s: &str) -> bool {
    s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::partnership::NewPartnership;

    #[test]
    fn every_demo_partnership_is_valid_and_sourced() {
        for f in FACTS {
            let new = NewPartnership::validate(&input(f, Some(1))).unwrap_or_else(|e| panic!("{}: {e:?}", f.name_en));
            assert!(new.source_url.as_deref().is_some_and(|u| u.starts_with("http")), "{} has no source URL", f.name_en);
            assert!(
                !new.established_basis.as_deref().unwrap_or("").contains("agreement signed") || AGREEMENT_SIGNED.contains(&f.name_en),
                "{}: no source says an agreement was signed",
                f.name_en
            );
            assert_eq!(new.city.name_zh.as_deref(), Some(f.name_zh));
        }
        assert_eq!(FACTS.len(), 15);
    }

    #[test]
    fn demo_groups_are_valid_sourced_and_hold_only_the_five_sourced_caribbean_members() {
        for (code, en, zh, members) in DEMO_GROUPS {
            let g = group::NewCountryGroup::validate(&group_input(code, en, zh, members)).unwrap_or_else(|e| panic!("{code}: {e:?}"));
            assert!(g.source_note.as_deref().is_some_and(|n| n.contains(SEED_SOURCE)), "{code} names the seed");
            match *code {
                "caribbean" | "latin-america-caribbean" => {
                    assert_eq!(g.members, ["BB", "GY", "JM", "SR", "TT"], "{code}");
                    assert!(g.source_note.as_deref().is_some_and(|n| n.contains(CARIBBEAN_SOURCE)), "{code}");
                }
                _ => assert!(g.members.is_empty(), "{code} starts empty"),
            }
        }
    }

    #[test]
    fn demo_cities_are_in_the_right_countries() {
        let expect =
            [("Wakayama", "JP"), ("Sacramento", "US"), ("Yamaguchi", "JP"), ("Daejeon", "KR"), ("Cegléd", "HU"), ("Joondalup", "AU")];
        for (name, cc) in expect {
            let f = FACTS.iter().find(|f| f.name_en == name).expect("fact");
            let new = NewPartnership::validate(&input(f, Some(1))).expect("valid");
            assert_eq!(new.city.country, cc, "{name}");
        }
    }
}
