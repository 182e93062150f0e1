//! Reference cities for the partnerships: the pool is gathered in amity-core (the sample office
//! uses it too) by searching each country for common letters, then shuffled with the seed.

pub use amity_core::demo::sample::cities::sample;

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::super::rng::Rng;
    use super::*;

    #[test]
    fn the_pool_holds_three_thousand_distinct_foreign_cities() {
        let cities = sample(&mut Rng::new(1), 3_000);
        assert_eq!(cities.len(), 3_000);
        assert_eq!(cities.iter().map(|c| c.id).collect::<HashSet<_>>().len(), 3_000);
        assert!(cities.iter().all(|c| !["CN", "HK", "MO", "TW"].contains(&c.country.as_str())));
    }
}
