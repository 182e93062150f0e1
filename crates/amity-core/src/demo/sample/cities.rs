//! Reference cities for generated partnerships (the benchmark's data set and the sample office). amity-refdata offers lookups by id and search (at most
//! 100 results), not a list of all 34,000 cities, so the pool is gathered by searching each
//! country for common letters, then shuffled with the seed.

use std::collections::HashSet;

use amity_refdata::{City, countries, search_cities};

use super::rng::Rng;

/// Letters that occur in most city names of every script's Latin transliteration.
const QUERIES: [&str; 8] = ["a", "e", "i", "o", "u", "n", "r", "s"];

/// The home country and its special regions never hold a foreign partner city.
const HOME: [&str; 4] = ["CN", "HK", "MO", "TW"];

/// `n` distinct foreign reference cities (fewer only if the whole pool is smaller).
pub fn sample(rng: &mut Rng, n: usize) -> Vec<&'static City> {
    let mut seen = HashSet::new();
    let mut pool: Vec<&'static City> = Vec::new();
    for country in countries().iter().filter(|c| !HOME.contains(&c.iso2.as_str())) {
        for q in QUERIES {
            for city in search_cities(q, Some(&country.iso2), 100) {
                if seen.insert(city.id) {
                    pool.push(city);
                }
            }
        }
    }
    // Search order depends only on the embedded data, so after sorting by id the shuffle is the seed's alone.
    pool.sort_by_key(|c| c.id);
    rng.shuffle(&mut pool);
    pool.truncate(n);
    pool
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[ignore = "slow in a debug build: gathers the whole pool; the benchmark's own test runs it"]
    fn the_pool_holds_three_thousand_distinct_foreign_cities() {
        let cities = sample(&mut Rng::new(1), 3_000);
        assert_eq!(cities.len(), 3_000);
        assert_eq!(cities.iter().map(|c| c.id).collect::<HashSet<_>>().len(), 3_000);
        assert!(cities.iter().all(|c| !HOME.contains(&c.country.as_str())));
    }
}
