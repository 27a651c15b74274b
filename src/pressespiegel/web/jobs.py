"""Ingest for the web server, run in a worker process.

Ingesting loads the analysis models (sentence splitter, entity model: several hundred MB) and
can take long; in the server process the models would stay resident for its lifetime and one
huge upload could take the server down. So the server hands each ingest to one worker process
(spawned on the first ingest, reused while ingests keep coming, ended after
:data:`WORKER_IDLE_SECONDS` without one): the server stays at the memory of its pages, and a
worker that dies (killed, out of memory) fails only its own request.

The worker writes through the store protocol like the CLI: ingest in batches, grouping under the
store's grouping lock, then the search index, each in short transactions of their own.
"""

from __future__ import annotations

import multiprocessing
import os
import re
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path
from typing import Any

#: Seconds an idle worker process is kept for the next ingest (its models stay loaded).
WORKER_IDLE_SECONDS = 60.0
#: How often a worker checks that its server is still there.
PARENT_CHECK_SECONDS = 2.0
#: What a request learns when its worker process died (killed, out of memory).
WORKER_DIED = ("der Einlese-Prozess wurde beendet (zu wenig Speicher?); was schon gespeichert war, bleibt; "
               "bitte kleinere Dateien einzeln einlesen")  # fmt: skip


def ingest_job(
    location: str, urls: list[str], uploads: list[tuple[str, bytes]], *, allow_private: bool
) -> dict[str, Any]:
    """Ingest URLs and uploaded files (already size-checked) into the store at ``location``,
    group and index them; return the per-source results. Runs in the worker process."""
    from pressespiegel.errors import SourceError
    from pressespiegel.ingest import Limits, ingest
    from pressespiegel.ingest.fetch import check_address
    from pressespiegel.ingest.items import Notice
    from pressespiegel.ingest.sources import is_url
    from pressespiegel.pipeline import update_stories
    from pressespiegel.store import index_all, open_store
    from pressespiegel.web.app import MAX_UPLOAD_BYTES, WEB_HTTP_TIMEOUT, WEB_MAX_REDIRECTS, safe_url

    results: list[dict[str, Any]] = []
    sources: list[tuple[str, str]] = []  # (path or URL given to ingest, name shown to the user)
    for url in urls:
        try:
            if not is_url(url) or safe_url(url) is None:  # a URL, never a path on this machine
                raise SourceError(url, "not an http(s) URL")
            check_address(url, allow_private=allow_private)
        except SourceError as exc:
            results.append({"source": url, "errors": [exc.problem], "warnings": [], "articles": []})
            continue
        sources.append((url, url))
    started = time.perf_counter()
    store = open_store(location)
    try:
        with tempfile.TemporaryDirectory(prefix="pressespiegel-upload-") as tmp:
            for number, (name, data) in enumerate(uploads):
                folder = Path(tmp) / f"{number:02d}"
                folder.mkdir()
                path = folder / upload_name(name)
                path.write_bytes(data)
                sources.append((str(path), name))
            shown = dict(sources)
            limits = Limits(allow_private=allow_private, http_timeout=WEB_HTTP_TIMEOUT,
                            max_redirects=WEB_MAX_REDIRECTS, max_document_bytes=MAX_UPLOAD_BYTES)  # fmt: skip
            added = existing = 0
            per_source: list[tuple[dict[str, Any], list[str]]] = []
            for source, name in sources:
                entry: dict[str, Any] = {"source": name, "errors": [], "warnings": [], "articles": []}
                results.append(entry)

                def on_problem(item: SourceError | Notice, entry: dict[str, Any] = entry) -> None:
                    if isinstance(item, SourceError):
                        entry["errors"].append(_shown(str(item), shown))
                    else:
                        entry["warnings"].append(_shown(f"{item.source}: {item.message}", shown))

                report = ingest([source], store, limits=limits, on_problem=on_problem)
                added += report.added
                existing += report.existing
                per_source.append((entry, list(dict.fromkeys(report.article_ids))))
        if sources:
            update_stories(store)
            index_all(store)
        grouped = store.story_of()
        articles: list[dict[str, Any]] = []
        found = store.get_articles([i for _, ids in per_source for i in ids])
        for entry, ids in per_source:
            for article_id in ids:
                article = found.get(article_id)
                if article is None:
                    continue
                item = {"id": article.id, "title": article.title or (article.lead or "")[:100],
                        "story": grouped.get(article.id)}  # fmt: skip
                entry["articles"].append(item)
                articles.append(item)
    finally:
        store.close()
    return {
        "added": added,
        "existing": existing,
        "failed": sum(len(r["errors"]) for r in results),
        "seconds": round(time.perf_counter() - started, 2),
        "sources": results,
        "articles": articles,
    }


