"""Throughput and memory of online grouping (copies + stories) on a long synthetic stream.

The stream perturbs real German Wikinews texts (../shared, evaluation only): each synthetic
article takes one source text, drops and shuffles sentences, swaps words between texts, and gets
a time stamp; ARTICLES_PER_DAY arrive per day. Speed and memory only: no quality figures here.

    .venv/bin/python bench/cluster_scale.py            # 10k and 100k; writes bench/results/cluster_scale.json
    .venv/bin/python bench/cluster_scale.py --sizes 2000

Each size runs in its own process, so peak RSS is that run's own. Reported: articles/s over the
whole run and over its last 10 % (to see if cost per article grows), peak RSS, stories, and RSS
per story and per article. Baseline in the same run: the same stream through text → terms only.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "quotes" / "wikinews2024"
RESULTS = ROOT / "bench" / "results" / "cluster_scale.json"
ARTICLES_PER_DAY = 400  # a mid-sized monitoring feed
SEED = 7


def source_texts() -> list[str]:
    texts = []
    for name in ("train.jsonl", "dev.jsonl"):
        for line in (SHARED / name).read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["originalText"])
    return texts


def stream(n: int) -> list[tuple[str, str, datetime]]:
    """n synthetic (id, text, time) triples, deterministic."""
    rng = random.Random(SEED)
    texts = source_texts()
    words = [w for t in texts[:200] for w in t.split() if w[:1].isupper()]
    start = datetime(2024, 1, 1)
    out = []
    for i in range(n):
        sentences = texts[rng.randrange(len(texts))].replace("\n", " ").split(". ")
        rng.shuffle(sentences)
        kept = sentences[: max(3, int(len(sentences) * rng.uniform(0.5, 1.0)))]
        tokens = ". ".join(kept).split()
        for _ in range(len(tokens) // 15):
            tokens[rng.randrange(len(tokens))] = rng.choice(words)
        out.append((f"a{i:06d}", " ".join(tokens), start + timedelta(days=i / ARTICLES_PER_DAY)))
    return out


def run_one(n: int) -> dict[str, float]:
    from pressespiegel.stories.cluster import ClusterDoc, StoryClusterer
    from pressespiegel.stories.dedupe import CopyDetector
    from pressespiegel.stories.terms import content_terms

    items = stream(n)
    t0 = time.perf_counter()
    for _, text, _ in items:
        content_terms(text)
    baseline = n / (time.perf_counter() - t0)
    content_terms.__globals__["_lemma"].cache_clear()

    copies, clusterer = CopyDetector(), StoryClusterer()
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    tail_from = int(n * 0.9)
    start = time.perf_counter()
    tail_start = start
    for i, (doc_id, text, when) in enumerate(items):
        if i == tail_from:
            tail_start = time.perf_counter()
        match = copies.add(doc_id, text, when)
        clusterer.add(ClusterDoc(id=doc_id, when=when, terms=content_terms(text),
                                 origin=match.origin if match.copy_of else None))  # fmt: skip
    end = time.perf_counter()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    stories = len(clusterer.stories)
    return {
        "articles": n,
        "articles_per_s": n / (end - start),
        "articles_per_s_last_10pct": (n - tail_from) / (end - tail_start),
        "baseline_terms_only_per_s": baseline,
        "peak_rss_mib": peak / 1024,
        "grouping_rss_growth_mib": (peak - rss_before) / 1024,
        "stories": stories,
        "active_stories_at_end": len(clusterer.active),
        "copy_window_entries_at_end": len(copies),
        "kib_per_story": (peak - rss_before) / max(stories, 1),
        "kib_per_article": (peak - rss_before) / n,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one)))
        return
    if not SHARED.exists():
        sys.exit(f"needs the Wikinews texts at {SHARED}")
    results = []
    for n in args.sizes:
        run = subprocess.run(
            [sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True
        )
        result = json.loads(run.stdout.strip().splitlines()[-1])
        results.append(result)
        print(
            f"{n:>7} articles: {result['articles_per_s']:7.1f} art/s (last 10 %: "
            f"{result['articles_per_s_last_10pct']:.1f}; "
            f"terms-only baseline {result['baseline_terms_only_per_s']:.0f})"
            f" · peak RSS {result['peak_rss_mib']:.0f} MiB"
            f" (+{result['grouping_rss_growth_mib']:.0f} MiB grouping)"
            f" · {result['stories']} stories, {result['active_stories_at_end']} active"
            f" · {result['kib_per_story']:.1f} KiB/story, {result['kib_per_article']:.2f} KiB/article"
        )
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps({"articles_per_day": ARTICLES_PER_DAY, "runs": results}, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
