"""Grouping articles: copies of one origin, stories of one event, storylines across months (issue 4).

:class:`Grouper` runs the three levels over articles in arrival order:

1. copies (:mod:`.dedupe`): each article gets its origin, so agency copies count once;
2. stories (:mod:`.cluster`): the article joins an active story or opens one;
3. storylines (:mod:`.storylines`): stories are linked into storylines (recomputed, cheap).

Its state serializes to JSON, so an online run continues across processes and
``stories rebuild`` from scratch reproduces it on the same order of input.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pressespiegel.records import Article
from pressespiegel.stories.cluster import UNDATED, StoryClusterer, StoryState
from pressespiegel.stories.dedupe import CopyDetector
from pressespiegel.stories.features import HEAD_WEIGHT, GroupingFeatures, cluster_doc, grouping_features
from pressespiegel.stories.storylines import Storyline, link_storylines


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
        features: Mapping[str, GroupingFeatures] | None = None,
    ) -> list[Membership]:
        """Assign articles in the order given; (article, time it appeared).

        With ``on_error``, an article that cannot be grouped is reported there and left out
        (it stays ungrouped); the others are grouped. Without it, the error is raised.
        ``features`` (article id → :class:`GroupingFeatures`, e.g. computed by a batch engine's
        workers) saves computing them here; an article without them gets them computed. The
        result is the same either way.
        """
        out: list[Membership] = []
        for article, when in articles:
            try:
                known = features.get(article.id) if features is not None else None
                out.append(self._add_one(article, when, known))
            except Exception as exc:
                if on_error is None:
                    raise
                on_error(article, exc)
        return out

    def _add_one(self, article: Article, when: datetime, f: GroupingFeatures | None = None) -> Membership:
        """One article; ``f``: its features if known (recomputed if they were made for another
        article or with the other embedding setting)."""
        if f is None or f.id != article.id or (f.embedding is not None) != self.embedding:
            f = grouping_features(article, embedding=self.embedding)
        match = self.copies.add_signature(
            article.id, f.minhash, f.shingles, when, frozenset(article.agencies)
        )
        assignment = self.clusterer.add(f.cluster_doc(when, match.origin if match.copy_of else None))
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


__all__ = [
    "HEAD_WEIGHT",
    "UNDATED",
    "Grouper",
    "GroupingFeatures",
    "Membership",
    "appeared",
    "article_time",
    "cluster_doc",
    "grouping_features",
    "story_label",
]