def upload_name(name: str) -> str:
    """A safe file name for an upload that keeps the suffix the readers look at."""
    from pressespiegel.web.app import UPLOAD_SUFFIXES

    base = Path(name.replace("\\", "/")).name.lower()
    suffix = next((s for s in sorted(UPLOAD_SUFFIXES, key=len, reverse=True) if base.endswith(s)), "")
    stem = re.sub(r"[^a-z0-9_-]+", "_", base[: len(base) - len(suffix)])[:60] or "upload"
    return stem + suffix


def _shown(message: str, names: dict[str, str]) -> str:
    for path, name in names.items():
        message = message.replace(path, name)
    return message


class _Worker:
    """One ingest process at a time, started on demand and ended when idle."""

    def __init__(self, idle_seconds: float = WORKER_IDLE_SECONDS) -> None:
        self._idle = idle_seconds
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()
        self._busy = 0
        self._timer: threading.Timer | None = None

    def run(self, location: str, urls: list[str], uploads: list[tuple[str, bytes]], *,
            allow_private: bool) -> dict[str, Any]:  # fmt: skip
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._pool is None:  # spawn: a fresh interpreter, nothing of the server's state
                self._pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=_watch_parent,
                    initargs=(os.getpid(),),
                )
            pool = self._pool
            self._busy += 1
        try:
            return pool.submit(ingest_job, location, urls, uploads, allow_private=allow_private).result()
        except BrokenProcessPool:
            with self._lock:
                if self._pool is pool:
                    self._pool = None
            return _failed(urls, uploads, WORKER_DIED)
        finally:
            with self._lock:
                self._busy -= 1
                if self._busy == 0 and self._pool is not None:
                    self._timer = threading.Timer(self._idle, self._stop_if_idle)
                    self._timer.daemon = True
                    self._timer.start()

    def _stop_if_idle(self) -> None:
        with self._lock:
            if self._busy == 0 and self._pool is not None:
                self._pool.shutdown(wait=False)
                self._pool = None

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


def _watch_parent(parent: int) -> None:
    """In the worker: end when the server is gone (killed with -9, it cannot end us itself), so no
    worker outlives its server holding its models and its terminal."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(PARENT_CHECK_SECONDS)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def shutdown() -> None:
    """End the worker process (the server calls this when it stops): a running ingest is let
    finish, queued ones are dropped."""
    _WORKER.close()


def empty_result() -> dict[str, Any]:
    """What an ingest of nothing returns (the same fields as :func:`ingest_job`)."""
    return {"added": 0, "existing": 0, "failed": 0, "seconds": 0.0, "sources": [], "articles": []}


def _failed(urls: list[str], uploads: list[tuple[str, bytes]], problem: str) -> dict[str, Any]:
    sources = [*urls, *(name for name, _ in uploads)]
    entries = [{"source": s, "errors": [problem], "warnings": [], "articles": []} for s in sources]
    return {"added": 0, "existing": 0, "failed": len(sources), "seconds": 0.0, "articles": [],
            "sources": entries}  # fmt: skip


_WORKER = _Worker()


def run_in_worker(
    location: str, urls: list[str], uploads: list[tuple[str, bytes]], *, allow_private: bool
) -> dict[str, Any]:
    """:func:`ingest_job` in the shared worker process (one ingest at a time per server)."""
    return _WORKER.run(location, urls, uploads, allow_private=allow_private)


__all__ = ["WORKER_IDLE_SECONDS", "empty_result", "ingest_job", "run_in_worker", "shutdown", "upload_name"]
