//! Small validators shared by every input: text lengths, URLs, country codes, coordinates.
//! Each returns the cleaned value or a `FieldError` naming the field.

use crate::error::FieldError;

/// Longest name a record may carry (cities, units, fields).
pub const NAME_MAX: usize = 200;
/// Longest free text (notes, bases of dates).
pub const NOTE_MAX: usize = 10_000;
/// Longest URL.
pub const URL_MAX: usize = 2_000;

/// A trimmed, non-empty text of at most `max` characters without control characters.
pub fn required_text(field: &str, value: &str, max: usize) -> Result<String, FieldError> {
    match optional_text(field, value, max)? {
        Some(v) => Ok(v),
        None => Err(FieldError::new(field, "required")),
    }
}

/// Like [`required_text`], but empty means absent.
pub fn optional_text(field: &str, value: &str, max: usize) -> Result<Option<String>, FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(None);
    }
    let len = v.chars().count();
    if len > max {
        return Err(FieldError::new(field, "too_long").with("max", max).with("len", len));
    }
    if v.chars().any(|c| c.is_control() && c != '\n' && c != '\r' && c != '\t') {
        return Err(FieldError::new(field, "control_characters"));
    }
    Ok(Some(v.to_string()))
}

/// An optional `http://` or `https://` URL.
pub fn optional_url(field: &str, value: &str) -> Result<Option<String>, FieldError> {
    let Some(v) = optional_text(field, value, URL_MAX)? else { return Ok(None) };
    let lower = v.to_ascii_lowercase();
    let rest = lower.strip_prefix("https://").or_else(|| lower.strip_prefix("http://"));
    match rest {
        Some(host) if !host.is_empty() && !v.contains(char::is_whitespace) => Ok(Some(v)),
        _ => Err(FieldError::new(field, "invalid_url")),
    }
}

/// Longest e-mail address (RFC 5321's path limit).
pub const EMAIL_MAX: usize = 254;

/// An optional e-mail address, checked loosely as people's addresses vary: one `@` with something on
/// each side, no spaces.
pub fn optional_email(field: &str, value: &str) -> Result<Option<String>, FieldError> {
    let Some(v) = optional_text(field, value, EMAIL_MAX)? else { return Ok(None) };
    match v.split_once('@') {
        Some((local, domain)) if !local.is_empty() && !domain.is_empty() && !domain.contains('@') && !v.contains(char::is_whitespace) => {
            Ok(Some(v))
        }
        _ => Err(FieldError::new(field, "invalid_email")),
    }
}

/// An ISO 3166-1 alpha-2 code known to the reference data, returned upper-case.
pub fn country_code(field: &str, value: &str) -> Result<String, FieldError> {
    let v = value.trim();
    if v.is_empty() {
        return Err(FieldError::new(field, "required"));
    }
    amity_refdata::country(v)
        .map(|c| c.iso2.clone())
        .ok_or_else(|| FieldError::new(field, "unknown_country").with("value", truncate(v, 20)))
}

/// A latitude in degrees.
pub fn latitude(field: &str, v: f64) -> Result<f64, FieldError> {
    if v.is_finite() && (-90.0..=90.0).contains(&v) {
        Ok(v)
    } else {
        Err(FieldError::new(field, "out_of_range").with("min", -90).with("max", 90))
    }
}

/// A longitude in degrees.
pub fn longitude(field: &str, v: f64) -> Result<f64, FieldError> {
    if v.is_finite() && (-180.0..=180.0).contains(&v) {
        Ok(v)
    } else {
        Err(FieldError::new(field, "out_of_range").with("min", -180).with("max", 180))
    }
}

/// The first `n` characters of a text, for echoing bad input back safely.
pub fn truncate(s: &str, n: usize) -> String {
    s.chars().take(n).collect()
}

/// The normalised key that search matches against (`LIKE` on this text finds any part of any name).
pub fn search_key<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    let parts: Vec<String> = names.into_iter().filter(|s| !s.is_empty()).map(amity_refdata::fold).collect();
    format!("|{}|", parts.join("|"))
}

/// The key lists sort names by: folded so that case and diacritics do not scatter names.
pub fn sort_key(name: &str) -> String {
    amity_refdata::fold(name)
}

/// The key Chinese readers' lists sort by: Han characters as toneless pinyin (萨克拉门托 →
/// "sa ke la men tuo"), so names order as a Chinese reader expects rather than by code point;
/// anything else as `sort_key` does it.
pub fn sort_key_zh(name: &str) -> String {
    use pinyin::ToPinyin;
    let mut out = String::with_capacity(name.len() * 3);
    for ch in name.chars() {
        match ch.to_pinyin() {
            Some(p) => {
                out.push_str(p.plain());
                out.push(' ');
            }
            None => out.push_str(&amity_refdata::fold(&ch.to_string())),
        }
    }
    out.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ten_thousand_character_name_is_too_long_and_says_the_limit() {
        let e = required_text("name_en", &"x".repeat(10_000), NAME_MAX).expect_err("too long");
        assert_eq!(e.code, "too_long");
        assert_eq!(e.field, "name_en");
        assert!(e.params.contains(&("max".to_string(), "200".to_string())));
    }

    #[test]
    fn blank_required_text_is_refused_and_surrounding_space_is_trimmed() {
        assert_eq!(required_text("n", "   ", 10).expect_err("blank").code, "required");
        assert_eq!(required_text("n", "  Jinan ", 10), Ok("Jinan".to_string()));
    }

    #[test]
    fn urls_must_be_http_or_https() {
        assert!(optional_url("u", "javascript:alert(1)").is_err());
        assert!(optional_url("u", "https://").is_err());
        assert_eq!(optional_url("u", ""), Ok(None));
        assert!(optional_url("u", "https://jsscc.org/history/").is_ok());
    }

    #[test]
    fn unknown_country_codes_are_refused() {
        assert_eq!(country_code("country", "XX").expect_err("unknown").code, "unknown_country");
        assert_eq!(country_code("country", "tt"), Ok("TT".to_string()));
    }

    #[test]
    fn chinese_names_sort_by_pinyin_not_by_code_point() {
        let mut names = vec!["萨克拉门托", "奥格斯堡", "和歌山", "埃尔德", "下诺夫哥罗德"];
        names.sort_by_key(|n| sort_key_zh(n));
        assert_eq!(names, ["埃尔德", "奥格斯堡", "和歌山", "萨克拉门托", "下诺夫哥罗德"]);
        assert_eq!(sort_key_zh("萨克拉门托"), "sa ke la men tuo");
    }

    #[test]
    fn coordinates_outside_the_globe_are_refused() {
        assert!(latitude("lat", 91.0).is_err());
        assert!(longitude("lon", f64::NAN).is_err());
        assert_eq!(latitude("lat", -31.74), Ok(-31.74));
    }
}
