"""Contradiction benchmark: ``find_contradictions`` on labeled statement pairs and whole stories.

Usage:  .venv/bin/python bench/contradictions.py [--errors dev|test|all] [--returned] [--real-pairs]

Three measurements: labeled statement pairs (below), whole story groups of statements, and real
multi-outlet stories through the whole product path (``bench/contradictions_real.py``: articles
analysed, statements taken from quotes and speech acts, the digest's contradictions judged).

Data (see ``bench/data/README.md``):

- ``bench/data/contradictions_de.jsonl``: labeled pairs of real statements (seeds, German
  Wikinews), ``label`` true/false, ``kind`` for positives, ``split`` dev/test by story group.
- ``bench/data/contradictions_stories.jsonl``: every statement of each story group, in article
  order; the detector always runs over a whole group, never over a pair alone.

Metrics:

1. Labeled pairs, per split: a pair is predicted positive when ``find_contradictions`` over its
   story group returns it (either order). Precision, recall, F1; kind accuracy on true positives.
   The rules were tuned on **dev** (seeds + some Wikinews stories); **test** is what we report.
2. Whole groups: every returned pair, labeled or not. Labeled pairs are judged by their label;
   unlabeled ones by the manual spot-check list ``SPOT_CHECK`` below (each entry was read against
   the article). Precision = correct / returned; returned pairs not yet judged are listed and
   counted as wrong in the lower bound.

Results go to ``bench/results/contradictions.json``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from pressespiegel.stories.contradictions import (  # noqa: E402
    Contradiction,
    Statement,
    find_contradictions,
)

PAIRS = ROOT / "bench" / "data" / "contradictions_de.jsonl"
STORIES = ROOT / "bench" / "data" / "contradictions_stories.jsonl"
RESULTS = ROOT / "bench" / "results" / "contradictions.json"

#: Manual verdicts on returned pairs that are not in the labeled set: (id, id) -> (is a real
#: contradiction?, why). Filled by reading each returned pair in its article.
SPOT_CHECK: dict[tuple[str, str], tuple[bool, str]] = {
    ("s001-04", "s004-06"): (
        True,
        "NYT: Kim to meet Putin in Wladiwostok vs. Peskow had denied a meeting in Wladiwostok",
    ),
    ("s002-02", "s004-06"): (True, "same, DW's NYT report"),
    ("s001-10", "s002-09"): (
        False,
        "Moscow's drone accusation (Crimea) vs. Romania's rejection: different drones",
    ),
    ("s001-01", "s001-09"): (True, "US claim of a Kim-Putin meeting vs. Peskow cannot confirm (as c006)"),
    ("s001-01", "s001-03"): (True, "US claim vs. Kremlin non-confirmation"),
    ("s001-03", "s001-04"): (True, "Kremlin non-confirmation vs. NYT report of the meeting"),
    ("s001-03", "s002-02"): (True, "Kremlin non-confirmation vs. NYT report of the meeting"),
    ("s000-01", "s001-03"): (
        True,
        "Kremlin non-confirmation (5 Sep) vs. Kim arrived for the meeting (12 Sep): reversal",
    ),
    ("s001-04", "s001-08"): (True, "NYT report vs. Kremlin non-confirmation"),
    ("s001-08", "s002-02"): (True, "Kremlin non-confirmation vs. NYT report"),
    ("s001-08", "s004-01"): (True, "non-confirmation (5 Sep) vs. confirmation (11 Sep), as c005"),
    ("s000-01", "s001-08"): (True, "non-confirmation vs. later arrival for the meeting"),
    ("s000-02", "s001-03"): (True, "Kremlin non-confirmation vs. Peskow 'Ich bestätige das' a week later"),
    ("s000-02", "s001-08"): (True, "same"),
    ("s001-04", "s001-09"): (True, "NYT report vs. Peskow cannot confirm"),
    ("s001-09", "s002-02"): (True, "Peskow cannot confirm vs. NYT report"),
    ("s001-09", "s004-01"): (True, "Peskow cannot confirm (5 Sep) vs. confirmation (11 Sep)"),
    ("s000-01", "s001-09"): (True, "Peskow cannot confirm vs. later arrival for the meeting"),
    ("s001-01", "s004-06"): (
        True,
        "US: Kim wants to meet Putin in Russia vs. Peskow denied a meeting in Wladiwostok",
    ),
    ("s000-01", "s004-06"): (True, "Peskow had denied the meeting vs. Kim arrived for it"),
    ("s000-14", "s002-09"): (
        False,
        "Moscow's condition vs. Romania's rejection of a Ukrainian account: unrelated",
    ),
    ("s000-15", "s004-10"): (
        False,
        "Ukraine rejects Moscow's condition; US warns helpers of Russia: unrelated",
    ),
    ("s000-02", "s004-06"): (
        True,
        "Peskow denied a meeting in Wladiwostok vs. Peskow confirms (the brief's example)",
    ),
    ("s000-05", "s001-03"): (
        False,
        "Miller's assessment of Putin's weakness is not the meeting claim the Kremlin left unconfirmed",
    ),
    ("s000-05", "s001-08"): (False, "same"),
    ("s000-10", "s000-11"): (True, "255 km2 freed vs. counteroffensive a failure, as c012"),
    ("s001-03", "s004-02"): (
        True,
        "Kremlin: meeting not confirmed (5 Sep) vs. Kremlin: official visit expected (11 Sep): reversal",
    ),
    ("s001-08", "s004-02"): (True, "same"),
    ("s000-07", "s000-08"): (False, "same side: 50-200 m a day and 'sometimes no movement' are compatible"),
    ("s000-06", "s001-12"): (True, "army advancing vs. Putin: counteroffensive failed"),
    ("s000-07", "s001-12"): (True, "Kiev's daily gains vs. 'gescheitert'"),
    ("s000-06", "s000-11"): (True, "army advancing vs. 'Fehlschlag'"),
    ("s000-07", "s000-12"): (True, "Kiev's daily gains vs. 'Ergebnisse gibt es natürlich keine'"),
    ("w22943-c", "w22943-e"): (
        False,
        "the Greens doubt the government's denial and the NYT reaffirms its report: same side",
    ),
    ("w24294-a", "w24294-d"): (
        False,
        "Interfax: Milinkewitsch arrested; Voznyak: his spokesman arrested; the denial is elsewhere",
    ),
    ("w24294-b", "w24294-d"): (
        False,
        "adviser denies Milinkewitsch's arrest; spokesman's arrest: compatible",
    ),
    ("w34359-a", "w34359-f"): (
        False,
        "state secretary denies knowledge, not the practices the employee alleges",
    ),
    ("w34359-a", "w34359-q7"): (False, "same"),
    ("w47722-b", "w47722-q0"): (
        False,
        "the Lebanese denial targets the Israeli account, not the casualty report",
    ),
    ("w49024-b", "w49024-q30"): (
        True,
        "Puncog rejects that foreigners were told to leave vs. reports by foreigners that they were",
    ),
    ("w68296-b", "w68296-q10"): (
        True,
        "South denies involvement vs. Khartoum's account of the attack, as c079",
    ),
    ("w42185-b", "w42185-q2"): (
        False,
        "Lenz denies the accusations; Jüttner wants to keep damage from the SPD: unrelated",
    ),
}


def _statement(d: dict[str, Any]) -> Statement:
    return Statement(
        id=d["id"],
        article=d["article"],
        outlet=d.get("outlet"),
        published=d.get("published"),
        speaker=d.get("speaker"),
        text=d["text"],
        cue=d.get("cue"),
        sentence=d.get("sentence"),
    )


def _key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", choices=("dev", "test", "all"), help="print misclassified pairs")
    parser.add_argument("--returned", action="store_true", help="print every returned pair")
    parser.add_argument("--real-pairs", action="store_true", help="print the real stories' returned pairs")
    parser.add_argument("--no-real", action="store_true", help="skip the real stories (no analysis run)")
    args = parser.parse_args()

    pairs = [json.loads(line) for line in PAIRS.open(encoding="utf-8")]
    stories = [json.loads(line) for line in STORIES.open(encoding="utf-8")]

    # 1. run the detector over each whole story group
    predicted: dict[str, dict[tuple[str, str], Contradiction]] = {}
    n_statements = 0
    started = time.perf_counter()
    for story in stories:
        statements = [_statement(s) for s in story["statements"]]
        n_statements += len(statements)
        found = find_contradictions(statements)
        predicted[story["story"]] = {_key(c.a.id, c.b.id): c for c in found}
    elapsed = time.perf_counter() - started
    split_of = {s["story"]: s["split"] for s in stories}

    # 2. labeled pairs
    report: dict[str, Any] = {}
    errors: list[str] = []
    for split in ("dev", "test", "all"):
        rows = [p for p in pairs if split == "all" or p["split"] == split]
        tp = fp = fn = kind_ok = 0
        per_kind: Counter[str] = Counter()
        per_kind_hit: Counter[str] = Counter()
        for p in rows:
            hit = predicted[p["story"]].get(_key(p["a"]["id"], p["b"]["id"]))
            if p["label"]:
                per_kind[p["kind"]] += 1
            if hit and p["label"]:
                tp += 1
                per_kind_hit[p["kind"]] += 1
                kind_ok += hit.kind == p["kind"]
            elif hit:
                fp += 1
            elif p["label"]:
                fn += 1
            if (hit is not None) != p["label"] and args.errors in (split, "all") and split != "all":
                what = "FP" if hit else "FN"
                errors.append(
                    f"{what} {p['id']} [{p['split']}] {p['kind'] or '-'}: "
                    f"{p['a']['speaker']}: {p['a']['text'][:90]!r} <> {p['b']['speaker']}: "
                    f"{p['b']['text'][:90]!r}" + (f" => {hit.kind} {hit.topic}" if hit else "")
                )
        report[split] = {
            "pairs": len(rows),
            "positives": sum(p["label"] for p in rows),
            **_prf(tp, fp, fn),
            "kind_accuracy": round(kind_ok / tp, 3) if tp else None,
            "recall_by_kind": {k: f"{per_kind_hit[k]}/{n}" for k, n in sorted(per_kind.items())},
        }

    # 3. every returned pair on the whole groups
    labeled = {_key(p["a"]["id"], p["b"]["id"]): p["label"] for p in pairs}
    groups: dict[str, Any] = {}
    unjudged: list[str] = []
    for split in ("dev", "test", "all"):
        returned = correct = judged = 0
        for story, returned_pairs in predicted.items():
            if split != "all" and split_of[story] != split:
                continue
            for key, c in returned_pairs.items():
                returned += 1
                verdict = labeled.get(key)
                if verdict is None and _key(*key) in {_key(*k) for k in SPOT_CHECK}:
                    verdict = next(v[0] for k, v in SPOT_CHECK.items() if _key(*k) == key)
                if verdict is None:
                    if split == "all":
                        unjudged.append(
                            f"{story} {key} {c.kind} {c.score}: {c.a.speaker}: {c.a.text[:80]!r} <> "
                            f"{c.b.speaker}: {c.b.text[:80]!r} {c.topic}"
                        )
                    continue
                judged += 1
                correct += verdict
        groups[split] = {
            "returned": returned,
            "judged": judged,
            "correct": correct,
            "precision_judged": round(correct / judged, 3) if judged else None,
            "precision_lower_bound": round(correct / returned, 3) if returned else None,
        }

    if args.returned:
        for story, returned_pairs in predicted.items():
            for key, c in returned_pairs.items():
                print(f"{story} {key} {c.kind} {c.score} {c.topic}")
    for line in errors:
        print(line)
    print(
        f"labeled pairs: {len(pairs)} ({sum(p['label'] for p in pairs)} positive), "
        f"stories: {len(stories)}, statements: {n_statements}"
    )
    for split in ("dev", "test"):
        r = report[split]
        print(
            f"{split:5s} pairs {r['pairs']:3d}  P {r['precision']:.3f}  R {r['recall']:.3f}  "
            f"F1 {r['f1']:.3f}  (tp {r['tp']} fp {r['fp']} fn {r['fn']})  "
            f"kind acc {r['kind_accuracy']}  recall by kind {r['recall_by_kind']}"
        )
    for split in ("dev", "test", "all"):
        g = groups[split]
        print(
            f"whole groups {split:5s}: returned {g['returned']}, judged {g['judged']}, correct "
            f"{g['correct']}, precision (judged) {g['precision_judged']}, lower bound "
            f"{g['precision_lower_bound']}"
        )
    for line in unjudged:
        print("UNJUDGED", line)
    print(f"speed: {n_statements} statements in {elapsed:.2f} s")
    real: dict[str, Any] = {}
    if not args.no_real:
        from contradictions_real import evaluate as real_stories

        real = real_stories(show=args.real_pairs)
        print(
            f"real multi-outlet stories: {real['stories']} stories, {real['articles']} articles, "
            f"{real['outlets']} outlets; returned {real['returned']}, right {real['true']}, precision "
            f"{real['precision']} (target 0.8); labeled claims found {real['claims_found']}/"
            f"{real['labeled_claims']} (recall {real['recall_claims']}); kind right {real['kind_accuracy']}"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(
        json.dumps(
            {
                "pairs": report,
                "whole_groups": groups,
                "spot_check": [
                    {"a": a, "b": b, "correct": ok, "note": note} for (a, b), (ok, note) in SPOT_CHECK.items()
                ],
                "unjudged": unjudged,
                "statements": n_statements,
                "seconds": round(elapsed, 3),
                "real_stories": real,
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )


if __name__ == "__main__":
    main()
