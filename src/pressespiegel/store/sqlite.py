"""SQLite store: one file, WAL journal, one transaction per batch.

An article row is written together with its source row inside one transaction, so a process
killed mid-ingest leaves every committed batch whole and no partial article behind. Columns
hold what queries filter on; ``doc`` holds the whole article as JSON for a lossless round trip.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Sequence
from datetime import UTC, datetime
from pathlib import Path

from pressespiegel.errors import StoreError
from pressespiegel.records import Article
from pressespiegel.store import AddResult
from pressespiegel.store.codec import article_from_dict, article_to_dict

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    source TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    agency TEXT,
    title TEXT,
    published TEXT,
    published_method TEXT,
    published_reliable INTEGER NOT NULL DEFAULT 0,
    language TEXT,
    teaser INTEGER NOT NULL DEFAULT 0,
    text TEXT NOT NULL,
    doc TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE TABLE IF NOT EXISTS article_sources (
    source TEXT NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles (id),
    seen_at TEXT NOT NULL,
    PRIMARY KEY (source, article_id)
);
"""
#: Milliseconds a writer waits for another process's transaction before failing.
BUSY_TIMEOUT_MS = 30_000


class SQLiteStore:
    """The embedded default :class:`pressespiegel.store.Store`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None)  # explicit transactions below
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable at checkpoints
            self._db.execute("PRAGMA foreign_keys = ON")
            version = self._db.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(f"{path}: written by a newer pressespiegel (schema {version})")
            self._db.executescript(SCHEMA)
            self._db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open database ({exc})") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot create database ({exc.strerror or exc})") from None

    def add_articles(self, articles: Sequence[Article]) -> AddResult:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        added = existing = 0
        try:
            self._db.execute("BEGIN IMMEDIATE")
            for article in articles:
                doc = article_to_dict(article)
                cursor = self._db.execute(
                    "INSERT OR IGNORE INTO articles (id, source, url, outlet, agency, title, published,"
                    " published_method, published_reliable, language, teaser, text, doc, ingested_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.id, article.source, article.url, article.outlet, article.agency,
                        article.title, doc["published"], doc["published_method"],
                        int(doc["published_reliable"]), article.language, int(article.teaser),
                        article.text, json.dumps(doc, ensure_ascii=False), now,
                    ),
                )  # fmt: skip
                if cursor.rowcount:
                    added += 1
                else:
                    existing += 1
                self._db.execute(
                    "INSERT OR IGNORE INTO article_sources (source, article_id, seen_at) VALUES (?, ?, ?)",
                    (article.source, article.id, now),
                )
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: write failed, batch rolled back ({exc})") from None
        return AddResult(added=added, existing=existing)

    def get_article(self, article_id: str) -> Article | None:
        rows = self._db.execute(
            "SELECT doc FROM articles WHERE id = ? OR (length(?) >= 6 AND id LIKE ? || '%') LIMIT 2",
            (article_id, article_id, article_id),
        ).fetchall()
        if len(rows) != 1:
            return None
        return article_from_dict(json.loads(rows[0][0]))

    def iter_articles(self) -> Iterator[Article]:
        cursor = self._db.execute("SELECT doc FROM articles ORDER BY published IS NULL, published, id")
        for (doc,) in cursor:
            yield article_from_dict(json.loads(doc))

    def count_articles(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def sources_of(self, article_id: str) -> list[str]:
        """Every source this article was ingested from."""
        rows = self._db.execute(
            "SELECT source FROM article_sources WHERE article_id = ? ORDER BY seen_at, source", (article_id,)
        )
        return [row[0] for row in rows]

    def close(self) -> None:
        self._db.close()
