"""RSS and Atom feeds: each item's page is fetched and extracted; the feed's own text is the fallback."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import feedparser

from pressespiegel.errors import SourceError
from pressespiegel.ingest.items import Item, Notice
from pressespiegel.ingest.limits import Limits
from pressespiegel.records import RawDocument

#: Feed text shorter than this (in words) is only a teaser of the article.
FEED_TEASER_MAX_WORDS = 120  # RSS descriptions run 20–80 words; full-content feeds carry 300+


def looks_like_feed(data: bytes) -> bool:
    """True if the first bytes look like an RSS, RDF or Atom document."""
    head = data[:2048].lower()
    return b"<rss" in head or b"<feed" in head or b"<rdf:rdf" in head


def read_feed(
    source: str, data: bytes, limits: Limits, fetch_page: Callable[[str], tuple[str, str]] | None
) -> Iterator[Item]:
    """Yield one RawDocument per feed entry; a malformed feed with no entries is one SourceError.

    ``fetch_page(url)`` returns (final URL, HTML); when it is None or fails, the entry's own
    content or summary is used and, if short, the article is marked as a teaser.
    """
    feed = parse_feed(source, data, limits.max_feed_items)
    if feed.notice:
        yield feed.notice
    if feed.left_out:
        yield Notice(
            source=source,
            message=f"feed has {len(feed.entries) + feed.left_out:,} items; only the first "
            f"{len(feed.entries):,} are read (Limits.max_feed_items)",
        )
    for index, entry in enumerate(feed.entries, start=1):
        yield from entry_items(source, index, entry, feed.outlet, fetch_page)


@dataclass(frozen=True, kw_only=True, slots=True)
class ParsedFeed:
    """A feed read by feedparser: its entries, the outlet (feed title) and a leniency notice."""

    entries: list[Any]
    outlet: str | None
    notice: Notice | None
    #: Entries past the item limit, not returned.
    left_out: int = 0


def parse_feed(source: str, data: bytes, max_items: int = Limits().max_feed_items) -> ParsedFeed:
    """Parse a feed document; raise SourceError when it is malformed with nothing usable or empty.

    Only the first ``max_items`` entries are returned (a 36,000-item feed held the store's write
    lock for 16 minutes); how many were left out is in ``left_out``.
    """
    parsed: Any = feedparser.parse(data)
    entries = list(parsed.entries)
    usable = [e for e in entries if e.get("link") or entry_html(e)]
    if parsed.bozo and not usable:
        reason = getattr(parsed, "bozo_exception", None)
        raise SourceError(source, f"malformed feed ({reason or 'not RSS or Atom'})")
    if not entries:
        raise SourceError(source, "feed has no items")
    notice = (
        Notice(source=source, message=f"feed is not well-formed ({parsed.bozo_exception}); read leniently")
        if parsed.bozo
        else None
    )
    return ParsedFeed(
        entries=entries[:max_items], outlet=(parsed.feed.get("title") or "").strip() or None, notice=notice,
        left_out=max(0, len(entries) - max_items),
    )  # fmt: skip


def entry_items(
    source: str,
    index: int,
    entry: Any,
    outlet: str | None,
    fetch_page: Callable[[str], tuple[str, str]] | None,
) -> Iterator[Item]:
    """The document of one feed entry: its fetched page, else the text the feed carries."""
    link = entry.get("link")
    title = entry.get("title")
    published = entry_date(entry)
    where = link or f"{source} item {index}"
    if link and fetch_page is not None:
        try:
            final_url, html = fetch_page(link)
            yield RawDocument(
                source=final_url, html=html, url=final_url, title=title, published=published, outlet=None
            )
            return
        except SourceError as exc:
            yield Notice(source=where, message=f"{exc.problem}; using the text the feed carries")
    content = entry_html(entry)
    if not content:
        yield SourceError(where, "feed item has neither a fetchable link nor any text")
        return
    words = len(content.split())
    yield RawDocument(
        source=where,
        html=f"<html><body><article>{content}</article></body></html>",
        url=link,
        title=title,
        published=published,
        outlet=outlet,
        teaser=words < FEED_TEASER_MAX_WORDS,
    )


def entry_html(entry: Any) -> str:
    """The richest text an entry carries (content, else summary) as HTML."""
    for item in entry.get("content") or []:
        value = item.get("value") or ""
        if value.strip():
            return str(value)
    return str(entry.get("summary") or "")


def entry_date(entry: Any) -> str | None:
    """The entry's publication (else update) day, ISO."""
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None
