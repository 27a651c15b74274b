"""Per-article analysis: sentences, named entities, quotations and dates (issue 3).

:func:`analyze_text` runs the four analyzers over one text; all offsets are character offsets
into that text. For an Article, the text is ``Article.text`` (paragraphs joined by blank lines),
the coordinate system the store keeps verbatim.

1. Sentences (SoMaJo): the frame the quote rules work in.
2. Entities (the NER model shipped in ``models/ner_de``): German only; other languages get none
   until a model exists for them.
3. Quotations with speaker, role and cue: German rules.
4. Dates, normalized against the publication date: German rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from pressespiegel.analyze.chunks import analyze_bounded, exceeds_bounds
from pressespiegel.analyze.dates import DateMention, find_dates
from pressespiegel.analyze.quotes import Quote, find_quotes_in_tokens
from pressespiegel.analyze.sentences import Token, tokenize_sentences
from pressespiegel.records import Article

#: Languages the entity, quote and date stages have models or rules for.
SUPPORTED_LANGUAGES = frozenset({"de"})


@dataclass(frozen=True, kw_only=True)
class Analysis:
    """Everything the analyzers found in one text."""

    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    #: Stages that raised on this text, as (stage, "ExceptionType: message"); the others still ran.
    failed: list[tuple[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The analysis contract: sentences, entities, quotes, dates (see README); ``failed``
        (stage and error) only when a stage raised on this text."""
        failed = {"failed": [{"stage": s, "error": e} for s, e in self.failed]} if self.failed else {}
        return failed | {
            "sentences": [[s, e] for s, e in self.sentences],
            "entities": self.entities,
            "quotes": [q.to_json() for q in self.quotes],
            "dates": [
                {"text": d.text, "start": d.start, "end": d.end, "value": d.value, "relative": d.relative}
                for d in self.dates
            ],
        }


def _entities_many(texts: list[tuple[str, list[Token]]]) -> list[list[dict[str, Any]]]:
    """Entities for several tokenized texts in one model batch (the SoMaJo tokens all stages use)."""
    try:
        from pressespiegel.analyze.entities import find_entities_tokenized
    except ImportError:  # spaCy not installed: analysis still yields quotes and dates
        return [[] for _ in texts]
    return [
        [{"text": e.text, "label": e.label, "start": e.start, "end": e.end} for e in found]
        for found in find_entities_tokenized(texts)
    ]


def analyze_text(text: str, *, published: date | None = None, language: str | None = "de") -> Analysis:
    """Run the analyzers (steps 1–4) over ``text``; non-German text gets sentences only."""
    (analysis,) = analyze_texts([Document(text=text, published=published, language=language)])
    return analysis


@dataclass(frozen=True, kw_only=True)
class Document:
    """One text to analyze, with what the analyzers need to know about it."""

    text: str
    published: date | None = None
    language: str | None = "de"


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}"[:300]


def analyze_texts(documents: list[Document]) -> list[Analysis]:
    """:func:`analyze_text` for several texts, with the entity model run over them as one batch.

    Results do not depend on how texts are batched (tested); ingest and ``analyze`` batch them.
    Each stage is isolated per text: a stage that raises leaves its part empty and is named in
    ``Analysis.failed``; the other stages still run (a quote bug costs the quotes, not the text).
    """
    if exceeds_bounds(documents):  # long texts and large batches go in bounded pieces (chunks.py)
        return analyze_bounded(documents, analyze_texts)
    failed: list[list[tuple[str, str]]] = [[] for _ in documents]
    tokenized: list[list[list[Token]]] = []
    for i, doc in enumerate(documents):  # 1. once per text
        try:
            tokenized.append(tokenize_sentences(doc.text))
        except Exception as exc:
            failed[i].append(("sentences", _error(exc)))
            tokenized.append([])
    supported = [i for i, doc in enumerate(documents) if doc.language in SUPPORTED_LANGUAGES]
    flat = [(documents[i].text, [t for sent in tokenized[i] for t in sent]) for i in supported]
    try:
        entities = dict(zip(supported, _entities_many(flat), strict=True))  # 2. one model batch
    except Exception:  # one text broke the batch: text by text, so only that one loses its entities
        entities = {}
        for i, item in zip(supported, flat, strict=True):
            try:
                entities[i] = _entities_many([item])[0]
            except Exception as exc:
                failed[i].append(("entities", _error(exc)))
                entities[i] = []
    results = []
    for i, doc in enumerate(documents):
        sentences = [(sent[0].start, sent[-1].end) for sent in tokenized[i]]
        if i not in entities:
            results.append(Analysis(sentences=sentences, failed=failed[i]))
            continue
        quotes: list[Quote] = []
        dates: list[DateMention] = []
        try:
            quotes = find_quotes_in_tokens(doc.text, tokenized[i])  # 3.
        except Exception as exc:
            failed[i].append(("quotes", _error(exc)))
        try:
            dates = find_dates(doc.text, doc.published)  # 4.
        except Exception as exc:
            failed[i].append(("dates", _error(exc)))
        results.append(
            Analysis(sentences=sentences, entities=entities[i], quotes=quotes, dates=dates, failed=failed[i])
        )
    return results


def publication_day(value: str | None) -> date | None:
    """A publication date usable as anchor for relative dates: only at day precision."""
    if not value or len(value) < 10:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def _document(article: Article) -> Document:
    published = publication_day(article.published.value if article.published else None)
    return Document(text=article.text, published=published, language=article.language)


def analyze_article(article: Article) -> Article:
    """The article with its analysis section filled in."""
    (analyzed,) = analyze_articles([article])
    return analyzed


def analyze_articles(articles: list[Article]) -> list[Article]:
    """:func:`analyze_article` for a batch (one entity-model batch for all of them)."""
    analyses = analyze_texts([_document(article) for article in articles])
    return [replace(a, analysis=analysis.to_json()) for a, analysis in zip(articles, analyses, strict=True)]


__all__ = [
    "SUPPORTED_LANGUAGES",
    "Analysis",
    "Document",
    "analyze_article",
    "analyze_articles",
    "analyze_text",
    "analyze_texts",
    "publication_day",
]
