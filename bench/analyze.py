"""Full analysis speed (sentences, entities, quotes, dates) on the German Wikinews texts, one core.

Median of REPEATS passes over all documents of ../shared/data/quotes/wikinews2024 (850 texts,
evaluation use), after a warm-up that loads the models; per stage as well, so a regression can
be traced to its stage. Baseline in the same run: sentence splitting alone. The headline figure
runs ``analyze_texts`` on batches of 50, as ingest does; one ``analyze_text`` call per text is
reported next to it. Rates are per CPU second of this single-threaded process (as in
``bench/ner.py``): on a shared machine wall time mostly measures the neighbours' load. Entity
linking (``analyze/linking.py``) is timed on its own over the NER's mentions, and the peak resident
memory of the process is reported at the end.

    .venv/bin/python bench/analyze.py          # prints figures, writes bench/results/analyze.json
"""

from __future__ import annotations

import json
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

from pressespiegel.analyze import Document, analyze_text, analyze_texts
from pressespiegel.analyze.dates import find_dates
from pressespiegel.analyze.entities import find_entities, find_entities_many
from pressespiegel.analyze.linking import link_entities
from pressespiegel.analyze.quotes import find_quotes
from pressespiegel.analyze.sentences import split_sentences

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared" / "data" / "quotes" / "wikinews2024"
RESULTS = ROOT / "bench" / "results" / "analyze.json"
REPEATS = 3
# Texts per analyze_texts call, as ingest (50) and `pressespiegel analyze` (64) batch them.
BATCH = 50


def texts() -> list[str]:
    out = []
    for name in ("train.jsonl", "dev.jsonl"):
        for line in (SHARED / name).read_text(encoding="utf-8").splitlines():
            out.append(json.loads(line)["originalText"])
    return out


def rate(docs: list[str], fn: Callable[[str], object]) -> float:
    runs = []
    for _ in range(REPEATS):
        start = time.process_time()
        for doc in docs:
            fn(doc)
        runs.append(len(docs) / (time.process_time() - start))
    return statistics.median(runs)


def rate_batched(docs: list[str], batch: int = BATCH) -> float:
    """Articles/s of :func:`analyze_texts` over batches of ``batch`` texts (the ingest path)."""
    runs = []
    for _ in range(REPEATS):
        start = time.process_time()
        for i in range(0, len(docs), batch):
            analyze_texts([Document(text=d) for d in docs[i : i + batch]])
        runs.append(len(docs) / (time.process_time() - start))
    return statistics.median(runs)


def rate_linking(docs: list[str]) -> float:
    """Articles/s of entity linking alone, over the NER's mentions of each text."""
    mentions = list(find_entities_many(docs))
    runs = []
    for _ in range(REPEATS):
        start = time.process_time()
        for doc, found in zip(docs, mentions, strict=True):
            link_entities(doc, found)
        runs.append(len(docs) / (time.process_time() - start))
    return statistics.median(runs)


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    import resource

    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def main() -> None:
    docs = texts()
    analyze_text(docs[0])  # warm-up: loads SoMaJo, the NER model and its lexicons
    tokens = sum(len(d.split()) for d in docs)
    results = {
        "documents": len(docs),
        "words": tokens,
        "full_analysis_articles_per_s": rate_batched(docs),
        "full_analysis_one_text_per_call_per_s": rate(docs, analyze_text),
        "baseline_sentences_only_per_s": rate(docs, split_sentences),
        "entities_articles_per_s": rate(docs, find_entities),
        "quotes_articles_per_s": rate(docs, find_quotes),
        "dates_articles_per_s": rate(docs, lambda d: find_dates(d, None)),
        "linking_articles_per_s": rate_linking(docs),
        "peak_rss_mib": 0.0,
        "machine": f"{platform.machine()}, {os.cpu_count()} cores (one used), "
        f"Python {platform.python_version()}",
        "repeats": REPEATS,
    }
    words_per_doc = tokens / len(docs)
    print(
        f"{len(docs)} Wikinews texts, {words_per_doc:.0f} words each on average; median of {REPEATS} passes"
    )
    full = results["full_analysis_articles_per_s"]
    print(f"full analysis        {full:7.1f} articles/s (batches of {BATCH})")
    print(f"  one text per call  {results['full_analysis_one_text_per_call_per_s']:7.1f} articles/s")
    for label, key in (
        ("sentences only", "baseline_sentences_only_per_s"),
        ("entities", "entities_articles_per_s"),
        ("quotes", "quotes_articles_per_s"),
        ("dates", "dates_articles_per_s"),
        ("entity linking", "linking_articles_per_s"),
    ):
        print(f"  {label:<19}{results[key]:7.1f} articles/s")
    results["peak_rss_mib"] = peak_rss_mib()
    print(f"peak resident memory {results['peak_rss_mib']:.0f} MiB")
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
