//! World outlines for the server-drawn SVG map: the default with PRC borders and
//! Chinese names, and a neutral one for instances that want it.

use std::sync::LazyLock;

use serde::Serialize;

use crate::embedded::{MAP_NEUTRAL, MAP_PRC, fields, gunzip, num};

/// One country's or territory's outline.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct MapShape {
    /// ISO2 code, `None` for areas without one (e.g. disputed or unassigned).
    pub iso2: Option<String>,
    /// Name as the map source gives it: Chinese on the PRC-border map, English on
    /// the neutral one.
    pub name: String,
    /// Closed rings of (longitude, latitude) in degrees, to 0.01°; outer rings and
    /// holes alike (draw with the even-odd fill rule).
    pub rings: Vec<Vec<(f32, f32)>>,
}

/// Which world map to draw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub enum MapVariant {
    /// Natural Earth 1:50m with the borders of the People's Republic of China
    /// (Taiwan as part of China); the default.
    #[default]
    PrcBorders,
    /// Natural Earth 1:110m as world-atlas ships it.
    Neutral,
}

static PRC: LazyLock<Vec<MapShape>> = LazyLock::new(|| parse(MAP_PRC));
static NEUTRAL: LazyLock<Vec<MapShape>> = LazyLock::new(|| parse(MAP_NEUTRAL));

/// The outlines of one map variant, sorted by ISO2 (shapes without a code last).
pub fn world_map(variant: MapVariant) -> &'static [MapShape] {
    match variant {
        MapVariant::PrcBorders => &PRC,
        MapVariant::Neutral => &NEUTRAL,
    }
}

fn parse(bytes: &[u8]) -> Vec<MapShape> {
    gunzip(bytes, "map")
        .lines()
        .skip(1)
        .map(|line| {
            let f = fields(line, 3, "map");
            MapShape {
                iso2: (!f[0].is_empty()).then(|| f[0].to_owned()),
                name: f[1].to_owned(),
                rings: f[2].split(';').map(parse_ring).collect(),
            }
        })
        .collect()
}

/// A ring of "dx,dy" steps in hundredths of a degree, the first from (0, 0).
fn parse_ring(s: &str) -> Vec<(f32, f32)> {
    let (mut x, mut y) = (0i32, 0i32);
    s.split(' ')
        .map(|step| {
            let (dx, dy) = step.split_once(',').unwrap_or_else(|| panic!("embedded map: a point, not {step:?}"));
            x += num::<i32>(dx, "map");
            y += num::<i32>(dy, "map");
            (x as f32 / 100.0, y as f32 / 100.0)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(variant: MapVariant, iso2: &str) -> &'static MapShape {
        world_map(variant).iter().find(|s| s.iso2.as_deref() == Some(iso2)).unwrap_or_else(|| panic!("{iso2} is on the {variant:?} map"))
    }

    #[test]
    fn the_prc_map_draws_taiwan_as_part_of_china() {
        assert!(world_map(MapVariant::PrcBorders).len() > 200);
        assert_eq!(shape(MapVariant::PrcBorders, "CN").name, "中国");
        let taiwan = world_map(MapVariant::PrcBorders).iter().any(|s| s.iso2.as_deref() == Some("TW"));
        assert!(!taiwan, "no separate Taiwan shape");
        // Taipei (121.5, 25.0) lies inside China's bounding box of rings.
        let cn = shape(MapVariant::PrcBorders, "CN");
        let covers = cn.rings.iter().any(|r| r.iter().any(|p| p.0 > 121.0) && r.iter().any(|p| p.0 < 120.5 && p.1 > 22.0 && p.1 < 25.5));
        assert!(covers);
    }

    #[test]
    fn the_neutral_map_has_english_names_and_iso_codes() {
        assert!(world_map(MapVariant::Neutral).len() > 170);
        assert_eq!(shape(MapVariant::Neutral, "FR").name, "France");
        assert_eq!(shape(MapVariant::Neutral, "TW").name, "Taiwan, Province of China", "the naming policy labels the map too");
        assert_eq!(MapVariant::default(), MapVariant::PrcBorders);
    }

    #[test]
    fn rings_are_closed_and_within_the_globe() {
        for variant in [MapVariant::PrcBorders, MapVariant::Neutral] {
            for s in world_map(variant) {
                assert!(!s.rings.is_empty(), "{} has rings", s.name);
                for ring in &s.rings {
                    assert!(ring.len() >= 4, "{} ring has 4+ points", s.name);
                    assert!(ring.iter().all(|p| p.0.abs() <= 180.0 && p.1.abs() <= 90.0));
                }
            }
        }
    }

    #[test]
    fn parse_ring_accumulates_steps() {
        assert_eq!(parse_ring("100,200 1,-1"), vec![(1.0, 2.0), (1.01, 1.99)]);
    }
}
