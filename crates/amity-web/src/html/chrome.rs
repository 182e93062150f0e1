//! The frame around every page: language, title, navigation state and the language switch.

use crate::i18n::Locale;
use crate::request::Ctx;
use amity_core::auth::Role;

/// What the layout template needs from every page.
pub struct Chrome {
    pub l: Locale,
    pub title: String,
    /// Path and query of this page (the language switch returns here).
    pub here: String,
    /// Which navigation item is current.
    pub section: &'static str,
    /// The session's CSRF token: every form that changes something carries it.
    pub csrf: String,
    /// The signed-in user's name, when someone is signed in.
    pub user: Option<String>,
    role: Option<Role>,
    /// The database holds the invented sample office: the layout shows a banner.
    pub sample: bool,
}

/// A link of the language switch.
pub struct LangLink {
    pub name: &'static str,
    pub code: &'static str,
    pub href: String,
    pub current: bool,
}

impl Chrome {
    /// The frame for a page titled by a translation key.
    pub fn new(ctx: &Ctx, section: &'static str, title: String) -> Self {
        let p = ctx.identity.principal.as_ref();
        Self {
            l: ctx.locale,
            title,
            here: ctx.here.clone(),
            section,
            csrf: ctx.csrf.clone(),
            user: p.map(|p| p.username.clone()),
            role: p.map(|p| p.role),
            sample: ctx.sample,
        }
    }

    /// Whether the navigation shows the record areas.
    pub fn reads(&self) -> bool {
        self.role.is_some_and(Role::reads_records)
    }

    /// Whether the user may change records (shows New/Edit buttons).
    pub fn writes(&self) -> bool {
        self.role.is_some_and(Role::writes_records)
    }

    /// Whether the user sees personal data (contacts): links to those pages show only then.
    pub fn personal(&self) -> bool {
        self.role.is_some_and(Role::sees_personal_data)
    }

    /// Whether the user may change units and fields.
    pub fn office(&self) -> bool {
        self.role.is_some_and(Role::manages_office)
    }

    /// Whether the user manages accounts.
    pub fn admin(&self) -> bool {
        self.role == Some(Role::Admin)
    }

    /// Whether the user reads the audit log.
    pub fn audits(&self) -> bool {
        self.role.is_some_and(Role::reads_audit)
    }

    /// Translation of `key` in the page's language.
    pub fn t(&self, key: &str) -> String {
        self.l.t(key)
    }

    /// Translation with placeholders.
    pub fn tw(&self, key: &str, params: &[(&str, String)]) -> String {
        self.l.t_with(key, params)
    }

    /// The language code for `lang` attributes.
    pub fn code(&self) -> &'static str {
        self.l.code()
    }

    /// The switch between the languages, each link returning to this page.
    pub fn languages(&self) -> Vec<LangLink> {
        let next = strip_lang(&self.here);
        Locale::ALL
            .iter()
            .map(|l| LangLink {
                name: l.native_name(),
                code: l.code(),
                href: format!("/lang/{}?next={}", l.code(), encode(&next)),
                current: *l == self.l,
            })
            .collect()
    }

    /// `aria-current` for a navigation item.
    pub fn current(&self, section: &str) -> &'static str {
        if self.section == section { "page" } else { "false" }
    }
}

/// The path without a `lang=` parameter, so the switch's choice is not overridden by the URL.
fn strip_lang(here: &str) -> String {
    let Some((path, query)) = here.split_once('?') else { return here.to_string() };
    let rest: Vec<&str> = query.split('&').filter(|kv| !kv.starts_with("lang=")).collect();
    if rest.is_empty() { path.to_string() } else { format!("{path}?{}", rest.join("&")) }
}

/// Percent-encodes a text for use inside a query string.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_drops_lang_from_the_return_path_and_encodes_it() {
        assert_eq!(strip_lang("/partnerships?lang=zh-CN&kind=sister_city"), "/partnerships?kind=sister_city");
        assert_eq!(encode("/partnerships?q=济"), "/partnerships%3Fq%3D%E6%B5%8E");
    }
}
