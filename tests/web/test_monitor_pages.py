"""Topic pages, the feed health page and the monitoring API, with hostile names and the write check."""

from __future__ import annotations

import re
import warnings
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

from conftest import SEEDS
from pressespiegel.ingest import ingest
from pressespiegel.pipeline import update_stories
from pressespiegel.store import open_store
from pressespiegel.store.monitoring import FeedItem, Topic, utc_now
from pressespiegel.store.sqlite import SQLiteStore
from pressespiegel.web import create_app
from pressespiegel.web.charts import MAX_DAYS, bar_chart, daily, unit_of

TOKEN = "t0ken-for-topics"
#: Where test clients send requests: a name on the server's Host allow-list (issue 16).
BASE = "http://localhost"
HOSTILE = "<script>window.__x=1</script>"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("w") / "w.db"
    store = open_store(path)
    assert isinstance(store, SQLiteStore)
    ingest([str(SEEDS)], store, analyze=False)
    update_stories(store)
    store.save_topic(Topic(name="Kim", query="Kim Russland", created=utc_now(), alert_origins=2))
    feed = "http://news.example/rss"
    store.sync_feeds([(feed, HOSTILE), ("http://dead.example/rss", None)], now=utc_now())
    state = store.get_feed(feed)
    assert state is not None
    from dataclasses import replace

    store.record_poll(
        replace(state, last_polled=utc_now(), last_success=utc_now(), last_new=utc_now(), last_status=200),
        [FeedItem(feed=feed, key=f"k{i}", state="stored", first_seen=utc_now()) for i in range(3)],
    )
    dead = store.get_feed("http://dead.example/rss")
    assert dead is not None
    store.record_poll(
        replace(dead, last_polled=utc_now(), errors=7, last_status=410, last_error="HTTP 410"), []
    )
    store.close()
    return path


def test_topic_pages_and_api(db: Path) -> None:
    with TestClient(create_app(db, api_token=None), base_url=BASE) as client:
        index = client.get("/topics")
        assert index.status_code == 200 and "Kim" in index.text and "<svg" in index.text
        page = client.get("/topics/Kim")
        assert page.status_code == 200
        assert re.search(r'<svg[^>]*class="chart"', page.text) and "<rect" in page.text
        assert "/story/" in page.text  # stories of the topic
        api = client.get("/api/topics/Kim").json()
        assert api["articles"] == 5 and len(api["stories"]) >= 1 and api["volume"]
        assert {s["id"] for s in api["stories"]} <= {
            s["id"] for s in client.get("/api/stories").json()["stories"]
        }
        svg = client.get("/topics/Kim/volume.svg")
        assert svg.headers["content-type"].startswith("image/svg+xml") and svg.text.startswith("<svg")
        assert client.get("/topics/Nope").status_code == 404
        assert client.get("/api/topics/Nope").status_code == 404
        assert any(t["name"] == "Kim" for t in client.get("/api/topics").json()["topics"])


def test_feed_health_page_escapes_feed_titles(db: Path) -> None:
    with TestClient(create_app(db, api_token=None), base_url=BASE) as client:
        page = client.get("/feeds")
        assert page.status_code == 200
        assert HOSTILE not in page.text and "&lt;script&gt;" in page.text
        assert "tot" in page.text and "HTTP 410" in page.text
        feeds = {f["url"]: f for f in client.get("/api/feeds").json()["feeds"]}
        assert feeds["http://dead.example/rss"]["status"] == "dead"
        assert (
            feeds["http://news.example/rss"]["status"] == "ok"
            and feeds["http://news.example/rss"]["per_day"] > 0
        )


def test_managing_topics_needs_the_write_token(db: Path) -> None:
    form = {"name": "Gipfel", "query": 'speaker:Peskow OR "Kim Jong"', "at": "", "mail": "", "webhook": ""}
    with TestClient(create_app(db, api_token=TOKEN), base_url=BASE) as client:
        refused = client.post("/topics", data={**form, "token": TOKEN})  # a token in the body is not read
        assert refused.status_code == 401 and "verweigert" in refused.text
        assert client.post("/api/topics", json={"name": "Gipfel", "query": "Kim"}).status_code == 401
        wrong = client.post("/api/topics", json={"name": "Gipfel", "query": "Kim"},
                            headers={"Authorization": "Bearer nope"})  # fmt: skip
        assert wrong.status_code == 401
        assert 'name="csrf" value=""' in client.get("/topics").text  # no CSRF token before login
        client.get(f"/?token={TOKEN}")  # the login URL `serve` prints: a session cookie
        found = re.search(r'name="csrf" value="([^"]+)"', client.get("/topics").text)
        assert found is not None
        csrf = found[1]
        assert client.post("/topics", data=form).status_code == 403  # the cookie alone is not enough
        made = client.post("/topics", data={**form, "csrf": csrf}, follow_redirects=False)
        assert made.status_code == 303 and made.headers["location"] == "/topics/Gipfel"
        invalid = client.post("/topics", data={**form, "name": "x/y", "csrf": csrf})
        assert invalid.status_code == 400 and "topic name" in invalid.text
        badquery = client.post("/api/topics", json={"name": "B", "query": "(Kim"},
                               headers={"Authorization": f"Bearer {TOKEN}"})  # fmt: skip
        assert badquery.status_code == 422 and "not closed" in badquery.json()["detail"]
        body = {"name": "Api", "query": "Kim", "at": "7:00", "mail": ["a@example.org"]}
        api = client.post("/api/topics", json=body, headers={"Authorization": f"Bearer {TOKEN}"})
        assert api.status_code == 201 and api.json()["at"] == "07:00" and api.json()["articles"] == 5
        assert client.delete("/api/topics/Api").status_code == 403  # the cookie without X-CSRF-Token
        assert (
            client.delete("/api/topics/Api", headers={"Authorization": f"Bearer {TOKEN}"}).status_code == 200
        )
        assert client.post("/topics/Gipfel/remove", data={}).status_code == 403
        evil = {"Origin": "http://evil.example", "Sec-Fetch-Site": "cross-site"}
        cross = client.post("/topics/Gipfel/remove", data={"csrf": csrf}, headers=evil)
        assert cross.status_code == 403
        gone = client.post("/topics/Gipfel/remove", data={"csrf": csrf}, follow_redirects=False)
        assert gone.status_code == 303
        assert client.get("/topics/Gipfel").status_code == 404


def test_charts_escape_and_fill_days() -> None:
    series = daily({"2024-03-01": 2, "2024-03-04": 5, "bogus": 9})
    assert series == [("2024-03-01", 2), ("2024-03-02", 0), ("2024-03-03", 0), ("2024-03-04", 5)]
    svg = str(bar_chart(series, label=HOSTILE))
    assert HOSTILE not in svg and svg.count("<rect") == 4 and "2024-03-04: 5" in svg
    assert "noch keine Artikel" in str(bar_chart([]))
    weeks = daily({"2023-09-05": 2, "2023-09-06": 1, "2025-07-13": 1})  # two years: per week
    assert weeks[0] == ("2023-W36", 3) and weeks[-1] == ("2025-W28", 1) and unit_of(weeks) == "Woche"
    assert sum(n for _, n in weeks) == 4 and len(weeks) == len(set(weeks)) <= MAX_DAYS
    months = daily({"2015-09-05": 2, "2025-07-13": 1})
    assert months[0] == ("2015-09", 2) and months[-1] == ("2025-07", 1) and unit_of(months) == "Monat"
    assert len(months) == 119 and unit_of(series) == "Tag"
