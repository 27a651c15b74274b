"""Temporal expression benchmark: ``find_dates`` against hand-annotated German news sentences.

Usage:  .venv/bin/python bench/dates.py [--errors tune|heldout|all]

Data: ``bench/data/dates_de.jsonl`` (see ``bench/data/README.md``): one gold expression per
line, with the sentence it occurs in, its publication date, the gold ISO value, a category and a
split. ``tune`` holds the seeds and Wikinews *train* sentences the rules were developed on;
``heldout`` holds Wikinews *dev* sentences that were annotated before any rule was written and
not looked at while tuning. Report both; the held-out figure is the honest one.

Metrics, per split and per category:

- accuracy: a gold expression counts as correct when some system mention overlaps its span
  and carries exactly the gold value; a gold expression with no overlapping mention is wrong.
- detection recall: gold expressions overlapped by at least one system mention.
- detection precision: system mentions (over the distinct annotated sentences) that overlap a
  gold expression. Every in-scope expression of an annotated sentence is annotated, so a
  mention that overlaps nothing is a false positive.

Speed: ``find_dates`` over every Wikinews document (train + dev, full text), reported as
articles per second. Results go to ``bench/results/dates.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pressespiegel.analyze.dates import DateMention, find_dates  # noqa: E402

DATA = ROOT / "bench" / "data" / "dates_de.jsonl"
RESULTS = ROOT / "bench" / "results" / "dates.json"
WIKINEWS = ROOT.parent / "shared" / "data" / "quotes" / "wikinews2024"
CATEGORIES = ("absolute", "weekday", "relative", "partial", "range", "year")


def _overlaps(a_start: int, a_end: int, b_start: int, b_end: int) -> bool:
    return a_start < b_end and b_start < a_end


def evaluate(rows: list[dict[str, str | int]]) -> tuple[dict[str, object], list[str]]:
    """Score ``rows`` (gold expressions); return the metrics and one line per error."""
    by_sentence: dict[tuple[str, str, str], list[dict[str, str | int]]] = defaultdict(list)
    for row in rows:
        by_sentence[(str(row["doc"]), str(row["published"]), str(row["sentence"]))].append(row)
    total: dict[str, int] = defaultdict(int)
    correct: dict[str, int] = defaultdict(int)
    found: dict[str, int] = defaultdict(int)
    sys_total = sys_hit = 0
    errors: list[str] = []
    for (_doc, published, sentence), golds in by_sentence.items():
        mentions: list[DateMention] = find_dates(sentence, date.fromisoformat(published))
        for mention in mentions:
            sys_total += 1
            if any(_overlaps(mention.start, mention.end, int(g["start"]), int(g["end"])) for g in golds):
                sys_hit += 1
            else:
                errors.append(f"FP  {published} {mention.text!r} -> {mention.value}  | {sentence[:160]}")
        for g in golds:
            cat = str(g["category"])
            total[cat] += 1
            hits = [m for m in mentions if _overlaps(m.start, m.end, int(g["start"]), int(g["end"]))]
            if hits:
                found[cat] += 1
            if any(m.value == g["value"] for m in hits):
                correct[cat] += 1
            else:
                got = ", ".join(f"{m.text!r}->{m.value}" for m in hits) or "MISSED"
                errors.append(
                    f"ERR {published} [{cat}] {g['text']!r} gold={g['value']} got {got}  | {sentence[:160]}"
                )
    n = sum(total.values())
    per_cat = {
        cat: {
            "n": total[cat],
            "accuracy": round(correct[cat] / total[cat], 4) if total[cat] else None,
            "recall": round(found[cat] / total[cat], 4) if total[cat] else None,
        }
        for cat in CATEGORIES
    }
    metrics: dict[str, object] = {
        "n": n,
        "accuracy": round(sum(correct.values()) / n, 4) if n else None,
        "detection_recall": round(sum(found.values()) / n, 4) if n else None,
        "detection_precision": round(sys_hit / sys_total, 4) if sys_total else None,
        "system_mentions": sys_total,
        "per_category": per_cat,
    }
    return metrics, errors


def speed() -> dict[str, float] | None:
    """Articles per second of ``find_dates`` over the full Wikinews documents, if present."""
    docs: list[tuple[str, date]] = []
    for split in ("train", "dev"):
        path = WIKINEWS / f"{split}.jsonl"
        if not path.exists():
            return None
        for line in path.open(encoding="utf-8"):
            d = json.loads(line)
            docs.append((d["originalText"], date.fromisoformat(d["documentName"].rsplit("(", 1)[1][:10])))
    t0 = time.perf_counter()
    mentions = sum(len(find_dates(text, pub)) for text, pub in docs)
    elapsed = time.perf_counter() - t0
    return {
        "articles": len(docs),
        "seconds": round(elapsed, 3),
        "articles_per_s": round(len(docs) / elapsed, 1),
        "mentions": mentions,
    }


def _print(name: str, m: dict[str, object]) -> None:
    print(
        f"{name:8s} n={m['n']:4d}  accuracy={m['accuracy']:.3f}  detection P={m['detection_precision']:.3f} "
        f"R={m['detection_recall']:.3f}"
    )
    per_cat = m["per_category"]
    assert isinstance(per_cat, dict)
    for cat, c in per_cat.items():
        if c["n"]:
            print(f"    {cat:9s} n={c['n']:3d}  accuracy={c['accuracy']:.3f}  recall={c['recall']:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--errors", choices=("tune", "heldout", "all"), help="print errors of a split")
    args = parser.parse_args()
    rows = [json.loads(line) for line in DATA.open(encoding="utf-8") if line.strip()]
    results: dict[str, object] = {}
    for name in ("tune", "heldout", "all"):
        part = rows if name == "all" else [r for r in rows if r["split"] == name]
        metrics, errors = evaluate(part)
        results[name] = metrics
        _print(name, metrics)
        if args.errors == name:
            print("\n".join(errors))
    results["speed"] = speed()
    if results["speed"]:
        print(f"speed: {results['speed']}")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
