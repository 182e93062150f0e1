//! Fixtures shared by the store suite: units, partnership inputs with real GeoNames ids or
//! hand-entered cities, and small helpers that keep tests to arrange / act / assert.

use amity_core::auth::{NewUser, Role};
use amity_core::partnership::NewPartnership;
use amity_core::store::{CityStore, PartnershipStore, Store, Tx as _, UnitStore, UserStore};
use amity_core::{NewUnit, PartnershipInput, UnitInput};
use amity_store::Pool;
use amity_store::{Db, Tx};
use chrono::{DateTime, TimeZone, Utc};

/// GeoNames id of Sacramento, California (US).
pub const SACRAMENTO: i64 = 5_389_489;
/// GeoNames id of Wakayama (JP).
pub const WAKAYAMA: i64 = 1_926_004;
/// GeoNames id of Jinan (CN).
pub const JINAN: i64 = 1_805_753;

/// A fixed instant, so stored timestamps can be compared exactly.
pub fn at(day: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2024, 5, day, 9, 30, 0).single().expect("valid instant")
}

/// A validated unit.
pub fn unit(name_en: &str, name_zh: &str, kind: &str, parent_id: Option<i64>) -> NewUnit {
    let input = UnitInput { parent_id, kind: kind.into(), name_en: name_en.into(), name_zh: name_zh.into(), version: None };
    NewUnit::validate(&input).expect("valid unit")
}

/// Inserts the home city unit and commits; returns its id.
pub async fn home_unit(db: &Db) -> i64 {
    let mut tx = db.begin().await.expect("begin");
    let id = tx.insert_unit(&unit("Jinan", "济南", "city", None), at(1)).await.expect("insert unit");
    tx.commit().await.expect("commit");
    id
}

/// A validated account: display name derived from the username, no unit, enabled.
pub fn new_user(username: &str, role: Role) -> NewUser {
    NewUser { username: username.into(), display_name: format!("{username} (display)"), role, unit_id: None, disabled: false }
}

/// Inserts a viewer with that username and commits; returns its id.
pub async fn put_user(db: &Db, username: &str) -> i64 {
    let mut tx = db.begin().await.expect("begin");
    let id = tx.insert_user(&new_user(username, Role::Viewer), "$argon2id$fixture", at(1)).await.expect("insert user");
    tx.commit().await.expect("commit");
    id
}

/// Runs one statement with one integer bound to `$1` through the pool, outside the store (for
/// what the store never does, such as changing the audit log); returns the rows it affected.
pub async fn raw(db: &Db, sql: &str, arg: i64) -> Result<u64, sqlx::Error> {
    match db.pool() {
        Pool::Sqlite(p) => sqlx::query(sql).bind(arg).execute(p).await.map(|r| r.rows_affected()),
        Pool::Postgres(p) => sqlx::query(sql).bind(arg).execute(p).await.map(|r| r.rows_affected()),
    }
}

/// A partnership input with a reference city (GeoNames id), fields and an established date.
pub fn linked(home_unit_id: i64, city_id: i64, established: &str, fields: &[&str]) -> PartnershipInput {
    PartnershipInput {
        home_unit_id: Some(home_unit_id),
        city_id: Some(city_id),
        kind: "sister_city".into(),
        status: "active".into(),
        established: established.into(),
        established_basis: "agreement signed".into(),
        fields: fields.iter().map(|f| f.to_string()).collect(),
        source_url: "https://example.org/agreement".into(),
        ..Default::default()
    }
}

/// A partnership input with a city entered by hand.
pub fn hand_entered(home_unit_id: i64, name_en: &str, country: &str, established: &str) -> PartnershipInput {
    PartnershipInput {
        home_unit_id: Some(home_unit_id),
        city_name_en: name_en.into(),
        country: country.into(),
        lat: Some(10.5),
        lon: Some(20.25),
        kind: "friendly_cooperation".into(),
        status: "prospect".into(),
        established: established.into(),
        ..Default::default()
    }
}

/// Validates an input; a fixture that does not validate is a broken test.
pub fn valid(input: &PartnershipInput) -> NewPartnership {
    NewPartnership::validate(input).unwrap_or_else(|e| panic!("fixture does not validate: {e:?}"))
}

/// Stores a partnership (city first, as the service does) inside `tx`; returns its id.
pub async fn put(tx: &mut Tx, input: &PartnershipInput) -> i64 {
    let new = valid(input);
    let city_id = tx.upsert_city(&new.city).await.expect("upsert city");
    tx.insert_partnership(&new, city_id, at(2)).await.expect("insert partnership")
}

/// Stores several partnerships in one committed transaction; returns their ids in order.
pub async fn put_all(db: &Db, inputs: &[PartnershipInput]) -> Vec<i64> {
    let mut tx = db.begin().await.expect("begin");
    let mut ids = Vec::new();
    for input in inputs {
        ids.push(put(&mut tx, input).await);
    }
    tx.commit().await.expect("commit");
    ids
}

/// How many rows a table has, read through the store's own connection.
pub async fn count(db: &Db, table: &str) -> i64 {
    let sql = format!("SELECT CAST(COUNT(*) AS BIGINT) FROM {table}");
    match db.pool() {
        Pool::Sqlite(p) => sqlx::query_scalar(&sql).fetch_one(p).await.expect("count"),
        Pool::Postgres(p) => sqlx::query_scalar(&sql).fetch_one(p).await.expect("count"),
    }
}

/// A stored city's Chinese name, whether it is verified, and its search key.
pub async fn city_names(db: &Db, id: i64) -> (Option<String>, bool, String) {
    const SQL: &str = "SELECT name_zh, name_zh_verified, search_key FROM foreign_cities WHERE id = $1";
    match db.pool() {
        Pool::Sqlite(p) => sqlx::query_as(SQL).bind(id).fetch_one(p).await.expect("city"),
        Pool::Postgres(p) => sqlx::query_as(SQL).bind(id).fetch_one(p).await.expect("city"),
    }
}
