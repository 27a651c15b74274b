"""The feed monitor's tables (:class:`pressespiegel.store.monitoring.MonitorStore`), once for
both backends.

A mixin of each store class: the same connection and database as the articles, so a poll's
articles, seen items and feed state can never drift apart in two databases. The SQL is the
subset SQLite and PostgreSQL share (``ON CONFLICT`` upserts, ``coalesce``, ``substr``); a backend
supplies a transaction, a read, its placeholder and its column of ingest order
(:class:`MonitorTables`). The tables are migration step 3 on SQLite and step 2 on PostgreSQL
(:data:`MONITOR_SCHEMA`, with :data:`TEXT_KEY` for the backend's sortable text type).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from contextlib import AbstractContextManager
from typing import Any

from pressespiegel.records import Article
from pressespiegel.store.codec import article_from_dict
from pressespiegel.store.monitoring import (
    Channel,
    Delivery,
    EventKind,
    FeedItem,
    FeedState,
    Topic,
    TopicEvent,
)

MONITOR_SCHEMA = """
-- {key} is the backend's text type that sorts bytewise (TEXT on SQLite, TEXT COLLATE "C" on
-- PostgreSQL), for columns compared by range or order.
CREATE TABLE IF NOT EXISTS feeds (
    url {key} PRIMARY KEY,
    fetch_url TEXT NOT NULL,
    title TEXT,
    active INTEGER NOT NULL DEFAULT 1,
    etag TEXT,
    last_modified TEXT,
    added TEXT NOT NULL,
    last_polled TEXT,
    last_success TEXT,
    last_new TEXT,
    last_status INTEGER,
    last_error TEXT,
    errors INTEGER NOT NULL DEFAULT 0,
    next_poll {key},
    articles INTEGER NOT NULL DEFAULT 0,
    body_hash TEXT
);
CREATE TABLE IF NOT EXISTS feed_items (
    feed {key} NOT NULL,
    key {key} NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    link TEXT,
    entry TEXT NOT NULL,
    first_seen {key} NOT NULL,
    error TEXT,
    PRIMARY KEY (feed, key)
);
CREATE INDEX IF NOT EXISTS feed_items_pending ON feed_items (feed) WHERE state = 'pending';
CREATE INDEX IF NOT EXISTS feed_items_seen ON feed_items (first_seen);
CREATE TABLE IF NOT EXISTS topics (
    name {key} PRIMARY KEY,
    query TEXT NOT NULL,
    created {key} NOT NULL,
    email TEXT NOT NULL DEFAULT '[]',
    digest_at TEXT,
    webhook TEXT,
    alert_origins INTEGER,
    cursor INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS topic_matches (
    topic {key} NOT NULL REFERENCES topics (name) ON DELETE CASCADE,
    article_id {key} NOT NULL REFERENCES articles (id),
    matched_at {key} NOT NULL,
    PRIMARY KEY (topic, article_id)
);
CREATE TABLE IF NOT EXISTS topic_events (
    key {key} PRIMARY KEY,
    topic {key} NOT NULL REFERENCES topics (name) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    created {key} NOT NULL,
    title TEXT NOT NULL,
    story TEXT,
    payload TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS topic_events_topic ON topic_events (topic, created);
CREATE TABLE IF NOT EXISTS deliveries (
    event {key} NOT NULL REFERENCES topic_events (key) ON DELETE CASCADE,
    channel {key} NOT NULL,
    state TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 0,
    sent TEXT,
    error TEXT,
    not_before {key},
    PRIMARY KEY (event, channel)
);
"""

_FEED_COLUMNS = (
    "url, fetch_url, title, active, etag, last_modified, added, last_polled, last_success, last_new,"
    " last_status, last_error, errors, next_poll, articles, body_hash"
)
_TOPIC_COLUMNS = "name, query, created, email, digest_at, webhook, alert_origins, cursor"
_EVENT_COLUMNS = "key, topic, kind, created, title, story, payload"
_ITEM_COLUMNS = "feed, key, state, attempts, link, entry, first_seen, error"


def _feed(row: Sequence[Any]) -> FeedState:
    return FeedState(
        url=row[0],
        fetch_url=row[1],
        title=row[2],
        active=bool(row[3]),
        etag=row[4],
        last_modified=row[5],
        added=row[6],
        last_polled=row[7],
        last_success=row[8],
        last_new=row[9],
        last_status=row[10],
        last_error=row[11],
        errors=row[12],
        next_poll=row[13],
        articles=row[14],
        body_hash=row[15],
    )


def _item(row: Sequence[Any]) -> FeedItem:
    return FeedItem(
        feed=row[0],
        key=row[1],
        state=row[2],
        attempts=row[3],
        link=row[4],
        entry=json.loads(row[5]),
        first_seen=row[6],
        error=row[7],
    )


def _topic(row: Sequence[Any]) -> Topic:
    return Topic(
        name=row[0],
        query=row[1],
        created=row[2],
        email=tuple(json.loads(row[3])),
        digest_at=row[4],
        webhook=row[5],
        alert_origins=row[6],
        cursor=row[7],
    )


def _event(row: Sequence[Any]) -> TopicEvent:
    return TopicEvent(
        key=row[0],
        topic=row[1],
        kind=row[2],
        created=row[3],
        title=row[4],
        story=row[5],
        payload=json.loads(row[6]),
    )


def _delivery(row: Sequence[Any]) -> Delivery:
    return Delivery(
        event=row[0],
        channel=row[1],
        state=row[2],
        attempts=row[3],
        sent=row[4],
        error=row[5],
        not_before=row[6],
    )


class MonitorTables:
    """The monitoring methods of a store, over the backend's hooks below.

    Queries are written with ``?`` placeholders; :meth:`_sql` turns them into the driver's.
    """

    #: The driver's placeholder ("?" for sqlite3, "%s" for psycopg).
    _PLACEHOLDER = "?"
    #: The articles column that counts up in ingest order (SQLite's rowid, PostgreSQL's seq).
    _SEQ = "rowid"

    def _monitor_write(self, what: str) -> AbstractContextManager[Any]:
        """A write transaction; errors become one-line StoreErrors naming the store."""
        raise NotImplementedError

    def _monitor_rows(self, query: str, params: Sequence[Any] = ()) -> list[Any]:
        """All rows of a read."""
        raise NotImplementedError

    def _sql(self, query: str) -> str:
        return query if self._PLACEHOLDER == "?" else query.replace("?", self._PLACEHOLDER)

    def _read(self, query: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._monitor_rows(self._sql(query), params)

    def _run(self, cursor: Any, query: str, params: Sequence[Any] = ()) -> Any:
        return cursor.execute(self._sql(query), params)

    def _run_many(self, cursor: Any, query: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            cursor.executemany(self._sql(query), rows)

    # -- feeds ------------------------------------------------------------------------------------
    def sync_feeds(self, feeds: Sequence[tuple[str, str | None]], *, now: str) -> None:
        with self._monitor_write("saving the feed list") as db:
            self._run(db, "UPDATE feeds SET active = 0")
            self._run_many(
                db,
                "INSERT INTO feeds (url, fetch_url, title, active, added) VALUES (?, ?, ?, 1, ?)"
                " ON CONFLICT (url) DO UPDATE SET active = 1, title = coalesce(excluded.title, feeds.title)",
                [(url, url, title, now) for url, title in feeds],
            )

    def list_feeds(self) -> list[FeedState]:
        rows = self._read(f"SELECT {_FEED_COLUMNS} FROM feeds ORDER BY active DESC, url")
        return [_feed(row) for row in rows]

    def get_feed(self, url: str) -> FeedState | None:
        rows = self._read(f"SELECT {_FEED_COLUMNS} FROM feeds WHERE url = ?", (url,))
        return _feed(rows[0]) if rows else None

    def seen_items(self, feed: str, keys: Iterable[str]) -> dict[str, FeedItem]:
        wanted = list(dict.fromkeys(keys))
        found: dict[str, FeedItem] = {}
        for start in range(0, len(wanted), 500):  # stay under SQLite's bound-parameter limit
            chunk = wanted[start : start + 500]
            rows = self._read(
                f"SELECT {_ITEM_COLUMNS} FROM feed_items"
                f" WHERE feed = ? AND key IN ({','.join('?' * len(chunk))})",
                (feed, *chunk),
            )
            found.update((row[1], _item(row)) for row in rows)
        return found

    def pending_items(self, feed: str) -> list[FeedItem]:
        rows = self._read(
            f"SELECT {_ITEM_COLUMNS} FROM feed_items WHERE feed = ? AND state = 'pending'"
            " ORDER BY first_seen, key",
            (feed,),
        )
        return [_item(row) for row in rows]

    def record_poll(self, state: FeedState, items: Sequence[FeedItem]) -> None:
        s = state
        updates = ", ".join(f"{c.strip()} = excluded.{c.strip()}" for c in _FEED_COLUMNS.split(",")[1:])
        with self._monitor_write("saving a poll") as db:
            self._run(
                db,
                f"INSERT INTO feeds ({_FEED_COLUMNS}) VALUES ({','.join('?' * 16)})"
                f" ON CONFLICT (url) DO UPDATE SET {updates}",
                (
                    s.url,
                    s.fetch_url,
                    s.title,
                    int(s.active),
                    s.etag,
                    s.last_modified,
                    s.added or s.last_polled,
                    s.last_polled,
                    s.last_success,
                    s.last_new,
                    s.last_status,
                    s.last_error,
                    s.errors,
                    s.next_poll,
                    s.articles,
                    s.body_hash,
                ),
            )
            self._run_many(
                db,
                f"INSERT INTO feed_items ({_ITEM_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (feed, key) DO UPDATE"
                " SET state = excluded.state, attempts = excluded.attempts, error = excluded.error,"
                " entry = excluded.entry",
                [
                    (
                        i.feed,
                        i.key,
                        i.state,
                        i.attempts,
                        i.link,
                        json.dumps(i.entry, ensure_ascii=False),
                        i.first_seen,
                        i.error,
                    )
                    for i in items
                ],
            )

    def feed_volume(self, since: str) -> dict[str, dict[str, int]]:
        rows = self._read(
            "SELECT feed, substr(first_seen, 1, 10) AS day, count(*) FROM feed_items"
            " WHERE state = 'stored' AND first_seen >= ? GROUP BY feed, day ORDER BY feed, day",
            (since,),
        )
        volume: dict[str, dict[str, int]] = {}
        for feed, day, n in rows:
            volume.setdefault(feed, {})[day] = int(n)
        return volume

    def prune_items(self, before: str) -> int:
        with self._monitor_write("pruning old feed items") as db:
            cursor = self._run(
                db, "DELETE FROM feed_items WHERE state != 'pending' AND first_seen < ?", (before,)
            )
            return int(cursor.rowcount)

    # -- articles in ingest order -------------------------------------------------------------------
    def articles_after(self, seq: int, limit: int) -> list[tuple[int, Article]]:
        rows = self._read(
            f"SELECT {self._SEQ}, doc FROM articles WHERE {self._SEQ} > ? ORDER BY {self._SEQ} LIMIT ?",
            (seq, limit),
        )
        return [(int(n), article_from_dict(json.loads(doc))) for n, doc in rows]

    # -- topics -------------------------------------------------------------------------------------
    def save_topic(self, topic: Topic) -> None:
        t = topic
        with self._monitor_write("saving a topic") as db:
            self._run(
                db,
                f"INSERT INTO topics ({_TOPIC_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (name) DO"
                " UPDATE SET query = excluded.query, email = excluded.email, digest_at = excluded.digest_at,"
                " webhook = excluded.webhook, alert_origins = excluded.alert_origins,"
                " cursor = excluded.cursor",
                (
                    t.name,
                    t.query,
                    t.created,
                    json.dumps(list(t.email)),
                    t.digest_at,
                    t.webhook,
                    t.alert_origins,
                    t.cursor,
                ),
            )
            if t.cursor == 0:  # a new or changed query is matched again from the first article
                self._run(db, "DELETE FROM topic_matches WHERE topic = ?", (t.name,))

    def get_topic(self, name: str) -> Topic | None:
        rows = self._read(f"SELECT {_TOPIC_COLUMNS} FROM topics WHERE name = ?", (name,))
        return _topic(rows[0]) if rows else None

    def list_topics(self) -> list[Topic]:
        return [_topic(row) for row in self._read(f"SELECT {_TOPIC_COLUMNS} FROM topics ORDER BY name")]

    def remove_topic(self, name: str) -> bool:
        with self._monitor_write("removing a topic") as db:
            self._run(
                db,
                "DELETE FROM deliveries WHERE event IN (SELECT key FROM topic_events WHERE topic = ?)",
                (name,),
            )
            self._run(db, "DELETE FROM topic_events WHERE topic = ?", (name,))
            self._run(db, "DELETE FROM topic_matches WHERE topic = ?", (name,))
            cursor = self._run(db, "DELETE FROM topics WHERE name = ?", (name,))
            return int(cursor.rowcount) > 0

    def add_topic_matches(self, name: str, article_ids: Sequence[str], cursor: int, *, now: str) -> None:
        with self._monitor_write("saving topic matches") as db:
            self._run_many(
                db,
                "INSERT INTO topic_matches (topic, article_id, matched_at) VALUES (?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                [(name, a, now) for a in article_ids],
            )
            self._run(
                db,
                "UPDATE topics SET cursor = CASE WHEN cursor > ? THEN cursor ELSE ? END WHERE name = ?",
                (cursor, cursor, name),
            )

    def topic_articles(self, name: str, *, limit: int = 50, offset: int = 0) -> list[tuple[str, str]]:
        rows = self._read(
            "SELECT m.article_id, m.matched_at FROM topic_matches m JOIN articles a ON a.id = m.article_id"
            " WHERE m.topic = ?"
            f" ORDER BY coalesce(a.published, substr(m.matched_at, 1, 10)) DESC, a.{self._SEQ} DESC"
            " LIMIT ? OFFSET ?",
            (name, limit, offset),
        )
        return [(row[0], row[1]) for row in rows]

    def count_topic_articles(self, name: str) -> int:
        rows = self._read("SELECT count(*) FROM topic_matches WHERE topic = ?", (name,))
        return int(rows[0][0])

    def topic_volume(self, name: str) -> dict[str, int]:
        rows = self._read(
            "SELECT substr(coalesce(a.published, m.matched_at), 1, 10) AS day, count(*) FROM topic_matches m"
            " JOIN articles a ON a.id = m.article_id WHERE m.topic = ? GROUP BY day ORDER BY day",
            (name,),
        )
        return {day: int(n) for day, n in rows}

    def topic_stories(self, name: str) -> dict[str, tuple[int, str]]:
        rows = self._read(
            "SELECT s.story_id, count(*), max(m.matched_at) FROM topic_matches m"
            " JOIN memberships s ON s.article_id = m.article_id WHERE m.topic = ? GROUP BY s.story_id",
            (name,),
        )
        return {story: (int(n), latest) for story, n, latest in rows}

    # -- events and deliveries ----------------------------------------------------------------------
    def add_event(self, event: TopicEvent, channels: Sequence[Channel]) -> bool:
        e = event
        with self._monitor_write("saving an event") as db:
            cursor = self._run(
                db,
                f"INSERT INTO topic_events ({_EVENT_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT DO NOTHING",
                (
                    e.key,
                    e.topic,
                    e.kind,
                    e.created,
                    e.title,
                    e.story,
                    json.dumps(e.payload, ensure_ascii=False),
                ),
            )
            if not cursor.rowcount:
                return False
            self._run_many(
                db,
                "INSERT INTO deliveries (event, channel, state) VALUES (?, ?, 'pending')",
                [(e.key, channel) for channel in dict.fromkeys(channels)],
            )
        return True

    def list_events(self, topic: str, *, kind: EventKind | None = None, limit: int = 50) -> list[TopicEvent]:
        where, params = ("topic = ?", (topic,)) if kind is None else ("topic = ? AND kind = ?", (topic, kind))
        rows = self._read(
            f"SELECT {_EVENT_COLUMNS} FROM topic_events WHERE {where}"
            " ORDER BY created DESC, key DESC LIMIT ?",
            (*params, limit),
        )
        return [_event(row) for row in rows]

    def due_deliveries(self, *, now: str) -> list[tuple[TopicEvent, Delivery]]:
        rows = self._read(
            "SELECT e.key, e.topic, e.kind, e.created, e.title, e.story, e.payload,"
            " d.event, d.channel, d.state, d.attempts, d.sent, d.error, d.not_before"
            " FROM deliveries d JOIN topic_events e ON e.key = d.event"
            " WHERE d.state = 'pending' AND (d.not_before IS NULL OR d.not_before <= ?)"
            " ORDER BY e.created, e.key, d.channel",
            (now,),
        )
        return [(_event(row[:7]), _delivery(row[7:])) for row in rows]

    def finish_delivery(
        self, event: str, channel: Channel, *, error: str | None, now: str, retry_at: str | None = None
    ) -> None:
        state = "sent" if error is None else ("pending" if retry_at else "failed")
        with self._monitor_write("saving a delivery") as db:
            self._run(
                db,
                "UPDATE deliveries SET state = ?, attempts = attempts + 1, sent = ?, error = ?,"
                " not_before = ? WHERE event = ? AND channel = ?",
                (state, now if error is None else None, error, retry_at, event, channel),
            )

    def list_deliveries(self, event: str) -> list[Delivery]:
        rows = self._read(
            "SELECT event, channel, state, attempts, sent, error, not_before FROM deliveries WHERE event = ?"
            " ORDER BY channel",
            (event,),
        )
        return [_delivery(row) for row in rows]
