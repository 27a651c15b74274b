"""Every input format ends up as cleaned, stored articles: text, HTML, JSONL, RSS/Atom, WARC, URLs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import seed_html, seed_text, write_warc
from pressespiegel.errors import SourceError
from pressespiegel.ingest import Limits, ingest
from pressespiegel.ingest.fetch import check_address, fetch
from pressespiegel.store import open_store
from pressespiegel.store.sqlite import SQLiteStore


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    s = open_store(tmp_path / "t.db")
    assert isinstance(s, SQLiteStore)
    return s


def test_html_file_uses_trafilatura_and_htmldate(tmp_path: Path, store: SQLiteStore) -> None:
    page = tmp_path / "kim.html"
    page.write_text(seed_html(4, title="Kreml bestätigt Treffen", published="2023-09-11T10:30:00+02:00"))
    report = ingest([str(page)], store)
    assert (report.added, report.errors) == (1, [])
    article = next(store.iter_articles())
    assert article.title == "Kreml bestätigt Treffen"
    assert article.published is not None
    assert (article.published.value, article.published.method) == ("2023-09-11", "htmldate:markup")
    assert article.agencies == ("dpa-AFX",) and article.language == "de"
    assert "Startseite" not in article.text and "Impressum" not in article.text


def test_jsonl_lines_with_metadata_and_a_bad_line(tmp_path: Path, store: SQLiteStore) -> None:
    lines = [
        json.dumps(
            {"id": "a1", "text": seed_text(0), "url": "https://www.finanzen.net/x", "published": "2023-09-12"}
        ),
        "{not json",
        json.dumps({"title": "nur Titel"}),
        json.dumps({"html": seed_html(3, title="Kim sagt Unterstützung zu"), "outlet": "DTZ-Test"}),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines) + "\n")
    report = ingest([str(path)], store)
    assert report.added == 2
    assert [e.source for e in report.errors] == [f"{path} line 2", f"{path} line 3"]
    assert "invalid JSON" in report.errors[0].problem
    first = store.get_article("a1")
    assert first is not None and first.outlet == "finanzen.net" and first.published is not None
    assert first.published.method == "source"
    assert {a.outlet for a in store.iter_articles()} == {"finanzen.net", "DTZ-Test"}


def test_rss_feed_file_falls_back_to_item_text_offline(tmp_path: Path, store: SQLiteStore) -> None:
    long_text = seed_text(4).split("\n\n")[1]
    feed = tmp_path / "feed.xml"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Testfeed</title>'
        "<item><title>Kurz</title><link>https://198.51.100.7/a</link>"
        f"<description>{long_text}</description><pubDate>Mon, 11 Sep 2023 08:00:00 GMT</pubDate></item>"
        "</channel></rss>"
    )
    report = ingest([str(feed)], store)
    assert report.added == 1
    assert "non-public address" in report.notices[0].message  # documentation range: refused, then fallback
    article = next(store.iter_articles())
    assert article.teaser and article.published is not None and article.published.value == "2023-09-11"


def test_atom_feed_over_http_fetches_each_item(tmp_path: Path, store: SQLiteStore, http_server) -> None:  # type: ignore[no-untyped-def]
    base, routes = http_server
    routes["/feed"] = (
        200,
        "application/atom+xml",
        (
            '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>T</title>'
            f'<entry><title>Peskow</title><link href="{base}/a1"/>'
            "<updated>2023-09-12T08:00:00Z</updated></entry>"
            f'<entry><title>DW</title><link href="{base}/old"/>'
            "<updated>2023-09-05T08:00:00Z</updated></entry>"
            "</feed>"
        ).encode(),
    )
    routes["/a1"] = (200, "text/html; charset=utf-8", seed_html(0, title="Kim in Russland").encode())
    routes["/old"] = (301, "text/html", f"{base}/a2".encode())
    routes["/a2"] = (200, "text/html; charset=utf-8", seed_html(2, title="Ukraine aktuell").encode())
    report = ingest([f"{base}/feed"], store, limits=Limits(allow_private=True))
    assert (report.added, report.errors) == (2, [])
    assert {a.url for a in store.iter_articles()} == {f"{base}/a1", f"{base}/a2"}


def test_url_on_loopback_is_refused_by_default(http_server) -> None:  # type: ignore[no-untyped-def]
    base, routes = http_server
    routes["/x"] = (200, "text/html", b"<html><body><p>x</p></body></html>")
    with pytest.raises(SourceError, match=r"non-public address 127\.0\.0\.1"):
        fetch(f"{base}/x", Limits())
    with pytest.raises(SourceError, match="unsupported URL scheme 'file'"):
        check_address("file:///etc/passwd", allow_private=True)


def test_redirect_loop_and_size_limit(http_server) -> None:  # type: ignore[no-untyped-def]
    base, routes = http_server
    routes["/loop"] = (302, "text/html", f"{base}/loop".encode())
    routes["/big"] = (200, "text/html", b"x" * 5000)
    limits = Limits(allow_private=True, max_redirects=3, max_document_bytes=1000)
    with pytest.raises(SourceError, match="too many redirects"):
        fetch(f"{base}/loop", limits)
    with pytest.raises(SourceError, match="too large"):
        fetch(f"{base}/big", limits)


def test_warc_archive(tmp_path: Path, store: SQLiteStore) -> None:
    archive = tmp_path / "crawl.warc.gz"
    write_warc(
        archive,
        [
            ("https://www.dw.com/de/a", seed_html(2, title="Ukraine aktuell")),
            ("https://www.tageblatt.lu/b", seed_html(1, title="Kim will mit Putin sprechen")),
        ],
    )
    report = ingest([str(archive)], store)
    assert (report.added, report.errors) == (2, [])
    assert {a.outlet for a in store.iter_articles()} == {"DW", "Tageblatt"}


def test_directory_is_walked_with_sidecar_metadata(tmp_path: Path, store: SQLiteStore) -> None:
    sample = Path(__file__).resolve().parents[2] / "src" / "pressespiegel" / "data" / "sample"
    report = ingest([str(sample)], store)
    assert report.errors == [] and report.added == store.count_articles() >= 30
    outlets = {a.outlet for a in store.iter_articles()}
    assert {"dpa-AFX", "Tageblatt", "DW", "Deutsche Tageszeitung", "Wikinews"} <= outlets
    assert all(a.published is not None for a in store.iter_articles())
