"""The backend-independent half of full-text search: query syntax, what is indexed, highlighting.

Each backend matches with its own engine (SQLite: FTS5 in :mod:`.sqlite`; PostgreSQL: tsvector
with the ``german`` configuration in :mod:`.postgres`), from the same parsed :class:`Query` and
the same :class:`IndexDoc` per article, so both accept the same syntax and filters:

- ``wort``: a word; matches words starting with it, and words with the same lemma
  ("sagen" finds "sagte", "Waffenlieferung" finds "Waffenlieferungen"). Case and diacritics
  are ignored ("turkei" = "Türkei"). A trailing ``*`` is accepted and means the same.
- ``"zwei Wörter"``: a phrase, the words adjacent and in this order.
- ``-wort`` or ``-"ein Satz"``: exclude hits that contain it (needs at least one other term).
- All terms must match (AND). Anything else (``OR``, ``NEAR()``, ``title:``, brackets) is read
  as plain words, so no user input reaches an engine's own query language.

Highlighting (:func:`highlight`) escapes every piece of text before it wraps matches in
``<mark>``, so stored article text can never inject markup.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from markupsafe import Markup, escape

from pressespiegel.records import Article

#: Words of context either side of the first match in a snippet.
SNIPPET_WORDS = 18
#: Longest query taken, in words (a pasted paragraph should not build a huge expression).
MAX_QUERY_WORDS = 12
_WORD = re.compile(r"\w+", re.UNICODE)
_TOKEN = re.compile(r'(-?)"([^"]*)"?|(-?)([^\s"]+)')


@lru_cache(maxsize=65_536)
def fold(word: str) -> str:
    """Lower case without diacritics: how the indexes compare words."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@lru_cache(maxsize=65_536)
def lemma(word: str) -> str:
    """The German lemma of a word (simplemma), folded; the word itself when unknown."""
    import simplemma

    try:
        return fold(simplemma.lemmatize(word, lang="de"))
    except Exception:  # simplemma raises on odd input in some versions; a word is its own lemma then
        return fold(word)


def lemmas_of(text: str) -> str:
    """The lemma of every word of ``text``, space-separated (the index's lemma column)."""
    return " ".join(lemma(w) for w in _WORD.findall(text))


def fold_text(text: str) -> str:
    """``text`` with every word folded (for engines that cannot fold diacritics themselves)."""
    return _WORD.sub(lambda m: fold(m.group()), text)


@dataclass(frozen=True, kw_only=True, slots=True)
class Term:
    """One part of a query: a word (prefix or lemma match) or a phrase, possibly excluded."""

    words: tuple[str, ...]  # folded
    lemmas: tuple[str, ...]
    phrase: bool = False
    negated: bool = False


@dataclass(frozen=True, kw_only=True, slots=True)
class Query:
    """A parsed user query (syntax in the module docstring)."""

    terms: tuple[Term, ...]

    @classmethod
    def parse(cls, text: str) -> Query:
        terms: list[Term] = []
        budget = MAX_QUERY_WORDS
        seen: set[tuple[tuple[str, ...], bool, bool]] = set()
        for match in _TOKEN.finditer(text):
            quoted = match.group(2) is not None
            negated = bool(match.group(1) if quoted else match.group(3))
            words = _WORD.findall(match.group(2) if quoted else match.group(4))[:budget]
            if not words:
                continue
            budget -= len(words)
            # a phrase (a hyphenated exclusion is one too); "US-Präsident" is two words, as tokenizers see it
            groups = [words] if quoted or (negated and len(words) > 1) else [[w] for w in words]
            for group in groups:
                term = Term(
                    words=tuple(fold(w) for w in group),
                    lemmas=tuple(lemma(w) for w in group),
                    phrase=len(group) > 1 or quoted,
                    negated=negated,
                )
                key = (term.words, term.phrase, term.negated)
                if key not in seen:
                    seen.add(key)
                    terms.append(term)
            if budget <= 0:
                break
        return cls(terms=tuple(terms))

    @property
    def positive(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if not t.negated)

    @property
    def negative(self) -> tuple[Term, ...]:
        return tuple(t for t in self.terms if t.negated)

    @property
    def words(self) -> tuple[str, ...]:
        """The folded words of the terms that must match (what highlighting marks)."""
        return tuple(dict.fromkeys(w for t in self.positive for w in t.words))

    @property
    def lemmas(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(x for t in self.positive if not t.phrase for x in t.lemmas))

    def matches(self, word: str) -> bool:
        """Whether highlighting marks ``word``: it starts with a query word or shares a lemma."""
        folded = fold(word)
        return any(folded.startswith(w) for w in self.words) or lemma(word) in self.lemmas


# -- what is indexed ------------------------------------------------------------------------------
@dataclass(frozen=True, kw_only=True, slots=True)
class IndexedQuote:
    number: int
    text: str
    speaker: str | None
    role: str | None
    type: str | None
    cue: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class IndexedEntity:
    name: str
    label: str
    mentions: int
    entity: str | None


@dataclass(frozen=True, kw_only=True, slots=True)
class IndexDoc:
    """Everything the search index holds about one article, computed once, outside any transaction."""

    article_id: str
    title: str
    body: str
    published: str | None
    outlet: str | None
    language: str | None
    authors: tuple[str, ...]
    speakers: tuple[str, ...]
    lemmas: str  # of title and body
    quotes: tuple[IndexedQuote, ...]
    quote_lemmas: tuple[str, ...]  # per quote: of its text and speaker
    entities: tuple[IndexedEntity, ...]


