"""Full-text search over article titles, texts and quotations: SQLite FTS5, German-aware.

The index lives in its own tables (``search_*``) in the store's database file and is built
from the store, never the other way round:

1. Every article becomes one FTS row (title, body) and every quotation one row (quote text,
   speaker), each with a ``lemmas`` column: the simplemma lemma of every word, so "Waffenlieferungen"
   finds "Waffenlieferung" and "sagte" finds "sagen". The ``unicode61 remove_diacritics 2``
   tokenizer folds case and accents ("Türkei" = "turkei").
2. Entities and quotations also go to plain tables (``search_entities``, ``search_quotes``) that
   the person/organisation pages and the JSON API query.
3. :meth:`SearchIndex.update` indexes the articles not yet indexed (articles are immutable: their
   id is the hash of the body), so it is cheap to call on start-up and after every ingest.
4. A query is split into words; each word must match (AND) either as a prefix of a title/body
   word or through its lemma. Filters (date range, outlet, language, speaker) are applied in SQL.
5. Highlighting happens in Python on the stored text: the text is split into words and
   separators, every piece is HTML-escaped, and only then are matching words wrapped in ``<mark>``.
"""

from __future__ import annotations

import contextlib
import re
import sqlite3
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from pressespiegel.records import Article

INDEX_VERSION = 2
SCHEMA = """
CREATE TABLE IF NOT EXISTS search_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS search_articles (
    article_id TEXT PRIMARY KEY,
    published TEXT,
    outlet TEXT,
    language TEXT
);
CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5(
    kind UNINDEXED, article_id UNINDEXED, quote_no UNINDEXED, speaker UNINDEXED,
    title, body, lemmas,
    tokenize = "unicode61 remove_diacritics 2", prefix = '3'
);
CREATE TABLE IF NOT EXISTS search_entities (
    article_id TEXT NOT NULL,
    name TEXT NOT NULL,
    label TEXT NOT NULL,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, name, label)
);
CREATE INDEX IF NOT EXISTS search_entities_name ON search_entities (name);
CREATE TABLE IF NOT EXISTS search_quotes (
    article_id TEXT NOT NULL,
    quote_no INTEGER NOT NULL,
    speaker TEXT,
    role TEXT,
    text TEXT NOT NULL,
    type TEXT,
    cue TEXT,
    published TEXT,
    outlet TEXT,
    PRIMARY KEY (article_id, quote_no)
);
CREATE INDEX IF NOT EXISTS search_quotes_speaker ON search_quotes (speaker);
"""
#: Column weights for bm25 (kind, article_id, quote_no, speaker, title, body, lemmas): a title
#: hit counts most, an exact word more than a lemma-only hit.
BM25_WEIGHTS = (0.0, 0.0, 0.0, 0.0, 6.0, 1.0, 0.5)
#: Words of context either side of the first match in a snippet.
SNIPPET_WORDS = 18
#: Longest query taken, in words (a pasted paragraph should not build a huge FTS expression).
MAX_QUERY_WORDS = 12
_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=65_536)
def fold(word: str) -> str:
    """Lower case without diacritics: how the FTS tokenizer compares words."""
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
    return " ".join(lemma(w) for w in _WORD.findall(text))


