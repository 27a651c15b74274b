"""RSS and Atom feeds: each item's page is fetched and extracted; the feed's own text is the fallback."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
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
    parsed: Any = feedparser.parse(data)
    entries = list(parsed.entries)
    usable = [e for e in entries if e.get("link") or _entry_html(e)]
    if parsed.bozo and not usable:
        reason = getattr(parsed, "bozo_exception", None)
        raise SourceError(source, f"malformed feed ({reason or 'not RSS or Atom'})")
    if not entries:
        raise SourceError(source, "feed has no items")
    if parsed.bozo:
        yield Notice(
            source=source, message=f"feed is not well-formed ({parsed.bozo_exception}); read leniently"
        )
    outlet = (parsed.feed.get("title") or "").strip() or None
    for index, entry in enumerate(entries, start=1):
        link = entry.get("link")
        title = entry.get("title")
        published = _entry_date(entry)
        where = link or f"{source} item {index}"
        if link and fetch_page is not None:
            try:
                final_url, html = fetch_page(link)
                yield RawDocument(
                    source=final_url, html=html, url=final_url, title=title, published=published, outlet=None
                )
                continue
            except SourceError as exc:
                yield Notice(source=where, message=f"{exc.problem}; using the text the feed carries")
        content = _entry_html(entry)
        if not content:
            yield SourceError(where, "feed item has neither a fetchable link nor any text")
            continue
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


def _entry_html(entry: Any) -> str:
    for item in entry.get("content") or []:
        value = item.get("value") or ""
        if value.strip():
            return str(value)
    return str(entry.get("summary") or "")


def _entry_date(entry: Any) -> str | None:
    for key in ("published_parsed", "updated_parsed"):
        value = entry.get(key)
        if value:
            return time.strftime("%Y-%m-%d", value)
    return None
