//! Reading an amount as people type it into minor units, refusing what could mean two things.
//!
//! The rules, for a currency whose minor unit has `e` decimals (0, 2 or 3):
//! - Full-width digits and signs (`１２００．５０`, `，`, `．`, `－`) read as their ASCII forms; a
//!   space, the ideographic space (U+3000) and the no-break spaces read as a space.
//! - A single dot is the decimal point; digits must stand on both sides of it (`.5` and `12.` are
//!   refused). Two dots are refused.
//! - Commas, or spaces, separate thousands, and only in groups of three after a first group of
//!   one to three digits (`1,200`, `1 200`, `12,345,678`). A comma anywhere else (`1,2`, `0,25`,
//!   `1200,50`) could be a decimal comma and is refused as ambiguous, as is a comma after the dot
//!   (`1.200,50`, the European style). Commas and spaces are not mixed.
//! - More decimals than the currency has is refused (`too_many_decimals`), never rounded: `1.200`
//!   in yuan or yen is refused, not read as 1.2 or as 1200.
//! - Amounts are not negative (`negative_amount`) and at most [`MAX_MINOR`] minor units.
//!
//! Error codes: `invalid_amount`, `ambiguous_amount`, `negative_amount`, `too_many_decimals`
//! (with `max`), `out_of_range` (with `min`, `max`).

use crate::error::FieldError;

/// Largest amount accepted, in minor units (ten trillion units of a two-decimal currency).
pub const MAX_MINOR: i64 = 1_000_000_000_000_000;

/// The amount's characters with full-width forms and every kind of space folded to ASCII.
fn normalise(text: &str) -> String {
    text.trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            '，' => ',',
            '．' => '.',
            '－' => '-',
            '\u{3000}' | '\u{00A0}' | '\u{202F}' => ' ',
            other => other,
        })
        .collect::<String>()
        .trim()
        .to_string()
}

fn digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The whole part without its thousands separators, or why it is refused.
fn whole_part(field: &str, whole: &str) -> Result<String, FieldError> {
    let invalid = || FieldError::new(field, "invalid_amount");
    let (comma, space) = (whole.contains(','), whole.contains(' '));
    if !comma && !space {
        return if digits(whole) { Ok(whole.to_string()) } else { Err(invalid()) };
    }
    if comma && space {
        return Err(invalid());
    }
    let groups: Vec<&str> = whole.split(if comma { ',' } else { ' ' }).collect();
    if !groups.iter().all(|g| digits(g)) {
        return Err(invalid());
    }
    let first_ok = groups.first().is_some_and(|g| g.len() <= 3);
    if first_ok && groups.iter().skip(1).all(|g| g.len() == 3) {
        Ok(groups.concat())
    } else if comma {
        // `1,2` or `1200,50`: a decimal comma, or a slip in the thousands? We cannot tell.
        Err(FieldError::new(field, "ambiguous_amount"))
    } else {
        Err(invalid())
    }
}

