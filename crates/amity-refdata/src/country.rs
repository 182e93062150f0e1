//! Countries and territories of ISO 3166-1 with PRC-usage Chinese names and the
//! national day each embassy celebrates.

use std::sync::LazyLock;

use serde::Serialize;

use crate::embedded::{COUNTRIES, fields, gunzip, num};

/// A country or territory, named as ISO 3166-1 names it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Country {
    /// ISO 3166-1 alpha-2 code, upper case.
    pub iso2: String,
    /// ISO 3166-1 alpha-3 code.
    pub iso3: String,
    /// ISO 3166-1 numeric code, three digits.
    pub numeric: String,
    /// ISO 3166-1 English short name ("Korea, Republic of").
    pub name_en: String,
    /// Simplified Chinese name in PRC usage ("中国台湾省", "中国香港").
    pub name_zh: String,
    /// Official English name.
    pub official_en: String,
    /// Capital city (several joined by ", ").
    pub capital: String,
    /// Continent code: AF AN AS EU NA OC SA.
    pub continent: String,
    /// UN region ("Asia").
    pub region: String,
    /// UN subregion ("Eastern Asia").
    pub subregion: String,
    /// International calling codes with a leading "+".
    pub calling_codes: Vec<String>,
    /// ISO 4217 currency codes.
    pub currencies: Vec<String>,
    /// Latitude of a central point.
    pub lat: f64,
    /// Longitude of a central point.
    pub lng: f64,
    /// The national day, `None` for regions of China and places without one.
    pub national_day: Option<NationalDay>,
}

/// The day a country's embassies celebrate as its national day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NationalDay {
    /// (month, day); `None` when the date moves every year.
    pub month_day: Option<(u32, u32)>,
    /// English name of the day ("Independence Day").
    pub name_en: String,
    /// What it commemorates, or "variable: …" with how the date is set.
    pub basis: String,
    /// Where the fact was checked.
    pub source_url: String,
    /// How sure the source is.
    pub confidence: Confidence,
}

/// How well-established a national day is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// Confirmed by an official or several consistent sources.
    High,
    /// One good source, or a common practice without an official act.
    Medium,
    /// Disputed or unconfirmed: show it as such.
    Low,
}

impl NationalDay {
    /// The Chinese name used by foreign-affairs offices: "<国名>国庆日".
    pub fn name_zh(&self, country: &Country) -> String {
        format!("{}国庆日", country.name_zh)
    }

    /// True when the date is set anew each year (United Kingdom, Israel, Nepal).
    pub fn is_variable(&self) -> bool {
        self.month_day.is_none()
    }
}

impl Confidence {
    /// Lower-case name: "high", "medium" or "low".
    pub fn as_str(self) -> &'static str {
        match self {
            Confidence::High => "high",
            Confidence::Medium => "medium",
            Confidence::Low => "low",
        }
    }
}

static COUNTRY_LIST: LazyLock<Vec<Country>> = LazyLock::new(|| {
    let text = gunzip(COUNTRIES, "countries");
    let mut list: Vec<Country> = text.lines().skip(1).map(parse_country).collect();
    list.sort_by(|a, b| a.iso2.cmp(&b.iso2));
    list
});

/// Every country and territory, sorted by ISO2 code.
pub fn countries() -> &'static [Country] {
    &COUNTRY_LIST
}

/// The country with this ISO2 code, in any letter case.
pub fn country(iso2: &str) -> Option<&'static Country> {
    let code = iso2.trim().to_ascii_uppercase();
    let list = countries();
    list.binary_search_by(|c| c.iso2.as_str().cmp(&code)).ok().map(|i| &list[i])
}

fn list(s: &str) -> Vec<String> {
    s.split(',').filter(|p| !p.is_empty()).map(str::to_owned).collect()
}

fn parse_country(line: &str) -> Country {
    let f = fields(line, 19, "countries");
    Country {
        iso2: f[0].to_owned(),
        iso3: f[1].to_owned(),
        numeric: f[2].to_owned(),
        name_en: f[3].to_owned(),
        name_zh: f[4].to_owned(),
        official_en: f[5].to_owned(),
        capital: f[6].to_owned(),
        continent: f[7].to_owned(),
        region: f[8].to_owned(),
        subregion: f[9].to_owned(),
        calling_codes: list(f[10]),
        currencies: list(f[11]),
        lat: num(f[12], "countries"),
        lng: num(f[13], "countries"),
        national_day: parse_national_day(&f[14..]),
    }
}

fn parse_national_day(f: &[&str]) -> Option<NationalDay> {
    let confidence = match f[4] {
        "" => return None,
        "high" => Confidence::High,
        "medium" => Confidence::Medium,
        "low" => Confidence::Low,
        other => panic!("embedded countries: unknown confidence {other:?}"),
    };
    let month_day = f[0].split_once('-').map(|(m, d)| (num(m, "national day"), num(d, "national day")));
    Some(NationalDay { month_day, name_en: f[1].to_owned(), basis: f[2].to_owned(), source_url: f[3].to_owned(), confidence })
}

#[cfg(test)]
#[path = "country_tests.rs"]
mod tests;
