//! Languages: the locale of each request (never process-global), translation with placeholders,
//! and dates and numbers written the way each language writes them.

mod format;

pub use format::{
    activity_when, calendar_when, date_long, event_when, in_zone, money, money_minor, month_name, number, partial_date, span, utc_offset,
    wall,
};

/// The languages of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Locale {
    /// English.
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

/// Cookie that holds the language a user switched to.
pub const LANG_COOKIE: &str = "amity_lang";

impl Locale {
    /// Every locale, in the order the switch shows them.
    pub const ALL: [Locale; 2] = [Locale::Zh, Locale::En];

    /// The locale code used in files, cookies and `lang` attributes.
    pub fn code(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Zh => "zh-CN",
        }
    }

    /// The language's own name, for the switch.
    pub fn native_name(self) -> &'static str {
        match self {
            Locale::En => "English",
            Locale::Zh => "中文",
        }
    }

    /// Whether names should be shown in Chinese first.
    pub fn is_zh(self) -> bool {
        self == Locale::Zh
    }

    /// Reads a code as a user or browser may write it (`zh`, `zh-CN`, `zh-Hans`, `en-GB` …).
    pub fn parse(code: &str) -> Option<Self> {
        let c = code.trim().to_ascii_lowercase();
        if c == "zh" || c.starts_with("zh-cn") || c.starts_with("zh-hans") || c.starts_with("zh-sg") || c == "zh-" {
            Some(Locale::Zh)
        } else if c == "en" || c.starts_with("en-") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// Picks the best locale from an `Accept-Language` header, honouring q-values.
    pub fn from_accept_language(header: &str) -> Option<Self> {
        let mut best: Option<(f32, Locale)> = None;
        for part in header.split(',') {
            let mut it = part.split(';');
            let tag = it.next().unwrap_or("").trim();
            let q = it.find_map(|p| p.trim().strip_prefix("q=")).and_then(|q| q.parse::<f32>().ok()).unwrap_or(1.0);
            // Traditional-script Chinese readers still get the Chinese interface.
            let loc = Locale::parse(tag).or_else(|| tag.to_ascii_lowercase().starts_with("zh").then_some(Locale::Zh));
            if let Some(l) = loc
                && best.is_none_or(|(bq, _)| q > bq)
            {
                best = Some((q, l));
            }
        }
        best.map(|(_, l)| l)
    }

    /// The translation of `key`.
    pub fn t(self, key: &str) -> String {
        rust_i18n::t!(key, locale = self.code()).into_owned()
    }

    /// The translation of `key` with `%{name}` placeholders filled.
    pub fn t_with(self, key: &str, params: &[(&str, String)]) -> String {
        let mut s = self.t(key);
        for (k, v) in params {
            s = s.replace(&format!("%{{{k}}}"), v);
        }
        s
    }

    /// Whether the locale files hold `key` (the test of every key uses this too).
    pub fn has(self, key: &str) -> bool {
        let s = self.t(key);
        s != key && !s.ends_with(&format!(".{key}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accept_language_prefers_the_highest_quality_known_language() {
        assert_eq!(Locale::from_accept_language("zh-CN,zh;q=0.9,en;q=0.8"), Some(Locale::Zh));
        assert_eq!(Locale::from_accept_language("fr-FR, en;q=0.5, zh;q=0.4"), Some(Locale::En));
        assert_eq!(Locale::from_accept_language("en-GB;q=0.3, zh-Hans;q=0.7"), Some(Locale::Zh));
        assert_eq!(Locale::from_accept_language("fr, de"), None);
        assert_eq!(Locale::from_accept_language("zh-TW"), Some(Locale::Zh));
    }

    #[test]
    fn placeholders_are_filled() {
        let s = Locale::En.t_with("error.too_long", &[("max", "200".into())]);
        assert!(s.contains("200"), "{s}");
        assert!(!s.contains("%{"), "{s}");
    }
}
