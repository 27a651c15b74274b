"""The unit every story view works on: a member article and its place among the story's origins."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pressespiegel.records import Article


@dataclass(frozen=True, kw_only=True, slots=True)
class Member:
    """An article of a story; ``origin`` is the article it copies (itself when independent)."""

    article: Article
    origin: str

    @property
    def is_copy(self) -> bool:
        return self.origin != self.article.id

    @property
    def published(self) -> str | None:
        return self.article.published.value if self.article.published else None


@dataclass(frozen=True, kw_only=True, slots=True)
class Citation:
    """Where a statement, date or sentence was read: article, outlet, publication date, URL."""

    article: str
    outlet: str | None
    published: str | None
    url: str | None

    @classmethod
    def of(cls, article: Article) -> Citation:
        return cls(
            article=article.id,
            outlet=article.outlet,
            published=article.published.value if article.published else None,
            url=article.url,
        )

    def to_json(self) -> dict[str, Any]:
        return {"article": self.article, "outlet": self.outlet, "published": self.published, "url": self.url}


def sentences_of(article: Article) -> Iterator[tuple[int, int, str]]:
    """(start, end, text) of each sentence, from the stored analysis (or paragraph breaks)."""
    text = article.text
    spans: Sequence[Sequence[int]] = (article.analysis or {}).get("sentences") or []
    if not spans:
        start = 0
        for paragraph in text.split("\n\n"):
            yield start, start + len(paragraph), paragraph
            start += len(paragraph) + 2
        return
    for start, end in spans:
        yield start, end, text[start:end]
