//! Text a record keeps in two languages — the English (or original) text and the Chinese — as
//! events, activities, delegations and gifts do: picking the reader's with a fallback to the
//! other, and validating a pair of which at least one is required.

use crate::error::{FieldError, Problems};
use crate::validate::optional_text;

/// The text in the reader's language (`zh` for Chinese), else the other; empty only if both are.
pub fn pick<'a>(zh: bool, en: &'a str, zh_text: &'a str) -> &'a str {
    match (zh, en.is_empty(), zh_text.is_empty()) {
        (true, _, false) | (false, true, false) => zh_text,
        _ => en,
    }
}

/// Like [`pick`] for optional text: `None` only if neither language has any.
pub fn pick_opt<'a>(zh: bool, en: Option<&'a str>, zh_text: Option<&'a str>) -> Option<&'a str> {
    Some(pick(zh, en.unwrap_or(""), zh_text.unwrap_or(""))).filter(|s| !s.is_empty())
}

/// Validates a required title given in English (`field`), in Chinese (`field_zh`) or both: each at
/// most `max` characters, and at least one of them (`title_required`, named on `field`). Gives
/// both, trimmed, an absent one as `""`.
pub fn required_pair(p: &mut Problems, field: &str, en: &str, zh: &str, max: usize) -> (String, String) {
    let zh_field = format!("{field}_zh");
    let en_text = p.take_default(optional_text(field, en, max)).unwrap_or_default();
    let zh_text = p.take_default(optional_text(&zh_field, zh, max)).unwrap_or_default();
    if en.trim().is_empty() && zh.trim().is_empty() {
        p.push(FieldError::new(field, "title_required"));
    }
    (en_text, zh_text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    #[test]
    fn the_reader_gets_their_language_else_the_other() {
        assert_eq!(pick(true, "Visit", "访问"), "访问");
        assert_eq!(pick(false, "Visit", "访问"), "Visit");
        assert_eq!(pick(false, "", "访问"), "访问");
        assert_eq!(pick(true, "Visit", ""), "Visit");
        assert_eq!(pick_opt(true, Some("Notes"), None), Some("Notes"));
        assert_eq!(pick_opt(true, None, None), None);
    }

    #[test]
    fn a_pair_needs_one_language_and_names_the_one_too_long() {
        let mut p = Problems::default();
        assert_eq!(required_pair(&mut p, "title", "", " 访问 ", 10), (String::new(), "访问".into()));
        assert!(p.finish().is_ok());
        let mut p = Problems::default();
        required_pair(&mut p, "title", " ", "", 10);
        let Err(Error::Validation(e)) = p.finish() else { panic!("refused") };
        assert_eq!((e[0].field.as_str(), e[0].code.as_str()), ("title", "title_required"));
        let mut p = Problems::default();
        required_pair(&mut p, "title", "Visit", &"长".repeat(11), 10);
        let Err(Error::Validation(e)) = p.finish() else { panic!("refused") };
        assert_eq!((e[0].field.as_str(), e[0].code.as_str()), ("title_zh", "too_long"));
    }
}
