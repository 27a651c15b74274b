"""SQLite store: one file, WAL journal, explicit short write transactions.

An article row is written together with its source row inside one transaction, so a process
killed mid-ingest leaves every committed batch whole and no partial article behind. Columns
hold what queries filter on; ``doc`` holds the whole article as JSON for a lossless round trip.

Concurrency: WAL lets readers run while one writer commits, so reads never wait. Writers take
the write lock with ``BEGIN IMMEDIATE`` (waiting up to :data:`BUSY_TIMEOUT_MS`) and hold it only
for one batch. Grouping is serialized across processes by an exclusive ``flock`` on a file next
to the database (``NAME-grouping.lock``), released by the kernel if the process dies; the
grouping itself is computed outside any transaction.

Search is FTS5 (``unicode61 remove_diacritics 2``) over title, body and a lemma column, in the
``search_*`` tables of the same file.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from pressespiegel.errors import StoreError
from pressespiegel.records import Article
from pressespiegel.store.codec import article_from_dict, article_to_dict, grouping_rows
from pressespiegel.store.migrations import Migration, latest_version, pending
from pressespiegel.store.monitor_tables import MONITOR_SCHEMA, MonitorTables
from pressespiegel.store.records import (
    MIN_PREFIX,
    PREFIX_END,
    AddResult,
    EntityCount,
    Facets,
    Filters,
    GroupingUpdate,
    Hit,
    MemberRecord,
    PendingArticle,
    QuoteRecord,
    StorylineRecord,
    StoryRecord,
)
from pressespiegel.store.search import IndexDoc, Query, Term, highlight, index_doc

MIGRATIONS = (
    Migration(
        version=1,
        summary="articles and the sources they came from",
        sql="""
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
""",
    ),
    Migration(
        version=2,
        summary="stories: memberships, stories, storylines, grouping state",
        sql="""
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
""",
    ),
    Migration(
        version=3,
        summary="feed monitoring: feeds, feed items, topics, matches, events, deliveries",
        sql=MONITOR_SCHEMA.format(key="TEXT"),
    ),
    Migration(
        version=4,
        summary="search index in the store (authors, entity ids), change counter",
        sql="""
