"""A local feed server for monitor tests and the bench: routes that change between polls.

Bound to a loopback address on an ephemeral port (several test suites run on one machine at
once). Each route may carry an ETag and Last-Modified (a conditional request that matches gets
a 304), a delay (a slow server), a status (500), a redirect, and a list of statuses to answer
first (a server that fails twice, then works). Every request is logged with its headers.
"""

from __future__ import annotations

import html
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    content_type: str = "application/rss+xml; charset=utf-8"
    etag: str | None = None
    last_modified: str | None = None
    delay: float = 0.0
    location: str | None = None
    #: Statuses answered (one each) before the normal answer: [503, 503] fails twice.
    first: list[int] = field(default_factory=list)


@dataclass
class Hit:
    path: str
    status: int
    headers: dict[str, str]


class FeedServer:
    """``server.routes[path] = Route(...)``; ``server.url(path)``; ``server.hits_of(path)``."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self.routes: dict[str, Route] = {}
        self.log: list[Hit] = []
        self._lock = threading.Lock()
        outer = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_GET(self) -> None:
                route = outer.routes.get(self.path.split("?")[0])
                status, body, headers = outer._answer(route, dict(self.headers.items()))
                with outer._lock:
                    outer.log.append(Hit(self.path, status, {k.lower(): v for k, v in self.headers.items()}))
                if route is not None and route.delay:
                    time.sleep(route.delay)
                try:
                    self.send_response(status)
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout test)
                    pass

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://{host}:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def _answer(self, route: Route | None, request: dict[str, str]) -> tuple[int, bytes, dict[str, str]]:
        if route is None:
            return 404, b"not found", {"Content-Type": "text/plain"}
        with self._lock:
            if route.first:
                return route.first.pop(0), b"temporarily broken", {"Content-Type": "text/plain"}
        headers = {"Content-Type": route.content_type}
        if route.location:
            headers["Location"] = route.location
            return route.status, b"", headers
        if route.etag:
            headers["ETag"] = route.etag
        if route.last_modified:
            headers["Last-Modified"] = route.last_modified
        lowered = {k.lower(): v for k, v in request.items()}
        if route.status == 200 and (
            (route.etag and lowered.get("if-none-match") == route.etag)
            or (route.last_modified and lowered.get("if-modified-since") == route.last_modified)
        ):
            return 304, b"", headers
        return route.status, route.body, headers

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()

    def url(self, path: str) -> str:
        return self.base + path

    def hits_of(self, path: str, status: int | None = None) -> int:
        with self._lock:
            return sum(1 for h in self.log if h.path == path and (status is None or h.status == status))


def rss(
    title: str,
    items: list[tuple[str, str, str]],
    *,
    day: str = "Tue, 05 Sep 2023 10:00:00 +0000",
    descriptions: dict[str, str] | None = None,
) -> bytes:
    """An RSS 2.0 feed; items are (guid, link, title); ``descriptions`` by guid (else a teaser line)."""
    texts = descriptions or {}
    entries = "".join(
        f"<item><guid>{html.escape(guid)}</guid><link>{html.escape(link)}</link>"
        f"<title>{html.escape(name)}</title><pubDate>{day}</pubDate>"
        f"<description>{html.escape(texts.get(guid, name + ': Kurzfassung des Artikels.'))}"
        "</description></item>"
        for guid, link, name in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title>"
        f"<link>http://example.org/</link><description>Testfeed</description>{entries}</channel></rss>"
    ).encode()


def http_date(offset: float = 0.0) -> str:
    return formatdate(time.time() + offset, usegmt=True)
