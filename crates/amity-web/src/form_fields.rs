//! Parsers of the text fields of forms and query strings, one per kind of value: an empty field is
//! `None`, a bad one a `FieldError` naming the field (never silently dropped).
//!
//! Collect several with [`amity_core::error::Problems`]:
//! `let unit = p.take(number("unit", &q.unit)).flatten();`

use std::str::FromStr;

use chrono::NaiveDate;

use amity_core::error::Problems;
use amity_core::{Error, FieldError};

/// `None` for a blank field, else `parse` of the trimmed text.
pub fn opt<T>(s: &str, parse: impl FnOnce(&str) -> Result<T, FieldError>) -> Result<Option<T>, FieldError> {
    let s = s.trim();
    if s.is_empty() { Ok(None) } else { parse(s).map(Some) }
}

/// A number (id, version, count, page): `None` when blank, `not_a_number` on `field` when it does
/// not parse.
pub fn number<T: FromStr>(field: &str, s: &str) -> Result<Option<T>, FieldError> {
    opt(s, |s| s.parse().map_err(|_| FieldError::new(field, "not_a_number")))
}

/// A list of numbers (the ids of a multiple choice); blank entries are skipped and a bad one is
/// `not_a_number` on `field[i]`.
pub fn numbers<T: FromStr>(p: &mut Problems, field: &str, v: &[String]) -> Vec<T> {
    v.iter().enumerate().filter_map(|(i, s)| p.take(number(&format!("{field}[{i}]"), s)).flatten()).collect()
}

/// A number field on its own (an action form's one id or version), its refusal as the services'
/// validation error so the handler answers it like any other refused field.
pub fn number_field<T: FromStr>(field: &str, s: &str) -> Result<Option<T>, Error> {
    number(field, s).map_err(|e| Error::Validation(vec![e]))
}

/// A day as `YYYY-MM-DD`: `None` when blank, `invalid_date` on `field` when it does not parse.
pub fn day(field: &str, s: &str) -> Result<Option<NaiveDate>, FieldError> {
    opt(s, |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").map_err(|_| FieldError::new(field, "invalid_date")))
}

/// Free text of a query string: `None` when blank, else trimmed and cut to `max` characters.
pub fn text(s: &str, max: usize) -> Option<String> {
    Some(s.trim()).filter(|s| !s.is_empty()).map(|s| amity_core::validate::truncate(s, max))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_number_is_none_and_a_bad_one_names_its_field() {
        assert_eq!(number::<i64>("partnership_id", "  ").expect("blank"), None);
        assert_eq!(number::<i64>("partnership_id", " 42 ").expect("number"), Some(42));
        let e = number::<i64>("partnership_id", "abc").expect_err("bad");
        assert_eq!((e.field.as_str(), e.code.as_str()), ("partnership_id", "not_a_number"));
    }

    #[test]
    fn a_day_is_iso_and_a_bad_one_is_invalid_date() {
        assert_eq!(day("from", "").expect("blank"), None);
        assert_eq!(day("from", "2026-04-19").expect("day"), NaiveDate::from_ymd_opt(2026, 4, 19));
        assert_eq!(day("from", "19/04/2026").expect_err("bad").code, "invalid_date");
    }
}
