//! Foreign cities: found by GeoNames id (or, for hand-entered ones, by country and name) and
//! updated, or inserted. Names the office entered are not lost to a later, plainer input.

use amity_core::Result;
use amity_core::partnership::NewForeignCity;
use amity_core::store::CityStore;
use amity_core::validate::sort_key as fold;
use async_trait::async_trait;

use crate::dispatch::on_conn;
use crate::error::{internal, on_write};
use crate::tx::Tx;

/// What the stored row holds that a new input might lack.
#[derive(Debug, sqlx::FromRow)]
struct StoredNames {
    id: i64,
    name_zh: Option<String>,
    name_zh_verified: bool,
    name_native: Option<String>,
}

const FIND_BY_GEONAMEID: &str = "SELECT id, name_zh, name_zh_verified, name_native FROM foreign_cities WHERE geonameid = $1";
const FIND_HAND_ENTERED: &str = "SELECT id, name_zh, name_zh_verified, name_native FROM foreign_cities \
                                 WHERE geonameid IS NULL AND country = $1 AND sort_key = $2 ORDER BY id LIMIT 1";
const INSERT: &str = "INSERT INTO foreign_cities (name_en, name_zh, name_zh_verified, name_native, country, admin1, \
                      lat, lon, population, timezone, search_key, sort_key, geonameid) \
                      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id";
const UPDATE: &str = "UPDATE foreign_cities SET name_en = $1, name_zh = $2, name_zh_verified = $3, name_native = $4, \
                      country = $5, admin1 = $6, lat = $7, lon = $8, population = $9, timezone = $10, \
                      search_key = $11, sort_key = $12 WHERE id = $13";

#[async_trait]
impl CityStore for Tx {
    /// By GeoNames id when linked, else the hand-entered city of the same country and name.
    async fn upsert_city(&mut self, city: &NewForeignCity) -> Result<i64> {
        let stored = on_conn!(self, c => match city.geonameid {
            Some(g) => sqlx::query_as::<_, StoredNames>(FIND_BY_GEONAMEID).bind(g).fetch_optional(&mut *c).await,
            None => sqlx::query_as::<_, StoredNames>(FIND_HAND_ENTERED)
                .bind(&city.country)
                .bind(&city.sort_key)
                .fetch_optional(&mut *c)
                .await,
        })
        .map_err(internal)?;
        let reference_zh = city.geonameid.and_then(amity_refdata::city).and_then(|r| r.name_zh.as_deref());
        let merged = merge(city, stored.as_ref(), reference_zh);
        let (sql, last) = match &stored {
            Some(s) => (UPDATE, Some(s.id)),
            None => (INSERT, city.geonameid),
        };
        // `$13` is the GeoNames id in the insert and the row id in the update.
        let m = &merged;
        let written = on_conn!(self, c => sqlx::query_scalar::<_, i64>(sql)
            .bind(&m.name_en)
            .bind(&m.name_zh)
            .bind(m.name_zh_verified)
            .bind(&m.name_native)
            .bind(&m.country)
            .bind(&m.admin1)
            .bind(m.lat)
            .bind(m.lon)
            .bind(m.population)
            .bind(&m.timezone)
            .bind(&m.search_key)
            .bind(&m.sort_key)
            .bind(last)
            .fetch_optional(&mut *c)
            .await)
        .map_err(on_write("city_id"))?;
        let id = match (stored, written) {
            (Some(s), _) => s.id,
            (None, Some(id)) => id,
            (None, None) => return Err(internal(sqlx::Error::RowNotFound)),
        };
        // Chinese readers' order: pinyin of the Chinese name the row ends up with (see migration 0008).
        let zh_key = amity_core::validate::sort_key_zh(m.name_zh.as_deref().unwrap_or(&m.name_en));
        on_conn!(self, c => sqlx::query("UPDATE foreign_cities SET sort_key_zh = $1 WHERE id = $2").bind(&zh_key).bind(id).execute(&mut *c).await.map(drop))
            .map_err(internal)?;
        Ok(id)
    }
}

