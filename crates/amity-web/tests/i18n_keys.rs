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

#[test]
fn every_kind_status_and_error_code_is_translated() {
    use amity_core::partnership::{PartnershipKind, PartnershipStatus};
    use amity_core::unit::UnitKind;
    let en = keys("en.yml");
    let mut need: Vec<String> = PartnershipKind::ALL.iter().map(|k| format!("kind.{k}")).collect();
    need.extend(PartnershipStatus::ALL.iter().map(|k| format!("status.{k}")));
    need.extend(UnitKind::ALL.iter().map(|k| format!("unit_kind.{k}")));
    need.extend(amity_core::contact::ContactSide::ALL.iter().map(|k| format!("contact_side.{k}")));
    need.extend(["af", "an", "as", "eu", "na", "oc", "sa"].iter().map(|c| format!("continent.{c}")));
    for code in [
        "not_found",
        "validation",
        "conflict",
        "forbidden",
        "internal",
        "too_long",
        "required",
        "unknown_country",
        "no_such_date",
        "unknown_city",
        "stale_version",
        "wrong_type",
        "empty_body",
        "invalid_json",
        "unsupported_media_type",
        "payload_too_large",
        "invalid_slug",
        "contact_name_required",
        "invalid_email",
        "invalid_phone",
        "too_many",
    ] {
        need.push(format!("error.{code}"));
    }
    let missing: Vec<_> = need.iter().filter(|k| !en.contains(*k)).collect();
    assert!(missing.is_empty(), "{missing:?}");
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
