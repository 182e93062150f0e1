//! Redacting a person from the audit log's before/after texts: in an entry about the record (its
//! subject), its personal keys are replaced whatever their values; in every entry, any string
//! containing one of its personal values has that value replaced, also inside free text.

use serde_json::{Map, Value};

use super::model::{AuditSubject, PersonHeld};
use crate::audit::AuditEntry;

/// What replaces erased text.
pub const ERASED: &str = "[erased]";

/// Values shorter than this are not searched for inside free text (one letter would match everywhere).
const SHORTEST: usize = 2;

/// Replaces every occurrence of each of `values` inside `text`.
pub fn scrub_text(text: &str, values: &[String]) -> String {
    let mut longest_first: Vec<&String> = values.iter().filter(|v| v.trim().chars().count() >= SHORTEST).collect();
    longest_first.sort_by_key(|v| std::cmp::Reverse(v.len()));
    longest_first.into_iter().fold(text.to_string(), |t, v| t.replace(v.as_str(), ERASED))
}

fn scrub(v: &mut Value, values: &[String]) {
    match v {
        Value::String(s) => {
            let scrubbed = scrub_text(s, values);
            if scrubbed != *s {
                *s = scrubbed;
            }
        }
        Value::Array(a) => a.iter_mut().for_each(|x| scrub(x, values)),
        Value::Object(o) => o.values_mut().for_each(|x| scrub(x, values)),
        _ => {}
    }
}

fn blank(o: &mut Map<String, Value>, fields: &[String]) {
    for f in fields {
        if let Some(v) = o.get_mut(f)
            && !v.is_null()
        {
            *v = Value::String(ERASED.to_string());
        }
    }
}

fn blank_subject(v: &mut Value, s: &AuditSubject) {
    match &s.within {
        None => {
            if let Value::Object(o) = v {
                blank(o, &s.fields);
            }
        }
        Some((key, id)) => {
            if let Some(Value::Array(items)) = v.get_mut(key) {
                for item in items.iter_mut().filter(|i| i.get("id").and_then(Value::as_i64) == Some(*id)) {
                    if let Value::Object(o) = item {
                        blank(o, &s.fields);
                    }
                }
            }
        }
    }
}

/// One before/after text with the people in `held` redacted (see the module).
pub fn redact_text(text: &str, entity: &str, entity_id: Option<&str>, held: &[PersonHeld]) -> String {
    let values: Vec<String> = held.iter().flat_map(|h| h.values.iter().cloned()).collect();
    match serde_json::from_str::<Value>(text) {
        Ok(mut v) => {
            for s in held.iter().flat_map(|h| &h.subjects) {
                if s.entity == entity && Some(s.id.as_str()) == entity_id {
                    blank_subject(&mut v, s);
                }
            }
            scrub(&mut v, &values);
            v.to_string()
        }
        Err(_) => scrub_text(text, &values),
    }
}

/// The entry with the people in `held` redacted, or `None` when nothing in it changes.
pub fn redact_entry(e: &AuditEntry, held: &[PersonHeld]) -> Option<AuditEntry> {
    let mut r = e.clone();
    let id = e.entity_id.as_deref();
    r.before = e.before.as_deref().map(|t| redact_text(t, &e.entity, id, held));
    r.after = e.after.as_deref().map(|t| redact_text(t, &e.entity, id, held));
    (r.before != e.before || r.after != e.after).then_some(r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::person::{PersonKind, PersonRecord};

    fn held(subjects: Vec<AuditSubject>, values: &[&str]) -> PersonHeld {
        let record =
            PersonRecord { kind: PersonKind::Contact, id: 7, name: "x".into(), email: None, context: String::new(), travel_documents: 0 };
        PersonHeld { record, values: values.iter().map(|v| v.to_string()).collect(), subjects }
    }

    fn subject(entity: &str, id: &str, within: Option<(&str, i64)>) -> AuditSubject {
        let fields = vec!["name".to_string(), "email".to_string()];
        AuditSubject { entity: entity.into(), id: id.into(), within: within.map(|(k, i)| (k.to_string(), i)), fields }
    }

    #[test]
    fn an_entry_about_the_record_loses_its_personal_fields_even_when_they_held_an_older_value() {
        let h = held(vec![subject("contact", "7", None)], &["Wang Fang"]);
        let old = r#"{"id":7,"name":"Wang Xiaofang","email":"old@example.cn","side":"partner"}"#;
        let r = redact_text(old, "contact", Some("7"), &[h]);
        assert!(!r.contains("Xiaofang") && !r.contains("old@example.cn"), "{r}");
        assert!(r.contains("\"side\":\"partner\""), "{r}");
    }

    #[test]
    fn a_member_inside_a_delegation_is_redacted_and_the_other_members_are_kept() {
        let h = held(vec![subject("delegation", "3", Some(("members", 11)))], &[]);
        let d = r#"{"id":3,"title":"Visit","members":[{"id":11,"name":"Old Name"},{"id":12,"name":"Li Lei"}]}"#;
        let r = redact_text(d, "delegation", Some("3"), &[h]);
        assert!(!r.contains("Old Name") && r.contains("Li Lei"), "{r}");
    }

    #[test]
    fn values_are_redacted_inside_free_text_of_any_entry_but_single_letters_are_not() {
        let h = held(vec![], &["Wang Fang", "x"]);
        let r = redact_text(r#"{"notes":"Met Wang Fang at the fair (x)"}"#, "partnership", Some("1"), std::slice::from_ref(&h));
        assert_eq!(r, r#"{"notes":"Met [erased] at the fair (x)"}"#);
        assert_eq!(redact_text("plain Wang Fang text", "x", None, &[h]), "plain [erased] text");
    }
}
