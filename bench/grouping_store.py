"""Grouping through the store at scale: write transactions stay short and readers keep being served.

    .venv/bin/python bench/grouping_store.py                 # 10k articles, SQLite and PostgreSQL
    .venv/bin/python bench/grouping_store.py --sizes 2000 --backends sqlite

The stream is cluster_scale.py's (perturbed German Wikinews texts from ../shared, evaluation
only, ARTICLES_PER_DAY per day), stored as articles without analysis. For each backend (SQLite in
a temporary file; PostgreSQL on a private server started with tests/pgserver.py) it stores the
articles, then runs ``update_stories`` (steps of GROUPING_STEP articles) while a reader thread on
its own connection loops over what the web pages read (change counter, a story list, a story's
members, a search). Reported: grouping articles/s, the time of each grouping write transaction
(median and max), the state size, the reader's latencies during grouping (median, p95, max) and
how many reads it got; then indexing articles/s. Writes bench/results/grouping_store.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "bench"), str(ROOT / "tests")]

from cluster_scale import SHARED, stream  # noqa: E402
from pressespiegel.pipeline import GROUPING_STEP, update_stories  # noqa: E402
from pressespiegel.records import Article, Paragraph, PublicationDate  # noqa: E402
from pressespiegel.store import Store, index_all, open_store  # noqa: E402
from pressespiegel.store.search import Query  # noqa: E402

RESULTS = ROOT / "bench" / "results" / "grouping_store.json"
#: Articles per add_articles batch (the ingest default is 50; larger here to load quickly).
WRITE_BATCH = 500


def articles(n: int) -> list[Article]:
    out = []
    for doc_id, text, when in stream(n):
        sentences = text.split(". ")
        paragraphs = [". ".join(sentences[i : i + 3]) for i in range(0, len(sentences), 3)]
        out.append(Article(
            id=doc_id, source=f"bench/{doc_id}", outlet=f"Blatt {int(doc_id[1:]) % 7}", language="de",
            title=sentences[0][:120], paragraphs=tuple(Paragraph(text=p) for p in paragraphs if p),
            published=PublicationDate(value=when.isoformat(timespec="minutes"), method="bench",
                                      reliable=True),
        ))  # fmt: skip
    return out


class TimedStore:
    """Delegates to a store and times each grouping write."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.writes: list[float] = []
        self.state_bytes = 0

    def save_grouping(self, update: Any) -> None:
        self.state_bytes = len(json.dumps(update.state))
        start = time.perf_counter()
        self._store.save_grouping(update)
        self.writes.append(time.perf_counter() - start)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def reader(location: str, stop: threading.Event, latencies: list[float]) -> None:
    store = open_store(location)
    query = Query.parse("Regierung")
    try:
        while not stop.is_set():
            start = time.perf_counter()
            store.content_version()
            stories = store.list_stories()[:50]
            if stories:
                store.story_members(stories[0].id)
            store.search(query, limit=20)
            latencies.append(time.perf_counter() - start)
            time.sleep(0.05)
    finally:
        store.close()


def run(location: str, items: list[Article]) -> dict[str, Any]:
    store = open_store(location)
    start = time.perf_counter()
    for i in range(0, len(items), WRITE_BATCH):
        store.add_articles(items[i : i + WRITE_BATCH])
    stored = time.perf_counter() - start
    store.index_pending(200)  # a few articles indexed first, so the reader's search has work to do
    timed = TimedStore(store)
    stop, latencies = threading.Event(), []  # type: ignore[var-annotated]
    thread = threading.Thread(target=reader, args=(location, stop, latencies))
    thread.start()
    start = time.perf_counter()
    grouped = update_stories(timed)  # type: ignore[arg-type]
    grouping = time.perf_counter() - start
    stop.set()
    thread.join()
    start = time.perf_counter()
    store.close()
    reopened = open_store(location)
    index_all(reopened)
    indexing = time.perf_counter() - start
    reopened.close()
    ordered = sorted(latencies)
    return {
        "articles": len(items), "store_articles_per_s": round(len(items) / stored, 1),
        "grouped": grouped, "grouping_articles_per_s": round(grouped / grouping, 1),
        "grouping_steps": len(timed.writes), "step_write_s_median": round(statistics.median(timed.writes), 3),
        "step_write_s_max": round(max(timed.writes), 3), "state_mib": round(timed.state_bytes / 2**20, 2),
        "reads_during_grouping": len(ordered),
        "read_s_median": round(statistics.median(ordered), 3) if ordered else None,
        "read_s_p95": round(ordered[int(0.95 * (len(ordered) - 1))], 3) if ordered else None,
        "read_s_max": round(ordered[-1], 3) if ordered else None,
        "index_articles_per_s": round(len(items) / indexing, 1),
    }  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    args = parser.parse_args()
    if not SHARED.exists():
        sys.exit(f"needs the Wikinews texts at {SHARED}")
    results: list[dict[str, Any]] = []
    cluster = None
    try:
        for n in args.sizes:
            items = articles(n)
            for backend in args.backends:
                with tempfile.TemporaryDirectory(prefix="grouping-store-") as tmp:
                    if backend == "sqlite":
                        location = str(Path(tmp) / "bench.db")
                    else:
                        if cluster is None:
                            import pgserver

                            binaries = pgserver.find_binaries()
                            if binaries is None:
                                print("postgres: no server binaries (apt-get install postgresql); skipped")
                                continue
                            cluster = pgserver.Cluster(binaries)
                            cluster.start()
                        location = cluster.url(cluster.create_database())
                    result = {"backend": backend, "grouping_step": GROUPING_STEP, **run(location, items)}
                results.append(result)
                r = result
                print(f"{backend:8} {n:>6} articles: grouping {r['grouping_articles_per_s']:.0f} art/s in "
                      f"{r['grouping_steps']} steps, write per step median {r['step_write_s_median']} s,"
                      f" max {r['step_write_s_max']} s (state {r['state_mib']} MiB); "
                      f"{r['reads_during_grouping']} reads meanwhile, median {r['read_s_median']} s,"
                      f" p95 {r['read_s_p95']} s, max {r['read_s_max']} s; "
                      f"indexing {r['index_articles_per_s']:.0f} art/s")  # fmt: skip
    finally:
        if cluster is not None:
            cluster.stop()
    RESULTS.write_text(json.dumps({"runs": results}, indent=2) + "\n")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
