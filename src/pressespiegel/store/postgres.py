"""PostgreSQL store (psycopg 3): the same protocol as SQLite, for a shared server and many writers.

Opened with a ``postgresql://user:password@host:port/dbname`` URL (any libpq URL or
``?host=/socket/dir`` form); the database must exist, the schema is created and migrated on
open (``schema_migrations`` table, serialized by an advisory lock).

Concurrency: MVCC readers never wait. Article batches are written with one
``INSERT … SELECT FROM unnest(…) ON CONFLICT DO NOTHING`` in id order, so writers with
overlapping batches neither duplicate nor deadlock (and a deadlock reported anyway is retried).
Grouping is serialized by a session advisory lock (:data:`GROUPING_LOCK`), released by the
server if the holder's connection dies.

Search uses PostgreSQL's own full-text search: a ``tsvector`` per article and quotation with
the ``german`` configuration (stemming) over title (weight A) and body (B), plus the simplemma
lemmas (``simple`` configuration, weight D); prefix queries (``:*``), phrase queries
(``phraseto_tsquery``), ``ts_rank_cd`` ranking and ``ts_headline`` highlights. Words are folded
(lower case, no diacritics) before they are indexed or queried, as FTS5 does on SQLite.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from typing import Any, TypeVar
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg import sql

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
from pressespiegel.store.search import (
    ANGLE_CLOSE,
    ANGLE_OPEN,
    MARK_END,
    MARK_START,
    SNIPPET_WORDS,
    IndexDoc,
    Query,
    Term,
    fold_text,
    index_doc,
    marked_to_html,
)

T = TypeVar("T")

# Text columns that are sorted or compared by range use the "C" collation: the same order as
# SQLite's, whatever locale the server was created with.
MIGRATIONS = (
    Migration(
        version=1,
        summary="articles, stories, grouping state, search index, change counter",
        sql="""
