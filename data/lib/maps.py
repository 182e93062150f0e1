"""World outlines: the PRC-border map (world-geo-json-zh) and the neutral one (world-atlas)."""

import json

HEADER = ["iso2", "name", "rings"]

# Labels that follow the naming policy (DATA.md) where Natural Earth's short name does not.
NEUTRAL_NAMES = {"TW": "Taiwan, Province of China"}
SCALE = 100  # coordinates kept in hundredths of a degree


def encode_ring(ring) -> str:
    """Quantise to 0.01°, drop repeated points, delta-encode: "x,y x,y …" in hundredths."""
    pts = []
    for lon, lat in ring:
        p = (round(lon * SCALE), round(lat * SCALE))
        if not pts or pts[-1] != p:
            pts.append(p)
    if len(pts) < 4:
        return ""
    out, prev = [], (0, 0)
    for p in pts:
        out.append(f"{p[0] - prev[0]},{p[1] - prev[1]}")
        prev = p
    return " ".join(out)


def polygons(geometry) -> list:
    if geometry["type"] == "Polygon":
        return [geometry["coordinates"]]
    return geometry["coordinates"]


def row(iso2, name, polys):
    rings = [encode_ring(r) for poly in polys for r in poly]
    return [iso2, name, ";".join(r for r in rings if r)]


def build_prc(src):
    """Natural Earth 1:50m with PRC borders and Chinese names."""
    with open(src["world-geo-json-zh"] / "world.zh.json", encoding="utf-8") as f:
        features = json.load(f)["features"]
    rows = []
    for feat in features:
        p = feat["properties"]
        iso2 = p.get("iso_a2", "")
        iso2 = iso2 if len(iso2) == 2 and iso2.isalpha() else ""
        rows.append(row(iso2, p["name"], polygons(feat["geometry"])))
    return HEADER, sorted(rows, key=lambda r: (r[0] == "", r[0], r[1]))


def decode_arcs(topo) -> list:
    """TopoJSON quantised, delta-encoded arcs to absolute lon/lat."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def ring_from(arcs, indices) -> list:
    pts = []
    for i in indices:
        arc = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
        pts.extend(arc if not pts else arc[1:])
    return pts


def build_neutral(src, numeric_to_iso2):
    """Natural Earth 1:110m from world-atlas, names in English, ids mapped to ISO2."""
    with open(src["world-atlas"] / "countries-110m.json", encoding="utf-8") as f:
        topo = json.load(f)
    arcs = decode_arcs(topo)
    rows = []
    for geom in topo["objects"]["countries"]["geometries"]:
        if geom["type"] == "Polygon":
            polys = [geom["arcs"]]
        elif geom["type"] == "MultiPolygon":
            polys = geom["arcs"]
        else:
            continue
        coords = [[ring_from(arcs, r) for r in poly] for poly in polys]
        iso2 = numeric_to_iso2.get(geom.get("id", ""), "")
        name = NEUTRAL_NAMES.get(iso2, geom["properties"]["name"])
        rows.append(row(iso2, name, coords))
    return HEADER, sorted(rows, key=lambda r: (r[0] == "", r[0], r[1]))
