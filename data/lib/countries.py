"""Countries: world-countries + i18n-iso-countries (en, zh) + countries-list + national days."""

import csv
import json

# ISO 3166-1 English short names (ISO's own list order "Korea, Republic of") where
# i18n-iso-countries' first English name is a common or official form instead.
NAME_EN = {
    "BO": "Bolivia, Plurinational State of",
    "CD": "Congo, The Democratic Republic of the",
    "CG": "Congo",
    "CI": "Côte d'Ivoire",
    "CN": "China",
    "CV": "Cabo Verde",
    "CZ": "Czechia",
    "GM": "Gambia",
    "IR": "Iran, Islamic Republic of",
    "KP": "Korea, Democratic People's Republic of",
    "KR": "Korea, Republic of",
    "MK": "North Macedonia",
    "PS": "Palestine, State of",
    "RE": "Réunion",
    "SH": "Saint Helena, Ascension and Tristan da Cunha",
    "TW": "Taiwan, Province of China",
    "TZ": "Tanzania, United Republic of",
    "US": "United States",
    "VE": "Venezuela, Bolivarian Republic of",
    "VN": "Viet Nam",
}

# PRC usage where i18n-iso-countries' zh name differs.
NAME_ZH = {
    "TW": "中国台湾省",
    "HK": "中国香港",
    "MO": "中国澳门",
    "EH": "西撒哈拉",  # the source gives the SADR's name for the territory
}

# Not assigned in ISO 3166-1 (the naming policy follows ISO 3166-1; "XK" is a user-assigned code
# for Kosovo, which the PRC does not recognise). Left out, with any national day the table has for it.
NOT_ISO_3166_1 = {"XK"}

# Regions of China: never a national day of their own, and no capital (the source gives
# "Taipei" and "City of Victoria").
NO_NATIONAL_DAY = {"TW", "HK", "MO"}
REGIONS_OF_CHINA = NO_NATIONAL_DAY

# Official names where the source gives another state's name for a region of China (ISO 3166-1
# has no separate full name for Taiwan, so the short name stands for both).
OFFICIAL_EN = {
    "TW": "Taiwan, Province of China",
}

HEADER = [
    "iso2", "iso3", "numeric", "name_en", "name_zh", "official_en", "capital", "continent",
    "region", "subregion", "calling_codes", "currencies", "lat", "lng",
    "nd_month_day", "nd_name_en", "nd_basis", "nd_source_url", "nd_confidence",
]


def calling_codes(idd: dict) -> list[str]:
    """world-countries splits codes into root + suffixes; NANP and +7 share one root."""
    root, suffixes = idd.get("root", ""), idd.get("suffixes", [])
    if not root:
        return []
    if len(suffixes) == 1:
        return [root + suffixes[0]]
    if root == "+7" or (root == "+1" and len(suffixes) > 10) or not suffixes:
        return [root]
    return [root + s for s in suffixes]


def load_national_days(path) -> dict:
    with open(path, newline="", encoding="utf-8") as f:
        rows = {r["iso2"]: r for r in csv.DictReader(f)}
    for code in NO_NATIONAL_DAY:
        rows.pop(code, None)
    return rows


def build(src, national_days_csv):
    """Rows for countries.tsv.gz, sorted by ISO2."""
    world = json.load(open(src["world-countries"] / "countries.json", encoding="utf-8"))
    i18n = src["i18n-iso-countries"] / "langs"
    en = json.load(open(i18n / "en.json", encoding="utf-8"))["countries"]
    zh = json.load(open(i18n / "zh.json", encoding="utf-8"))["countries"]
    continents = json.load(open(src["countries-list"] / "countries.min.json", encoding="utf-8"))
    days = load_national_days(national_days_csv)
    rows = []
    for c in sorted(world, key=lambda c: c["cca2"]):
        iso2 = c["cca2"]
        if iso2 in NOT_ISO_3166_1:
            days.pop(iso2, None)
            continue
        name_en = en[iso2][0] if isinstance(en[iso2], list) else en[iso2]
        name_en = NAME_EN.get(iso2, name_en)
        name_zh = NAME_ZH.get(iso2, zh[iso2])
        nd = days.pop(iso2, None)
        nd_fields = ["", "", "", "", ""]
        if nd:
            nd_fields = [nd["month_day"], nd["name_en"], nd["basis"], nd["source_url"], nd["confidence"]]
        lat, lng = c.get("latlng") or [0.0, 0.0]
        rows.append([
            iso2, c["cca3"], c["ccn3"], name_en, name_zh, OFFICIAL_EN.get(iso2, c["name"]["official"]),
            "" if iso2 in REGIONS_OF_CHINA else ", ".join(c.get("capital", [])), continents[iso2]["continent"],
            c.get("region", ""), c.get("subregion", ""),
            ",".join(calling_codes(c.get("idd", {}))), ",".join(sorted(c.get("currencies", {}))),
            f"{lat:.4f}", f"{lng:.4f}", *nd_fields,
        ])
    if days:
        raise SystemExit(f"national days for unknown countries: {sorted(days)}")
    return HEADER, rows