CREATE TABLE articles (
    id TEXT COLLATE "C" PRIMARY KEY,
    seq BIGINT GENERATED ALWAYS AS IDENTITY,
    source TEXT NOT NULL,
    url TEXT,
    outlet TEXT,
    agency TEXT,
    title TEXT,
    lead TEXT,
    published TEXT COLLATE "C",
    published_method TEXT,
    published_reliable BOOLEAN NOT NULL DEFAULT false,
    language TEXT,
    teaser BOOLEAN NOT NULL DEFAULT false,
    text TEXT NOT NULL,
    doc TEXT NOT NULL,
    ingested_at TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_seq ON articles (seq);
CREATE TABLE article_sources (
    source TEXT COLLATE "C" NOT NULL,
    article_id TEXT COLLATE "C" NOT NULL REFERENCES articles (id),
    seen_at TEXT NOT NULL,
    PRIMARY KEY (source, article_id)
);
CREATE INDEX article_sources_article ON article_sources (article_id);
CREATE TABLE memberships (
    article_id TEXT COLLATE "C" PRIMARY KEY REFERENCES articles (id),
    story_id TEXT COLLATE "C" NOT NULL,
    origin_id TEXT NOT NULL,
    copy_of TEXT,
    score DOUBLE PRECISION NOT NULL,
    seq BIGINT NOT NULL UNIQUE,
    vector TEXT NOT NULL
);
CREATE INDEX memberships_story ON memberships (story_id);
CREATE TABLE stories (
    id TEXT COLLATE "C" PRIMARY KEY,
    storyline_id TEXT COLLATE "C" NOT NULL,
    label TEXT NOT NULL,
    key_terms TEXT NOT NULL,
    first TEXT COLLATE "C" NOT NULL,
    last TEXT COLLATE "C" NOT NULL,
    size INTEGER NOT NULL,
    origins INTEGER NOT NULL
);
CREATE INDEX stories_storyline ON stories (storyline_id);
CREATE TABLE storylines (
    id TEXT COLLATE "C" PRIMARY KEY,
    label TEXT NOT NULL,
    first TEXT COLLATE "C" NOT NULL,
    last TEXT COLLATE "C" NOT NULL,
    stories INTEGER NOT NULL
);
CREATE TABLE state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE changes (id INTEGER PRIMARY KEY CHECK (id = 1), version BIGINT NOT NULL);
INSERT INTO changes (id, version) VALUES (1, 1);
CREATE TABLE search_articles (
    article_id TEXT COLLATE "C" PRIMARY KEY,
    published TEXT COLLATE "C",
    outlet TEXT COLLATE "C",
    language TEXT COLLATE "C"
);
CREATE TABLE search_docs (
    article_id TEXT COLLATE "C" NOT NULL,
    quote_no INTEGER NOT NULL,
    kind TEXT NOT NULL,
    speaker TEXT,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    tsv TSVECTOR NOT NULL,
    PRIMARY KEY (article_id, quote_no)
);
CREATE INDEX search_docs_tsv ON search_docs USING GIN (tsv);
CREATE TABLE search_authors (
    article_id TEXT COLLATE "C" NOT NULL,
    author TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (article_id, author)
);
CREATE INDEX search_authors_author ON search_authors (author);
CREATE TABLE search_entities (
    article_id TEXT COLLATE "C" NOT NULL,
    name TEXT COLLATE "C" NOT NULL,
    label TEXT COLLATE "C" NOT NULL,
    entity TEXT,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, name, label)
);
CREATE INDEX search_entities_name ON search_entities (name);
CREATE INDEX search_entities_entity ON search_entities (entity) WHERE entity IS NOT NULL;
CREATE TABLE search_quotes (
    article_id TEXT COLLATE "C" NOT NULL,
    quote_no INTEGER NOT NULL,
    speaker TEXT,
    role TEXT,
    text TEXT NOT NULL,
    type TEXT,
    cue TEXT,
    published TEXT COLLATE "C",
    outlet TEXT,
    PRIMARY KEY (article_id, quote_no)
);
CREATE INDEX search_quotes_speaker ON search_quotes (speaker);
""",
    ),
    Migration(
        version=2,
        summary="feed monitoring: feeds, feed items, topics, matches, events, deliveries",
        sql=MONITOR_SCHEMA.format(key='TEXT COLLATE "C"'),
    ),
)
SCHEMA_VERSION = latest_version(MIGRATIONS)
#: Advisory lock keys (pressespiegel's namespace, then the lock): migrations and grouping.
LOCK_NAMESPACE = 0x70726573  # "pres"
MIGRATION_LOCK = 1
GROUPING_LOCK = 2
#: Seconds to wait for the server when connecting.
CONNECT_TIMEOUT = 10
#: How often a write is retried when the server reports a deadlock or serialization failure.
WRITE_RETRIES = 5
#: ts_headline options for article snippets: about SNIPPET_WORDS words either side of a match.
HEADLINE = (
    f"StartSel={MARK_START}, StopSel={MARK_END}, MaxWords={2 * SNIPPET_WORDS}, "
    f'MinWords={SNIPPET_WORDS}, ShortWord=2, MaxFragments=1, FragmentDelimiter=" … "'
)
#: ... and for quotations: the whole quotation, matches marked.
HEADLINE_ALL = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
#: Author names offered by the search form's filter.
FACET_AUTHORS = 200
#: Quotation number of the row that stands for the article itself in search_docs.
ARTICLE_ROW = -1


def masked(url: str) -> str:
    """``url`` with its password replaced by ``***`` (for messages and logs)."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    user = netloc[0].split(":", 1)[0]
    return urlunsplit(parts._replace(netloc=f"{user}:***@{netloc[1]}"))


def _problem(exc: BaseException) -> str:
    """The first line of a server or driver error."""
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


