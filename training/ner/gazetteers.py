"""Build the extra NER name lists (``analyze/models/gazetteers/*.txt``) from the LER gazetteers.

Run from the repository root: ``.venv/bin/python training/ner/gazetteers.py``

The lists come with the LER dataset (``../shared/data/ner/gazetteers_ler``, see its Readme.md for
each list's origin and terms):

- ``surnames``: GermaNER's 112,398 surnames (Apache-2.0 and lenient licences, per the Readme).
- ``towns``: German place names from OpenStreetMap (CC BY-SA 2.0), one-word names that GeoNames'
  list of cities of 15,000 people or more (the NER's city class) lacks.
- ``companies``: one-word company names from OpenStreetMap (CC BY-SA 2.0).

The shipped model uses none of them (its lexicon setting ``gazetteers = []``): no training run
with them was measured, so they are experiment inputs, not package data (git ignores the folder).
A model trained with them would have to ship them, the OpenStreetMap lists under CC BY-SA 2.0 with
credit.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO.parent / "shared" / "data" / "ner" / "gazetteers_ler"
OUT = REPO / "src" / "pressespiegel" / "analyze" / "models" / "gazetteers"
sys.path.insert(0, str(REPO / "src"))
# A one-word name needs this many letters: shorter ones are mostly abbreviations and noise.
MIN_LETTERS = 3


def _one_word(lines: list[str]) -> list[str]:
    return [n for n in lines if " " not in n and len(n) >= MIN_LETTERS and n[:1].isupper() and n.isalpha()]


def main() -> int:
    from pressespiegel.analyze.entities import _gazetteer

    read = lambda name: (SOURCE / name).read_text(encoding="utf-8").splitlines()  # noqa: E731
    cities = _gazetteer()
    lists = {
        "surnames": [n for n in read("personennamen.list") if n.strip()],
        "towns": [n for n in _one_word(read("stadtnamen.list")) if n not in cities],
        "companies": _one_word(read("firmennamen.list")),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    for name, names in lists.items():
        unique = sorted(set(names))
        (OUT / f"{name}.txt").write_text("\n".join(unique) + "\n", encoding="utf-8")
        print(f"{name}: {len(unique)} names")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
