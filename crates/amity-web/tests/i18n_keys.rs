//! Every translation key exists in every locale, and every key the templates and code use exists.

use std::collections::BTreeSet;

fn keys(file: &str) -> BTreeSet<String> {
    let text = std::fs::read_to_string(format!("{}/locales/{file}", env!("CARGO_MANIFEST_DIR"))).expect("locale file");
    let map: serde_yaml::Mapping = serde_yaml::from_str(&text).expect("yaml");
    map.keys().filter_map(|k| k.as_str()).filter(|k| *k != "_version").map(String::from).collect()
}

fn used_keys() -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let root = env!("CARGO_MANIFEST_DIR");
    let mut stack = vec![format!("{root}/templates"), format!("{root}/src")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("dir").flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p.display().to_string());
                continue;
            }
            let text = std::fs::read_to_string(&p).unwrap_or_default();
            for part in text.split("t(\"").skip(1).chain(text.split("t_with(\"").skip(1)) {
                let key: String = part.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '.' || *c == '_').collect();
                if key.contains('.') && part[key.len()..].starts_with('"') {
                    out.insert(key);
                }
            }
        }
    }
    out
}

#[test]
fn every_key_exists_in_english_and_in_chinese() {
    let en = keys("en.yml");
    let zh = keys("zh-CN.yml");
    let only_en: Vec<_> = en.difference(&zh).collect();
    let only_zh: Vec<_> = zh.difference(&en).collect();
    assert!(only_en.is_empty() && only_zh.is_empty(), "only in en: {only_en:?}; only in zh-CN: {only_zh:?}");
}

#[test]
fn every_key_used_in_templates_and_code_is_translated() {
    let en = keys("en.yml");
    let missing: Vec<_> = used_keys().into_iter().filter(|k| !en.contains(k)).collect();
    assert!(missing.is_empty(), "keys used but not in the locales: {missing:?}");
}

/// How the web layer names each `choice!` value in the locales: the key is the prefix and the code.
const CHOICE_KEYS: &[(&str, &str)] = &[
    ("ActivityKind", "activity_kind."),
    ("ActivityStatus", "activity_status."),
    ("AgreementKind", "agreement_kind."),
    ("ApprovalKind", "approval_kind."),
    ("BudgetCategory", "budget_category."),
    ("CommitmentStatus", "commitment_status."),
    ("ContactSide", "contact_side."),
    ("DelegationStatus", "delegation_status."),
    ("Direction", "delegation_direction."),
    ("DisclosureStatus", "disclosure."),
    ("DocumentAlert", "document_alert."),
    ("DocumentKind", "document_kind."),
    ("EndedBy", "ended_by."),
    ("EventKind", "event_kind."),
    ("EventStatus", "event_status."),
    ("GiftDirection", "gift_direction."),
    ("HealthState", "health."),
    ("ItemKind", "calendar.kind_"),
    ("InterestReason", "calendar.why_"),
    ("MemberRole", "member_role."),
    ("PartnershipKind", "kind."),
    ("PartnershipStatus", "status."),
    ("RegistrationKind", "registration_kind."),
    ("RegistrationStatus", "registration_status."),
    ("Role", "role."),
    ("TransportLeg", "transport_leg."),
    ("TransportMode", "transport_mode."),
    ("UnitKind", "unit_kind."),
];

/// `choice!` enums the pages never show by name, and why.
const CHOICES_NOT_SHOWN: &[(&str, &str)] = &[
    ("BudgetSubject", "which record a budget line belongs to; the page is that record's"),
    ("EventSort", "the value of a list's sort= parameter, never a label"),
    ("OriginKind", "which record logged an activity: kept to log it once, not shown"),
    ("PartnershipSort", "the value of a list's sort= parameter, never a label"),
    ("RegistrationSource", "kept for the record (staff or public form), not shown"),
];

