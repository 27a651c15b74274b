"""Limits on what ingestion reads, as named constants a deployment can override per call."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True, slots=True)
class Limits:
    """Bounds that keep one hostile or broken input from exhausting memory or time."""

    #: Largest single-document file or record (text, HTML, one JSONL line, one WARC record).
    max_document_bytes: int = 10_000_000  # the largest real news pages we saw are ~3 MB of HTML
    #: Largest feed file or feed response.
    max_feed_bytes: int = 20_000_000
    #: Items read from one feed, in the order the feed lists them (newest first, as a rule); the
    #: rest are left out with a notice. Google News sitemaps stop at 1,000 URLs; real news feeds
    #: carry 10 to 500. A 36,000-item feed otherwise held the store's write lock for 16 minutes.
    max_feed_items: int = 1000
    #: Seconds for one HTTP request, connect to last byte.
    http_timeout: float = 20.0
    #: Redirects followed per URL (each hop is checked against the address policy).
    max_redirects: int = 5
    #: Allow URLs that resolve to private, loopback or link-local addresses (off: SSRF protection).
    allow_private: bool = False
    #: Fetch each feed item's page (off: use the text the feed carries).
    fetch_feed_items: bool = True
