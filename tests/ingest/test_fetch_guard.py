"""Server-side request forgery and URL errors (issue 16): checked at connect time, one clear line."""

from __future__ import annotations

import ipaddress
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpcore
import pytest

from pressespiegel.errors import SourceError
from pressespiegel.ingest import fetch as fetch_module
from pressespiegel.ingest import ingest
from pressespiegel.ingest.feeds import read_feed
from pressespiegel.ingest.fetch import check_address, fetch
from pressespiegel.ingest.limits import Limits
from pressespiegel.ingest.sources import is_url
from pressespiegel.store.sqlite import SQLiteStore

PUBLIC = "93.184.215.14"  # a public address; "connecting" to it reaches a local stand-in server


class Page(BaseHTTPRequestHandler):
    """Serves ``server.body`` for every path (a redirect when it starts with ``Location:``)."""

    def do_GET(self) -> None:
        self.server.hits.append(self.path)  # type: ignore[attr-defined]
        body: bytes = self.server.body  # type: ignore[attr-defined]
        if body.startswith(b"Location:"):
            self.send_response(302)
            self.send_header("Location", body.split(b":", 1)[1].strip().decode())
            body = b""
        else:
            self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def servers() -> Iterator[dict[str, Any]]:
    """Two loopback servers: an internal service an attacker wants to reach, and a stand-in for
    a public web server (what a connection to :data:`PUBLIC` reaches, see :func:`internet`)."""
    made = {}
    for name, body in (("internal", b"<html><body><p>internal admin page</p></body></html>"),
                       ("public", b"<html><body><p>public news page</p></body></html>")):  # fmt: skip
        server = ThreadingHTTPServer(("127.0.0.1", 0), Page)
        server.hits = []  # type: ignore[attr-defined]
        server.body = body  # type: ignore[attr-defined]
        threading.Thread(target=server.serve_forever, daemon=True).start()
        made[name] = server
    yield made
    for server in made.values():
        server.shutdown()
        server.server_close()


@pytest.fixture
def internet(monkeypatch: pytest.MonkeyPatch, servers: dict[str, Any]) -> list[str]:
    """The hosts httpcore opens sockets to; a socket to PUBLIC goes to the public stand-in."""
    connected: list[str] = []
    real = httpcore.SyncBackend.connect_tcp

    def connect_tcp(self: Any, host: str, port: int, *args: Any, **kwargs: Any) -> Any:
        connected.append(host)
        if host == PUBLIC:
            host, port = "127.0.0.1", servers["public"].server_address[1]
        return real(self, host, port, *args, **kwargs)

    monkeypatch.setattr(httpcore.SyncBackend, "connect_tcp", connect_tcp)
    return connected


