//! Money as integer minor units: parsing "1234.50" in a currency's precision and printing it back.

use crate::error::FieldError;

/// Currencies whose minor unit is not a hundredth (ISO 4217): no decimals, or three.
const NO_DECIMALS: &[&str] =
    &["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"];
const THREE_DECIMALS: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

/// Largest amount accepted, in minor units (ten trillion units of a two-decimal currency).
const MAX_MINOR: i64 = 1_000_000_000_000_000;

/// How many decimals the currency's minor unit has.
pub fn minor_units(currency: &str) -> u32 {
    if NO_DECIMALS.contains(&currency) {
        0
    } else if THREE_DECIMALS.contains(&currency) {
        3
    } else {
        2
    }
}

/// Parses a non-negative amount such as `1234.5`, `1,234.50` or `１２３４` into minor units of
/// `currency`; more decimals than the currency has is an error, never rounded.
pub fn parse_amount(field: &str, text: &str, currency: &str) -> Result<i64, FieldError> {
    let cleaned: String = text
        .trim()
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' ' | '_'))
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '．' => '.',
            other => other,
        })
        .collect();
    let bad = || FieldError::new(field, "invalid_amount");
    let (whole, frac) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if whole.is_empty() || !whole.chars().all(|c| c.is_ascii_digit()) || !frac.chars().all(|c| c.is_ascii_digit()) {
        return Err(bad());
    }
    let digits = minor_units(currency);
    if frac.len() > digits as usize {
        return Err(FieldError::new(field, "too_many_decimals").with("max", digits));
    }
    let scale = 10_i64.pow(digits);
    let padded = format!("{frac:0<width$}", width = digits as usize);
    let too_big = || FieldError::new(field, "out_of_range").with("min", 0).with("max", MAX_MINOR / scale);
    // Only digits are left, so a failed parse is an overflow.
    let whole: i64 = whole.parse().map_err(|_| too_big())?;
    let frac: i64 = if padded.is_empty() { 0 } else { padded.parse().map_err(|_| bad())? };
    let minor = whole.checked_mul(scale).and_then(|w| w.checked_add(frac)).filter(|m| *m <= MAX_MINOR);
    minor.ok_or_else(too_big)
}

/// Minor units as a plain decimal text (`123450` CNY → `1234.50`), the form an input field takes.
pub fn format_minor(minor: i64, currency: &str) -> String {
    let digits = minor_units(currency);
    if digits == 0 {
        return minor.to_string();
    }
    let scale = 10_i64.pow(digits);
    let sign = if minor < 0 { "-" } else { "" };
    let m = minor.unsigned_abs();
    format!("{sign}{}.{:0width$}", m / scale as u64, m % scale as u64, width = digits as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_become_minor_units_in_the_currency_precision() {
        assert_eq!(parse_amount("a", "1,234.5", "CNY"), Ok(123_450));
        assert_eq!(parse_amount("a", "１２００", "JPY"), Ok(1200));
        assert_eq!(parse_amount("a", "2.125", "KWD"), Ok(2125));
        assert_eq!(parse_amount("a", "0", "USD"), Ok(0));
        assert_eq!(parse_amount("a", "12.345", "USD").expect_err("3 decimals").code, "too_many_decimals");
        assert_eq!(parse_amount("a", "10.5", "JPY").expect_err("decimals").code, "too_many_decimals");
        for bad in ["", "-5", "1e3", "abc", ".5", "1.2.3"] {
            assert_eq!(parse_amount("a", bad, "USD").expect_err(bad).code, "invalid_amount", "{bad}");
        }
        assert_eq!(parse_amount("a", "99999999999999999999", "USD").expect_err("huge").code, "out_of_range");
    }

    #[test]
    fn minor_units_print_back_as_decimals() {
        assert_eq!(format_minor(123_450, "CNY"), "1234.50");
        assert_eq!(format_minor(1200, "JPY"), "1200");
        assert_eq!(format_minor(2125, "KWD"), "2.125");
        assert_eq!(format_minor(5, "USD"), "0.05");
    }
}