def index_doc(article: Article) -> IndexDoc:
    """The search view of an article: text, lemmas, quotations with speakers, entity counts.

    Entity mentions are counted by their canonical ``name`` when the analysis gives one (entity
    linking), else by the text as written; their ``entity`` id is kept when present.
    """
    analysis = article.analysis or {}
    title = article.title or ""
    text = article.text
    raw_quotes = [q for q in analysis.get("quotes") or [] if (q.get("quote") or {}).get("text")]
    quotes = tuple(
        IndexedQuote(
            number=number,
            text=str(q["quote"]["text"]),
            speaker=q.get("speaker_name") or None,
            role=q.get("speaker_role"),
            type=q.get("type"),
            cue=(q.get("cue") or {}).get("text"),
        )
        for number, q in enumerate(raw_quotes)
    )
    counts: Counter[tuple[str, str]] = Counter()
    ids: dict[tuple[str, str], str] = {}
    for entity in analysis.get("entities") or []:
        name = str(entity.get("name") or entity.get("text") or "").strip()
        label = str(entity.get("label") or "")
        if name and label:
            counts[name, label] += 1
            if entity.get("entity"):
                ids.setdefault((name, label), str(entity["entity"]))
    return IndexDoc(
        article_id=article.id,
        title=title,
        body=text,
        published=article.published.value if article.published else None,
        outlet=article.outlet,
        language=article.language,
        authors=tuple(dict.fromkeys(article.authors)),
        speakers=tuple(sorted({q.speaker for q in quotes if q.speaker})),
        lemmas=lemmas_of(title + " " + text),
        quotes=quotes,
        quote_lemmas=tuple(lemmas_of(q.text + " " + (q.speaker or "")) for q in quotes),
        entities=tuple(
            IndexedEntity(name=n, label=lb, mentions=c, entity=ids.get((n, lb)))
            for (n, lb), c in counts.items()
        ),
    )


# -- highlighting ----------------------------------------------------------------------------------
def highlight(text: str, query: Query, *, snippet: bool = False) -> Markup:
    """``text`` as HTML with the words matching ``query`` in ``<mark>``: escape first, then mark.

    With ``snippet``, only a window of words around the first match (with "…" where cut); the
    text is scanned only up to the end of that window.
    """
    window = 2 * SNIPPET_WORDS  # pieces (words and separators) either side of the first match
    pieces: list[tuple[str, bool]] = []
    first: int | None = None
    cut_head = cut_tail = False
    last = 0
    for match in _WORD.finditer(text):
        if match.start() > last:
            pieces.append((text[last : match.start()], False))
        word = match.group()
        hit = query.matches(word)
        pieces.append((word, hit))
        last = match.end()
        if snippet:
            if first is None and hit:
                first = len(pieces) - 1
                if first > window:
                    pieces = pieces[first - window :]
                    first, cut_head = window, True
            elif first is None and len(pieces) > 4 * window:
                pieces = pieces[-window:]  # keep the tail only: the match may still come
                cut_head = True
            if first is not None and len(pieces) - first > window:
                cut_tail = True
                break
    if last < len(text) and not cut_tail:
        pieces.append((text[last:], False))
    if snippet and first is None:  # no word matched (a hit on the lemma column only): the start
        pieces = [(text[: 40 * SNIPPET_WORDS], False)]
        cut_head, cut_tail = False, len(text) > 40 * SNIPPET_WORDS
    html = "".join(f"<mark>{escape(piece)}</mark>" if hit else str(escape(piece)) for piece, hit in pieces)
    return _flatten(("… " if cut_head else "") + html + (" …" if cut_tail else ""))


#: Characters an engine's own highlighter puts around matches; removed from text beforehand.
MARK_START, MARK_END = "\x02", "\x03"
#: Stand-ins for "<" and ">" while an engine highlights (PostgreSQL's parser drops what looks
#: like an HTML tag from a headline; articles may quote markup, which must stay visible as text).
ANGLE_OPEN, ANGLE_CLOSE = "\x04", "\x05"


def marked_to_html(marked: str) -> Markup:
    """An engine's highlighted passage (matches between MARK_START and MARK_END) as safe HTML:
    every piece is escaped, then the markers become ``<mark>``."""
    parts = re.split(f"({MARK_START}|{MARK_END})", marked)
    html: list[str] = []
    open_mark = False
    for part in parts:
        if part == MARK_START and not open_mark:
            html.append("<mark>")
            open_mark = True
        elif part == MARK_END and open_mark:
            html.append("</mark>")
            open_mark = False
        elif part not in (MARK_START, MARK_END):
            html.append(str(escape(part.replace(ANGLE_OPEN, "<").replace(ANGLE_CLOSE, ">"))))
    if open_mark:
        html.append("</mark>")
    return _flatten("".join(html))


def _flatten(html: str) -> Markup:
    return Markup(" ".join(html.split()))  # pieces were escaped by the callers; paragraph breaks are spaces


__all__ = [
    "IndexDoc",
    "Query",
    "Term",
    "fold",
    "fold_text",
    "highlight",
    "index_doc",
    "lemma",
    "lemmas_of",
    "marked_to_html",
]
