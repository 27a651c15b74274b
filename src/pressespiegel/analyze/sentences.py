"""Sentence splitting and tokenisation with character offsets, for German news text.

Built on SoMaJo (``de_CMC`` model, rule-based, no downloads), which already knows German
abbreviations ("u.a.", "Nr.", "Dr."), ordinals ("17. Februar") and quotation marks.

Steps:

1. The text is cut into paragraphs at line breaks: in scraped and cleaned news text a line break
   always ends a sentence (headlines and datelines carry no full stop).
2. Each paragraph goes through one cached SoMaJo instance; its tokens are found in the paragraph
   in order (SoMaJo's own ``character_offsets`` is the fallback where a token is not verbatim);
   the offsets are shifted back onto the full text.
3. A sentence span runs from its first token's start to its last token's end.

Note: a quotation that continues across a paragraph break is split into two sentences; the quote
finder works on characters, not on sentences, so it still sees the whole quotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from somajo import SoMaJo

__all__ = ["Token", "split_sentences", "tokenize", "tokenize_sentences"]

_LINE = re.compile(r"[^\n]+")


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its surface ``text`` and its character span ``[start, end)`` in the input."""

    text: str
    start: int
    end: int


# Every character SoMaJo's emoji splitter reacts to (Extended_Pictographic, Emoji_Presentation,
# U+FE0F) lies in these ranges; checked over all code points with SoMaJo 2.5.
_MAYBE_EMOJI = re.compile("[\u00a9\u00ae\u203c-\U0010ffff]")


# Runs of non-space characters that contain a full stop: the only places SoMaJo's abbreviation
# pattern can match (every entry of its German list has a full stop and no space; checked with
# SoMaJo 2.5).
# Anchored at run starts and possessive, so a long run without a full stop costs one pass, not
# one per character.
_DOTTED_RUN = re.compile(r"(?<!\S)[^\s.]*+\.\S*")


class _DottedRuns:
    """SoMaJo's abbreviation pattern, run only on the runs around full stops instead of over a
    whole chunk of text: the same matches (its lookbehind still sees the text before a run), at
    a tenth of the cost. That pattern, 1,100 alternatives scanned at every position, was a third
    of SoMaJo's time on news text."""

    def __init__(self, pattern: Any) -> None:
        self._pattern = pattern
        self.groupindex = pattern.groupindex

    def finditer(self, text: str) -> Iterator[Any]:
        for run in _DOTTED_RUN.finditer(text):
            yield from self._pattern.finditer(text, run.start(), run.end())

    def __getattr__(self, name: str) -> Any:
        return getattr(self._pattern, name)


@lru_cache(maxsize=2)
def _somajo(character_offsets: bool = False) -> SoMaJo:
    """A shared tokenizer (building one compiles a few hundred regexes: once per process).

    Note: SoMaJo 2.5 spends about half its time looking for emojis grapheme by grapheme.
    News text rarely has any, so the splitter is skipped for tokens without a candidate
    character; its result is the same either way (it splits nothing there). Its abbreviation
    pattern only runs around full stops (:class:`_DottedRuns`).
    """
    somajo = SoMaJo(
        "de_CMC", split_camel_case=False, split_sentences=True, character_offsets=character_offsets
    )
    tokenizer = getattr(somajo, "_tokenizer", None)
    original = getattr(tokenizer, "_split_emojis", None)
    if tokenizer is not None and callable(original):

        def split_emojis(node: Any, token_class: str = "emoticon") -> None:
            if _MAYBE_EMOJI.search(node.value.text):
                original(node, token_class)

        tokenizer._split_emojis = split_emojis
    pattern = getattr(tokenizer, "abbreviation", None)
    if tokenizer is not None and pattern is not None and hasattr(pattern, "finditer"):
        tokenizer.abbreviation = _DottedRuns(pattern)
    return somajo


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    for match in _LINE.finditer(text):
        if match.group().strip():
            yield match.start(), match.group()


def tokenize_sentences(text: str) -> list[list[Token]]:
    """Tokens of ``text`` grouped by sentence; every offset points into ``text``."""
    return [list(sentence) for sentence in _tokenized(text)]


#: Texts whose tokens are kept: the analysis stages ask for the same text's tokens in turn
#: (sentences, then quotes), and SoMaJo is the most expensive step; a handful is enough.
TOKEN_CACHE_TEXTS = 8


@lru_cache(maxsize=TOKEN_CACHE_TEXTS)
def _tokenized(text: str) -> tuple[tuple[Token, ...], ...]:
    result: list[tuple[Token, ...]] = []
    for base, paragraph in _paragraphs(text):
        sentences = _aligned(paragraph) or _with_offsets(paragraph)
        for spans in sentences:
            if spans:
                result.append(tuple(Token(text[base + s : base + e], base + s, base + e) for s, e in spans))
    return tuple(result)


def _aligned(paragraph: str) -> list[list[tuple[int, int]]] | None:
    """Token spans found by walking the paragraph: each token must follow the previous one after
    nothing but white space. SoMaJo's own offset computation costs a fifth of its run time;
    where a token is not verbatim in the text (None), :func:`_with_offsets` takes over."""
    sentences: list[list[tuple[int, int]]] = []
    pos = 0
    for sentence in _somajo().tokenize_text([paragraph]):
        spans: list[tuple[int, int]] = []
        for token in sentence:
            start = paragraph.find(token.text, pos)
            if start < 0 or (start > pos and not paragraph[pos:start].isspace()):
                return None
            pos = start + len(token.text)
            spans.append((start, pos))
        sentences.append(spans)
    return sentences


def _with_offsets(paragraph: str) -> list[list[tuple[int, int]]]:
    """Token spans as SoMaJo computes them (it aligns its normalized text to the input)."""
    return [
        [tok.character_offset for tok in sentence]
        for sentence in _somajo(character_offsets=True).tokenize_text([paragraph])
    ]


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans ``(start, end)`` of the sentences of ``text``."""
    return [(sent[0].start, sent[-1].end) for sent in tokenize_sentences(text)]


def tokenize(text: str) -> list[Token]:
    """All tokens of ``text`` with character offsets."""
    return [tok for sent in tokenize_sentences(text) for tok in sent]