@dataclass(frozen=True, kw_only=True, slots=True)
class Filters:
    """Optional restrictions of a search; dates are ISO days (inclusive)."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    language: str | None = None
    speaker: str | None = None


@dataclass(frozen=True, kw_only=True, slots=True)
class Hit:
    """One search result: an article, or a quotation in an article."""

    kind: str  # "article" or "quote"
    article_id: str
    title: str
    snippet: Markup
    speaker: str | None
    published: str | None
    outlet: str | None
    language: str | None
    score: float

    def to_json(self) -> dict[str, Any]:
        return {
            "kind": self.kind, "article": self.article_id, "title": self.title,
            "snippet_html": str(self.snippet), "speaker": self.speaker, "published": self.published,
            "outlet": self.outlet, "language": self.language, "score": round(self.score, 4),
        }  # fmt: skip


@dataclass(frozen=True, kw_only=True, slots=True)
class Query:
    """A parsed user query: its words, folded, and their lemmas."""

    words: tuple[str, ...]
    lemmas: tuple[str, ...]

    @classmethod
    def parse(cls, text: str) -> Query:
        words = tuple(dict.fromkeys(_WORD.findall(text)))[:MAX_QUERY_WORDS]
        return cls(words=tuple(fold(w) for w in words), lemmas=tuple(lemma(w) for w in words))

    def fts(self) -> str:
        """The FTS5 MATCH expression; every word is a quoted string, so no user syntax gets through."""
        parts = []
        for word, lem in zip(self.words, self.lemmas, strict=True):
            options = [f'{{title body}} : "{word}"*', f'lemmas : "{lem}"']
            parts.append("(" + " OR ".join(options) + ")")
        return " AND ".join(parts)

    def matches(self, word: str) -> bool:
        folded = fold(word)
        return any(folded.startswith(w) for w in self.words) or lemma(word) in self.lemmas


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
    html = ("… " if cut_head else "") + html + (" …" if cut_tail else "")
    return Markup(" ".join(html.split()))  # pieces escaped above; paragraph breaks are spaces


class SearchIndex:
    """The search tables of one database file, on its own connection (one per thread)."""

    def __init__(self, path: Path | str) -> None:
        self.path = Path(path)
        self._db = sqlite3.connect(self.path, isolation_level=None)
        self._db.execute("PRAGMA busy_timeout = 30000")
        self._db.execute("PRAGMA journal_mode = WAL")
        row = None
        with contextlib.suppress(sqlite3.OperationalError):  # no search tables yet
            row = self._db.execute("SELECT value FROM search_meta WHERE key = 'version'").fetchone()
        if row is not None and int(row[0]) != INDEX_VERSION:
            self._drop()
        self._db.executescript(SCHEMA)
        self._db.execute(
            "INSERT OR REPLACE INTO search_meta (key, value) VALUES ('version', ?)", (str(INDEX_VERSION),)
        )

    def _drop(self) -> None:
        for table in ("search_fts", "search_articles", "search_entities", "search_quotes", "search_meta"):
            self._db.execute(f"DROP TABLE IF EXISTS {table}")

    def close(self) -> None:
        self._db.close()

    # -- building ------------------------------------------------------------------------------
    def indexed_ids(self) -> set[str]:
        return {row[0] for row in self._db.execute("SELECT article_id FROM search_articles")}

    def update(self, articles: Iterable[Article]) -> int:
        """Index the given articles that are not indexed yet; return how many were added."""
        known = self.indexed_ids()
        fresh = [a for a in articles if a.id not in known]
        if not fresh:
            return 0
        self._db.execute("BEGIN IMMEDIATE")
        try:
            for article in fresh:
                self._add(article)
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        return len(fresh)

    def _add(self, article: Article) -> None:
        published = article.published.value if article.published else None
        analysis = article.analysis or {}
        text = article.text
        title = article.title or ""
        quotes = [q for q in analysis.get("quotes") or [] if (q.get("quote") or {}).get("text")]
        speakers = sorted({q.get("speaker_name") for q in quotes if q.get("speaker_name")})
        self._db.execute(
            "INSERT OR REPLACE INTO search_articles (article_id, published, outlet, language)"
            " VALUES (?, ?, ?, ?)",
            (article.id, published, article.outlet, article.language),
        )
        self._db.execute(
            "INSERT INTO search_fts (kind, article_id, quote_no, speaker, title, body, lemmas)"
            " VALUES ('article', ?, NULL, ?, ?, ?, ?)",
            (article.id, "\n".join(speakers), title, text, lemmas_of(title + " " + text)),
        )
        for number, quote in enumerate(quotes):
            body = quote["quote"]["text"]
            speaker = quote.get("speaker_name") or None
            self._db.execute(
                "INSERT INTO search_fts (kind, article_id, quote_no, speaker, title, body, lemmas)"
                " VALUES ('quote', ?, ?, ?, ?, ?, ?)",
                (article.id, number, speaker, title, body, lemmas_of(body + " " + (speaker or ""))),
            )
            self._db.execute(
                "INSERT OR REPLACE INTO search_quotes (article_id, quote_no, speaker, role, text, type, cue,"
                " published, outlet) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    article.id, number, speaker, quote.get("speaker_role"), body, quote.get("type"),
                    (quote.get("cue") or {}).get("text"), published, article.outlet,
                ),
            )  # fmt: skip
        counts: dict[tuple[str, str], int] = {}
        for entity in analysis.get("entities") or []:
            # The canonical name (analyze.linking): "Putin", "Putins" and "Wladimir Putin" are one row,
            # so an entity page counts all their mentions and never lists the entity next to itself.
            name = str(entity.get("name") or entity.get("text") or "").strip()
            label = str(entity.get("label") or "")
            if name and label:
                counts[name, label] = counts.get((name, label), 0) + 1
        self._db.executemany(
            "INSERT OR REPLACE INTO search_entities (article_id, name, label, mentions) VALUES (?, ?, ?, ?)",
            [(article.id, name, label, n) for (name, label), n in counts.items()],
        )

    # -- querying ------------------------------------------------------------------------------
    def search(
        self, text: str, filters: Filters | None = None, *, limit: int = 50, offset: int = 0
    ) -> tuple[list[Hit], int]:
        """Hits for ``text`` (best first) and the total number of hits."""
        filters = filters or Filters()
        query = Query.parse(text)
        if not query.words:
            return [], 0
        where, params = ["search_fts MATCH ?"], [query.fts()]
        if filters.since:
            where.append("a.published >= ?")
            params.append(filters.since[:10])
        if filters.until:
            where.append("substr(a.published, 1, 10) <= ?")
            params.append(filters.until[:10])
        if filters.outlet:
            where.append("a.outlet = ?")
            params.append(filters.outlet)
        if filters.language:
            where.append("a.language = ?")
            params.append(filters.language)
        if filters.speaker:
            where.append("instr(lower(coalesce(f.speaker, '')), lower(?)) > 0")
            params.append(filters.speaker)
        clause = " AND ".join(where)
        base = f"FROM search_fts f JOIN search_articles a ON a.article_id = f.article_id WHERE {clause}"
        try:
            total = int(self._db.execute(f"SELECT count(*) {base}", params).fetchone()[0])
            weights = ", ".join(str(w) for w in BM25_WEIGHTS)
            rows = self._db.execute(
                f"SELECT f.kind, f.article_id, f.speaker, f.title, f.body, a.published, a.outlet, a.language,"
                f" bm25(search_fts, {weights}) AS rank {base} ORDER BY rank LIMIT ? OFFSET ?",
                [*params, limit, offset],
            ).fetchall()
        except sqlite3.OperationalError:  # a query FTS cannot parse: no hits rather than an error
            return [], 0
        hits = []
        for kind, article_id, speaker, title, body, published, outlet, language, rank in rows:
            snippet = highlight(body, query, snippet=kind == "article")
            hits.append(Hit(kind=kind, article_id=article_id, title=title or "", speaker=speaker or None,
                            snippet=snippet, published=published, outlet=outlet, language=language,
                            score=-float(rank)))  # fmt: skip
        return hits, total

    def facets(self) -> dict[str, list[str]]:
        """The values the filters can take: outlets and languages."""
        sql = "SELECT DISTINCT {0} FROM search_articles WHERE {0} IS NOT NULL ORDER BY {0}"
        outlets = [r[0] for r in self._db.execute(sql.format("outlet"))]
        languages = [r[0] for r in self._db.execute(sql.format("language"))]
        return {"outlets": outlets, "languages": languages}

    # -- entities and quotations ---------------------------------------------------------------
    def entities(self, *, label: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        """Entities by the number of articles mentioning them."""
        rows = self._db.execute(
            "SELECT name, label, count(*) AS articles, sum(mentions) FROM search_entities"
            " WHERE (? IS NULL OR label = ?) GROUP BY name, label ORDER BY articles DESC, name LIMIT ?",
            (label, label, limit),
        ).fetchall()
        return [{"name": n, "label": lb, "articles": a, "mentions": m} for n, lb, a, m in rows]

    def entity_articles(self, name: str) -> list[tuple[str, str]]:
        """(article id, label) of the articles mentioning ``name``."""
        rows = self._db.execute(
            "SELECT DISTINCT article_id, label FROM search_entities WHERE name = ?", (name,)
        )
        return [(r[0], r[1]) for r in rows]

    def co_mentions(self, article_ids: Sequence[str], name: str, *, limit: int = 20) -> list[dict[str, Any]]:
        """Other entities in the given articles, by the number of those articles they appear in."""
        if not article_ids:
            return []
        marks = ",".join("?" * len(article_ids))
        rows = self._db.execute(
            f"SELECT name, label, count(DISTINCT article_id) AS n FROM search_entities"
            f" WHERE article_id IN ({marks}) AND name != ? GROUP BY name, label"
            f" ORDER BY n DESC, name LIMIT ?",
            [*article_ids, name, limit],
        ).fetchall()
        return [{"name": n, "label": lb, "articles": c} for n, lb, c in rows]

    def quotes(self, *, speaker: str | None = None, limit: int = 500) -> list[dict[str, Any]]:
        """Quotations with a speaker, oldest first; ``speaker`` matches a part of the name."""
        rows = self._db.execute(
            "SELECT article_id, quote_no, speaker, role, text, type, cue, published, outlet"
            " FROM search_quotes WHERE speaker IS NOT NULL"
            " AND (? IS NULL OR instr(lower(speaker), lower(?)) > 0"
            " OR (length(speaker) >= 4 AND instr(lower(?), lower(speaker)) > 0))"
            " ORDER BY published IS NULL, published, article_id, quote_no LIMIT ?",
            (speaker, speaker, speaker, limit),
        ).fetchall()
        keys = ("article", "number", "speaker", "role", "text", "type", "cue", "published", "outlet")
        return [dict(zip(keys, row, strict=True)) for row in rows]


__all__ = ["Filters", "Hit", "Query", "SearchIndex", "fold", "highlight", "lemma"]
