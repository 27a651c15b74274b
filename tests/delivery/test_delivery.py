"""Alerts and digests through a real SMTP server and a webhook receiver on loopback, exactly once."""

from __future__ import annotations

import json
import threading
import warnings
from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from email import message_from_bytes, policy
from email.message import Message
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import feedparser
import pytest

from conftest import seed_html
from feedserver import FeedServer, Route, rss
from pressespiegel.delivery.events import DeliveryConfig, plan_digests
from pressespiegel.delivery.mail import MailConfig
from pressespiegel.ingest import Limits
from pressespiegel.monitor.feedlist import FeedSpec
from pressespiegel.monitor.poll import MonitorConfig
from pressespiegel.monitor.watch import Monitor
from pressespiegel.store import open_store
from pressespiegel.store.monitoring import Topic
from pressespiegel.store.sqlite import SQLiteStore

aiosmtpd = pytest.importorskip("aiosmtpd.controller")
KIM = (0, 1, 2, 4)
TOPIC = "Nordkorea–Russland"


class LoopbackSMTP(aiosmtpd.Controller):  # type: ignore[misc, name-defined]
    """aiosmtpd on 127.0.0.1 and an ephemeral port (it asks for a fixed one by default)."""

    def _trigger_server(self) -> None:
        self.port = self.server.sockets[0].getsockname()[1]
        super()._trigger_server()


class Inbox:
    def __init__(self) -> None:
        self.messages: list[Message] = []
        self.envelopes: list[tuple[str, list[str]]] = []

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        self.messages.append(message_from_bytes(envelope.content, policy=policy.default))
        self.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 Message accepted"


@pytest.fixture
def smtp() -> Iterator[tuple[Inbox, int]]:
    inbox = Inbox()
    controller = LoopbackSMTP(inbox, hostname="127.0.0.1", port=0)
    controller.start()
    try:
        yield inbox, controller.port
    finally:
        controller.stop()


@pytest.fixture
def receiver() -> Iterator[tuple[str, list[tuple[int, dict[str, str], dict[str, Any]]]]]:
    """A webhook receiver that answers 500 to the first POST, then 204."""
    calls: list[tuple[int, dict[str, str], dict[str, Any]]] = []

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers["Content-Length"]))
            status = 500 if not calls else 204
            calls.append((status, {k.lower(): v for k, v in self.headers.items()}, json.loads(body)))
            self.send_response(status)
            self.send_header("Content-Length", "0")
            self.end_headers()

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/hook", calls
    finally:
        server.shutdown()
        server.server_close()


def _monitor(store: SQLiteStore, port: int) -> Monitor:
    config = MonitorConfig(
        every=3600.0, delay=0.0, retries=0, limits=Limits(allow_private=True, http_timeout=5)
    )
    mail = MailConfig(host="127.0.0.1", port=port, security="plain", sender="pressespiegel@example.org")
    delivery = DeliveryConfig(mail=mail, allow_private=True, retry_base=0.0)
    return Monitor(store, None, config, delivery=delivery)