class RebindingResolver:
    """``socket.getaddrinfo`` as a rebinding DNS server answers for ``news.test``: a public address
    to the first question, loopback to every later one. Other names resolve as usual."""

    def __init__(self) -> None:
        self.asked = 0
        self.real = socket.getaddrinfo

    def __call__(self, host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        if host != "news.test":
            return self.real(host, port, *args, **kwargs)
        self.asked += 1
        address = PUBLIC if self.asked == 1 else "127.0.0.1"
        return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", (address, int(port or 80)))]


def test_dns_rebinding_cannot_reach_loopback(
    monkeypatch: pytest.MonkeyPatch, servers: dict[str, Any], internet: list[str]
) -> None:
    """Break 3: the guard resolved the name, then httpx resolved it again to connect, and the
    second answer (loopback) reached the internal service."""
    port = servers["internal"].server_address[1]
    monkeypatch.setattr(socket, "getaddrinfo", RebindingResolver())
    fetched = fetch(f"http://news.test:{port}/admin", Limits(http_timeout=5))
    assert b"public news page" in fetched.content  # connected to the address that was checked
    assert servers["internal"].hits == [] and internet == [PUBLIC]


def test_connects_to_exactly_the_checked_address(servers: dict[str, Any], internet: list[str]) -> None:
    port = servers["internal"].server_address[1]
    asked: list[str] = []

    def resolver(host: str, port: int) -> list[Any]:
        asked.append(host)
        return [ipaddress.ip_address("127.0.0.1")]

    fetched = fetch(f"http://news.test:{port}/a", Limits(allow_private=True), resolver=resolver)
    assert b"internal admin page" in fetched.content  # allowed: private networks switched on
    assert asked == ["news.test"] and internet == ["127.0.0.1"]  # resolved once, by the guard
    with pytest.raises(SourceError, match=r"news\.test resolves to non-public address 127\.0\.0\.1"):
        fetch(f"http://news.test:{port}/a", Limits(), resolver=resolver)
    assert servers["internal"].hits == ["/a"]


def test_every_redirect_hop_is_checked_at_connect_time(servers: dict[str, Any], internet: list[str]) -> None:
    port = servers["internal"].server_address[1]
    servers["public"].body = f"Location: http://inside.test:{port}/admin".encode()

    def resolver(host: str, _: int) -> list[Any]:
        return [ipaddress.ip_address(PUBLIC if host == "outside.test" else "127.0.0.1")]

    with pytest.raises(SourceError, match=r"inside.test resolves to non-public address 127.0.0.1"):
        fetch(f"http://outside.test:{port}/", Limits(), resolver=resolver)
    assert servers["public"].hits == ["/"] and servers["internal"].hits == []


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("::127.0.0.1", "IPv4-compatible"),
        ("::ffff:127.0.0.1", "IPv4-mapped"),
        ("::ffff:8.8.8.8", "IPv4-mapped"),
        ("::ffff:0:7f00:1", "IPv4-translated"),
        ("64:ff9b::7f00:1", "NAT64"),
        ("64:ff9b::808:808", "NAT64"),
        ("64:ff9b:1::7f00:1", "NAT64"),
        ("2002:7f00:1::1", "6to4"),
        ("2001:0:4136:e378:8000:63bf:3fff:fdd2", "Teredo"),
        ("fec0::1", "site-local"),
        ("fe80::1", ""),
        ("fc00::1", ""),
        ("::1", ""),
        ("::", ""),
        ("ff02::1", ""),
        ("127.0.0.1", ""),
        ("10.1.2.3", ""),
        ("172.16.0.1", ""),
        ("192.168.1.1", ""),
        ("169.254.169.254", ""),
        ("100.64.0.1", ""),
        ("0.0.0.0", ""),
        ("224.0.0.1", ""),
        ("255.255.255.255", ""),
    ],
)
def test_address_forms_are_refused(address: str, kind: str) -> None:
    """Break 9: IPv6 forms embedding IPv4, site-local and NAT64 passed the address check."""
    from pressespiegel.ingest.fetch import address_problem

    problem = address_problem(ipaddress.ip_address(address))
    assert problem is not None and "non-public address" in problem
    assert kind in problem


@pytest.mark.parametrize("address", ["93.184.215.14", "2a00:1450:4001:82b::200e", "1.1.1.1"])
def test_public_addresses_pass(address: str) -> None:
    from pressespiegel.ingest.fetch import address_problem

    assert address_problem(ipaddress.ip_address(address)) is None


@pytest.mark.parametrize(
    "url",
    ["http://[::127.0.0.1]/", "http://[64:ff9b::7f00:1]/", "http://[2002:7f00:1::1]/",
     "http://[::ffff:0:7f00:1]/", "http://[fec0::1]/", "http://2130706433/", "http://0x7f.1/",
     "http://[::ffff:7f00:1]:8080/x"],
)  # fmt: skip
def test_literal_urls_are_refused_before_and_at_connect(url: str) -> None:
    with pytest.raises(SourceError, match="non-public address"):
        check_address(url, allow_private=False)
    with pytest.raises(SourceError, match="non-public address"):
        fetch(url, Limits(http_timeout=2))


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("http://news.invalid:99999/x", "Port out of range"),
        ("http://news.invalid:-1/x", "malformed URL"),
        ("http://news.invalid:abc/x", "malformed URL"),
        ("http://news.invalid:0/x", "port 0"),
        ("http://[::1/x", "Invalid IPv6 URL"),
        ("http:///x", "no host"),
        ("http://exa mple.org/", "spaces or control characters"),
        ("http://example.org/\x00", "spaces or control characters"),
        ("ftp://example.org/", "unsupported URL scheme"),
        ("javascript:alert(1)", "unsupported URL scheme"),
    ],
)
def test_url_errors_are_one_clear_line(url: str, words: str) -> None:
    """Break 5: a bad port raised ValueError through the CLI and stopped the run."""
    with pytest.raises(SourceError) as error:
        fetch(url, Limits(http_timeout=2))
    assert words in str(error.value) and str(error.value).startswith(url)


