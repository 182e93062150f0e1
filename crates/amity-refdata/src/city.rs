//! Cities of 15,000 or more inhabitants (GeoNames), with Chinese names where known.

use std::collections::HashMap;
use std::sync::LazyLock;

use serde::Serialize;

use crate::embedded::{CITIES, gunzip, num};

/// A city from GeoNames.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct City {
    /// GeoNames id.
    pub id: i64,
    /// GeoNames name, possibly with diacritics ("Érd").
    pub name: String,
    /// The name in ASCII ("Erd").
    pub ascii_name: String,
    /// Simplified Chinese name, if one is known.
    pub name_zh: Option<String>,
    /// True when `name_zh` comes from a language-tagged GeoNames name or from the
    /// reviewed overrides; false when it is an untagged fallback (possibly Japanese).
    pub name_zh_verified: bool,
    /// ISO2 code of the country.
    pub country: String,
    /// First-level division (province, state) in English.
    pub admin1: Option<String>,
    /// Latitude in degrees.
    pub lat: f64,
    /// Longitude in degrees.
    pub lon: f64,
    /// Population as GeoNames gives it.
    pub population: u64,
    /// IANA time zone ("Asia/Shanghai").
    pub timezone: String,
}

/// The parsed city file: cities by descending population, and alternate names.
pub(crate) struct CityTable {
    pub(crate) cities: Vec<City>,
    /// Latin alternate names of each city, `|`-separated, same order as `cities`.
    pub(crate) alt_names: Vec<String>,
    by_id: HashMap<i64, usize>,
}

const COLUMNS: usize = 12;

pub(crate) static CITY_TABLE: LazyLock<CityTable> = LazyLock::new(|| parse_table(&gunzip(CITIES, "cities")));

/// The city with this GeoNames id.
pub fn city(id: i64) -> Option<&'static City> {
    let table = &*CITY_TABLE;
    table.by_id.get(&id).map(|&i| &table.cities[i])
}

/// Parse the column-major file: header, row count, then `COLUMNS` runs of values.
fn parse_table(text: &str) -> CityTable {
    let mut lines = text.lines();
    let header = lines.next().unwrap_or_default();
    assert_eq!(header.split('\t').count(), COLUMNS, "embedded cities: header");
    let n: usize = num(lines.next().unwrap_or_default(), "cities");
    let cols: Vec<Vec<&str>> = (0..COLUMNS).map(|_| lines.by_ref().take(n).collect()).collect();
    assert!(cols.iter().all(|c| c.len() == n), "embedded cities: {n} values per column");
    let cities: Vec<City> = (0..n).map(|i| parse_city(&cols, i)).collect();
    let by_id = cities.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
    let alt_names = cols[11].iter().map(|s| (*s).to_owned()).collect();
    CityTable { cities, alt_names, by_id }
}

fn parse_city(cols: &[Vec<&str>], i: usize) -> City {
    let get = |c: usize| cols[c][i];
    let optional = |s: &str| (!s.is_empty()).then(|| s.to_owned());
    let name = get(1).to_owned();
    City {
        id: num(get(0), "cities"),
        ascii_name: optional(get(2)).unwrap_or_else(|| name.clone()),
        name,
        name_zh: optional(get(3)),
        name_zh_verified: get(4) == "V",
        country: get(5).to_owned(),
        admin1: optional(get(6)),
        lat: num(get(7), "cities"),
        lon: num(get(8), "cities"),
        population: num(get(9), "cities"),
        timezone: get(10).to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_holds_every_city_by_descending_population() {
        let cities = &CITY_TABLE.cities;
        assert_eq!(cities.len(), 34_006);
        assert!(cities.windows(2).all(|w| w[0].population >= w[1].population));
        assert_eq!(CITY_TABLE.alt_names.len(), cities.len());
    }

    #[test]
    fn jinan_has_its_verified_chinese_name() {
        let jinan = city(1_805_753).expect("Jinan is in the table");
        assert_eq!(jinan.name, "Jinan");
        assert_eq!(jinan.name_zh.as_deref(), Some("济南"));
        assert!(jinan.name_zh_verified);
        assert_eq!(jinan.country, "CN");
        assert_eq!(jinan.admin1.as_deref(), Some("Shandong"));
        assert_eq!(jinan.timezone, "Asia/Shanghai");
        assert!((jinan.lat - 36.668).abs() < 0.01 && (jinan.lon - 116.997).abs() < 0.01);
    }

    #[test]
    fn overrides_give_mainland_usage() {
        let sacramento = city(5_389_489).expect("Sacramento is in the table");
        assert_eq!(sacramento.name_zh.as_deref(), Some("萨克拉门托"));
        assert!(sacramento.name_zh_verified);
        let erd = city(3_053_281).expect("Érd is in the table");
        assert_eq!(erd.name, "Érd");
        assert_eq!(erd.ascii_name, "Erd");
        assert_eq!(erd.name_zh.as_deref(), Some("埃尔德"));
    }

    #[test]
    fn unknown_ids_find_nothing() {
        assert!(city(0).is_none());
        assert!(city(-1).is_none());
    }

    #[test]
    fn untagged_chinese_names_are_marked_unverified() {
        let unverified = CITY_TABLE.cities.iter().filter(|c| c.name_zh.is_some() && !c.name_zh_verified).count();
        assert!(unverified > 0);
        assert!(CITY_TABLE.cities.iter().all(|c| c.name_zh.is_some() || !c.name_zh_verified));
    }
}
