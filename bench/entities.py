"""Entity linking on real articles: within- and cross-document clustering of entity mentions.

Run from the repository root: ``.venv/bin/python bench/entities.py``

1. Read ``bench/data/entities_de.jsonl`` (see ``bench/data/README.md``): 49 real German articles
   (the 30 of the bundled sample: the tuning split; 19 German-language fundus pages from
   ``../shared``: the held-out split, not looked at while the rules were written), each with the
   mentions the NER found and, per mention, a gold entity labeled by hand (``-`` for mentions that
   are not names: they are left out of the scores). The gold entity is shared across documents.
2. Link the gold mentions with :func:`pressespiegel.analyze.linking.link_entities` (the
   publication date as in the analysis) and take the entity id each mention ends up with.
3. Score the clustering of the mentions by B³ (precision, recall, F1 averaged over mentions) and
   pairwise F1, within each document (micro-averaged over all mentions) and across documents
   (all mentions of the split as one set, so the same person in two articles must get one id).
4. Baselines in the same run: every distinct surface string is its own entity (what the product
   did before linking), and the linker without its knowledge base (an empty one).
5. Print a table and write ``bench/results/entities.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DATA = REPO / "bench" / "data" / "entities_de.jsonl"
RESULTS = REPO / "bench" / "results" / "entities.json"
SAMPLE = REPO / "src" / "pressespiegel" / "data" / "sample"
FUNDUS = SHARED / "data" / "pages" / "fundus" / "gold.jsonl"
FUNDUS_COUNTRIES = ("at", "ch", "li", "lu")  # German-language pages

sys.path.insert(0, str(REPO / "src"))

from pressespiegel.analyze import linking  # noqa: E402
from pressespiegel.analyze.entities import Entity  # noqa: E402


def texts() -> dict[str, str]:
    """Document id → text, as the analysis sees it: the sample through ingest's cleaning, the
    fundus pages as their gold body."""
    from pressespiegel.clean.article import make_article
    from pressespiegel.ingest.limits import Limits
    from pressespiegel.ingest.sources import expand, read_source
    from pressespiegel.records import RawDocument

    found: dict[str, str] = {}
    for source in sorted(expand(str(SAMPLE))):
        for index, item in enumerate(read_source(source, Limits())):
            if isinstance(item, RawDocument):
                article = make_article(item)
                found[f"sample:{Path(source).name}:{index}"] = article.text
    if FUNDUS.exists():
        for line in FUNDUS.read_text(encoding="utf-8").splitlines():
            page = json.loads(line)
            if page["country"] in FUNDUS_COUNTRIES:
                found[f"fundus:{page['file']}"] = page["body"]
    return found


@dataclass(frozen=True)
class Mention:
    doc: str
    start: int
    end: int
    text: str
    label: str
    gold: str


def anchored(doc: dict[str, Any], text: str) -> list[Mention]:
    """The document's mentions at their offsets in ``text``; a mention whose offsets no longer hold
    its text (the cleaning changed) is found again as the same occurrence of its text."""
    mentions = []
    for m in doc["mentions"]:
        start = m["start"]
        if text[start : m["end"]] != m["text"]:
            start = _nth(text, m["text"], m["occurrence"])
            if start < 0:
                raise SystemExit(
                    f"bench/entities.py: {doc['doc']}: mention {m['text']!r} not found in the text"
                )
        end = start + len(m["text"])
        mentions.append(Mention(doc["doc"], start, end, m["text"], m["label"], m["gold"]))
    return mentions


def _nth(text: str, needle: str, n: int) -> int:
    pos = -1
    for _ in range(n + 1):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def occurrence(text: str, needle: str, start: int) -> int:
    """How many times ``needle`` occurs in ``text`` before ``start`` (to find a mention again)."""
    count, pos = 0, text.find(needle)
    while 0 <= pos < start:
        count += 1
        pos = text.find(needle, pos + 1)
    return count


System = Callable[[str, list[Mention], date | None], list[str]]


def surface(text: str, mentions: list[Mention], published: date | None) -> list[str]:
    """Baseline: every distinct surface string is one entity (before this issue)."""
    return [f"{m.label}:{m.text}" for m in mentions]


def linker(kb: linking.KnowledgeBase | None = None) -> System:
    """The linker (with the shipped knowledge base, or ``kb``)."""

    def run(text: str, mentions: list[Mention], published: date | None) -> list[str]:
        entities = [Entity(text=m.text, label=m.label, start=m.start, end=m.end) for m in mentions]
        if kb is None:
            linked = linking.link_entities(text, entities, published=published)
        else:
            shipped = linking.knowledge_base
            linking.knowledge_base = lambda: kb  # type: ignore[assignment]  # bench only: swap the KB
            try:
                linked = linking.link_entities(text, entities, published=published)
            finally:
                linking.knowledge_base = shipped  # type: ignore[assignment]
        ids = []
        for m in mentions:
            hit = [x for x in linked if x.start <= m.start and m.end <= x.end] or [
                x for x in linked if x.start < m.end and m.start < x.end
            ]
            ids.append(hit[0].entity if hit else f"unlinked:{m.doc}:{m.start}")
        return ids

    return run


def b_cubed(gold: list[str], system: list[str]) -> dict[str, float]:
    """B³ precision/recall/F1 (averaged over mentions) and pairwise F1 of a clustering."""
    by_gold: dict[str, set[int]] = defaultdict(set)
    by_system: dict[str, set[int]] = defaultdict(set)
    for i, (g, s) in enumerate(zip(gold, system, strict=True)):
        by_gold[g].add(i)
        by_system[s].add(i)
    n = len(gold)
    if not n:
        return {"b3_p": 0.0, "b3_r": 0.0, "b3_f1": 0.0, "pair_p": 0.0, "pair_r": 0.0, "pair_f1": 0.0}
    p = sum(len(by_gold[g] & by_system[s]) / len(by_system[s]) for g, s in zip(gold, system, strict=True)) / n
    r = sum(len(by_gold[g] & by_system[s]) / len(by_gold[g]) for g, s in zip(gold, system, strict=True)) / n
    both = sum(len(by_gold[g] & by_system[s]) - 1 for g, s in zip(gold, system, strict=True)) / 2
    gold_pairs = sum(len(c) * (len(c) - 1) / 2 for c in by_gold.values())
    system_pairs = sum(len(c) * (len(c) - 1) / 2 for c in by_system.values())
    pp = both / system_pairs if system_pairs else 1.0
    pr = both / gold_pairs if gold_pairs else 1.0
    return {
        "b3_p": round(100 * p, 2), "b3_r": round(100 * r, 2), "b3_f1": round(100 * _f(p, r), 2),
        "pair_p": round(100 * pp, 2), "pair_r": round(100 * pr, 2), "pair_f1": round(100 * _f(pp, pr), 2),
    }  # fmt: skip


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate(docs: Iterable[dict[str, Any]], all_texts: dict[str, str], system: System) -> dict[str, Any]:
    """Within- and cross-document scores of one system over some documents."""
    within_gold: list[str] = []
    within_system: list[str] = []
    cross_gold: list[str] = []
    cross_system: list[str] = []
    for doc in docs:
        text = all_texts[doc["doc"]]
        mentions = anchored(doc, text)
        published = date.fromisoformat(doc["published"][:10]) if doc.get("published") else None
        ids = system(text, mentions, published)
        for m, entity in zip(mentions, ids, strict=True):
            if m.gold == "-":
                continue
            within_gold.append(f"{doc['doc']}|{m.gold}")
            within_system.append(f"{doc['doc']}|{entity}")
            cross_gold.append(m.gold)
            cross_system.append(entity)
    return {
        "mentions": len(cross_gold),
        "within": b_cubed(within_gold, within_system),
        "cross": b_cubed(cross_gold, cross_system),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--no-save", action="store_true", help="print only; leave bench/results alone")
    args = parser.parse_args(argv)
    docs = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    all_texts = texts()
    missing = [d["doc"] for d in docs if d["doc"] not in all_texts]
    if missing:
        raise SystemExit(
            f"bench/entities.py: {len(missing)} documents not found (../shared missing?): {missing[:3]}"
        )
    systems: dict[str, System] = {
        "surface string (before)": surface,
        "linker, no knowledge base": linker(linking.KnowledgeBase([])),
        "linker + knowledge base": linker(),
    }
    results: dict[str, Any] = {}
    for split in ("tune", "heldout"):
        part = [d for d in docs if d["split"] == split]
        results[split] = {name: evaluate(part, all_texts, system) for name, system in systems.items()}
        n = next(iter(results[split].values()))["mentions"]
        print(f"\n{split}: {len(part)} articles, {n} entity mentions")
        print(
            f"{'system':28} {'within B3 P/R/F1':>20} {'pair F1':>8}   {'cross B3 P/R/F1':>20} {'pair F1':>8}"
        )
        for name, row in results[split].items():
            w, c = row["within"], row["cross"]
            print(
                f"{name:28} {w['b3_p']:6.1f} {w['b3_r']:6.1f} {w['b3_f1']:6.1f} {w['pair_f1']:8.1f}   "
                f"{c['b3_p']:6.1f} {c['b3_r']:6.1f} {c['b3_f1']:6.1f} {c['pair_f1']:8.1f}"
            )
    if not args.no_save:
        RESULTS.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "data": "bench/data/entities_de.jsonl: tune = the bundled sample (30 articles), "
            "heldout = 19 German fundus pages",
            "metric": "B3 and pairwise P/R/F1 over gold entity mentions; within = per article, "
            "cross = the whole split",
            "results": results,
        }
        RESULTS.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
