"""Shared fixtures: real seed articles, helpers that build inputs of every format, and the two
storage backends (a SQLite file, a database on a private PostgreSQL server; see pgserver.py).

Tests that take ``store_location`` (or call :func:`new_location`) run once per backend. The
PostgreSQL server is started once per session, only when such a test runs; without Debian's
``postgresql`` (and no root to install it) those tests are skipped with the reason, except in CI
(``CI=true``), where they fail: CI must test both backends.
"""

from __future__ import annotations

import gzip
import io
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

import pgserver

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "pressespiegel" / "data" / "sample"
SEEDS = SAMPLE / "seeds"


def seed_text(index: int) -> str:
    """The raw text of seed number ``index`` (0–4)."""
    return sorted(SEEDS.glob("*.txt"))[index].read_text(encoding="utf-8")


def seed_html(index: int, *, title: str = "Titel", published: str | None = None) -> str:
    """A seed article as a plain HTML page, paragraphs as <p>, with optional date markup."""
    import html

    paragraphs = [p for p in seed_text(index).split("\n\n") if len(p.split()) > 12]
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    body = "".join(f"<p>{html.escape(p)}</p>" for p in paragraphs)
    return (
        f"<!DOCTYPE html><html lang='de'><head><title>{html.escape(title)}</title>{meta}</head>"
        f"<body><nav><a href='/'>Startseite</a></nav><article><h1>{html.escape(title)}</h1>{body}</article>"
        "<footer>Impressum</footer></body></html>"
    )


def write_warc(path: Path, pages: list[tuple[str, str]], *, gz: bool = True) -> None:
    """A WARC file with one HTTP response record per (url, html)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as handle:
        writer = WARCWriter(handle, gzip=gz)
        for url, page in pages:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            record = writer.create_warc_record(
                url, "response", payload=io.BytesIO(page.encode("utf-8")), http_headers=headers
            )
            writer.write_record(record)


@pytest.fixture
def http_server() -> Iterator[tuple[str, dict[str, tuple[int, str, bytes]]]]:
    """A loopback HTTP server; tests fill ``routes[path] = (status, content_type, body)``."""
    routes: dict[str, tuple[int, str, bytes]] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            status, ctype, body = routes.get(self.path, (404, "text/plain", b"not found"))
            self.send_response(status)
            if status in {301, 302}:
                self.send_header("Location", body.decode())
                body = b""
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", routes
    finally:
        server.shutdown()
        server.server_close()


def gzip_bytes(data: bytes) -> bytes:
    return gzip.compress(data)


def cli(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    """Run the pressespiegel command as a user would, in a fresh process."""
    return subprocess.run(
        [sys.executable, "-m", "pressespiegel", *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=check,
    )


# -- storage backends ------------------------------------------------------------------------------
BACKENDS = ("sqlite", "postgres")


@pytest.fixture(scope="session")
def pg_cluster() -> Iterator[pgserver.Cluster]:
    """A private PostgreSQL server for the session, with a migrated template database."""
    problem = pgserver.install()
    binaries = pgserver.find_binaries()
    if problem or binaries is None:
        reason = f"PostgreSQL tests need Debian's postgresql: {problem or 'not found'}"
        if os.environ.get("CI") == "true":
            pytest.fail(reason + " (CI must run them: `make postgres` installs it as root)")
        pytest.skip(reason)
    from pressespiegel.store import open_store

    cluster = pgserver.Cluster(binaries)
    try:
        cluster.start()
        cluster.template = cluster.create_database()
        open_store(cluster.url(cluster.template)).close()  # the schema, migrated once
        yield cluster
    finally:
        cluster.stop()


def new_location(request: pytest.FixtureRequest, backend: str, directory: Path, name: str = "store") -> str:
    """A fresh, empty store location for ``backend``: a SQLite file in ``directory``, or a new
    PostgreSQL database (copied from the migrated template, dropped when the requesting test or
    module is done)."""
    if backend == "sqlite":
        return str(directory / f"{name}.db")
    cluster: pgserver.Cluster = request.getfixturevalue("pg_cluster")
    database = cluster.create_database(template=cluster.template)
    request.addfinalizer(lambda: cluster.drop_database(database))
    return cluster.url(database)


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def store_location(request: pytest.FixtureRequest, backend: str, tmp_path: Path) -> str:
    """An empty store on each backend in turn (a file path or a postgresql:// URL)."""
    return new_location(request, backend, tmp_path)
