//! A small world map drawn by the server as SVG: country outlines (simplified once, then reused
//! for every page) with the home city and a partner city marked. No script, no download.

use std::fmt::Write;
use std::sync::LazyLock;

use amity_refdata::{MapVariant, world_map};

const W: f32 = 360.0;
const H: f32 = 170.0;

fn project(lon: f32, lat: f32) -> (f32, f32) {
    (lon + 180.0, (85.0 - lat).clamp(0.0, H))
}

/// The outlines as one SVG path, points closer than ~1° to the previous one dropped.
static OUTLINES: LazyLock<String> = LazyLock::new(|| {
    let mut d = String::new();
    for shape in world_map(MapVariant::PrcBorders) {
        for ring in &shape.rings {
            let mut last: Option<(f32, f32)> = None;
            let mut n = 0;
            for &(lon, lat) in ring {
                let (x, y) = project(lon, lat);
                if let Some((lx, ly)) = last
                    && (x - lx).abs() < 1.0
                    && (y - ly).abs() < 1.0
                {
                    continue;
                }
                let _ = write!(d, "{}{x:.0} {y:.0}", if n == 0 { "M" } else { "L" });
                last = Some((x, y));
                n += 1;
            }
            if n > 0 {
                d.push('Z');
            }
        }
    }
    d
});

/// The map with `home` and `partner` (lon, lat) marked and named for screen readers.
pub fn svg(home: Option<(f64, f64)>, partner: (f64, f64), label: &str) -> String {
    let mut s = format!(
        "<svg class=\"mini-map\" viewBox=\"0 0 {W} {H}\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <path d=\"{}\" fill=\"#dfe7ef\" stroke=\"#9aa5b1\" stroke-width=\"0.3\" fill-rule=\"evenodd\"/>",
        escape(label),
        OUTLINES.as_str()
    );
    let (px, py) = project(partner.0 as f32, partner.1 as f32);
    if let Some((hlon, hlat)) = home {
        let (hx, hy) = project(hlon as f32, hlat as f32);
        let _ = write!(
            s,
            "<line x1=\"{hx:.1}\" y1=\"{hy:.1}\" x2=\"{px:.1}\" y2=\"{py:.1}\" stroke=\"#0b5cad\" stroke-width=\"0.8\" stroke-dasharray=\"2 1.5\"/>"
        );
        let _ = write!(s, "<circle cx=\"{hx:.1}\" cy=\"{hy:.1}\" r=\"2.5\" fill=\"#12263f\"/>");
    }
    let _ = write!(s, "<circle cx=\"{px:.1}\" cy=\"{py:.1}\" r=\"3\" fill=\"#b42318\" stroke=\"#fff\" stroke-width=\"0.8\"/></svg>");
    s
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_map_marks_both_cities_and_stays_small() {
        let m = svg(Some((117.0, 36.67)), (-121.49, 38.58), "Jinan – Sacramento <&>");
        assert!(m.starts_with("<svg") && m.ends_with("</svg>"));
        assert_eq!(m.matches("<circle").count(), 2);
        assert!(m.contains("&lt;&amp;&gt;"), "the label is escaped");
        assert!(m.len() < 150_000, "{} bytes", m.len());
    }
}
