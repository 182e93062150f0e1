//! A JSON reader that refuses an object repeating a key (serde_json keeps the last one silently):
//! every JSON answer of the HTTP tests goes through it.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, Deserializer, MapAccess, SeqAccess, Visitor};

/// `Err` naming the key when any object in `text` repeats one.
pub fn no_repeated_keys(text: &str) -> Result<(), String> {
    let mut de = serde_json::Deserializer::from_str(text);
    de.deserialize_any(Checker).map(drop).map_err(|e| e.to_string())
}

struct Checker;

impl<'de> de::Deserialize<'de> for Checker {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(Checker)
    }
}

impl<'de> Visitor<'de> for Checker {
    type Value = Checker;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Checker, A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("the key {key:?} is repeated in one object")));
            }
            map.next_value::<Checker>()?;
        }
        Ok(Checker)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Checker, A::Error> {
        while seq.next_element::<Checker>()?.is_some() {}
        Ok(Checker)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Checker, E> {
        Ok(Checker)
    }
    fn visit_i64<E>(self, _: i64) -> Result<Checker, E> {
        Ok(Checker)
    }
    fn visit_u64<E>(self, _: u64) -> Result<Checker, E> {
        Ok(Checker)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Checker, E> {
        Ok(Checker)
    }
    fn visit_str<E>(self, _: &str) -> Result<Checker, E> {
        Ok(Checker)
    }
    fn visit_unit<E>(self) -> Result<Checker, E> {
        Ok(Checker)
    }
    fn visit_none<E>(self) -> Result<Checker, E> {
        Ok(Checker)
    }
}

#[test]
fn a_repeated_key_is_found_at_any_depth() {
    assert!(no_repeated_keys(r#"{"a": 1, "b": [{"c": null, "d": "x"}]}"#).is_ok());
    let e = no_repeated_keys(r#"{"items": [{"title": null, "when": 1, "title": "x"}]}"#).expect_err("repeated");
    assert!(e.contains("\"title\""), "{e}");
}
