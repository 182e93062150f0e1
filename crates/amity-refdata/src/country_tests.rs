//! Tests of the embedded country table: names, codes and national days.

use super::*;

fn get(iso2: &str) -> &'static Country {
    country(iso2).unwrap_or_else(|| panic!("{iso2} is in the table"))
}

#[test]
fn countries_are_sorted_by_iso2_and_complete() {
    let list = countries();
    assert_eq!(list.len(), 249, "the 249 codes assigned in ISO 3166-1");
    assert!(list.windows(2).all(|w| w[0].iso2 < w[1].iso2));
    assert!(list.iter().all(|c| c.iso2.len() == 2 && !c.name_zh.is_empty()));
}

#[test]
fn codes_outside_iso_3166_1_are_not_countries() {
    assert!(country("XK").is_none(), "XK is user-assigned, not ISO 3166-1");
}

#[test]
fn country_lookup_ignores_letter_case() {
    assert_eq!(get("cn").name_en, "China");
    assert_eq!(get("Cn").name_zh, "中国");
    assert!(country("zz").is_none());
    assert!(country("").is_none());
}

#[test]
fn regions_of_china_follow_the_naming_policy_and_have_no_national_day() {
    let regions = [
        ("TW", "Taiwan, Province of China", "中国台湾省", "Taiwan, Province of China"),
        ("HK", "Hong Kong", "中国香港", "Hong Kong Special Administrative Region of the People's Republic of China"),
        ("MO", "Macao", "中国澳门", "Macao Special Administrative Region of the People's Republic of China"),
    ];
    for (iso2, en, zh, official) in regions {
        let c = get(iso2);
        assert_eq!(c.name_en, en);
        assert_eq!(c.name_zh, zh);
        assert_eq!(c.official_en, official, "{iso2}'s official name");
        assert_eq!(c.capital, "", "{iso2} is a region of China and has no capital");
        assert!(c.national_day.is_none(), "{iso2} has no national day");
    }
}

/// No field of the shipped files names a region of China as a state or its city as a capital.
#[test]
fn no_field_of_the_shipped_countries_calls_a_region_of_china_a_state() {
    for c in crate::countries() {
        for field in [&c.name_en, &c.official_en, &c.capital] {
            for wrong in ["Republic of China (Taiwan)", "Taipei", "City of Victoria"] {
                assert!(!field.contains(wrong), "{}: {field:?} contains {wrong:?}", c.iso2);
            }
        }
    }
}

#[test]
fn names_follow_iso_3166_short_names() {
    assert_eq!(get("KR").name_en, "Korea, Republic of");
    assert_eq!(get("RU").name_en, "Russian Federation");
    assert_eq!(get("GB").name_en, "United Kingdom");
    assert_eq!(get("US").name_en, "United States");
    assert_eq!(get("KR").name_zh, "韩国");
}

#[test]
fn trinidad_and_tobago_celebrates_on_31_august() {
    let tt = get("TT");
    let day = tt.national_day.as_ref().expect("TT has a national day");
    assert_eq!(day.month_day, Some((8, 31)));
    assert!(!day.is_variable());
    assert_eq!(day.confidence, Confidence::High);
    assert_eq!(day.name_zh(tt), "特立尼达和多巴哥国庆日");
}

#[test]
fn the_united_kingdom_national_day_is_variable() {
    let day = get("GB").national_day.as_ref().expect("GB has a row");
    assert!(day.is_variable());
    assert!(day.basis.starts_with("variable"));
    assert_eq!(day.confidence, Confidence::Medium);
}

#[test]
fn china_has_its_national_day_and_fields() {
    let cn = get("CN");
    let day = cn.national_day.as_ref().expect("CN has a national day");
    assert_eq!(day.month_day, Some((10, 1)));
    assert_eq!(cn.iso3, "CHN");
    assert_eq!(cn.numeric, "156");
    assert_eq!(cn.continent, "AS");
    assert_eq!(cn.calling_codes, vec!["+86"]);
    assert_eq!(cn.currencies, vec!["CNY"]);
    assert_eq!(get("US").calling_codes, vec!["+1"]);
}

#[test]
fn low_confidence_rows_are_marked() {
    let sy = get("SY").national_day.as_ref().expect("SY has a row");
    assert_eq!(sy.confidence, Confidence::Low);
    assert_eq!(sy.confidence.as_str(), "low");
}