#[test]
fn every_value_of_every_choice_is_translated_in_both_locales() {
    let (en, zh) = (keys("en.yml"), keys("zh-CN.yml"));
    let mut problems = Vec::new();
    for choice in amity_core::choice::ALL_CHOICES {
        let prefix = CHOICE_KEYS.iter().find(|(name, _)| *name == choice.name).map(|(_, p)| *p);
        let hidden = CHOICES_NOT_SHOWN.iter().any(|(name, _)| *name == choice.name);
        match (prefix, hidden) {
            (Some(prefix), false) => {
                for code in choice.codes {
                    for (locale, have) in [("en", &en), ("zh-CN", &zh)] {
                        if !have.contains(&format!("{prefix}{code}")) {
                            problems.push(format!("{}::{code}: {prefix}{code} missing from {locale}", choice.name));
                        }
                    }
                }
            }
            (None, false) => problems.push(format!("{}: say in CHOICE_KEYS how its values are translated", choice.name)),
            (Some(_), true) => problems.push(format!("{}: both translated and not shown", choice.name)),
            (None, true) => {}
        }
    }
    for (name, _) in CHOICE_KEYS.iter().chain(CHOICES_NOT_SHOWN) {
        if !amity_core::choice::ALL_CHOICES.iter().any(|c| c.name == *name) {
            problems.push(format!("{name} is listed here but is no choice! enum"));
        }
    }
    for c in ["af", "an", "as", "eu", "na", "oc", "sa"] {
        if !en.contains(&format!("continent.{c}")) || !zh.contains(&format!("continent.{c}")) {
            problems.push(format!("continent.{c}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The code of every error the sources raise: the last argument of `FieldError::new`,
/// `Error::invalid`, `Error::conflict` and `ApiError::new` when it is a string literal, and every
/// `code: "…"` (tests at the end of a file, and files of tests, are left out). Calls whose code is not a literal are
/// returned apart, as `file: argument`.
fn error_codes() -> (BTreeSet<String>, Vec<String>) {
    let (mut codes, mut passed_on) = (BTreeSet::new(), Vec::new());
    let crates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("crates folder").to_path_buf();
    let mut stack: Vec<_> = ["amity-core", "amity-web", "amity-store"].iter().map(|c| crates.join(c).join("src")).collect();
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).expect("source folder").flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
                continue;
            }
            // A module's tests kept in a file of their own (`#[path = "x_tests.rs"] mod tests;`) are tests too.
            if path.file_name().is_some_and(|n| n.to_string_lossy().ends_with("tests.rs")) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            let text = text.split("#[cfg(test)]\nmod tests").next().unwrap_or_default();
            for needle in ["FieldError::new(", "Error::invalid(", "Error::conflict(", "ApiError::new("] {
                for call in text.split(needle).skip(1) {
                    let last = last_argument(call);
                    match last.strip_prefix('"').and_then(|l| l.strip_suffix('"')) {
                        Some(code) => codes.insert(code.to_string()),
                        None => {
                            passed_on.push(format!("{}: {last}", path.display()));
                            false
                        }
                    };
                }
            }
            for literal in text.split("code: \"").skip(1) {
                codes.insert(literal.split('"').next().unwrap_or_default().to_string());
            }
        }
    }
    (codes, passed_on)
}

/// The last top-level argument of a call (a trailing comma allowed), given the text after its
/// opening parenthesis.
fn last_argument(call: &str) -> String {
    let (mut depth, mut in_string, mut escaped) = (0, false, false);
    let mut args = vec![0];
    for (i, c) in call.char_indices() {
        match c {
            _ if in_string => {
                in_string = c != '"' || escaped;
                escaped = c == '\\' && !escaped;
            }
            '"' => in_string = true,
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' if depth == 0 => {
                args.push(i + 1);
                let spans: Vec<_> = args.windows(2).map(|w| call[w[0]..w[1] - 1].trim()).filter(|a| !a.is_empty()).collect();
                return spans.last().copied().unwrap_or_default().to_string();
            }
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 0 => args.push(i + 1),
            _ => {}
        }
    }
    String::new()
}

#[test]
fn every_error_code_the_sources_raise_is_translated_in_both_locales() {
    let (codes, passed_on) = error_codes();
    assert!(codes.len() > 100, "the scan finds the codes: {codes:?}");
    // These hand on a code that another call site wrote as a literal.
    let known = ["amity-core/src/error.rs: code", "amity-web/src/error.rs: &code", "amity-web/src/html/form.rs: code"];
    let unknown: Vec<_> = passed_on.iter().filter(|p| !known.iter().any(|k| p.ends_with(k))).collect();
    assert!(unknown.is_empty(), "error codes that are not literals, so the scan cannot check them: {unknown:?}");
    let (en, zh) = (keys("en.yml"), keys("zh-CN.yml"));
    for (locale, have) in [("en", &en), ("zh-CN", &zh)] {
        let missing: Vec<_> = codes.iter().map(|c| format!("error.{c}")).filter(|k| !have.contains(k)).collect();
        assert!(missing.is_empty(), "missing from {locale}: {missing:?}");
    }
    for code in ["not_found", "validation", "conflict", "forbidden", "internal", "required", "too_long", "invalid_choice", "not_empty"] {
        assert!(codes.contains(code), "the scan misses {code}");
    }
}

#[test]
fn chinese_translations_are_written_in_chinese() {
    let text = std::fs::read_to_string(format!("{}/locales/zh-CN.yml", env!("CARGO_MANIFEST_DIR"))).expect("zh");
    let map: serde_yaml::Mapping = serde_yaml::from_str(&text).expect("yaml");
    let allowed_latin = ["list.sep", "_version"];
    for (k, v) in &map {
        let (Some(k), Some(v)) = (k.as_str(), v.as_str()) else { continue };
        if allowed_latin.contains(&k) {
            continue;
        }
        assert!(v.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{k} is not translated: {v}");
    }
}
