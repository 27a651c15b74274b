"""The monitor against a local feed server: cycles, 304s, failures, moves, robots.txt, resumption."""

from __future__ import annotations

import sqlite3
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from conftest import seed_html, seed_text
from feedserver import FeedServer, Route, http_date, rss
from pressespiegel.ingest import Limits
from pressespiegel.monitor.feedlist import FeedListError, FeedSpec, read_feed_list
from pressespiegel.monitor.health import assess
from pressespiegel.monitor.poll import MonitorConfig
from pressespiegel.monitor.watch import Monitor
from pressespiegel.store import open_store
from pressespiegel.store.sqlite import SQLiteStore

#: Seeds about Kim's visit to Putin (one story, four independent origins).
KIM = (0, 1, 2, 4)


def config(**overrides: object) -> MonitorConfig:
    base = MonitorConfig(
        every=3600.0,
        delay=0.0,
        connections=4,
        retries=1,
        retry_base=0.05,
        limits=Limits(allow_private=True, http_timeout=1.0),
    )
    return replace(base, **overrides)  # type: ignore[arg-type]


def page(i: int) -> Route:
    return Route(body=seed_html(i, title=f"Seite {i}").encode(), content_type="text/html; charset=utf-8")


def article_rows(db: Path) -> list[tuple[str, str]]:
    with sqlite3.connect(db) as con:
        return con.execute("SELECT id, url FROM articles ORDER BY id").fetchall()


@pytest.fixture
def server() -> FeedServer:
    with FeedServer() as s:
        yield s


def test_cycles_against_a_changing_feed_server(tmp_path: Path, server: FeedServer) -> None:
    s = server
    for i in KIM:
        s.routes[f"/a/{i}.html"] = page(i)
    s.routes["/a/private/3.html"] = page(3)
    s.routes["/robots.txt"] = Route(body=b"User-agent: *\nDisallow: /a/private/\n", content_type="text/plain")
    s.routes["/kim.xml"] = Route(
        body=rss("Kim-Feed", [(f"g{i}", s.url(f"/a/{i}.html"), f"Kim {i}") for i in (0, 1)]), etag='"v1"'
    )
    lead = " ".join(seed_text(3).split()[20:110])  # the feed carries a long teaser of the article
    s.routes["/dated.xml"] = Route(
        body=rss("Datiert", [("p3", s.url("/a/private/3.html"), "Privat")], descriptions={"p3": lead}),
        last_modified=http_date(-3600),
    )
    s.routes["/broken.xml"] = Route(
        body=b'<?xml version="1.0"?><rss><channel><title>x</title><item><title>a</ti'
    )
    s.routes["/error.xml"] = Route(status=500, body=b"kaputt", content_type="text/plain")
    s.routes["/slow.xml"] = Route(body=rss("Langsam", []), delay=2.5)
    s.routes["/old.xml"] = Route(status=301, location=s.url("/new.xml"))
    s.routes["/new.xml"] = Route(body=rss("Umgezogen", [("g4", s.url("/a/4.html"), "Kim 4")]), etag='"n1"')
    names = ("kim", "dated", "broken", "error", "slow", "old")
    specs = [FeedSpec(url=s.url(f"/{n}.xml"), title=None) for n in names]
    db = tmp_path / "m.db"
    store = open_store(db)
    assert isinstance(store, SQLiteStore)
    monitor = Monitor(store, None, config(), analyze=False)
    monitor.sync_feeds(specs)

    first = monitor.run_cycle(monitor.due(everything=True))
    assert first.polled == 6 and first.failed == 3, first.problems  # broken, 500, slow
    stored = article_rows(db)
    assert len(stored) == 4  # kim 0+1, dated (feed text: robots.txt), new.xml's item
    assert s.hits_of("/a/private/3.html") == 0  # robots.txt disallows the page: never requested
    teaser = next(a for a in store.iter_articles() if a.url and "private" in a.url)
    assert teaser.teaser and "Kim" in teaser.text
    assert s.hits_of("/error.xml") == 2  # retried once within the poll
    feeds = {f.url.rsplit("/", 1)[1]: f for f in store.list_feeds()}
    assert feeds["old.xml"].fetch_url == s.url("/new.xml")  # permanent redirect followed and kept
    assert feeds["kim.xml"].etag == '"v1"' and feeds["kim.xml"].last_status == 200
    assert feeds["error.xml"].last_status == 500 and feeds["error.xml"].errors == 1
    assert "timed out" in (feeds["slow.xml"].last_error or "")
    assert "malformed" in (feeds["broken.xml"].last_error or "")
    assert feeds["kim.xml"].articles == 2 and feeds["kim.xml"].last_new is not None

    # cycle 2: nothing changed; the conditional GETs get 304s and no page is fetched again
    pages_before = sum(s.hits_of(f"/a/{i}.html") for i in KIM)
    second = monitor.run_cycle([feeds["kim.xml"], feeds["dated.xml"], feeds["old.xml"]])
    assert second.unchanged == 3 and second.new_items == 0 and second.added == 0
    assert s.hits_of("/kim.xml", 304) == 1 and s.hits_of("/dated.xml", 304) == 1
    assert s.hits_of("/new.xml", 304) == 1 and s.hits_of("/old.xml") == 1  # polled at its new address
    assert sum(s.hits_of(f"/a/{i}.html") for i in KIM) == pages_before

    # cycle 3: the feed gains two items; only their pages are fetched, nothing is stored twice
    s.routes["/kim.xml"] = Route(
        body=rss("Kim-Feed", [(f"g{i}", s.url(f"/a/{i}.html"), f"Kim {i}") for i in KIM]), etag='"v2"'
    )
    s.routes["/error.xml"] = Route(body=rss("Wieder da", [("g1", s.url("/a/1.html"), "Kim 1")]))
    feeds = {f.url.rsplit("/", 1)[1]: f for f in store.list_feeds()}
    third = monitor.run_cycle([feeds["kim.xml"], feeds["error.xml"]])
    assert third.new_items == 3 and third.added == 1  # 2 and 4 were new to kim.xml; 4 and 1 are stored
    assert s.hits_of("/a/0.html") == 1 and s.hits_of("/a/2.html") == 1
    assert len(article_rows(db)) == 5
    healed = store.get_feed(s.url("/error.xml"))
    assert healed is not None and healed.errors == 0 and healed.last_status == 200
    now = datetime.now(UTC)
    volume = store.feed_volume(since=(now - timedelta(days=1)).isoformat())
    verdicts = {
        f.url.rsplit("/", 1)[1]: assess(f, volume.get(f.url, {}), now).status for f in store.list_feeds()
    }
    assert verdicts["kim.xml"] == "ok" and verdicts["broken.xml"] == "failing"
    store.close()