DROP TABLE IF EXISTS search_fts;
DROP TABLE IF EXISTS search_articles;
DROP TABLE IF EXISTS search_entities;
DROP TABLE IF EXISTS search_quotes;
DROP TABLE IF EXISTS search_meta;
CREATE TABLE changes (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL);
INSERT INTO changes (id, version) VALUES (1, 1);
CREATE INDEX article_sources_article ON article_sources (article_id);
CREATE INDEX stories_storyline ON stories (storyline_id);
CREATE TABLE search_articles (
    article_id TEXT PRIMARY KEY,
    published TEXT,
    outlet TEXT,
    language TEXT
);
CREATE VIRTUAL TABLE search_fts USING fts5(
    kind UNINDEXED, article_id UNINDEXED, quote_no UNINDEXED, speaker UNINDEXED,
    title, body, lemmas,
    tokenize = "unicode61 remove_diacritics 2", prefix = '3'
);
CREATE TABLE search_authors (
    article_id TEXT NOT NULL,
    author TEXT NOT NULL,
    PRIMARY KEY (article_id, author)
);
CREATE INDEX search_authors_author ON search_authors (author);
CREATE TABLE search_entities (
    article_id TEXT NOT NULL,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    entity TEXT,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, name, label)
);
CREATE INDEX search_entities_name ON search_entities (name);
CREATE INDEX search_entities_entity ON search_entities (entity) WHERE entity IS NOT NULL;
CREATE TABLE search_quotes (
    article_id TEXT NOT NULL,
    quote_no INTEGER NOT NULL,
    speaker TEXT,
    role TEXT,
    text TEXT NOT NULL,
    type TEXT,
    cue TEXT,
    published TEXT,
    outlet TEXT,
    PRIMARY KEY (article_id, quote_no)
);
CREATE INDEX search_quotes_speaker ON search_quotes (speaker);
""",
    ),
)
SCHEMA_VERSION = latest_version(MIGRATIONS)
#: Milliseconds a writer waits for another process's transaction before failing. Write
#: transactions are bounded (one ingest batch, one grouping step, one index batch: well under a
#: second each), so 30 s is only reached by a stuck process.
BUSY_TIMEOUT_MS = 30_000
#: Column weights for bm25 (kind, article_id, quote_no, speaker, title, body, lemmas): a title
#: hit counts most, an exact word more than a lemma-only hit.
BM25_WEIGHTS = (0.0, 0.0, 0.0, 0.0, 6.0, 1.0, 0.5)
#: Ids per ``IN (...)`` list (SQLite allows 32,766 parameters; smaller lists plan better).
IN_CHUNK = 500
#: Author names offered by the search form's filter.
FACET_AUTHORS = 200


def migrate(db: sqlite3.Connection, location: str, *, target: int | None = None) -> int:
    """Apply the missing migration steps (up to ``target``) in one IMMEDIATE transaction."""
    db.execute("BEGIN IMMEDIATE")  # the version is read under the write lock: one migrator wins
    try:
        current = int(db.execute("PRAGMA user_version").fetchone()[0])
        steps = [s for s in pending(location, current, MIGRATIONS) if target is None or s.version <= target]
        for step in steps:
            for statement in _statements(step.sql):
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {int(step.version)}")
            current = step.version
        db.execute("COMMIT")
    except BaseException:
        db.execute("ROLLBACK")
        raise
    return current


def _statements(script: str) -> Iterator[str]:
    buffer = ""
    for line in script.splitlines(keepends=True):
        buffer += line
        if sqlite3.complete_statement(buffer):
            yield buffer.strip()
            buffer = ""
    if buffer.strip():
        yield buffer.strip()


class SQLiteStore(MonitorTables):
    """The embedded default :class:`pressespiegel.store.Store`."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.location = str(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(path, isolation_level=None)  # explicit transactions below
            self._db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            self._db.execute("PRAGMA journal_mode = WAL")
            self._db.execute("PRAGMA synchronous = NORMAL")  # WAL + NORMAL: durable at checkpoints
            self._db.execute("PRAGMA foreign_keys = ON")
            if int(self._db.execute("PRAGMA user_version").fetchone()[0]) != SCHEMA_VERSION:
                migrate(self._db, self.location)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: cannot open database ({exc})") from None
        except OSError as exc:
            raise StoreError(f"{path}: cannot create database ({exc.strerror or exc})") from None

    @contextmanager
    def _write(self, what: str, *, changes: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction; bumps the content version when it changed what readers see."""
        try:
            self._db.execute("BEGIN IMMEDIATE")
            yield self._db
            if changes:
                self._db.execute("UPDATE changes SET version = version + 1")
            self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise StoreError(f"{self.path}: {what} failed, rolled back ({exc})") from None
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def _monitor_write(self, what: str) -> AbstractContextManager[Any]:
        return self._write(what, changes=False)  # feeds and topics are not content readers cache

    def _monitor_rows(self, query: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._db.execute(query, params).fetchall()

    def content_version(self) -> int:
        return int(self._db.execute("SELECT version FROM changes").fetchone()[0])

    def close(self) -> None:
        self._db.close()

    # -- articles ----------------------------------------------------------------------------------
    def add_articles(self, articles: Sequence[Article]) -> AddResult:
        now = datetime.now(UTC).isoformat(timespec="seconds")
        added = existing = 0
        with self._write("write", changes=False) as db:
            for article in articles:
                doc = article_to_dict(article)
                cursor = db.execute(
                    "INSERT OR IGNORE INTO articles (id, source, url, outlet, agency, title, published,"
                    " published_method, published_reliable, language, teaser, text, doc, ingested_at)"
                    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        article.id,
                        article.source,
                        article.url,
                        article.outlet,
                        article.agency,
                        article.title,
                        doc["published"],
                        doc["published_method"],
                        int(doc["published_reliable"]),
                        article.language,
                        int(article.teaser),
                        article.text,
                        json.dumps(doc, ensure_ascii=False),
                        now,
                    ),
                )
                if cursor.rowcount:
                    added += 1
                else:
                    existing += 1
                db.execute(
                    "INSERT OR IGNORE INTO article_sources (source, article_id, seen_at) VALUES (?, ?, ?)",
                    (article.source, article.id, now),
                )
            if added:  # a batch of articles already stored leaves readers' caches valid
                db.execute("UPDATE changes SET version = version + 1")
        return AddResult(added=added, existing=existing)

    def get_article(self, article_id: str) -> Article | None:
        row = self._db.execute("SELECT doc FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None and len(article_id) >= MIN_PREFIX:
            rows = self._db.execute(
                "SELECT doc FROM articles WHERE id >= ? AND id < ? LIMIT 2",
                (article_id, article_id + PREFIX_END),
            ).fetchall()
            row = rows[0] if len(rows) == 1 else None
        return article_from_dict(json.loads(row[0])) if row else None

    def get_articles(self, article_ids: Sequence[str]) -> dict[str, Article]:
        found: dict[str, Article] = {}
        ids = list(dict.fromkeys(article_ids))
        for start in range(0, len(ids), IN_CHUNK):
            chunk = ids[start : start + IN_CHUNK]
            marks = ",".join("?" * len(chunk))
            for (doc,) in self._db.execute(f"SELECT doc FROM articles WHERE id IN ({marks})", chunk):
                article = article_from_dict(json.loads(doc))
                found[article.id] = article
        return found

    def iter_articles(self, *, offset: int = 0, limit: int | None = None) -> Iterator[Article]:
        cursor = self._db.execute(
            "SELECT doc FROM articles ORDER BY published IS NULL, published, id LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        for (doc,) in cursor:
            yield article_from_dict(json.loads(doc))

    def count_articles(self) -> int:
        return int(self._db.execute("SELECT count(*) FROM articles").fetchone()[0])

    def sources_of(self, article_id: str) -> list[str]:
        rows = self._db.execute(
            "SELECT source FROM article_sources WHERE article_id = ? ORDER BY seen_at, source", (article_id,)
        )
        return [row[0] for row in rows]

    # -- grouping (stories) ------------------------------------------------------------------------
    @contextmanager
    def grouping_lock(self) -> Iterator[None]:
        import fcntl

        lock_path = self.path.with_name(self.path.name + "-grouping.lock")
        try:
            handle = lock_path.open("ab")
        except OSError as exc:
            raise StoreError(
                f"{lock_path}: cannot create the grouping lock ({exc.strerror or exc})"
            ) from None
        with handle:
            fcntl.flock(handle, fcntl.LOCK_EX)  # blocks while another process (or thread) groups
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def grouping_state(self) -> Mapping[str, Any] | None:
        row = self._db.execute("SELECT value FROM state WHERE key = 'grouping'").fetchone()
        return json.loads(row[0]) if row else None

    def pending_grouping(self) -> list[PendingArticle]:
        rows = self._db.execute(
            "SELECT a.id, a.published, a.ingested_at FROM articles a"
            " LEFT JOIN memberships m ON m.article_id = a.id WHERE m.article_id IS NULL ORDER BY a.rowid"
        )
        return [PendingArticle(id=i, published=p, ingested_at=t) for i, p, t in rows]

    def grouped_order(self) -> list[PendingArticle]:
        rows = self._db.execute(
            "SELECT a.id, a.published, a.ingested_at FROM memberships m"
            " JOIN articles a ON a.id = m.article_id"
            " ORDER BY m.seq"
        )
        return [PendingArticle(id=i, published=p, ingested_at=t) for i, p, t in rows]

    def save_grouping(self, update: GroupingUpdate) -> None:
        rows = grouping_rows(update)  # serialized before the write lock is taken
        with self._write("saving stories") as db:
            if update.reset:
                db.execute("DELETE FROM memberships")
                db.execute("DELETE FROM stories")
                db.execute("DELETE FROM storylines")
            else:
                last = int(db.execute("SELECT coalesce(max(seq), 0) FROM memberships").fetchone()[0])
                if last != update.base_seq:
                    raise StoreError(
                        f"{self.path}: stories were regrouped by another process meanwhile "
                        f"(at {last}, expected {update.base_seq}); nothing written, run again"
                    )
            db.executemany(
                "INSERT INTO memberships (article_id, story_id, origin_id, copy_of, score, seq, vector)"
                " VALUES (?, ?, ?, ?, ?, ?, ?)",
                rows.memberships,
            )
            db.executemany(
                "INSERT OR REPLACE INTO stories"
                " (id, storyline_id, label, key_terms, first, last, size, origins)"
                " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                rows.stories,
            )
            db.executemany("DELETE FROM storylines WHERE id = ?", [(i,) for i in update.dropped_storylines])
            db.executemany(
                "INSERT OR REPLACE INTO storylines (id, label, first, last, stories) VALUES (?, ?, ?, ?, ?)",
                rows.storylines,
            )
            db.execute("INSERT OR REPLACE INTO state (key, value) VALUES ('grouping', ?)", (rows.state,))

    _STORY_COLUMNS = "id, storyline_id, label, key_terms, first, last, size, origins"

    @staticmethod
    def _story(row: Sequence[Any]) -> StoryRecord:
        sid, line, label, terms, first, last, size, origins = row
        return StoryRecord(
            id=sid,
            storyline=line,
            label=label,
            key_terms=tuple(json.loads(terms)),
            first=first,
            last=last,
            size=size,
            origins=origins,
        )

    def list_stories(self, *, storyline: str | None = None) -> list[StoryRecord]:
        rows = self._db.execute(
            f"SELECT {self._STORY_COLUMNS} FROM stories WHERE ? IS NULL OR storyline_id = ?"
            " ORDER BY origins DESC, last DESC, id",
            (storyline, storyline),
        )
        return [self._story(row) for row in rows]

    def get_story(self, story_id: str) -> StoryRecord | None:
        row = self._db.execute(
            f"SELECT {self._STORY_COLUMNS} FROM stories WHERE id = ?", (story_id,)
        ).fetchone()
        return self._story(row) if row else None

    def story_members(self, story_id: str) -> list[MemberRecord]:
        rows = self._db.execute(
            "SELECT m.article_id, m.origin_id, m.copy_of, m.score, m.vector,"
            " coalesce(a.title, substr(json_extract(a.doc, '$.lead'), 1, 100)), a.outlet, a.published,"
            " a.agency FROM memberships m JOIN articles a ON a.id = m.article_id WHERE m.story_id = ?"
            " ORDER BY a.published IS NULL, a.published, m.seq",
            (story_id,),
        )
        return [
            MemberRecord(
                id=i,
                story=story_id,
                origin=o,
                copy_of=c,
                score=s,
                vector=json.loads(v),
                title=t,
                outlet=out,
                published=p,
                agency=ag,
            )
            for i, o, c, s, v, t, out, p, ag in rows
        ]

    def story_of(self) -> dict[str, str]:
        return dict(self._db.execute("SELECT article_id, story_id FROM memberships"))

    def list_storylines(self) -> list[StorylineRecord]:
        rows = self._db.execute(
            "SELECT id, label, first, last, stories FROM storylines ORDER BY stories DESC, last DESC, id"
        )
        return [StorylineRecord(id=i, label=lb, first=f, last=la, stories=n) for i, lb, f, la, n in rows]

    # -- search ------------------------------------------------------------------------------------
    def index_pending(self, limit: int = 200) -> int:
        rows = self._db.execute(
            "SELECT doc FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM search_articles s WHERE s.article_id = a.id) ORDER BY a.rowid LIMIT ?",
            (limit,),
        ).fetchall()
        docs = [index_doc(article_from_dict(json.loads(doc))) for (doc,) in rows]  # before the lock
        if not docs:
            return 0
        with self._write("indexing") as db:
            marks = ",".join("?" * len(docs))
            done = {
                r[0]
                for r in db.execute(
                    f"SELECT article_id FROM search_articles WHERE article_id IN ({marks})",
                    [d.article_id for d in docs],
                )
            }
            for doc in docs:
                if doc.article_id not in done:  # another process may have indexed it meanwhile
                    self._index(db, doc)
        return len(docs)

    @staticmethod
    def _index(db: sqlite3.Connection, doc: IndexDoc) -> None:
        db.execute(
            "INSERT INTO search_articles (article_id, published, outlet, language) VALUES (?, ?, ?, ?)",
            (doc.article_id, doc.published, doc.outlet, doc.language),
        )
        db.execute(
            "INSERT INTO search_fts (kind, article_id, quote_no, speaker, title, body, lemmas)"
            " VALUES ('article', ?, NULL, ?, ?, ?, ?)",
            (doc.article_id, "\n".join(doc.speakers), doc.title, doc.body, doc.lemmas),
        )
        for quote, lemmas in zip(doc.quotes, doc.quote_lemmas, strict=True):
            db.execute(
                "INSERT INTO search_fts (kind, article_id, quote_no, speaker, title, body, lemmas)"
                " VALUES ('quote', ?, ?, ?, ?, ?, ?)",
                (doc.article_id, quote.number, quote.speaker, doc.title, quote.text, lemmas),
            )
        db.executemany(
            "INSERT OR REPLACE INTO search_quotes (article_id, quote_no, speaker, role, text, type, cue,"
            " published, outlet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    doc.article_id,
                    q.number,
                    q.speaker,
                    q.role,
                    q.text,
                    q.type,
                    q.cue,
                    doc.published,
                    doc.outlet,
                )
                for q in doc.quotes
            ],
        )
        db.executemany(
            "INSERT OR REPLACE INTO search_entities (article_id, name, label, entity, mentions)"
            " VALUES (?, ?, ?, ?, ?)",
            [(doc.article_id, e.name, e.label, e.entity, e.mentions) for e in doc.entities],
        )
        db.executemany(
            "INSERT OR IGNORE INTO search_authors (article_id, author) VALUES (?, ?)",
            [(doc.article_id, author) for author in doc.authors],
        )

    def search(
        self, query: Query, filters: Filters | None = None, *, limit: int = 50, offset: int = 0
    ) -> tuple[list[Hit], int]:
        filters = filters or Filters()
        expression = fts_expression(query)
        if expression is None:
            return [], 0
        where, params = ["search_fts MATCH ?"], [expression]
        if filters.since:
            where.append("a.published >= ?")
            params.append(filters.since[:10])
        if filters.until:
            where.append("substr(a.published, 1, 10) <= ?")
            params.append(filters.until[:10])
        if filters.outlet:
            where.append("a.outlet = ?")
            params.append(filters.outlet)
        if filters.language:
            where.append("a.language = ?")
            params.append(filters.language)
        if filters.speaker:
            where.append("instr(lower(coalesce(f.speaker, '')), lower(?)) > 0")
            params.append(filters.speaker)
        if filters.author:
            where.append(
                "EXISTS (SELECT 1 FROM search_authors au WHERE au.article_id = f.article_id"
                " AND instr(lower(au.author), lower(?)) > 0)"
            )
            params.append(filters.author)
        clause = " AND ".join(where)
        base = f"FROM search_fts f JOIN search_articles a ON a.article_id = f.article_id WHERE {clause}"
        try:
            total = int(self._db.execute(f"SELECT count(*) {base}", params).fetchone()[0])
            weights = ", ".join(str(w) for w in BM25_WEIGHTS)
            rows = self._db.execute(
                f"SELECT f.kind, f.article_id, f.speaker, f.title, f.body, a.published, a.outlet, a.language,"
                f" (SELECT group_concat(author, '\n') FROM search_authors au"
                f" WHERE au.article_id = f.article_id),"
                f" bm25(search_fts, {weights}) AS rank {base} ORDER BY rank LIMIT ? OFFSET ?",
                [*params, limit, offset],
            ).fetchall()
        except sqlite3.OperationalError:  # an expression FTS cannot parse: no hits rather than an error
            return [], 0
        hits = []
        for kind, article_id, speaker, title, body, published, outlet, language, authors, rank in rows:
            hits.append(
                Hit(
                    kind=kind,
                    article_id=article_id,
                    title=title or "",
                    speaker=speaker or None,
                    snippet=highlight(body, query, snippet=kind == "article"),
                    published=published,
                    outlet=outlet,
                    language=language,
                    score=-float(rank),
                    authors=tuple(sorted(authors.split("\n"))) if authors else (),
                )
            )
        return hits, total

    def facets(self) -> Facets:
        sql = "SELECT DISTINCT {0} FROM search_articles WHERE {0} IS NOT NULL ORDER BY {0}"
        authors = self._db.execute(
            "SELECT author FROM search_authors GROUP BY author ORDER BY count(*) DESC, author LIMIT ?",
            (FACET_AUTHORS,),
        )
        return Facets(
            outlets=tuple(r[0] for r in self._db.execute(sql.format("outlet"))),
            languages=tuple(r[0] for r in self._db.execute(sql.format("language"))),
            authors=tuple(r[0] for r in authors),
        )

    def entities(self, *, label: str | None = None, limit: int = 200) -> list[EntityCount]:
        rows = self._db.execute(
            "SELECT name, label, count(*) AS articles, sum(mentions), max(entity) FROM search_entities"
            " WHERE (? IS NULL OR label = ?) GROUP BY name, label ORDER BY articles DESC, name LIMIT ?",
            (label, label, limit),
        )
        return [EntityCount(name=n, label=lb, articles=a, mentions=m, entity=e) for n, lb, a, m, e in rows]

    def entity_articles(self, name: str) -> list[tuple[str, str]]:
        rows = self._db.execute(
            "SELECT DISTINCT article_id, label FROM search_entities WHERE name = ?"
            " ORDER BY article_id, label",
            (name,),
        )
        return [(r[0], r[1]) for r in rows]

    def co_mentions(self, article_ids: Sequence[str], name: str, *, limit: int = 20) -> list[EntityCount]:
        if not article_ids:
            return []
        ids = list(dict.fromkeys(article_ids))[: IN_CHUNK * 4]
        marks = ",".join("?" * len(ids))
        rows = self._db.execute(
            f"SELECT name, label, count(DISTINCT article_id) AS n, sum(mentions), max(entity)"
            f" FROM search_entities WHERE article_id IN ({marks}) AND name != ? GROUP BY name, label"
            f" ORDER BY n DESC, name LIMIT ?",
            [*ids, name, limit],
        )
        return [EntityCount(name=n, label=lb, articles=c, mentions=m, entity=e) for n, lb, c, m, e in rows]

    def quotes(self, *, speaker: str | None = None, limit: int = 500) -> list[QuoteRecord]:
        rows = self._db.execute(
            "SELECT article_id, quote_no, speaker, role, text, type, cue, published, outlet"
            " FROM search_quotes WHERE speaker IS NOT NULL"
            " AND (? IS NULL OR instr(lower(speaker), lower(?)) > 0"
            " OR (length(speaker) >= 4 AND instr(lower(?), lower(speaker)) > 0))"
            " ORDER BY published IS NULL, published, article_id, quote_no LIMIT ?",
            (speaker, speaker, speaker, limit),
        )
        return [
            QuoteRecord(article=a, number=n, speaker=s, role=r, text=t, type=ty, cue=c, published=p, outlet=o)
            for a, n, s, r, t, ty, c, p, o in rows
        ]


def fts_expression(query: Query) -> str | None:
    """The FTS5 MATCH expression for ``query``; every word is a quoted string, so no user syntax
    gets through. None when nothing must match (no positive term)."""

    def part(term: Term) -> str:
        if term.phrase:
            return '{title body} : "' + " ".join(term.words) + '"'
        return f'({{title body}} : "{term.words[0]}"* OR lemmas : "{term.lemmas[0]}")'

    positive = [part(t) for t in query.positive]
    if not positive:
        return None
    expression = " AND ".join(positive)
    for term in query.negative:
        expression = f"({expression}) NOT {part(term)}"
    return expression


__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "SQLiteStore", "fts_expression", "migrate"]