/// Parses a non-negative amount by the rules above into minor units of a currency with
/// `exponent` decimals.
pub fn parse_minor(field: &str, text: &str, exponent: u32) -> Result<i64, FieldError> {
    let s = normalise(text);
    if s.starts_with('-') {
        return Err(FieldError::new(field, "negative_amount"));
    }
    if let (Some(comma), Some(dot)) = (s.rfind(','), s.find('.'))
        && comma > dot
    {
        return Err(FieldError::new(field, "ambiguous_amount"));
    }
    let (whole, frac) = s.split_once('.').unwrap_or((&s, ""));
    if frac.contains('.') || (s.contains('.') && !digits(frac)) {
        return Err(FieldError::new(field, "invalid_amount"));
    }
    let whole = whole_part(field, whole)?;
    if frac.len() > exponent as usize {
        return Err(FieldError::new(field, "too_many_decimals").with("max", exponent));
    }
    let scale = 10_i64.pow(exponent);
    let too_big = || FieldError::new(field, "out_of_range").with("min", 0).with("max", MAX_MINOR / scale);
    let padded = format!("{frac:0<width$}", width = exponent as usize);
    // Only digits are left, so a failed parse is an overflow.
    let whole: i64 = whole.parse().map_err(|_| too_big())?;
    let frac: i64 = if padded.is_empty() { 0 } else { padded.parse().map_err(|_| too_big())? };
    let minor = whole.checked_mul(scale).and_then(|w| w.checked_add(frac)).filter(|m| *m <= MAX_MINOR);
    minor.ok_or_else(too_big)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str, exponent: u32) -> String {
        parse_minor("a", text, exponent).expect_err(text).code
    }

    #[test]
    fn every_accepted_form_reads_as_minor_units() {
        for (text, minor) in [
            ("1200", 120_000),
            ("1,200", 120_000),
            ("1 200", 120_000),
            ("1200.50", 120_050),
            ("1,200.50", 120_050),
            ("1 200.50", 120_050),
            ("12,345,678.9", 1_234_567_890),
            ("１２００", 120_000),
            ("１，２００．５０", 120_050),
            ("１\u{3000}２００", 120_000),
            ("1\u{00A0}200", 120_000),
            ("1\u{202F}200.5", 120_050),
            ("  1200.5  ", 120_050),
            ("0", 0),
            ("0.05", 5),
            ("007", 700),
        ] {
            assert_eq!(parse_minor("a", text, 2), Ok(minor), "{text:?}");
        }
        assert_eq!(parse_minor("a", "30,000", 0), Ok(30_000), "yen");
        assert_eq!(parse_minor("a", "2.125", 3), Ok(2125), "dinar");
        assert_eq!(parse_minor("a", "1.200", 3), Ok(1200), "a dot is always the decimal point");
    }

    #[test]
    fn a_comma_that_is_not_a_thousands_separator_is_refused_as_ambiguous() {
        for text in ["1,2", "0,25", "1200,50", "1,20", "12,00", "1,2000", "1234,567", "1.200,50", "1,200.5,0", "１．２００，５０"] {
            assert_eq!(code(text, 2), "ambiguous_amount", "{text:?}");
        }
    }

    #[test]
    fn more_decimals_than_the_currency_has_are_refused_never_rounded() {
        assert_eq!(code("12.345", 2), "too_many_decimals");
        assert_eq!(code("1.200", 2), "too_many_decimals");
        assert_eq!(code("1.200", 0), "too_many_decimals");
        assert_eq!(code("10.5", 0), "too_many_decimals");
        assert_eq!(code("2.1255", 3), "too_many_decimals");
        let e = parse_minor("a", "12.345", 2).expect_err("three decimals");
        assert_eq!(e.params, [("max".to_string(), "2".to_string())]);
    }

    #[test]
    fn budget_amounts_read_as_they_did_before_and_a_minus_sign_is_named() {
        let read = |text: &str, code: &str| parse_minor("a", text, crate::money::exponent(code));
        assert_eq!(read("1,234.5", "CNY"), Ok(123_450));
        assert_eq!(read("１２００", "JPY"), Ok(1200));
        assert_eq!(read("2.125", "KWD"), Ok(2125));
        assert_eq!(read("0", "USD"), Ok(0));
        for bad in ["", "1e3", "abc", ".5", "1.2.3"] {
            assert_eq!(read(bad, "USD").expect_err(bad).code, "invalid_amount", "{bad}");
        }
        // Budgets called this `invalid_amount` and gifts `negative_amount`; the one parser names it.
        assert_eq!(read("-5", "USD").expect_err("negative").code, "negative_amount");
    }

    #[test]
    fn malformed_negative_and_huge_amounts_are_refused() {
        for text in
            ["", " ", "abc", "1e3", ".5", "12.", "1.2.3", "1 20", "1  200", "1,200 000", "1,,200", ",200", "1,200,", "1_000", "NaN", "+5"]
        {
            assert_eq!(code(text, 2), "invalid_amount", "{text:?}");
        }
        assert_eq!(code("-5", 2), "negative_amount");
        assert_eq!(code("－５", 2), "negative_amount");
        assert_eq!(code("99999999999999999999", 2), "out_of_range");
        assert_eq!(code("10000000000000.01", 2), "out_of_range");
        assert_eq!(parse_minor("a", "10000000000000", 2), Ok(MAX_MINOR));
    }
}
