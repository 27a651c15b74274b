"""The monitoring tables: migration from schema 2, events created once, deliveries marked once."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from conftest import seed_text
from pressespiegel.ingest import ingest
from pressespiegel.store import open_store
from pressespiegel.store.monitoring import FeedItem, FeedState, Topic, TopicEvent
from pressespiegel.store.sqlite import SCHEMA_VERSION, migrate

MONITOR_TABLES = {"feeds", "feed_items", "topics", "topic_matches", "topic_events", "deliveries"}


def _tables(db: Path) -> set[str]:
    with sqlite3.connect(db) as con:
        return {r[0] for r in con.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def test_a_schema_2_database_gains_the_monitoring_tables(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    with sqlite3.connect(db, isolation_level=None) as con:  # what a database before the monitor was
        assert migrate(con, str(db), target=2) == 2
    assert not MONITOR_TABLES & _tables(db)
    src = tmp_path / "a.txt"
    src.write_text(seed_text(1))
    store = open_store(db)
    ingest([str(src)], store, analyze=False)
    assert (
        store.count_articles() == 1 and store.articles_after(0, 10)[0][1].id == next(store.iter_articles()).id
    )
    store.close()
    assert _tables(db) >= MONITOR_TABLES
    assert sqlite3.connect(db).execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 4


def test_events_once_and_deliveries_marked(store_location: str) -> None:
    store = open_store(store_location)
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


def test_feeds_topics_and_ingest_order(store_location: str, tmp_path: Path) -> None:
    """Each backend: the feed list, topic matches in publication order, volumes, ingest order."""
    store = open_store(store_location)
    now = "2024-01-02T00:00:00+00:00"
    store.sync_feeds([("http://a.example/rss", "A"), ("http://b.example/rss", None)], now=now)
    store.sync_feeds([("http://a.example/rss", None)], now=now)  # b dropped, a keeps its title
    feeds = {f.url: f for f in store.list_feeds()}
    assert feeds["http://a.example/rss"].active and feeds["http://a.example/rss"].title == "A"
    assert not feeds["http://b.example/rss"].active
    texts = []
    for index in (1, 2, 3):
        path = tmp_path / f"s{index}.txt"
        path.write_text(seed_text(index))
        texts.append(str(path))
    ingest(texts, store, analyze=False)
    order = store.articles_after(0, 10)
    assert len(order) == 3 and [n for n, _ in order] == sorted(n for n, _ in order)
    assert store.articles_after(order[0][0], 10) == order[1:]
    ids = [a.id for _, a in order]
    store.save_topic(Topic(name="t", query="Kim", created=now))
    store.add_topic_matches("t", ids[:2], cursor=order[1][0], now=now)
    store.add_topic_matches("t", ids[:1], cursor=order[0][0], now=now)  # again: nothing doubles
    topic = store.get_topic("t")
    assert topic is not None and topic.cursor == order[1][0]  # the cursor never goes back
    assert store.count_topic_articles("t") == 2
    assert {a for a, _ in store.topic_articles("t")} == set(ids[:2])
    assert sum(store.topic_volume("t").values()) == 2
    stamp = "2024-01-03T10:00:00+00:00"
    store.record_poll(
        FeedState(url="http://a.example/rss", fetch_url="http://a.example/rss", added=now, errors=2),
        [
            FeedItem(
                feed="http://a.example/rss", key="k", state="stored", link=None, entry={}, first_seen=stamp
            )
        ],
    )
    assert store.get_feed("http://a.example/rss").errors == 2  # type: ignore[union-attr]
    assert store.feed_volume("2024-01-01") == {"http://a.example/rss": {"2024-01-03": 1}}
    assert store.prune_items("2024-02-01") == 1 and store.feed_volume("2024-01-01") == {}
    store.close()
