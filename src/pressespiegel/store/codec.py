"""Articles to and from plain JSON-able dicts, and grouping steps to table rows: the one place
that knows the field layout both backends store."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from pressespiegel.records import Article, Paragraph, PublicationDate, Removed
from pressespiegel.store.records import GroupingUpdate


def article_to_dict(article: Article) -> dict[str, Any]:
    """All fields of an article as JSON-able values (the export and storage layout)."""
    published = article.published
    return {
        "id": article.id,
        "source": article.source,
        "url": article.url,
        "outlet": article.outlet,
        "agency": article.agency,
        "agencies": list(article.agencies),
        "authors": list(article.authors),
        "title": article.title,
        "lead": article.lead,
        "published": published.value if published else None,
        "published_method": published.method if published else None,
        "published_reliable": published.reliable if published else False,
        "language": article.language,
        "language_score": article.language_score,
        "teaser": article.teaser,
        "text": article.text,
        "paragraphs": [{"text": p.text, "kind": p.kind} for p in article.paragraphs],
        "boilerplate": [{"text": r.text, "reason": r.reason} for r in article.boilerplate],
        "analysis": dict(article.analysis) if article.analysis is not None else None,
    }


def article_from_dict(data: dict[str, Any]) -> Article:
    """Inverse of :func:`article_to_dict`."""
    published = (
        PublicationDate(
            value=data["published"],
            method=data.get("published_method") or "unknown",
            reliable=bool(data.get("published_reliable")),
        )
        if data.get("published")
        else None
    )
    return Article(
        id=data["id"],
        source=data["source"],
        url=data.get("url"),
        outlet=data.get("outlet"),
        agencies=tuple(data.get("agencies") or ()),
        authors=tuple(data.get("authors") or ()),
        title=data.get("title"),
        paragraphs=tuple(Paragraph(text=p["text"], kind=p["kind"]) for p in data.get("paragraphs") or ()),
        published=published,
        language=data.get("language"),
        language_score=float(data.get("language_score") or 0.0),
        teaser=bool(data.get("teaser")),
        boilerplate=tuple(Removed(text=r["text"], reason=r["reason"]) for r in data.get("boilerplate") or ()),
        analysis=data.get("analysis"),
    )


@dataclass(frozen=True, slots=True)
class GroupingRows:
    """A grouping step serialized for the tables (before the write transaction starts)."""

    memberships: list[tuple[str, str, str, str | None, float, int, str]]
    stories: list[tuple[str, str, str, str, str, str, int, int]]
    storylines: list[tuple[str, str, str, str, int]]
    state: str


def grouping_rows(update: GroupingUpdate) -> GroupingRows:
    """Rows of memberships, stories, storylines and the state JSON of one grouping step."""
    return GroupingRows(
        memberships=[(m.article, m.story, m.origin, m.copy_of, m.score, m.seq, json.dumps(m.vector))
                     for m in update.memberships],
        stories=[(s.id, s.storyline, s.label, json.dumps(list(s.key_terms), ensure_ascii=False), s.first,
                  s.last, s.size, s.origins) for s in update.stories],
        storylines=[(x.id, x.label, x.first, x.last, x.stories) for x in update.storylines],
        state=json.dumps(update.state),
    )  # fmt: skip