def test_transient_page_failure_is_retried_next_cycle(tmp_path: Path, server: FeedServer) -> None:
    s = server
    s.routes["/a/0.html"] = replace(page(0), first=[503, 503])  # fails twice: the first cycle gives up
    s.routes["/f.xml"] = Route(body=rss("F", [("g0", s.url("/a/0.html"), "Kim 0")]), etag='"x"')
    store = open_store(tmp_path / "m.db")
    assert isinstance(store, SQLiteStore)
    monitor = Monitor(store, None, config(), analyze=False)
    monitor.sync_feeds([FeedSpec(url=s.url("/f.xml"))])
    first = monitor.run_cycle(monitor.due(everything=True))
    assert first.added == 0 and first.pending == 1
    second = monitor.run_cycle(monitor.due(everything=True))  # the feed answers 304; the item is retried
    assert s.hits_of("/f.xml", 304) == 1
    assert second.added == 1 and second.pending == 0
    article = next(store.iter_articles())
    assert not article.teaser and "Kim" in article.text  # the page, not the feed's teaser
    store.close()


def test_health_flags_silent_and_dead_feeds() -> None:
    from pressespiegel.store.monitoring import FeedState

    now = datetime(2024, 3, 10, 12, tzinfo=UTC)
    stamp = lambda d: (now - d).isoformat()  # noqa: E731
    busy = {(now - timedelta(days=d)).date().isoformat(): 20 for d in range(3, 14)}
    base = FeedState(
        url="http://x/f",
        fetch_url="http://x/f",
        added=stamp(timedelta(days=30)),
        last_polled=stamp(timedelta(minutes=5)),
        last_success=stamp(timedelta(minutes=5)),
    )
    assert assess(replace(base, last_new=stamp(timedelta(hours=1))), busy, now).status == "ok"
    silent = assess(replace(base, last_new=stamp(timedelta(days=3))), busy, now)
    assert silent.status == "silent" and "Artikel/Tag" in silent.reason
    weekly = {(now - timedelta(days=d)).date().isoformat(): 1 for d in (3, 10)}
    assert assess(replace(base, last_new=stamp(timedelta(days=3))), weekly, now).status == "ok"
    dead = replace(base, errors=6, last_error="HTTP 410", last_success=stamp(timedelta(days=2)))
    assert assess(dead, busy, now).status == "dead"
    assert assess(replace(dead, errors=1), busy, now).status == "failing"
    assert assess(replace(base, last_polled=None), {}, now).status == "new"


