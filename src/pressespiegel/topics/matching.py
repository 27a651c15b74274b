"""Matching new articles against every topic, resumably.

Each topic keeps a cursor: the ingest sequence number of the last article it was matched
against. :func:`refresh_topics` reads the articles after the smallest cursor in batches, tests
each topic's query on each article once and saves matches and cursors together, so whichever
path stored an article (``ingest``, ``watch``, the web form) its topics catch up on the next
refresh, and a crash repeats at most one batch (matches are idempotent).
"""

from __future__ import annotations

import re

from pressespiegel.errors import PressespiegelError
from pressespiegel.store.monitoring import MonitorStore, utc_now
from pressespiegel.topics.query import ArticleView, Node, QueryError, parse

#: Articles read per batch: one transaction per topic and batch.
MATCH_BATCH = 200
#: What a topic name may be: it becomes part of URLs and file names.
TOPIC_NAME = re.compile(r"\w[\w .,&+'–-]{0,79}", re.UNICODE)


def check_name(name: str) -> str:
    """``name`` stripped, or a PressespiegelError saying what a name may contain."""
    name = name.strip()
    if not TOPIC_NAME.fullmatch(name):
        raise PressespiegelError(
            f"topic name {name!r}: use 1-80 letters, digits, spaces and - . , & + ' (no slash)"
        )
    return name


def refresh_topics(store: MonitorStore, *, now: str | None = None) -> dict[str, int]:
    """Match every article not yet matched against each topic; return new matches per topic."""
    topics = store.list_topics()
    queries: dict[str, Node] = {}
    for topic in topics:
        try:
            queries[topic.name] = parse(topic.query)
        except QueryError:  # stored by an older version with other rules: skipped, not fatal
            continue
    if not queries:
        return {}
    cursors = {t.name: t.cursor for t in topics if t.name in queries}
    found = dict.fromkeys(cursors, 0)
    seq = min(cursors.values())
    while True:
        rows = store.articles_after(seq, MATCH_BATCH)
        if not rows:
            break
        views = [(s, a.id, ArticleView.of(a)) for s, a in rows]
        last = rows[-1][0]
        for name, query in queries.items():
            ids = [aid for s, aid, view in views if s > cursors[name] and query.matches(view)]
            store.add_topic_matches(name, ids, last, now=now or utc_now())
            found[name] += len(ids)
        seq = last
    return found
