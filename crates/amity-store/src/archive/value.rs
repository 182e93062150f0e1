//! Values between the databases and the document, normalised so that both backends export the
//! same JSON for the same data:
//!
//! - integers and floats are JSON numbers (a float that is not finite becomes `null`);
//! - booleans are `true`/`false` (SQLite's 0/1 in a `BOOLEAN` column included);
//! - instants are RFC 3339 UTC text with exactly six fractional digits,
//!   `2026-11-29T23:59:00.123456Z` (see [`catalog_sqlite::kind`](super::catalog_sqlite::kind)
//!   for which SQLite columns hold instants);
//! - dates are `YYYY-MM-DD`; bytes are `{"base64": "…"}` (standard alphabet, padded);
//! - NULL is `null`; everything else is its text.

use base64::Engine;
use base64::engine::general_purpose::STANDARD;
use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::{Number, Value};
use sqlx::error::BoxDynError;
use sqlx::postgres::PgRow;
use sqlx::query::Query;
use sqlx::sqlite::SqliteRow;
use sqlx::{Database, Decode, Encode, Row, Sqlite, Type, TypeInfo, ValueRef};

use super::catalog::Kind;

/// The one text form of an instant in an export.
pub(crate) fn instant(t: DateTime<Utc>) -> Value {
    Value::String(t.format("%Y-%m-%dT%H:%M:%S%.6fZ").to_string())
}

fn bytes(b: &[u8]) -> Value {
    let mut map = serde_json::Map::new();
    map.insert("base64".into(), Value::String(STANDARD.encode(b)));
    Value::Object(map)
}

fn float(f: f64) -> Value {
    Number::from_f64(f).map_or(Value::Null, Value::Number)
}

/// SQLite text as an instant: RFC 3339 (what sqlx writes), or `YYYY-MM-DD HH:MM:SS[.f]` taken as UTC.
fn parse_stored_instant(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.to_utc())
        .ok()
        .or_else(|| NaiveDateTime::parse_from_str(s, "%Y-%m-%d %H:%M:%S%.f").ok().map(|n| n.and_utc()))
}

/// Column `i` of an SQLite row. SQLite stores each value with its own type, so the stored type
/// decides and the declared kind only says how to read 0/1 and text instants.
pub(crate) fn from_sqlite(row: &SqliteRow, i: usize, kind: &Kind) -> Result<Value, BoxDynError> {
    let raw = row.try_get_raw(i)?;
    if raw.is_null() {
        return Ok(Value::Null);
    }
    let stored = raw.type_info().name().to_string();
    Ok(match stored.as_str() {
        "INTEGER" => {
            let n = <i64 as Decode<Sqlite>>::decode(raw)?;
            match kind {
                Kind::Bool => Value::Bool(n != 0),
                Kind::Float => float(n as f64),
                _ => Value::from(n),
            }
        }
        "REAL" => float(<f64 as Decode<Sqlite>>::decode(raw)?),
        "BLOB" => bytes(<&[u8] as Decode<Sqlite>>::decode(raw)?),
        _ => {
            let s = <String as Decode<Sqlite>>::decode(raw)?;
            match kind {
                Kind::Timestamp => parse_stored_instant(&s).map_or(Value::String(s), instant),
                _ => Value::String(s),
            }
        }
    })
}

/// Column `i` of a PostgreSQL row selected with the casts of `export::select_sql`.
pub(crate) fn from_pg(row: &PgRow, i: usize, kind: &Kind) -> Result<Value, sqlx::Error> {
    Ok(match kind {
        Kind::Int => row.try_get::<Option<i64>, _>(i)?.map_or(Value::Null, Value::from),
        Kind::Float => row.try_get::<Option<f64>, _>(i)?.map_or(Value::Null, float),
        Kind::Bool => row.try_get::<Option<bool>, _>(i)?.map_or(Value::Null, Value::Bool),
        Kind::Text | Kind::Other(_) => row.try_get::<Option<String>, _>(i)?.map_or(Value::Null, Value::String),
        Kind::Timestamp => row.try_get::<Option<DateTime<Utc>>, _>(i)?.map_or(Value::Null, instant),
        Kind::Date => row.try_get::<Option<NaiveDate>, _>(i)?.map_or(Value::Null, |d| Value::String(d.format("%Y-%m-%d").to_string())),
        Kind::Bytes => row.try_get::<Option<Vec<u8>>, _>(i)?.map_or(Value::Null, |b| bytes(&b)),
    })
}

/// A document value ready to bind, typed for its column.
#[derive(Debug)]
pub(crate) enum Bind {
    Int(Option<i64>),
    Float(Option<f64>),
    Bool(Option<bool>),
    Text(Option<String>),
    Time(Option<DateTime<Utc>>),
    Date(Option<NaiveDate>),
    Bytes(Option<Vec<u8>>),
}

/// `{"base64": "…"}` decoded, `None` for any other value.
fn decode_bytes(v: &Value) -> Option<Result<Vec<u8>, String>> {
    let map = v.as_object().filter(|m| m.len() == 1)?;
    let text = map.get("base64")?.as_str()?;
    Some(STANDARD.decode(text).map_err(|e| format!("bad base64: {e}")))
}