def migrate(db: psycopg.Connection[Any], location: str, *, target: int | None = None) -> int:
    """Apply the missing migration steps (up to ``target``) in one transaction, holding the
    migration advisory lock so concurrent first opens migrate once."""
    with db.transaction():
        db.execute("SELECT pg_advisory_xact_lock(%s, %s)", (LOCK_NAMESPACE, MIGRATION_LOCK))
        db.execute(
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY,"
            " summary TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())"
        )
        row = db.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
        current = int(row[0]) if row else 0
        for step in pending(location, current, MIGRATIONS):
            if target is not None and step.version > target:
                break
            db.execute(step.sql.encode())  # a script of several statements, no parameters
            db.execute(
                "INSERT INTO schema_migrations (version, summary) VALUES (%s, %s)",
                (step.version, step.summary),
            )
            current = step.version
    return current


class PostgresStore(MonitorTables):
    """:class:`pressespiegel.store.Store` on a PostgreSQL server."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.location = masked(url)
        try:
            self._db = psycopg.connect(
                url, autocommit=True, connect_timeout=CONNECT_TIMEOUT, application_name="pressespiegel"
            )
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: cannot connect ({_problem(exc)})") from None
        try:
            if self._schema_version() != SCHEMA_VERSION:
                migrate(self._db, self.location)
        except psycopg.Error as exc:
            self._db.close()
            raise StoreError(f"{self.location}: cannot set up the schema ({_problem(exc)})") from None
        except StoreError:
            self._db.close()
            raise

    def _schema_version(self) -> int:
        try:
            row = self._db.execute("SELECT coalesce(max(version), 0) FROM schema_migrations").fetchone()
        except psycopg.errors.UndefinedTable:
            return 0
        return int(row[0]) if row else 0

    # -- transactions ------------------------------------------------------------------------------
    def _write(self, what: str, body: Callable[[psycopg.Cursor[Any]], T], *, changes: bool = True) -> T:
        """Run ``body`` in one transaction (retried on deadlock or serialization failure)."""
        for attempt in range(WRITE_RETRIES):
            try:
                with self._db.transaction(), self._db.cursor() as cursor:
                    result = body(cursor)
                    if changes:
                        cursor.execute("UPDATE changes SET version = version + 1")
                return result
            except (psycopg.errors.DeadlockDetected, psycopg.errors.SerializationFailure) as exc:
                if attempt == WRITE_RETRIES - 1:
                    raise StoreError(
                        f"{self.location}: {what} failed, rolled back ({_problem(exc)})"
                    ) from None
            except psycopg.Error as exc:
                raise StoreError(f"{self.location}: {what} failed, rolled back ({_problem(exc)})") from None
        raise AssertionError("unreachable")

    _PLACEHOLDER = "%s"
    _SEQ = "seq"

    @contextmanager
    def _monitor_write(self, what: str) -> Iterator[psycopg.Cursor[Any]]:
        try:
            with self._db.transaction(), self._db.cursor() as cursor:
                yield cursor
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: {what} failed, rolled back ({_problem(exc)})") from None

    def _monitor_rows(self, query: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._rows(query, params)

    def _rows(self, query: str | sql.Composed, params: Sequence[Any] | Mapping[str, Any] = ()) -> list[Any]:
        try:
            return self._db.execute(query, params).fetchall()
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: read failed ({_problem(exc)})") from None

    def content_version(self) -> int:
        return int(self._rows("SELECT version FROM changes")[0][0])

    def close(self) -> None:
        with suppress(psycopg.Error):
            self._db.close()

    # -- articles ----------------------------------------------------------------------------------
    def add_articles(self, articles: Sequence[Article]) -> AddResult:
        if not articles:
            return AddResult(added=0, existing=0)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        unique = sorted({a.id: a for a in articles}.values(), key=lambda a: a.id)  # one lock order
        docs = [article_to_dict(a) for a in unique]
        columns: list[list[Any]] = [
            [a.id for a in unique],
            [a.source for a in unique],
            [a.url for a in unique],
            [a.outlet for a in unique],
            [a.agency for a in unique],
            [a.title for a in unique],
            [(a.lead or "")[:100] or None for a in unique],
            [d["published"] for d in docs],
            [d["published_method"] for d in docs],
            [bool(d["published_reliable"]) for d in docs],
            [a.language for a in unique],
            [a.teaser for a in unique],
            [a.text for a in unique],
            [json.dumps(d, ensure_ascii=False) for d in docs],
        ]
        sources = sorted({(a.source, a.id) for a in articles})

        def write(cursor: psycopg.Cursor[Any]) -> int:
            cursor.execute(
                "INSERT INTO articles (id, source, url, outlet, agency, title, lead, published,"
                " published_method, published_reliable, language, teaser, text, doc, ingested_at)"
                " SELECT *, %s FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::text[],"
                " %s::text[], %s::text[], %s::text[], %s::text[], %s::bool[], %s::text[], %s::bool[],"
                " %s::text[], %s::text[]) ON CONFLICT (id) DO NOTHING RETURNING id",
                [now, *columns],
            )
            added = len(cursor.fetchall())
            cursor.execute(
                "INSERT INTO article_sources (source, article_id, seen_at)"
                " SELECT s, a, %s FROM unnest(%s::text[], %s::text[]) AS u (s, a) ON CONFLICT DO NOTHING",
                [now, [s for s, _ in sources], [a for _, a in sources]],
            )
            if added:  # a batch of articles already stored leaves readers' caches valid
                cursor.execute("UPDATE changes SET version = version + 1")
            return added

        added = self._write("write", write, changes=False)
        return AddResult(added=added, existing=len(articles) - added)

    def get_article(self, article_id: str) -> Article | None:
        rows = self._rows("SELECT doc FROM articles WHERE id = %s", (article_id,))
        if not rows and len(article_id) >= MIN_PREFIX:
            rows = self._rows(
                "SELECT doc FROM articles WHERE id >= %s AND id < %s LIMIT 2",
                (article_id, article_id + PREFIX_END),
            )
            rows = rows if len(rows) == 1 else []
        return article_from_dict(json.loads(rows[0][0])) if rows else None

    def get_articles(self, article_ids: Sequence[str]) -> dict[str, Article]:
        rows = self._rows("SELECT doc FROM articles WHERE id = ANY(%s)", (list(dict.fromkeys(article_ids)),))
        articles = (article_from_dict(json.loads(doc)) for (doc,) in rows)
        return {a.id: a for a in articles}

    def iter_articles(self, *, offset: int = 0, limit: int | None = None) -> Iterator[Article]:
        # keyset pages instead of a server-side cursor: no transaction stays open between pages
        page, taken, skipped = 500, 0, 0
        after: tuple[bool, str, str] | None = None
        while limit is None or taken < limit:
            where = (
                ""
                if after is None
                else ("WHERE (published IS NULL, coalesce(published, ''), id) > (%s, %s, %s)")
            )
            rows = self._rows(
                f"SELECT published IS NULL, coalesce(published, ''), id, doc FROM articles {where}"
                " ORDER BY published IS NULL, coalesce(published, ''), id LIMIT %s",
                [*(after or ()), page],
            )
            if not rows:
                return
            for undated, published, article_id, doc in rows:
                after = (undated, published, article_id)
                if skipped < offset:
                    skipped += 1
                    continue
                if limit is not None and taken >= limit:
                    return
                taken += 1
                yield article_from_dict(json.loads(doc))

    def count_articles(self) -> int:
        return int(self._rows("SELECT count(*) FROM articles")[0][0])

    def sources_of(self, article_id: str) -> list[str]:
        rows = self._rows(
            "SELECT source FROM article_sources WHERE article_id = %s ORDER BY seen_at, source", (article_id,)
        )
        return [row[0] for row in rows]

    # -- grouping ----------------------------------------------------------------------------------
    @contextmanager
    def grouping_lock(self) -> Iterator[None]:
        try:
            self._db.execute("SELECT pg_advisory_lock(%s, %s)", (LOCK_NAMESPACE, GROUPING_LOCK))
        except psycopg.Error as exc:
            raise StoreError(f"{self.location}: cannot take the grouping lock ({_problem(exc)})") from None
        try:
            yield
        finally:
            with suppress(psycopg.Error):  # a dead connection has released it already
                self._db.execute("SELECT pg_advisory_unlock(%s, %s)", (LOCK_NAMESPACE, GROUPING_LOCK))

    def grouping_state(self) -> Mapping[str, Any] | None:
        rows = self._rows("SELECT value FROM state WHERE key = 'grouping'")
        return json.loads(rows[0][0]) if rows else None

    def pending_grouping(self) -> list[PendingArticle]:
        rows = self._rows(
            "SELECT a.id, a.published, a.ingested_at FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM memberships m WHERE m.article_id = a.id) ORDER BY a.seq"
        )
        return [PendingArticle(id=i, published=p, ingested_at=t) for i, p, t in rows]

    def grouped_order(self) -> list[PendingArticle]:
        rows = self._rows(
            "SELECT a.id, a.published, a.ingested_at FROM memberships m"
            " JOIN articles a ON a.id = m.article_id ORDER BY m.seq"
        )
        return [PendingArticle(id=i, published=p, ingested_at=t) for i, p, t in rows]

    def save_grouping(self, update: GroupingUpdate) -> None:
        rows = grouping_rows(update)  # serialized before the transaction starts

        def write(cursor: psycopg.Cursor[Any]) -> None:
            if update.reset:
                cursor.execute("DELETE FROM memberships")
                cursor.execute("DELETE FROM stories")
                cursor.execute("DELETE FROM storylines")
            else:
                cursor.execute("SELECT coalesce(max(seq), 0) FROM memberships")
                row = cursor.fetchone()
                last = int(row[0]) if row else 0
                if last != update.base_seq:
                    raise StoreError(
                        f"{self.location}: stories were regrouped by another process meanwhile "
                        f"(at {last}, expected {update.base_seq}); nothing written, run again"
                    )
            with cursor.copy(
                "COPY memberships (article_id, story_id, origin_id, copy_of, score, seq, vector) FROM STDIN"
            ) as copy:
                for membership in rows.memberships:
                    copy.write_row(membership)
            if rows.stories:
                cursor.execute(
                    "INSERT INTO stories (id, storyline_id, label, key_terms, first, last, size, origins)"
                    " SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::text[],"
                    " %s::text[], %s::int[], %s::int[]) ON CONFLICT (id) DO UPDATE SET"
                    " storyline_id = excluded.storyline_id, label = excluded.label,"
                    " key_terms = excluded.key_terms, first = excluded.first, last = excluded.last,"
                    " size = excluded.size, origins = excluded.origins",
                    [list(column) for column in zip(*rows.stories, strict=True)],
                )
            if update.dropped_storylines:
                cursor.execute(
                    "DELETE FROM storylines WHERE id = ANY(%s)", (list(update.dropped_storylines),)
                )
            if rows.storylines:
                cursor.execute(
                    "INSERT INTO storylines (id, label, first, last, stories)"
                    " SELECT * FROM unnest(%s::text[], %s::text[], %s::text[], %s::text[], %s::int[])"
                    " ON CONFLICT (id) DO UPDATE SET label = excluded.label, first = excluded.first,"
                    " last = excluded.last, stories = excluded.stories",
                    [list(column) for column in zip(*rows.storylines, strict=True)],
                )
            cursor.execute(
                "INSERT INTO state (key, value) VALUES ('grouping', %s)"
                " ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (rows.state,),
            )

        self._write("saving stories", write)

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
        rows = self._rows(
            f"SELECT {self._STORY_COLUMNS} FROM stories"
            " WHERE %(line)s::text IS NULL OR storyline_id = %(line)s"
            " ORDER BY origins DESC, last DESC, id",
            {"line": storyline},
        )
        return [self._story(row) for row in rows]

    def get_story(self, story_id: str) -> StoryRecord | None:
        rows = self._rows(f"SELECT {self._STORY_COLUMNS} FROM stories WHERE id = %s", (story_id,))
        return self._story(rows[0]) if rows else None

    def story_members(self, story_id: str) -> list[MemberRecord]:
        rows = self._rows(
            "SELECT m.article_id, m.origin_id, m.copy_of, m.score, m.vector, coalesce(a.title, a.lead),"
            " a.outlet, a.published, a.agency FROM memberships m JOIN articles a ON a.id = m.article_id"
            " WHERE m.story_id = %s ORDER BY a.published IS NULL, a.published, m.seq",
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
        return {a: s for a, s in self._rows("SELECT article_id, story_id FROM memberships")}

    def list_storylines(self) -> list[StorylineRecord]:
        rows = self._rows(
            "SELECT id, label, first, last, stories FROM storylines ORDER BY stories DESC, last DESC, id"
        )
        return [StorylineRecord(id=i, label=lb, first=f, last=la, stories=n) for i, lb, f, la, n in rows]

    # -- search ------------------------------------------------------------------------------------
    def index_pending(self, limit: int = 200) -> int:
        rows = self._rows(
            "SELECT doc FROM articles a WHERE NOT EXISTS"
            " (SELECT 1 FROM search_articles s WHERE s.article_id = a.id) ORDER BY a.seq LIMIT %s",
            (limit,),
        )
        docs = sorted(
            (index_doc(article_from_dict(json.loads(d))) for (d,) in rows), key=lambda d: d.article_id
        )
        if not docs:
            return 0

        def write(cursor: psycopg.Cursor[Any]) -> None:
            for doc in docs:
                cursor.execute(
                    "INSERT INTO search_articles (article_id, published, outlet, language)"
                    " VALUES (%s, %s, %s, %s) ON CONFLICT DO NOTHING RETURNING article_id",
                    (doc.article_id, doc.published, doc.outlet, doc.language),
                )
                if cursor.fetchone() is not None:  # not indexed by another process meanwhile
                    self._index(cursor, doc)

        self._write("indexing", write)
        return len(docs)

    @staticmethod
    def _index(cursor: psycopg.Cursor[Any], doc: IndexDoc) -> None:
        rows = [
            (
                doc.article_id,
                ARTICLE_ROW,
                "article",
                "\n".join(doc.speakers) or None,
                doc.title,
                doc.body,
                fold_text(doc.title),
                fold_text(doc.body),
                doc.lemmas,
            )
        ]
        rows += [
            (doc.article_id, q.number, "quote", q.speaker, doc.title, q.text, "", fold_text(q.text), lemmas)
            for q, lemmas in zip(doc.quotes, doc.quote_lemmas, strict=True)
        ]
        cursor.executemany(
            "INSERT INTO search_docs (article_id, quote_no, kind, speaker, title, body, tsv)"
            " VALUES (%s, %s, %s, %s, %s, %s, setweight(to_tsvector('german', %s), 'A')"
            " || setweight(to_tsvector('german', %s), 'B') || setweight(to_tsvector('simple', %s), 'D'))",
            rows,
        )
        cursor.executemany(
            "INSERT INTO search_quotes (article_id, quote_no, speaker, role, text, type, cue, published,"
            " outlet)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s)",
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
        cursor.executemany(
            "INSERT INTO search_entities (article_id, name, label, entity, mentions)"
            " VALUES (%s, %s, %s, %s, %s)",
            [(doc.article_id, e.name, e.label, e.entity, e.mentions) for e in doc.entities],
        )
        cursor.executemany(
            "INSERT INTO search_authors (article_id, author) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            [(doc.article_id, author) for author in doc.authors],
        )

    def search(
        self, query: Query, filters: Filters | None = None, *, limit: int = 50, offset: int = 0
    ) -> tuple[list[Hit], int]:
        filters = filters or Filters()
        match = tsquery(query)
        if match is None:
            return [], 0
        marks = tsquery(query, highlight=True)
        assert marks is not None  # there is a positive term, since there is a match
        where: list[sql.Composable] = [sql.SQL("d.tsv @@ q.match")]
        params: dict[str, Any] = {}
        if filters.since:
            where.append(sql.SQL("a.published >= %(since)s"))
            params["since"] = filters.since[:10]
        if filters.until:
            where.append(sql.SQL("substr(a.published, 1, 10) <= %(until)s"))
            params["until"] = filters.until[:10]
        if filters.outlet:
            where.append(sql.SQL("a.outlet = %(outlet)s"))
            params["outlet"] = filters.outlet
        if filters.language:
            where.append(sql.SQL("a.language = %(language)s"))
            params["language"] = filters.language
        if filters.speaker:
            where.append(sql.SQL("strpos(lower(coalesce(d.speaker, '')), lower(%(speaker)s)) > 0"))
            params["speaker"] = filters.speaker
        if filters.author:
            where.append(
                sql.SQL(
                    "EXISTS (SELECT 1 FROM search_authors au WHERE au.article_id = d.article_id"
                    " AND strpos(lower(au.author), lower(%(author)s)) > 0)"
                )
            )
            params["author"] = filters.author
        base = sql.SQL(
            "FROM search_docs d JOIN search_articles a ON a.article_id = d.article_id,"
            " (SELECT {match} AS match, {marks} AS marks) q WHERE {where}"
        ).format(match=match.query, marks=marks.query, where=sql.SQL(" AND ").join(where))
        params.update(match.params)
        params.update(marks.params)
        total = int(self._rows(sql.SQL("SELECT count(*) {base}").format(base=base), params)[0][0])
        rows = self._rows(
            sql.SQL(
                "SELECT d.kind, d.article_id, d.speaker, d.title, a.published, a.outlet, a.language,"
                " ts_headline('german', translate(d.body, %(from_chars)s, %(to_chars)s), q.marks,"
                " CASE WHEN d.kind = 'article' THEN %(headline)s ELSE %(headline_all)s END),"
                " (SELECT string_agg(author, E'\\n' ORDER BY author) FROM search_authors au"
                " WHERE au.article_id = d.article_id),"
                " ts_rank_cd(d.tsv, q.match) AS rank {base}"
                " ORDER BY rank DESC, d.article_id, d.quote_no LIMIT %(limit)s OFFSET %(offset)s"
            ).format(base=base),
            {
                **params,
                "from_chars": "<>" + MARK_START + MARK_END,
                "to_chars": ANGLE_OPEN + ANGLE_CLOSE,
                "headline": HEADLINE,
                "headline_all": HEADLINE_ALL,
                "limit": limit,
                "offset": offset,
            },
        )
        hits = [
            Hit(
                kind=kind,
                article_id=article_id,
                title=title or "",
                speaker=speaker or None,
                snippet=marked_to_html(snippet),
                published=published,
                outlet=outlet,
                language=language,
                score=float(rank),
                authors=tuple(authors.split("\n")) if authors else (),
            )
            for kind, article_id, speaker, title, published, outlet, language, snippet, authors, rank in rows
        ]
        return hits, total

    def facets(self) -> Facets:
        def distinct(column: str) -> tuple[str, ...]:
            query = sql.SQL("SELECT DISTINCT {0} FROM search_articles WHERE {0} IS NOT NULL ORDER BY {0}")
            return tuple(r[0] for r in self._rows(query.format(sql.Identifier(column))))

        authors = self._rows(
            "SELECT author FROM search_authors GROUP BY author ORDER BY count(*) DESC, author LIMIT %s",
            (FACET_AUTHORS,),
        )
        return Facets(
            outlets=distinct("outlet"), languages=distinct("language"), authors=tuple(r[0] for r in authors)
        )

    def entities(self, *, label: str | None = None, limit: int = 200) -> list[EntityCount]:
        rows = self._rows(
            "SELECT name, label, count(*) AS articles, sum(mentions), max(entity) FROM search_entities"
            " WHERE %(label)s::text IS NULL OR label = %(label)s GROUP BY name, label"
            " ORDER BY articles DESC, name LIMIT %(limit)s",
            {"label": label, "limit": limit},
        )
        return [
            EntityCount(name=n, label=lb, articles=a, mentions=int(m), entity=e) for n, lb, a, m, e in rows
        ]

    def entity_articles(self, name: str) -> list[tuple[str, str]]:
        rows = self._rows(
            "SELECT DISTINCT article_id, label FROM search_entities WHERE name = %s"
            " ORDER BY article_id, label",
            (name,),
        )
        return [(r[0], r[1]) for r in rows]

    def co_mentions(self, article_ids: Sequence[str], name: str, *, limit: int = 20) -> list[EntityCount]:
        if not article_ids:
            return []
        rows = self._rows(
            "SELECT name, label, count(DISTINCT article_id) AS n, sum(mentions), max(entity)"
            " FROM search_entities WHERE article_id = ANY(%s) AND name != %s GROUP BY name, label"
            " ORDER BY n DESC, name LIMIT %s",
            (list(dict.fromkeys(article_ids)), name, limit),
        )
        return [
            EntityCount(name=n, label=lb, articles=c, mentions=int(m), entity=e) for n, lb, c, m, e in rows
        ]

    def quotes(self, *, speaker: str | None = None, limit: int = 500) -> list[QuoteRecord]:
        rows = self._rows(
            "SELECT article_id, quote_no, speaker, role, text, type, cue, published, outlet"
            " FROM search_quotes WHERE speaker IS NOT NULL"
            " AND (%(s)s::text IS NULL OR strpos(lower(speaker), lower(%(s)s)) > 0"
            " OR (length(speaker) >= 4 AND strpos(lower(%(s)s), lower(speaker)) > 0))"
            " ORDER BY published IS NULL, published, article_id, quote_no LIMIT %(limit)s",
            {"s": speaker, "limit": limit},
        )
        return [
            QuoteRecord(article=a, number=n, speaker=s, role=r, text=t, type=ty, cue=c, published=p, outlet=o)
            for a, n, s, r, t, ty, c, p, o in rows
        ]


class _TsQuery:
    """A tsquery expression as composable SQL with its parameters."""

    def __init__(self, query: sql.Composable, params: dict[str, Any]) -> None:
        self.query = query
        self.params = params


def tsquery(query: Query, *, highlight: bool = False) -> _TsQuery | None:
    """The tsquery matching ``query`` (same syntax as the FTS5 expression on SQLite).

    A word matches as a stemmed prefix in the ``german`` configuration or as its lemma in the
    ``simple`` one; a phrase with ``phraseto_tsquery``; exclusions with ``!!``. With
    ``highlight``, only what ts_headline should mark: the positive words and phrases, stemmed.
    Every word reaches the server as a parameter, so no user syntax gets through.
    """
    params: dict[str, Any] = {}

    def part(term: Term, n: int) -> sql.Composable:
        key = f"t{n}_{int(highlight)}"
        if term.phrase:
            params[key] = " ".join(term.words)
            return sql.SQL("phraseto_tsquery('german', {})").format(sql.Placeholder(key))
        params[key] = f"'{term.words[0]}':*"  # a word is \w+: no quote or operator inside
        stem = sql.SQL("to_tsquery('german', {})").format(sql.Placeholder(key))
        if highlight:
            return stem
        params[key + "l"] = f"'{term.lemmas[0]}'"
        return sql.SQL("({} || to_tsquery('simple', {}))").format(stem, sql.Placeholder(key + "l"))

    positive = [part(t, n) for n, t in enumerate(query.terms) if not t.negated]
    if not positive:
        return None
    expression = sql.SQL(" || " if highlight else " && ").join(positive)
    if not highlight:
        negative = [sql.SQL("!!{}").format(part(t, n)) for n, t in enumerate(query.terms) if t.negated]
        expression = sql.SQL(" && ").join([sql.SQL("({})").format(expression), *negative])
    return _TsQuery(sql.SQL("({})").format(expression), params)


__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "PostgresStore", "masked", "migrate", "tsquery"]
