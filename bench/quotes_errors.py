"""Speaker errors by category: where attribution goes wrong, counted, before deciding what to change.

Usage:  .venv/bin/python bench/quotes_errors.py [--wikinews-split train] [--examples N]

Wikinews (``train`` by default, the split the rules were developed on): every system quote aligned to
a gold quote (as in ``bench/quotes.py``) whose speaker tokens do not overlap the gold ones is put in
a category: system has no speaker / a wrong one / one where gold has none; the gold speaker a
pronoun or a name; in the quote's sentence or another one; the system quote with its own cue or
without (a continuation, a speech act, a filled-in subject). The modern-news set: its ``tune`` part
only (the held-out part is never looked at), by the same scheme on ``speaker_name``.

Printed, not written to ``bench/results``: the counts are for deciding, the figures that are
claimed come from ``bench/quotes.py``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import quotes as bench
import quotes_modern as modern
from pressespiegel.analyze.quotes.words import is_medium_word

PRONOUNS = {"er", "sie", "ihn", "ihm", "ihr", "es", "ich", "wir", "der", "die", "welche", "dieser", "diese"}


def _medium(text: str) -> bool:
    return any(is_medium_word(w) for w in text.split())


def wikinews(split: str, examples: int) -> None:
    docs = [json.loads(line) for line in (bench.DATA / f"{split}.jsonl").open(encoding="utf-8")]
    counts: Counter[str] = Counter()
    shown: dict[str, list[str]] = defaultdict(list)
    for doc in docs:
        quotes, acts, _ = bench.speech(doc["originalText"])
        both = sorted([*quotes, *acts], key=lambda q: q.quote.spans[0][0])
        sys_groups, gold_groups = bench._system_groups(both, doc), bench._gold_groups(doc)
        toks = doc["tokens"]
        for si, gi in bench.evaluate_doc(sys_groups, gold_groups, bench.Scores()):
            s, g = set(sys_groups[si].roles["speaker"]), set(gold_groups[gi].roles["speaker"])
            q = both[si]
            if not s and not g:
                continue
            gold_text = " ".join(toks[i]["text"] for i in sorted(g))
            sys_text = " ".join(toks[i]["text"] for i in sorted(s))
            if s & g:
                key = "right"
            else:
                form = "gold-pronoun" if len(g) == 1 and gold_text.lower() in PRONOUNS else "gold-name"
                if not s:
                    key = f"no speaker/{form}"
                elif not g:
                    key = "gold has none" + ("/sys-medium" if _medium(sys_text) else "")
                else:
                    key = f"wrong/{form}" + ("/sys-medium" if _medium(sys_text) else "")
                if g:
                    quote_ids = gold_groups[gi].roles["quote"]
                    qs = toks[quote_ids[0]]["sentence"] if quote_ids else -1
                    key += "/same sentence" if toks[min(g)]["sentence"] == qs else "/other sentence"
            key += f"/{q.type}/" + ("own cue" if q.cue else "no cue")
            counts[key] += 1
            if key.startswith("right") or len(shown[key]) >= examples:
                continue
            shown[key].append(f"gold {gold_text!r} sys {sys_text!r} | {q.quote.text[:70]!r}")
    _print(f"Wikinews {split}", counts, shown)


def modern_tune(examples: int) -> None:
    counts: Counter[str] = Counter()
    shown: dict[str, list[str]] = defaultdict(list)
    for doc in modern.load():
        if doc.split != "tune":
            continue
        quotes = bench.speech(doc.text)[0]
        spans = [[(s, e) for s, e in q.quote.spans] for q in quotes]
        for g in doc.quotes:
            if g.optional:
                continue
            overlaps = [modern._covered(g.spans, ss) for ss in spans]
            if sum(overlaps) < modern.FOUND_SHARE * max(1, modern._chars(g.spans)):
                counts["not found"] += 1
                continue
            q = quotes[max(range(len(quotes)), key=lambda k: overlaps[k])]
            if modern.speaker_right(g, q.speaker_name):
                counts["right"] += 1
                continue
            key = "no speaker" if not q.speaker_name else ("gold has none" if not g.speaker else "wrong")
            if q.speaker_name and _medium(q.speaker_name):
                key += "/sys-medium"
            key += f"/{q.type}/" + ("own cue" if q.cue else "no cue")
            counts[key] += 1
            if len(shown[key]) < examples:
                head = doc.text[g.spans[0][0] : g.spans[0][1]][:70]
                shown[key].append(f"{doc.doc} gold {g.speaker!r} sys {q.speaker_name!r} | {head!r}")
    _print("Modern news, tune part", counts, shown)


def _print(title: str, counts: Counter[str], shown: dict[str, list[str]]) -> None:
    print(f"== {title}: {sum(counts.values())} quotations")
    for key, n in counts.most_common():
        print(f"{n:6d}  {key}")
        for line in shown.get(key, []):
            print(f"          {line}")
    print()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--wikinews-split", default="train", choices=("train", "dev"))
    ap.add_argument("--examples", type=int, default=0, help="print N examples per error category")
    args = ap.parse_args()
    bench.speech("Er sagte: „Aufwärmen.“")
    modern_tune(args.examples)
    wikinews(args.wikinews_split, args.examples)


if __name__ == "__main__":
    main()
