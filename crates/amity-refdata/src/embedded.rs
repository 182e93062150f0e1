//! The embedded data files and the one routine that decompresses them.

use std::io::Read;

use flate2::read::GzDecoder;

/// Countries with national days: one TSV row per country, header first.
pub(crate) const COUNTRIES: &[u8] = include_bytes!("../data/countries.tsv.gz");
/// Cities in column-major text: header, row count, then each column's values.
pub(crate) const CITIES: &[u8] = include_bytes!("../data/cities.cols.gz");
/// World outlines with PRC borders (Natural Earth 1:50m, Chinese names).
pub(crate) const MAP_PRC: &[u8] = include_bytes!("../data/map_prc.tsv.gz");
/// Neutral world outlines (Natural Earth 1:110m, English names).
pub(crate) const MAP_NEUTRAL: &[u8] = include_bytes!("../data/map_neutral.tsv.gz");

/// Decompress an embedded file. The files are generated and checked by the tests,
/// so a failure here is a build defect, not a run-time condition.
pub(crate) fn gunzip(bytes: &[u8], what: &str) -> String {
    let mut text = String::with_capacity(bytes.len() * 4);
    GzDecoder::new(bytes).read_to_string(&mut text).unwrap_or_else(|e| panic!("embedded {what} is valid gzip UTF-8: {e}"));
    text
}

/// Split a TSV data row into exactly `n` fields.
pub(crate) fn fields<'a>(line: &'a str, n: usize, what: &str) -> Vec<&'a str> {
    let fields: Vec<&str> = line.split('\t').collect();
    assert_eq!(fields.len(), n, "embedded {what}: row with {n} fields: {line}");
    fields
}

/// Parse a number from an embedded file.
pub(crate) fn num<T: std::str::FromStr>(s: &str, what: &str) -> T {
    s.parse().unwrap_or_else(|_| panic!("embedded {what}: a number, not {s:?}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_embedded_file_decompresses_with_a_header() {
        for (bytes, what, first) in
            [(COUNTRIES, "countries", "iso2"), (CITIES, "cities", "id"), (MAP_PRC, "map", "iso2"), (MAP_NEUTRAL, "map", "iso2")]
        {
            let text = gunzip(bytes, what);
            assert!(text.starts_with(first), "{what} starts with its header");
        }
    }

    #[test]
    fn fields_splits_on_tabs() {
        assert_eq!(fields("a\t\tc", 3, "test"), vec!["a", "", "c"]);
    }

    #[test]
    fn num_parses_numbers() {
        assert_eq!(num::<i64>("42", "test"), 42);
    }
}
