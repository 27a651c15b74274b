"""Per-article analysis: sentences, named entities, quotations and dates (issues 3 and 15).

:func:`analyze_text` runs the analyzers that exist for the text's language over one text; all
offsets are character offsets into that text. For an Article, the text is ``Article.text``
(paragraphs joined by blank lines), the coordinate system the store keeps verbatim.

Each text goes through the stages of its language and none other (``STAGES``); the language is
the one given, else detected (:func:`pressespiegel.clean.language.detect_language`):

1. Sentences (SoMaJo): every language.
2. Entities (the NER model shipped in ``models/ner_de``): German only; other languages get none
   until a model exists for them (never the German model on other text).
   :mod:`~pressespiegel.analyze.linking` clusters the mentions into entities and gives each mention
   its entity's canonical ``name`` and stable id ``entity``.
3. Quotations with speaker, role and cue: German rules (:mod:`.quotes`, with the entities as
   candidate speakers, plus speech acts narrated without their content), English rules
   (:mod:`.quotes_en`). Each German quote's ``speaker_entity`` is the entity id of its speaker
   (:func:`linking.speaker_entity`).
4. Dates, normalized against the publication date: German rules (:mod:`.dates`), English rules
   (:mod:`.dates_en`).

For articles, :func:`analyze_articles` also stores the multilingual embedding grouping compares
(:mod:`.embedding`; every language).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from pressespiegel.analyze.chunks import analyze_bounded, exceeds_bounds
from pressespiegel.analyze.dates import DateMention, find_dates
from pressespiegel.analyze.entities import Entity
from pressespiegel.analyze.linking import LinkedMention, link_entities, speaker_entity, unlinked
from pressespiegel.analyze.quotes import Quote, find_speech_in_tokens
from pressespiegel.analyze.sentences import Token, tokenize_sentences
from pressespiegel.records import Article

#: The stages after sentences that exist for each language; a language not listed gets sentences only.
STAGES: dict[str, frozenset[str]] = {
    "de": frozenset({"entities", "quotes", "dates"}),
    "en": frozenset({"quotes", "dates"}),
}
#: Languages with any stage beyond sentences.
SUPPORTED_LANGUAGES = frozenset(STAGES)


def resolve_language(text: str, language: str | None) -> str:
    """The given language code (lower-cased, region dropped: "en-GB" → "en"), else the detected one."""
    if language and language.strip() and language.strip().lower() not in ("und", "auto"):
        return language.strip().lower().replace("_", "-").split("-")[0]
    from pressespiegel.clean.language import detect_language

    return detect_language(text)[0]


def stages_for(language: str | None) -> frozenset[str]:
    """The stages beyond sentences that run for ``language``."""
    return STAGES.get(language or "", frozenset())


@dataclass(frozen=True, kw_only=True)
class Analysis:
    """Everything the analyzers found in one text."""

    sentences: list[tuple[int, int]] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    #: Statements narrated without their content ("Der Kreml bestätigte das Treffen nicht."):
    #: no quotations, but what contradiction detection reads besides the quotes.
    speech_acts: list[Quote] = field(default_factory=list)
    dates: list[DateMention] = field(default_factory=list)
    #: Stages that raised on this text, as (stage, "ExceptionType: message"); the others still ran.
    failed: list[tuple[str, str]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The analysis contract: sentences, entities, quotes, speech acts, dates (see README);
        ``failed`` (stage and error) only when a stage raised on this text."""
        failed = {"failed": [{"stage": s, "error": e} for s, e in self.failed]} if self.failed else {}
        return failed | {
            "sentences": [[s, e] for s, e in self.sentences],
            "entities": self.entities,
            "quotes": [q.to_json() for q in self.quotes],
            "speech_acts": [q.to_json() for q in self.speech_acts],
            "dates": [
                {"text": d.text, "start": d.start, "end": d.end, "value": d.value, "relative": d.relative}
                for d in self.dates
            ],
        }


