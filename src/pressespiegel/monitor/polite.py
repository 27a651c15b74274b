"""Politeness towards the sites polled: one connection per host, a pause, robots.txt for pages.

:class:`HostGate` lets one request per host run at a time and keeps at least ``delay`` seconds
between the end of one request and the start of the next to the same host (a site's own
``Crawl-delay`` raises it). Threads wait for their host; other hosts go on meanwhile.

:class:`Robots` reads a site's robots.txt (RFC 9309) before its article pages are fetched;
feeds themselves are what a site publishes for machines, so they are polled regardless (as feed
readers do). A robots.txt that is missing (4xx) allows everything; one that cannot be read
(5xx, network) means "try later", never "allowed".
"""

from __future__ import annotations

import threading
import time
import urllib.robotparser
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from pressespiegel.errors import SourceError
from pressespiegel.ingest.fetch import USER_AGENT, Fetched, HTTPStatusError

#: Seconds a robots.txt is trusted before it is read again.
ROBOTS_TTL = 24 * 3600.0
#: Seconds to wait before asking again for a robots.txt that could not be read.
ROBOTS_RETRY = 600.0
#: Largest Crawl-delay honoured (a site asking for more is polled at this pace).
MAX_CRAWL_DELAY = 60.0
#: Largest robots.txt read (Google reads 500 KiB).
MAX_ROBOTS_BYTES = 512 * 1024


def host_of(url: str) -> str:
    """``scheme://host:port`` of a URL: the unit politeness counts by."""
    parts = urlsplit(url)
    return f"{parts.scheme.lower()}://{(parts.hostname or '').lower()}:{parts.port or ''}"


class HostGate:
    """One request at a time per host, ``delay`` seconds apart (see the module docstring)."""

    def __init__(self, delay: float, *, clock: Callable[[], float] = time.monotonic) -> None:
        self.delay = delay
        self._clock = clock
        self._cond = threading.Condition()
        self._busy: set[str] = set()
        self._free_at: dict[str, float] = {}
        self._delays: dict[str, float] = {}

    def set_delay(self, url: str, seconds: float) -> None:
        """Use at least ``seconds`` between requests to this URL's host (from Crawl-delay)."""
        with self._cond:
            self._delays[host_of(url)] = min(max(seconds, 0.0), MAX_CRAWL_DELAY)

    @contextmanager
    def slot(self, url: str) -> Iterator[None]:
        """Hold ``url``'s host for one request."""
        host = host_of(url)
        with self._cond:
            while True:
                wait = self._free_at.get(host, 0.0) - self._clock()
                if host not in self._busy and wait <= 0:
                    break
                self._cond.wait(timeout=wait if host not in self._busy and wait > 0 else None)
            self._busy.add(host)
        try:
            yield
        finally:
            with self._cond:
                self._busy.discard(host)
                self._free_at[host] = self._clock() + max(self.delay, self._delays.get(host, 0.0))
                self._cond.notify_all()


@dataclass(frozen=True, kw_only=True, slots=True)
class RobotsAnswer:
    """May the page be fetched? ``None``: robots.txt could not be read now (try again later)."""

    allowed: bool | None
    reason: str = ""


class Robots:
    """robots.txt per host, read with ``get`` (a polite fetch) and cached for :data:`ROBOTS_TTL`."""

    def __init__(self, get: Callable[[str], Fetched], *, clock: Callable[[], float] = time.monotonic) -> None:
        self._get = get
        self._clock = clock
        self._lock = threading.Lock()
        self._cache: dict[str, tuple[float, urllib.robotparser.RobotFileParser | None, bool]] = {}
        self.agent = USER_AGENT.split("/")[0]

    def check(self, url: str, gate: HostGate | None = None) -> RobotsAnswer:
        host = host_of(url)
        with self._lock:
            cached = self._cache.get(host)
        now = self._clock()
        if cached is None or cached[0] <= now:
            cached = self._load(url, now)
            with self._lock:
                self._cache[host] = cached
            if cached[1] is not None and gate is not None:
                delay = cached[1].crawl_delay(self.agent)
                if delay:
                    gate.set_delay(url, float(delay))
        _, parser, readable = cached
        if not readable:
            return RobotsAnswer(allowed=None, reason="robots.txt could not be read; will try again")
        if parser is None or parser.can_fetch(self.agent, url):
            return RobotsAnswer(allowed=True)
        return RobotsAnswer(allowed=False, reason="robots.txt disallows the page")

    def _load(self, url: str, now: float) -> tuple[float, urllib.robotparser.RobotFileParser | None, bool]:
        parts = urlsplit(url)
        robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
        try:
            fetched = self._get(robots_url)
        except HTTPStatusError as exc:
            if 400 <= exc.status < 500:  # no robots.txt: everything allowed (RFC 9309 2.3.1.3)
                return now + ROBOTS_TTL, None, True
            return now + ROBOTS_RETRY, None, False
        except SourceError:
            return now + ROBOTS_RETRY, None, False
        parser = urllib.robotparser.RobotFileParser()
        text = fetched.content[:MAX_ROBOTS_BYTES].decode("utf-8", errors="replace")
        parser.parse(text.splitlines())
        return now + ROBOTS_TTL, parser, True
