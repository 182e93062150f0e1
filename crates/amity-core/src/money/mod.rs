//! Money, the one way Amity keeps amounts: integer minor units of an ISO 4217 currency, read from
//! what people type (see [`parse`]) and printed back as `1200.50` (inputs, API, exports) or
//! `1,200.50` (pages).

mod parse;

pub use parse::parse_minor;

use crate::error::FieldError;

/// Currencies whose minor unit is not a hundredth (ISO 4217): no decimals, or three.
const NO_DECIMALS: &[&str] =
    &["BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "UYI", "VND", "VUV", "XAF", "XOF", "XPF"];
const THREE_DECIMALS: &[&str] = &["BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"];

/// How many decimals the minor unit of the currency `code` has: 0, 2 or 3.
pub fn exponent(code: &str) -> u32 {
    if NO_DECIMALS.contains(&code) {
        0
    } else if THREE_DECIMALS.contains(&code) {
        3
    } else {
        2
    }
}

/// An ISO 4217 currency some country uses (the shipped country data), upper-case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Currency(String);

impl Currency {
    /// Reads a code such as `cny` or ` JPY `; an empty or unknown one is refused on `field`
    /// (`required`, `unknown_currency`).
    pub fn parse(field: &str, s: &str) -> Result<Self, FieldError> {
        let code = s.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err(FieldError::new(field, "required"));
        }
        if code.len() == 3 && code.bytes().all(|b| b.is_ascii_uppercase()) && Self::known(&code) {
            Ok(Self(code))
        } else {
            Err(FieldError::new(field, "unknown_currency").with("value", crate::validate::truncate(&code, 10)))
        }
    }

    /// Whether `code` is an ISO 4217 currency some country uses.
    pub fn known(code: &str) -> bool {
        amity_refdata::countries().iter().any(|c| c.currencies.iter().any(|k| k == code))
    }

    /// The three-letter code.
    pub fn code(&self) -> &str {
        &self.0
    }

    /// How many decimals its minor unit has.
    pub fn exponent(&self) -> u32 {
        exponent(&self.0)
    }
}

impl std::fmt::Display for Currency {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// An amount: integer minor units (cents, fen, yen) of a currency. Never a float.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Money {
    pub minor: i64,
    pub currency: Currency,
}

impl Money {
    /// Reads a non-negative amount in `currency` by the rules of [`parse_minor`].
    pub fn parse(field: &str, text: &str, currency: &Currency) -> Result<Self, FieldError> {
        Ok(Self { minor: parse_minor(field, text, currency.exponent())?, currency: currency.clone() })
    }

    /// `1200.50`: the plain decimal text an input field, the API and the exports take.
    pub fn plain(&self) -> String {
        format_minor(self.minor, self.currency.code())
    }

    /// `1,200.50`: the decimal text with thousands grouped, for pages.
    pub fn grouped(&self) -> String {
        group_thousands(&self.plain())
    }
}

/// Minor units of the currency `code` as plain decimal text (`123450` CNY → `1234.50`, `1200`
/// JPY → `1200`), in the currency's precision: what [`parse_minor`] reads back.
pub fn format_minor(minor: i64, code: &str) -> String {
    let digits = exponent(code);
    if digits == 0 {
        return minor.to_string();
    }
    let scale = 10_u64.pow(digits);
    let sign = if minor < 0 { "-" } else { "" };
    let m = minor.unsigned_abs();
    format!("{sign}{}.{:0width$}", m / scale, m % scale, width = digits as usize)
}

/// `1234567.50` → `1,234,567.50` (the whole part grouped by threes with commas).
pub fn group_thousands(plain: &str) -> String {
    let (sign, rest) = plain.strip_prefix('-').map_or(("", plain), |r| ("-", r));
    let (whole, frac) = rest.split_once('.').map_or((rest, None), |(w, f)| (w, Some(f)));
    let mut out = String::from(sign);
    for (i, ch) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(ch);
    }
    match frac {
        Some(f) => format!("{out}.{f}"),
        None => out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cur(code: &str) -> Currency {
        Currency::parse("currency", code).expect(code)
    }

    #[test]
    fn minor_units_print_back_as_decimals_in_the_currency_precision() {
        assert_eq!(format_minor(123_450, "CNY"), "1234.50");
        assert_eq!(format_minor(1200, "JPY"), "1200");
        assert_eq!(format_minor(2125, "KWD"), "2.125");
        assert_eq!(format_minor(5, "USD"), "0.05");
        assert_eq!(format_minor(-5, "USD"), "-0.05");
    }

    #[test]
    fn pages_group_thousands_with_commas() {
        let m = Money { minor: 120_050, currency: cur("cny") };
        assert_eq!((m.plain(), m.grouped()), ("1200.50".to_string(), "1,200.50".to_string()));
        assert_eq!(group_thousands("1234567.5"), "1,234,567.5");
        assert_eq!(group_thousands("100"), "100");
        assert_eq!(group_thousands("0.25"), "0.25");
        assert_eq!(group_thousands("-1234"), "-1,234");
    }

    #[test]
    fn currencies_are_known_iso_codes_with_their_exponent() {
        assert_eq!((cur(" jpy ").code(), cur("JPY").exponent()), ("JPY", 0));
        assert_eq!((cur("CNY").exponent(), cur("KWD").exponent()), (2, 3));
        assert_eq!(Currency::parse("c", "").expect_err("empty").code, "required");
        for bad in ["ABC", "US", "EURO", "12$"] {
            assert_eq!(Currency::parse("c", bad).expect_err(bad).code, "unknown_currency", "{bad}");
        }
    }
}
