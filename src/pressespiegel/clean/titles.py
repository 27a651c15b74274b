"""A title for every article: where the page gives none, the lead's first sentence, shortened.

An article without a title used to show its hex id in search results and the review's source
list; a headline cut at a fixed length ended mid-word ("…ein gep"). The fallback is the first
sentence of the lead, cut at a word boundary with "…" when it is long.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pressespiegel.records import Paragraph

#: Longest fallback title in characters; headlines of the fundus pages run 40–110 characters.
TITLE_MAX_CHARS = 100
#: A sentence ends at . ! ? (or their CJK forms) before a space and a capital, or at the text's end.
_SENTENCE_END = re.compile(r"(?<=[.!?。！？])(?:\s+(?=[\"„“»(\[]?[A-ZÄÖÜ0-9])|(?=[^\s]))")


def shorten(text: str, limit: int = TITLE_MAX_CHARS) -> str:
    """``text`` cut to at most ``limit`` characters at a word boundary, with "…" when cut."""
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    space = cut.rfind(" ")
    if space >= limit // 2:  # a word boundary not too far back; else (CJK, one long word) cut hard
        cut = cut[:space]
    return cut.rstrip(" ,;:-–—") + "…"


def first_sentence(text: str) -> str:
    """The first sentence of ``text`` (all of it when no sentence end is found)."""
    parts = _SENTENCE_END.split(text.strip(), maxsplit=1)
    return parts[0].strip() if parts else text.strip()


def title_from_lead(paragraphs: Sequence[Paragraph]) -> str | None:
    """A stand-in title: the first sentence of the first body paragraph, at most TITLE_MAX_CHARS."""
    for paragraph in paragraphs:
        if paragraph.kind in {"lead", "p"} and paragraph.text.strip():
            return shorten(first_sentence(paragraph.text))
    return None
