"""Polling one feed and fetching its new pages: conditional GET, retries, moves, feed state.

These functions run in the monitor's worker threads and touch no database: :func:`poll_feed`
returns what the feed said, :func:`fetch_pages` the pages of the items the main thread found
new, and :func:`after_poll` / :func:`after_failure` compute the feed's next state (pure).
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from email.utils import parsedate_to_datetime
from typing import Any

from pressespiegel.errors import SourceError
from pressespiegel.ingest.feeds import ParsedFeed, entry_date, entry_html, looks_like_feed, parse_feed
from pressespiegel.ingest.fetch import Fetched, HTTPStatusError, NetworkError, fetch
from pressespiegel.ingest.files import decode
from pressespiegel.ingest.limits import Limits
from pressespiegel.monitor.polite import HostGate, Robots
from pressespiegel.store.monitoring import FeedItem, FeedState

#: HTTP statuses worth retrying: the server is overloaded or briefly broken.
TRANSIENT_STATUS = frozenset({408, 425, 429, 500, 502, 503, 504})
#: Statuses after which a feed is polled only once a day: it is gone.
GONE_STATUS = frozenset({404, 410})
#: Longest item key kept as is (longer ids are hashed).
MAX_KEY_CHARS = 300


@dataclass(frozen=True, kw_only=True)
class MonitorConfig:
    """How the monitor polls; every figure can be set from the command line."""

    #: Seconds between two polls of one feed.
    every: float = 600.0
    #: Seconds between two requests to one host (one connection per host at a time).
    delay: float = 1.0
    #: Hosts polled at the same time.
    connections: int = 8
    #: Retries of a failed request within one poll (timeouts, 5xx, 429), and the first pause.
    retries: int = 2
    retry_base: float = 2.0
    #: Longest pause before a failing feed is polled again (the pause doubles per failure).
    max_backoff: float = 6 * 3600.0
    #: Items fetched per feed and cycle; the rest wait for the next cycles (bounded memory).
    max_items_per_poll: int = 100
    #: Page fetches tried per item before the text the feed carries is stored instead.
    item_attempts: int = 3
    limits: Limits = field(default_factory=Limits)


class PoliteHTTP:
    """GET through the host gate, retrying transient failures with exponential backoff."""

    def __init__(self, config: MonitorConfig, gate: HostGate, stop: threading.Event) -> None:
        self.config = config
        self.gate = gate
        self.stop = stop

    def get(
        self, url: str, *, headers: Mapping[str, str] | None = None, max_bytes: int | None = None
    ) -> Fetched:
        attempt = 0
        while True:
            try:
                with self.gate.slot(url):
                    return fetch(url, self.config.limits, max_bytes=max_bytes, headers=headers)
            except (HTTPStatusError, NetworkError) as exc:
                transient = isinstance(exc, NetworkError) or exc.status in TRANSIENT_STATUS
                if not transient or attempt >= self.config.retries or self.stop.is_set():
                    raise
            if self.stop.wait(self.config.retry_base * 2**attempt):
                raise NetworkError(url, "stopped while waiting to retry")
            attempt += 1


@dataclass(frozen=True, kw_only=True)
class PollResult:
    """What one poll of a feed found (computed in a worker thread)."""

    feed: FeedState
    fetched: Fetched | None = None
    parsed: ParsedFeed | None = None
    error: SourceError | None = None
    #: Hash of the body: a feed that ignores validators but did not change is not parsed again.
    body_hash: str | None = None
    unchanged: bool = False


def poll_feed(feed: FeedState, http: PoliteHTTP, previous_hash: str | None) -> PollResult:
    """Conditional GET of ``feed`` and, when it changed, its entries."""
    headers = {}
    if feed.etag:
        headers["If-None-Match"] = feed.etag
    if feed.last_modified:
        headers["If-Modified-Since"] = feed.last_modified
    try:
        fetched = http.get(feed.fetch_url, headers=headers, max_bytes=http.config.limits.max_feed_bytes)
    except SourceError as exc:
        return PollResult(feed=feed, error=exc)
    if fetched.status == 304:
        return PollResult(feed=feed, fetched=fetched, unchanged=True)
    body_hash = hashlib.sha256(fetched.content).hexdigest()
    if previous_hash is not None and body_hash == previous_hash:
        return PollResult(feed=feed, fetched=fetched, body_hash=body_hash, unchanged=True)
    if not looks_like_feed(fetched.content):
        kind = fetched.content_type.split(";")[0] or "unknown type"
        error = SourceError(feed.fetch_url, f"not an RSS or Atom feed ({kind})")
        return PollResult(feed=feed, fetched=fetched, error=error)
    try:
        parsed = parse_feed(feed.fetch_url, fetched.content)
    except SourceError as exc:
        return PollResult(feed=feed, fetched=fetched, error=exc)
    except Exception as exc:  # feedparser on hostile input: this feed fails, the monitor goes on
        error = SourceError(feed.fetch_url, f"cannot parse the feed ({type(exc).__name__}: {exc})")
        return PollResult(feed=feed, fetched=fetched, error=error)
    return PollResult(feed=feed, fetched=fetched, parsed=parsed, body_hash=body_hash)


def item_key(entry: Any) -> str:
    """The identity of a feed entry: id (guid), else link, else a hash of title and text."""
    key = str(entry.get("id") or entry.get("link") or "").strip()
    if not key:
        text = f"{entry.get('title') or ''}\n{entry_html(entry)}"
        key = "sha256:" + hashlib.sha256(text.encode()).hexdigest()
    if len(key) > MAX_KEY_CHARS:
        key = "sha256:" + hashlib.sha256(key.encode()).hexdigest()
    return key


def stored_entry(entry: Any, outlet: str | None) -> dict[str, Any]:
    """The part of an entry kept with a seen item, enough to store it without the feed."""
    return {
        "link": entry.get("link"),
        "title": entry.get("title"),
        "published": entry_date(entry),
        "summary": entry_html(entry),
        "outlet": outlet,
    }


def entry_of(stored: Mapping[str, Any]) -> dict[str, Any]:
    """A stored entry in the shape :func:`pressespiegel.ingest.feeds.entry_items` reads."""
    entry = {k: stored.get(k) for k in ("link", "title", "summary")}
    if stored.get("published"):
        with contextlib.suppress(ValueError):
            entry["published_parsed"] = time.strptime(str(stored["published"])[:10], "%Y-%m-%d")
    return entry


@dataclass(frozen=True, kw_only=True)
class PageResult:
    """One item's page: fetched, refused by robots.txt, failed for now, or failed for good."""

    item: FeedItem
    page: tuple[str, str] | None = None
    error: SourceError | None = None
    #: The failure may pass (timeout, 5xx, robots.txt unreadable): the item is retried later.
    transient: bool = False


