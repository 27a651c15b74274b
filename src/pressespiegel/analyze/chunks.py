"""Analysis in bounded pieces: long texts cut at paragraph or sentence ends, batches cut by size.

Why: the entity model keeps activations for every token of the sequence it is given, about
3 KB per character of text; a 2 MB upload analyzed as one sequence took 7 GB and 43 s, a 10 MB
JSONL line ended in ``MemoryError``. Here

1. a text longer than :data:`CHUNK_CHARS` is cut into chunks, at the last paragraph break before
   the limit, else the last line break, else the last sentence end, else the last space (a
   single "word" of 50,000 characters is cut where it must);
2. the chunks (and short texts as they are) are packed into batches of at most
   :data:`BATCH_CHARS` characters and analyzed by the normal path, which gives the same result
   however texts are batched;
3. each text's chunk results are shifted by the chunk's offset and joined.

Texts up to :data:`CHUNK_CHARS` (every news article we have seen) are one chunk at offset 0, so
their analysis is exactly what it was. Only a text longer than that can differ, and only around
a cut: a quotation or a pronoun's antecedent on the other side of it is not seen. Characters past
:data:`MAX_ANALYZED_CHARS` are stored but not analyzed, so no single text can take unbounded time.
"""

from __future__ import annotations

import dataclasses
import re
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pressespiegel.analyze import Analysis, Document
    from pressespiegel.analyze.dates import DateMention
    from pressespiegel.analyze.quotes import Quote, Span

#: Longest text analyzed in one piece. The longest of the 850 Wikinews texts has 11,800 characters
#: and the longest body among the 165 fundus news pages 29,300; a chunk this size costs the
#: entity model about 150 MB (``bench/memory.py``: 275 MB for 100,000 characters).
CHUNK_CHARS = 50_000
#: Characters per call of the analyzers (one entity-model batch): about 150 MB of model memory.
#: Throughput was flat between 5,000 and 300,000 characters per batch (400 Wikinews texts), so
#: the bound costs no speed.
BATCH_CHARS = 50_000
#: Characters of one text that are analyzed; the rest of a longer text is stored unanalyzed.
#: Ten times the longest article we know, and the size of the largest document ingest accepts.
MAX_ANALYZED_CHARS = 10_000_000

# Cut points, best first: a paragraph break, a line break, a sentence end, any white space.
_SENTENCE_END = re.compile(r"""[.!?…][)"'“”»«’]*\s+""")
_SPACE = re.compile(r"\s+")


def exceeds_bounds(documents: Sequence[Document]) -> bool:
    """True when some text is longer than a chunk or the batch is larger than a model batch."""
    total = 0
    for document in documents:
        size = len(document.text)
        if size > CHUNK_CHARS:
            return True
        total += size
    return total > max(BATCH_CHARS, CHUNK_CHARS)


def cut_points(text: str, limit: int | None = None) -> list[int]:
    """Offsets where ``text`` is cut so that no piece is longer than ``limit`` (first one is 0).

    Each cut lies after the separator it was found at, so a piece keeps its trailing break and
    the next one starts with text; at least half a chunk is taken each time, which keeps the
    number of pieces linear in the length.
    """
    limit = limit or CHUNK_CHARS
    cuts = [0]
    start = 0
    end_of_text = min(len(text), MAX_ANALYZED_CHARS)
    while end_of_text - start > limit:
        window_end = start + limit
        floor = start + limit // 2
        cut = _last_break(text, floor, window_end)
        cuts.append(cut)
        start = cut
    return cuts


def _last_break(text: str, floor: int, end: int) -> int:
    for separator in ("\n\n", "\n"):
        at = text.rfind(separator, floor, end)
        if at >= 0:
            return at + len(separator)
    for pattern in (_SENTENCE_END, _SPACE):
        last = deque(pattern.finditer(text, floor, end), maxlen=1)
        if last:
            return last[0].end()
    return end


