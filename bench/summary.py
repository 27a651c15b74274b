"""Summary check: do multi-source summaries recover what the original report says first?

For each event of bench/data/events_stream.jsonl with at least two versions besides its
original, the story summary is built from the *other* versions only (reprints, rewrites); the
reference is the original's headline and its first two sentences, which the summary never saw.
ROUGE-1 and ROUGE-2 (recall and F1, lower-cased word tokens) against that reference, beside two
baselines in the same run: the first 5 sentences of the earliest version (lead-5) and 5 random
sentences (seeded). Also reported: how many outlets the summaries cite.

    .venv/bin/python bench/summary.py       # prints the table, writes bench/results/summary.json
"""

from __future__ import annotations

import json
import random
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import replace
from pathlib import Path
from typing import Any

from pressespiegel.analyze.sentences import split_sentences
from pressespiegel.clean import make_article
from pressespiegel.records import Article, PublicationDate, RawDocument
from pressespiegel.stories.members import Member
from pressespiegel.stories.summary import summarize

ROOT = Path(__file__).resolve().parents[1]
STREAM = ROOT / "bench" / "data" / "events_stream.jsonl"
RESULTS = ROOT / "bench" / "results" / "summary.json"
_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def rouge(candidate: str, reference: str, n: int) -> tuple[float, float]:
    """ROUGE-n recall and F1."""

    def grams(words: list[str]) -> Counter[tuple[str, ...]]:
        return Counter(tuple(words[i : i + n]) for i in range(len(words) - n + 1))

    cand, ref = grams(tokens(candidate)), grams(tokens(reference))
    overlap = sum((cand & ref).values())
    recall = overlap / max(1, sum(ref.values()))
    precision = overlap / max(1, sum(cand.values()))
    return recall, (2 * precision * recall / (precision + recall) if overlap else 0.0)


def analyzed(article: Article) -> Article:
    spans = split_sentences(article.text)
    return replace(article, analysis={"sentences": [[s, e] for s, e in spans]})


def first_sentences(article: Article, k: int) -> list[str]:
    return [article.text[s:e] for s, e in split_sentences(article.text)][:k]


def main() -> None:
    rows = [json.loads(line) for line in STREAM.read_text(encoding="utf-8").splitlines()]
    by_event: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        if row["kind"] != "distractor":
            by_event[row["event"]].append(row)
    rng = random.Random(13)
    scores: dict[str, list[tuple[float, float, float, float]]] = defaultdict(list)
    outlets_cited: list[int] = []
    for event, versions in sorted(by_event.items()):
        original = next((v for v in versions if v["kind"] == "original"), None)
        others = sorted((v for v in versions if v is not original), key=lambda v: v["published"])
        if original is None or len(others) < 2 or event.startswith("ev-kim"):
            continue
        orig_article = make_article(RawDocument(source=original["id"], text=original["text"]))
        reference = " ".join([original["title"], *first_sentences(orig_article, 2)])
        members = []
        for v in others:
            article = make_article(RawDocument(source=v["id"], text=v["text"], title=v.get("title"),
                                               outlet=v.get("outlet")))  # fmt: skip
            article = replace(
                analyzed(article),
                published=PublicationDate(value=v["published"], method="bench", reliable=True),
            )
            members.append(Member(article=article, origin=article.id))
        summary = summarize(members)
        ours = " ".join(s.text for s in summary)
        outlets_cited.append(len({s.citation.outlet for s in summary}))
        lead5 = " ".join(first_sentences(members[0].article, 5))
        pool = [t for m in members for t in first_sentences(m.article, 100)]
        rand5 = " ".join(rng.sample(pool, min(5, len(pool))))
        for name, text in (("ours", ours), ("lead-5 of earliest copy", lead5), ("random-5", rand5)):
            r1, f1 = rouge(text, reference, 1)
            r2, f2 = rouge(text, reference, 2)
            scores[name].append((r1, f1, r2, f2))
    results: dict[str, Any] = {
        "events": len(outlets_cited),
        "mean_outlets_cited": statistics.mean(outlets_cited),
    }
    print(f"{len(outlets_cited)} events; reference = original headline + first two sentences (unseen)")
    print(f"{'system':<26} ROUGE-1 R   F1   ROUGE-2 R   F1")
    for name, values in scores.items():
        means = [statistics.mean(v[i] for v in values) for i in range(4)]
        results[name] = dict(
            zip(("rouge1_recall", "rouge1_f1", "rouge2_recall", "rouge2_f1"), means, strict=True)
        )
        print(f"{name:<26} {means[0]:.3f}  {means[1]:.3f}    {means[2]:.3f}  {means[3]:.3f}")
    print(f"summaries cite {results['mean_outlets_cited']:.1f} outlets on average")
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
