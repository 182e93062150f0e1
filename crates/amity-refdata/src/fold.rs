//! The text normaliser behind every search key: lower case, Latin diacritics removed,
//! other scripts (Chinese, Cyrillic, Arabic …) kept, whitespace collapsed.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Normalise text for searching: lowercase, Latin diacritics removed (é→e, ő→o,
/// ł→l, ß→ss …), CJK and other scripts kept as they are, runs of whitespace turned
/// into one space and trimmed at both ends.
///
/// Store `fold(name)` as the search key and match it against `fold(query)`.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for ch in s.chars() {
        if ch.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else {
            ch.to_lowercase().for_each(|lower| push_folded(lower, &mut out));
        }
    }
    out
}

/// Push one lower-case, non-ASCII character with its Latin diacritics removed.
fn push_folded(ch: char, out: &mut String) {
    if let Some(plain) = unaccented_letter(ch) {
        out.push_str(plain);
    } else if is_latin_with_marks(ch) {
        out.extend(std::iter::once(ch).nfd().filter(|c| !is_combining_mark(*c)));
    } else if !('\u{300}'..='\u{36f}').contains(&ch) {
        // Combining diacritical marks on their own (decomposed input) are dropped;
        // everything else, Hangul included, is kept undecomposed.
        out.push(ch);
    }
}

/// Latin blocks whose letters decompose into a base letter and marks.
fn is_latin_with_marks(ch: char) -> bool {
    matches!(ch, '\u{c0}'..='\u{24f}' | '\u{1e00}'..='\u{1eff}')
}

/// Latin letters with no Unicode decomposition, spelled in plain ASCII.
/// Keep in step with `SPECIAL` in `data/lib/common.py`.
fn unaccented_letter(ch: char) -> Option<&'static str> {
    Some(match ch {
        'ł' => "l",
        'ß' => "ss",
        'ø' => "o",
        'æ' => "ae",
        'œ' => "oe",
        'đ' | 'ð' => "d",
        'ħ' => "h",
        'ı' => "i",
        'þ' => "th",
        'ŀ' => "l",
        'ĸ' => "k",
        'ŉ' => "n",
        'ŧ' => "t",
        'ƒ' => "f",
        'ſ' => "s",
        'ɨ' => "i",
        'ʉ' => "u",
        'ǝ' | 'ə' => "e",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::fold;

    #[test]
    fn fold_lowercases_and_removes_latin_diacritics() {
        assert_eq!(fold("Érd"), "erd");
        assert_eq!(fold("Cegléd"), "cegled");
        assert_eq!(fold("Győr Ősz"), "gyor osz");
        assert_eq!(fold("Łódź"), "lodz");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("STRASSE"), "strasse");
        assert_eq!(fold("Ærøskøbing"), "aeroskobing");
        assert_eq!(fold("Hải Phòng"), "hai phong");
        assert_eq!(fold("İstanbul"), "istanbul");
    }

    #[test]
    fn fold_keeps_cjk_and_other_scripts() {
        assert_eq!(fold("济南"), "济南");
        assert_eq!(fold("濟南市"), "濟南市");
        assert_eq!(fold("지난 시"), "지난 시");
        assert_eq!(fold("Москва"), "москва");
    }

    #[test]
    fn fold_collapses_and_trims_whitespace() {
        assert_eq!(fold("  Nizhny \t  Novgorod \n"), "nizhny novgorod");
        assert_eq!(fold("   "), "");
        assert_eq!(fold(""), "");
    }

    #[test]
    fn fold_strips_decomposed_marks_and_is_idempotent() {
        assert_eq!(fold("Re\u{301}union"), "reunion");
        let once = fold("Rostov-na-Donu Ĝinano Dzjinaņa");
        assert_eq!(fold(&once), once);
    }
}
