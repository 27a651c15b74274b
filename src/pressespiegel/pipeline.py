"""Orchestration at the edge: runs pure stages over what the store holds and writes results back."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from pressespiegel.records import Article
from pressespiegel.store.sqlite import SQLiteStore
from pressespiegel.stories import UNDATED, Grouper, Membership, article_time, story_label
from pressespiegel.stories.members import Member


def _timed(rows: list[tuple[Article, str]]) -> list[tuple[Article, datetime]]:
    """Articles with the time they appeared; undated ones get UNDATED (grouped by content only)."""
    return [(a, article_time(a)) for a, _ in rows]


def _iso(when: datetime | None) -> str:
    """A story's or storyline's time as stored: "" when it has no dated article ("ohne Datum")."""
    return "" if when is None or when == UNDATED else when.isoformat()


def update_stories(
    store: SQLiteStore,
    *,
    rebuild: bool = False,
    on_problem: Callable[[str, str], None] | None = None,
) -> list[Membership]:
    """Group the articles not yet in a story (online), or all of them again (``rebuild``).

    New articles of one run are taken in publication order; a rebuild repeats the order in
    which the articles were first grouped, then adds any ungrouped ones, so it reproduces the
    online result. An article that cannot be grouped is reported to ``on_problem`` (source,
    message) and stays ungrouped; the others are grouped and saved.
    """

    def failed(article: Article, exc: Exception) -> None:
        if on_problem is not None:
            on_problem(article.source, f"grouping failed ({type(exc).__name__}: {str(exc)[:200]}); "
                       "the article stays stored, ungrouped; please report it")  # fmt: skip

    state = None if rebuild else store.grouping_state()
    grouper = Grouper.from_state(state) if state else Grouper()
    previous = _timed(store.grouped_in_order()) if rebuild else []
    # dated articles in time order, then the undated ones (they join what exists by content)
    fresh = sorted(
        _timed(store.ungrouped_articles()), key=lambda pair: (pair[1] == UNDATED, pair[1], pair[0].id)
    )
    memberships = grouper.add(previous + fresh, on_error=failed)
    if not memberships and state is not None:
        return []
    articles = {a.id: a for a, _ in previous + fresh}
    labels = _labels(store, grouper, memberships, articles)
    lines = grouper.storylines()
    line_of = {story_id: line.id for line in lines for story_id in line.stories}
    stories: list[dict[str, Any]] = [
        {
            "id": s.id,
            "storyline": line_of[s.id],
            "label": labels.get(s.id) or " · ".join(s.key_terms(4)),
            "key_terms": s.key_terms(8),
            "first": _iso(s.first),
            "last": _iso(s.last),
            "size": s.size,
            "origins": s.origins,
        }
        for s in grouper.stories.values()
    ]
    label_of = {s["id"]: s["label"] for s in stories}
    storylines = [
        {
            "id": line.id,
            "label": label_of[line.stories[-1]],
            "first": _iso(line.first),
            "last": _iso(line.last),
            "stories": len(line.stories),
        }
        for line in lines
    ]
    store.save_grouping(memberships, grouper.to_state(), stories, storylines, reset=rebuild)
    return memberships


def _labels(
    store: SQLiteStore, grouper: Grouper, new: list[Membership], articles: dict[str, Article]
) -> dict[str, str]:
    """Labels (most central headline) for every story; stories untouched keep their stored label.

    Members grouped earlier come from the store; the ones just grouped from ``articles``.
    """
    by_story: dict[str, list[Membership]] = {}
    for m in new:
        by_story.setdefault(m.story, []).append(m)
    labels = {s["id"]: s["label"] for s in store.list_stories() if s["id"] not in by_story}
    for story_id, members in by_story.items():
        stored = store.story_members(story_id)
        titles = {m["id"]: m["title"] for m in stored if m["title"]}
        vectors = {m["id"]: m["vector"] for m in stored}
        for m in members:
            vectors[m.article] = m.vector
            article = articles[m.article]
            if article.title or article.lead:
                titles[m.article] = article.title or (article.lead or "")[:100]
        labels[story_id] = story_label(grouper.stories[story_id], titles, vectors)
    return labels


def load_members(store: SQLiteStore, story_id: str) -> list[Member]:
    """A story's member articles with their origins, from the store."""
    members = []
    for row in store.story_members(story_id):
        article = store.get_article(row["id"])
        if article is not None:
            members.append(Member(article=article, origin=row["origin"]))
    return members


def select_stories(
    store: SQLiteStore, *, since: str | None = None, story: str | None = None, top: int = 10
) -> list[dict[str, Any]]:
    """The stories of a review: one by id, or the top ones last reported on or after ``since``,
    ranked by independent origins, then recency."""
    stories = store.list_stories()
    if story:
        return [s for s in stories if s["id"] == story]
    if since:
        stories = [s for s in stories if s["last"][:10] >= since]
    return stories[:top] if top else stories


def build_review(
    store: SQLiteStore,
    *,
    since: str | None = None,
    story: str | None = None,
    top: int = 10,
    lang: str | None = None,
) -> dict[str, Any]:
    """The press review record for the selected stories (see :mod:`pressespiegel.report`)."""
    from pressespiegel.report.digest import build_digest
    from pressespiegel.report.render import review_document

    selected = select_stories(store, since=since, story=story, top=0)
    digests = [build_digest(s, load_members(store, s["id"])).to_json()
               for s in (selected[:top] if top else selected)]  # fmt: skip
    return review_document(digests, title="Pressespiegel", since=since, total=len(selected), lang=lang)
