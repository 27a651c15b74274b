"""Typed records that cross the storage seam (what :class:`pressespiegel.store.Store` takes and gives).

Articles cross as :class:`pressespiegel.records.Article`; everything the store derives or keeps
about them (stories, storylines, members, search hits, quotations, entity counts) crosses as
one of the frozen records below, so no caller depends on a backend's column names.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from pressespiegel.stories import Membership

#: Shortest id prefix an article lookup accepts (shorter ones are too likely to be ambiguous).
MIN_PREFIX = 6
#: Sorts after every character: ``prefix <= id < prefix + PREFIX_END`` selects ids with that prefix.
PREFIX_END = "\U0010ffff"


@dataclass(frozen=True, kw_only=True, slots=True)
class AddResult:
    """What one batch did: articles newly stored and articles that were already there."""

    added: int
    existing: int


@dataclass(frozen=True, kw_only=True, slots=True)
class PendingArticle:
    """An article waiting to be grouped: what ordering it needs, without its body."""

    id: str
    published: str | None
    #: When this store first stored it (ISO 8601, UTC): the article's time when it has no date.
    ingested_at: str


@dataclass(frozen=True, kw_only=True, slots=True)
class StoryRecord:
    """A story as stored: one event, its label, time span, size and independent origins."""

    id: str
    storyline: str
    label: str
    key_terms: tuple[str, ...]
    first: str
    last: str
    size: int
    origins: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "storyline": self.storyline,
            "first": self.first,
            "last": self.last,
            "size": self.size,
            "origins": self.origins,
            "key_terms": list(self.key_terms),
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class StorylineRecord:
    """A storyline as stored: stories of one subject across months."""

    id: str
    label: str
    first: str
    last: str
    stories: int

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "label": self.label,
            "first": self.first,
            "last": self.last,
            "stories": self.stories,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class MemberRecord:
    """An article's place in its story, with the article metadata a story listing shows."""

    id: str
    story: str
    origin: str
    copy_of: str | None
    score: float
    #: The article's term vector at grouping time (labels pick the most central headline).
    vector: Mapping[str, float]
    title: str | None
    outlet: str | None
    published: str | None
    agency: str | None

    def to_json(self) -> dict[str, Any]:
        """The listing fields (no vector)."""
        return {
            "id": self.id,
            "origin": self.origin,
            "copy_of": self.copy_of,
            "score": self.score,
            "title": self.title,
            "outlet": self.outlet,
            "published": self.published,
            "agency": self.agency,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class GroupingUpdate:
    """One step of grouping, written in one transaction by :meth:`GroupingStore.save_grouping`.

    ``stories`` and ``storylines`` hold only the rows that are new or changed, so a step over a
    large store writes what it touched, not everything.
    """

    memberships: Sequence[Membership]
    #: :meth:`pressespiegel.stories.Grouper.to_state` after this step (opaque JSON to the store).
    state: Mapping[str, Any]
    stories: Sequence[StoryRecord] = ()
    storylines: Sequence[StorylineRecord] = ()
    dropped_storylines: Sequence[str] = ()
    #: The grouping sequence number this step continues from; the store refuses the step if its
    #: stored memberships end elsewhere (another process grouped in between).
    base_seq: int = 0
    #: Replace all memberships, stories and storylines (a rebuild from scratch).
    reset: bool = False


# -- search ------------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True, slots=True)
class Filters:
    """Optional restrictions of a search; dates are ISO days (inclusive), names match in part."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    language: str | None = None
    speaker: str | None = None
    author: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Hit:
    """One search result: an article, or a quotation in an article."""

    kind: str  # "article" or "quote"
    article_id: str
    title: str
    #: Escaped HTML: the matching passage with matches in ``<mark>``.
    snippet: Markup
    speaker: str | None
    published: str | None
    outlet: str | None
    language: str | None
    score: float
    authors: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "article": self.article_id,
            "title": self.title,
            "snippet_html": str(self.snippet),
            "speaker": self.speaker,
            "published": self.published,
            "outlet": self.outlet,
            "language": self.language,
            "authors": list(self.authors),
            "score": round(self.score, 4),
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class Facets:
    """The values the search filters can take."""

    outlets: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()

    def to_json(self) -> dict[str, list[str]]:
        return {
            "outlets": list(self.outlets),
            "languages": list(self.languages),
            "authors": list(self.authors),
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class EntityCount:
    """A named entity with the number of articles (and mentions) it occurs in."""

    name: str
    label: str
    articles: int
    mentions: int
    #: Canonical entity id, when entity linking gave the mentions one.
    entity: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "label": self.label,
            "articles": self.articles,
            "mentions": self.mentions,
            "entity": self.entity,
        }


@dataclass(frozen=True, kw_only=True, slots=True)
class QuoteRecord:
    """A quotation with its speaker, as the search index keeps it."""

    article: str
    number: int
    speaker: str | None
    role: str | None
    text: str
    type: str | None
    cue: str | None
    published: str | None
    outlet: str | None

    def to_json(self) -> dict[str, Any]:
        return {
            "article": self.article,
            "number": self.number,
            "speaker": self.speaker,
            "role": self.role,
            "text": self.text,
            "type": self.type,
            "cue": self.cue,
            "published": self.published,
            "outlet": self.outlet,
        }


__all__ = [
    "AddResult",
    "EntityCount",
    "Facets",
    "Filters",
    "GroupingUpdate",
    "Hit",
    "MemberRecord",
    "PendingArticle",
    "QuoteRecord",
    "StoryRecord",
    "StorylineRecord",
]