def test_schemes_are_case_insensitive_and_urls_never_paths(tmp_path: Path) -> None:
    """Break 8: ``HTTP://…/../file`` was read as a local path (is_url was case-sensitive)."""
    assert is_url("HTTP://example.org/") and is_url("hTtPs://example.org/") and is_url("http:x")
    assert not is_url("./http-notes.txt") and not is_url("/srv/https/feed.xml")
    secret = tmp_path / "etc" / "passwd"
    secret.parent.mkdir()
    secret.write_text("root:x:0:0:Geheimnis Geheimnis Geheimnis Geheimnis Geheimnis:/root:/bin/sh\n" * 20)
    store = SQLiteStore(tmp_path / "t.db")
    sneaky = f"HTTP://127.0.0.1/../../../../../../../..{secret}"
    report = ingest([sneaky], store, analyze=False)
    stored = list(store.iter_articles())
    store.close()
    assert stored == [] and report.added == 0
    assert report.errors and "non-public address" in report.errors[0].problem


def test_feed_item_with_bad_port_does_not_stop_the_run(tmp_path: Path) -> None:
    """Break 5 through the CLI: later good files are still stored, exit 1 with one line each."""
    from conftest import seed_text

    body = seed_text(0)[:2500].replace("&", "&amp;").replace("<", "&lt;")
    (tmp_path / "a.xml").write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>eins</title><link>http://news.invalid:99999/x</link><description>{body}"
        "</description></item>"
        "<item><title>zwei</title><link>http://news.invalid:abc/y</link></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    (tmp_path / "b.txt").write_text(seed_text(1), encoding="utf-8")
    db = tmp_path / "t.db"
    run = subprocess.run(
        [sys.executable, "-m", "pressespiegel", "ingest", "--no-analyze", "--db", str(db),
         str(tmp_path / "a.xml"), str(tmp_path / "b.txt")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert "Traceback" not in run.stderr and "ValueError" not in run.stderr
    assert "2 new articles" in run.stdout, run.stdout + run.stderr
    assert "Port out of range" in run.stderr and "news.invalid:abc/y" in run.stderr


def test_feed_items_are_capped(tmp_path: Path) -> None:
    """Break 6: a 36k-item feed was read whole and held the write lock for 16 minutes."""
    items = "".join(
        f"<item><title>Meldung {i}</title><description>Text {i}</description></item>" for i in range(40)
    )
    data = f'<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>{items}</channel></rss>'
    out = list(read_feed("big.xml", data.encode(), Limits(max_feed_items=25), None))
    documents = [x for x in out if hasattr(x, "html")]
    notices = [x for x in out if getattr(x, "message", "").startswith("feed has 40 items")]
    assert len(documents) == 25 and len(notices) == 1
    assert Limits().max_feed_items == 1000


def test_module_resolver_is_the_one_connections_use(
    monkeypatch: pytest.MonkeyPatch, http_server: tuple[str, dict[str, Any]]
) -> None:
    """The default resolver (monkeypatched here as a test double) is what connect time asks."""
    base, routes = http_server
    routes["/x"] = (200, "text/html", b"<html><body><p>x</p></body></html>")
    port = int(base.rsplit(":", 1)[1])
    monkeypatch.setattr(fetch_module, "resolve", lambda host, port: [ipaddress.ip_address("127.0.0.1")])
    with pytest.raises(SourceError, match=r"news\.test resolves to non-public address 127\.0\.0\.1"):
        fetch(f"http://news.test:{port}/x", Limits())
