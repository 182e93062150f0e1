//! City search: prefix matches first, then substring matches, each by population.
//!
//! Every city's folded names (GeoNames name, ASCII name, Chinese name, Latin
//! alternates) are laid end to end in one string, each name preceded by `SEP`, the
//! cities in descending population. A prefix match is then a match of `SEP + query`
//! and a substring match one of `query`; scanning from the start yields cities in
//! population order, so the scan stops as soon as `limit` cities are found. A full
//! scan (a rare name) reads about 1.5 MB with memchr's SIMD substring search.

use std::collections::HashMap;
use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::city::{CITY_TABLE, City, CityTable};
use crate::fold::fold;

/// The most results one search returns.
pub const MAX_LIMIT: usize = 100;

/// Separator before each name in a haystack; `fold` never produces it from a query
/// because queries are stripped of it.
const SEP: char = '\u{1}';

/// Folded names of a set of cities, in descending population.
#[derive(Default)]
struct Haystack {
    text: String,
    /// Byte offset where each city's names begin, plus one final end offset.
    starts: Vec<usize>,
    /// Index into the city table of each segment.
    cities: Vec<u32>,
}

struct SearchIndex {
    all: Haystack,
    by_country: HashMap<String, Haystack>,
}

static INDEX: LazyLock<SearchIndex> = LazyLock::new(|| build_index(&CITY_TABLE));

/// Search cities by name, ASCII name, Chinese name and Latin alternate names, all
/// compared after [`fold`]. Cities with a name starting with the query come first,
/// then cities with a name containing it; each group is ordered by population.
/// `country` (ISO2, any case) restricts the search to one country; `limit` is capped
/// at 100. An empty query finds nothing.
pub fn search_cities(q: &str, country: Option<&str>, limit: usize) -> Vec<&'static City> {
    let limit = limit.min(MAX_LIMIT);
    let query: String = fold(q).chars().filter(|&c| c != SEP).collect();
    if query.is_empty() || limit == 0 {
        return Vec::new();
    }
    let index = &*INDEX;
    let haystack = match country.map(str::trim).filter(|c| !c.is_empty()) {
        None => &index.all,
        Some(code) => match index.by_country.get(&code.to_ascii_uppercase()) {
            Some(haystack) => haystack,
            None => return Vec::new(),
        },
    };
    let mut found = Vec::with_capacity(limit);
    haystack.collect(&format!("{SEP}{query}"), limit, &mut found);
    if found.len() < limit {
        haystack.collect(&query, limit, &mut found);
    }
    let cities = &CITY_TABLE.cities;
    found.into_iter().map(|i| &cities[i as usize]).collect()
}

impl Haystack {
    fn push(&mut self, city: u32, keys: &[String]) {
        if self.starts.is_empty() {
            self.starts.push(0);
        }
        for key in keys {
            self.text.push(SEP);
            self.text.push_str(key);
        }
        self.starts.push(self.text.len());
        self.cities.push(city);
    }

    /// Append to `found` the cities whose names match `pattern`, in population order,
    /// skipping cities already in `found`, until `found` holds `limit` cities.
    fn collect(&self, pattern: &str, limit: usize, found: &mut Vec<u32>) {
        let earlier = found.len();
        let finder = Finder::new(pattern);
        let text = self.text.as_bytes();
        let mut from = 0;
        while found.len() < limit {
            let Some(at) = finder.find(&text[from..]) else {
                break;
            };
            let segment = self.starts.partition_point(|&s| s <= from + at) - 1;
            let city = self.cities[segment];
            if !found[..earlier].contains(&city) {
                found.push(city);
            }
            from = self.starts[segment + 1];
        }
    }
}

/// The distinct folded names of city `i`.
fn keys(table: &CityTable, i: usize) -> Vec<String> {
    let city = &table.cities[i];
    let alternates = table.alt_names[i].split('|').filter(|a| !a.is_empty());
    let mut keys: Vec<String> = Vec::new();
    let names = [city.name.as_str(), city.ascii_name.as_str()];
    for name in names.into_iter().chain(city.name_zh.as_deref()).chain(alternates) {
        let key = fold(name);
        if !key.is_empty() && !keys.contains(&key) {
            keys.push(key);
        }
    }
    keys
}

fn build_index(table: &CityTable) -> SearchIndex {
    let mut all = Haystack::default();
    let mut by_country: HashMap<String, Haystack> = HashMap::new();
    for (i, city) in table.cities.iter().enumerate() {
        let keys = keys(table, i);
        let id = u32::try_from(i).expect("fewer than 2^32 cities");
        all.push(id, &keys);
        by_country.entry(city.country.clone()).or_default().push(id, &keys);
    }
    SearchIndex { all, by_country }
}

#[cfg(test)]
#[path = "search_tests.rs"]
mod tests;
