"""Typed records that flow through the pipeline: sources → RawDocument → Article.

Each stage returns a new frozen record; nothing reaches back into an earlier stage.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

ParagraphKind = Literal["lead", "p", "heading", "list"]


@dataclass(frozen=True, kw_only=True, slots=True)
class RawDocument:
    """One input as ingestion found it, before cleaning.

    Exactly one of ``text`` (a plain-text scrape) or ``html`` is set. The optional fields carry
    metadata the source itself declared (JSONL fields, feed entries, sidecar files, HTTP headers).
    """

    source: str
    text: str | None = None
    html: str | None = None
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    id: str | None = None
    #: The source offered only a teaser (a feed summary after the page could not be fetched).
    teaser: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class Paragraph:
    """A paragraph of the article proper; ``kind`` says whether it is lead, body, heading or list item."""

    text: str
    kind: ParagraphKind = "p"


@dataclass(frozen=True, kw_only=True, slots=True)
class Removed:
    """A piece of boilerplate cleaning removed, kept for audit with the reason it was removed."""

    text: str
    reason: str


@dataclass(frozen=True, kw_only=True, slots=True)
class PublicationDate:
    """When the article was published, how we know (``method``) and whether to trust it."""

    value: str
    method: str
    reliable: bool


@dataclass(frozen=True, kw_only=True, slots=True)
class Article:
    """A cleaned news article: the unit every later stage works on."""

    id: str
    source: str
    url: str | None = None
    outlet: str | None = None
    agencies: tuple[str, ...] = ()
    #: Names of the people who wrote the article (bylines, page metadata); agencies are not authors.
    authors: tuple[str, ...] = ()
    title: str | None = None
    paragraphs: tuple[Paragraph, ...] = ()
    published: PublicationDate | None = None
    language: str | None = None
    language_score: float = 0.0
    teaser: bool = False
    boilerplate: tuple[Removed, ...] = field(default_factory=tuple)
    #: Sentences, entities, quotes and dates found in ``text`` (the analysis contract, see
    #: :mod:`pressespiegel.analyze`); None until the article has been analyzed.
    analysis: Mapping[str, Any] | None = None

    @property
    def agency(self) -> str | None:
        """The credited agencies as one string ("AFP, Reuters"), or None for own reporting."""
        return ", ".join(self.agencies) if self.agencies else None

    @property
    def lead(self) -> str | None:
        """The lead paragraph (first paragraph), if the article has one."""
        for paragraph in self.paragraphs:
            if paragraph.kind == "lead":
                return paragraph.text
        return None

    @property
    def text(self) -> str:
        """The clean body as one string, paragraphs separated by blank lines."""
        return "\n\n".join(paragraph.text for paragraph in self.paragraphs)