/// A document value for a PostgreSQL column: the column's kind decides, and a value of another
/// JSON type is refused.
pub(crate) fn to_pg(v: Value, kind: &Kind) -> Result<Bind, String> {
    let null = v.is_null();
    let wrong = |what: &str| format!("expected {what}, found {}", short(&v));
    Ok(match kind {
        Kind::Int if null => Bind::Int(None),
        Kind::Int => Bind::Int(Some(v.as_i64().ok_or_else(|| wrong("an integer"))?)),
        Kind::Float if null => Bind::Float(None),
        Kind::Float => Bind::Float(Some(v.as_f64().ok_or_else(|| wrong("a number"))?)),
        Kind::Bool if null => Bind::Bool(None),
        Kind::Bool => Bind::Bool(Some(v.as_bool().ok_or_else(|| wrong("true or false"))?)),
        Kind::Timestamp if null => Bind::Time(None),
        Kind::Timestamp => {
            let t = v.as_str().and_then(|s| DateTime::parse_from_rfc3339(s).ok()).ok_or_else(|| wrong("an RFC 3339 timestamp"))?;
            Bind::Time(Some(t.to_utc()))
        }
        Kind::Date if null => Bind::Date(None),
        Kind::Date => Bind::Date(Some(v.as_str().and_then(|s| s.parse().ok()).ok_or_else(|| wrong("a YYYY-MM-DD date"))?)),
        Kind::Bytes if null => Bind::Bytes(None),
        Kind::Bytes => Bind::Bytes(Some(decode_bytes(&v).ok_or_else(|| wrong("{\"base64\": …}"))??)),
        Kind::Text | Kind::Other(_) => match v {
            Value::Null => Bind::Text(None),
            Value::String(s) => Bind::Text(Some(s)),
            other => return Err(format!("expected a string, found {}", short(&other))),
        },
    })
}

/// A document value for an SQLite column: SQLite keeps whatever type it is given, so the JSON
/// type decides; instants are written in sqlx's own text form, as the services write them.
pub(crate) fn to_sqlite(v: Value, kind: &Kind) -> Result<Bind, String> {
    Ok(match v {
        Value::Null => Bind::Text(None),
        Value::Bool(b) => Bind::Bool(Some(b)),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Bind::Int(Some(i)),
            None => Bind::Float(Some(n.as_f64().ok_or_else(|| format!("number out of range: {n}"))?)),
        },
        Value::String(s) => match (kind, DateTime::parse_from_rfc3339(&s)) {
            (Kind::Timestamp, Ok(t)) => Bind::Time(Some(t.to_utc())),
            _ => Bind::Text(Some(s)),
        },
        other => Bind::Bytes(Some(decode_bytes(&other).ok_or_else(|| format!("expected a value, found {}", short(&other)))??)),
    })
}

/// A value as a short text for messages.
fn short(v: &Value) -> String {
    let text = v.to_string();
    match text.char_indices().nth(40) {
        Some((cut, _)) => format!("{}…", &text[..cut]),
        None => text,
    }
}

/// Binds `b` to the next placeholder of `q`, on either backend.
pub(crate) fn bind<'q, DB>(q: Query<'q, DB, <DB as Database>::Arguments<'q>>, b: Bind) -> Query<'q, DB, <DB as Database>::Arguments<'q>>
where
    DB: Database,
    Option<i64>: Encode<'q, DB> + Type<DB>,
    Option<f64>: Encode<'q, DB> + Type<DB>,
    Option<bool>: Encode<'q, DB> + Type<DB>,
    Option<String>: Encode<'q, DB> + Type<DB>,
    Option<DateTime<Utc>>: Encode<'q, DB> + Type<DB>,
    Option<NaiveDate>: Encode<'q, DB> + Type<DB>,
    Option<Vec<u8>>: Encode<'q, DB> + Type<DB>,
{
    match b {
        Bind::Int(v) => q.bind(v),
        Bind::Float(v) => q.bind(v),
        Bind::Bool(v) => q.bind(v),
        Bind::Text(v) => q.bind(v),
        Bind::Time(v) => q.bind(v),
        Bind::Date(v) => q.bind(v),
        Bind::Bytes(v) => q.bind(v),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn instants_have_six_fractional_digits_in_utc() {
        let t = Utc.with_ymd_and_hms(2026, 11, 29, 23, 59, 0).single().map(|t| t + chrono::Duration::microseconds(123_456));
        assert_eq!(t.map(instant), Some(Value::String("2026-11-29T23:59:00.123456Z".into())));
        let stored = parse_stored_instant("2026-11-30T07:59:00.123456789+08:00").map(instant);
        assert_eq!(stored, Some(Value::String("2026-11-29T23:59:00.123456Z".into())));
    }

    #[test]
    fn bytes_round_trip_through_base64() {
        let v = bytes(b"\x00\xffPK");
        assert_eq!(v.to_string(), r#"{"base64":"AP9QSw=="}"#);
        assert!(matches!(to_pg(v.clone(), &Kind::Bytes), Ok(Bind::Bytes(Some(b))) if b == b"\x00\xffPK"));
        assert!(matches!(to_sqlite(v, &Kind::Text), Ok(Bind::Bytes(Some(_)))));
    }

    #[test]
    fn postgres_values_of_the_wrong_type_are_refused() {
        assert!(to_pg(Value::from("12"), &Kind::Int).is_err());
        assert!(to_pg(Value::from(1.5), &Kind::Int).is_err());
        assert!(to_pg(Value::from("yesterday"), &Kind::Timestamp).is_err());
        assert!(matches!(to_pg(Value::Null, &Kind::Timestamp), Ok(Bind::Time(None))));
    }
}
