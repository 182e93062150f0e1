//! Criterion benchmark of `amity_refdata::search_cities` on the city picker's queries.

use std::hint::black_box;

use amity_bench::CITY_QUERIES;
use amity_refdata::search_cities;
use criterion::{Criterion, criterion_group, criterion_main};

fn city_search(c: &mut Criterion) {
    // Decompress and index once, outside the measurement.
    black_box(search_cities("warm", None, 1));
    let mut group = c.benchmark_group("city_search");
    for &(label, query, country, limit) in CITY_QUERIES {
        group.bench_function(label, |b| {
            b.iter(|| search_cities(black_box(query), black_box(country), black_box(limit)));
        });
    }
    group.finish();
}

fn country_lookup(c: &mut Criterion) {
    // A baseline: the cheapest lookup the crate offers.
    c.bench_function("country_lookup", |b| {
        b.iter(|| amity_refdata::country(black_box("tt")));
    });
}

criterion_group!(benches, city_search, country_lookup);
criterion_main!(benches);
