"""The SQLite store: idempotent re-ingest, lossless round trip, and no half-written article on a crash."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from conftest import seed_text
from pressespiegel.ingest import BATCH_SIZE, ingest
from pressespiegel.store import open_store
from pressespiegel.store.codec import article_to_dict

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "pressespiegel" / "data" / "sample"


def test_reingest_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "t.db"
    store = open_store(db)
    first = ingest([str(SAMPLE)], store)
    before = {a.id: article_to_dict(a) for a in store.iter_articles()}
    rows_before = sqlite3.connect(db).execute("SELECT id, ingested_at FROM articles ORDER BY id").fetchall()
    second = ingest([str(SAMPLE)], store)
    after = {a.id: article_to_dict(a) for a in store.iter_articles()}
    store.close()
    assert first.added == len(before) and second.added == 0 and second.existing == len(before)
    assert before == after
    assert (
        sqlite3.connect(db).execute("SELECT id, ingested_at FROM articles ORDER BY id").fetchall()
        == rows_before
    )


def test_round_trip_and_prefix_lookup(tmp_path: Path) -> None:
    store = open_store(tmp_path / "t.db")
    src = tmp_path / "a.txt"
    src.write_text(seed_text(2))
    ingest([str(src)], store)
    article = next(store.iter_articles())
    assert store.get_article(article.id) == article
    assert store.get_article(article.id[:8]) == article
    assert store.get_article(article.id[:3]) is None  # too short to be a safe prefix


def test_kill_mid_ingest_keeps_committed_batches_whole(tmp_path: Path) -> None:
    """Kill -9 a large ingest; every stored article is complete and a re-run finishes the job."""
    corpus = tmp_path / "many"
    corpus.mkdir()
    texts = [seed_text(i) for i in range(5)]
    total = 8 * BATCH_SIZE
    for i in range(total):  # distinct bodies: each file is its own article
        note = f"Vorbemerkung Nummer {i}: Dieser Text gehört zu einem Belastungstest mit vielen Artikeln.\n\n"
        (corpus / f"{i:04d}.txt").write_text(note + texts[i % 5])
    db = tmp_path / "t.db"
    cmd = [sys.executable, "-m", "pressespiegel", "ingest", "-q", "--db", str(db), str(corpus)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:  # wait for the first commits
        time.sleep(0.2)
        if db.exists():
            try:
                stored = sqlite3.connect(db, timeout=1).execute("SELECT count(*) FROM articles").fetchone()[0]
            except sqlite3.OperationalError:
                continue
            if stored >= BATCH_SIZE:
                break
    assert proc.poll() is None, "ingest finished before it could be killed; make the corpus larger"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    con = sqlite3.connect(db)
    assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    count = con.execute("SELECT count(*) FROM articles").fetchone()[0]
    assert 0 < count < total and count % BATCH_SIZE == 0  # only whole batches
    orphans = con.execute(
        "SELECT count(*) FROM articles a LEFT JOIN article_sources s ON s.article_id = a.id"
        " WHERE s.source IS NULL"
    ).fetchone()[0]
    assert orphans == 0
    store = open_store(db)
    assert all(a.paragraphs and a.text for a in store.iter_articles())
    report = ingest([str(corpus)], store)
    assert report.added == total - count and store.count_articles() == total
