"""The monitoring tables: migration from schema 2, events created once, deliveries marked once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import seed_text
from pressespiegel.ingest import ingest
from pressespiegel.store import open_store
from pressespiegel.store.monitoring import FeedItem, FeedState, Topic, TopicEvent
from pressespiegel.store.sqlite import SCHEMA_VERSION

MONITOR_TABLES = {"feeds", "feed_items", "topics", "topic_matches", "topic_events", "deliveries"}


def _tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as con:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_schema_2_database_gains_the_monitoring_tables(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    src = tmp_path / "a.txt"
    src.write_text(seed_text(1))
    store = open_store(db)
    ingest([str(src)], store, analyze=False)
    store.close()
    with sqlite3.connect(db) as con:  # what a database written before the monitor looks like
        for table in MONITOR_TABLES:
            con.execute(f"DROP TABLE {table}")
        con.execute("PRAGMA user_version = 2")
    assert not MONITOR_TABLES & _tables(db)
    store = open_store(db)
    assert (
        store.count_articles() == 1 and store.articles_after(0, 10)[0][1].id == next(store.iter_articles()).id
    )
    store.close()
    assert _tables(db) >= MONITOR_TABLES
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 3


def test_events_once_and_deliveries_marked(tmp_path: Path) -> None:
    store = open_store(tmp_path / "e.db")
    store.save_topic(
        Topic(name="t", query="Kim", created="2024-01-01T00:00:00+00:00", email=("a@b.example",))
    )
    event = TopicEvent(
        key="alert:t:s1",
        topic="t",
        kind="alert",
        created="2024-01-02T00:00:00+00:00",
        title="A",
        story="s1",
        payload={"origins": 3},
    )
    assert store.add_event(event, ["mail", "webhook"]) is True
    assert store.add_event(event, ["mail", "webhook"]) is False  # a restart plans it again: nothing new
    now = "2024-01-02T00:00:01+00:00"
    assert [d.channel for _, d in store.due_deliveries(now=now)] == ["mail", "webhook"]
    store.finish_delivery("alert:t:s1", "mail", error=None, now=now)
    store.finish_delivery(
        "alert:t:s1", "webhook", error="HTTP 503", now=now, retry_at="2024-01-02T00:05:00+00:00"
    )
    assert store.due_deliveries(now=now) == []  # mail sent; webhook waits for its retry time
    ((_, retry),) = store.due_deliveries(now="2024-01-02T00:05:00+00:00")
    assert retry.channel == "webhook" and retry.attempts == 1 and retry.error == "HTTP 503"
    store.finish_delivery("alert:t:s1", "webhook", error="HTTP 400", now=now)  # no retry: failed for good
    states = {d.channel: d.state for d in store.list_deliveries("alert:t:s1")}
    assert states == {"mail": "sent", "webhook": "failed"}
    assert store.due_deliveries(now="2099-01-01T00:00:00+00:00") == []
    store.record_poll(
        FeedState(url="http://f.example/rss", fetch_url="http://f.example/rss", added=now),
        [FeedItem(feed="http://f.example/rss", key="k", state="pending", link="http://f.example/1",
                  entry={"title": "T"}, first_seen=now)],
    )  # fmt: skip
    assert [i.key for i in store.pending_items("http://f.example/rss")] == ["k"]
    assert set(store.seen_items("http://f.example/rss", ["k", "other"])) == {"k"}
    assert store.remove_topic("t") and store.list_events("t") == [] and not store.remove_topic("t")
    store.close()