def pieces(text: str, limit: int | None = None) -> Iterator[tuple[int, str]]:
    """``(offset, piece)`` for each chunk of ``text`` (up to :data:`MAX_ANALYZED_CHARS`); a text
    within the limit, the empty one included, is one piece."""
    cuts = cut_points(text, limit)
    ends = [*cuts[1:], min(len(text), MAX_ANALYZED_CHARS)]
    for start, end in zip(cuts, ends, strict=True):
        yield start, text[start:end]


def analyze_bounded(
    documents: Sequence[Document], analyze: Callable[[list[Document]], list[Analysis]]
) -> list[Analysis]:
    """``analyze(documents)`` with every call bounded by :data:`CHUNK_CHARS`/:data:`BATCH_CHARS`.

    ``analyze`` is the normal (unbounded) path; it is called on batches within the bounds only.
    """
    work: list[tuple[int, int, Document]] = []  # (document index, offset, chunk as a document)
    for index, document in enumerate(documents):
        for offset, piece in pieces(document.text):
            work.append((index, offset, dataclasses.replace(document, text=piece)))
    results: list[list[tuple[int, Analysis]]] = [[] for _ in documents]
    batch: list[tuple[int, int, Document]] = []
    size = 0

    def run() -> None:
        for (index, offset, _), analysis in zip(batch, analyze([d for _, _, d in batch]), strict=True):
            results[index].append((offset, analysis))
        batch.clear()

    for item in work:
        if batch and size + len(item[2].text) > BATCH_CHARS:
            run()
            size = 0
        batch.append(item)
        size += len(item[2].text)
    if batch:
        run()
    return [join(parts) for parts in results]  # every text has at least one (maybe empty) piece


#: The fields of :class:`~pressespiegel.analyze.Analysis` :func:`join` knows how to shift; a test
#: fails when the record gains a field this module does not handle yet.
JOINED_FIELDS = ("sentences", "entities", "quotes", "speech_acts", "dates", "failed")


def join(parts: list[tuple[int, Analysis]]) -> Analysis:
    """One analysis from chunk analyses, every offset moved from the chunk onto the whole text."""
    if len(parts) == 1 and parts[0][0] == 0:
        return parts[0][1]
    first = parts[0][1]
    return dataclasses.replace(
        first,
        sentences=[(s + off, e + off) for off, a in parts for s, e in a.sentences],
        entities=[_shift_entity(entity, off) for off, a in parts for entity in a.entities],
        quotes=[_shift_quote(quote, off) for off, a in parts for quote in a.quotes],
        speech_acts=[_shift_quote(act, off) for off, a in parts for act in a.speech_acts],
        dates=[_shift_date(date, off) for off, a in parts for date in a.dates],
        failed=list(dict.fromkeys(failure for _, a in parts for failure in a.failed)),  # each stage once
    )


def _shift_entity(entity: dict[str, Any], offset: int) -> dict[str, Any]:
    return {**entity, "start": entity["start"] + offset, "end": entity["end"] + offset}


def _shift_date(date: DateMention, offset: int) -> DateMention:
    return dataclasses.replace(date, start=date.start + offset, end=date.end + offset)


def _shift_quote(quote: Quote, offset: int) -> Quote:
    """The quote with its quotation, speaker, cue, frame and addressee spans moved by ``offset``."""

    def moved(span: Span | None) -> Span | None:
        if span is None:
            return None
        return dataclasses.replace(span, spans=tuple((s + offset, e + offset) for s, e in span.spans))

    moved_quote = moved(quote.quote)
    assert moved_quote is not None
    return dataclasses.replace(
        quote,
        quote=moved_quote,
        speaker=moved(quote.speaker),
        cue=moved(quote.cue),
        frame=moved(quote.frame),
        addressee=moved(quote.addressee),
    )


__all__ = [
    "BATCH_CHARS",
    "CHUNK_CHARS",
    "JOINED_FIELDS",
    "MAX_ANALYZED_CHARS",
    "analyze_bounded",
    "cut_points",
    "exceeds_bounds",
    "join",
    "pieces",
]
