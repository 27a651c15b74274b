"""Throughput and memory of online grouping (copies + stories) on a long synthetic stream.

The stream perturbs real German Wikinews texts (../shared, evaluation only): each synthetic
article takes one source text, drops and shuffles sentences, swaps words between texts, and gets
a time stamp; ARTICLES_PER_DAY arrive per day. Speed and memory only: no quality figures here.

    .venv/bin/python bench/cluster_scale.py            # 10k and 100k; writes bench/results/cluster_scale.json
    .venv/bin/python bench/cluster_scale.py --sizes 2000

Each size runs in its own process, so peak RSS is that run's own. Speeds are per CPU second of
the process (time.process_time), so other jobs on the shared machine do not count against it.
Reported: articles/s over the
whole run and over its last 10 % (to see if cost per article grows), peak RSS, stories, and RSS
per story and per article. Baselines in the same run: the same stream through text → terms only,
and through grouping without embeddings (the grouping before issue 15).

Embeddings are computed in the analysis stage and stored, so grouping takes them as given: each
source text is encoded once (its cost per article is reported as ``embedding_ms_per_article``),
and a synthetic article's vector is its source's plus noise, normalized (cosine ≈ ``NOISE_COSINE``
to the source, about what two reports of one event share).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import resource
import subprocess
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "quotes" / "wikinews2024"
RESULTS = ROOT / "bench" / "results" / "cluster_scale.json"
ARTICLES_PER_DAY = 400  # a mid-sized monitoring feed
SEED = 7
NOISE_COSINE = 0.8


def source_texts() -> list[str]:
    texts = []
    for name in ("train.jsonl", "dev.jsonl"):
        for line in (SHARED / name).read_text(encoding="utf-8").splitlines():
            texts.append(json.loads(line)["originalText"])
    return texts


def stream(n: int) -> list[tuple[str, str, datetime, int]]:
    """n synthetic (id, text, time, source index) tuples, deterministic."""
    rng = random.Random(SEED)
    texts = source_texts()
    words = [w for t in texts[:200] for w in t.split() if w[:1].isupper()]
    start = datetime(2024, 1, 1)
    out = []
    for i in range(n):
        source = rng.randrange(len(texts))
        sentences = texts[source].replace("\n", " ").split(". ")
        rng.shuffle(sentences)
        kept = sentences[: max(3, int(len(sentences) * rng.uniform(0.5, 1.0)))]
        tokens = ". ".join(kept).split()
        for _ in range(len(tokens) // 15):
            tokens[rng.randrange(len(tokens))] = rng.choice(words)
        out.append((f"a{i:06d}", " ".join(tokens), start + timedelta(days=i / ARTICLES_PER_DAY), source))
    return out


def embeddings(items: list[tuple[str, str, datetime, int]]) -> tuple[list[Any], float]:
    """One vector per synthetic article (its source's, perturbed) and the encoding ms per article."""
    import numpy as np

    from pressespiegel.analyze.embedding import DIM, embed_parts, embedding_parts

    texts = source_texts()
    parts = [embedding_parts(None, None, t) for t in texts]
    embed_parts(parts[:2])  # load the model outside the timing
    t0 = time.process_time()
    sources = np.concatenate([embed_parts(parts[i : i + 32]) for i in range(0, len(parts), 32)])
    ms = (time.process_time() - t0) * 1000 / len(texts)
    rng = np.random.default_rng(SEED)
    # noise of norm s on a unit vector gives cosine 1/sqrt(1+s²) in expectation (noise ⟂ vector)
    scale = math.sqrt(1 / NOISE_COSINE**2 - 1) / math.sqrt(DIM)
    out = []
    for _, _, _, source in items:
        v = sources[source] + rng.normal(0.0, scale, DIM).astype(np.float32)
        out.append(v / np.linalg.norm(v))
    return out, ms


def _group(
    items: list[tuple[str, str, datetime, int]], vectors: list[Any] | None
) -> tuple[Any, Any, float, float]:
    from pressespiegel.stories.cluster import ClusterDoc, StoryClusterer
    from pressespiegel.stories.dedupe import CopyDetector
    from pressespiegel.stories.terms import content_terms

    copies, clusterer = CopyDetector(), StoryClusterer()
    n = len(items)
    tail_from = int(n * 0.9)
    start = time.process_time()
    tail_start = start
    for i, (doc_id, text, when, _) in enumerate(items):
        if i == tail_from:
            tail_start = time.process_time()
        match = copies.add(doc_id, text, when)
        clusterer.add(ClusterDoc(id=doc_id, when=when, terms=content_terms(text),
                                 origin=match.origin if match.copy_of else None,
                                 embedding=vectors[i] if vectors is not None else None))  # fmt: skip
    end = time.process_time()
    return copies, clusterer, n / (end - start), (n - tail_from) / (end - tail_start)


def run_one(n: int) -> dict[str, float]:
    from pressespiegel.stories.terms import content_terms

    items = stream(n)
    t0 = time.process_time()
    for _, text, _, _ in items:
        content_terms(text)
    baseline = n / (time.process_time() - t0)
    content_terms.__globals__["_lemma"].cache_clear()
    vectors, embed_ms = embeddings(items)

    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    copies, clusterer, per_s, tail_per_s = _group(items, vectors)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KiB on Linux
    stories = len(clusterer.stories)
    state_bytes = len(json.dumps(clusterer.to_state()))
    _, plain, plain_per_s, _ = _group(items, None)
    return {
        "articles": n,
        "articles_per_s": per_s,
        "articles_per_s_last_10pct": tail_per_s,
        "without_embeddings_per_s": plain_per_s,
        "stories_without_embeddings": len(plain.stories),
        "embedding_ms_per_article": embed_ms,
        "state_mib": state_bytes / 2**20,
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
            f"{result['articles_per_s_last_10pct']:.1f}; without embeddings "
            f"{result['without_embeddings_per_s']:.1f}; terms-only baseline "
            f"{result['baseline_terms_only_per_s']:.0f})"
            f" · embedding {result['embedding_ms_per_article']:.1f} ms/article (analysis stage)"
            f" · state {result['state_mib']:.1f} MiB"
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
