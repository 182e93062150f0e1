//! Amity's benchmarks and load scenarios. The library holds what several benches
//! share; each criterion scenario lives in `benches/`, the national-scale data set in
//! [`generate`] (binary `generate`) and its measurements in [`measure`] (binary `measure`);
//! `RESULTS.md` describes them and records their figures.
#![forbid(unsafe_code)]

pub mod cli;
pub mod generate;
pub mod measure;

/// City-search queries that the city picker sees: (label, query, country filter, limit).
pub const CITY_QUERIES: &[(&str, &str, Option<&str>, usize)] = &[
    ("sac", "sac", None, 20),
    ("jinan_zh", "济南", None, 20),
    ("novgorod", "novgorod", None, 20),
    ("san", "san", None, 20),
    ("san_in_us", "san", Some("US"), 20),
    ("nothing_found", "qqxqz", None, 20),
];

#[cfg(test)]
mod tests {
    use super::CITY_QUERIES;

    #[test]
    fn every_query_but_the_miss_finds_a_city() {
        for (label, q, country, limit) in CITY_QUERIES {
            let found = amity_refdata::search_cities(q, *country, *limit);
            assert_eq!(found.is_empty(), *label == "nothing_found", "{label}");
        }
    }
}