/// The city to write: the new input, except that a stored Chinese name the office verified is
/// kept unless the input corrects it, and names the input leaves out keep their stored value
/// (and stay findable: they are added to the search key).
///
/// `reference_zh` is the reference data's Chinese name for a linked city: an input carrying
/// exactly that name is the city picker's default, not a correction, so it must not undo one.
fn merge(new: &NewForeignCity, stored: Option<&StoredNames>, reference_zh: Option<&str>) -> NewForeignCity {
    let mut out = new.clone();
    let Some(s) = stored else { return out };
    let corrects = new.name_zh_verified && new.name_zh.is_some() && new.name_zh.as_deref() != reference_zh;
    let keep_zh = s.name_zh.is_some() && (new.name_zh.is_none() || (s.name_zh_verified && !corrects));
    if keep_zh {
        out.name_zh.clone_from(&s.name_zh);
        out.name_zh_verified = s.name_zh_verified;
    }
    if out.name_native.is_none() {
        out.name_native.clone_from(&s.name_native);
    }
    let kept_zh = out.name_zh.as_deref().filter(|_| keep_zh);
    let kept_native = out.name_native.as_deref().filter(|_| new.name_native.is_none());
    for kept in [kept_zh, kept_native].into_iter().flatten() {
        let part = format!("|{}|", fold(kept));
        if !out.search_key.contains(&part) {
            out.search_key.push_str(&part[1..]);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn city(zh: Option<&str>, verified: bool) -> NewForeignCity {
        NewForeignCity {
            geonameid: Some(1),
            name_en: "Wakayama".into(),
            name_zh: zh.map(str::to_string),
            name_zh_verified: verified,
            name_native: None,
            country: "JP".into(),
            admin1: None,
            lat: 34.2,
            lon: 135.2,
            population: None,
            timezone: None,
            search_key: format!("|wakayama|{}", zh.map(|z| format!("{z}|")).unwrap_or_default()),
            sort_key: "wakayama".into(),
        }
    }

    fn stored(zh: &str, verified: bool, native: Option<&str>) -> StoredNames {
        StoredNames { id: 7, name_zh: Some(zh.into()), name_zh_verified: verified, name_native: native.map(str::to_string) }
    }

    #[test]
    fn a_verified_chinese_name_survives_an_unverified_one() {
        let out = merge(&city(Some("和歌山"), false), Some(&stored("和歌山市", true, None)), None);
        assert_eq!(out.name_zh.as_deref(), Some("和歌山市"));
        assert!(out.name_zh_verified);
        assert!(out.search_key.contains("|和歌山市|"));
    }

    #[test]
    fn the_reference_name_does_not_undo_an_office_correction() {
        let out = merge(&city(Some("和歌山"), true), Some(&stored("和歌山市", true, None)), Some("和歌山"));
        assert_eq!(out.name_zh.as_deref(), Some("和歌山市"));
        assert!(out.name_zh_verified);
        assert!(out.search_key.contains("|和歌山市|"));
    }

    #[test]
    fn a_verified_correction_replaces_the_stored_name() {
        let out = merge(&city(Some("和歌山市"), true), Some(&stored("和歌山", true, None)), Some("和歌山"));
        assert_eq!(out.name_zh.as_deref(), Some("和歌山市"));
        assert_eq!(out.search_key, "|wakayama|和歌山市|");
    }

    #[test]
    fn names_the_input_leaves_out_are_kept_and_searchable() {
        let out = merge(&city(None, false), Some(&stored("和歌山市", false, Some("和歌山市"))), None);
        assert_eq!(out.name_zh.as_deref(), Some("和歌山市"));
        assert_eq!(out.name_native.as_deref(), Some("和歌山市"));
        assert_eq!(out.search_key, "|wakayama|和歌山市|");
    }
}
