//! Tests of city search: ranking, names in several scripts, filters and limits.

use super::*;

fn ids(q: &str, country: Option<&str>, limit: usize) -> Vec<i64> {
    search_cities(q, country, limit).iter().map(|c| c.id).collect()
}

fn first(q: &str) -> &'static City {
    search_cities(q, None, 5).into_iter().next().unwrap_or_else(|| panic!("{q:?} finds a city"))
}

#[test]
fn a_prefix_finds_the_most_populous_city_first() {
    assert_eq!(first("sacra").id, 5_389_489, "Sacramento, California");
    assert_eq!(first("rostov").id, 501_175, "Rostov-on-Don");
    assert_eq!(first("Kharkiv").id, 706_483);
    assert_eq!(first("suwon").id, 1_835_553);
}

#[test]
fn chinese_names_find_their_city() {
    assert_eq!(first("济南").id, 1_805_753);
    assert_eq!(first("萨克拉门托").id, 5_389_489);
    assert_eq!(first("顿河畔罗斯托夫").id, 501_175);
}

#[test]
fn english_exonyms_and_folded_spellings_are_found() {
    assert!(ids("Nizhny Novgorod", None, 5).contains(&520_555));
    assert!(ids("Rostov-on-Don", None, 5).contains(&501_175));
    let erd = search_cities("erd", Some("HU"), 5);
    assert_eq!(erd[0].id, 3_053_281, "Érd without its accent");
    assert_eq!(first("CEGLÉD").id, 3_054_543);
}

#[test]
fn prefix_matches_come_before_substring_matches() {
    let found = search_cities("novgorod", None, 10);
    let nizhny = found.iter().position(|c| c.id == 520_555);
    let velikiy = found.iter().position(|c| c.country == "RU" && c.id != 520_555);
    assert!(nizhny.is_some() && velikiy.is_some());
    assert!(velikiy < nizhny, "Velikiy Novgorod (alias Novgorod) is a prefix match");
}

#[test]
fn within_a_group_larger_cities_come_first() {
    let found = search_cities("san", None, 20);
    assert_eq!(found.len(), 20);
    let prefix: Vec<_> = found.iter().take_while(|c| c.name.to_lowercase().starts_with("san")).collect();
    assert!(prefix.windows(2).all(|w| w[0].population >= w[1].population));
}

#[test]
fn the_country_filter_keeps_one_country_in_any_case() {
    let found = search_cities("san", Some("us"), 20);
    assert!(!found.is_empty());
    assert!(found.iter().all(|c| c.country == "US"));
    assert_eq!(search_cities("sacramento", Some("BR"), 5)[0].country, "BR");
    assert!(search_cities("san", Some("ZZ"), 20).is_empty());
}

#[test]
fn the_limit_is_respected_and_capped() {
    assert_eq!(search_cities("a", None, 7).len(), 7);
    assert_eq!(search_cities("a", None, 10_000).len(), MAX_LIMIT);
    assert!(search_cities("a", None, 0).is_empty());
}

#[test]
fn an_empty_query_finds_nothing() {
    assert!(search_cities("", None, 20).is_empty());
    assert!(search_cities("   ", None, 20).is_empty());
    assert!(search_cities("\u{1}", None, 20).is_empty());
}

#[test]
fn results_have_no_duplicates() {
    let found = ids("san", None, 100);
    let mut unique = found.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), found.len());
}
