"""``pressespiegel batch --engine spark`` in local mode on a small WARC, on both backends: the
articles stored equal those of ``pressespiegel ingest`` of the same WARC, and stories are formed
the same way. Bad input is one line each, never a traceback.

Needs pyspark and Java 17+ (``make install``); without them the Spark test is skipped with the
reason, except in CI (``CI=true``), where it fails: CI must run it.
"""

from __future__ import annotations

import html
import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from conftest import SAMPLE, cli, seed_html, write_warc
from pressespiegel.analyze.embedding import ANALYSIS_KEY, decode
from pressespiegel.store import open_store

#: Embeddings are stored as float16; the encoder's float32 output differs in its last bits with
#: the batch an article is encoded in (ingest: one batch of all, Spark: a batch per shard), which
#: can flip the float16 rounding: the same vector up to one float16 step, cosine ≥ 0.9999.
EMBEDDING_COSINE = 0.9999


def _spark_missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None:
        return "pyspark is not installed (`make install` installs the spark extra)"
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        return "java is not installed (`make install` installs openjdk-17-jre-headless as root)"
    return None


def _page(title: str, published: str, paragraphs: list[str]) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='de'><head><title>{html.escape(title)}</title>"
        f"<meta property='article:published_time' content='{published}'></head><body><article>"
        f"<h1>{html.escape(title)}</h1>{body}</article><footer>Impressum</footer></body></html>"
    )


@pytest.fixture(scope="module")
def archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Twelve real pages: the five seed articles (four reports of one event, agency copies
    among them) and seven Wikinews articles, plus one page twice (stored once)."""
    pages = [(f"https://seeds.example/{i}", seed_html(i, title=f"Bericht {i}", published=f"2023-09-1{i}"))
             for i in range(5)]  # fmt: skip
    for line in (SAMPLE / "wikinews.jsonl").read_text(encoding="utf-8").splitlines()[:7]:
        item = json.loads(line)
        pages.append((item["url"], _page(item["title"], item["published"], item["text"].split("\n\n"))))
    pages.append(pages[0])
    path = tmp_path_factory.mktemp("warc") / "news.warc.gz"
    write_warc(path, pages)
    return path


@pytest.fixture(scope="module")
def ingested(archive: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The same WARC through `pressespiegel ingest`."""
    db = tmp_path_factory.mktemp("ingest") / "ingest.db"
    cli("ingest", "--quiet", "--db", str(db), str(archive))
    return db


def _articles(location: str | Path) -> dict[str, dict[str, Any]]:
    store = open_store(location)
    try:
        return {a["id"]: a for a in (json.loads(line) for line in _export(store))}
    finally:
        store.close()


def _export(store: Any) -> list[str]:
    from pressespiegel.store.codec import article_to_dict

    return [json.dumps(article_to_dict(a)) for a in store.iter_articles()]


def _stories(location: str | Path) -> set[frozenset[str]]:
    """The grouping as a partition of article ids."""
    store = open_store(location)
    try:
        groups: dict[str, set[str]] = {}
        for article, story in store.story_of().items():
            groups.setdefault(story, set()).add(article)
        return {frozenset(g) for g in groups.values()}
    finally:
        store.close()


def _same_as_ingest(location: str, ingested: Path) -> None:
    """The articles at ``location`` are those of `pressespiegel ingest`, grouped the same way."""
    expected, got = _articles(ingested), _articles(location)
    assert sorted(got) == sorted(expected) and len(got) == 12
    for article_id, want in expected.items():
        have = got[article_id]
        want_vector = decode(want["analysis"].pop(ANALYSIS_KEY))
        have_vector = decode(have["analysis"].pop(ANALYSIS_KEY))
        assert want_vector is not None and have_vector is not None
        norms = float(np.linalg.norm(want_vector) * np.linalg.norm(have_vector))
        assert float(want_vector @ have_vector) / norms >= EMBEDDING_COSINE
        assert have == want  # text, title, date, entities, quotes, dates: everything else exactly
    assert any(a["analysis"]["entities"] for a in got.values())
    assert any(a["analysis"]["quotes"] for a in got.values())
    stories = _stories(location)
    assert stories == _stories(ingested)
    assert max(len(s) for s in stories) >= 3  # the seeds' event is one story


def test_spark_batch_stores_what_ingest_stores(archive: Path, ingested: Path, tmp_path: Path) -> None:
    """The Spark engine, in local mode with two workers (the store side is engine-independent:
    both backends are the next test's)."""
    if reason := _spark_missing():
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI must run the Spark test)")
        pytest.skip(reason)
    db = str(tmp_path / "spark.db")
    done = cli("batch", "--engine", "spark", "--master", "local[2]", "--db", db, str(archive))
    assert "Traceback" not in done.stderr and done.stderr.strip() == "", done.stderr
    assert "1 file, 13 documents: 12 new articles, 1 already stored, 0 failed; 12 grouped" in done.stdout
    assert "(spark local[2]," in done.stdout
    _same_as_ingest(db, ingested)


def test_batch_on_each_backend(archive: Path, ingested: Path, store_location: str) -> None:
    """The driver's side (store in batches, park the features, group with them) on SQLite and
    PostgreSQL, with the engine that runs in this process; re-running changes nothing."""
    done = cli("batch", "--engine", "local", "--db", store_location, str(archive))
    assert done.stderr.strip() == "", done.stderr
    assert "12 new articles, 1 already stored, 0 failed; 12 grouped" in done.stdout
    _same_as_ingest(store_location, ingested)
    again = cli("batch", "--engine", "local", "--no-analyze", "--db", store_location, str(archive))
    assert "0 new articles, 13 already stored" in again.stdout


def test_bad_input_is_one_line_each(tmp_path: Path) -> None:
    missing = tmp_path / "nope.warc.gz"
    done = cli("batch", "--db", str(tmp_path / "x.db"), str(missing), "https://example.org/feed", check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    lines = done.stderr.strip().splitlines()
    assert lines == [
        f"error: {missing}: no such file or folder",
        "error: https://example.org/feed: batch reads files and folders; fetch URLs and feeds with "
        "`pressespiegel ingest`",
        "error: nothing to read",
    ]
    bad = tmp_path / "broken.warc.gz"
    bad.write_bytes(b"not a warc at all")
    done = cli("batch", "--engine", "local", "--db", str(tmp_path / "x.db"), str(bad), check=False)
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and done.stderr.startswith(f"error: {bad}: ")
    done = cli("batch", "--engine", "local", "--out", str(tmp_path / "pq"), str(bad), check=False)
    assert done.returncode == 2 and "--out writes Parquet with Spark" in done.stderr


def test_missing_java_is_one_line_saying_how_to_install(archive: Path, tmp_path: Path) -> None:
    """No java on PATH (only this Python's folder) and no JAVA_HOME."""
    env = {k: v for k, v in os.environ.items() if k != "JAVA_HOME"}
    env["PATH"] = str(Path(sys.executable).parent)
    done = subprocess.run(
        [sys.executable, "-m", "pressespiegel", "batch", "--db", str(tmp_path / "x.db"), str(archive)],
        capture_output=True, text=True, env=env, timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 2 and "Traceback" not in done.stderr
    if importlib.util.find_spec("pyspark") is not None:
        assert done.stderr.startswith("error: --engine spark needs Java 17+")
        assert "`make install`" in done.stderr
    assert done.stderr.count("\n") == 1 and not (tmp_path / "x.db").exists()
