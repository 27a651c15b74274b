"""Grouping articles: copies of one origin, stories of one event, storylines across months (issue 4).

:class:`Grouper` runs the three levels over articles in arrival order:

1. copies (:mod:`.dedupe`): each article gets its origin, so agency copies count once;
2. stories (:mod:`.cluster`): the article joins an active story or opens one;
3. storylines (:mod:`.storylines`): stories are linked into storylines (recomputed, cheap).

Its state serializes to JSON, so an online run continues across processes and
``stories rebuild`` from scratch reproduces it on the same order of input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from pressespiegel.analyze.embedding import article_embedding
from pressespiegel.records import Article
from pressespiegel.stories.cluster import UNDATED, ClusterDoc, StoryClusterer, StoryState
from pressespiegel.stories.dedupe import CopyDetector
from pressespiegel.stories.evidence import article_entities
from pressespiegel.stories.storylines import Storyline, link_storylines
from pressespiegel.stories.terms import content_terms

#: Title and lead name the event; their terms count this many times in the article's vector.
HEAD_WEIGHT = 2


@dataclass(frozen=True, kw_only=True, slots=True)
class Membership:
    """One article's place in the grouping."""

    article: str
    story: str
    origin: str
    copy_of: str | None
    score: float
    seq: int
    vector: dict[str, float]


def article_time(article: Article, fallback: datetime = UNDATED) -> datetime:
    """When the article appeared: its publication date (a month or year estimate counts from its
    first day), else ``fallback``. Undated articles default to :data:`UNDATED`: they are grouped
    by content only, never by the time we happened to read them (a 2025 scrape read today must not
    join today's stories)."""
    return appeared(article.published.value if article.published else None, fallback)


def appeared(published: str | None, fallback: datetime = UNDATED) -> datetime:
    """The time of a publication date value (a year, a month or a day, with or without a time),
    else ``fallback``."""
    if published:
        padded = published + "-01-01"[len(published) - 4 :] if len(published) in {4, 7} else published
        try:
            return datetime.fromisoformat(padded).replace(tzinfo=None)
        except ValueError:
            pass
    return fallback


def cluster_doc(
    article: Article, when: datetime, origin: str | None, *, embedding: bool = True
) -> ClusterDoc:
    """The clustering view of an article: content lemmas (title and lead weighted up), entities
    and its multilingual embedding (the stored one, else computed now; ``embedding=False``: none)."""
    terms = content_terms(article.text, article.language)
    head = "\n".join(x for x in (article.title, article.lead) if x)
    for term, count in content_terms(head, article.language).items():
        terms[term] += (HEAD_WEIGHT - 1) * count
    return ClusterDoc(
        id=article.id, when=when, terms=terms, origin=origin, language=article.language,
        entities=article_entities(article), embedding=article_embedding(article) if embedding else None,
    )  # fmt: skip


class Grouper:
    """Copies, stories and storylines, online."""

    def __init__(
        self,
        copies: CopyDetector | None = None,
        clusterer: StoryClusterer | None = None,
        seq: int = 0,
        *,
        embedding: bool = True,
    ):
        self.copies = copies or CopyDetector()
        self.clusterer = clusterer or StoryClusterer()
        self.seq = seq
        self.embedding = embedding  # False: terms and entities only (the grouping before embeddings)

    def add(
        self,
        articles: Iterable[tuple[Article, datetime]],
        on_error: Callable[[Article, Exception], None] | None = None,
    ) -> list[Membership]:
        """Assign articles in the order given; (article, time it appeared).

        With ``on_error``, an article that cannot be grouped is reported there and left out
        (it stays ungrouped); the others are grouped. Without it, the error is raised.
        """
        out: list[Membership] = []
        for article, when in articles:
            try:
                out.append(self._add_one(article, when))
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(article, exc)
        return out

    def _add_one(self, article: Article, when: datetime) -> Membership:
        try:
            doc = cluster_doc(article, when, None, embedding=self.embedding)
        except Exception:  # a broken language resource: the language-neutral terms instead
            doc = cluster_doc(replace(article, language=None), when, None, embedding=self.embedding)
        match = self.copies.add(article.id, article.text, when, frozenset(article.agencies))
        assignment = self.clusterer.add(replace(doc, origin=match.origin if match.copy_of else None))
        self.seq += 1
        return Membership(
            article=article.id,
            story=assignment.story,
            origin=match.origin,
            copy_of=match.copy_of,
            score=assignment.score,
            seq=self.seq,
            vector=assignment.vector,
        )

    @property
    def stories(self) -> dict[str, StoryState]:
        return self.clusterer.stories

    def storylines(self) -> list[Storyline]:
        return link_storylines(self.clusterer.stories.values())

    def to_state(self) -> dict[str, Any]:
        return {"copies": self.copies.to_state(), "stories": self.clusterer.to_state(), "seq": self.seq}

    @classmethod
    def from_state(cls, state: dict[str, Any]) -> Grouper:
        return cls(
            CopyDetector.from_state(state["copies"]),
            StoryClusterer.from_state(state["stories"]),
            state["seq"],
        )


def story_label(story: StoryState, titles: dict[str, str], vectors: dict[str, dict[str, float]]) -> str:
    """The most central headline among the story's members, else its key terms."""
    from pressespiegel.stories.cluster import cosine

    best = max(
        ((cosine(vectors[a], story.centroid), -i, titles[a]) for i, a in enumerate(vectors) if titles.get(a)),
        default=None,
    )
    return best[2] if best else " · ".join(story.key_terms(4))


__all__ = ["UNDATED", "Grouper", "Membership", "appeared", "article_time", "cluster_doc", "story_label"]
