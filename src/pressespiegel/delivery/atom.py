"""A topic as an Atom feed (RFC 4287): its alerts, digests and newest articles.

Built with ElementTree, which escapes every text and attribute; characters XML 1.0 does not
allow (control characters in scraped text) are dropped first, so the document always parses.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence
from urllib.parse import quote

from pressespiegel import __version__
from pressespiegel.records import Article
from pressespiegel.store.monitoring import Topic, TopicEvent

ATOM = "http://www.w3.org/2005/Atom"
_NOT_XML = re.compile("[^\u0009\u000a\u000d\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
#: Characters of an article's lead put in an entry's summary.
SUMMARY_CHARS = 600


def _clean(text: str | None) -> str:
    return _NOT_XML.sub("", text or "")


def _time(value: str | None, fallback: str) -> str:
    """An RFC 3339 timestamp from a stored time or a publication day."""
    value = value or fallback
    if len(value) == 10:
        return f"{value}T00:00:00Z"
    return value.replace("+00:00", "Z")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", {k: _clean(v) for k, v in attrs.items()})
    if text is not None:
        element.text = _clean(text)
    return element


def topic_feed(
    topic: Topic,
    articles: Sequence[tuple[Article, str]],
    events: Sequence[TopicEvent],
    *,
    base_url: str,
    updated: str,
) -> bytes:
    """The Atom document of ``topic``: events and (article, matched at) pairs, newest first."""
    ET.register_namespace("", ATOM)
    base = base_url.rstrip("/")
    page = f"{base}/topics/{quote(topic.name, safe='')}"
    feed = ET.Element(f"{{{ATOM}}}feed")
    _sub(feed, "id", f"{page}/atom.xml")
    _sub(feed, "title", f"Pressespiegel: {topic.name}")
    _sub(feed, "subtitle", topic.query)
    _sub(feed, "updated", _time(updated, updated))
    _sub(feed, "link", rel="self", href=f"{page}/atom.xml", type="application/atom+xml")
    _sub(feed, "link", rel="alternate", href=page, type="text/html")
    _sub(feed, "generator", "pressespiegel", version=__version__)
    author = _sub(feed, "author")
    _sub(author, "name", "pressespiegel")
    entries: list[tuple[str, ET.Element]] = []
    for event in events:
        entry = ET.Element(f"{{{ATOM}}}entry")
        _sub(entry, "id", f"urn:pressespiegel:event:{quote(event.key, safe=':')}")
        _sub(entry, "title", event.title)
        stamp = _time(event.created, updated)
        _sub(entry, "updated", stamp)
        _sub(entry, "category", term=event.kind)
        if event.story:
            _sub(entry, "link", rel="alternate", href=f"{base}/story/{quote(event.story, safe='')}")
        _sub(entry, "summary", str(event.payload.get("summary") or event.title))
        entries.append((stamp, entry))
    for article, matched in articles:
        entry = ET.Element(f"{{{ATOM}}}entry")
        _sub(entry, "id", f"urn:pressespiegel:article:{article.id}")
        _sub(entry, "title", article.title or (article.lead or "")[:120] or article.id)
        published = article.published.value[:10] if article.published else None
        stamp = _time(matched, updated)
        _sub(entry, "updated", stamp)
        if published:
            _sub(entry, "published", _time(published, updated))
        if article.outlet:
            _sub(_sub(entry, "author"), "name", article.outlet)
        _sub(entry, "link", rel="alternate", href=f"{base}/article/{quote(article.id, safe='')}")
        if article.url and article.url.lower().startswith(("http://", "https://")):
            _sub(entry, "link", rel="via", href=article.url)
        _sub(entry, "category", term="article")
        _sub(entry, "summary", (article.lead or article.text)[:SUMMARY_CHARS])
        entries.append((stamp, entry))
    for _, entry in sorted(entries, key=lambda pair: pair[0], reverse=True):
        feed.append(entry)
    document: bytes = ET.tostring(feed, encoding="utf-8", xml_declaration=True)
    return document