def test_feed_lists(tmp_path: Path) -> None:
    text = tmp_path / "feeds.txt"
    text.write_text(
        "# Nachrichten\nhttps://example.org/rss Beispiel\n\nhttps://example.org/rss\nhttp://b.example/atom\n"
    )
    assert read_feed_list(text) == [
        FeedSpec(url="https://example.org/rss", title="Beispiel"),
        FeedSpec(url="http://b.example/atom"),
    ]
    opml = tmp_path / "feeds.opml"
    opml.write_text(
        '<?xml version="1.0"?><opml version="2.0"><body><outline text="Politik">'
        '<outline text="Tagesschau" type="rss" xmlUrl="https://www.tagesschau.de/xml/rss2/"/>'
        '</outline><outline text="DW" xmlUrl="https://rss.dw.com/rdf/rss-de-all"/></body></opml>'
    )
    assert [f.title for f in read_feed_list(opml)] == ["Tagesschau", "DW"]
    bad = tmp_path / "bad.txt"
    bad.write_text("https://ok.example/rss\nftp://nope.example/feed\n")
    with pytest.raises(FeedListError, match=r"bad.txt line 2: not an http\(s\) feed URL"):
        read_feed_list(bad)
    broken = tmp_path / "broken.opml"
    broken.write_text("<opml><body><outline xmlUrl='x'")
    with pytest.raises(FeedListError, match="not well-formed OPML"):
        read_feed_list(broken)


def test_stop_between_items_keeps_the_rest_for_the_next_run(
    tmp_path: Path, server: FeedServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Stop while a feed's items are being stored: what was stored stays, the rest comes next time."""
    s = server
    items = []
    for n in range(6):
        body = seed_html(n % 5, title=f"Meldung {n}").replace(
            "<article>", f"<article><p>Meldung Nummer {n} aus dem Testlauf mit mehreren Artikeln.</p>"
        )
        s.routes[f"/p/{n}.html"] = Route(body=body.encode(), content_type="text/html")
        items.append((f"n{n}", s.url(f"/p/{n}.html"), f"Meldung {n}"))
    s.routes["/f.xml"] = Route(body=rss("F", items), etag='"e"')
    db = tmp_path / "m.db"
    store = open_store(db)
    assert isinstance(store, SQLiteStore)
    monitor = Monitor(store, None, config(), analyze=False)
    monitor.sync_feeds([FeedSpec(url=s.url("/f.xml"))])
    import pressespiegel.monitor.watch as watch

    original = watch.ingest

    def ingest_then_stop(*args: object, **kwargs: object) -> object:
        read = kwargs["read"]

        def stopping_read(source: str, limits: Limits) -> object:
            for count, item in enumerate(read(source, limits)):  # type: ignore[operator]
                if count == 2:
                    monitor.stop()
                yield item

        kwargs["read"] = stopping_read
        return original(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(watch, "ingest", ingest_then_stop)  # the real ingest, stopped after two items
    first = monitor.run_cycle(monitor.due(everything=True))
    monkeypatch.undo()
    assert first.interrupted and 0 < first.added < 6
    feed = store.get_feed(s.url("/f.xml"))
    assert feed is not None and feed.etag is None  # validators kept back: the next poll sees every entry
    again = Monitor(store, None, config(), analyze=False)
    second = again.run_cycle(again.due(everything=True))
    assert first.added + second.added == 6 and len(article_rows(db)) == 6
    assert s.hits_of("/f.xml", 304) == 0
    store.close()
