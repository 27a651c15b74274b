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
from typing import Any

from pressespiegel.errors import StoreError
from pressespiegel.records import Article
from pressespiegel.store import AddResult
from pressespiegel.store.codec import article_from_dict, article_to_dict
from pressespiegel.store.sqlite_monitor import MONITOR_SCHEMA, SQLiteMonitorTables
from pressespiegel.stories import Membership

#: 3: monitoring tables (feeds, feed items, topics, matches, events, deliveries; see sqlite_monitor).
SCHEMA_VERSION = 3
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
CREATE TABLE IF NOT EXISTS memberships (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    story_id TEXT NOT NULL,
    origin_id TEXT NOT NULL,
    copy_of TEXT,
    score REAL NOT NULL,
    seq INTEGER NOT NULL UNIQUE,
    vector TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS memberships_story ON memberships (story_id);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    storyline_id TEXT NOT NULL,
    label TEXT NOT NULL,
    key_terms TEXT NOT NULL,
    first TEXT NOT NULL,
    last TEXT NOT NULL,
    size INTEGER NOT NULL,
    origins INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS storylines (
    id TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    first TEXT NOT NULL,
    last TEXT NOT NULL,
    stories INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""
#: Milliseconds a writer waits for another process's transaction before failing.
BUSY_TIMEOUT_MS = 30_000


class SQLiteStore(SQLiteMonitorTables):
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
            self._db.executescript(MONITOR_SCHEMA)
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

    # -- grouping (stories) ------------------------------------------------------------------------
    def grouping_state(self) -> dict[str, Any] | None:
        """The saved online grouping state, or None before the first grouping."""
        row = self._db.execute("SELECT value FROM state WHERE key = 'grouping'").fetchone()
        return json.loads(row[0]) if row else None

    def ungrouped_articles(self) -> list[tuple[Article, str]]:
        """Articles not yet in a story, with their ingest time, in ingest order."""
        rows = self._db.execute(
            "SELECT a.doc, a.ingested_at FROM articles a LEFT JOIN memberships m ON m.article_id = a.id"
            " WHERE m.article_id IS NULL ORDER BY a.rowid"
        ).fetchall()
        return [(article_from_dict(json.loads(doc)), ingested) for doc, ingested in rows]

    def grouped_in_order(self) -> list[tuple[Article, str]]:
        """Grouped articles in the order they were grouped (for a rebuild that repeats it)."""
        rows = self._db.execute(
            "SELECT a.doc, a.ingested_at FROM memberships m JOIN articles a ON a.id = m.article_id"
            " ORDER BY m.seq"
        ).fetchall()
        return [(article_from_dict(json.loads(doc)), ingested) for doc, ingested in rows]

    def save_grouping(
        self,
        memberships: Sequence[Membership],
        state: dict[str, Any],
        stories: Sequence[dict[str, Any]],
        storylines: Sequence[dict[str, Any]],
        *,
        reset: bool = False,
    ) -> None:
        """Write new memberships, all story and storyline rows and the state, in one transaction."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            if reset:
                self._db.execute("DELETE FROM memberships")
            self._db.execute("DELETE FROM stories")
            self._db.execute("DELETE FROM storylines")
            self._db.executemany(
                "INSERT INTO memberships (article_id, story_id, origin_id, copy_of, score, seq, vector)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                [
                    (m.article, m.story, m.origin, m.copy_of, m.score, m.seq, json.dumps(m.vector))
                    for m in memberships
                ],
            )
            self._db.executemany(
                "INSERT INTO stories (id, storyline_id, label, key_terms, first, last, size, origins)"
                " VALUES (:id, :storyline, :label, :key_terms, :first, :last, :size, :origins)",
                [{**s, "key_terms": json.dumps(s["key_terms"], ensure_ascii=False)} for s in stories],
            )
            self._db.executemany(
                "INSERT INTO storylines (id, label, first, last, stories)"
                " VALUES (:id, :label, :first, :last, :stories)",
                storylines,
            )
            self._db.execute(
                "INSERT OR REPLACE INTO state (key, value) VALUES ('grouping', ?)", (json.dumps(state),)
            )
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: saving stories failed, rolled back ({exc})") from None

    def story_members(self, story_id: str) -> list[dict[str, Any]]:
        """Member articles of a story with their origin, copy relation, title, outlet, date, vector."""
        rows = self._db.execute(
            "SELECT m.article_id, m.origin_id, m.copy_of, m.score, m.vector,"
            " coalesce(a.title, substr(json_extract(a.doc, '$.lead'), 1, 100)), a.outlet, a.published,"
            " a.agency FROM memberships m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ?"
            " ORDER BY a.published IS NULL, a.published, m.seq",
            (story_id,),
        ).fetchall()
        keys = ("id", "origin", "copy_of", "score", "vector", "title", "outlet", "published", "agency")
        members = [dict(zip(keys, row, strict=True)) for row in rows]
        for member in members:
            member["vector"] = json.loads(member["vector"])
        return members

    def list_stories(self) -> list[dict[str, Any]]:
        """All stories, most independent origins first, then most recent."""
        rows = self._db.execute(
            "SELECT id, label, storyline_id, first, last, size, origins, key_terms FROM stories"
            " ORDER BY origins DESC, last DESC, id"
        ).fetchall()
        keys = ("id", "label", "storyline", "first", "last", "size", "origins", "key_terms")
        stories = [dict(zip(keys, row, strict=True)) for row in rows]
        for story in stories:
            story["key_terms"] = json.loads(story["key_terms"])
        return stories

    def list_storylines(self) -> list[dict[str, Any]]:
        """All storylines, most stories first."""
        rows = self._db.execute(
            "SELECT id, label, first, last, stories FROM storylines ORDER BY stories DESC, last DESC, id"
        ).fetchall()
        return [dict(zip(("id", "label", "first", "last", "stories"), row, strict=True)) for row in rows]

    def close(self) -> None:
        self._db.close()