def fetch_pages(
    items: Sequence[FeedItem], http: PoliteHTTP, robots: Robots | None, stop: threading.Event
) -> list[PageResult]:
    """Fetch the page of each item (robots.txt permitting); stop between items when asked."""
    results: list[PageResult] = []
    for item in items:
        if stop.is_set():
            break
        link = item.link
        if not link or robots is None:  # no page, or the user chose the feed text (--no-fetch-items)
            results.append(PageResult(item=item))
            continue
        try:
            answer = robots.check(link, http.gate)
            if answer.allowed is False:
                results.append(PageResult(item=item, error=SourceError(link, answer.reason)))
                continue
            if answer.allowed is None:
                error = SourceError(link, answer.reason)
                results.append(PageResult(item=item, error=error, transient=True))
                continue
            fetched = http.get(link)
            html, _ = decode(link, fetched.content, html=True)
            results.append(PageResult(item=item, page=(fetched.url, html)))
        except SourceError as exc:
            transient = isinstance(exc, NetworkError) or (
                isinstance(exc, HTTPStatusError) and exc.status in TRANSIENT_STATUS
            )
            results.append(PageResult(item=item, error=exc, transient=transient))
    return results


def _stamp(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")


def after_poll(
    feed: FeedState,
    result: PollResult,
    *,
    now: datetime,
    config: MonitorConfig,
    new_items: int,
    added: int,
    complete: bool,
) -> FeedState:
    """The feed's state after a poll that got an answer (200 or 304).

    Validators are kept only when every new item was handled (``complete``): a poll cut short
    keeps the old ones, so the next poll gets the whole feed again instead of a 304.
    """
    fetched = result.fetched
    assert fetched is not None
    state = replace(
        feed,
        fetch_url=fetched.moved_to or feed.fetch_url,
        last_polled=_stamp(now),
        last_success=_stamp(now),
        last_status=fetched.status,
        last_error=None,
        errors=0,
        next_poll=_stamp(now + timedelta(seconds=config.every)),
        articles=feed.articles + added,
        last_new=_stamp(now) if new_items else feed.last_new,
        title=feed.title or (result.parsed.outlet if result.parsed else None),
    )
    if complete and fetched.status != 304:
        state = replace(
            state,
            etag=fetched.headers.get("etag") or None,
            last_modified=fetched.headers.get("last-modified") or None,
            body_hash=result.body_hash,
        )
    return state


def after_failure(feed: FeedState, result: PollResult, *, now: datetime, config: MonitorConfig) -> FeedState:
    """The feed's state after a failed poll: counted, and polled again after a growing pause."""
    error = result.error
    assert error is not None
    errors = feed.errors + 1
    status = (
        error.status
        if isinstance(error, HTTPStatusError)
        else (result.fetched.status if result.fetched else None)
    )
    pause = min(config.every * 2 ** (errors - 1), config.max_backoff)
    if status in GONE_STATUS and errors >= 3:
        pause = max(pause, 24 * 3600.0)
    retry_after = _retry_after(error, now)
    if retry_after is not None:
        pause = min(max(pause, retry_after), config.max_backoff)
    return replace(
        feed,
        fetch_url=(result.fetched.moved_to if result.fetched and result.fetched.moved_to else feed.fetch_url),
        last_polled=_stamp(now),
        last_status=status,
        last_error=error.problem,
        errors=errors,
        next_poll=_stamp(now + timedelta(seconds=pause)),
    )


def _retry_after(error: SourceError, now: datetime) -> float | None:
    """Seconds a 429/503 asked us to wait (Retry-After as seconds or an HTTP date)."""
    if not isinstance(error, HTTPStatusError) or not error.retry_after:
        return None
    value = error.retry_after.strip()
    if value.isdigit():
        return float(value)
    try:
        return max(0.0, (parsedate_to_datetime(value) - now).total_seconds())
    except (TypeError, ValueError):
        return None