def test_alert_and_digest_arrive_exactly_once(
    tmp_path: Path, smtp: tuple[Inbox, int], receiver: tuple[str, list[Any]]
) -> None:
    inbox, port = smtp
    hook, calls = receiver
    db = tmp_path / "m.db"
    with FeedServer() as s:
        for i in KIM:
            s.routes[f"/a/{i}.html"] = Route(
                body=seed_html(i, title=f"Seite {i}").encode(), content_type="text/html"
            )
        s.routes["/kim.xml"] = Route(
            body=rss("Kim", [(f"g{i}", s.url(f"/a/{i}.html"), f"Kim {i}") for i in KIM]), etag='"1"'
        )
        store = open_store(db)
        assert isinstance(store, SQLiteStore)
        yesterday = (datetime.now(UTC) - timedelta(days=1)).isoformat(timespec="seconds")
        store.save_topic(
            Topic(
                name=TOPIC,
                query='entity:Putin AND (Nordkorea OR "Kim Jong")',
                created=yesterday,
                email=("presse@example.org",),
                digest_at="00:00",
                webhook=hook,
                alert_origins=3,
            )
        )
        monitor = _monitor(store, port)
        monitor.sync_feeds([FeedSpec(url=s.url("/kim.xml"))])
        first = monitor.run_cycle(monitor.due(everything=True))
        assert first.added == 4 and first.matched == 4, first.problems
        assert first.alerts == 1 and first.digests == 1
        assert len(inbox.messages) == 2 and first.sent == 3  # two mails, one webhook (the other got a 500)
        subjects = sorted(m["Subject"] for m in inbox.messages)
        assert any("unabhängige Quellen" in x for x in subjects) and any(
            x.startswith("Pressespiegel") for x in subjects
        )
        assert inbox.envelopes[0] == ("pressespiegel@example.org", ["presse@example.org"])
        html = next(p for p in inbox.messages[0].walk() if p.get_content_type() == "text/html")
        text = html.get_content()
        assert "Kim" in text and "<style" in text  # the review itself, self-contained

        second = monitor.run_cycle(monitor.due(everything=True))  # 304; the failed webhook is retried
        assert second.added == 0 and second.sent == 1
        store.close()

        store = open_store(db)  # a restarted monitor sends nothing again
        assert isinstance(store, SQLiteStore)
        restarted = _monitor(store, port)
        third = restarted.run_cycle(restarted.due(everything=True))
        assert third.alerts == 0 and third.digests == 0 and third.sent == 0
        store.close()
    assert len(inbox.messages) == 2
    assert len({m["Message-ID"] for m in inbox.messages}) == 2
    delivered = [c for c in calls if c[0] == 204]
    assert len(calls) == 3 and len(delivered) == 2
    keys = [c[1]["idempotency-key"] for c in calls]
    assert keys[0] == keys[1] or keys[0] == keys[2]  # the retry repeats the key of the failed POST
    assert {c[2]["kind"] for c in delivered} == {"alert", "digest"}
    alert = next(c[2] for c in delivered if c[2]["kind"] == "alert")
    assert alert["details"]["origins"] >= 3 and alert["review"]["stories"][0]["coverage"]["origins"] >= 3

    # the Atom feed of the topic: the alert, the digest and the articles, readable by feedparser
    pytest.importorskip("fastapi")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient
    from pressespiegel.web import create_app

    with TestClient(create_app(db, api_token=None), base_url="http://localhost") as client:
        response = client.get(f"/topics/{TOPIC}/atom.xml")
    assert response.status_code == 200 and response.headers["content-type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.feed.title == f"Pressespiegel: {TOPIC}"
    kinds = [e.tags[0].term for e in feed.entries]
    assert kinds.count("alert") == 1 and kinds.count("digest") == 1 and kinds.count("article") == 4
    assert all(e.id and e.updated and e.link for e in feed.entries)


def test_digest_schedule(tmp_path: Path) -> None:
    """A digest is due once per day at its time, never for a slot before the topic existed."""
    store = open_store(tmp_path / "d.db")
    assert isinstance(store, SQLiteStore)
    created = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)
    topic = Topic(
        name="t", query="Kim", created=created.isoformat(), email=("a@example.org",), digest_at="07:00"
    )
    store.save_topic(topic)
    assert plan_digests(store, now=created + timedelta(hours=1), tz=UTC) == 0  # today's 07:00 came before it
    assert plan_digests(store, now=datetime(2024, 3, 2, 6, 59, tzinfo=UTC), tz=UTC) == 0
    assert plan_digests(store, now=datetime(2024, 3, 2, 7, 0, tzinfo=UTC), tz=UTC) == 1
    assert plan_digests(store, now=datetime(2024, 3, 2, 12, 0, tzinfo=UTC), tz=UTC) == 0  # once a day
    assert plan_digests(store, now=datetime(2024, 3, 5, 8, 0, tzinfo=UTC), tz=UTC) == 1  # down for days: one
    events = store.list_events("t", kind="digest")
    assert [e.key for e in events] == ["digest:t:2024-03-05", "digest:t:2024-03-02"]
    assert events[0].payload["since"] == events[1].payload["until"]  # periods follow each other
    assert store.due_deliveries(now="2099-01-01T00:00:00+00:00") == []  # nothing new: nothing to send
    store.save_topic(replace(topic, digest_at=None))
    assert plan_digests(store, now=datetime(2024, 3, 6, 8, 0, tzinfo=UTC), tz=UTC) == 0
    store.close()


def test_mail_config_from_url() -> None:
    from pressespiegel.errors import PressespiegelError

    config = MailConfig.from_url("smtps://user%40x:p%3Ass@mail.example.org", "a@example.org")
    assert (config.host, config.port, config.security, config.user, config.password) == (
        "mail.example.org",
        465,
        "ssl",
        "user@x",
        "p:ss",
    )
    assert MailConfig.from_url("smtp+starttls://u:p@h.example", "a@example.org").port == 587
    with pytest.raises(PressespiegelError, match="need TLS"):
        MailConfig.from_url("smtp://u:secret@h.example", "a@example.org")
    with pytest.raises(PressespiegelError, match="sender"):
        MailConfig.from_url("smtp://h.example", None)
    with pytest.raises(PressespiegelError) as bad:
        MailConfig.from_url("http://u:secret@h.example", "a@example.org")
    assert "secret" not in str(bad.value)