def _entities_many(texts: list[tuple[str, list[Token]]]) -> list[list[Entity]]:
    """Entities for several tokenized texts in one model batch (the SoMaJo tokens all stages use)."""
    try:
        import spacy  # noqa: F401 - the model needs it
    except ImportError:  # spaCy not installed: analysis still yields quotes and dates
        return [[] for _ in texts]
    from pressespiegel.analyze.entities import find_entities_tokenized

    return list(find_entities_tokenized(texts))


def _with_speakers(quotes: list[Quote], mentions: list[LinkedMention], day: date | None) -> list[Quote]:
    """The quotes with ``speaker_entity`` filled from the linked mentions (or the knowledge base)."""
    return [
        replace(
            q,
            speaker_entity=speaker_entity(
                q.speaker.spans if q.speaker else (), q.speaker_name, q.speaker_role, mentions, day
            ),
        )
        for q in quotes
    ]


def analyze_text(text: str, *, published: date | None = None, language: str | None = None) -> Analysis:
    """Run the analyzers of the text's language (steps 1–4) over ``text``; ``language`` None: detect."""
    (analysis,) = analyze_texts([Document(text=text, published=published, language=language)])
    return analysis


@dataclass(frozen=True, kw_only=True)
class Document:
    """One text to analyze, with what the analyzers need to know about it."""

    text: str
    published: date | None = None
    language: str | None = None  # None: detected from the text


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
    stages = [stages_for(resolve_language(doc.text, doc.language)) for doc in documents]
    supported = [i for i, s in enumerate(stages) if "entities" in s]
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
        german = "entities" in stages[i]
        linked: list[LinkedMention] = []
        if i in entities:
            try:
                linked = link_entities(doc.text, entities[i], published=doc.published)
            except Exception as exc:  # the mentions stay, each its own entity
                failed[i].append(("linking", _error(exc)))
                linked = [unlinked(m) for m in entities[i]]
        quotes: list[Quote] = []
        acts: list[Quote] = []
        dates: list[DateMention] = []
        if "quotes" in stages[i]:  # 3.
            try:
                if german:
                    spans = [(m.start, m.end, m.label) for m in linked]
                    found, acts = find_speech_in_tokens(doc.text, tokenized[i], entities=spans)
                    quotes = _with_speakers(found, linked, doc.published)
                    acts = _with_speakers(acts, linked, doc.published)
                else:
                    from pressespiegel.analyze.quotes_en import find_quotes_en

                    quotes = find_quotes_en(doc.text, sentences)
            except Exception as exc:
                failed[i].append(("quotes", _error(exc)))
        if "dates" in stages[i]:  # 4.
            try:
                if german:
                    dates = find_dates(doc.text, doc.published)
                else:
                    from pressespiegel.analyze.dates_en import find_dates_en

                    dates = find_dates_en(doc.text, doc.published)
            except Exception as exc:
                failed[i].append(("dates", _error(exc)))
        results.append(
            Analysis(
                sentences=sentences,
                entities=[m.to_json() for m in linked],
                quotes=quotes,
                speech_acts=acts,
                dates=dates,
                failed=failed[i],
            )
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
    """:func:`analyze_article` for a batch (one entity-model batch, one encoder batch for all)."""
    from pressespiegel.analyze.embedding import ANALYSIS_KEY, embed_articles, encode

    analyses = analyze_texts([_document(article) for article in articles])
    try:
        vectors: list[str | None] = [encode(v) for v in embed_articles(articles)]
    except Exception:  # no vector stored: grouping computes it (or does without) per article
        vectors = [None] * len(articles)
    return [
        replace(a, analysis={**analysis.to_json(), **({ANALYSIS_KEY: vector} if vector else {})})
        for a, analysis, vector in zip(articles, analyses, vectors, strict=True)
    ]


__all__ = [
    "STAGES",
    "SUPPORTED_LANGUAGES",
    "Analysis",
    "Document",
    "analyze_article",
    "analyze_articles",
    "analyze_text",
    "analyze_texts",
    "publication_day",
    "resolve_language",
    "stages_for",
]
